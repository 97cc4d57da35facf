// Working time on remote days (core/working_time.hpp): what can be saved, and the warnings of the
// German working-time act at and just past each of its limits. Warnings never refuse a record.
#include <gtest/gtest.h>

#include <vector>

#include "stellwerk/core/working_time.hpp"
#include "test_util.hpp"

namespace stellwerk {
namespace {

using test::d;
using test::hm;
using W = WorkTimeWarning;

const Date kFriday = d("2026-12-04");  // "today" of these cases
const std::vector<Workday> kRemoteWednesday{Workday{d("2026-12-02"), HalfDay::day, WorkMode::remote, WorkdayKind::planned}};

WorkTime on(std::string_view day, MinuteOfDay start, MinuteOfDay end, int break_minutes) {
  return WorkTime{d(day), start, end, break_minutes};
}

TEST(WorkingTime, ClockTimesAreHHMMWithinTheDay) {
  EXPECT_EQ(parse_clock_time("08:05"), hm(8, 5));
  EXPECT_EQ(parse_clock_time("00:00"), 0);
  EXPECT_EQ(parse_clock_time("24:00"), 24 * 60);
  for (const char* bad : {"8:05", "08.05", "24:01", "25:00", "12:60", "", "08:05 ", "ab:cd"}) {
    EXPECT_EQ(parse_clock_time(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(format_clock_time(hm(7, 30)), "07:30");
  EXPECT_EQ(format_clock_time(24 * 60), "24:00");
  EXPECT_EQ(format_duration(38 * 60 + 30), "38:30");
  EXPECT_EQ(format_duration(45), "0:45");
}

TEST(WorkingTime, RefusesWhatCannotHaveHappenedAndDaysThatAreNotRemote) {
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(8, 0), hm(16, 30), 30), kRemoteWednesday, kFriday), std::nullopt);
  EXPECT_EQ(work_time_refusal(on("2026-12-02", -1, hm(16, 0), 0), kRemoteWednesday, kFriday), Refusal::invalid_wall_time);
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(8, 0), 24 * 60 + 1, 0), kRemoteWednesday, kFriday), Refusal::invalid_wall_time);
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(16, 0), hm(8, 0), 0), kRemoteWednesday, kFriday), Refusal::invalid_time_range);
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(8, 0), hm(8, 0), 0), kRemoteWednesday, kFriday), Refusal::invalid_time_range);
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(8, 0), hm(9, 0), 60), kRemoteWednesday, kFriday), Refusal::break_too_long);
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(8, 0), hm(9, 0), -5), kRemoteWednesday, kFriday), Refusal::break_too_long);
  EXPECT_EQ(work_time_refusal(on("2026-12-03", hm(8, 0), hm(16, 0), 30), kRemoteWednesday, kFriday), Refusal::not_a_remote_day);
  const std::vector<Workday> office{Workday{d("2026-12-02"), HalfDay::day, WorkMode::office, WorkdayKind::planned}};
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(8, 0), hm(16, 0), 30), office, kFriday), Refusal::not_a_remote_day);
}

TEST(WorkingTime, ADayStillToComeIsRefusedTodayIsNot) {
  const std::vector<Workday> remote{Workday{d("2026-12-04"), HalfDay::day, WorkMode::remote, WorkdayKind::planned},
                                    Workday{d("2026-12-07"), HalfDay::day, WorkMode::remote, WorkdayKind::planned}};
  EXPECT_EQ(work_time_refusal(on("2026-12-04", hm(8, 0), hm(12, 0), 0), remote, kFriday), std::nullopt);
  EXPECT_EQ(work_time_refusal(on("2026-12-07", hm(8, 0), hm(12, 0), 0), remote, kFriday), Refusal::day_in_future);
  // An impossible time is the first thing said, whatever the day.
  EXPECT_EQ(work_time_refusal(on("2026-12-07", hm(12, 0), hm(8, 0), 0), remote, kFriday), Refusal::invalid_time_range);
}

TEST(WorkingTime, WhatHappenedDecidesNotThePlan) {
  // Planned remote, but the person was at the office all day: an office day.
  const std::vector<Workday> went_in{Workday{d("2026-12-02"), HalfDay::day, WorkMode::remote, WorkdayKind::planned},
                                     Workday{d("2026-12-02"), HalfDay::day, WorkMode::office, WorkdayKind::actual}};
  EXPECT_FALSE(is_remote_day(went_in, d("2026-12-02")));
  EXPECT_EQ(work_time_refusal(on("2026-12-02", hm(8, 0), hm(16, 0), 30), went_in, kFriday), Refusal::not_a_remote_day);
  // Only the morning was recorded as office: the afternoon keeps its plan, remote.
  const std::vector<Workday> morning_in{Workday{d("2026-12-02"), HalfDay::day, WorkMode::remote, WorkdayKind::planned},
                                        Workday{d("2026-12-02"), HalfDay::am, WorkMode::office, WorkdayKind::actual}};
  EXPECT_TRUE(is_remote_day(morning_in, d("2026-12-02")));
}

