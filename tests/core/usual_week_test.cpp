// "My usual week": saved from a planned week, applied to later weeks without ever overwriting what
// the person planned, and every day left alone named with its reason.
#include <gtest/gtest.h>

#include <vector>

#include "stellwerk/core/usual_week.hpp"
#include "test_util.hpp"

namespace stellwerk {
namespace {

using test::d;

Workday planned(std::string_view day, HalfDay half, WorkMode mode) { return Workday{d(day), half, mode, WorkdayKind::planned}; }

// Monday office, Tuesday remote, Wednesday office in the morning and remote in the afternoon.
const UsualWeek kWeek{UsualSlot{0, HalfDay::day, WorkMode::office}, UsualSlot{1, HalfDay::day, WorkMode::remote},
                      UsualSlot{2, HalfDay::am, WorkMode::office}, UsualSlot{2, HalfDay::pm, WorkMode::remote}};

TEST(UsualWeek, IsTheWeeksPlannedEntriesByWeekdayWithoutActualsOrTheWeekend) {
  const std::vector<Workday> week{
      planned("2026-11-25", HalfDay::pm, WorkMode::remote),  // Wednesday, given out of order
      planned("2026-11-23", HalfDay::day, WorkMode::office),
      planned("2026-11-24", HalfDay::day, WorkMode::remote),
      planned("2026-11-25", HalfDay::am, WorkMode::office),
      Workday{d("2026-11-26"), HalfDay::day, WorkMode::travel, WorkdayKind::actual},
      planned("2026-11-28", HalfDay::day, WorkMode::off),    // Saturday
      planned("2026-11-30", HalfDay::day, WorkMode::leave),  // the next week
  };
  EXPECT_EQ(usual_week_from(week, d("2026-11-23")), kWeek);
}

TEST(UsualWeek, AppliedOverFourWeeksLeavesThePastHolidaysAndPlannedDaysAloneAndSaysWhy) {
  // From the week of Wednesday 16 December 2026 on, four weeks; today is Tuesday 15 December. The
  // usual week names Monday, Tuesday and Friday: Monday 14 is past, Tuesday 22 is already planned
  // as leave, and Friday 25 December and Friday 1 January are public holidays.
  const std::vector<Workday> existing{planned("2026-12-22", HalfDay::day, WorkMode::leave),
                                      Workday{d("2026-12-28"), HalfDay::day, WorkMode::office, WorkdayKind::actual}};
  const UsualWeek week{UsualSlot{0, HalfDay::day, WorkMode::office}, UsualSlot{1, HalfDay::day, WorkMode::remote},
                       UsualSlot{4, HalfDay::day, WorkMode::remote}};
  const UsualWeekPlan plan = apply_usual_week(week, d("2026-12-16"), 4, d("2026-12-15"), existing);

  ASSERT_EQ(plan.skipped.size(), 4u);
  EXPECT_EQ(plan.skipped[0].day, d("2026-12-14"));
  EXPECT_EQ(plan.skipped[0].reason, SkipReason::past);
  EXPECT_EQ(plan.skipped[1].day, d("2026-12-22"));
  EXPECT_EQ(plan.skipped[1].reason, SkipReason::already_planned);
  EXPECT_EQ(plan.skipped[2].day, d("2026-12-25"));
  EXPECT_EQ(plan.skipped[2].reason, SkipReason::holiday);
  EXPECT_EQ(plan.skipped[3].day, d("2027-01-01"));
  EXPECT_EQ(plan.skipped[3].reason, SkipReason::holiday);

  std::vector<Date> days;
  for (const Workday& w : plan.to_plan) {
    days.push_back(w.date);
    EXPECT_EQ(w.kind, WorkdayKind::planned);
  }
  EXPECT_EQ(days, (std::vector<Date>{d("2026-12-15"), d("2026-12-18"), d("2026-12-21"), d("2026-12-28"),
                                     d("2026-12-29"), d("2027-01-04"), d("2027-01-05"), d("2027-01-08")}))
      << "today may still be planned; an actual entry is no plan";
  EXPECT_EQ(plan.to_plan[0].mode, WorkMode::remote);
  EXPECT_EQ(plan.to_plan[2].mode, WorkMode::office);
}

TEST(UsualWeek, HalfDaysAreAppliedAsTheyWereSaved) {
  const UsualWeekPlan plan = apply_usual_week(kWeek, d("2026-11-30"), 1, d("2026-11-30"), {});
  ASSERT_EQ(plan.to_plan.size(), 4u);
  EXPECT_EQ(plan.to_plan[2].date, d("2026-12-02"));
  EXPECT_EQ(plan.to_plan[2].half, HalfDay::am);
  EXPECT_EQ(plan.to_plan[3].half, HalfDay::pm);
  EXPECT_EQ(plan.to_plan[3].mode, WorkMode::remote);
  EXPECT_TRUE(plan.skipped.empty());
  EXPECT_TRUE(apply_usual_week({}, d("2026-11-30"), 4, d("2026-11-30"), {}).to_plan.empty()) << "no usual week, no plan";
}

}  // namespace
}  // namespace stellwerk
