// Foreseen refusals and multi-change bookings (contracts in desk_booking.hpp). The booking checks
// follow create_booking in server/src/bookings.cpp check for check; every rule itself is a
// core/rules.hpp function that the server calls too.
#include "stellwerk/sync/desk_booking.hpp"

#include <algorithm>
#include <chrono>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::sync {
namespace {

// The person's bookings that can still matter for a new one: from yesterday (a booking that
// began yesterday cannot reach today, but the margin costs nothing) to past the horizon.
std::vector<Booking> my_live_bookings(const store::LocalStore& store, Date today, int days_ahead) {
  std::vector<Booking> live = store.my_bookings(add_days(today, -1), add_days(today, days_ahead + 1));
  std::erase_if(live, [](const Booking& b) { return !is_active(b.state); });
  return live;
}

}  // namespace

// The person's department's policy, or the defaults while it is not cached.
DepartmentPolicy my_policy(const store::LocalStore& store, const Employee& me) {
  if (const auto department = store.department(me.department_id)) return department->policy;
  return DepartmentPolicy{};
}

std::optional<Refusal> foreseeable_refusal(const store::LocalStore& store, const Id& resource_id,
                                           Instant requested_start, Instant end, Instant now) {
  const Date day = local_date(requested_start);
  if (!valid_time_range(requested_start, end) || end > to_instant(day, 24 * 60)) return Refusal::invalid_time_range;
  const auto resource = store.resource(resource_id);
  const auto me = store.me();
  if (!resource || !me) return std::nullopt;  // the server knows what the cache does not
  if (end <= now) return Refusal::past;
  const Instant start = booking_start(requested_start, end, now);

  const DepartmentPolicy policy = my_policy(store, *me);
  const Date today = local_date(now);
  const std::vector<Booking> mine = my_live_bookings(store, today, policy.days_ahead);
  const int upcoming = static_cast<int>(std::count_if(mine.begin(), mine.end(), [&](const Booking& b) { return b.end > now; }));
  const auto date_problem = booking_date_problem(policy, today, day, upcoming);
  if (date_problem && *date_problem != Refusal::too_many_upcoming) return date_problem;
  if (const auto building = store.building_of_floor(resource->floor_id)) {
    for (const store::Closure& closure : store.closures(day, day)) {
      if (closure.building_id == *building) return Refusal::building_closed;
    }
  }
  if (date_problem) return date_problem;

  const bool desk = resource->type == ResourceType::desk;
  if (accessible_held(policy, *resource, me->needs_accessible_desk, start, now)) return Refusal::accessible_held;
  const auto overlaps = [&](Instant s, Instant e) { return s < end && e > start; };
  if (desk) {
    for (const Booking& b : mine) {
      if (!overlaps(b.start, b.end)) continue;
      const auto held = store.resource(b.resource_id);
      if (held && held->type == ResourceType::desk) return Refusal::already_booked;
    }
  }
  for (const store::Occupancy& o : store.others_on_floor(resource->floor_id, start, end)) {
    if (o.resource_id == resource->id) return desk ? Refusal::desk_taken : Refusal::resource_taken;
  }
  for (const Booking& b : mine) {
    if (b.resource_id == resource->id && overlaps(b.start, b.end)) {
      return desk ? Refusal::already_booked : Refusal::resource_taken;
    }
  }
  return std::nullopt;
}

std::optional<Refusal> foreseeable_check_in_refusal(const store::LocalStore& store, const Id& booking_id,
                                                    Instant now) {
  const auto booking = store.booking(booking_id);
  if (!booking) return Refusal::booking_not_found;
  const auto me = store.me();
  const DepartmentPolicy policy = me ? my_policy(store, *me) : DepartmentPolicy{};
  return check_in_refusal(check_in_window(policy, booking->start, booking->release_at), booking->state, booking->end,
                          now);
}

