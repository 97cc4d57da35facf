// The department policy as pure functions: whether a day may be booked, when a slot starts and
// ends, and how much of a month is planned remote. The client calls them to explain a refusal
// before the person tries; the server calls the same functions to enforce the policy, so the
// two can never disagree. No clock is read here: callers pass "today" in, which keeps the rules
// deterministic and testable.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

// Stable codes returned by booking_date_problem. They go over the wire and into the client's
// message lookup, so they never change once released.
namespace booking_problem {
inline constexpr std::string_view past = "past";
inline constexpr std::string_view too_far_ahead = "too_far_ahead";
inline constexpr std::string_view weekday_not_bookable = "weekday_not_bookable";
inline constexpr std::string_view holiday = "holiday";
inline constexpr std::string_view too_many_upcoming = "too_many_upcoming";
}  // namespace booking_problem

// Why `day` cannot be booked by a person who already holds `upcoming_count` bookings that are
// not yet over, or nullopt when it can. Today is bookable; the last bookable day is
// today + policy.days_ahead. The first failing check wins, in the order of the codes above, so
// that a person is told the most fundamental reason (a Saturday that is also a holiday reports
// weekday_not_bookable).
std::optional<std::string_view> booking_date_problem(const DepartmentPolicy& policy, Date today, Date day,
                                                     int upcoming_count);

// Whether an accessible desk is still held for colleagues who need one, for a person who does not
// (`needs_accessible`), booking it from `start`: until policy.accessible_hold_hours before the
// start; after that anyone may take it rather than leave it empty. Only desks are held. The
// server enforces this (409 accessible_held); the client and the sync layer explain it with the
// same function.
bool accessible_held(const DepartmentPolicy& policy, const Resource& resource, bool needs_accessible, Instant start,
                     Instant now);

// The local start and end minute of a slot; HalfDay::day is the whole working day.
SlotTimes slot_times(const DepartmentPolicy& policy, HalfDay half);

// Planned remote work in a month as a share of its working days (0.0 … 1.0): a remote full
// day counts 1, a remote half day 0.5. Only planned entries on working days of that month
// count (a remote Saturday uses up nothing), and a date counts at most 1 even if the entries
// for it overlap. 0.0 for a month without working days.
double remote_share(std::span<const Workday> workdays, int year, unsigned month);

// Remote days the policy allows in a month (may be fractional, e.g. 40 % of 21 days = 8.4).
double remote_days_allowed(const DepartmentPolicy& policy, int year, unsigned month);

// True when the planned remote share is above policy.remote_share_percent. Computed in whole
// half-days, so exactly reaching the limit is never misreported through rounding.
bool remote_share_exceeded(const DepartmentPolicy& policy, std::span<const Workday> workdays, int year,
                           unsigned month);

// The first day from `today` on (inclusive) that passes every check of booking_date_problem
// except too_many_upcoming, which is about the person and not the day; nullopt when the
// horizon holds none (e.g. no weekday is bookable).
std::optional<Date> next_bookable_day(const DepartmentPolicy& policy, Date today);

}  // namespace stellwerk
