#include "stellwerk/core/usual_week.hpp"

#include <algorithm>
#include <ranges>
#include <set>
#include <utility>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk {

UsualWeek usual_week_from(std::span<const Workday> workdays, Date monday) {
  UsualWeek week;
  for (int weekday = 0; weekday < 5; ++weekday) {
    const Date day = add_days(monday, weekday);
    for (const Workday& w : workdays) {
      if (w.date == day && w.kind == WorkdayKind::planned) week.push_back(UsualSlot{weekday, w.half, w.mode});
    }
  }
  std::ranges::sort(week, {}, [](const UsualSlot& s) { return std::pair{s.weekday, static_cast<int>(s.half)}; });
  const auto [first, last] = std::ranges::unique(week, {}, [](const UsualSlot& s) { return std::pair{s.weekday, s.half}; });
  week.erase(first, last);
  return week;
}

UsualWeekPlan apply_usual_week(const UsualWeek& week, Date first_monday, int weeks, Date today,
                               std::span<const Workday> existing) {
  std::set<date::sys_days> planned;
  for (const Workday& w : existing) {
    if (w.kind == WorkdayKind::planned) planned.insert(date::sys_days{w.date});
  }
  UsualWeekPlan plan;
  const Date monday = week_start(first_monday);
  for (int w = 0; w < weeks; ++w) {
    for (int weekday = 0; weekday < 5; ++weekday) {
      const Date day = add_days(monday, 7 * w + weekday);
      auto slots = week | std::views::filter([weekday](const UsualSlot& s) { return s.weekday == weekday; });
      if (slots.empty()) continue;
      if (date::sys_days{day} < date::sys_days{today}) {
        plan.skipped.push_back({day, SkipReason::past});
      } else if (nrw_holiday(day)) {
        plan.skipped.push_back({day, SkipReason::holiday});
      } else if (planned.contains(date::sys_days{day})) {
        plan.skipped.push_back({day, SkipReason::already_planned});
      } else {
        for (const UsualSlot& s : slots) plan.to_plan.push_back(Workday{day, s.half, s.mode, WorkdayKind::planned});
      }
    }
  }
  return plan;
}

}  // namespace stellwerk
