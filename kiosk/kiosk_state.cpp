// The pure parts of the kiosk's state: counts and room times for the idle screen, today's booking.
#include "kiosk_state.hpp"

#include <algorithm>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::kiosk {

std::vector<FloorCount> free_desks_per_floor(const BuildingToday& today) {
  std::vector<FloorCount> counts;
  for (const KioskFloor& floor : today.floors) {
    FloorCount count{&floor, 0, 0};
    for (const Place& place : today.places) {
      if (place.floor_id != floor.id || place.type != ResourceType::desk) continue;
      ++count.desks;
      if (place.state == ui::SpotState::free) ++count.free_desks;
    }
    counts.push_back(count);
  }
  std::sort(counts.begin(), counts.end(), [](const FloorCount& a, const FloorCount& b) { return a.floor->level < b.floor->level; });
  return counts;
}

std::vector<RoomNow> rooms_now(const BuildingToday& today, Instant now) {
  std::vector<RoomNow> rooms;
  for (const Place& place : today.places) {
    if (place.type != ResourceType::room) continue;
    RoomNow room{&place, true, std::nullopt};
    const auto day = std::find_if(today.rooms.begin(), today.rooms.end(),
                                  [&](const RoomDay& r) { return r.resource_id == place.id; });
    if (place.state == ui::SpotState::unavailable) {
      room.free = false;
    } else if (day != today.rooms.end()) {
      std::vector<BusyTime> busy = day->busy;
      std::sort(busy.begin(), busy.end(), [](const BusyTime& a, const BusyTime& b) { return a.start < b.start; });
      for (const BusyTime& period : busy) {
        if (period.end <= now) continue;
        if (period.start <= now) {
          room.free = false;
          room.next = period.end;  // busy until then (a following meeting may extend it)
          for (const BusyTime& after : busy) {
            if (after.start <= *room.next && after.end > *room.next) room.next = after.end;
          }
        } else if (room.free && !room.next) {
          room.next = period.start;  // free until the next meeting
        }
        if (room.next) break;
      }
    }
    rooms.push_back(room);
  }
  return rooms;
}

std::vector<Date> bookable_days(const DepartmentPolicy& policy, Instant now, int count) {
  std::vector<Date> days;
  const Date today = local_date(now);
  for (int offset = 0; offset <= policy.days_ahead && static_cast<int>(days.size()) < count; ++offset) {
    const Date day = add_days(today, offset);
    if (offset == 0 && local_minute(now) >= policy.day.end) continue;
    if (!booking_date_problem(policy, today, day, 0)) days.push_back(day);
  }
  return days;
}

const PersonBooking* booking_here_today(const KioskState& state) {
  if (!state.person) return nullptr;
  const Date today = local_date(state.now);
  for (const PersonBooking& booking : state.person->bookings) {
    if (!booking.here || local_date(booking.start) != today || booking.end <= state.now) continue;
    if (booking.state == BookingState::booked || booking.state == BookingState::checked_in) return &booking;
  }
  return nullptr;
}

}  // namespace stellwerk::kiosk
