// What one frame of the floor plan costs on the CPU: a 500-desk floor (25 × 20 desks and a row of
// meeting rooms) drawn by ui::FloorPlan in a headless Dear ImGui context — NewFrame, the widget,
// Render, exactly the CPU work of a real frame up to the point where the GPU backend would take
// the draw lists — for N frames per case, with the pointer resting on the plan. Cases: an empty
// frame (ImGui's own floor), the whole floor at zoom 1 (every spot in view) at 100 % and at 200 %,
// the whole floor over its drawing, the whole floor at the smallest zoom (every spot in view and too small for its state icon, so
// each carries the icon on a backplate: the worst case) at 100 % and at 200 %, and zoomed in to 4×
// (most spots culled). It prints p50, p99 and max of the
// thread's CPU time (CLOCK_THREAD_CPUTIME_ID: what this thread ran, whatever else the machine
// does) and of the wall time per frame, and the goal (whole frame ≤ 1 ms at p99) as met or not.
// It never fails on a figure.
#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <imgui.h>

#include "frame_timing.hpp"
#include "stellwerk/widgets/floor_plan.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/headless.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/theme.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace {

using stellwerk::bench::percentile;
using stellwerk::bench::seconds;

constexpr float kFloorWidth = 64.0f;  // metres
constexpr float kFloorHeight = 44.0f;

// 25 columns × 20 rows of 1.6 × 0.8 m desks in blocks of five rows, with a corridor between the
// blocks, and twelve 4 × 3.5 m meeting rooms along the bottom. States, dimming and favourites
// follow a fixed pattern so that every run draws the same plan.
std::vector<ui::PlanSpot> make_floor() {
  std::vector<ui::PlanSpot> spots;
  spots.reserve(512);
  for (int row = 0; row < 20; ++row) {
    for (int col = 0; col < 25; ++col) {
      ui::PlanSpot s;
      const int n = row * 25 + col;
      s.identity = "flr_bench_d" + std::to_string(n);
      char label[16];
      std::snprintf(label, sizeof label, "%d.%02d", row + 1, col + 1);
      s.label = label;
      s.x = 1.0f + static_cast<float>(col) * 2.4f;
      s.y = 1.0f + static_cast<float>(row) * 1.6f + static_cast<float>(row / 5) * 1.6f;
      s.w = 1.6f;
      s.h = 0.8f;
      s.type_icon = ui::icon::desk;
      s.state = static_cast<ui::SpotState>((n * 7 + n / 3) % static_cast<int>(ui::SpotState::COUNT));
      s.favourite = n % 17 == 0;
      s.dimmed = n % 10 == 3;
      s.tooltip = "2 Monitore · höhenverstellbar";
      spots.push_back(std::move(s));
    }
  }
  for (int r = 0; r < 12; ++r) {
    ui::PlanSpot s;
    s.identity = "flr_bench_r" + std::to_string(r);
    s.label = "Raum " + std::to_string(r + 1);
    s.x = 1.0f + static_cast<float>(r) * 5.0f;
    s.y = 38.5f;
    s.w = 4.0f;
    s.h = 3.5f;
    s.type_icon = ui::icon::room;
    s.state = r % 3 == 0 ? ui::SpotState::booked : ui::SpotState::free;
    s.tooltip = "8 Plätze · Beamer, Video";
    spots.push_back(std::move(s));
  }
  return spots;
}

ui::SpotStyles german_styles() {
  ui::SpotStyles styles;
  styles[static_cast<std::size_t>(ui::SpotState::free)] = {ui::icon::check, "frei"};
  styles[static_cast<std::size_t>(ui::SpotState::booked)] = {ui::icon::user, "gebucht"};
  styles[static_cast<std::size_t>(ui::SpotState::mine)] = {ui::icon::home, "meine Buchung"};
  styles[static_cast<std::size_t>(ui::SpotState::pending)] = {ui::icon::pending, "ausstehend"};
  styles[static_cast<std::size_t>(ui::SpotState::unavailable)] = {ui::icon::cancel, "nicht verfügbar"};
  styles[static_cast<std::size_t>(ui::SpotState::reserved_accessible)] = {ui::icon::accessible, "barrierefrei"};
  return styles;
}

struct Case {
  const char* name;
  float zoom;     // 0: no floor plan at all (the empty frame)
  float scale;
  bool drawing = false;  // the floor's drawing under the places (a stand-in texture: no GPU here)
};

struct Figures {
  std::vector<double> cpu_ms, wall_ms;
  int vertices = 0;
  std::size_t spots_in_view = 0;
};

