// NRW public holidays computed from Easter, checked against the published dates of several
// years, and the working-day counts that the remote quota is based on.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "stellwerk/core/calendar.hpp"
#include "test_util.hpp"

namespace stellwerk {
namespace {

using test::d;

TEST(Easter, KnownYears) {
  EXPECT_EQ(easter_sunday(2024), d("2024-03-31"));
  EXPECT_EQ(easter_sunday(2025), d("2025-04-20"));
  EXPECT_EQ(easter_sunday(2026), d("2026-04-05"));
  EXPECT_EQ(easter_sunday(2027), d("2027-03-28"));
  EXPECT_EQ(easter_sunday(2028), d("2028-04-16"));
  EXPECT_EQ(easter_sunday(2000), d("2000-04-23"));
  EXPECT_EQ(easter_sunday(2038), d("2038-04-25"));  // latest possible date
  EXPECT_EQ(easter_sunday(2285), d("2285-03-22"));  // earliest possible date
  for (int year = 1900; year <= 2100; ++year) {
    EXPECT_EQ(weekday_index(easter_sunday(year)), 6) << year;
  }
}

TEST(NrwHolidays, Year2026) {
  const std::vector<Holiday> holidays = nrw_holidays(2026);
  ASSERT_EQ(holidays.size(), static_cast<std::size_t>(HolidayKind::COUNT));
  const std::vector<std::pair<std::string_view, HolidayKind>> expected{
      {"2026-01-01", HolidayKind::new_year},         {"2026-04-03", HolidayKind::good_friday},
      {"2026-04-06", HolidayKind::easter_monday},    {"2026-05-01", HolidayKind::labour_day},
      {"2026-05-14", HolidayKind::ascension_day},    {"2026-05-25", HolidayKind::whit_monday},
      {"2026-06-04", HolidayKind::corpus_christi},   {"2026-10-03", HolidayKind::german_unity_day},
      {"2026-11-01", HolidayKind::all_saints_day},   {"2026-12-25", HolidayKind::christmas_day},
      {"2026-12-26", HolidayKind::second_christmas_day},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(holidays[i].date, d(expected[i].first)) << i;
    EXPECT_EQ(holidays[i].kind, expected[i].second) << i;
  }
}

TEST(NrwHolidays, MovableFeastsInOtherYears) {
  EXPECT_EQ(nrw_holiday(d("2024-03-29")), HolidayKind::good_friday);
  EXPECT_EQ(nrw_holiday(d("2024-05-09")), HolidayKind::ascension_day);
  EXPECT_EQ(nrw_holiday(d("2024-05-20")), HolidayKind::whit_monday);
  EXPECT_EQ(nrw_holiday(d("2024-05-30")), HolidayKind::corpus_christi);
  EXPECT_EQ(nrw_holiday(d("2025-04-21")), HolidayKind::easter_monday);
  EXPECT_EQ(nrw_holiday(d("2025-05-29")), HolidayKind::ascension_day);
  EXPECT_EQ(nrw_holiday(d("2025-06-19")), HolidayKind::corpus_christi);
  EXPECT_EQ(nrw_holiday(d("2027-03-26")), HolidayKind::good_friday);
  EXPECT_EQ(nrw_holiday(d("2027-03-29")), HolidayKind::easter_monday);
  EXPECT_EQ(nrw_holiday(d("2027-05-06")), HolidayKind::ascension_day);
  EXPECT_EQ(nrw_holiday(d("2027-05-17")), HolidayKind::whit_monday);
  EXPECT_EQ(nrw_holiday(d("2027-05-27")), HolidayKind::corpus_christi);
}

TEST(NrwHolidays, NotHolidays) {
  EXPECT_FALSE(nrw_holiday(d("2026-04-05")));  // Easter Sunday falls on a Sunday anyway
  EXPECT_FALSE(nrw_holiday(d("2026-12-24")));  // Christmas Eve is a working day by law
  EXPECT_FALSE(nrw_holiday(d("2026-12-31")));
  EXPECT_FALSE(nrw_holiday(d("2026-10-31")));  // Reformation Day is not a holiday in NRW
  EXPECT_FALSE(nrw_holiday(d("2026-11-18")));  // nor Repentance Day
}

TEST(NrwHolidays, SortedEveryYearAndSharedDatesKept) {
  for (int year = 2000; year <= 2100; ++year) {
    const auto holidays = nrw_holidays(year);
    ASSERT_EQ(holidays.size(), static_cast<std::size_t>(HolidayKind::COUNT));
    EXPECT_TRUE(std::is_sorted(holidays.begin(), holidays.end(),
                               [](const Holiday& a, const Holiday& b) { return a.date < b.date; }))
        << year;
    std::set<HolidayKind> kinds;
    for (const Holiday& h : holidays) {
      EXPECT_EQ(h.date.year(), date::year{year});
      kinds.insert(h.kind);
    }
    EXPECT_EQ(kinds.size(), static_cast<std::size_t>(HolidayKind::COUNT)) << year;
  }
  // In 2008 Ascension Day fell on 1 May: both holidays are listed, Labour Day first.
  const auto holidays = nrw_holidays(2008);
  const auto first = std::find_if(holidays.begin(), holidays.end(),
                                  [](const Holiday& h) { return h.date == d("2008-05-01"); });
  ASSERT_NE(first, holidays.end());
  EXPECT_EQ(first->kind, HolidayKind::labour_day);
  ASSERT_NE(first + 1, holidays.end());
  EXPECT_EQ((first + 1)->date, d("2008-05-01"));
  EXPECT_EQ((first + 1)->kind, HolidayKind::ascension_day);
  EXPECT_EQ(nrw_holiday(d("2008-05-01")), HolidayKind::labour_day);
}

TEST(NrwHolidays, NamesAndWireNames) {
  std::set<std::string_view> wire_names;
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < static_cast<std::size_t>(HolidayKind::COUNT); ++i) {
    const auto kind = static_cast<HolidayKind>(i);
    EXPECT_FALSE(holiday_wire_name(kind).empty());
    EXPECT_FALSE(holiday_name_en(kind).empty());
    EXPECT_EQ(parse_enum<HolidayKind>(holiday_wire_name(kind)), kind);
    wire_names.insert(holiday_wire_name(kind));
    names.insert(holiday_name_en(kind));
  }
  EXPECT_EQ(wire_names.size(), static_cast<std::size_t>(HolidayKind::COUNT));
  EXPECT_EQ(names.size(), static_cast<std::size_t>(HolidayKind::COUNT));
  EXPECT_EQ(holiday_name_en(HolidayKind::corpus_christi), "Corpus Christi");
  EXPECT_EQ(holiday_name_en(HolidayKind::second_christmas_day), "Second Day of Christmas");
  EXPECT_FALSE(parse_enum<HolidayKind>("Corpus Christi"));
  EXPECT_FALSE(parse_enum<HolidayKind>(""));
}

TEST(WorkingDays, WeekdaysExceptHolidays) {
  EXPECT_TRUE(is_working_day(d("2026-06-03")));   // Wednesday
  EXPECT_FALSE(is_working_day(d("2026-06-04")));  // Corpus Christi, Thursday
  EXPECT_FALSE(is_working_day(d("2026-06-06")));  // Saturday
  EXPECT_FALSE(is_working_day(d("2026-06-07")));  // Sunday
}

TEST(WorkingDays, PerMonth) {
  EXPECT_EQ(working_days_in_month(2026, 1), 21);   // 22 weekdays, New Year on Thursday
  EXPECT_EQ(working_days_in_month(2026, 2), 20);
  EXPECT_EQ(working_days_in_month(2026, 4), 20);   // 22 weekdays, Good Friday, Easter Monday
  EXPECT_EQ(working_days_in_month(2026, 5), 18);   // 21 weekdays; 1 May (Fri), Ascension, Whit Monday
  EXPECT_EQ(working_days_in_month(2026, 6), 21);   // 22 weekdays, Corpus Christi
  EXPECT_EQ(working_days_in_month(2026, 10), 22);  // 3 October is a Saturday
  EXPECT_EQ(working_days_in_month(2026, 11), 21);  // 1 November is a Sunday
  EXPECT_EQ(working_days_in_month(2026, 12), 22);  // 23 weekdays; the 25th is a Friday, the 26th a Saturday
  EXPECT_EQ(working_days_in_month(2028, 2), 21);   // leap February
  int total = 0;
  for (unsigned month = 1; month <= 12; ++month) total += working_days_in_month(2026, month);
  EXPECT_EQ(total, 253);  // 261 weekdays minus the 8 holidays that fall on a weekday in 2026
}

}  // namespace
}  // namespace stellwerk
