// The kiosk's screens. One full-screen window: a top bar (building, date and time, the one-touch
// switches for contrast, text size, language and speech), the screen of the moment, and on top of it
// the idle warning. Screens draw from a const KioskState and report intents; they keep only what
// ImGui needs between frames (the floor shown, the plan's zoom).
//
// Touch: every control a person taps is at least kTouchTarget pixels high and wide at scale 1.
// Keyboard: Tab and the arrow keys move between controls, Enter and Space press them; digits go to
// the PIN or badge without any field having the focus (KioskKeys, kiosk_keys.hpp).
#pragma once

#include <cstddef>
#include <string>

#include "kiosk_state.hpp"
#include "stellwerk/widgets/floor_plan.hpp"

namespace stellwerk::kiosk {

inline constexpr float kTouchTarget = 44.0f;

class KioskView {
 public:
  void draw(const KioskState& state, Intents& out);
  // The words of the control that had the keyboard focus in the last frame ("Check in"), for
  // speech output; empty when none had it.
  const std::string& focused_words() const { return focused_words_; }

 private:
  void top_bar(const KioskState& state, Intents& out);
  void idle(const KioskState& state, Intents& out);
  void floor_tabs(const BuildingToday& today, std::size_t& chosen, const char* identity);
  void plan(const KioskState& state, std::span<const Place> places, const Id& floor_id, ui::PlanView& view,
            float height, Intents* out);
  void person(const KioskState& state, Intents& out);
  void book(const KioskState& state, Intents& out);
  void confirmation(const KioskState& state, Intents& out);
  void idle_warning(const KioskState& state, Intents& out);

  std::size_t idle_floor_ = 0;
  std::size_t book_floor_ = 0;
  ui::PlanView idle_plan_;
  ui::PlanView book_plan_;
  Id shown_floor_;
  std::string focused_words_;
  bool warning_shown_ = false;
  bool shift_ = false;  // the on-screen keyboard types capitals
};

// The PIN pad, the on-screen keyboard and the facility PIN (kiosk_sign_in_view.cpp).
void pin_pad(const KioskState& state, const char* title, std::size_t typed, Intents& out);
void on_screen_keyboard(const KioskState& state, bool& shift, Intents& out);

// Shared by the screens (kiosk_view.cpp).
float touch_size();  // kTouchTarget at the current scale, at least 2.75 em
bool TouchButton(const char* label, float width = 0.0f);
// Records the last item's visible label as the focused words when it has the keyboard focus.
void note_focus(const char* label);
void MessageLine(const KioskState& state);
// "09:30", Berlin time.
std::string clock_text(Instant when);
// "Text###identity"
std::string labelled(const char* text, const char* identity);

}  // namespace stellwerk::kiosk
