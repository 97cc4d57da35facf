// The headless ImGui session of headless_ui.hpp: context set-up as in examples/example_null (fonts
// built into the atlas, a 1280×800 display unless the test asks for another, 60 frames a second) and the input helpers.
#include "headless_ui.hpp"

#include <cfloat>

#include <gtest/gtest.h>

#include "stellwerk/widgets/fonts.hpp"

namespace stellwerk::client::testing {
namespace {

// ImGui hands the log of rendered text to the clipboard when a top-level window ends; the
// "clipboard" of the headless session collects it for HeadlessUi::text().
void collect_logged_text(void* user_data, const char* text) { *static_cast<std::string*>(user_data) += text; }

void append(Intents& to, Intents from) {
  for (Intent& intent : from) to.push_back(std::move(intent));
}

}  // namespace

HeadlessUi::HeadlessUi(ui::ThemeId theme, float scale, ImVec2 display) {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ui::testing::configure_headless_context(theme, scale, display);
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = collect_logged_text;
  io.ClipboardUserData = &text_;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no mouse until a test moves it
  ui::testing::install_locator(&locator_);
}

HeadlessUi::~HeadlessUi() {
  ui::testing::install_locator(nullptr);
  ImGui::DestroyContext(context_);
}

Intents HeadlessUi::frame(const AppState& state) {
  Intents out;
  locator_.clear();  // only what this frame draws can be found afterwards
  text_.clear();
  ImGui::NewFrame();
  // Logging stops at the End() of the next top-level window (the Shell's), which passes the text
  // to collect_logged_text; a tooltip would stop it early, so text checks keep the mouse away.
  ImGui::LogToClipboard();
  shell_.draw(state, out);
  ImGui::LogFinish();
  ImGui::Render();
  return out;
}

Intents HeadlessUi::frames(const AppState& state, int count) {
  Intents out;
  for (int i = 0; i < count; ++i) append(out, frame(state));
  return out;
}

Intents HeadlessUi::click(const AppState& state, std::string_view identity) {
  Intents out = frame(state);  // lays the items out where the person sees them now
  const auto rect = find(identity);
  if (!rect) {
    ADD_FAILURE() << "no item '" << identity << "' on screen to click";
    return out;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = rect->center();
  io.MouseDown[0] = false;
  append(out, frame(state));
  io.MouseDown[0] = true;
  append(out, frame(state));
  io.MouseDown[0] = false;
  append(out, frame(state));
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  return out;
}

Intents HeadlessUi::press_key(const AppState& state, int key_index, bool ctrl) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = ctrl;
  io.KeysDown[key_index] = true;
  Intents out = frame(state);
  io.KeysDown[key_index] = false;
  append(out, frame(state));
  io.KeyCtrl = false;
  // One more frame for what the key started to settle (Tab into a text field starts its editing
  // a frame later), as a person's next key comes long after.
  append(out, frame(state));
  return out;
}

Intents HeadlessUi::type(const AppState& state, std::string_view text) {
  for (const char c : text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
  Intents out = frame(state);
  append(out, frame(state));
  return out;
}

}  // namespace stellwerk::client::testing
