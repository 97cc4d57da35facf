// What one frame of the whole Desks view costs on the CPU with a 500-desk floor: the client's real
// Shell (navigation, Desks view with its controls, rules, filters, the floor plan and the details
// panel, the status bar) drawn in a headless Dear ImGui context at 1280 × 800, as the window draws
// it, up to the point where the GPU backend would take the draw lists. The floor has 500 desks
// (25 × 20) and 12 meeting rooms; a third of the desks are booked by others, the person holds one
// and has favourites. Cases: the floor plan at 100 % and 200 %, the list, and the rooms' timelines.
// It prints p50, p99 and max of the thread's CPU time and of the wall time per frame, and whether
// the goal (≤ 1 ms CPU at p99 for the floor plan) is met. It never fails on a figure.
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <imgui.h>

#include "app_state.hpp"
#include "frame_timing.hpp"
#include "intents.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/widgets/headless.hpp"
#include "stellwerk/widgets/theme.hpp"
#include "shell.hpp"

namespace {

using namespace stellwerk;
using namespace stellwerk::client;
using stellwerk::bench::percentile;
using stellwerk::bench::seconds;

constexpr Date kDay = date::year{2026} / 11 / 25;  // a Wednesday

AppState city_floor() {
  AppState state;
  state.today = kDay;
  state.now = to_instant(kDay, 7 * 60);
  state.view = ViewId::desks;
  state.local_demo = true;
  state.session.known = true;
  state.data.loaded = true;
  state.data.sync.server_configured = true;
  state.data.me = Employee{.id = "emp-1", .username = "alex", .display_name = "Alex", .department_id = "dep-1",
                           .manager_id = std::nullopt, .roles = {Role::employee}, .home_building_id = "bld-1",
                           .needs_accessible_desk = false, .presence_opt_in = false};
  state.data.department = Department{.id = "dep-1", .organisation_id = "org-1", .name = "Digital", .policy = {}};
  state.data.buildings = {Building{.id = "bld-1", .name = "Rathaus", .address = "Markt 1",
                                   .floors = {Floor{.id = "flr-1", .building_id = "bld-1", .name = "EG", .level = 0,
                                                    .width_m = 64, .height_m = 44}}}};
  state.desks.building_id = "bld-1";
  state.desks.floor_id = "flr-1";
  state.desks.day = kDay;
  state.desks.resources_loaded = true;
  const Instant start = to_instant(kDay, 8 * 60);
  const Instant end = to_instant(kDay, 17 * 60);
  for (int row = 0; row < 20; ++row) {
    for (int col = 0; col < 25; ++col) {
      const int n = row * 25 + col;
      Resource r{.id = fmt::format("d{}", n), .type = ResourceType::desk, .name = fmt::format("{}.{:02}", row + 1, col + 1),
                 .floor_id = "flr-1", .x = 1.0 + col * 2.4, .y = 1.0 + row * 1.6 + (row / 5) * 1.6, .w = 1.6, .h = 0.8,
                 .features = n % 4 == 0 ? std::vector<std::string>{"monitor", "docking"} : std::vector<std::string>{"monitor"},
                 .capacity = 1, .accessible = n % 50 == 7};
      if (n % 3 == 1) state.desks.busy.push_back(BusyTime{r.id, start, end});
      if (n % 37 == 0) state.data.favourites.push_back(Favourite{r.id, n == 0, start});
      state.desks.resources.push_back(std::move(r));
    }
  }
  for (int i = 0; i < 12; ++i) {
    state.desks.resources.push_back(Resource{.id = fmt::format("room{}", i), .type = ResourceType::room,
                                             .name = fmt::format("Raum {}", i + 1), .floor_id = "flr-1",
                                             .x = 1.0 + i * 5.0, .y = 38.5, .w = 4, .h = 3.5,
                                             .features = {"video"}, .capacity = 8, .accessible = true});
    state.desks.busy.push_back(BusyTime{fmt::format("room{}", i), to_instant(kDay, (9 + i % 6) * 60),
                                        to_instant(kDay, (10 + i % 6) * 60)});
  }
  BookingSummary mine;
  mine.booking = Booking{"bk-1", "d2", "emp-1", start, end, BookingState::booked, start + std::chrono::minutes{30}};
  mine.resource_name = "1.03";
  mine.building_name = "Rathaus";
  mine.floor_name = "EG";
  state.data.bookings.push_back(mine);
  return state;
}

struct Case {
  const char* name;
  DeskLayout layout;
  float scale;
};

struct Figures {
  std::vector<double> cpu_ms, wall_ms;
  int vertices = 0;
};

Figures run(const Case& c, int frames, int warmup) {
  ImGuiContext* context = ImGui::CreateContext();
  ui::testing::configure_headless_context(ui::ThemeId::light, c.scale, ImVec2(1280, 800));
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

  AppState state = city_floor();
  state.desks.layout = c.layout;
  Shell shell;
  // The pointer rests over the middle of the plan area (a hover and a tooltip every frame).
  io.MousePos = ImVec2(700, 560);
  const auto frame = [&] {
    Intents out;
    ImGui::NewFrame();
    shell.draw(state, out);
    ImGui::Render();
  };
  for (int i = 0; i < warmup; ++i) frame();
  Figures figures;
  figures.cpu_ms.reserve(static_cast<std::size_t>(frames));
  figures.wall_ms.reserve(static_cast<std::size_t>(frames));
  for (int i = 0; i < frames; ++i) {
    const double cpu0 = seconds(CLOCK_THREAD_CPUTIME_ID);
    const double wall0 = seconds(CLOCK_MONOTONIC);
    frame();
    const double wall1 = seconds(CLOCK_MONOTONIC);
    const double cpu1 = seconds(CLOCK_THREAD_CPUTIME_ID);
    figures.cpu_ms.push_back((cpu1 - cpu0) * 1e3);
    figures.wall_ms.push_back((wall1 - wall0) * 1e3);
  }
  figures.vertices = ImGui::GetDrawData()->TotalVtxCount;
  ImGui::DestroyContext(context);
  std::sort(figures.cpu_ms.begin(), figures.cpu_ms.end());
  std::sort(figures.wall_ms.begin(), figures.wall_ms.end());
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Desks view frame cost: the client's Shell with a 500-desk floor, headless Dear ImGui"};
  int frames = 2000;
  int warmup = 100;
  app.add_option("--frames", frames, "measured frames per case")->check(CLI::PositiveNumber);
  app.add_option("--warmup", warmup, "unmeasured frames before them")->check(CLI::NonNegativeNumber);
  CLI11_PARSE(app, argc, argv);
  assets::activate_language(i18n::Language::de);

  const Case cases[] = {{"floor plan", DeskLayout::plan, 1.0f},
                        {"floor plan, 200 %", DeskLayout::plan, 2.0f},
                        {"list (clipped)", DeskLayout::list, 1.0f},
                        {"meeting rooms", DeskLayout::rooms, 1.0f}};
  std::printf("desks view bench: 500 desks and 12 rooms on one floor, the whole window at 1280x800 in German, %d "
              "frames per case after %d warm-up\n\n",
              frames, warmup);
  std::printf("%-20s %9s | %20s | %20s\n", "", "", "CPU ms per frame", "wall ms per frame");
  std::printf("%-20s %9s | %6s %6s %6s | %6s %6s %6s\n", "case", "vertices", "p50", "p99", "max", "p50", "p99", "max");
  double plan_p99 = 0.0;
  for (const Case& c : cases) {
    const Figures f = run(c, frames, warmup);
    std::printf("%-20s %9d | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n", c.name, f.vertices, percentile(f.cpu_ms, 50),
                percentile(f.cpu_ms, 99), f.cpu_ms.back(), percentile(f.wall_ms, 50), percentile(f.wall_ms, 99),
                f.wall_ms.back());
    if (c.layout == DeskLayout::plan && c.scale == 1.0f) plan_p99 = percentile(f.cpu_ms, 99);
  }
  std::printf("\ngoal: the floor-plan view with 500 desks builds a frame in <= 1 ms CPU at p99: %.3f ms, %s\n", plan_p99,
              plan_p99 <= 1.0 ? "met" : "NOT met");
  return 0;
}
