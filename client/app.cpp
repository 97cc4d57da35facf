// The GLFW + OpenGL 3 + Dear ImGui application.
//
// [SECTION] Event-driven loop: nothing is rendered while nothing changes. The loop sleeps in
//           glfwWaitEventsTimeout() and renders a few frames after input, after the worker
//           delivered data, or at a minute boundary when the date or a relative time
//           ("5 minutes ago") on screen changes.
//           Idle CPU therefore stays at the level of a bare ImGui window.
// [SECTION] Settings: language, theme and scale are applied between frames (fonts need the
//           renderer) and saved to the config file on personal machines.
// [SECTION] Screenshot mode: waits until the view's data is loaded (and, when signed in, the
//           first sync is over), renders N frames and writes the last one to a PNG.
// [SECTION] Threads: the worker (disk) and the sync loop (network, with its own store connection)
//           both hand results back through the worker's one queue; see docs/architecture.md.
#include "app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "calendar_export.hpp"
#include "config.hpp"
#include "gl_frame.hpp"
#include "controller.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/theme.hpp"
#include "sync_loop.hpp"
#include "settings/settings_view.hpp"
#include "shell.hpp"
#include "team/team_view.hpp"
#include "ui_map.hpp"
#include "worker.hpp"

namespace stellwerk::client {
namespace {

using Clock = std::chrono::steady_clock;

// Frames rendered after anything changed: ImGui needs one or two extra frames to settle hover
// state and layout after a click.
constexpr int kFramesAfterChange = 3;
constexpr double kScreenshotTimeoutSeconds = 15.0;

struct WindowEvents {
  bool seen = false;
};

WindowEvents* events_of(GLFWwindow* window) { return static_cast<WindowEvents*>(glfwGetWindowUserPointer(window)); }

// Our callbacks only note that something happened; ImGui's backend installs its own on top and
// chains to these, so both see every event.
void install_change_callbacks(GLFWwindow* window) {
  glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { events_of(w)->seen = true; });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned) { events_of(w)->seen = true; });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { events_of(w)->seen = true; });
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { events_of(w)->seen = true; });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { events_of(w)->seen = true; });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { events_of(w)->seen = true; });
  glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { events_of(w)->seen = true; });
  glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { events_of(w)->seen = true; });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { events_of(w)->seen = true; });
}

void apply_visual_settings(const Settings& settings) {
  ui::load_fonts(settings.scale);
  ui::apply_theme(settings.theme, settings.scale);
}

// The start-up fonts, built on a second core while this thread spends most of the time to the first
// frame in glfwInit and glfwCreateWindow (X and Mesa); take() waits for them. The atlas belongs to
// this object, not to the ImGui context, so it must outlive the context.
class FontsInBackground {
 public:
  explicit FontsInBackground(float scale)
      : atlas_(std::make_unique<ImFontAtlas>()), builder_([this, scale] { fonts_ = ui::build_fonts(*atlas_, scale); }) {}
  FontsInBackground(const FontsInBackground&) = delete;
  FontsInBackground& operator=(const FontsInBackground&) = delete;
  ~FontsInBackground() {
    if (builder_.joinable()) builder_.join();
  }

  // The built atlas, for ImGui::CreateContext; then fonts() are the ones to use.
  ImFontAtlas* take() {
    if (builder_.joinable()) builder_.join();
    return atlas_.get();
  }
  const ui::Fonts& fonts() const { return fonts_; }

 private:
  std::unique_ptr<ImFontAtlas> atlas_;
  ui::Fonts fonts_;
  std::thread builder_;
};

// Everything the screenshot shows has arrived: the data, the session, the first sync's result and
// the reload it asked for (the worker is busy with it).
bool screenshot_ready(const AppState& state, const Worker& worker) {
  if (!state.data.loaded || !state.session.known || state.connection.syncing || worker.busy()) return false;
  if (state.session.signed_in && state.connection.state == Connection::unknown) return false;
  if (state.view == ViewId::settings && shows_kiosk_registry(state) && (!state.kiosks.requested || state.kiosks.busy)) {
    return false;  // the kiosk list is asked of the server once Settings shows
  }
  if (state.view == ViewId::team && shows_team(state) && (!state.team.requested || state.team.busy)) {
    return false;  // so is the team, once the Team page shows
  }
  return needs_sign_in(state) || state.view != ViewId::desks || state.desks.resources_loaded ||
         state.desks.floor_id.empty();
}

