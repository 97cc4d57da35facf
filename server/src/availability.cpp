// The availability of a building's resources and a resource's timeline on one day (contracts in
// availability.hpp).
#include "availability.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "reference.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::server {
namespace {

Instant from_unix(std::int64_t value) { return Instant{std::chrono::seconds{value}}; }

// An active booking of one resource on the day.
struct Occupied {
  Instant start{};
  Instant end{};
  bool mine = false;
};

// One half-day of one resource as the viewer sees it. The viewer's own booking shows even on
// a closed day, so that they can find and cancel it.
wire::DayState half_state(const std::vector<Occupied>& bookings, Instant from, Instant to, bool day_closed, bool held) {
  bool taken = false;
  for (const Occupied& b : bookings) {
    if (b.start >= to || b.end <= from) continue;
    if (b.mine) return wire::DayState::mine;
    taken = true;
  }
  if (day_closed) return wire::DayState::closed;
  if (taken) return wire::DayState::taken;
  return held ? wire::DayState::held : wire::DayState::free;
}

// The DayState of the same name.
wire::AvailabilityState as_day(wire::DayState half) {
  return *wire::EnumNames<wire::AvailabilityState>::parse(wire::EnumNames<wire::DayState>::name(half));
}

wire::AvailabilityState day_state(wire::DayState am, wire::DayState pm) {
  if (am == pm) return as_day(am);
  if (am == wire::DayState::free || pm == wire::DayState::free) return wire::AvailabilityState::partly_free;
  // Two different non-free halves: the one that matters most to the viewer.
  for (wire::DayState state : {wire::DayState::mine, wire::DayState::taken, wire::DayState::held}) {
    if (am == state || pm == state) return as_day(state);
  }
  return wire::AvailabilityState::closed;
}

// All of the day's active bookings in the building, by resource, in one query.
std::unordered_map<Id, std::vector<Occupied>> occupied_on(sql::Connection& db, const Id& building, Date day,
                                                          const std::optional<Id>& viewer) {
  std::unordered_map<Id, std::vector<Occupied>> occupied;
  sql::Statement bookings{db,
                          "SELECT b.resource_id, b.start, b.end, b.employee_id FROM resources r "
                          "JOIN bookings b ON b.resource_id = r.id WHERE r.building_id = ? AND b.day = ? "
                          "AND b.state IN ('booked', 'checked_in')"};
  bookings.bind_all(building, format_date(day));
  while (bookings.step()) {
    occupied[bookings.text(0)].push_back(
        Occupied{from_unix(bookings.int64(1)), from_unix(bookings.int64(2)), viewer == bookings.text(3)});
  }
  return occupied;
}

}  // namespace

wire::Availability building_availability(sql::Connection& db, const Id& building, const DayView& view) {
  const auto occupied = occupied_on(db, building, view.day, view.viewer.employee_id);
  const DepartmentPolicy& policy = view.policy;
  const Instant am_start = to_instant(view.day, policy.am.start);
  const Instant am_end = to_instant(view.day, policy.am.end);
  const Instant pm_start = to_instant(view.day, policy.pm.start);
  const Instant pm_end = to_instant(view.day, policy.pm.end);
  const auto held = [&](const Resource& resource, Instant start) {
    return accessible_held(policy, resource, view.viewer.needs_accessible_desk, start, view.now);
  };
  const std::vector<Occupied> none;
  wire::Availability availability{view.day, building, {}};
  sql::Statement rows{
      db, fmt::format("SELECT {} FROM resources WHERE building_id = ? AND {} ORDER BY sort_order", kResourceColumns,
                      kNotRemoved)};
  rows.bind_all(building);
  while (rows.step()) {
    const Resource r = read_resource(rows);
    const auto it = occupied.find(r.id);
    const auto& bookings = it == occupied.end() ? none : it->second;
    // A place closed that day (core's closed_on) shows like a closed building, to this place alone.
    const bool closed = view.closed || closed_on(r, view.day);
    const auto am = half_state(bookings, am_start, am_end, closed, held(r, am_start));
    const auto pm = half_state(bookings, pm_start, pm_end, closed, held(r, pm_start));
    // The closure goes along, so that a screen without the feed (the kiosk) can say why.
    const auto closure = r.closure ? std::optional<wire::PlaceClosure>{wire::PlaceClosure{
                                         r.closure->from, r.closure->until, r.closure->reason}}
                                   : std::nullopt;
    availability.resources.push_back(wire::AvailabilityResource{r.id, r.type, r.name, r.floor_id, r.x, r.y, r.w, r.h,
                                                                r.features, r.capacity, r.accessible, closure,
                                                                day_state(am, pm), am, pm});
  }
  return availability;
}

wire::Timeline day_timeline(sql::Connection& db, const Id& resource_id, Date day, bool closed,
                            const std::optional<Id>& viewer) {
  wire::Timeline timeline{resource_id, day, closed, {}};
  sql::Statement bookings{db,
                          "SELECT start, end, employee_id FROM bookings WHERE resource_id = ? AND day = ? "
                          "AND state IN ('booked', 'checked_in') ORDER BY start, end"};
  bookings.bind_all(resource_id, format_date(day));
  while (bookings.step()) {
    timeline.busy.push_back(
        wire::BusyPeriod{from_unix(bookings.int64(0)), from_unix(bookings.int64(1)), viewer == bookings.text(2)});
  }
  return timeline;
}

}  // namespace stellwerk::server
