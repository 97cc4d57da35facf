// What counts as a floor drawing (core/floor_drawing.hpp), read from the image's header: the rule
// the server applies to an upload and the client to a download.
#include <gtest/gtest.h>

#include <string>

#include "stellwerk/core/floor_drawing.hpp"

namespace stellwerk {
namespace {

std::string be(unsigned value, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  return out;
}

// The signature and IHDR chunk of a PNG (what the check reads), and some bytes after it.
std::string png_header(unsigned width, unsigned height) {
  return std::string{"\x89PNG\r\n\x1a\n", 8} + be(13, 4) + "IHDR" + be(width, 4) + be(height, 4) +
         std::string{"\x08\x06\x00\x00\x00", 5} + be(0, 4) + std::string(16, '\0');
}

// SOI, an APP0 (JFIF) segment, a few fill bytes, then a start of frame `marker` of width × height.
std::string jpeg_header(unsigned width, unsigned height, unsigned char marker = 0xC0) {
  std::string jpeg{"\xFF\xD8", 2};
  jpeg += std::string{"\xFF\xE0", 2} + be(16, 2) + std::string{"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14};
  jpeg += std::string{"\xFF\xFF", 2};
  jpeg += std::string{"\xFF", 1} + static_cast<char>(marker) + be(17, 2) + "\x08" + be(height, 2) + be(width, 2) +
          std::string(12, '\x01');
  return jpeg;
}

TEST(FloorDrawing, ReadsThePngSizeFromItsHeader) {
  const auto info = inspect_drawing(png_header(960, 640));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->format, DrawingFormat::png);
  EXPECT_EQ(info->width_px, 960);
  EXPECT_EQ(info->height_px, 640);
  EXPECT_EQ(media_type(info->format), "image/png");
}

TEST(FloorDrawing, ReadsTheJpegSizeBehindOtherSegmentsAlsoForProgressiveJpegs) {
  for (const unsigned char marker : {static_cast<unsigned char>(0xC0), static_cast<unsigned char>(0xC2)}) {
    const auto info = inspect_drawing(jpeg_header(1200, 800, marker));
    ASSERT_TRUE(info) << int{marker};
    EXPECT_EQ(info->format, DrawingFormat::jpeg);
    EXPECT_EQ(info->width_px, 1200);
    EXPECT_EQ(info->height_px, 800);
    EXPECT_EQ(media_type(info->format), "image/jpeg");
  }
}

TEST(FloorDrawing, RefusesWhatIsNoDrawing) {
  EXPECT_FALSE(inspect_drawing(""));
  EXPECT_FALSE(inspect_drawing("<svg xmlns='http://www.w3.org/2000/svg'/>"));
  EXPECT_FALSE(inspect_drawing("GIF89a\x01\x00\x01\x00"));
  EXPECT_FALSE(inspect_drawing(png_header(960, 640).substr(0, 20)));            // cut inside the header
  EXPECT_FALSE(inspect_drawing(jpeg_header(1200, 800).substr(0, 26)));          // cut before the frame
  EXPECT_FALSE(inspect_drawing(std::string{"\xFF\xD8\xFF\xD9", 4}));            // ends before any frame
  EXPECT_FALSE(inspect_drawing(std::string{"\xFF\xD8\xFF\xE0\x00\x00", 6}));    // a segment of length 0
  EXPECT_FALSE(inspect_drawing(jpeg_header(1200, 800, 0xC4).substr(0, 24)));   // a Huffman table is no frame
}

TEST(FloorDrawing, RefusesSizesNoScreenNeedsAndFilesLargerThanTheLimit) {
  EXPECT_TRUE(inspect_drawing(png_header(kMaxDrawingSide, kMaxDrawingSide)));
  EXPECT_FALSE(inspect_drawing(png_header(kMaxDrawingSide + 1, 10)));
  EXPECT_FALSE(inspect_drawing(png_header(10, 0xFFFFFFFFu)));
  EXPECT_FALSE(inspect_drawing(png_header(0, 10)));
  EXPECT_FALSE(inspect_drawing(jpeg_header(10, kMaxDrawingSide + 1)));
  EXPECT_FALSE(inspect_drawing(jpeg_header(0, 10)));
  std::string heavy = png_header(100, 100);
  heavy.resize(kMaxDrawingBytes + 1, '\0');
  EXPECT_FALSE(inspect_drawing(heavy));
}

}  // namespace
}  // namespace stellwerk
