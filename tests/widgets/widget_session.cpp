// The headless session of widget_session.hpp: context set-up as in tests/client/headless_ui.cpp
// (fonts built into the atlas, the GLFW key map, 60 frames a second) and the input helpers.
#include "widget_session.hpp"

#include <cfloat>

#include <gtest/gtest.h>

#include "stellwerk/widgets/fonts.hpp"

namespace widget_tests {
namespace {

// ImGui hands its log of rendered text to the "clipboard" when the logged window ends.
void collect_logged_text(void* user_data, const char* text) { *static_cast<std::string*>(user_data) += text; }

}  // namespace

WidgetSession::WidgetSession(ui::ThemeId theme, float scale, ImVec2 display) {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ui::testing::configure_headless_context(theme, scale, display);
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = collect_logged_text;
  io.ClipboardUserData = &text_;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui::testing::install_locator(&locator_);
}

WidgetSession::~WidgetSession() {
  ui::testing::install_locator(nullptr);
  ImGui::DestroyContext(context_);
}

void WidgetSession::frame(const Draw& draw) {
  locator_.clear();
  text_.clear();
  ImGui::NewFrame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  if (logging_) ImGui::LogToClipboard();
  // Like the Shell's main window: no title, not movable, so a click on empty space moves nothing.
  ImGui::Begin("###widget-test", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  draw();
  ImGui::End();
  if (logging_) ImGui::LogFinish();
  ImGui::Render();
  vertices_ = ImGui::GetDrawData()->TotalVtxCount;
}

void WidgetSession::frames(const Draw& draw, int count) {
  for (int i = 0; i < count; ++i) frame(draw);
}

bool WidgetSession::click(std::string_view identity, const Draw& draw) {
  frame(draw);
  const auto rect = find(identity);
  if (!rect) {
    ADD_FAILURE() << "no item '" << identity << "' on screen to click";
    return false;
  }
  click_at(rect->center(), draw);
  return true;
}

void WidgetSession::click_at(ImVec2 point, const Draw& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = point;
  io.MouseDown[0] = false;
  frame(draw);
  io.MouseDown[0] = true;
  frame(draw);
  io.MouseDown[0] = false;
  frame(draw);
}

void WidgetSession::drag(ImVec2 from, ImVec2 to, int button, const Draw& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = from;
  frame(draw);
  io.MouseDown[button] = true;
  frame(draw);
  constexpr int kSteps = 5;
  for (int i = 1; i <= kSteps; ++i) {
    const float t = static_cast<float>(i) / kSteps;
    io.MousePos = ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
    frame(draw);
  }
  io.MouseDown[button] = false;
  frame(draw);
}

void WidgetSession::wheel(ImVec2 at, float notches, const Draw& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  frame(draw);  // hover first: ImGui routes the wheel by what was hovered in the previous frame
  io.MouseWheel = notches;
  frame(draw);
  io.MouseWheel = 0.0f;
  frame(draw);
}

void WidgetSession::press_key(int key_index, const Draw& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[key_index] = true;
  frame(draw);
  io.KeysDown[key_index] = false;
  frame(draw);
}

void WidgetSession::type(char c, const Draw& draw) {
  ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
  frame(draw);
  frame(draw);
}

}  // namespace widget_tests
