// A headless Dear ImGui 1.86 session for testing one widget the way a person uses it, after
// imgui's examples/example_null and tests/client/headless_ui.hpp (which drives the whole Shell and
// therefore needs the client): one context with our fonts and theme, no window and no GPU. The
// widget is drawn by a callback inside one full-screen window, input goes in through ImGuiIO, and
// items are found by their identity through ui::testing::ItemLocator.
//
// IM_ASSERT: Debian's libimgui.a is built with assert() enabled, so misuse of ImGui aborts the
// process; CTest runs each discovered test in its own process, so that fails exactly one test.
#pragma once

#include <cfloat>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

#include "stellwerk/widgets/headless.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace widget_tests {

namespace key = ui::testing::key;

class WidgetSession {
 public:
  using Draw = std::function<void()>;

  // Keyboard navigation is on, as client/app.cpp turns it on.
  explicit WidgetSession(ui::ThemeId theme = ui::ThemeId::light, float scale = 1.0f,
                         ImVec2 display = ImVec2(1280.0f, 800.0f));
  ~WidgetSession();
  WidgetSession(const WidgetSession&) = delete;
  WidgetSession& operator=(const WidgetSession&) = delete;

  // One frame with the input as it is now: NewFrame, `draw` inside the test window, Render.
  void frame(const Draw& draw);
  void frames(const Draw& draw, int count);

  // Moves the mouse onto the item's centre, presses and releases the left button (three frames;
  // ImGui buttons fire on release). Returns false (and fails the test) when it was not drawn.
  bool click(std::string_view identity, const Draw& draw);
  void click_at(ImVec2 point, const Draw& draw);
  // Presses `button` at `from`, moves to `to` over several frames and releases it there.
  void drag(ImVec2 from, ImVec2 to, int button, const Draw& draw);
  // One frame with the mouse at `at` and the wheel turned by `notches` (positive: away from you).
  void wheel(ImVec2 at, float notches, const Draw& draw);
  // Holds `key_index` down for one frame and releases it in the next.
  void press_key(int key_index, const Draw& draw);
  // Types one character (as the platform's character callback would) in one frame, then one more.
  void type(char c, const Draw& draw);
  // Whether frames log their text for text(). ImGui turns ImGuiListClipper off while it logs, so
  // a test of clipping turns logging off.
  void set_logging(bool on) { logging_ = on; }

  std::optional<ui::testing::ItemRect> find(std::string_view identity) const { return locator_.find(identity); }
  bool shows(std::string_view identity) const { return find(identity).has_value(); }
  std::size_t items_recorded() const { return locator_.size(); }
  // The text the last frame showed (ImGui's log of rendered text). A tooltip window ends the log
  // early (ImGui stops logging at the End() of any top-level window), so text checks keep the
  // mouse away.
  const std::string& text() const { return text_; }
  bool shows_text(std::string_view words) const { return text_.find(words) != std::string::npos; }
  // Vertices the last frame submitted, all windows together.
  int vertices() const { return vertices_; }

 private:
  ImGuiContext* context_ = nullptr;
  ui::testing::ItemLocator locator_;
  std::string text_;
  int vertices_ = 0;
  bool logging_ = true;
};

}  // namespace widget_tests
