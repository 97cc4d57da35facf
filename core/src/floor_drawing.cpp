// What counts as a floor drawing (floor_drawing.hpp). The size comes from the header; the rest of
// the file is walked once so that nothing a decoder would spend without bound gets through: a
// PNG's compressed data must not inflate to more than its announced pixels need (a "deflate
// bomb" of 8 MiB would otherwise grow a decoder's buffer to gigabytes), and a JPEG must be the
// baseline or progressive kind at 8 bits that every decoder reads, with a bounded number of scans
// (each scan makes a progressive decoder pass over the whole image).
#include "stellwerk/core/floor_drawing.hpp"

#include <zlib.h>

#include <array>
#include <cstdint>

namespace stellwerk {
namespace {

// Progressive JPEGs from common encoders use about 10 scans; a few times that is still ordinary.
constexpr int kMaxJpegScans = 64;

std::uint32_t big_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::optional<DrawingInfo> sized(DrawingFormat format, std::uint32_t width, std::uint32_t height) {
  constexpr auto side = static_cast<std::uint32_t>(kMaxDrawingSide);
  if (width == 0 || height == 0 || width > side || height > side) return std::nullopt;
  return DrawingInfo{format, static_cast<int>(width), static_cast<int>(height)};
}

// The most bytes a PNG's filtered scanlines can take for these pixels: one filter byte and the
// packed samples per row, with room for the seven smaller rows of each interlacing pass.
std::size_t png_raw_bound(std::uint32_t width, std::uint32_t height, unsigned bit_depth, unsigned colour_type) {
  const unsigned channels = colour_type == 2 ? 3 : colour_type == 4 ? 2 : colour_type == 6 ? 4 : 1;
  const std::size_t row_bits = std::size_t{width} * channels * bit_depth;
  return std::size_t{height} * (1 + (row_bits + 7) / 8) + 4 * std::size_t{height} + 64;
}

// Whether the zlib stream of the PNG's IDAT chunks inflates completely to at most `bound` bytes.
// The output is thrown away as it comes: only its amount matters.
bool inflates_within(std::string_view bytes, std::size_t bound) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return false;
  std::array<unsigned char, 16384> sink{};
  std::size_t produced = 0;
  int status = Z_OK;
  for (std::size_t at = 8; status == Z_OK && at + 12 <= bytes.size();) {
    const std::size_t length = big_endian(bytes, at, 4);
    if (length > bytes.size() - at - 12) break;
    if (bytes.substr(at + 4, 4) == "IDAT") {
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + at + 8));
      zs.avail_in = static_cast<uInt>(length);
      while (status == Z_OK && zs.avail_in > 0 && produced <= bound) {
        zs.next_out = sink.data();
        zs.avail_out = static_cast<uInt>(sink.size());
        status = inflate(&zs, Z_NO_FLUSH);
        produced += sink.size() - zs.avail_out;
      }
      if (status == Z_BUF_ERROR) status = Z_OK;  // this chunk's data is used up; the next one goes on
    }
    if (produced > bound) break;
    at += 12 + length;
  }
  inflateEnd(&zs);
  return status == Z_STREAM_END && produced <= bound;
}

// PNG: the 8-byte signature, then the IHDR chunk (length 13) with width, height, bit depth and
// colour type; then the image data, which must inflate within what those pixels need.
std::optional<DrawingInfo> png_info(std::string_view bytes) {
  constexpr std::string_view signature{"\x89PNG\r\n\x1a\n", 8};
  if (bytes.size() < 33 || !bytes.starts_with(signature) || bytes.substr(12, 4) != "IHDR") return std::nullopt;
  if (big_endian(bytes, 8, 4) != 13) return std::nullopt;
  auto info = sized(DrawingFormat::png, big_endian(bytes, 16, 4), big_endian(bytes, 20, 4));
  const auto bit_depth = static_cast<unsigned char>(bytes[24]);
  const auto colour_type = static_cast<unsigned char>(bytes[25]);
  if (!info || bit_depth == 0 || bit_depth > 16) return std::nullopt;
  const auto bound = png_raw_bound(static_cast<std::uint32_t>(info->width_px), static_cast<std::uint32_t>(info->height_px),
                                   bit_depth, colour_type);
  if (!inflates_within(bytes, bound)) return std::nullopt;
  return info;
}

// Where the entropy-coded data that follows a scan header ends: at the next marker, which is a
// 0xFF followed by neither 0x00 (a stuffed data byte), 0xFF (fill) nor a restart marker.
std::size_t end_of_scan_data(std::string_view bytes, std::size_t at) {
  for (; at + 1 < bytes.size(); ++at) {
    if (static_cast<unsigned char>(bytes[at]) != 0xFF) continue;
    const auto next = static_cast<unsigned char>(bytes[at + 1]);
    if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) return at;
  }
  return bytes.size();
}

// JPEG: SOI, then segments (marker, 2-byte length) up to the end of the image. Bytes of 0xFF
// before a marker are fill. One start of frame, baseline (SOF0), extended (SOF1) or progressive
// (SOF2) at 8 bits, carries the size; every other kind of frame is refused (lossless, arithmetic
// coded and hierarchical JPEGs are rare and most decoders cannot read them).
std::optional<DrawingInfo> jpeg_info(std::string_view bytes) {
  if (bytes.size() < 4 || static_cast<unsigned char>(bytes[0]) != 0xFF || static_cast<unsigned char>(bytes[1]) != 0xD8) {
    return std::nullopt;
  }
  std::optional<DrawingInfo> info;
  int scans = 0;
  std::size_t at = 2;
  while (at + 2 <= bytes.size()) {
    if (static_cast<unsigned char>(bytes[at]) != 0xFF) return std::nullopt;
    const auto marker = static_cast<unsigned char>(bytes[at + 1]);
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    if (marker == 0xD9) return info && scans > 0 ? info : std::nullopt;  // the end of the image
    if (at + 4 > bytes.size()) return std::nullopt;
    const std::uint32_t length = big_endian(bytes, at + 2, 2);
    if (length < 2 || at + 2 + length > bytes.size()) return std::nullopt;
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xCC) {
      const bool readable = marker <= 0xC2 && length >= 8 && static_cast<unsigned char>(bytes[at + 4]) == 8;
      if (info || !readable) return std::nullopt;
      info = sized(DrawingFormat::jpeg, big_endian(bytes, at + 7, 2), big_endian(bytes, at + 5, 2));
      if (!info) return std::nullopt;
    }
    at += 2 + length;
    if (marker == 0xDA) {  // a scan: its header, then entropy-coded data up to the next marker
      if (!info || ++scans > kMaxJpegScans) return std::nullopt;
      at = end_of_scan_data(bytes, at);
    }
  }
  return std::nullopt;  // no end of image
}

}  // namespace

std::optional<DrawingInfo> inspect_drawing(std::string_view bytes) {
  if (bytes.size() > kMaxDrawingBytes) return std::nullopt;
  if (bytes.starts_with("\x89PNG")) return png_info(bytes);
  return jpeg_info(bytes);
}

std::string_view media_type(DrawingFormat format) {
  return format == DrawingFormat::png ? "image/png" : "image/jpeg";
}

}  // namespace stellwerk