TEST(WorkingTime, AHalfDayRemotePlannedOrActualIsARemoteDay) {
  const std::vector<Workday> afternoon{Workday{d("2026-12-02"), HalfDay::am, WorkMode::office, WorkdayKind::planned},
                                       Workday{d("2026-12-02"), HalfDay::pm, WorkMode::remote, WorkdayKind::actual}};
  EXPECT_TRUE(is_remote_day(afternoon, d("2026-12-02")));
  EXPECT_FALSE(is_remote_day(afternoon, d("2026-12-03")));
}

TEST(WorkingTime, WorkedIsTheSpanLessTheBreak) {
  EXPECT_EQ(worked_minutes(on("2026-12-02", hm(8, 0), hm(16, 30), 30)), 8 * 60);
  EXPECT_EQ(worked_minutes(on("2026-12-02", hm(8, 0), hm(9, 0), 90)), 0);
}

TEST(WorkingTime, TenHoursIsTheMostWithoutAWarning) {
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(7, 0), hm(17, 45), 45), std::nullopt), std::vector<W>{});
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(7, 0), hm(17, 46), 45), std::nullopt), std::vector<W>{W::long_day});
}

TEST(WorkingTime, BreaksAfterSixAndNineHours) {
  // Exactly 6 h worked needs no break; one minute more needs 30.
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(8, 0), hm(14, 0), 0), std::nullopt), std::vector<W>{});
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(8, 0), hm(14, 30), 29), std::nullopt),
            std::vector<W>{W::short_break_six});
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(8, 0), hm(14, 31), 30), std::nullopt), std::vector<W>{});
  // More than 9 h: 30 minutes are not enough any more, 45 are; only the stricter warning shows.
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(8, 0), hm(17, 31), 30), std::nullopt),
            std::vector<W>{W::short_break_nine});
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(8, 0), hm(17, 46), 45), std::nullopt), std::vector<W>{});
}

TEST(WorkingTime, ElevenHoursOfRestBetweenRecordedDays) {
  const WorkTime late = on("2026-12-01", hm(12, 0), hm(22, 0), 60);
  EXPECT_EQ(rest_minutes(late, on("2026-12-02", hm(9, 0), hm(15, 0), 0)), 11 * 60);
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(9, 0), hm(15, 0), 0), late), std::vector<W>{});
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(8, 59), hm(14, 59), 0), late), std::vector<W>{W::short_rest});
  // A weekend between them is rest too.
  EXPECT_EQ(work_time_warnings(on("2026-12-07", hm(6, 0), hm(12, 0), 0), on("2026-12-04", hm(12, 0), hm(24, 0), 60)),
            std::vector<W>{});
}

TEST(WorkingTime, AllWarningsTogetherAndThePreviousRecordedDay) {
  const std::vector<WorkTime> records{on("2026-11-30", hm(8, 0), hm(16, 0), 30), on("2026-12-01", hm(14, 0), hm(23, 0), 30)};
  const auto previous = previous_record(records, d("2026-12-02"));
  ASSERT_TRUE(previous);
  EXPECT_EQ(previous->date, d("2026-12-01"));
  EXPECT_EQ(previous_record(records, d("2026-11-30")), std::nullopt);
  EXPECT_EQ(work_time_warnings(on("2026-12-02", hm(7, 0), hm(19, 0), 15), previous),
            (std::vector<W>{W::long_day, W::short_rest, W::short_break_nine}));
  for (int w = 0; w < static_cast<int>(W::COUNT); ++w) {
    EXPECT_GT(std::string_view{work_time_warning_en(static_cast<W>(w))}.size(), 20u);
  }
}

TEST(WorkingTime, TheWeeksTotalCountsMondayToSunday) {
  const std::vector<WorkTime> records{on("2026-11-29", hm(8, 0), hm(12, 0), 0),    // the Sunday before
                                      on("2026-11-30", hm(8, 0), hm(16, 30), 30),  // 8:00
                                      on("2026-12-02", hm(9, 0), hm(17, 0), 30),   // 7:30
                                      on("2026-12-07", hm(8, 0), hm(12, 0), 0)};   // the next Monday
  EXPECT_EQ(week_worked_minutes(records, d("2026-11-30")), 15 * 60 + 30);
  EXPECT_EQ(format_duration(week_worked_minutes(records, d("2026-11-30"))), "15:30");
}

}  // namespace
}  // namespace stellwerk
