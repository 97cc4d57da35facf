// Berlin wall time ↔ instant conversions around the 2026 daylight-saving changes, and the
// RFC 3339 / YYYY-MM-DD wire formats, including the inputs they must reject.
#include <gtest/gtest.h>

#include <chrono>

#include "stellwerk/core/calendar.hpp"
#include "test_util.hpp"

namespace stellwerk {
namespace {

using test::d;
using test::hm;

Instant utc(std::string_view text) {
  const auto parsed = parse_rfc3339(text);
  if (!parsed) throw std::invalid_argument("bad test instant");
  return *parsed;
}

TEST(BerlinTime, WinterAndSummerOffsets) {
  EXPECT_EQ(to_rfc3339(to_instant(d("2026-01-15"), hm(9, 0))), "2026-01-15T09:00:00+01:00");
  EXPECT_EQ(to_rfc3339(to_instant(d("2026-07-01"), hm(9, 0))), "2026-07-01T09:00:00+02:00");
  EXPECT_EQ(to_instant(d("2026-07-01"), hm(9, 0)), utc("2026-07-01T07:00:00Z"));
  EXPECT_EQ(to_rfc3339(to_instant(d("2026-03-29"), hm(10, 0))), "2026-03-29T10:00:00+02:00");
}

TEST(BerlinTime, SpringForwardGapMapsToEndOfGap) {
  // 2026-03-29 02:00–02:59 does not exist in Berlin; the clock jumps from 02:00 CET to 03:00 CEST.
  const Instant gap = to_instant(d("2026-03-29"), hm(2, 30));
  EXPECT_EQ(gap, utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(to_rfc3339(gap), "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(to_instant(d("2026-03-29"), hm(3, 0)), gap);
  EXPECT_EQ(to_rfc3339(to_instant(d("2026-03-29"), hm(1, 59))), "2026-03-29T01:59:00+01:00");
  EXPECT_EQ(local_minute(gap), hm(3, 0));
}

TEST(BerlinTime, AutumnOverlapTakesEarlierOccurrence) {
  // 2026-10-25 02:00–02:59 happens twice: first in CEST (+02:00), then in CET (+01:00).
  const Instant ambiguous = to_instant(d("2026-10-25"), hm(2, 30));
  EXPECT_EQ(ambiguous, utc("2026-10-25T00:30:00Z"));
  EXPECT_EQ(to_rfc3339(ambiguous), "2026-10-25T02:30:00+02:00");
  const Instant second_occurrence = ambiguous + std::chrono::hours{1};
  EXPECT_EQ(to_rfc3339(second_occurrence), "2026-10-25T02:30:00+01:00");
  EXPECT_EQ(local_minute(second_occurrence), hm(2, 30));
  EXPECT_EQ(local_date(second_occurrence), d("2026-10-25"));
}

TEST(BerlinTime, LocalDateAndMinuteFollowBerlinNotUtc) {
  // 23:30 UTC on 31 December is already New Year in Berlin.
  const Instant t = utc("2026-12-31T23:30:00Z");
  EXPECT_EQ(local_date(t), d("2027-01-01"));
  EXPECT_EQ(local_minute(t), hm(0, 30));
  for (MinuteOfDay m : {hm(0, 0), hm(8, 15), hm(12, 0), hm(23, 59)}) {
    const Instant round_trip = to_instant(d("2026-06-10"), m);
    EXPECT_EQ(local_date(round_trip), d("2026-06-10"));
    EXPECT_EQ(local_minute(round_trip), m);
  }
}

TEST(BerlinTime, MinuteFourteenFortyIsNextMidnight) {
  EXPECT_EQ(to_instant(d("2026-03-28"), 24 * 60), to_instant(d("2026-03-29"), 0));
  // The spring-forward day is 23 hours long.
  EXPECT_EQ(to_instant(d("2026-03-29"), 24 * 60) - to_instant(d("2026-03-29"), 0), std::chrono::hours{23});
  EXPECT_EQ(to_instant(d("2026-10-25"), 24 * 60) - to_instant(d("2026-10-25"), 0), std::chrono::hours{25});
}

TEST(BerlinTime, TodayMatchesSystemClock) {
  const Date before = local_date(date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  const Date today = today_in_berlin();
  const Date after = local_date(date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  EXPECT_TRUE(today == before || today == after);
}

TEST(Rfc3339, AcceptsAnyOffset) {
  const Instant expected = utc("2026-05-04T10:00:00Z");
  EXPECT_EQ(parse_rfc3339("2026-05-04T12:00:00+02:00"), expected);
  EXPECT_EQ(parse_rfc3339("2026-05-04T15:30:00+05:30"), expected);
  EXPECT_EQ(parse_rfc3339("2026-05-04T07:00:00-03:00"), expected);
  EXPECT_EQ(parse_rfc3339("2026-05-04T10:00:00-00:00"), expected);
  EXPECT_EQ(parse_rfc3339("2026-05-04t10:00:00z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-05-04 10:00:00Z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-05-04T10:00:00.999Z"), expected);
  EXPECT_EQ(parse_rfc3339("2026-05-04T00:30:00+01:00"), utc("2026-05-03T23:30:00Z"));
  EXPECT_EQ(parse_rfc3339("2028-02-29T00:00:00Z"), utc("2028-02-29T00:00:00+00:00"));
}

TEST(Rfc3339, RoundTripsThroughBerlinText) {
  for (std::string_view text : {"2026-03-29T03:00:00+02:00", "2026-10-25T02:30:00+01:00",
                                "2026-12-24T18:45:07+01:00", "2027-06-30T23:59:59+02:00"}) {
    const auto parsed = parse_rfc3339(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(to_rfc3339(*parsed), text);
  }
}

TEST(Rfc3339, RejectsBadInput) {
  for (std::string_view text : {
           "",
           "2026-02-30T10:00:00Z",       // no 30 February
           "2026-02-29T10:00:00Z",       // 2026 is no leap year
           "2026-13-01T10:00:00Z",       // month 13
           "2026-05-04T24:00:00Z",       // hour 24
           "2026-05-04T25:00:00Z",
           "2026-05-04T10:60:00Z",
           "2026-05-04T10:00:60Z",       // leap seconds are not representable
           "2026-05-04T10:00:00",        // offset missing
           "2026-05-04T10:00Z",          // seconds missing
           "2026-05-04",
           "2026-05-04T10:00:00+0200",   // offset without colon
           "2026-05-04T10:00:00+24:00",
           "2026-05-04T10:00:00+02:60",
           "2026-05-04T10:00:00+2:00",
           "2026-05-04T10:00:00.Z",      // empty fraction
           "2026-05-04T10:00:00Zjunk",
           "2026-05-04T10:00:00+02:00 ",
           " 2026-05-04T10:00:00Z",
           "2026-05-04X10:00:00Z",
           "2026-5-04T10:00:00Z",
           "abcd-05-04T10:00:00Z",
           "2026-05-04T1a:00:00Z",
       }) {
    EXPECT_FALSE(parse_rfc3339(text)) << text;
  }
}

TEST(ParseDate, AcceptsRealDatesOnly) {
  EXPECT_EQ(parse_date("2028-02-29"), Date{date::year{2028} / 2 / 29});
  EXPECT_EQ(parse_date("2000-02-29"), Date{date::year{2000} / 2 / 29});
  EXPECT_EQ(parse_date("2026-12-31"), Date{date::year{2026} / 12 / 31});
  for (std::string_view text : {"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                                "2026-04-00", "2026-1-05", "2026-01-5", "26-01-05", "2026/01/05",
                                "2026-01-05 ", " 2026-01-05", "2026-01-05T00:00:00Z", "2026-01-05x",
                                "", "2026-+1-05", "２026-01-05"}) {
    EXPECT_FALSE(parse_date(text)) << text;
  }
}

TEST(ParseDate, FormatRoundTrips) {
  EXPECT_EQ(format_date(d("2026-03-09")), "2026-03-09");
  EXPECT_EQ(format_date(Date{date::year{987} / 1 / 2}), "0987-01-02");
  for (std::string_view text : {"2024-02-29", "2026-01-01", "2026-12-31"}) {
    EXPECT_EQ(format_date(d(text)), text);
  }
}

TEST(Weekdays, IndexWeekStartAndAddDays) {
  EXPECT_EQ(weekday_index(d("2026-03-23")), 0);  // Monday
  EXPECT_EQ(weekday_index(d("2026-03-27")), 4);  // Friday
  EXPECT_EQ(weekday_index(d("2026-03-29")), 6);  // Sunday
  EXPECT_EQ(week_start(d("2026-03-29")), d("2026-03-23"));
  EXPECT_EQ(week_start(d("2026-03-23")), d("2026-03-23"));
  EXPECT_EQ(week_start(d("2027-01-01")), d("2026-12-28"));  // across a year boundary
  EXPECT_EQ(add_days(d("2028-02-28"), 1), d("2028-02-29"));
  EXPECT_EQ(add_days(d("2026-02-28"), 1), d("2026-03-01"));
  EXPECT_EQ(add_days(d("2026-01-01"), -1), d("2025-12-31"));
  EXPECT_EQ(add_days(d("2026-01-01"), 365), d("2027-01-01"));
}

}  // namespace
}  // namespace stellwerk
