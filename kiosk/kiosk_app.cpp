// The kiosk's window and loop (see kiosk_app.hpp).
//
// Keys: the kiosk installs its own GLFW callbacks and passes to ImGui only what ImGui needs for
// navigation. Characters never reach ImGui (the kiosk has no text fields, and ImGui's input queue
// would keep a PIN's digits); digits, Enter, Backspace and Escape on the sign-in screens go to
// KioskSession. Ctrl+Alt+End asks for the facility PIN that leaves kiosk mode.
//
// Frames: drawn after input or a change, at most a few; the loop wakes once a second for the
// clock and the idle warning. At night (KioskState::night) one dimmed frame is drawn, then none
// until the screen is touched or a key is pressed.
#include "kiosk_app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "config.hpp"
#include "gl_frame.hpp"
#include "kiosk_session.hpp"
#include "kiosk_view.hpp"
#include "speech/speech.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/theme.hpp"
#include "ui_map.hpp"

namespace stellwerk::kiosk {
namespace {

constexpr int kFramesAfterChange = 3;
constexpr double kIdleWake = 5.0;  // seconds between wake-ups with nobody there
constexpr double kBusyWake = 1.0;
constexpr float kLargeTextScale = 1.5f;

struct Window {
  GLFWwindow* glfw = nullptr;
  KioskSession* session = nullptr;
  bool seen = false;  // input arrived since the last frame
};

Window& window_of(GLFWwindow* w) { return *static_cast<Window*>(glfwGetWindowUserPointer(w)); }

void on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
  Window& window = window_of(w);
  window.seen = true;
  window.session->touched(std::chrono::steady_clock::now());
  const bool press = action == GLFW_PRESS || action == GLFW_REPEAT;
  const Screen screen = window.session->state().screen;
  const bool typing = screen == Screen::pin || screen == Screen::password || screen == Screen::leave ||
                      (screen == Screen::idle && !window.session->state().badge->empty());
  if ((key >= GLFW_KEY_0 && key <= GLFW_KEY_9) || (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_9)) return;  // via on_char
  if (press && key == GLFW_KEY_END && (mods & GLFW_MOD_CONTROL) && (mods & GLFW_MOD_ALT)) {
    window.session->leave_requested();
    return;
  }
  if (typing && (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER)) {
    if (press) window.session->key_enter();
    return;
  }
  if (typing && key == GLFW_KEY_BACKSPACE) {
    if (press) window.session->key_erase();
    return;
  }
  if (key == GLFW_KEY_ESCAPE) {
    if (press) window.session->key_escape();
    return;
  }
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}

void on_char(GLFWwindow* w, unsigned int codepoint) {
  Window& window = window_of(w);
  window.seen = true;
  window.session->touched(std::chrono::steady_clock::now());
  if (codepoint < 0x80) window.session->key_typed(static_cast<char>(codepoint));
}

void on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
  Window& window = window_of(w);
  window.seen = true;
  window.session->touched(std::chrono::steady_clock::now());
  ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
}

void on_scroll(GLFWwindow* w, double x, double y) {
  window_of(w).seen = true;
  ImGui_ImplGlfw_ScrollCallback(w, x, y);
}

void on_cursor(GLFWwindow* w, double, double) { window_of(w).seen = true; }
void on_refresh(GLFWwindow* w) { window_of(w).seen = true; }
void on_focus(GLFWwindow* w, int focused) {
  window_of(w).seen = true;
  ImGui_ImplGlfw_WindowFocusCallback(w, focused);
}
void on_cursor_enter(GLFWwindow* w, int entered) {
  window_of(w).seen = true;
  ImGui_ImplGlfw_CursorEnterCallback(w, entered);
}

// The device token: the environment first, then the settings file if only its owner may read it.
std::expected<Secret, std::string> device_token(const client::Config& config, const std::filesystem::path& file) {
  if (const char* token = std::getenv("STELLWERK_KIOSK_TOKEN"); token != nullptr && *token != '\0') {
    return Secret{token};  // kept in the environment: the restart after each sign-out needs it again
  }
  if (!config.kiosk.token) {
    return std::unexpected(fmt::format("--kiosk needs the kiosk's device token: set STELLWERK_KIOSK_TOKEN, or [kiosk] token "
                                       "in {} (docs/kiosk.md)", file.string()));
  }
  if (config.kiosk.token_readable_by_others) {
    return std::unexpected(fmt::format("{} holds the kiosk's device token but other users may read it; "
                                       "run 'chmod 600 {}' or use STELLWERK_KIOSK_TOKEN", file.string(), file.string()));
  }
  return Secret{*config.kiosk.token};
}

