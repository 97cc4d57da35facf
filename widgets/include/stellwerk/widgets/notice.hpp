// A short notice that tells the person what became of something they did ("Booking saved –
// pending", "Confirmed", "Refused: the desk was taken"). It is drawn in the flow of the window, not
// as a floating popup, so it never takes the keyboard focus and is reached like every other control
// (Tab or the arrow keys land on its close button). Its state is said by an icon and a word, never
// by colour alone. How long it stays is the caller's decision: Notice() only reports whether the
// person dismissed it and whether the pointer or the keyboard focus rests on it (then it must stay).
#pragma once

#include <string_view>

#include "stellwerk/widgets/widgets.hpp"

namespace ui {

struct NoticeResult {
  bool dismissed = false;  // the close button was activated, or Escape pressed while it had the focus
  bool holding = false;    // hovered or focused: the person is reading it
};

// One notice: `icon` in the tone's colour, then "`state_word`: `text`" wrapped, then a close button
// labelled `close_label` with the identity "<identity>-close".
NoticeResult Notice(const char* identity, const char* icon, Tone tone, std::string_view state_word,
                    std::string_view text, const char* close_label);

}  // namespace ui
