// Floor drawings over the API: the demo floors come with one, facility admins replace and remove
// it, everyone signed in fetches it, and what is not a PNG or JPEG within core's limits is refused
// with nothing changed. Clients learn of a new drawing from the building's change in the feed.
#include <gtest/gtest.h>

#include <stb_image.h>
#include <stb_image_write.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

// A small, real PNG of `width` × `height` pixels in one grey.
std::string png_of(int width, int height, unsigned char grey) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * 3), grey);
  std::string png;
  stbi_write_png_to_func([](void* out, void* data, int size) { static_cast<std::string*>(out)->append(static_cast<char*>(data), static_cast<std::size_t>(size)); },
                         &png, width, height, 3, pixels.data(), width * 3);
  return png;
}

std::string drawing_version(ApiClient& client, const std::string& floor_id) {
  const ApiResponse buildings = client.get("/api/v1/buildings");
  for (const Json& building : buildings.body) {
    for (const Json& floor : building["floors"]) {
      if (floor["id"] == floor_id) return floor.value("drawing", "");
    }
  }
  return "missing floor";
}

TEST(Drawings, DemoFloorsHaveADrawingEveryoneCanFetch) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::string version = drawing_version(demo, "flr_rathaus_eg");
  EXPECT_EQ(version.size(), 64u) << version;  // SHA-256 in hex
  const ApiResponse drawing = demo.get("/api/v1/floors/flr_rathaus_eg/drawing");
  ASSERT_EQ(drawing.status, 200);
  EXPECT_EQ(drawing.content_type, "image/png");
  int width = 0, height = 0, channels = 0;
  ASSERT_EQ(stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(drawing.raw.data()), static_cast<int>(drawing.raw.size()),
                                  &width, &height, &channels),
            1);
  // 24 m × 16 m at 40 pixels a metre: the image's corners are the floor's corners.
  EXPECT_EQ(width, 960);
  EXPECT_EQ(height, 640);
  expect_problem(demo.get("/api/v1/floors/flr_nowhere/drawing"), 404, "floor_not_found");
  expect_problem(server.anonymous().get("/api/v1/floors/flr_rathaus_eg/drawing"), 401, "unauthorized");
}

TEST(Drawings, FacilityAdminReplacesAndRemovesADrawingAndTheFeedTellsTheBuilding) {
  TestServer server;
  auto admin = server.client_for("facility");
  auto demo = server.client_for("demo");
  const std::string before = drawing_version(demo, "flr_rathaus_1");
  const Feed start = read_feed(demo);

  const std::string png = png_of(400, 240, 200);
  const ApiResponse put = admin.send("PUT", "/api/v1/floors/flr_rathaus_1/drawing", png, {}, "image/png");
  ASSERT_EQ(put.status, 200) << put.raw;
  const std::string after = put.body.value("drawing", "");
  EXPECT_NE(after, before);
  EXPECT_EQ(drawing_version(demo, "flr_rathaus_1"), after);
  const ApiResponse fetched = demo.get("/api/v1/floors/flr_rathaus_1/drawing");
  EXPECT_EQ(fetched.raw, png);

  // The building's change carries the floor's new version to the people of that building.
  const auto changed = changes_of(read_feed(demo, start.cursor), "building");
  ASSERT_FALSE(changed.empty());
  bool announced = false;
  for (const Json& floor : changed.back()["data"]["floors"]) {
    if (floor["id"] == "flr_rathaus_1") announced = floor.value("drawing", "") == after;
  }
  EXPECT_TRUE(announced) << changed.back().dump();

  ASSERT_EQ(admin.del("/api/v1/floors/flr_rathaus_1/drawing").status, 204);
  EXPECT_EQ(drawing_version(demo, "flr_rathaus_1"), "");
  expect_problem(demo.get("/api/v1/floors/flr_rathaus_1/drawing"), 404, "drawing_not_found");
  expect_problem(admin.del("/api/v1/floors/flr_rathaus_1/drawing"), 404, "drawing_not_found");
}

TEST(Drawings, WhatIsNotADrawingIsRefusedAndChangesNothing) {
  TestServer server;
  auto admin = server.client_for("facility");
  const std::string before = drawing_version(admin, "flr_nord_eg");
  const auto refused = [&](const std::string& body, const std::string& type) {
    expect_problem(admin.send("PUT", "/api/v1/floors/flr_nord_eg/drawing", body, {}, type), 422, "invalid_drawing");
  };
  refused("<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png");
  refused("GIF89a\x01\x00\x01\x00", "image/png");
  refused(png_of(4, 4, 0).substr(0, 20), "image/png");  // cut before the size
  std::string huge = png_of(4, 4, 0);
  huge[16] = '\x00', huge[17] = '\x01', huge[18] = '\x00', huge[19] = '\x00';  // announces 65,536 px wide
  refused(huge, "image/png");
  const std::string jpeg_without_frame = std::string{"\xFF\xD8\xFF\xD9", 4};
  refused(jpeg_without_frame, "image/jpeg");
  EXPECT_EQ(drawing_version(admin, "flr_nord_eg"), before);

  expect_problem(server.client_for("demo").send("PUT", "/api/v1/floors/flr_nord_eg/drawing", png_of(4, 4, 0), {},
                                                "image/png"),
                 403, "forbidden");
  expect_problem(admin.send("PUT", "/api/v1/floors/flr_nowhere/drawing", png_of(4, 4, 0), {}, "image/png"), 404,
                 "floor_not_found");
  // Larger than the 8 MiB a drawing may have: refused before it is read.
  expect_problem(admin.send("PUT", "/api/v1/floors/flr_nord_eg/drawing", std::string(9 * 1024 * 1024, 'x'), {},
                            "image/png"),
                 413, "body_too_large");
}

}  // namespace
}  // namespace stellwerk::server::testing
