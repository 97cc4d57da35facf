// "My usual week" (Wochenplan): the work modes of a week that a person plans again and again,
// Monday to Friday by half day, saved from a planned week and applied to a range of later weeks.
// Applying never overwrites a choice the person made: a day that already holds a plan is left
// alone, and so are holidays and days in the past; each of them is reported with its reason, so
// the person knows which days still need them. Pure functions: the caller passes today and the
// plans it knows.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

struct UsualSlot {
  int weekday = 0;  // 0 = Monday … 4 = Friday
  HalfDay half = HalfDay::day;
  WorkMode mode = WorkMode::office;
  friend bool operator==(const UsualSlot&, const UsualSlot&) = default;
};
// At most one entry per weekday and half, by weekday and half; empty: none saved.
using UsualWeek = std::vector<UsualSlot>;

// The planned entries of the week starting at `monday` (Monday to Friday) as a usual week;
// actual entries and the weekend are not part of it.
UsualWeek usual_week_from(std::span<const Workday> workdays, Date monday);

enum class SkipReason : std::uint8_t { past, holiday, already_planned, COUNT };
struct SkippedDay {
  Date day{};
  SkipReason reason = SkipReason::past;
};
struct UsualWeekPlan {
  std::vector<Workday> to_plan;     // planned entries to queue, by date
  std::vector<SkippedDay> skipped;  // one per day the usual week has entries for but that is left alone
};

// What applying `week` to `weeks` weeks from the week of `first_monday` on plans: for each
// weekday the usual week names, its entries on that date — unless the date is before `today`, a
// public holiday, or already holds a planned entry in `existing` (checked in that order).
UsualWeekPlan apply_usual_week(const UsualWeek& week, Date first_monday, int weeks, Date today,
                               std::span<const Workday> existing);

}  // namespace stellwerk