// Start-up phases to stderr, in ms since run_app began, when STELLWERK_STARTUP_TRACE is set: the
// way to see where the first frame's time goes (bench/README.md, "Start to first frame").
class StartupTrace {
 public:
  StartupTrace() : on_(std::getenv("STELLWERK_STARTUP_TRACE") != nullptr), began_(Clock::now()) {}
  void mark(const char* phase) const {
    if (!on_) return;
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - began_).count();
    std::fprintf(stderr, "stellwerk: start-up %7.2f ms  %s\n", ms, phase);
  }

 private:
  bool on_;
  Clock::time_point began_;
};

void signal_first_frame() {
  // Benchmark hook (bench/): the harness passes a pipe and measures until this byte arrives.
  const char* fd_text = std::getenv("STELLWERK_FIRST_FRAME_FD");
  if (fd_text == nullptr) return;
  const int fd = std::atoi(fd_text);
  if (fd <= 2) return;
  const char byte = '1';
  [[maybe_unused]] const auto written = ::write(fd, &byte, 1);
  ::close(fd);
  unsetenv("STELLWERK_FIRST_FRAME_FD");
}


// Applies a changed language, theme or scale between frames (fonts need the renderer) and, on a
// personal machine, saves it to the settings file.
class SettingsKeeper {
 public:
  SettingsKeeper(Settings applied, bool persist, std::filesystem::path file, Config config)
      : applied_(applied), persist_(persist), file_(std::move(file)), config_(std::move(config)) {}

  void apply(AppState& state, SyncLoop& sync_loop) {
    const Settings& wanted = state.settings;
    const bool looks = wanted.scale != applied_.scale || wanted.theme != applied_.theme;
    const bool speaks = wanted.language != applied_.language;
    if (looks) {
      apply_visual_settings(wanted);
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (speaks) {
      assets::activate_language(wanted.language);
      sync_loop.set_language(std::string(i18n::to_code(wanted.language)));
    }
    if (persist_ && (looks || speaks)) {
      Config saved = config_;
      saved.language = wanted.language;
      saved.theme = wanted.theme;
      saved.scale = wanted.scale;
      if (auto written = save_config(file_, saved); !written) {
        state.error = fmt::format(fmt::runtime(i18n::tr("Settings could not be saved: {}")), written.error());
      } else {
        config_ = saved;
      }
    }
    applied_ = wanted;
  }

 private:
  Settings applied_;
  bool persist_;
  std::filesystem::path file_;
  Config config_;
};

// Opens the 1280x800 window with a GL 3.0 context and Dear ImGui on it, fonts and theme applied;
// nullptr (after saying why on stderr) when there is no display or no GL 3.0.
GLFWwindow* open_window(const Settings& settings, WindowEvents& events, const char* ini_file, FontsInBackground& fonts,
                        const StartupTrace& trace) {
  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "stellwerk: GLFW error %d: %s\n", code, text); });
  if (glfwInit() == GLFW_FALSE) {
    const char* display = std::getenv("DISPLAY");
    std::fprintf(stderr, "stellwerk: cannot open the display '%s'\n", display != nullptr ? display : "");
    return nullptr;
  }
  trace.mark("glfwInit");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(1280, 800, "Stellwerk", nullptr, nullptr);
  if (window == nullptr) {
    std::fprintf(stderr, "stellwerk: cannot create an OpenGL 3.0 window\n");
    glfwTerminate();
    return nullptr;
  }
  trace.mark("window created");
  glfwSetWindowUserPointer(window, &events);
  install_change_callbacks(window);
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  trace.mark("GL context current");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext(fonts.take());
  trace.mark("fonts built");
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking cursor would need frames while idle
  io.IniFilename = ini_file;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  ui::use_fonts(fonts.fonts());
  ui::apply_theme(settings.theme, settings.scale);
  trace.mark("ImGui backends, fonts and theme");
  if (!ui::fonts().warning.empty()) std::fprintf(stderr, "stellwerk: %s\n", ui::fonts().warning.c_str());
  return window;
}

