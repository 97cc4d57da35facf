// What the Desks view shows about each place and the chosen day, as pure functions of an AppState:
// the time the person is about to book, the booking rule that stops it (the same codes, in the same
// order, as the server's checks in server/src/bookings.cpp and sync::foreseeable_refusal), and the
// state of a resource for that time. The view and its tests share them, so that "what the person
// sees" and "what a click books" cannot drift apart. No clock is read here: callers pass `now`.
//
// Without a server (the client runs on local data only), nobody else's bookings can be known. Such
// places count as free rather than unavailable, because booking must keep working offline: the
// booking is queued, shown as pending, and the server decides once it is reached (a refusal comes
// back as a conflict with the nearest free alternatives). The view says so in a line above the
// plan, so "free" is never mistaken for a promise (DesksView: occupancy_unknown()).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "app_state.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/widgets/floor_plan.hpp"

namespace stellwerk::client {

struct Interval {
  Instant start{};
  Instant end{};
};


// The department's policy, or the defaults while the department is not known yet.
const DepartmentPolicy& policy_of(const AppState& state);

// The day the Desks view shows and books: state.desks.day, or today until the first load chose one.
Date shown_day(const AppState& state);

// The instants the Desks view books on state.desks.day: the department's slot for a whole day,
// morning or afternoon, or the person's own range.
Interval chosen_interval(const AppState& state);
// The same choice in the words of BookResource/BookUsual/BookRecurring: the slot, and the range
// when the person chose one (then the slot is HalfDay::day and counts for nothing).
HalfDay chosen_half(const AppState& state);
std::optional<MinuteRange> chosen_range(const AppState& state);

// The person's bookings that count against policy.max_upcoming: booked or checked in, not over.
int upcoming_bookings(const AppState& state, Instant now);

// The closure of `building_id` on `day`, or nullptr when it is open.
const ClosedDay* closure_on(const AppState& state, const Id& building_id, Date day);

// Why nothing in the building shown (state.desks.building_id) can be booked for `time`, or
// nullopt. Codes, first failing check wins: invalid_time_range, past, too_far_ahead,
// weekday_not_bookable, holiday, building_closed, too_many_upcoming (labels.hpp: problem_text).
std::optional<std::string> time_problem(const AppState& state, Interval time, Instant now);
// The same for the chosen time (chosen_interval).
std::optional<std::string> chosen_time_problem(const AppState& state, Instant now);

// The person's active booking (booked or checked in) of `resource_id` overlapping [start, end), or
// nullptr.
const BookingSummary* my_booking_of(const AppState& state, const Id& resource_id, Instant start, Instant end);

// The person's active booking of any desk overlapping [start, end), or nullptr: a person holds one
// desk at a time, so the server refuses another one then ("already_booked").
const BookingSummary* my_desk_during(const AppState& state, Instant start, Instant end);

// Whether an accessible desk is still held for people who need one when booked for `start`.
bool accessible_held(const AppState& state, const Resource& resource, Instant start, Instant now);

// The state of `resource` for [start, end), in this order: mine (pending while its change waits in
// the outbox), booked by someone else, unavailable (a rule stops any booking of that time:
// chosen_time_problem for the chosen interval), reserved for people who need an accessible desk,
// else free. `start`/`end` must be on state.desks.day (busy times are loaded for that day only).
// A free desk may still be refused to this person because they hold another desk then
// (my_desk_during): that is about the person, not the place, so the place stays free.
ui::SpotState spot_state(const AppState& state, const Resource& resource, Instant start, Instant end, Instant now);

// spot_state for every place of a floor at once: the rule check of the time and the lookups of the
// person's and others' bookings are done once, so a 500-desk floor costs one pass per frame instead
// of 500 rule checks and 500 scans of the busy list (bench/desks_view_bench.cpp).
class SpotStates {
 public:
  // Valid for one frame: it refers to `state`'s bookings and busy times, which the next update may
  // replace. Not copyable, so that nobody keeps one.
  SpotStates(const AppState& state, Instant start, Instant end, Instant now);
  SpotStates(const SpotStates&) = delete;
  SpotStates& operator=(const SpotStates&) = delete;
  ui::SpotState of(const Resource& resource) const;

 private:
  const AppState& state_;
  Instant start_;
  Instant now_;
  bool unavailable_;  // a rule stops any booking of the time
  std::unordered_map<std::string_view, const BookingSummary*> mine_;
  std::unordered_set<std::string_view> busy_;
};

// The check-in window of `booking` by core's one rule (core/rules.hpp: check_in_window): it opens
// check_in_opens_minutes_before before the start and closes at the release time, the server's when
// known, else the policy's. The server's check-in route uses the same function.
CheckInWindow check_in_window(const AppState& state, const Booking& booking);
// When a booking not checked in is released: the end of its check-in window.
Instant release_time(const AppState& state, const Booking& booking);
// Whether "Check in" is offered for `booking` at `now`: while it is booked, not yet checked in,
// and the server would accept the check-in (core's check_in_refusal says nothing against it).
bool check_in_open(const AppState& state, const Booking& booking, Instant now);

}  // namespace stellwerk::client