GLFWwindow* open_kiosk_window(Window& window, const KioskSettings& settings, float scale, bool screenshot) {
  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "stellwerk: GLFW error %d: %s\n", code, text); });
  if (glfwInit() == GLFW_FALSE) {
    std::fprintf(stderr, "stellwerk: cannot open the display\n");
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
  glfwWindowHint(GLFW_FLOATING, GLFW_TRUE);
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
  // Screenshots keep the documentation's 1280x800; a kiosk fills its screen.
  const int width = screenshot || mode == nullptr ? 1280 : mode->width;
  const int height = screenshot || mode == nullptr ? 800 : mode->height;
  GLFWwindow* glfw = glfwCreateWindow(width, height, "Stellwerk Kiosk", screenshot ? nullptr : monitor, nullptr);
  if (glfw == nullptr) {
    std::fprintf(stderr, "stellwerk: cannot create an OpenGL 3.0 window\n");
    glfwTerminate();
    return nullptr;
  }
  window.glfw = glfw;
  glfwSetWindowUserPointer(glfw, &window);
  glfwMakeContextCurrent(glfw);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;
  io.IniFilename = nullptr;  // a kiosk leaves no trace, not even a window layout
  io.LogFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(glfw, false);
  glfwSetKeyCallback(glfw, on_key);
  glfwSetCharCallback(glfw, on_char);
  glfwSetMouseButtonCallback(glfw, on_mouse_button);
  glfwSetScrollCallback(glfw, on_scroll);
  glfwSetCursorPosCallback(glfw, on_cursor);
  glfwSetCursorEnterCallback(glfw, on_cursor_enter);
  glfwSetWindowFocusCallback(glfw, on_focus);
  glfwSetWindowRefreshCallback(glfw, on_refresh);
  ImGui_ImplOpenGL3_Init("#version 130");
  const float applied = settings.large_text ? scale * kLargeTextScale : scale;
  ui::load_fonts(applied);
  ui::apply_theme(settings.high_contrast ? ui::ThemeId::high_contrast : ui::ThemeId::light, applied);
  return glfw;
}

// Applies contrast, text size and language between frames when the person changed them.
void apply_settings(const KioskSettings& wanted, KioskSettings& applied, float scale) {
  if (wanted.high_contrast != applied.high_contrast || wanted.large_text != applied.large_text) {
    const float size = wanted.large_text ? scale * kLargeTextScale : scale;
    ui::load_fonts(size);
    ui::apply_theme(wanted.high_contrast ? ui::ThemeId::high_contrast : ui::ThemeId::light, size);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  if (wanted.language != applied.language) assets::activate_language(wanted.language);
  applied = wanted;
}

void render(GLFWwindow* glfw, KioskView& view, const KioskState& state, client::UiMap& ui_map, Intents& out) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ui_map.begin_frame();
  view.draw(state, out);
  if (state.night) {
    // Dimmed: a dark veil over the last picture, then no frames until someone touches the screen.
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), ImGui::GetIO().DisplaySize, IM_COL32(0, 0, 0, 200));
  }
  ui_map.end_frame();
  ImGui::Render();
  client::present_imgui_frame(glfw);
}


// Benchmark hook (bench/kiosk_bench.py): with STELLWERK_FRAME_COUNTER naming a file, the number of
// frames drawn so far is written to it after each frame; a dark night writes nothing.
class FrameCounter {
 public:
  FrameCounter() {
    if (const char* path = std::getenv("STELLWERK_FRAME_COUNTER"); path != nullptr && *path != '\0') file_ = path;
  }
  void drawn() {
    ++frames_;
    if (file_.empty()) return;
    if (std::FILE* out = std::fopen(file_.c_str(), "w")) {
      std::fprintf(out, "%llu\n", frames_);
      std::fclose(out);
    }
  }

 private:
  std::string file_;
  unsigned long long frames_ = 0;
};

// Speech output, switched on by the person (or [kiosk] speech): the focused control's words, each
// message (a confirmation or an error) and each new screen's first words, in the UI language.
// eSpeak NG is started the first time speech is switched on, not at every kiosk start.
class Voice {
 public:
  void follow(const KioskState& state, const KioskView& view) {
    if (!state.settings.speech) {
      if (speech_) speech_->stop();
      return;
    }
    if (!speech_) speech_ = std::make_unique<Speech>();
    const std::string message = state.message ? state.message->text : std::string{};
    if (message != message_ && !message.empty()) speech_->speak(message, state.settings.language);
    else if (view.focused_words() != focus_) speech_->speak(view.focused_words(), state.settings.language);
    message_ = message;
    focus_ = view.focused_words();
  }

 private:
  std::unique_ptr<Speech> speech_;
  std::string message_;
  std::string focus_;
};

void close_kiosk_window(GLFWwindow* glfw) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(glfw);
  glfwTerminate();
}

}  // namespace

