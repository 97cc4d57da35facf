// A Dear ImGui context without a window or GPU, set up as client/app.cpp sets up the real one, for
// the headless UI tests (tests/client, tests/widgets) and the frame benches (bench/): after imgui's
// examples/example_null. The window itself never uses this.
#pragma once

#include <imgui.h>

#include "stellwerk/widgets/theme.hpp"

namespace ui::testing {

// Key indices for io.KeysDown, as the GLFW backend uses them (digits and Space equal ASCII).
namespace key {
inline constexpr int space = 32;
inline constexpr int escape = 256;
inline constexpr int enter = 257;
inline constexpr int tab = 258;
inline constexpr int right = 262;
inline constexpr int left = 263;
inline constexpr int down = 264;
inline constexpr int up = 265;
inline constexpr int keypad_enter = 335;
}  // namespace key

// Configures the current context: no ini or log file, `display` pixels at 60 frames a second, the
// GLFW key map, the client's fonts at `scale` built into the atlas, then the theme at the same
// scale (the app's order). Keyboard navigation is left to the caller, as the app turns it on.
void configure_headless_context(ThemeId theme, float scale, ImVec2 display);

}  // namespace ui::testing
