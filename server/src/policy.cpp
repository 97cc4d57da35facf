#include "policy.hpp"

#include <fmt/format.h>

#include "reference.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server {
namespace {

wire::Slot wire_slot(const SlotTimes& times) { return wire::Slot{wall_time(times.start), wall_time(times.end)}; }

std::string translated(i18n::Language language, std::string_view english) {
  if (const auto* catalog = assets::catalog(language)) {
    if (const char* text = catalog->find(english)) return text;
  }
  return std::string{english};
}

}  // namespace

std::string wall_time(MinuteOfDay minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

int upcoming_count(sql::Connection& db, const Id& employee_id, Instant now) {
  sql::Statement count{db,
                       "SELECT COUNT(*) FROM bookings WHERE employee_id = ? AND state IN ('booked', 'checked_in') "
                       "AND end > ?"};
  count.bind_all(employee_id, unix_seconds(now));
  count.step();
  return count.integer(0);
}

wire::Policy caller_policy(sql::Connection& db, const Principal& me, i18n::Language language, Instant now) {
  const Date today = local_date(now);
  const DepartmentPolicy policy = department_policy(db, me.department_id);
  // The horizon is what the caller can book: today up to the last bookable day.
  const Date last = add_days(today, policy.days_ahead);

  wire::Policy answer;
  answer.today = today;
  answer.department_id = me.department_id;
  answer.days_ahead = policy.days_ahead;
  answer.max_upcoming = policy.max_upcoming;
  answer.upcoming = upcoming_count(db, me.employee_id, now);
  for (std::size_t i = 0; i < policy.bookable_weekdays.size(); ++i) {
    if (policy.bookable_weekdays[i]) answer.bookable_weekdays.push_back(static_cast<int>(i) + 1);
  }
  answer.slots = wire::PolicySlots{wire_slot(policy.day), wire_slot(policy.am), wire_slot(policy.pm)};
  answer.check_in = wire::CheckInWindow{policy.check_in_opens_minutes_before, policy.check_in_closes_minutes_after};
  answer.remote_share = wire::RemoteShare{policy.remote_share_percent, policy.over_quota};
  answer.accessible_hold_hours = policy.accessible_hold_hours;
  answer.retention_days = policy.retention_days;
  answer.horizon = wire::Horizon{today, last};
  for (int year = int{today.year()}; year <= int{last.year()}; ++year) {
    for (const Holiday& holiday : nrw_holidays(year)) {
      if (holiday.date < today || holiday.date > last) continue;
      answer.holidays.push_back(
          wire::Holiday{holiday.date, holiday.kind, translated(language, holiday_name_en(holiday.kind))});
    }
  }
  answer.closures = closures_between(db, {me.home_building_id}, today, last);
  return answer;
}

}  // namespace stellwerk::server