class Session {
 public:
  Session(float scale, ImVec2 display) {
    context_ = ImGui::CreateContext();
    ui::testing::configure_headless_context(ui::ThemeId::light, scale, display);
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    if (!ui::fonts().warning.empty()) std::fprintf(stderr, "floor plan bench: %s\n", ui::fonts().warning.c_str());
  }
  ~Session() { ImGui::DestroyContext(context_); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // One frame as the client draws it: a full-screen window holding the plan.
  void frame(const Case& c, std::span<const ui::PlanSpot> spots, const ui::SpotStyles& styles, ui::PlanView& view) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("###bench", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    if (c.zoom > 0.0f) {
      const float height = ImGui::GetContentRegionAvail().y - ui::em(6.0f);
      const auto drawing = c.drawing ? reinterpret_cast<ImTextureID>(std::uintptr_t{1}) : nullptr;
      ui::FloorPlan("plan", kFloorWidth, kFloorHeight, spots, styles, view, height, {}, drawing);
    }
    ImGui::End();
    ImGui::Render();
  }

 private:
  ImGuiContext* context_ = nullptr;
};

Figures run(const Case& c, const std::vector<ui::PlanSpot>& spots, const ui::SpotStyles& styles, ImVec2 display,
            int frames, int warmup) {
  Session session(c.scale, display);
  ui::PlanView view;
  Figures figures;
  // The pointer rests on the plan (hover test and a tooltip every frame), a little off centre.
  ImGui::GetIO().MousePos = ImVec2(display.x * 0.45f, display.y * 0.45f);
  for (int i = 0; i < warmup; ++i) {
    session.frame(c, spots, styles, view);
    view.zoom = c.zoom > 0.0f ? c.zoom : 1.0f;  // after the first frame, which fits
  }
  figures.cpu_ms.reserve(static_cast<std::size_t>(frames));
  figures.wall_ms.reserve(static_cast<std::size_t>(frames));
  for (int i = 0; i < frames; ++i) {
    const double cpu0 = seconds(CLOCK_THREAD_CPUTIME_ID);
    const double wall0 = seconds(CLOCK_MONOTONIC);
    session.frame(c, spots, styles, view);
    const double wall1 = seconds(CLOCK_MONOTONIC);
    const double cpu1 = seconds(CLOCK_THREAD_CPUTIME_ID);
    figures.cpu_ms.push_back((cpu1 - cpu0) * 1e3);
    figures.wall_ms.push_back((wall1 - wall0) * 1e3);
  }
  figures.vertices = ImGui::GetDrawData()->TotalVtxCount;
  // One more frame, untimed, with the test locator installed to count the spots in view.
  ui::testing::ItemLocator locator;
  ui::testing::install_locator(&locator);
  session.frame(c, spots, styles, view);
  ui::testing::install_locator(nullptr);
  for (const ui::PlanSpot& s : spots) figures.spots_in_view += locator.find("floor-spot-" + s.identity) ? 1 : 0;
  std::sort(figures.cpu_ms.begin(), figures.cpu_ms.end());
  std::sort(figures.wall_ms.begin(), figures.wall_ms.end());
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Floor plan frame cost: ui::FloorPlan on a 500-desk floor, headless Dear ImGui"};
  int frames = 2000;
  int warmup = 100;
  int width = 1600;
  int height = 1000;
  app.add_option("--frames", frames, "measured frames per case")->check(CLI::PositiveNumber);
  app.add_option("--warmup", warmup, "unmeasured frames before them")->check(CLI::NonNegativeNumber);
  app.add_option("--width", width, "display width in pixels")->check(CLI::PositiveNumber);
  app.add_option("--height", height, "display height in pixels")->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  const std::vector<ui::PlanSpot> spots = make_floor();
  const ui::SpotStyles styles = german_styles();
  const ImVec2 display(static_cast<float>(width), static_cast<float>(height));
  const Case cases[] = {{"empty frame (no plan)", 0.0f, 1.0f},
                        {"whole floor, zoom 1", 1.0f, 1.0f},
                        {"whole floor, zoom 1, 200 %", 1.0f, 2.0f},
                        {"whole floor with drawing", 1.0f, 1.0f, true},
                        {"smallest zoom (0.5)", ui::kPlanMinZoom, 1.0f},
                        {"smallest zoom (0.5), 200 %", ui::kPlanMinZoom, 2.0f},
                        {"zoomed in, zoom 4", 4.0f, 1.0f}};

  std::printf("floor plan bench: %zu spots (500 desks, 12 rooms) on %.0f x %.0f m, display %dx%d, %d frames per case "
              "after %d warm-up\n\n",
              spots.size(), kFloorWidth, kFloorHeight, width, height, frames, warmup);
  std::printf("%-28s %8s %9s | %20s | %20s\n", "", "", "", "CPU ms per frame", "wall ms per frame");
  std::printf("%-28s %8s %9s | %6s %6s %6s | %6s %6s %6s\n", "case", "in view", "vertices", "p50", "p99", "max", "p50",
              "p99", "max");
  double worst_p99 = 0.0;
  for (const Case& c : cases) {
    const Figures f = run(c, spots, styles, display, frames, warmup);
    std::printf("%-28s %8zu %9d | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n", c.name, f.spots_in_view, f.vertices,
                percentile(f.cpu_ms, 50), percentile(f.cpu_ms, 99), f.cpu_ms.back(), percentile(f.wall_ms, 50),
                percentile(f.wall_ms, 99), f.wall_ms.back());
    if (c.zoom > 0.0f && c.scale == 1.0f) worst_p99 = std::max(worst_p99, percentile(f.cpu_ms, 99));
  }
  std::printf("\ngoal: whole frame <= 1 ms CPU at p99 with 500 desks in view (100 %%): %.3f ms, %s\n", worst_p99,
              worst_p99 <= 1.0 ? "met" : "NOT met");
  return 0;
}
