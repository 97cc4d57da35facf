// The schemas of places and bookings: buildings, resources, availability, favourites (see
// types.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/wire/codec.hpp"
#include "stellwerk/wire/enums.hpp"

namespace stellwerk::wire {

struct Floor {
  Id id;
  std::string name;
  int level = 0;
  double width_m = 0;
  double height_m = 0;
  // The drawing's version (GET /api/v1/floors/{id}/drawing), absent when the floor has none.
  std::optional<std::string> drawing{};
};
template <> struct Schema<Floor> {
  static constexpr std::string_view name = "Floor";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("id", &Floor::id), field("name", &Floor::name),
                                            field("level", &Floor::level), field("width_m", &Floor::width_m),
                                            field("height_m", &Floor::height_m),
                                            optional_field("drawing", &Floor::drawing)};
};

struct Building {
  Id id;
  std::string name;
  std::string address;
  std::vector<Floor> floors;
};
template <> struct Schema<Building> {
  static constexpr std::string_view name = "Building";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("id", &Building::id), field("name", &Building::name),
                                            field("address", &Building::address), field("floors", &Building::floors)};
};

// A place closed for a period (core's PlaceClosure): both days included.
struct PlaceClosure {
  Date from{};
  Date until{};
  std::string reason;
};
template <> struct Schema<PlaceClosure> {
  static constexpr std::string_view name = "PlaceClosure";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("from", &PlaceClosure::from), field("until", &PlaceClosure::until),
                                            field("reason", &PlaceClosure::reason, request_text(200))};
};

// Reference data of a desk, room or parking space. The document leaves the plan's members
// optional and further members open, so that older clients keep reading newer servers.
struct Resource {
  Id id;
  ResourceType type = ResourceType::desk;
  std::string name;
  Id floor_id;
  std::optional<double> x;
  std::optional<double> y;
  std::optional<double> w;
  std::optional<double> h;
  std::optional<std::vector<std::string>> features;
  std::optional<int> capacity;
  std::optional<bool> accessible;
  std::optional<PlaceClosure> closure{};  // absent: open every day
};
template <> struct Schema<Resource> {
  static constexpr std::string_view name = "Resource";
  static constexpr bool closed = false;
  static constexpr auto fields = std::tuple{
      field("id", &Resource::id),
      field("type", &Resource::type),
      field("name", &Resource::name),
      field("floor_id", &Resource::floor_id),
      optional_field("x", &Resource::x),
      optional_field("y", &Resource::y),
      optional_field("w", &Resource::w),
      optional_field("h", &Resource::h),
      optional_field("features", &Resource::features),
      optional_field("capacity", &Resource::capacity),
      optional_field("accessible", &Resource::accessible),
      optional_field("closure", &Resource::closure)};
};

// The body of PUT /api/v1/resources/{id} (facility admins): the place as it is to be, new or
// changed. core's place_refusal decides whether it may be saved.
struct PlaceRequest {
  ResourceType type = ResourceType::desk;
  std::string name;
  Id floor_id;
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
  std::vector<std::string> features;
  int capacity = 1;
  bool accessible = false;
  std::optional<PlaceClosure> closure{};
};
template <> struct Schema<PlaceRequest> {
  static constexpr std::string_view name = "PlaceRequest";
  // Open like Resource, the same shape in the other direction (docs/api/openapi.yaml).
  static constexpr bool closed = false;
  static constexpr auto fields = std::tuple{
      field("type", &PlaceRequest::type),
      field("name", &PlaceRequest::name, request_text(400)),
      field("floor_id", &PlaceRequest::floor_id, request_text(200)),
      field("x", &PlaceRequest::x),
      field("y", &PlaceRequest::y),
      field("w", &PlaceRequest::w),
      field("h", &PlaceRequest::h),
      field("features", &PlaceRequest::features),
      field("capacity", &PlaceRequest::capacity),
      field("accessible", &PlaceRequest::accessible),
      optional_field("closure", &PlaceRequest::closure)};
};

