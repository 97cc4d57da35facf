// Desks: the floor plan, the list, the meeting rooms' timelines and the person's own bookings
// (desks_view.cpp and its parts, desks_parts.hpp).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "intents.hpp"
#include "stellwerk/widgets/floor_plan.hpp"

namespace stellwerk::client {

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

struct PlaceForm {                     // "Edit plan": the place being edited, as it will be saved
  Resource place;
  Resource base;                       // the place as the form opened it or last saved it
  bool is_new = false;                 // not yet in the cache
  std::array<char, 401> name{};        // the text fields' buffers
  std::array<char, 201> reason{};
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
  // The floor-plan editor (desks_editor.cpp), shown to facility admins only.
  void draw_editor(const AppState& state, Intents& out);
  void draw_editor_plan(const AppState& state, const Floor& floor, float height, Intents& out);
  void draw_place_form(const AppState& state, const Floor& floor, Intents& out);
  void draw_closure_fields(const AppState& state);
  // The floor's drawing: whether it has one, and a PNG or JPEG file to send as its new one.
  void draw_drawing_upload(const AppState& state, const Floor& floor, Intents& out);
  // Save, undo, remove (with its question); false when the form closed.
  bool draw_form_actions(const AppState& state, const Floor& floor, Intents& out);
  void open_place(const Resource& place, bool is_new);
  std::vector<Resource> edited_places(const AppState& state) const;
  // The form holds a new place, or changes the person made that are not saved yet (against the
  // place as the form opened it, so another admin's change arriving meanwhile is not one).
  bool form_unsaved() const;

  ui::PlanView plan_;
  Id plan_floor_;                        // the floor `plan_` was fitted to
  std::optional<RecurringForm> recurring_;
  bool recurring_opening_ = false;       // OpenPopup waits for the next draw_recurring
  std::optional<RoomForm> room_form_;
  CancelRangeForm cancel_range_;
  Id cancelling_;                        // the booking whose cancellation waits for "Yes, cancel"
  std::optional<PlaceForm> place_form_;
  std::array<char, 1024> drawing_path_{};  // the file the editor's "Upload drawing" sends
};

}  // namespace stellwerk::client
