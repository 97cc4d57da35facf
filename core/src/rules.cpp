// Department policy rules (contracts in rules.hpp). Remote shares are counted in half-days so
// that quota comparisons are exact integer arithmetic.
#include "stellwerk/core/rules.hpp"

#include <algorithm>
#include <array>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk {
namespace {

// Half-days of planned remote work on working days of the month.
int remote_half_days(std::span<const Workday> workdays, int year, unsigned month) {
  // Per day of month, capped at a full day (2 halves) so overlapping entries never count twice.
  std::array<int, 32> halves{};
  for (const Workday& w : workdays) {
    if (w.kind != WorkdayKind::planned || w.mode != WorkMode::remote) continue;
    if (int{w.date.year()} != year || unsigned{w.date.month()} != month) continue;
    if (!w.date.ok() || !is_working_day(w.date)) continue;
    int& slot = halves[unsigned{w.date.day()}];
    slot = std::min(2, slot + (w.half == HalfDay::day ? 2 : 1));
  }
  int total = 0;
  for (int h : halves) total += h;
  return total;
}

// The checks that depend only on the date, shared with next_bookable_day.
std::optional<std::string_view> date_problem(const DepartmentPolicy& policy, Date today, Date day) {
  if (day < today) return booking_problem::past;
  if (day > add_days(today, policy.days_ahead)) return booking_problem::too_far_ahead;
  if (!policy.bookable_weekdays[static_cast<std::size_t>(weekday_index(day))]) {
    return booking_problem::weekday_not_bookable;
  }
  if (nrw_holiday(day)) return booking_problem::holiday;
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> booking_date_problem(const DepartmentPolicy& policy, Date today, Date day,
                                                     int upcoming_count) {
  if (auto problem = date_problem(policy, today, day)) return problem;
  if (upcoming_count >= policy.max_upcoming) return booking_problem::too_many_upcoming;
  return std::nullopt;
}

bool accessible_held(const DepartmentPolicy& policy, const Resource& resource, bool needs_accessible, Instant start,
                     Instant now) {
  return resource.type == ResourceType::desk && resource.accessible && !needs_accessible &&
         now < start - std::chrono::hours{policy.accessible_hold_hours};
}

SlotTimes slot_times(const DepartmentPolicy& policy, HalfDay half) {
  switch (half) {
    case HalfDay::am: return policy.am;
    case HalfDay::pm: return policy.pm;
    case HalfDay::day:
    case HalfDay::COUNT: break;
  }
  return policy.day;
}

double remote_share(std::span<const Workday> workdays, int year, unsigned month) {
  const int working_days = working_days_in_month(year, month);
  if (working_days == 0) return 0.0;
  return remote_half_days(workdays, year, month) / (2.0 * working_days);
}

double remote_days_allowed(const DepartmentPolicy& policy, int year, unsigned month) {
  return policy.remote_share_percent * working_days_in_month(year, month) / 100.0;
}

bool remote_share_exceeded(const DepartmentPolicy& policy, std::span<const Workday> workdays, int year,
                           unsigned month) {
  // halves / (2 * days) > percent / 100  ⇔  halves * 100 > percent * 2 * days
  const int halves = remote_half_days(workdays, year, month);
  return halves * 100 > policy.remote_share_percent * 2 * working_days_in_month(year, month);
}

std::optional<Date> next_bookable_day(const DepartmentPolicy& policy, Date today) {
  for (int offset = 0; offset <= policy.days_ahead; ++offset) {
    const Date day = add_days(today, offset);
    if (!date_problem(policy, today, day)) return day;
  }
  return std::nullopt;
}

}  // namespace stellwerk