void close_window(GLFWwindow* window) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

// Draws the shell from `state` and renders it to the back buffer; what the person did goes to `out`.
void render_frame(GLFWwindow* window, Shell& shell, const AppState& state, UiMap& ui_map, Intents& out) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ui_map.begin_frame();
  shell.draw(state, out);
  ui_map.end_frame();
  ImGui::Render();
  present_imgui_frame(window);
}

// Whether this wake-up needs frames: input, results from the threads, a minute boundary that
// changes something on screen, or a notice that must leave by itself. Updates `frames_left`.
void note_changes(WindowEvents& events, Controller& controller, AppState& state,
                  std::chrono::sys_time<std::chrono::minutes>& last_minute, int& frames_left) {
  if (events.seen) {
    events.seen = false;
    frames_left = kFramesAfterChange;
  }
  if (controller.apply_worker_updates()) frames_left = kFramesAfterChange;
  const auto minute = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
  if (minute != last_minute && state.today.ok()) {
    last_minute = minute;
    // Render only when something on screen changes with the clock: the date at midnight, or a
    // relative sync time ("5 minutes ago"). Otherwise an idle window stays idle.
    const Date today = today_in_berlin();
    if (today != state.today || state.data.sync.last_sync) {
      state.today = today;
      frames_left = std::max(frames_left, 1);
    }
  }
  // A notice leaves by itself after kToastSeconds: while one is shown, every wake-up (at most 5 s
  // apart) draws a frame so that it can.
  if (!state.toasts.empty()) frames_left = std::max(frames_left, 1);
}

// The window's settings and store, from the command line over the settings file over defaults.
AppState initial_state(const Options& options, const Config& config, const std::filesystem::path& config_file,
                       const std::filesystem::path& data_dir) {
  AppState state;
  state.mode = options.kiosk ? AppMode::kiosk : AppMode::personal;
  state.settings.language = options.language.value_or(config.language.value_or(i18n::language_from_environment()));
  state.settings.theme = options.theme.value_or(config.theme.value_or(ui::ThemeId::light));
  state.settings.scale = options.scale.value_or(config.scale.value_or(1.0f));
  state.view = options.view;
  state.desks.layout = options.desks_layout;
  state.desks.selected = options.place;
  state.training.list = options.training_list;
  // state.today stays unset here: the worker sets it with the first data, because loading the
  // time zone database costs start-up time the first frame should not wait for.
  state.data_folder = data_dir.string();
  state.schedule.calendar_file = default_calendar_file().string();
  state.server_url = options.server.value_or(config.server.value_or(std::string{}));
  state.local_demo = options.demo_data.has_value();
  // Screenshots and kiosks leave no trace: no settings file, no window layout.
  const bool persist = state.mode == AppMode::personal && !options.screenshot;
  state.config_file = persist ? config_file.string() : std::string{};
  return state;
}

// The screenshot mode's check after each frame: the PNG is written once the view's data is there
// (and enough frames settled), or the wait is given up; true when the window should close.
bool screenshot_done(GLFWwindow* window, const Options& options, const AppState& state, const Worker& worker,
                     Clock::time_point started, int& screenshot_frames, int& exit_code) {
  if (screenshot_ready(state, worker) && ++screenshot_frames >= options.frames) {
    if (!write_screenshot(window, *options.screenshot)) {
      std::fprintf(stderr, "stellwerk: cannot write %s\n", options.screenshot->c_str());
      exit_code = 1;
    }
    return true;
  }
  if (std::chrono::duration<double>(Clock::now() - started).count() > kScreenshotTimeoutSeconds) {
    std::fprintf(stderr, "stellwerk: the view's data did not load within %.0f s; no screenshot written\n",
                 kScreenshotTimeoutSeconds);
    exit_code = 1;
    return true;
  }
  return false;
}

