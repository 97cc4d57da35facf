// Decoding a floor drawing for the window (desks_handler.hpp). Only bytes that passed core's
// header check reach stb_image, so nothing larger than core's limit is ever decoded, and a
// decoded size other than the announced one (a file that lies in its header) is refused too.
#include <stb_image.h>

#include <memory>

#include "desks/desks_handler.hpp"
#include "stellwerk/core/floor_drawing.hpp"

namespace stellwerk::client {

std::shared_ptr<const FloorDrawingImage> decode_drawing(const Id& floor_id, std::string version, std::string_view image) {
  const auto info = inspect_drawing(image);
  if (!info) return nullptr;
  int width = 0, height = 0, channels = 0;
  std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> pixels{
      stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(image.data()), static_cast<int>(image.size()), &width,
                            &height, &channels, 4),
      &stbi_image_free};
  if (!pixels || width != info->width_px || height != info->height_px) return nullptr;
  auto decoded = std::make_shared<FloorDrawingImage>();
  decoded->floor_id = floor_id;
  decoded->version = std::move(version);
  decoded->width = width;
  decoded->height = height;
  const auto bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
  decoded->rgba.assign(pixels.get(), pixels.get() + bytes);
  return decoded;
}

}  // namespace stellwerk::client
