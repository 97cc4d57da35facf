// The Desks view's pure helpers (client/desk_states.hpp): the chosen time from slot or range, the
// booking rule that stops the chosen day (the server's codes, in the server's order), the state of a
// place for that time (mine, pending, booked, unavailable, reserved accessible, free), and the
// check-in window with the release time. Plus the plain words of each problem code in both
// languages. All on the fixture person at a fixed instant, so no clock is read.
#include <gtest/gtest.h>

#include "desks/desk_states.hpp"
#include "fixture_state.hpp"
#include "labels.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::kToday;

const Date kThursday = add_days(kToday, 1);
const Date kSaturday = add_days(kToday, 3);

// The fixture on a day of its choosing, 07:00 on Wednesday, connected to a server.
AppState on(Date day) {
  AppState state = fixture_state();
  state.data.sync.server_configured = true;
  state.desks.day = day;
  return state;
}

const Resource& resource(const AppState& state, const Id& id) {
  for (const Resource& r : state.desks.resources) {
    if (r.id == id) return r;
  }
  throw std::logic_error("no resource " + id);
}

ui::SpotState state_of(const AppState& state, const Id& id) {
  const Interval time = chosen_interval(state);
  return spot_state(state, resource(state, id), time.start, time.end, *state.now);
}

TEST(DeskStates, TheChosenTimeIsTheDepartmentsSlotOrThePersonsRange) {
  AppState state = on(kThursday);
  state.data.department->policy.am = SlotTimes{7 * 60 + 30, 12 * 60};
  Interval time = chosen_interval(state);
  EXPECT_EQ(time.start, to_instant(kThursday, 8 * 60));
  EXPECT_EQ(time.end, to_instant(kThursday, 17 * 60));
  EXPECT_EQ(chosen_half(state), HalfDay::day);
  EXPECT_FALSE(chosen_range(state));

  state.desks.time = TimeChoice::am;
  time = chosen_interval(state);
  EXPECT_EQ(time.start, to_instant(kThursday, 7 * 60 + 30)) << "the department's own morning";
  EXPECT_EQ(chosen_half(state), HalfDay::am);

  state.desks.time = TimeChoice::range;
  state.desks.range = MinuteRange{14 * 60, 15 * 60 + 30};
  time = chosen_interval(state);
  EXPECT_EQ(time.start, to_instant(kThursday, 14 * 60));
  EXPECT_EQ(time.end, to_instant(kThursday, 15 * 60 + 30));
  ASSERT_TRUE(chosen_range(state));
  EXPECT_EQ(chosen_range(state)->start, 14 * 60);

  state.desks.day = Date{};  // before the first load chose a day: today
  EXPECT_EQ(shown_day(state), kToday);
}

TEST(DeskStates, TheDaysProblemUsesTheServersCodesInItsOrder) {
  const auto problem = [](AppState state) { return chosen_time_problem(state, *state.now).value_or(""); };
  EXPECT_EQ(problem(on(kThursday)), "");
  EXPECT_EQ(problem(on(add_days(kToday, -1))), "past");
  EXPECT_EQ(problem(on(add_days(kToday, 29))), "too_far_ahead") << "28 days ahead is the default horizon";
  EXPECT_EQ(problem(on(add_days(kToday, 28))), "");
  EXPECT_EQ(problem(on(kSaturday)), "weekday_not_bookable");
  AppState christmas = on(date::year{2026} / 12 / 25);
  EXPECT_EQ(problem(christmas), "too_far_ahead") << "30 days ahead";
  christmas.data.department->policy.days_ahead = 60;
  EXPECT_EQ(problem(christmas), "holiday");

  AppState closed = on(kThursday);
  closed.data.closures = {ClosedDay{"bld-a", kThursday, "Staff outing"}, ClosedDay{"bld-b", kThursday, ""}};
  EXPECT_EQ(problem(closed), "building_closed");
  closed.desks.building_id = "bld-other";
  EXPECT_EQ(problem(closed), "") << "another building's closure";

  AppState full = on(kThursday);
  full.data.department->policy.max_upcoming = 1;  // the fixture's booking today is the one
  EXPECT_EQ(problem(full), "too_many_upcoming");
  full.data.closures = {ClosedDay{"bld-a", kThursday, ""}};
  EXPECT_EQ(problem(full), "building_closed") << "the closure is the more fundamental reason";

  // Today's slot is over once its end has passed; a later range today is still bookable.
  AppState late = on(kToday);
  late.now = to_instant(kToday, 17 * 60);
  EXPECT_EQ(problem(late), "past");
  late.desks.time = TimeChoice::range;
  late.desks.range = MinuteRange{17 * 60 + 30, 18 * 60};
  EXPECT_EQ(problem(late), "");
  late.desks.range = MinuteRange{18 * 60, 17 * 60};
  EXPECT_EQ(problem(late), "invalid_time_range");
}

TEST(DeskStates, UpcomingBookingsCountOnlyActiveOnesNotOver) {
  AppState state = on(kThursday);
  EXPECT_EQ(upcoming_bookings(state, *state.now), 1);
  EXPECT_EQ(upcoming_bookings(state, to_instant(kToday, 17 * 60)), 0) << "over at 17:00";
  state.data.bookings.front().booking.state = BookingState::cancelled;
  EXPECT_EQ(upcoming_bookings(state, *state.now), 0);
}

