// The members a Resource and a PlaceRequest share, as the API document names them (its schema
// `Place`, which both extend). No request or answer is a Place alone: the type exists so that the
// registry, and with it the document test, knows that schema's members like every other's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stellwerk/wire/types_places.hpp"

namespace stellwerk::wire {

struct Place {
  std::optional<ResourceType> type;
  std::optional<std::string> name;
  std::optional<Id> floor_id;
  std::optional<double> x;
  std::optional<double> y;
  std::optional<double> w;
  std::optional<double> h;
  std::optional<std::vector<std::string>> features;
  std::optional<int> capacity;
  std::optional<bool> accessible;
  std::optional<PlaceClosure> closure;
};
template <> struct Schema<Place> {
  static constexpr std::string_view name = "Place";
  static constexpr bool closed = false;
  static constexpr auto fields = std::tuple{
      optional_field("type", &Place::type),         optional_field("name", &Place::name),
      optional_field("floor_id", &Place::floor_id), optional_field("x", &Place::x),
      optional_field("y", &Place::y),               optional_field("w", &Place::w),
      optional_field("h", &Place::h),               optional_field("features", &Place::features),
      optional_field("capacity", &Place::capacity), optional_field("accessible", &Place::accessible),
      optional_field("closure", &Place::closure)};
};

}  // namespace stellwerk::wire
