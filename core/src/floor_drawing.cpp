// Reading a PNG's or JPEG's size from its header (see floor_drawing.hpp for why only the header).
#include "stellwerk/core/floor_drawing.hpp"

#include <cstdint>

namespace stellwerk {
namespace {

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

// PNG: the 8-byte signature, then the IHDR chunk (length 13) with width and height.
std::optional<DrawingInfo> png_info(std::string_view bytes) {
  constexpr std::string_view signature{"\x89PNG\r\n\x1a\n", 8};
  if (bytes.size() < 33 || !bytes.starts_with(signature) || bytes.substr(12, 4) != "IHDR") return std::nullopt;
  if (big_endian(bytes, 8, 4) != 13) return std::nullopt;
  return sized(DrawingFormat::png, big_endian(bytes, 16, 4), big_endian(bytes, 20, 4));
}

// A start-of-frame marker (SOF0–SOF15 but for DHT C4, JPG C8 and DAC CC) carries the frame's size.
bool start_of_frame(unsigned char marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// JPEG: SOI, then segments (marker, 2-byte length) up to the first start of frame. Bytes of
// 0xFF before a marker are fill; a marker without length before the frame ends the search.
std::optional<DrawingInfo> jpeg_info(std::string_view bytes) {
  if (bytes.size() < 4 || static_cast<unsigned char>(bytes[0]) != 0xFF || static_cast<unsigned char>(bytes[1]) != 0xD8) {
    return std::nullopt;
  }
  std::size_t at = 2;
  while (at + 4 <= bytes.size()) {
    if (static_cast<unsigned char>(bytes[at]) != 0xFF) return std::nullopt;
    const auto marker = static_cast<unsigned char>(bytes[at + 1]);
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    const std::uint32_t length = big_endian(bytes, at + 2, 2);
    if (length < 2) return std::nullopt;
    if (start_of_frame(marker)) {
      if (length < 7 || at + 9 > bytes.size()) return std::nullopt;
      return sized(DrawingFormat::jpeg, big_endian(bytes, at + 7, 2), big_endian(bytes, at + 5, 2));
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end of image or scan data before any frame
    at += 2 + length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<DrawingInfo> inspect_drawing(std::string_view bytes) {
  if (bytes.size() > kMaxDrawingBytes) return std::nullopt;
  if (auto png = png_info(bytes)) return png;
  return jpeg_info(bytes);
}

std::string_view media_type(DrawingFormat format) {
  return format == DrawingFormat::png ? "image/png" : "image/jpeg";
}

}  // namespace stellwerk
