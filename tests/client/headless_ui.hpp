// A headless Dear ImGui 1.86 session for person-like UI tests, after imgui's examples/example_null:
// one ImGui context with our fonts and theme, no window and no GPU. A test feeds input through
// ImGuiIO (mouse position and button, keys), draws the Shell for a frame and gets back the intents
// the frame emitted and the text it showed. Items are found by their "###identity" through
// ui::testing::ItemLocator, so a test clicks "lang-en" the way a person clicks "English".
//
// IM_ASSERT: Debian's libimgui.a is built with assert() enabled, so misuse of ImGui (unbalanced
// Begin/End, a bad push/pop) aborts the process with the failing expression on stderr. CTest runs
// every discovered test in its own process, so such an abort fails exactly the test that caused it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

#include "intents.hpp"
#include "stellwerk/widgets/headless.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/theme.hpp"
#include "shell.hpp"

namespace stellwerk::client::testing {

namespace key = ui::testing::key;

class HeadlessUi {
 public:
  explicit HeadlessUi(ui::ThemeId theme = ui::ThemeId::light, float scale = 1.0f,
                      ImVec2 display = ImVec2(1280.0f, 800.0f));
  ~HeadlessUi();
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  // Draws the shell once with the input as it is now; returns the intents of that frame.
  Intents frame(const AppState& state);
  Intents frames(const AppState& state, int count);

  // Moves the mouse onto the item's centre, presses and releases the left button (three frames,
  // ImGui buttons fire on release). Fails the test when the item was not drawn in the last frame.
  Intents click(const AppState& state, std::string_view identity);
  // Holds `key` down for one frame and releases it in the next (with Ctrl held when asked), then
  // draws one more frame for what the key started (Tab into a text field starts editing it).
  Intents press_key(const AppState& state, int key_index, bool ctrl = false);
  // Types `text` (ASCII) into the field that has the keyboard focus, one frame for all of it.
  Intents type(const AppState& state, std::string_view text);

  // Where the item was drawn in the last frame; nullopt when it was not drawn.
  std::optional<ui::testing::ItemRect> find(std::string_view identity) const { return locator_.find(identity); }
  bool shows(std::string_view identity) const { return find(identity).has_value(); }
  // The identity of the item with the keyboard focus in the last frame; "" when none has it.
  const std::string& focused() const { return locator_.focused(); }
  // The text the last frame showed (ImGui's log of rendered text), for "the person reads …" checks.
  const std::string& text() const { return text_; }
  bool shows_text(std::string_view words) const { return text_.find(words) != std::string::npos; }

  ImGuiIO& io() { return ImGui::GetIO(); }

 private:
  ImGuiContext* context_ = nullptr;
  ui::testing::ItemLocator locator_;
  Shell shell_;
  std::string text_;
};

}  // namespace stellwerk::client::testing
