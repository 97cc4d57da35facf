// The floor-plan editor on the way a facility admin and a colleague live it: the admin's window
// (Worker, SyncLoop, Controller) against the real server in-process saves a new desk, which the
// server then has; a colleague books it; the admin's removal question counts that booking, the
// removal reaches the server, and the colleague's window shows the booking released because the
// place was removed — all through the outbox and the changes feed. And the floor's drawing, chosen
// as a file: a broken or missing file is explained, a good one reaches the server and shows.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "live_window.hpp"
#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::TempDir;
using server::testing::TestServer;
using testing::LiveWindow;

bool server_has(server::testing::ApiClient& api, const std::string& building, const Id& id) {
  const auto answer = api.get("/api/v1/buildings/" + building + "/availability?date=2026-12-02");
  if (answer.status != 200) return false;
  return std::ranges::any_of(answer.body["resources"], [&](const nlohmann::json& r) { return r["id"] == id; });
}

TEST(PlaceEditorSync, ASavedDeskReachesTheServerAndItsRemovalTellsWhoBookedIt) {
  TestServer server;
  TempDir admin_dir{"stellwerk-editor-admin"};
  TempDir colleague_dir{"stellwerk-editor-colleague"};
  LiveWindow admin{admin_dir.path()};
  ASSERT_NO_FATAL_FAILURE(admin.sign_in(server.port(), "facility"));
  ASSERT_TRUE(admin.pump_until([](const AppState& s) { return s.desks.resources_loaded && !s.desks.floor_id.empty(); }));
  const Id building = admin.state.desks.building_id;
  const Id floor = admin.state.desks.floor_id;
  auto api = server.client_for("facility");

  Resource desk{.id = new_place_id(), .type = ResourceType::desk, .name = "Neu 1", .floor_id = floor, .x = 0.2,
                .y = 0.2, .w = 1.6, .h = 0.8, .features = {"monitor"}, .capacity = 1, .accessible = false};
  admin.controller.apply(SavePlace{desk});
  ASSERT_TRUE(admin.pump_until([&](const AppState&) { return server_has(api, building, desk.id); }));

  // A colleague books it for tomorrow, online.
  auto colleague_api = server.client_for("demo");
  ASSERT_EQ(colleague_api
                .post("/api/v1/bookings", nlohmann::json{{"resource_id", desk.id},
                                                {"start", "2026-12-02T08:00:00+01:00"},
                                                {"end", "2026-12-02T17:00:00+01:00"}})
                .status,
            201);
  LiveWindow colleague{colleague_dir.path()};
  ASSERT_NO_FATAL_FAILURE(colleague.sign_in(server.port(), "demo"));

  // The admin asks to remove it: the question counts the booking once a sync brought it. "Now"
  // is the server's test clock, the morning of 1 December.
  admin.state.now = std::chrono::floor<std::chrono::seconds>(date::sys_days{testing::kServerDay} + std::chrono::hours{7});
  for (int attempt = 0; attempt < 50; ++attempt) {
    admin.controller.apply(SyncNow{});
    admin.pump_until([](const AppState& s) { return !s.connection.syncing; }, std::chrono::seconds{5});
    admin.state.desks.removal.reset();
    admin.controller.apply(AskPlaceRemoval{desk.id});
    ASSERT_TRUE(admin.pump_until([&](const AppState& s) { return s.desks.removal.has_value(); }));
    if (admin.state.desks.removal->bookings_ahead == 1) break;
  }
  EXPECT_EQ(admin.state.desks.removal->bookings_ahead, 1);
  admin.controller.apply(RemovePlace{desk.id, true});
  ASSERT_TRUE(admin.pump_until([&](const AppState&) { return !server_has(api, building, desk.id); }));

  colleague.controller.apply(SyncNow{});
  EXPECT_TRUE(colleague.pump_until([&](const AppState& s) {
    return std::ranges::any_of(s.data.bookings, [&](const BookingSummary& b) {
      return b.booking.resource_id == desk.id && b.booking.state == BookingState::released &&
             b.released_because == Refusal::place_removed && b.resource_name == "Neu 1";
    });
  }));
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(PlaceEditorSync, ADrawingChosenAsAFileReachesTheServerAndABrokenOneIsExplained) {
  TestServer server;
  TempDir dir{"stellwerk-editor-drawing"};
  LiveWindow admin{dir.path()};
  ASSERT_NO_FATAL_FAILURE(admin.sign_in(server.port(), "facility"));
  ASSERT_TRUE(admin.pump_until([](const AppState& s) { return s.desks.resources_loaded && s.desks.drawing; }));
  const Id floor = admin.state.desks.floor_id;
  ASSERT_NE(floor, "flr_technik_2") << "its drawing is the new one below";
  auto api = server.client_for("facility");
  const std::string drawing_path = "/api/v1/floors/" + floor + "/drawing";
  const std::string before = api.get(drawing_path).raw;

  write_file(dir.path() / "broken.png", "\x89PNG but nothing more");
  admin.controller.apply(UploadDrawing{floor, (dir.path() / "broken.png").string()});
  ASSERT_TRUE(admin.pump_until([](const AppState& s) { return s.desks.drawing_problem == DrawingFileProblem::not_a_drawing; }));
  admin.controller.apply(UploadDrawing{floor, (dir.path() / "missing.png").string()});
  ASSERT_TRUE(admin.pump_until([](const AppState& s) { return s.desks.drawing_problem == DrawingFileProblem::unreadable; }));
  EXPECT_EQ(api.get(drawing_path).raw, before) << "nothing was sent";

  // Another floor's drawing, its path pasted with quotes around it as file managers copy it.
  const std::string image = api.get("/api/v1/floors/flr_technik_2/drawing").raw;
  const auto size = inspect_drawing(image);
  ASSERT_TRUE(size);
  write_file(dir.path() / "plan.png", image);
  admin.controller.apply(UploadDrawing{floor, "'" + (dir.path() / "plan.png").string() + "'"});
  EXPECT_TRUE(admin.pump_until([&](const AppState&) { return api.get(drawing_path).raw == image; }));
  EXPECT_TRUE(admin.pump_until([&](const AppState& s) {
    return !s.desks.drawing_problem && s.desks.drawing && s.desks.drawing->width == size->width_px &&
           s.desks.drawing->height == size->height_px;
  })) << "the window shows the new drawing";
}

}  // namespace
}  // namespace stellwerk::client
