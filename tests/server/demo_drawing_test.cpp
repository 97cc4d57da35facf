// The demo city's floor drawings, decoded and looked at the way a person looks at them: is the plan the
// floor's size, are the desks light enough for the app's markers, are there walls, windows and doors.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "demo_drawing.hpp"

namespace stellwerk::server {
namespace {

constexpr int kPixelsPerMetre = kDemoDrawingPixelsPerMetre;

struct Pixel {
  int r = 0, g = 0, b = 0;
  bool light() const { return r > 200 && g > 200 && b > 200; }
  bool dark() const { return r < 120 && g < 120 && b < 120; }
  bool bluish() const { return b > r + 20; }
};

// A decoded drawing; empty (0 × 0) when the bytes are not a PNG.
struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;

  Pixel at(int x, int y) const {
    const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
  // The pixel a point of the plan in metres falls in.
  Pixel at_metres(double x, double y) const {
    return at(static_cast<int>(x * kPixelsPerMetre), static_cast<int>(y * kPixelsPerMetre));
  }
};

Image decoded(const std::string& png) {
  Image image;
  int channels = 0;
  unsigned char* pixels =
      stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()), static_cast<int>(png.size()),
                            &image.width, &image.height, &channels, 3);
  if (pixels == nullptr) return {};
  image.rgb.assign(pixels, pixels + static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3);
  stbi_image_free(pixels);
  return image;
}

// The demo layout: a 24 m × 16 m floor with two rows of eight desks and a meeting room in the
// bottom right.
constexpr double kFloorWidth = 24, kFloorHeight = 16;
const DrawnPlace kRoom{DrawnPlaceKind::room, 17, 10, 5, 4};

std::vector<DrawnPlace> demo_places() {
  std::vector<DrawnPlace> places;
  for (const double y : {3.0, 5.0}) {
    for (double x = 2; x <= 16; x += 2) places.push_back({DrawnPlaceKind::desk, x, y, 1.6, 0.8});
  }
  places.push_back(kRoom);
  return places;
}

Image demo_drawing() { return decoded(draw_demo_floor(kFloorWidth, kFloorHeight, demo_places())); }

TEST(DemoDrawing, IsFortyPixelsPerMetreCornerToCorner) {
  const Image image = demo_drawing();
  EXPECT_EQ(image.width, 24 * 40);
  EXPECT_EQ(image.height, 16 * 40);
}

TEST(DemoDrawing, EveryDeskIsLightInItsMiddleForTheMarkerOnTop) {
  const Image image = demo_drawing();
  ASSERT_EQ(image.width, 960);
  for (const auto& place : demo_places()) {
    if (place.kind != DrawnPlaceKind::desk) continue;
    const Pixel middle = image.at_metres(place.x + place.w / 2, place.y + place.h / 2);
    EXPECT_TRUE(middle.light()) << "desk at " << place.x << ", " << place.y << ": " << middle.r << " " << middle.g
                                << " " << middle.b;
  }
}

TEST(DemoDrawing, RoomMiddleIsLightToo) {
  const Image image = demo_drawing();
  ASSERT_EQ(image.width, 960);
  EXPECT_TRUE(image.at_metres(kRoom.x + kRoom.w / 2, kRoom.y + kRoom.h / 2).light());
}

TEST(DemoDrawing, OuterWallsAreDarkAtTheMiddleOfEachSide) {
  const Image image = demo_drawing();
  ASSERT_EQ(image.height, 640);
  EXPECT_TRUE(image.at(0, image.height / 2).dark());
  EXPECT_TRUE(image.at(image.width - 1, image.height / 2).dark());
  EXPECT_TRUE(image.at(image.width / 2, 0).dark());
  EXPECT_TRUE(image.at(image.width / 2, image.height - 1).dark());
  EXPECT_TRUE(image.at(0, 0).dark()) << "no window in a corner";
}

TEST(DemoDrawing, OuterWallHasWindows) {
  const Image image = demo_drawing();
  ASSERT_EQ(image.width, 960);
  int bluish_on_top_wall = 0, bluish_on_left_wall = 0;
  for (int x = 0; x < image.width; ++x) bluish_on_top_wall += image.at(x, 5).bluish() ? 1 : 0;
  for (int y = 0; y < image.height; ++y) bluish_on_left_wall += image.at(5, y).bluish() ? 1 : 0;
  EXPECT_GT(bluish_on_top_wall, 2 * kPixelsPerMetre) << "at least a couple of metres of glass";
  EXPECT_GT(bluish_on_left_wall, 2 * kPixelsPerMetre);
  EXPECT_FALSE(image.at_metres(12, 8).bluish()) << "glass only in the walls";
}

