// The views of the main window, one class per view (one file each), plus the shell that frames
// them with the navigation side bar and the status bar. Every view draws from a const AppState and
// reports what the person did as intents; none of them touches the store or the network. A view
// object keeps only what ImGui needs between frames (text typed into a field, an open question).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "../app_state.hpp"
#include "../intents.hpp"
#include "stellwerk/widgets/floor_plan.hpp"

namespace stellwerk::client {

class HomeView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_bookings(const AppState& state, Intents& out);
  Id cancelling_;  // the booking whose cancellation waits for "Yes, cancel"
};

// Forms of the Desks view that live between frames (desks_parts.hpp draws them).
struct RecurringForm {                 // "Book recurring…": a modal dialog
  Id resource_id;
  std::string resource_name;
  std::array<bool, 7> weekdays{};      // Monday … Sunday
  Date until{};
};
struct RoomForm {                      // a free cell picked in a meeting room's timeline
  Id room_id;
  MinuteRange range;
};
struct CancelRangeForm {               // "Cancel a date range" in My bookings
  Date from{};
  Date to{};
  bool confirming = false;
};

class DesksView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_plan(const AppState& state, Intents& out);
  void draw_list(const AppState& state, Intents& out);
  void draw_details(const AppState& state, Intents& out);
  void draw_rooms(const AppState& state, Intents& out);
  void draw_my_bookings(const AppState& state, Intents& out);
  void draw_recurring(const AppState& state, Intents& out);
  void open_recurring(const AppState& state, const Resource& resource);
  // Activating a place (click or Enter, on the plan or in the list): books it when it is free and
  // bookable, and shows its details either way.
  void activate(const AppState& state, const Resource& resource, Intents& out);

  ui::PlanView plan_;
  Id plan_floor_;                        // the floor `plan_` was fitted to
  std::optional<RecurringForm> recurring_;
  bool recurring_opening_ = false;       // OpenPopup waits for the next draw_recurring
  std::optional<RoomForm> room_form_;
  CancelRangeForm cancel_range_;
  Id cancelling_;                        // the booking whose cancellation waits for "Yes, cancel"
};

class ScheduleView {
 public:
  void draw(const AppState& state, Intents& out);
};

class TrainingView {
 public:
  void draw(const AppState& state, Intents& out);
};

class SettingsView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_account(const AppState& state, Intents& out);
  bool confirming_sign_out_ = false;  // changes are pending: "Sign out" asks once more
};

// Shown instead of the views while nobody is signed in (needs_sign_in in app_state.hpp).
class SignInView {
 public:
  void draw(const AppState& state, Intents& out);
  // The screen was not drawn this frame: the next time it appears it is filled in afresh.
  void hidden();

 private:
  void prefill(const AppState& state);
  void submit(Intents& out);

  std::array<char, 512> server_{};
  std::array<char, 256> username_{};
  std::array<char, 256> password_{};
  const char* hint_ = nullptr;  // untranslated: why the form was not sent (translated when drawn)
  bool shown_ = false;
  bool focus_ = false;          // put the keyboard focus into the first empty field
};

// A modal dialog over every view when the server refused a booking: the server's reason and the
// nearest free places with the same features to book instead. A refusal the person answered or put
// off ("Decide later") is not asked about again in this session; it stays on Home until dismissed.
class ConflictDialog {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  std::set<std::int64_t> put_aside_;  // mutation ids
  std::int64_t shown_ = 0;            // the mutation id the open dialog is about; 0: none
};

// The whole main window: side bar, the current view, status bar, notices. Fills the viewport.
class Shell {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  HomeView home_;
  DesksView desks_;
  ScheduleView schedule_;
  TrainingView training_;
  SettingsView settings_;
  SignInView sign_in_;
  ConflictDialog conflict_dialog_;
};

}  // namespace stellwerk::client
