// The floor's drawing on the way a person sees it: the window (Worker, SyncLoop, Controller) signed
// in to the real server in-process has the drawing of the floor Desks shows decoded once the sync
// has fetched it, follows a facility admin's new drawing after the next sync, and shows the floor
// plain once the drawing is removed — without the person doing anything but syncing.
#include <gtest/gtest.h>

#include "live_window.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::TempDir;
using server::testing::TestServer;
using testing::LiveWindow;

bool shows_drawing(const AppState& s, int width, int height) {
  return s.desks.drawing && s.desks.drawing->floor_id == s.desks.floor_id && s.desks.drawing->width == width &&
         s.desks.drawing->height == height &&
         s.desks.drawing->rgba.size() == static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
}

TEST(DrawingSync, DesksShowsTheFloorsDrawingAndFollowsItsChanges) {
  TestServer server;
  TempDir dir{"stellwerk-drawing-window"};
  LiveWindow window{dir.path()};
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port()));
  // Demo's home building is the town hall; Desks opens on its ground floor, 24 × 16 m at 40 px/m.
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return shows_drawing(s, 960, 640); }));
  EXPECT_EQ(window.state.desks.floor_id, "flr_rathaus_eg");

  // A facility admin uploads another drawing for that floor (the 20 × 12 m technical town hall's).
  auto admin = server.client_for("facility");
  const std::string other = admin.get("/api/v1/floors/flr_technik_2/drawing").raw;
  ASSERT_EQ(admin.send("PUT", "/api/v1/floors/flr_rathaus_eg/drawing", other, {}, "image/png").status, 200);
  window.controller.apply(SyncNow{});
  EXPECT_TRUE(window.pump_until([](const AppState& s) { return shows_drawing(s, 800, 480); }));

  ASSERT_EQ(admin.del("/api/v1/floors/flr_rathaus_eg/drawing").status, 204);
  window.controller.apply(SyncNow{});
  EXPECT_TRUE(window.pump_until([](const AppState& s) { return !s.desks.drawing && !s.connection.syncing; }));
}

}  // namespace
}  // namespace stellwerk::client