TEST(DemoDrawing, RoomHasThinWallsAndADoorTowardsTheFloorsMiddle) {
  const Image image = demo_drawing();
  ASSERT_EQ(image.width, 960);
  // The room's walls lie on its own edges, 0.12 m thick.
  EXPECT_TRUE(image.at_metres(kRoom.x + kRoom.w / 2, kRoom.y + 0.06).dark()) << "top wall";
  EXPECT_TRUE(image.at_metres(kRoom.x + kRoom.w - 0.06, kRoom.y + kRoom.h / 2).dark()) << "right wall";
  EXPECT_TRUE(image.at_metres(kRoom.x + 0.06, kRoom.y + 0.5).dark()) << "left wall beside the door";
  EXPECT_FALSE(image.at_metres(kRoom.x + 0.3, kRoom.y + 0.5).dark()) << "the wall is thin";
  // The floor's middle (12, 8) lies farthest beyond the room's left side: the door is there, centred.
  EXPECT_TRUE(image.at_metres(kRoom.x + 0.06, kRoom.y + kRoom.h / 2).light()) << "door gap";
}

TEST(DemoDrawing, ParkingBayIsGreyWithWhiteLines) {
  const std::vector<DrawnPlace> bays = {{DrawnPlaceKind::parking, 2, 2, 2.5, 5},
                                        {DrawnPlaceKind::parking, 4.5, 2, 2.5, 5}};
  const Image image = decoded(draw_demo_floor(12, 10, bays));
  ASSERT_EQ(image.width, 480);
  const Pixel surface = image.at_metres(3.25, 4.5);
  EXPECT_FALSE(surface.light());
  EXPECT_FALSE(surface.dark()) << "a marker on it stays readable";
  EXPECT_TRUE(image.at_metres(2.05, 4.5).light()) << "painted line";
  EXPECT_TRUE(image.at_metres(6.95, 4.5).light()) << "painted line";
}

TEST(DemoDrawing, CoreStaysClearOfEveryPlace) {
  // A floor full of desks but for one free corner: the core goes there or nowhere, never onto a desk.
  std::vector<DrawnPlace> desks;
  for (double y = 1; y < 11; y += 1.5) {
    for (double x = 1; x < 19; x += 2) desks.push_back({DrawnPlaceKind::desk, x, y, 1.6, 0.8});
  }
  const Image image = decoded(draw_demo_floor(20, 12, desks));
  ASSERT_EQ(image.width, 800);
  for (const auto& desk : desks) EXPECT_TRUE(image.at_metres(desk.x + desk.w / 2, desk.y + desk.h / 2).light());
}

TEST(DemoDrawing, SameInputGivesTheSameBytes) {
  const auto places = demo_places();
  const std::string first = draw_demo_floor(kFloorWidth, kFloorHeight, places);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first, draw_demo_floor(kFloorWidth, kFloorHeight, places));
}

TEST(DemoDrawing, FloorWithoutSizeGivesNoDrawing) {
  const auto places = demo_places();
  EXPECT_EQ(draw_demo_floor(0, 16, places), "");
  EXPECT_EQ(draw_demo_floor(24, 0, places), "");
  EXPECT_EQ(draw_demo_floor(-24, 16, places), "");
  EXPECT_EQ(draw_demo_floor(24, -1, places), "");
  EXPECT_EQ(draw_demo_floor(std::numeric_limits<double>::quiet_NaN(), 16, places), "");
  EXPECT_EQ(draw_demo_floor(24, std::numeric_limits<double>::infinity(), places), "");
}

TEST(DemoDrawing, FloorWithoutPlacesStillShowsTheBuilding) {
  const Image image = decoded(draw_demo_floor(10, 8, {}));
  ASSERT_EQ(image.width, 400);
  ASSERT_EQ(image.height, 320);
  EXPECT_TRUE(image.at(0, image.height / 2).dark());
}

TEST(DemoDrawing, HugeFloorIsCappedAt4096PixelsButStillMapsCornerToCorner) {
  const Image wide = decoded(draw_demo_floor(500, 16, demo_places()));
  EXPECT_EQ(wide.width, 4096);
  EXPECT_EQ(wide.height, static_cast<int>(std::lround(16 * 4096 / 500.0)));
  const Image tall = decoded(draw_demo_floor(16, 500, demo_places()));
  EXPECT_EQ(tall.width, static_cast<int>(std::lround(16 * 4096 / 500.0)));
  EXPECT_EQ(tall.height, 4096);
}

TEST(DemoDrawing, OddPlacesAreClippedNotRefused) {
  const std::vector<DrawnPlace> odd = {{DrawnPlaceKind::desk, -5, -5, 8, 8},
                                       {DrawnPlaceKind::room, 20, 10, 30, 30},
                                       {DrawnPlaceKind::desk, std::numeric_limits<double>::quiet_NaN(), 1, 1, 1},
                                       {DrawnPlaceKind::parking, 1, 1, 0, 5},
                                       {DrawnPlaceKind::room, 1e300, 1e300, 1e300, 1e300}};
  const Image image = decoded(draw_demo_floor(24, 16, odd));
  EXPECT_EQ(image.width, 960);
  EXPECT_EQ(image.height, 640);
  EXPECT_TRUE(image.at_metres(1, 1).light()) << "the desk reaching over the corner is drawn over the walls";
}

}  // namespace
}  // namespace stellwerk::server
