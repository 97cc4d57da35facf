// The views of the main window, one class per view (one file each), plus the shell that frames
// them with the navigation side bar and the status bar. Every view draws from a const AppState and
// reports what the person did as intents; none of them touches the store or the network. A view
// object keeps only what ImGui needs between frames (text typed into a field, an open question).
#pragma once

#include <array>
#include <cstdint>

#include "../app_state.hpp"
#include "../intents.hpp"

namespace stellwerk::client {

class HomeView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_bookings(const AppState& state, Intents& out);
  Id cancelling_;  // the booking whose cancellation waits for "Yes, cancel"
};

class DesksView {
 public:
  void draw(const AppState& state, Intents& out);
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
};

}  // namespace stellwerk::client
