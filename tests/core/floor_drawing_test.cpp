// What counts as a floor drawing (core/floor_drawing.hpp): the rule the server applies to an upload
// and the client to a download, before any decoder sees the bytes. The images are built here byte
// by byte (zlib compresses the PNG data), so that each case is exactly the file it names.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "stellwerk/core/floor_drawing.hpp"

namespace stellwerk {
namespace {

std::string be(unsigned long value, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  return out;
}

std::string chunk(const std::string& type, const std::string& data) {
  const std::string body = type + data;
  const auto crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  return be(data.size(), 4) + body + be(crc, 4);
}

std::string deflated(const std::string& raw) {
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string out(size, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
            static_cast<uLong>(raw.size()), 9);
  out.resize(size);
  return out;
}

// A PNG whose IHDR says width × height RGBA at 8 bits and whose IDAT holds `raw` deflated.
std::string png_with(unsigned width, unsigned height, const std::string& raw) {
  const std::string ihdr = be(width, 4) + be(height, 4) + std::string{"\x08\x06\x00\x00\x00", 5};
  return std::string{"\x89PNG\r\n\x1a\n", 8} + chunk("IHDR", ihdr) + chunk("IDAT", deflated(raw)) + chunk("IEND", "");
}

// A real PNG of width × height transparent pixels: each row a filter byte and 4 bytes a pixel.
std::string png_of(unsigned width, unsigned height) {
  return png_with(width, height, std::string(std::size_t{height} * (1 + 4 * std::size_t{width}), '\0'));
}

// SOI, an APP0 (JFIF) segment, fill bytes, a start of frame `marker` of width × height at
// `precision` bits, then `scans` scans with a little entropy-coded data each (with a stuffed 0xFF
// and a restart marker in it), then EOI.
std::string jpeg_of(unsigned width, unsigned height, unsigned char marker = 0xC0, int scans = 1,
                    unsigned char precision = 8) {
  std::string jpeg{"\xFF\xD8", 2};
  jpeg += std::string{"\xFF\xE0", 2} + be(16, 2) + std::string{"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14};
  jpeg += std::string{"\xFF\xFF", 2};
  jpeg += std::string{"\xFF", 1} + static_cast<char>(marker) + be(11, 2) + static_cast<char>(precision) + be(height, 2) +
          be(width, 2) + std::string{"\x01\x01\x11\x00", 4};
  for (int i = 0; i < scans; ++i) {
    jpeg += std::string{"\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10} + std::string{"\x12\xFF\x00\x34\xFF\xD0\x56", 7};
  }
  return jpeg + std::string{"\xFF\xD9", 2};
}

TEST(FloorDrawing, ReadsThePngSize) {
  const auto info = inspect_drawing(png_of(96, 64));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->format, DrawingFormat::png);
  EXPECT_EQ(info->width_px, 96);
  EXPECT_EQ(info->height_px, 64);
  EXPECT_EQ(media_type(info->format), "image/png");
}

TEST(FloorDrawing, ReadsTheJpegSizeBehindOtherSegmentsAlsoForProgressiveJpegs) {
  for (const auto& [marker, scans] : {std::pair<unsigned char, int>{0xC0, 1}, {0xC1, 1}, {0xC2, 10}}) {
    const auto info = inspect_drawing(jpeg_of(1200, 800, marker, scans));
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
  const std::string png = png_of(96, 64);
  EXPECT_FALSE(inspect_drawing(png.substr(0, 20)));               // cut inside the header
  EXPECT_FALSE(inspect_drawing(png.substr(0, png.size() - 20)));  // cut inside the data
  const std::string jpeg = jpeg_of(1200, 800);
  EXPECT_FALSE(inspect_drawing(jpeg.substr(0, 26)));               // cut before the frame's size
  EXPECT_FALSE(inspect_drawing(jpeg.substr(0, jpeg.size() - 2)));  // no end of image
  EXPECT_FALSE(inspect_drawing(std::string{"\xFF\xD8\xFF\xD9", 4}));          // ends before any frame
  EXPECT_FALSE(inspect_drawing(std::string{"\xFF\xD8\xFF\xE0\x00\x00", 6}));  // a segment of length 0
  EXPECT_FALSE(inspect_drawing(jpeg_of(1200, 800, 0xC4)));                    // a Huffman table is no frame
  EXPECT_FALSE(inspect_drawing(jpeg_of(1200, 800, 0xC0, 0)));                 // a frame without a scan
}

TEST(FloorDrawing, RefusesJpegsCommonDecodersCannotRead) {
  EXPECT_FALSE(inspect_drawing(jpeg_of(1200, 800, 0xC3)));            // lossless
  EXPECT_FALSE(inspect_drawing(jpeg_of(1200, 800, 0xC9)));            // arithmetic coded
  EXPECT_FALSE(inspect_drawing(jpeg_of(1200, 800, 0xC1, 1, 12)));     // 12 bits a sample
}

TEST(FloorDrawing, RefusesSizesNoScreenNeedsAndFilesLargerThanTheLimit) {
  EXPECT_TRUE(inspect_drawing(png_of(kMaxDrawingSide, 2)));
  EXPECT_FALSE(inspect_drawing(png_of(kMaxDrawingSide + 1, 2)));
  EXPECT_FALSE(inspect_drawing(png_of(0, 2)));
  EXPECT_FALSE(inspect_drawing(png_with(2, 0xFFFFFFFFu, "")));
  EXPECT_TRUE(inspect_drawing(jpeg_of(10, kMaxDrawingSide)));
  EXPECT_FALSE(inspect_drawing(jpeg_of(10, kMaxDrawingSide + 1)));
  EXPECT_FALSE(inspect_drawing(jpeg_of(0, 10)));
  std::string heavy = png_of(100, 100);
  heavy.resize(kMaxDrawingBytes + 1, '\0');
  EXPECT_FALSE(inspect_drawing(heavy));
}

// Files that announce a small image but would make a decoder spend without bound.
TEST(FloorDrawing, RefusesWhatWouldCostADecoderMoreThanItsPixels) {
  // One pixel whose data inflates to 32 MiB: a decoder would grow its buffer to hold it all.
  EXPECT_FALSE(inspect_drawing(png_with(1, 1, std::string(32 * 1024 * 1024, '\0'))));
  // Slightly more data than the pixels need is refused too; exactly what they need is fine.
  EXPECT_FALSE(inspect_drawing(png_with(16, 16, std::string(16 * (1 + 64) + 16 * 4 + 65, '\0'))));
  EXPECT_TRUE(inspect_drawing(png_with(16, 16, std::string(16 * (1 + 64), '\0'))));
  // A progressive JPEG of very many scans: each one is a pass over the whole image.
  EXPECT_TRUE(inspect_drawing(jpeg_of(4096, 4096, 0xC2, 64)));
  EXPECT_FALSE(inspect_drawing(jpeg_of(4096, 4096, 0xC2, 65)));
}

}  // namespace
}  // namespace stellwerk
