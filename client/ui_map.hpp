// A map of the window's controls for automation with real input (tests/gui/*.sh): when
// STELLWERK_UI_MAP names a file, each frame's controls are written to it as lines of
// "identity x0 y0 x1 y1" in window pixels, replaced atomically and only when something moved.
// The map holds identities and places, never what a control shows, so it leaks nothing personal.
// Used by the desktop window and the kiosk alike.
#pragma once

#include <string>

#include "stellwerk/widgets/item_locator.hpp"

namespace stellwerk::client {

class UiMap {
 public:
  UiMap();
  UiMap(const UiMap&) = delete;
  UiMap& operator=(const UiMap&) = delete;
  ~UiMap();

  void begin_frame();
  void end_frame();

 private:
  std::string file_;
  std::string written_;
  ui::testing::ItemLocator locator_;
};

}  // namespace stellwerk::client
