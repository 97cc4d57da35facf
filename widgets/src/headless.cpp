// The headless context of headless.hpp.
#include "stellwerk/widgets/headless.hpp"

#include "stellwerk/widgets/fonts.hpp"

namespace ui::testing {

void configure_headless_context(ThemeId theme, float scale, ImVec2 display) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing is left behind
  io.LogFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  io.KeyMap[ImGuiKey_Tab] = key::tab;
  io.KeyMap[ImGuiKey_LeftArrow] = key::left;
  io.KeyMap[ImGuiKey_RightArrow] = key::right;
  io.KeyMap[ImGuiKey_UpArrow] = key::up;
  io.KeyMap[ImGuiKey_DownArrow] = key::down;
  io.KeyMap[ImGuiKey_Space] = key::space;
  io.KeyMap[ImGuiKey_Enter] = key::enter;
  io.KeyMap[ImGuiKey_Escape] = key::escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = key::keypad_enter;
  load_fonts(scale);
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  apply_theme(theme, scale);
}

}  // namespace ui::testing
