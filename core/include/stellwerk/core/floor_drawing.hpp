// A floor's drawing: the picture of walls, windows and stairs drawn under the places of the floor
// plan. What counts as a drawing is decided here, once, for the server that accepts an upload
// and the client that accepts a download: a PNG or JPEG of at most kMaxDrawingBytes and at most
// kMaxDrawingSide pixels a side, whose decoding costs no more than those pixels need — a PNG
// whose data inflates beyond them (a "deflate bomb"), a JPEG of a kind common decoders cannot
// read or with more than a few dozen scans are refused. The server never decodes an uploaded
// image, and the client decodes nothing a hostile server sent before this check has passed.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace stellwerk {

inline constexpr std::size_t kMaxDrawingBytes = 8 * 1024 * 1024;
inline constexpr int kMaxDrawingSide = 4096;  // 64 MiB of RGBA pixels at most

enum class DrawingFormat : unsigned char { png, jpeg };

struct DrawingInfo {
  DrawingFormat format = DrawingFormat::png;
  int width_px = 0;
  int height_px = 0;
};

// The format and size from the image's header; nullopt when the bytes are not a PNG or JPEG, are
// larger than kMaxDrawingBytes, announce a side of 0 or more than kMaxDrawingSide pixels, or
// would cost a decoder more than that (see above). Reads the whole file once; a PNG's data is
// inflated (and thrown away) on the way, at most the bytes its pixels need.
std::optional<DrawingInfo> inspect_drawing(std::string_view bytes);

// "image/png", "image/jpeg": the Content-Type a drawing travels with.
std::string_view media_type(DrawingFormat format);

}  // namespace stellwerk
