// The decision behind the Wochenplan's offer after planning a day (schedule/plan_offer.hpp), on the
// fixture's person at 07:00 on Wednesday 25 November 2026 with desk EG-01 booked for the day:
// office on a free bookable day offers "Book my usual", office where a desk is booked offers
// nothing; another mode over a desk booking of that time offers to cancel it, and nothing without
// one; holidays, past days, days beyond the horizon, cancelled bookings and rooms offer nothing. An
// offer answered elsewhere (a desk booked, the booking cancelled) is no longer open.
#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "schedule/plan_offer.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::kToday;

const Date kThursday = add_days(kToday, 1);

class PlanOfferTest : public ::testing::Test {
 protected:
  std::optional<PlanOffer> offer_for(Date day, HalfDay half, WorkMode mode) const {
    return plan_offer(Workday{day, half, mode, WorkdayKind::planned}, state.data.bookings, policy, state.today,
                      *state.now);
  }
  AppState state = testing::fixture_state();
  DepartmentPolicy policy;  // slots 08:00–12:00 and 13:00–17:00, 28 days ahead
};

TEST_F(PlanOfferTest, OfficeOnAFreeBookableDayOffersTheUsualDeskForTheHalfPlanned) {
  EXPECT_EQ(offer_for(kThursday, HalfDay::day, WorkMode::office),
            (PlanOffer{PlanOffer::Kind::book_usual, kThursday, HalfDay::day, {}, {}}));
  EXPECT_EQ(offer_for(kThursday, HalfDay::pm, WorkMode::office),
            (PlanOffer{PlanOffer::Kind::book_usual, kThursday, HalfDay::pm, {}, {}}));
}

TEST_F(PlanOfferTest, OfficeWhereADeskIsBookedOffersNothing) {
  EXPECT_FALSE(offer_for(kToday, HalfDay::day, WorkMode::office));
  EXPECT_FALSE(offer_for(kToday, HalfDay::am, WorkMode::office));
}

TEST_F(PlanOfferTest, AnotherModeOverADeskBookingOffersToCancelIt) {
  for (const WorkMode mode : {WorkMode::remote, WorkMode::leave, WorkMode::training, WorkMode::travel, WorkMode::off}) {
    EXPECT_EQ(offer_for(kToday, HalfDay::day, mode),
              (PlanOffer{PlanOffer::Kind::cancel_booking, kToday, HalfDay::day, "bkg-1", "EG-01"}))
        << to_string(mode);
  }
  EXPECT_TRUE(offer_for(kToday, HalfDay::pm, WorkMode::remote)) << "the whole-day booking covers the afternoon";
}

TEST_F(PlanOfferTest, AnotherModeWithoutADeskBookingThenOffersNothing) {
  EXPECT_FALSE(offer_for(kThursday, HalfDay::day, WorkMode::remote));
  // A morning booking: planning the afternoon remote leaves it alone.
  state.data.bookings[0].booking.end = to_instant(kToday, 12 * 60);
  EXPECT_FALSE(offer_for(kToday, HalfDay::pm, WorkMode::remote));
  EXPECT_TRUE(offer_for(kToday, HalfDay::am, WorkMode::remote));
  // …and the afternoon in the office may get a desk of its own.
  EXPECT_TRUE(offer_for(kToday, HalfDay::pm, WorkMode::office));
}

TEST_F(PlanOfferTest, CancelledBookingsAndRoomsAreNoDesk) {
  state.data.bookings[0].booking.state = BookingState::cancelled;
  EXPECT_FALSE(offer_for(kToday, HalfDay::day, WorkMode::remote));
  EXPECT_TRUE(offer_for(kToday, HalfDay::day, WorkMode::office));
  state.data.bookings[0].booking.state = BookingState::checked_in;
  state.data.bookings[0].resource_type = ResourceType::room;
  EXPECT_FALSE(offer_for(kToday, HalfDay::day, WorkMode::remote));
  EXPECT_TRUE(offer_for(kToday, HalfDay::day, WorkMode::office));
}

TEST_F(PlanOfferTest, ACheckedInDeskIsOfferedForCancellationToo) {
  state.data.bookings[0].booking.state = BookingState::checked_in;
  EXPECT_TRUE(offer_for(kToday, HalfDay::day, WorkMode::remote));
}

TEST_F(PlanOfferTest, HolidaysPastDaysAndDaysBeyondTheHorizonOfferNothing) {
  const Date christmas = date::year{2026} / 12 / 25;
  EXPECT_FALSE(offer_for(christmas, HalfDay::day, WorkMode::office));
  EXPECT_FALSE(offer_for(christmas, HalfDay::day, WorkMode::leave));
  EXPECT_FALSE(offer_for(add_days(kToday, -1), HalfDay::day, WorkMode::office));
  EXPECT_FALSE(offer_for(add_days(kToday, 3), HalfDay::day, WorkMode::office)) << "a Saturday";
  EXPECT_FALSE(offer_for(add_days(kToday, 29), HalfDay::day, WorkMode::office)) << "beyond 28 days ahead";
  EXPECT_TRUE(offer_for(add_days(kToday, 28), HalfDay::day, WorkMode::office)) << "the last bookable day";
  EXPECT_FALSE(plan_offer(Workday{kThursday, HalfDay::day, WorkMode::office, WorkdayKind::actual}, state.data.bookings,
                          policy, state.today, *state.now))
      << "an actual entry records a day; it plans nothing";
}

TEST_F(PlanOfferTest, AnOfferAnsweredElsewhereIsNoLongerOpen) {
  const PlanOffer book{PlanOffer::Kind::book_usual, kThursday, HalfDay::am, {}, {}};
  EXPECT_TRUE(offer_still_open(book, state.data.bookings, policy, *state.now));
  BookingSummary thursday = state.data.bookings[0];
  thursday.booking.id = "bkg-2";
  thursday.booking.start = to_instant(kThursday, 8 * 60);
  thursday.booking.end = to_instant(kThursday, 12 * 60);
  state.data.bookings.push_back(thursday);  // booked in Desks meanwhile
  EXPECT_FALSE(offer_still_open(book, state.data.bookings, policy, *state.now));

  const PlanOffer cancel{PlanOffer::Kind::cancel_booking, kToday, HalfDay::day, "bkg-1", "EG-01"};
  EXPECT_TRUE(offer_still_open(cancel, state.data.bookings, policy, *state.now));
  state.data.bookings[0].booking.state = BookingState::cancelled;  // cancelled in Desks meanwhile
  EXPECT_FALSE(offer_still_open(cancel, state.data.bookings, policy, *state.now));
}

}  // namespace
}  // namespace stellwerk::client
