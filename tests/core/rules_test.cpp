// Department policy rules: every booking refusal code, slot times, the remote-work share and
// the search for the next bookable day, around weekends and NRW holidays of 2026.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "stellwerk/core/rules.hpp"
#include "test_util.hpp"

namespace stellwerk {
namespace {

using test::d;

const DepartmentPolicy kDefault{};

TEST(BookingDateProblem, AllowedDays) {
  const Date monday = d("2026-06-01");
  EXPECT_EQ(booking_date_problem(kDefault, monday, monday, 0), std::nullopt);              // today
  EXPECT_EQ(booking_date_problem(kDefault, monday, d("2026-06-29"), 0), std::nullopt);     // last day of horizon
  EXPECT_EQ(booking_date_problem(kDefault, monday, d("2026-06-02"), 19), std::nullopt);    // one below the limit
}

TEST(BookingDateProblem, EachCode) {
  const Date monday = d("2026-06-01");
  EXPECT_EQ(booking_date_problem(kDefault, monday, d("2026-05-29"), 0), Refusal::past);
  EXPECT_EQ(booking_date_problem(kDefault, monday, d("2026-06-30"), 0), Refusal::too_far_ahead);
  EXPECT_EQ(booking_date_problem(kDefault, monday, d("2026-06-06"), 0), Refusal::weekday_not_bookable);
  EXPECT_EQ(booking_date_problem(kDefault, monday, d("2026-06-04"), 0), Refusal::holiday);
  EXPECT_EQ(booking_date_problem(kDefault, monday, d("2026-06-02"), 20), Refusal::too_many_upcoming);
  // The wire codes are the published ones.
  EXPECT_EQ(wire_code(*booking_date_problem(kDefault, monday, d("2026-05-29"), 0)), "past");
  EXPECT_EQ(wire_code(*booking_date_problem(kDefault, monday, d("2026-06-02"), 20)), "too_many_upcoming");
}

TEST(BookingDateProblem, MostFundamentalReasonWins) {
  // German Unity Day 2026 is a Saturday: the weekday is the reason, not the holiday.
  EXPECT_EQ(booking_date_problem(kDefault, d("2026-10-01"), d("2026-10-03"), 0),
            Refusal::weekday_not_bookable);
  EXPECT_EQ(booking_date_problem(kDefault, d("2026-06-01"), d("2026-05-30"), 99), Refusal::past);
  EXPECT_EQ(booking_date_problem(kDefault, d("2026-06-01"), d("2026-12-25"), 99), Refusal::too_far_ahead);
}

TEST(BookingDateProblem, FollowsPolicy) {
  DepartmentPolicy saturday_office = kDefault;
  saturday_office.bookable_weekdays[5] = true;
  saturday_office.days_ahead = 3;
  EXPECT_EQ(booking_date_problem(saturday_office, d("2026-06-04"), d("2026-06-06"), 0), std::nullopt);
  EXPECT_EQ(booking_date_problem(saturday_office, d("2026-06-04"), d("2026-06-07"), 0),
            Refusal::weekday_not_bookable);
  EXPECT_EQ(booking_date_problem(saturday_office, d("2026-06-04"), d("2026-06-08"), 0),
            Refusal::too_far_ahead);
}

TEST(SlotTimes, PerHalfDay) {
  DepartmentPolicy policy;
  policy.am = {7 * 60 + 30, 12 * 60};
  EXPECT_EQ(slot_times(policy, HalfDay::am).start, 7 * 60 + 30);
  EXPECT_EQ(slot_times(policy, HalfDay::am).end, 12 * 60);
  EXPECT_EQ(slot_times(policy, HalfDay::pm).start, 13 * 60);
  EXPECT_EQ(slot_times(policy, HalfDay::pm).end, 17 * 60);
  EXPECT_EQ(slot_times(policy, HalfDay::day).start, 8 * 60);
  EXPECT_EQ(slot_times(policy, HalfDay::day).end, 17 * 60);
}

Workday remote(std::string_view day, HalfDay half = HalfDay::day, WorkdayKind kind = WorkdayKind::planned) {
  return Workday{d(day), half, WorkMode::remote, kind};
}

TEST(RemoteShare, CountsPlannedRemoteWorkingDaysOnly) {
  // June 2026 has 21 working days (Corpus Christi on the 4th).
  const std::vector<Workday> plan{
      remote("2026-06-01"),                                // 1
      remote("2026-06-02", HalfDay::am),                   // 0.5
      remote("2026-06-04"),                                // holiday: 0
      remote("2026-06-06"),                                // Saturday: 0
      remote("2026-06-03", HalfDay::day, WorkdayKind::actual),  // not planned: 0
      Workday{d("2026-06-05"), HalfDay::day, WorkMode::office, WorkdayKind::planned},
      remote("2026-07-01"),                                // other month: 0
      remote("2026-06-08", HalfDay::am),                   // am + pm: 1
      remote("2026-06-08", HalfDay::pm),
      remote("2026-06-09"),                                // overlapping entries: capped at 1
      remote("2026-06-09", HalfDay::am),
  };
  EXPECT_DOUBLE_EQ(remote_share(plan, 2026, 6), 3.5 / 21.0);
  EXPECT_DOUBLE_EQ(remote_share(plan, 2026, 7), 1.0 / 23.0);
  EXPECT_DOUBLE_EQ(remote_share({}, 2026, 6), 0.0);
}

TEST(RemoteShare, ExceededOnlyAboveTheLimit) {
  // February 2026: 20 working days, 40 % allows exactly 8.
  DepartmentPolicy policy;
  policy.remote_share_percent = 40;
  EXPECT_DOUBLE_EQ(remote_days_allowed(policy, 2026, 2), 8.0);
  EXPECT_DOUBLE_EQ(remote_days_allowed(policy, 2026, 6), 8.4);
  std::vector<Workday> plan;
  for (Date day = d("2026-02-02"); plan.size() < 8; day = add_days(day, 1)) {
    if (is_working_day(day)) plan.push_back(Workday{day, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  }
  EXPECT_DOUBLE_EQ(remote_share(plan, 2026, 2), 0.4);
  EXPECT_FALSE(remote_share_exceeded(policy, plan, 2026, 2));
  plan.push_back(remote("2026-02-27", HalfDay::pm));
  EXPECT_TRUE(remote_share_exceeded(policy, plan, 2026, 2));
  policy.remote_share_percent = 100;
  EXPECT_FALSE(remote_share_exceeded(policy, plan, 2026, 2));
  policy.remote_share_percent = 0;
  EXPECT_FALSE(remote_share_exceeded(policy, {}, 2026, 2));
}

TEST(NextBookableDay, SkipsWeekendsAndHolidays) {
  EXPECT_EQ(next_bookable_day(kDefault, d("2026-06-03")), d("2026-06-03"));  // today
  EXPECT_EQ(next_bookable_day(kDefault, d("2026-06-04")), d("2026-06-05"));  // Corpus Christi
  EXPECT_EQ(next_bookable_day(kDefault, d("2026-06-06")), d("2026-06-08"));  // Saturday
  EXPECT_EQ(next_bookable_day(kDefault, d("2026-04-03")), d("2026-04-07"));  // Good Friday → Tuesday
  EXPECT_EQ(next_bookable_day(kDefault, d("2026-12-24")), d("2026-12-24"));
  EXPECT_EQ(next_bookable_day(kDefault, d("2026-12-25")), d("2026-12-28"));
}

TEST(NextBookableDay, NoneWithinHorizon) {
  DepartmentPolicy today_only = kDefault;
  today_only.days_ahead = 0;
  EXPECT_EQ(next_bookable_day(today_only, d("2026-06-06")), std::nullopt);
  DepartmentPolicy closed = kDefault;
  closed.bookable_weekdays.fill(false);
  EXPECT_EQ(next_bookable_day(closed, d("2026-06-01")), std::nullopt);
  // The per-person limit is not a property of the day.
  DepartmentPolicy no_bookings = kDefault;
  no_bookings.max_upcoming = 0;
  EXPECT_EQ(next_bookable_day(no_bookings, d("2026-06-01")), d("2026-06-01"));
}

// --- Check-in ---------------------------------------------------------------------------------

TEST(CheckInWindow, OpensBeforeTheStartAndClosesAtTheReleaseTime) {
  const Instant start = to_instant(d("2026-12-01"), 8 * 60);
  const CheckInWindow window = check_in_window(kDefault, start);
  EXPECT_EQ(window.opens, start - std::chrono::minutes{15});
  EXPECT_EQ(window.closes, start + std::chrono::minutes{30});
  EXPECT_EQ(release_time(kDefault, start), window.closes);
  // The release time the server stored wins over the policy's guess: it may have been set under
  // an older policy.
  const Instant stored = start + std::chrono::minutes{45};
  EXPECT_EQ(check_in_window(kDefault, start, stored).closes, stored);
}

TEST(TrainingValidUntil, MonthsAfterCompletionAndTheEndOfAShorterMonth) {
  EXPECT_EQ(training_valid_until(d("2026-03-15"), 12), d("2027-03-15"));
  EXPECT_EQ(training_valid_until(d("2027-01-31"), 1), d("2027-02-28"));
  EXPECT_EQ(training_valid_until(d("2028-01-31"), 1), d("2028-02-29"));
  EXPECT_EQ(training_valid_until(d("2026-03-15"), 0), std::nullopt);  // never expires
  EXPECT_FALSE(training_expired(d("2027-03-15"), d("2027-03-15")));    // valid through its last day
  EXPECT_TRUE(training_expired(d("2027-03-15"), d("2027-03-16")));
}

TEST(BookingStart, ABookingThatHasBegunStartsNow) {
  const Instant start = to_instant(d("2026-12-01"), 8 * 60);
  const Instant end = to_instant(d("2026-12-01"), 17 * 60);
  EXPECT_EQ(booking_start(start, end, start - std::chrono::hours{1}), start);  // ahead: as asked
  EXPECT_EQ(booking_start(start, end, start + std::chrono::hours{1}), start + std::chrono::hours{1});
  EXPECT_EQ(booking_start(start, end, end), start);  // over: refused as past, start unchanged
}

TEST(CheckInRefusal, BeforeInsideAndAfterTheWindow) {
  const Instant start = to_instant(d("2026-12-01"), 8 * 60);
  const Instant end = to_instant(d("2026-12-01"), 17 * 60);
  const CheckInWindow window = check_in_window(kDefault, start);
  const auto at = [&](int minutes_from_start) { return start + std::chrono::minutes{minutes_from_start}; };
  EXPECT_EQ(check_in_refusal(window, BookingState::booked, end, at(-16)), Refusal::check_in_not_open);
  EXPECT_EQ(check_in_refusal(window, BookingState::booked, end, at(-15)), std::nullopt);  // opens inclusive
  EXPECT_EQ(check_in_refusal(window, BookingState::booked, end, at(29)), std::nullopt);
  EXPECT_EQ(check_in_refusal(window, BookingState::booked, end, at(30)), Refusal::check_in_closed);  // release
  EXPECT_EQ(check_in_refusal(window, BookingState::released, end, at(0)), Refusal::check_in_closed);
  EXPECT_EQ(check_in_refusal(window, BookingState::cancelled, end, at(0)), Refusal::booking_not_active);
  EXPECT_EQ(check_in_refusal(window, BookingState::booked, end, end), Refusal::booking_not_active);
  EXPECT_EQ(check_in_refusal(window, BookingState::checked_in, end, at(10)), std::nullopt);  // a repeat is fine
}

// --- Plans and the remote share ---------------------------------------------------------------

TEST(PlanDayRefusal, PresenceOnlyOnWorkingDays) {
  EXPECT_EQ(plan_day_refusal(remote("2026-12-05")), Refusal::not_a_working_day);  // Saturday
  EXPECT_EQ(plan_day_refusal(remote("2026-12-25")), Refusal::holiday);
  EXPECT_EQ(plan_day_refusal(remote("2026-12-07")), std::nullopt);
  EXPECT_EQ(plan_day_refusal(Workday{d("2026-12-05"), HalfDay::day, WorkMode::leave, WorkdayKind::planned}),
            std::nullopt);
  EXPECT_EQ(plan_day_refusal(Workday{d("2026-12-05"), HalfDay::day, WorkMode::office, WorkdayKind::actual}),
            std::nullopt);
}

TEST(WithEntry, ReplacesAndSplitsLikeTheServerStoresIt) {
  const std::vector<Workday> office{Workday{d("2026-12-07"), HalfDay::day, WorkMode::office, WorkdayKind::planned}};
  const auto split = with_entry(office, remote("2026-12-07", HalfDay::am));
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split[0].half, HalfDay::pm);
  EXPECT_EQ(split[0].mode, WorkMode::office);
  EXPECT_EQ(split[1].half, HalfDay::am);
  EXPECT_EQ(split[1].mode, WorkMode::remote);
  const auto whole = with_entry(split, remote("2026-12-07"));
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].half, HalfDay::day);
}

TEST(RemoteMonth, ExactlyAtTheLimitIsNotOver) {
  // February 2027 has 20 working days; 11 remote days are exactly 55 %. In floating point
  // 22 / 40 * 100 is a hair above 55, which once made the Wochenplan call it over the limit.
  DepartmentPolicy policy;
  policy.remote_share_percent = 55;
  std::vector<Workday> plans;
  for (const char* day : {"2027-02-01", "2027-02-02", "2027-02-03", "2027-02-04", "2027-02-05", "2027-02-08",
                          "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12", "2027-02-15"}) {
    plans.push_back(remote(day));
  }
  RemoteMonth month = remote_month(policy, plans, 2027, 2);
  EXPECT_EQ(month.working_days, 20);
  EXPECT_EQ(month.remote_half_days, 22);
  EXPECT_DOUBLE_EQ(month.share_percent, 55.0);
  EXPECT_DOUBLE_EQ(month.allowed_days, 11.0);
  EXPECT_FALSE(month.exceeded);
  plans.push_back(remote("2027-02-16", HalfDay::am));
  const RemoteMonth over = remote_month(policy, plans, 2027, 2);
  EXPECT_TRUE(over.exceeded);
  EXPECT_DOUBLE_EQ(over.share_percent, 57.5);
}

TEST(QuotaRefusal, OnlyARaiseOverTheLimitWhenTheDepartmentRefuses) {
  DepartmentPolicy policy;
  policy.remote_share_percent = 50;
  policy.over_quota = OverQuotaRule::refused;
  const RemoteMonth under{20, 20, 50.0, 10.0, false};
  const RemoteMonth over{20, 21, 52.5, 10.0, true};
  const RemoteMonth further{20, 22, 55.0, 10.0, true};
  EXPECT_EQ(quota_refusal(policy, under, over), Refusal::quota_exceeded);
  EXPECT_EQ(quota_refusal(policy, further, over), std::nullopt);  // moving back towards the limit
  EXPECT_EQ(quota_refusal(policy, under, under), std::nullopt);
  policy.over_quota = OverQuotaRule::needs_approval;
  EXPECT_EQ(quota_refusal(policy, under, over), std::nullopt);  // saved and sent for approval instead
}

// The Team page keeps "Decline" disabled by this rule and the server answers 422 with it.
TEST(DecisionRefusal, ADeclineNeedsAReasonAndAnApprovalNone) {
  EXPECT_EQ(decision_refusal(false, ""), std::nullopt);
  EXPECT_EQ(decision_refusal(true, ""), Refusal::reason_required);
  EXPECT_EQ(decision_refusal(true, "  \t\n "), Refusal::reason_required) << "blanks say nothing";
  EXPECT_EQ(decision_refusal(true, "Team day."), std::nullopt);
  EXPECT_EQ(decision_refusal(true, "  x"), std::nullopt);
}

TEST(KioskContact, TenMinutesWithoutAHeartbeatIsAKioskToLookAt) {
  const Instant now = to_instant(date::year{2026} / 12 / 3, 10 * 60);
  EXPECT_EQ(kiosk_contact(std::nullopt, now), KioskContact::never);
  EXPECT_EQ(kiosk_contact(now - std::chrono::seconds{30}, now), KioskContact::recent);
  EXPECT_EQ(kiosk_contact(now - std::chrono::minutes{9} - std::chrono::seconds{59}, now), KioskContact::recent)
      << "nine missed heartbeats are still a network hiccup";
  EXPECT_EQ(kiosk_contact(now - kKioskSilentAfter, now), KioskContact::silent);
  EXPECT_EQ(kiosk_contact(now - std::chrono::hours{30}, now), KioskContact::silent);
}

}  // namespace
}  // namespace stellwerk