std::optional<Refusal> foreseeable_plan_refusal(const store::LocalStore& store, const Workday& entry) {
  if (const auto refusal = plan_day_refusal(entry)) return refusal;
  const auto me = store.me();
  if (!me || entry.kind != WorkdayKind::planned) return std::nullopt;
  const DepartmentPolicy policy = my_policy(store, *me);
  const int year = int{entry.date.year()};
  const unsigned month = unsigned{entry.date.month()};
  std::vector<Workday> planned = store.my_workdays(entry.date.year() / entry.date.month() / 1,
                                                   entry.date.year() / entry.date.month() / date::last);
  std::erase_if(planned, [](const Workday& w) { return w.kind != WorkdayKind::planned; });
  const RemoteMonth before = remote_month(policy, planned, year, month);
  const RemoteMonth after = remote_month(policy, with_entry(planned, entry), year, month);
  return quota_refusal(policy, before, after);
}

QueuedBookings queue_bookings_on_days(store::LocalStore& store, const Id& resource_id, std::span<const Date> days,
                                      SlotTimes times, Instant now) {
  QueuedBookings result;
  store.atomically([&] {
    for (const Date day : days) {
      const Instant start = to_instant(day, times.start);
      const Instant end = to_instant(day, times.end);
      // Each booking queued here is in the cache before the next day is checked, so that
      // max_upcoming counts it.
      if (auto problem = foreseeable_refusal(store, resource_id, start, end, now)) {
        result.skipped.push_back(SkippedDay{day, *problem});
        continue;
      }
      result.queued.push_back(queue_booking(store, resource_id, booking_start(start, end, now), end));
    }
  });
  return result;
}

UsualBooking queue_usual_booking(store::LocalStore& store, Date day, SlotTimes times, Instant now) {
  UsualBooking result;
  std::optional<Resource> usual;
  for (const Favourite& favourite : store.favourites()) {
    const auto resource = store.resource(favourite.resource_id);
    if (!resource || resource->type != ResourceType::desk) continue;
    if (!usual || favourite.usual) usual = resource;
    if (favourite.usual) break;
  }
  if (!usual) {
    result.problem = Refusal::no_usual_desk;
    return result;
  }
  // The rules judge the requested start (as the server does); only the booking sent starts now at
  // the earliest, like queue_bookings_on_days.
  const Instant start = to_instant(day, times.start);
  const Instant end = to_instant(day, times.end);
  store.atomically([&] {
    auto problem = foreseeable_refusal(store, usual->id, start, end, now);
    Resource chosen = *usual;
    // Only a taken or held desk has a better neighbour; every other refusal is about the day or
    // the person and would stop any desk.
    if (problem == Refusal::desk_taken || problem == Refusal::accessible_held) {
      const auto building = store.building_of_floor(usual->floor_id);
      const auto candidates = building ? store.resources_in_building(*building) : std::vector<Resource>{};
      const auto free = [&](const Resource& r) { return !foreseeable_refusal(store, r.id, start, end, now); };
      // The accessibility rule is part of `free` already (foreseeable_refusal checks the hold).
      const auto nearest = nearest_alike(*usual, candidates, free, /*may_take_accessible=*/true, 1);
      if (!nearest.empty()) {
        chosen = nearest.front();
        problem.reset();
      }
    }
    if (problem) {
      result.problem = problem;
      return;
    }
    result.booking_id = queue_booking(store, chosen.id, booking_start(start, end, now), end).id;
    result.nearest_alike = chosen.id != usual->id;
    result.resource = chosen;
  });
  return result;
}

std::vector<Date> queue_cancel_between(store::LocalStore& store, Date from, Date to, Instant now) {
  std::vector<Date> days;
  store.atomically([&] {
    for (const Booking& b : store.my_bookings(from, to)) {
      if (!is_active(b.state) || b.end <= now) continue;
      queue_cancel(store, b.id);
      days.push_back(local_date(b.start));
    }
  });
  return days;
}

}  // namespace stellwerk::sync