// Whether the environment names an X11 or Wayland display; says what to do on stderr when not.
bool display_named(const Options& options) {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    std::fprintf(stderr, "stellwerk: no display: %s needs an X11 or Wayland display (DISPLAY is not set). "
                         "Run it under xvfb-run for a headless machine.\n",
                 options.screenshot ? "--screenshot" : "the window");
    return false;
  }
  return true;
}

}  // namespace

int run_app(const Options& options) {
  const StartupTrace trace;
  const std::filesystem::path config_file = options.config_file.value_or(default_config_file());
  auto config = load_config(config_file);
  if (!config) {
    std::fprintf(stderr, "stellwerk: bad settings file: %s\n", config.error().c_str());
    return 2;
  }
  const std::filesystem::path data_dir = options.data.value_or(config->data.value_or(default_data_dir()));
  AppState state = initial_state(options, *config, config_file, data_dir);
  const bool persist = !state.config_file.empty();
  assets::activate_language(state.settings.language);
  trace.mark("settings and language");

  if (!display_named(options)) return 3;
  WindowEvents events;
  const std::string ini_file = (data_dir / "imgui.ini").string();
  FontsInBackground fonts(state.settings.scale);
  GLFWwindow* window = open_window(state.settings, events, persist ? ini_file.c_str() : nullptr, fonts, trace);
  if (window == nullptr) return 3;
  SettingsKeeper settings(state.settings, persist, config_file, *config);
  Shell shell;
  UiMap ui_map;

  // The first frame needs only the window and the fonts: no data has arrived yet on any start, so
  // the store, the worker and the sync thread start right after it instead of competing with it
  // for the CPU (Mesa's software renderer uses every core). Home's data is the first job they do.
  Intents intents;
  render_frame(window, shell, state, ui_map, intents);
  trace.mark("first frame drawn");
  glfwSwapBuffers(window);
  signal_first_frame();
  trace.mark("first frame swapped");

  int exit_code = 0;
  {
    DrawingTexture drawing_texture;  // freed before close_window takes the GL context away
    Worker worker(data_dir, [] { glfwPostEmptyEvent(); });
    SyncLoopOptions sync_options;
    sync_options.data_dir = data_dir;
    sync_options.transport.allow_insecure_http = options.insecure_http;
    sync_options.transport.pinned_public_keys = !options.pins.empty() ? options.pins : config->pins;
    sync_options.language = std::string(i18n::to_code(state.settings.language));
    // Declared after the worker: it delivers into the worker's queue, so it must stop first.
    SyncLoop sync_loop(std::move(sync_options), worker);
    Controller controller(state, worker, &sync_loop);
    controller.start(options.demo_data);
    for (const Intent& intent : intents) controller.apply(intent);

    int frames_left = kFramesAfterChange;
    int screenshot_frames = 0;  // frames rendered since the data was ready
    const auto started = Clock::now();
    auto last_minute = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
    while (!glfwWindowShouldClose(window)) {
      if (frames_left > 0 || options.screenshot) {
        glfwPollEvents();
      } else {
        glfwWaitEventsTimeout(5.0);
      }
      note_changes(events, controller, state, last_minute, frames_left);
      if (frames_left == 0 && !options.screenshot) continue;

      settings.apply(state, sync_loop);
      drawing_texture.follow(state.desks);
      intents.clear();
      render_frame(window, shell, state, ui_map, intents);
      for (const Intent& intent : intents) controller.apply(intent);
      if (!intents.empty()) frames_left = kFramesAfterChange;
      if (frames_left > 0) --frames_left;
      if (options.screenshot && screenshot_done(window, options, state, worker, started, screenshot_frames, exit_code)) {
        glfwSetWindowShouldClose(window, GLFW_TRUE);
      }
      glfwSwapBuffers(window);
    }
    if (!state.error.empty() && options.screenshot) std::fprintf(stderr, "stellwerk: %s\n", state.error.c_str());
  }
  close_window(window);
  return exit_code;
}

}  // namespace stellwerk::client