namespace {

// The kiosk's options from the command line over the settings file; a message when they do not
// make a kiosk (no token, a token others may read, no server).
std::expected<KioskOptions, std::string> kiosk_options(const client::Options& options, float& scale) {
  const std::filesystem::path config_file = options.config_file.value_or(client::default_config_file());
  const auto config = client::load_config(config_file);
  if (!config) return std::unexpected(fmt::format("bad settings file: {}", config.error()));
  auto token = device_token(*config, config_file);
  if (!token) return std::unexpected(token.error());
  const auto server = options.server ? options.server : config->server;
  if (!server) return std::unexpected(std::string{"--kiosk needs --server URL (or server in the settings file)"});
  KioskOptions kiosk;
  kiosk.server_url = *server;
  kiosk.transport.pinned_public_keys = !options.pins.empty() ? options.pins : config->pins;
  kiosk.device_token = std::move(*token);
  kiosk.idle_timeout = std::chrono::seconds{config->kiosk.idle_seconds.value_or(90)};
  if (config->kiosk.facility_pin) kiosk.facility_pin = Secret{*config->kiosk.facility_pin};
  kiosk.data_dir = options.data.value_or(config->data.value_or(client::default_data_dir()));
  kiosk.version = STELLWERK_VERSION;
  kiosk.settings.language = options.language.value_or(config->language.value_or(i18n::Language::de));
  kiosk.settings.speech = config->kiosk.speech.value_or(false);
  scale = options.scale.value_or(config->scale.value_or(1.0f));
  return kiosk;
}

// The window's loop until the kiosk ends (a sign-out, the facility PIN) or the window closes.
// `exit_code` becomes 1 when a --screenshot could not be written.
KioskSession::Ending run_window(Window& window, GLFWwindow* glfw, float scale, const client::Options& options,
                                int& exit_code) {
  KioskSession& session = *window.session;
  KioskSettings applied = session.state().settings;
  KioskView view;
  client::UiMap ui_map;
  FrameCounter frame_counter;
  Voice voice;
  Intents intents;
  int frames_left = kFramesAfterChange;
  bool night_drawn = false;
  while (!glfwWindowShouldClose(glfw)) {
    if (frames_left > 0) {
      glfwPollEvents();
    } else {
      // With someone at the kiosk the idle timer counts seconds; the idle screen only needs the
      // minute on its clock and the minute's refresh, so it wakes less often.
      const KioskState& now = session.state();
      glfwWaitEventsTimeout(now.screen == Screen::idle && !now.person ? kIdleWake : kBusyWake);
    }
    // Input needs a few frames for ImGui to settle hover and layout; a new answer or minute needs one.
    if (window.seen) frames_left = kFramesAfterChange;
    if (session.update(std::chrono::steady_clock::now())) frames_left = std::max(frames_left, 1);
    window.seen = false;
    if (session.ending() != KioskSession::Ending::none) return session.ending();
    const KioskState& state = session.state();
    if (state.night && night_drawn) {  // dark until touched: no frames, and the loop sleeps
      frames_left = 0;
      continue;
    }
    if (frames_left == 0) continue;
    apply_settings(state.settings, applied, scale);
    intents.clear();
    render(glfw, view, state, ui_map, intents);
    frame_counter.drawn();
    voice.follow(state, view);
    night_drawn = state.night;
    for (const Intent& intent : intents) session.apply(intent);
    if (!intents.empty()) frames_left = kFramesAfterChange;
    if (frames_left > 0) --frames_left;
    if (options.screenshot && (state.today.known || !state.online) && !session.waiting() && frames_left == 0) {
      if (!client::write_screenshot(glfw, *options.screenshot)) exit_code = 1;
      glfwSetWindowShouldClose(glfw, GLFW_TRUE);
    }
    glfwSwapBuffers(glfw);
  }
  return KioskSession::Ending::none;
}

}  // namespace

int run_kiosk(const client::Options& options, char** argv) {
  float scale = 1.0f;
  auto kiosk = kiosk_options(options, scale);
  if (!kiosk) {
    std::fprintf(stderr, "stellwerk: %s\n", kiosk.error().c_str());
    return 2;
  }
  assets::activate_language(kiosk->settings.language);
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    std::fprintf(stderr, "stellwerk: no display: the kiosk needs an X11 or Wayland display (docs/kiosk.md runs it under cage)\n");
    return 3;
  }
  auto session = KioskSession::create(std::move(*kiosk), [] { glfwPostEmptyEvent(); });
  if (!session) {
    std::fprintf(stderr, "stellwerk: %s\n", session.error().c_str());
    return 2;
  }
  // The one line a kiosk logs per start: no building, person or token in it (docs/kiosk.md).
  std::fprintf(stderr, "stellwerk: kiosk started (version %s)\n", STELLWERK_VERSION);
  Window window;
  window.session = session->get();
  GLFWwindow* glfw = open_kiosk_window(window, window.session->state().settings, scale, options.screenshot.has_value());
  if (glfw == nullptr) return 3;
  int exit_code = 0;
  const KioskSession::Ending ending = run_window(window, glfw, scale, options, exit_code);
  session->reset();  // stops the network thread; the person's data goes with the session
  close_kiosk_window(glfw);
  if (ending == KioskSession::Ending::leave) return kExitLeftWithFacilityPin;
  if (ending == KioskSession::Ending::restart) {
    // A fresh process image: nothing of the person who just left stays in this process's memory.
    std::fflush(nullptr);
    ::execv("/proc/self/exe", argv);
    std::fprintf(stderr, "stellwerk: cannot restart the kiosk: %s\n", std::strerror(errno));
    return 1;
  }
  return exit_code;
}

}  // namespace stellwerk::kiosk
