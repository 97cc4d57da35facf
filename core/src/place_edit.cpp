#include "stellwerk/core/place_edit.hpp"

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <cmath>
#include <string_view>
#include <vector>

#include <sys/random.h>

namespace stellwerk {
namespace {

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::ranges::count_if(text, [](char c) { return (c & 0xC0) != 0x80; }));
}

bool blank(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// The nearest centimetre within [0, highest]: rounding up at the far edge would leave the floor.
double centimetres(double metres, double highest) {
  const double rounded = std::round(metres * 100) / 100;
  return rounded <= highest ? rounded : std::floor(metres * 100) / 100;
}

bool valid_features(const std::vector<std::string>& features) {
  if (features.size() > kMaxPlaceFeatures || !std::ranges::all_of(features, [](const std::string& f) { return valid_feature_name(f); })) {
    return false;
  }
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (std::find(features.begin() + static_cast<std::ptrdiff_t>(i) + 1, features.end(), features[i]) != features.end()) return false;
  }
  return true;
}

}  // namespace

bool valid_feature_name(std::string_view name) {
  return !name.empty() && name.size() <= 40 && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos;
}

std::optional<Refusal> place_refusal(const Resource& place, const Floor& floor) {
  if (blank(place.name) || code_points(place.name) > kMaxPlaceNameChars) return Refusal::place_name_missing;
  if (!fits_on_floor(place, floor)) return Refusal::place_off_floor;
  if (place.capacity < 1 || !valid_features(place.features)) return Refusal::invalid_field;
  if (const auto& closure = place.closure) {
    if (!closure->from.ok() || !closure->until.ok() || closure->until < closure->from || blank(closure->reason)) {
      return Refusal::invalid_closure;
    }
  }
  return std::nullopt;
}

Id new_place_id() {
  unsigned char bytes[8];
  std::size_t filled = 0;
  while (filled < sizeof bytes) {
    const ssize_t got = ::getrandom(bytes + filled, sizeof bytes - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw std::runtime_error("no random numbers from the system");
    filled += static_cast<std::size_t>(got);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  Id id = "plc_";
  for (const unsigned char byte : bytes) {
    id += kHex[byte >> 4];
    id += kHex[byte & 0x0F];
  }
  return id;
}

bool closed_on(const Resource& place, Date day) {
  return place.closure && place.closure->from <= day && day <= place.closure->until;
}

Resource moved_on_floor(Resource place, double dx, double dy, const Floor& floor) {
  // A place larger than its floor stays at the corner rather than leaving it on the other side.
  const double right = std::max(0.0, floor.width_m - place.w);
  const double bottom = std::max(0.0, floor.height_m - place.h);
  place.x = centimetres(std::clamp(place.x + dx, 0.0, right), right);
  place.y = centimetres(std::clamp(place.y + dy, 0.0, bottom), bottom);
  // x + w is a sum of doubles: at the far edge it may come out a hair beyond the floor, which
  // fits_on_floor refuses. A centimetre back keeps it on.
  if (place.x + place.w > floor.width_m) place.x = std::max(0.0, place.x - 0.01);
  if (place.y + place.h > floor.height_m) place.y = std::max(0.0, place.y - 0.01);
  return place;
}

}  // namespace stellwerk
