// The floor for the start-up and idle benchmarks: the smallest honest Dear ImGui + GLFW + OpenGL3
// program, one 1280x800 window with one small ImGui window and a line of text in the default font.
// It exists so that `stellwerk-bench-startup` can measure Stellwerk against what any ImGui desktop
// app costs on the same machine, X server and GL driver in the same run, instead of against a
// figure remembered from another machine. It therefore uses the same loop as the real client:
// sleep in glfwWaitEventsTimeout, render a few frames after each event, nothing while idle. It
// also speaks the first-frame protocol the harness relies on: when STELLWERK_FIRST_FRAME_FD names
// a file descriptor, one byte is written to it after the first glfwSwapBuffers, then it is closed.
// Anything added here raises the floor and flatters the app, so keep it bare.

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <GLFW/glfw3.h>  // after the ImGui headers; pulls in GL/gl.h for glClear and friends

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include <stdlib.h>
#include <unistd.h>

namespace {

// ImGui lays out a new window on its first frame and only draws it settled on the next, and a
// click needs a frame for hover and one for the press; three frames per event cover both.
constexpr int kFramesAfterEvent = 3;

// How long the loop sleeps when nothing happens; the client (client/app.cpp) uses 5 s. Wake-ups
// are the whole idle cost (measured in our VM: 0.3-3 ms CPU each, so a 1 s interval gives
// 0.03-0.3 %), so the floor must wake as often as the app does; `--wake-seconds S` follows the app
// if its interval changes.
constexpr double kDefaultWakeSeconds = 5.0;

struct LoopState {
  int framesToRender = kFramesAfterEvent;  // the first frames need no event
};

void markDirty(GLFWwindow* window) {
  static_cast<LoopState*>(glfwGetWindowUserPointer(window))->framesToRender = kFramesAfterEvent;
}

// Installed before ImGui_ImplGlfw_InitForOpenGL, which chains to the callbacks it finds, so ImGui
// still sees every event. Cursor position, size and refresh are callbacks ImGui 1.86 does not
// install itself (it polls the cursor in NewFrame), so nothing is shadowed.
void installDirtyCallbacks(GLFWwindow* window) {
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { markDirty(w); });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { markDirty(w); });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { markDirty(w); });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { markDirty(w); });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int) { markDirty(w); });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { markDirty(w); });
  glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { markDirty(w); });
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) { markDirty(w); });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { markDirty(w); });
}

// Read and forget STELLWERK_FIRST_FRAME_FD: unsetting it keeps anything we might spawn from
// writing to an fd number that by then belongs to something else.
std::optional<int> takeFirstFrameFd() {
  const char* value = std::getenv("STELLWERK_FIRST_FRAME_FD");
  if (value == nullptr) {
    return std::nullopt;
  }
  const std::string_view text{value};
  int fd = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), fd);
  const bool valid = error == std::errc{} && end == text.data() + text.size() && fd >= 0;
  if (!valid) {
    std::fprintf(stderr, "stellwerk-bench-bare: ignoring STELLWERK_FIRST_FRAME_FD='%s'\n", value);
  }
  unsetenv("STELLWERK_FIRST_FRAME_FD");
  return valid ? std::optional{fd} : std::nullopt;
}

void signalFirstFrame(int fd) {
  const char byte = '1';
  while (write(fd, &byte, 1) == -1 && errno == EINTR) {
  }
  close(fd);
}

// The only option, parsed by hand to keep the floor free of a CLI library; anything else is
// ignored so the harness can pass the app's arguments to both programs unchanged.
double wakeSecondsFrom(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string_view{argv[i]} == "--wake-seconds") {
      const std::string_view text{argv[i + 1]};
      double seconds = 0.0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      if (error == std::errc{} && end == text.data() + text.size() && seconds > 0.0) {
        return seconds;
      }
      std::fprintf(stderr, "stellwerk-bench-bare: bad --wake-seconds '%s'\n", argv[i + 1]);
    }
  }
  return kDefaultWakeSeconds;
}

void drawUi() {
  ImGui::SetNextWindowPos(ImVec2(40.0f, 40.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(320.0f, 80.0f), ImGuiCond_FirstUseEver);
  if (ImGui::Begin("Stellwerk bench floor")) {
    ImGui::TextUnformatted("Bare Dear ImGui + GLFW + OpenGL3 window.");
  }
  ImGui::End();
}

}  // namespace

int main(int argc, char** argv) {
  const double wakeSeconds = wakeSecondsFrom(argc, argv);
  std::optional<int> firstFrameFd = takeFirstFrameFd();

  glfwSetErrorCallback(
      [](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
  if (glfwInit() == GLFW_FALSE) {
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(1280, 800, "stellwerk-bench-bare", nullptr, nullptr);
  if (window == nullptr) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  LoopState loop;
  glfwSetWindowUserPointer(window, &loop);
  installDirtyCallbacks(window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // a benchmark must not read or leave state behind
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  // SIGTERM and SIGINT keep their default action, as in the client: GLFW 3.3 restarts its poll()
  // after EINTR, so a handler's flag would only be seen at the next wake, up to 5 s later.
  while (glfwWindowShouldClose(window) == GLFW_FALSE) {
    if (loop.framesToRender > 0) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(wakeSeconds);
    }
    if (loop.framesToRender == 0) {
      continue;  // woke for the timeout, not for input
    }
    --loop.framesToRender;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    drawUi();
    ImGui::Render();

    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.12f, 0.12f, 0.14f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);

    if (firstFrameFd) {
      signalFirstFrame(*firstFrameFd);
      firstFrameFd.reset();
    }
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