TEST(DeskStates, EveryStateOfAPlace) {
  // Mine: the fixture's desk today; pending while its change waits to be sent.
  AppState state = on(kToday);
  EXPECT_EQ(state_of(state, "res-1"), ui::SpotState::mine);
  state.data.bookings.front().pending = true;
  EXPECT_EQ(state_of(state, "res-1"), ui::SpotState::pending);
  state.data.bookings.front().booking.state = BookingState::cancelled;
  EXPECT_EQ(state_of(state, "res-1"), ui::SpotState::free) << "a cancelled booking is not the person's any more";

  // Booked: someone else holds it for part of the chosen time.
  state = on(kThursday);
  state.desks.busy = {BusyTime{"res-1", to_instant(kThursday, 16 * 60), to_instant(kThursday, 18 * 60)}};
  EXPECT_EQ(state_of(state, "res-1"), ui::SpotState::booked);
  state.desks.time = TimeChoice::am;
  EXPECT_EQ(state_of(state, "res-1"), ui::SpotState::free) << "the morning does not meet the afternoon booking";

  // Unavailable: the day's rule stops every place.
  state = on(kSaturday);
  EXPECT_EQ(state_of(state, "res-1"), ui::SpotState::unavailable);
  EXPECT_EQ(state_of(state, "res-3"), ui::SpotState::unavailable);

  // Reserved accessible: held until accessible_hold_hours (24) before the start.
  state = on(kThursday);  // Thursday 08:00 is 25 hours after Wednesday 07:00
  EXPECT_EQ(state_of(state, "res-2"), ui::SpotState::reserved_accessible);
  EXPECT_EQ(state_of(state, "res-3"), ui::SpotState::free) << "rooms are never held";
  state.now = to_instant(kToday, 8 * 60);
  EXPECT_EQ(state_of(state, "res-2"), ui::SpotState::free) << "the hold is over 24 hours before the start";
  state.now = to_instant(kToday, 7 * 60);
  state.data.me->needs_accessible_desk = true;
  EXPECT_EQ(state_of(state, "res-2"), ui::SpotState::free) << "held for this very person";

  // Free: nothing stops it.
  EXPECT_EQ(state_of(on(kThursday), "res-1"), ui::SpotState::free);
}

TEST(DeskStates, WithoutAServerOthersBookingsAreUnknownAndPlacesCountAsFree) {
  AppState state = on(kThursday);
  state.data.sync.server_configured = false;
  EXPECT_EQ(state_of(state, "res-1"), ui::SpotState::free) << "booking must keep working offline";
}

TEST(DeskStates, APersonHoldsOneDeskAtATime) {
  const AppState state = on(kToday);
  const Interval day = chosen_interval(state);
  const BookingSummary* held = my_desk_during(state, day.start, day.end);
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(held->booking.id, "bkg-1");
  EXPECT_EQ(state_of(state, "res-2"), ui::SpotState::free) << "the place itself is free for others";
  EXPECT_EQ(my_desk_during(state, to_instant(kToday, 17 * 60), to_instant(kToday, 18 * 60)), nullptr);
}

TEST(DeskStates, CheckInOpensBeforeTheStartAndClosesAtTheRelease) {
  AppState state = on(kToday);
  const Booking& booking = state.data.bookings.front().booking;  // 08:00–17:00
  EXPECT_EQ(release_time(state, booking), to_instant(kToday, 8 * 60 + 30));
  EXPECT_FALSE(check_in_open(state, booking, to_instant(kToday, 7 * 60 + 44)));
  EXPECT_TRUE(check_in_open(state, booking, to_instant(kToday, 7 * 60 + 45)));
  EXPECT_TRUE(check_in_open(state, booking, to_instant(kToday, 8 * 60 + 29)));
  EXPECT_FALSE(check_in_open(state, booking, to_instant(kToday, 8 * 60 + 30))) << "released";

  Booking from_server = booking;
  from_server.release_at = to_instant(kToday, 9 * 60);
  EXPECT_EQ(release_time(state, from_server), to_instant(kToday, 9 * 60)) << "the server's time wins";
  from_server.state = BookingState::checked_in;
  EXPECT_FALSE(check_in_open(state, from_server, to_instant(kToday, 8 * 60)));
}

TEST(DeskStates, EveryProblemCodeHasPlainWordsInBothLanguages) {
  const char* codes[] = {"past", "too_far_ahead", "weekday_not_bookable", "holiday", "building_closed",
                         "too_many_upcoming", "accessible_held", "already_booked", "desk_taken", "resource_taken",
                         "invalid_time_range", "no_usual_desk"};
  assets::activate_language(i18n::Language::en);
  EXPECT_STREQ(problem_text("holiday"), "This day is a public holiday.");
  EXPECT_STREQ(problem_text("no_usual_desk"), "You have no usual desk yet: mark a desk as a favourite first.");
  EXPECT_STREQ(problem_text("something_new"), "The request was refused.");
  std::vector<std::string> english;
  for (const char* code : codes) english.emplace_back(problem_text(code));
  assets::activate_language(i18n::Language::de);
  for (std::size_t i = 0; i < std::size(codes); ++i) {
    EXPECT_NE(english[i], problem_text(codes[i])) << codes[i] << " has no German words";
  }
  EXPECT_STREQ(problem_text("holiday"), "Dieser Tag ist ein gesetzlicher Feiertag.");
}

}  // namespace
}  // namespace stellwerk::client
