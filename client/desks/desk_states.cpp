// The Desks view's rules and states (contracts in desk_states.hpp). The order of the checks follows
// create_booking in server/src/bookings.cpp, so the reason shown before booking is the reason the
// server would give.
#include "desks/desk_states.hpp"

#include <algorithm>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::client {
namespace {

bool overlaps(Instant a_start, Instant a_end, Instant b_start, Instant b_end) { return a_start < b_end && a_end > b_start; }

}  // namespace

const DepartmentPolicy& policy_of(const AppState& state) {
  static const DepartmentPolicy defaults;
  return state.data.department ? state.data.department->policy : defaults;
}

Date shown_day(const AppState& state) { return state.desks.day.ok() ? state.desks.day : state.today; }

Interval chosen_interval(const AppState& state) {
  const Date day = shown_day(state);
  if (state.desks.time == TimeChoice::range) {
    return Interval{to_instant(day, state.desks.range.start), to_instant(day, state.desks.range.end)};
  }
  const SlotTimes slot = slot_times(policy_of(state), chosen_half(state));
  return Interval{to_instant(day, slot.start), to_instant(day, slot.end)};
}

HalfDay chosen_half(const AppState& state) {
  switch (state.desks.time) {
    case TimeChoice::am: return HalfDay::am;
    case TimeChoice::pm: return HalfDay::pm;
    case TimeChoice::day:
    case TimeChoice::range:
    case TimeChoice::COUNT: break;
  }
  return HalfDay::day;
}

std::optional<MinuteRange> chosen_range(const AppState& state) {
  if (state.desks.time != TimeChoice::range) return std::nullopt;
  return state.desks.range;
}

int upcoming_bookings(const AppState& state, Instant now) {
  return static_cast<int>(std::count_if(state.data.bookings.begin(), state.data.bookings.end(), [&](const BookingSummary& b) {
    return is_active(b.booking.state) && b.booking.end > now;
  }));
}

const ClosedDay* closure_on(const AppState& state, const Id& building_id, Date day) {
  for (const ClosedDay& closed : state.data.closures) {
    if (closed.building_id == building_id && closed.day == day) return &closed;
  }
  return nullptr;
}

std::optional<std::string> time_problem(const AppState& state, Interval chosen, Instant now) {
  const auto code = [](Refusal reason) { return std::optional<std::string>{wire_code(reason)}; };
  const Date day = local_date(chosen.start);
  if (!valid_time_range(chosen.start, chosen.end) || chosen.end > to_instant(day, 24 * 60)) {
    return code(Refusal::invalid_time_range);
  }
  if (chosen.end <= now) return code(Refusal::past);
  // Like the server: the day's own problems first, then the closure, then the person's count.
  // Today as the clock says, not state.today, which the window updates only once a minute.
  const auto date_problem = booking_date_problem(policy_of(state), local_date(now), day, upcoming_bookings(state, now));
  if (date_problem && *date_problem != Refusal::too_many_upcoming) return code(*date_problem);
  if (closure_on(state, state.desks.building_id, day) != nullptr) return code(Refusal::building_closed);
  if (date_problem) return code(*date_problem);
  return std::nullopt;
}

std::optional<std::string> chosen_time_problem(const AppState& state, Instant now) {
  return time_problem(state, chosen_interval(state), now);
}

const BookingSummary* my_booking_of(const AppState& state, const Id& resource_id, Instant start, Instant end) {
  for (const BookingSummary& b : state.data.bookings) {
    if (b.booking.resource_id == resource_id && is_active(b.booking.state) &&
        overlaps(b.booking.start, b.booking.end, start, end)) {
      return &b;
    }
  }
  return nullptr;
}

const BookingSummary* my_desk_during(const AppState& state, Instant start, Instant end) {
  for (const BookingSummary& b : state.data.bookings) {
    if (b.resource_type == ResourceType::desk && is_active(b.booking.state) &&
        overlaps(b.booking.start, b.booking.end, start, end)) {
      return &b;
    }
  }
  return nullptr;
}

bool accessible_held(const AppState& state, const Resource& resource, Instant start, Instant now) {
  // The server measures the hold from the start it would book, which is never before now.
  const bool needs = state.data.me && state.data.me->needs_accessible_desk;
  return stellwerk::accessible_held(policy_of(state), resource, needs, std::max(start, now), now);
}

ui::SpotState spot_state(const AppState& state, const Resource& resource, Instant start, Instant end, Instant now) {
  return SpotStates(state, start, end, now).of(resource);
}

SpotStates::SpotStates(const AppState& state, Instant start, Instant end, Instant now)
    : state_(state), start_(start), now_(now), unavailable_(time_problem(state, Interval{start, end}, now).has_value()) {
  // The first of the person's bookings wins, as my_booking_of finds it.
  for (const BookingSummary& b : state.data.bookings) {
    if (is_active(b.booking.state) && overlaps(b.booking.start, b.booking.end, start, end)) {
      mine_.try_emplace(b.booking.resource_id, &b);
    }
  }
  for (const BusyTime& b : state.desks.busy) {
    if (overlaps(b.start, b.end, start, end)) busy_.insert(b.resource_id);
  }
}

ui::SpotState SpotStates::of(const Resource& resource) const {
  if (const auto mine = mine_.find(resource.id); mine != mine_.end()) {
    return mine->second->pending ? ui::SpotState::pending : ui::SpotState::mine;
  }
  if (busy_.contains(resource.id)) return ui::SpotState::booked;
  // A place closed by facility management (core's rule, the server's place_closed).
  if (unavailable_ || closed_on(resource, local_date(start_))) return ui::SpotState::unavailable;
  if (accessible_held(state_, resource, start_, now_)) return ui::SpotState::reserved_accessible;
  return ui::SpotState::free;
}

CheckInWindow check_in_window(const AppState& state, const Booking& booking) {
  return stellwerk::check_in_window(policy_of(state), booking.start, booking.release_at);
}

Instant release_time(const AppState& state, const Booking& booking) { return check_in_window(state, booking).closes; }

bool check_in_open(const AppState& state, const Booking& booking, Instant now) {
  // Checking in again is no refusal on the server, but there is nothing to offer then.
  return booking.state == BookingState::booked &&
         !check_in_refusal(check_in_window(state, booking), booking.state, booking.end, now);
}

}  // namespace stellwerk::client