// A Resource with all its members and its state for the caller on one day.
struct AvailabilityResource {
  Id id;
  ResourceType type = ResourceType::desk;
  std::string name;
  Id floor_id;
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
  std::vector<std::string> features;
  int capacity = 1;
  bool accessible = false;
  std::optional<PlaceClosure> closure{};  // a place closed by facility admins (state `closed` on its days)
  AvailabilityState state = AvailabilityState::free;
  DayState am = DayState::free;
  DayState pm = DayState::free;
};
template <> struct Schema<AvailabilityResource> {
  static constexpr std::string_view name = "AvailabilityResource";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("id", &AvailabilityResource::id),
      field("type", &AvailabilityResource::type),
      field("name", &AvailabilityResource::name),
      field("floor_id", &AvailabilityResource::floor_id),
      field("x", &AvailabilityResource::x),
      field("y", &AvailabilityResource::y),
      field("w", &AvailabilityResource::w),
      field("h", &AvailabilityResource::h),
      field("features", &AvailabilityResource::features),
      field("capacity", &AvailabilityResource::capacity),
      field("accessible", &AvailabilityResource::accessible),
      optional_field("closure", &AvailabilityResource::closure),
      field("state", &AvailabilityResource::state),
      field("am", &AvailabilityResource::am),
      field("pm", &AvailabilityResource::pm)};
};

struct Availability {
  Date date{};
  Id building_id;
  std::vector<AvailabilityResource> resources;
};
template <> struct Schema<Availability> {
  static constexpr std::string_view name = "Availability";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("date", &Availability::date),
                                            field("building_id", &Availability::building_id),
                                            field("resources", &Availability::resources)};
};

struct BusyPeriod {
  Instant start{};
  Instant end{};
  bool mine = false;
};
template <> struct Schema<BusyPeriod> {
  static constexpr std::string_view name = "BusyPeriod";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("start", &BusyPeriod::start), field("end", &BusyPeriod::end),
                                            field("mine", &BusyPeriod::mine)};
};

struct Timeline {
  Id resource_id;
  Date date{};
  bool closed = false;
  std::vector<BusyPeriod> busy;
};
template <> struct Schema<Timeline> {
  static constexpr std::string_view name = "Timeline";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("resource_id", &Timeline::resource_id),
                                            field("date", &Timeline::date), field("closed", &Timeline::closed),
                                            field("busy", &Timeline::busy)};
};

struct Favourite {
  Id resource_id;
  bool usual = false;
  Instant added_at{};
};
template <> struct Schema<Favourite> {
  static constexpr std::string_view name = "Favourite";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("resource_id", &Favourite::resource_id),
                                            field("usual", &Favourite::usual), field("added_at", &Favourite::added_at)};
};

struct FavouriteRequest {
  std::optional<bool> usual;   // false when left out
};
template <> struct Schema<FavouriteRequest> {
  static constexpr std::string_view name = "FavouriteRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{optional_field("usual", &FavouriteRequest::usual)};
};

struct Booking {
  Id id;
  Id resource_id;
  Id building_id;
  Instant start{};
  Instant end{};
  BookingState state = BookingState::booked;
  Instant check_in_opens_at{};
  Instant release_at{};
  Instant created_at{};
};
template <> struct Schema<Booking> {
  static constexpr std::string_view name = "Booking";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("id", &Booking::id),
      field("resource_id", &Booking::resource_id),
      field("building_id", &Booking::building_id),
      field("start", &Booking::start),
      field("end", &Booking::end),
      field("state", &Booking::state),
      field("check_in_opens_at", &Booking::check_in_opens_at),
      field("release_at", &Booking::release_at),
      field("created_at", &Booking::created_at)};
};

struct BookingRequest {
  Id resource_id;
  Instant start{};
  Instant end{};
};
template <> struct Schema<BookingRequest> {
  static constexpr std::string_view name = "BookingRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("resource_id", &BookingRequest::resource_id, request_text(200)),
                                            field("start", &BookingRequest::start),
                                            field("end", &BookingRequest::end)};
};

// The new place and time of a booking; the same members as a BookingRequest.
struct MoveRequest {
  Id resource_id;
  Instant start{};
  Instant end{};
};
template <> struct Schema<MoveRequest> {
  static constexpr std::string_view name = "MoveRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("resource_id", &MoveRequest::resource_id, request_text(200)),
                                            field("start", &MoveRequest::start), field("end", &MoveRequest::end)};
};

struct Occupancy {
  Id resource_id;
  Instant start{};
  Instant end{};
};
template <> struct Schema<Occupancy> {
  static constexpr std::string_view name = "Occupancy";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("resource_id", &Occupancy::resource_id),
                                            field("start", &Occupancy::start), field("end", &Occupancy::end)};
};

}  // namespace stellwerk::wire
