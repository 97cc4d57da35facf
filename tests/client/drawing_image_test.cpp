// Decoding a cached floor drawing for the window (client/desks/drawing_image.cpp): a drawing comes
// out as the pixels it holds, and whatever a damaged cache or a hostile server left there instead
// comes out as nothing, so the floor is drawn plain.
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <string>
#include <vector>

#include "desks/desks_handler.hpp"

namespace stellwerk::client {
namespace {

std::string png_of(int width, int height, unsigned char grey) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * 3), grey);
  std::string png;
  const auto append = [](void* out, void* data, int size) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  stbi_write_png_to_func(append, &png, width, height, 3, pixels.data(), width * 3);
  return png;
}

TEST(DrawingImage, ADrawingComesOutAsItsPixels) {
  const auto image = decode_drawing("flr-1", "v1", png_of(8, 4, 200));
  ASSERT_TRUE(image);
  EXPECT_EQ(image->floor_id, "flr-1");
  EXPECT_EQ(image->version, "v1");
  EXPECT_EQ(image->width, 8);
  EXPECT_EQ(image->height, 4);
  ASSERT_EQ(image->rgba.size(), 8u * 4u * 4u);
  EXPECT_EQ(image->rgba[0], 200);
  EXPECT_EQ(image->rgba[3], 255) << "opaque: RGB gains its alpha";
}

TEST(DrawingImage, WhatIsNoDrawingComesOutAsNothing) {
  EXPECT_FALSE(decode_drawing("flr-1", "v1", ""));
  EXPECT_FALSE(decode_drawing("flr-1", "v1", "<svg/>"));
  const std::string png = png_of(8, 4, 200);
  EXPECT_FALSE(decode_drawing("flr-1", "v1", png.substr(0, png.size() / 2)));
  // A header that claims more pixels than the data holds: the check cannot see it, the decoder can.
  std::string lying = png;
  lying[19] = 16;  // width 8 → 16
  lying[23] = 16;  // height 4 → 16
  EXPECT_FALSE(decode_drawing("flr-1", "v1", lying));
}

}  // namespace
}  // namespace stellwerk::client
