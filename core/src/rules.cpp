// Department policy rules (contracts in rules.hpp). Remote shares are counted in half-days so
// that quota comparisons are exact integer arithmetic.
#include "stellwerk/core/rules.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <string>

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
std::optional<Refusal> date_problem(const DepartmentPolicy& policy, Date today, Date day) {
  if (day < today) return Refusal::past;
  if (day > add_days(today, policy.days_ahead)) return Refusal::too_far_ahead;
  if (!policy.bookable_weekdays[static_cast<std::size_t>(weekday_index(day))]) {
    return Refusal::weekday_not_bookable;
  }
  if (nrw_holiday(day)) return Refusal::holiday;
  return std::nullopt;
}

}  // namespace

std::optional<Refusal> booking_date_problem(const DepartmentPolicy& policy, Date today, Date day,
                                            int upcoming_count) {
  if (auto problem = date_problem(policy, today, day)) return problem;
  if (upcoming_count >= policy.max_upcoming) return Refusal::too_many_upcoming;
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

Instant booking_start(Instant requested, Instant end, Instant now) {
  return now < end ? std::max(requested, now) : requested;
}

Instant release_time(const DepartmentPolicy& policy, Instant start) {
  return start + std::chrono::minutes{policy.check_in_closes_minutes_after};
}

CheckInWindow check_in_window(const DepartmentPolicy& policy, Instant start, std::optional<Instant> release_at) {
  return CheckInWindow{start - std::chrono::minutes{policy.check_in_opens_minutes_before},
                       release_at.value_or(release_time(policy, start))};
}

std::optional<Refusal> check_in_refusal(const CheckInWindow& window, BookingState state, Instant end, Instant now) {
  if (state == BookingState::checked_in) return std::nullopt;
  if (state == BookingState::released) return Refusal::check_in_closed;
  if (state != BookingState::booked || end <= now) return Refusal::booking_not_active;
  if (now < window.opens) return Refusal::check_in_not_open;
  if (now >= window.closes) return Refusal::check_in_closed;
  return std::nullopt;
}

std::optional<Refusal> plan_day_refusal(const Workday& entry) {
  // Presence announced for a day nobody works would also slip past the quota, which counts
  // working days only.
  const bool presence = entry.mode == WorkMode::office || entry.mode == WorkMode::remote;
  if (entry.kind != WorkdayKind::planned || !presence || is_working_day(entry.date)) return std::nullopt;
  return nrw_holiday(entry.date) ? Refusal::holiday : Refusal::not_a_working_day;
}

std::optional<WorkMode> mode_of(std::span<const Workday> workdays, Date day, HalfDay half, WorkdayKind kind) {
  std::optional<WorkMode> whole_day;
  for (const Workday& w : workdays) {
    if (w.date != day || w.kind != kind) continue;
    if (w.half == half) return w.mode;
    if (w.half == HalfDay::day) whole_day = w.mode;
  }
  return whole_day;
}

std::vector<Workday> with_entry(std::span<const Workday> entries, const Workday& entry) {
  std::vector<Workday> result;
  for (const Workday& w : entries) {
    if (w.date != entry.date || w.kind != entry.kind) {
      result.push_back(w);
    } else if (entry.half != HalfDay::day && w.half == HalfDay::day) {
      // Split: the half not planned now keeps the whole day's mode.
      result.push_back(Workday{w.date, entry.half == HalfDay::am ? HalfDay::pm : HalfDay::am, w.mode, w.kind});
    } else if (entry.half != HalfDay::day && w.half != entry.half) {
      result.push_back(w);
    }
  }
  result.push_back(entry);
  return result;
}

RemoteMonth remote_month(const DepartmentPolicy& policy, std::span<const Workday> workdays, int year, unsigned month) {
  RemoteMonth result;
  result.working_days = working_days_in_month(year, month);
  result.remote_half_days = remote_half_days(workdays, year, month);
  if (result.working_days > 0) {
    result.share_percent = std::round(result.remote_half_days * 1000.0 / (2.0 * result.working_days)) / 10;
  }
  result.allowed_days = std::round(remote_days_allowed(policy, year, month) * 100) / 100;
  // halves / (2 * days) > percent / 100  ⇔  halves * 100 > percent * 2 * days: exact, so that
  // reaching the limit exactly is never reported as over it through floating-point rounding.
  result.exceeded = result.remote_half_days * 100 > policy.remote_share_percent * 2 * result.working_days;
  return result;
}

std::optional<Refusal> quota_refusal(const DepartmentPolicy& policy, const RemoteMonth& before,
                                     const RemoteMonth& after) {
  if (policy.over_quota != OverQuotaRule::refused || !after.exceeded) return std::nullopt;
  if (after.remote_half_days <= before.remote_half_days) return std::nullopt;
  return Refusal::quota_exceeded;
}

std::optional<Refusal> decision_refusal(bool decline, std::string_view reason) {
  if (!decline) return std::nullopt;
  const bool blank = reason.find_first_not_of(" \t\r\n") == std::string_view::npos;
  return blank ? std::optional<Refusal>{Refusal::reason_required} : std::nullopt;
}

std::optional<Date> training_valid_until(Date completed_on, int validity_months) {
  if (validity_months <= 0) return std::nullopt;
  const Date moved = completed_on + date::months{validity_months};
  if (moved.ok()) return moved;
  return moved.year() / moved.month() / date::last;
}

bool training_expired(Date valid_until, Date today) { return date::sys_days{valid_until} < date::sys_days{today}; }

Learner learner_of(const Employee& person) { return Learner{person.roles, person.department_id}; }

bool mandatory_for(const Course& course, const Learner& learner) {
  if (!course.mandatory) return false;
  if (course.mandatory_roles.empty() && course.mandatory_departments.empty()) return true;
  const bool by_role = std::ranges::any_of(
      learner.roles, [&](Role role) { return std::ranges::find(course.mandatory_roles, role) != course.mandatory_roles.end(); });
  return by_role || std::ranges::find(course.mandatory_departments, learner.department_id) != course.mandatory_departments.end();
}

std::optional<std::string> audience_problem(const Course& course) {
  if (!course.mandatory && !course.mandatory_roles.empty()) return "mandatory_roles: an optional course is mandatory for nobody";
  if (!course.mandatory && !course.mandatory_departments.empty()) {
    return "mandatory_departments: an optional course is mandatory for nobody";
  }
  if (!course.mandatory && course.complete_by) return "complete_by: an optional course has no deadline";
  for (const Id& department : course.mandatory_departments) {
    if (department.empty() || department.find(',') != Id::npos) {
      return "mandatory_departments: a department id must not be empty or contain a comma";
    }
  }
  return std::nullopt;
}

std::optional<Refusal> withdrawal_refusal(const Course& course, const Learner& learner, EnrollmentState state) {
  if (state == EnrollmentState::completed) return Refusal::already_completed;
  if (mandatory_for(course, learner)) return Refusal::mandatory_course;
  return std::nullopt;
}

std::optional<Refusal> enrolment_refusal(const Course& course, const Learner& learner, Date today) {
  if (!mandatory_for(course, learner) && course.starts_on && date::sys_days{*course.starts_on} < date::sys_days{today}) {
    return Refusal::course_started;
  }
  if (course.seats_left && *course.seats_left <= 0) return Refusal::course_full;
  return std::nullopt;
}

std::optional<Date> completion_valid_until(const Enrollment& enrollment, const Course& course) {
  if (enrollment.state != EnrollmentState::completed) return std::nullopt;
  if (enrollment.valid_until || enrollment.certificate || !enrollment.completed_on) return enrollment.valid_until;
  return training_valid_until(*enrollment.completed_on, course.validity_months);
}

bool training_in_progress(const Course& course, const Enrollment& enrollment, Date today) {
  return enrollment.state == EnrollmentState::enrolled && course.starts_on &&
         date::sys_days{*course.starts_on} <= date::sys_days{today};
}

std::optional<Date> enrolment_due_on(const Course& course, const Learner& learner, Date today) {
  if (!mandatory_for(course, learner)) return std::nullopt;
  if (course.complete_by && date::sys_days{today} <= date::sys_days{*course.complete_by}) return course.complete_by;
  return add_days(today, kMandatoryDueDays);
}

std::optional<Date> mandatory_due_on(const Course& course, const Enrollment* enrollment) {
  const std::optional<Date> enrolled = enrollment != nullptr ? enrollment->due_on : std::nullopt;
  if (enrolled && course.complete_by) return std::max(*enrolled, *course.complete_by);
  return enrolled ? enrolled : course.complete_by;
}

MandatoryStanding mandatory_standing(const Course& course, const Enrollment* enrollment, Date today) {
  if (enrollment != nullptr && enrollment->state == EnrollmentState::completed) {
    const auto until = completion_valid_until(*enrollment, course);
    return until && training_expired(*until, today) ? MandatoryStanding::expired : MandatoryStanding::completed;
  }
  const auto due = mandatory_due_on(course, enrollment);
  if (due && date::sys_days{*due} < date::sys_days{today}) return MandatoryStanding::overdue;
  return enrollment == nullptr ? MandatoryStanding::not_enrolled : MandatoryStanding::open;
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
  return remote_month(policy, workdays, year, month).exceeded;
}

std::optional<Date> next_bookable_day(const DepartmentPolicy& policy, Date today) {
  for (int offset = 0; offset <= policy.days_ahead; ++offset) {
    const Date day = add_days(today, offset);
    if (!date_problem(policy, today, day)) return day;
  }
  return std::nullopt;
}

KioskContact kiosk_contact(std::optional<Instant> last_seen, Instant now) {
  if (!last_seen) return KioskContact::never;
  return now - *last_seen >= kKioskSilentAfter ? KioskContact::silent : KioskContact::recent;
}

}  // namespace stellwerk
