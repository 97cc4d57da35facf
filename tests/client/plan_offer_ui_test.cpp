// The Wochenplan's offer after planning a day (issue 15, "plan and desks together"), driven like a
// person: a cell and a mode are clicked, the Controller applies what they emit, and the next frame
// shows the offer in words with its two answers — "Book my usual" (BookUsual) or "No thanks" after
// planning office on a day without a desk; "Cancel booking" (CancelBooking) or "Keep" after
// planning remote on a day with one. No offer where the office day has a desk already, where the
// remote day has none, or on a holiday; showing another week drops it, and so does a booking
// cancelled elsewhere. Then on the Controller with the demo store: the offer accepted books the
// usual desk (pending in the store) and cancels the booking of a day planned remote, and the
// notices say so; without a usual desk, the notice says why nothing was booked.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/rules.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

namespace fs = std::filesystem;
using testing::all_of_type;
using testing::HeadlessUi;
using testing::kMonday;
using testing::kToday;
using testing::single;

// The fixture's week: Wednesday (day 2) has EG-01 booked, Thursday (day 3) has nothing.
constexpr int kWednesday = 2;
constexpr int kThursday = 3;

class PlanOfferUiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    app.state = testing::fixture_state();
    app.state.view = ViewId::schedule;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // Clicks the morning cell of `day`, then "Apply to whole day" unless only the morning is meant,
  // then the mode, applying each intent the way the app's loop does.
  void plan(int day, WorkMode mode, bool whole_day = true) {
    ui.frames(app.state, 2);
    apply(ui.click(app.state, fmt::format("cell-{}-0", day)));
    if (whole_day) apply(ui.click(app.state, "whole-day"));
    apply(ui.click(app.state, fmt::format("mode-{}", to_string(mode))));
    ui.frames(app.state, 2);
  }
  void apply(const Intents& intents) {
    for (const Intent& intent : intents) app.controller.apply(intent);
  }

  testing::TempFolder folder;
  testing::App app{folder.path()};
  HeadlessUi ui;
};

TEST_F(PlanOfferUiTest, OfficeOnADayWithoutADeskOffersTheUsualDesk) {
  plan(kThursday, WorkMode::office);
  EXPECT_TRUE(ui.shows_text("Office on Thu 26 Nov: book your usual desk?")) << ui.text();
  const Intents intents = ui.click(app.state, "offer-book-usual");
  const auto book = all_of_type<BookUsual>(intents);
  ASSERT_EQ(book.size(), 1u);
  EXPECT_EQ(book[0].day, add_days(kToday, 1));
  EXPECT_EQ(book[0].half, HalfDay::day);
  EXPECT_EQ(all_of_type<DismissPlanOffer>(intents).size(), 1u) << "accepted, the offer goes";
}

TEST_F(PlanOfferUiTest, AHalfDayInTheOfficeBooksThatHalf) {
  plan(kThursday, WorkMode::office, /*whole_day=*/false);
  EXPECT_TRUE(ui.shows_text("Office on Thu 26 Nov, Morning: book your usual desk?")) << ui.text();
  const auto book = all_of_type<BookUsual>(ui.click(app.state, "offer-book-usual"));
  ASSERT_EQ(book.size(), 1u);
  EXPECT_EQ(book[0].half, HalfDay::am);
}

TEST_F(PlanOfferUiTest, NoThanksDismissesTheOffer) {
  plan(kThursday, WorkMode::office);
  ASSERT_TRUE(single<DismissPlanOffer>(ui.click(app.state, "offer-dismiss")));
  app.controller.apply(DismissPlanOffer{});
  ui.frames(app.state, 2);
  EXPECT_FALSE(ui.shows("offer-book-usual"));
  EXPECT_FALSE(ui.shows_text("book your usual desk?")) << ui.text();
}

TEST_F(PlanOfferUiTest, RemoteOnADayWithADeskOffersToCancelIt) {
  plan(kWednesday, WorkMode::remote);
  EXPECT_TRUE(ui.shows_text("You have booked EG-01 on Wed 25 Nov. Cancel it so that colleagues can use it?")) << ui.text();
  const Intents intents = ui.click(app.state, "offer-cancel");
  const auto cancel = all_of_type<CancelBooking>(intents);
  ASSERT_EQ(cancel.size(), 1u);
  EXPECT_EQ(cancel[0].booking_id, "bkg-1");
  EXPECT_EQ(all_of_type<DismissPlanOffer>(intents).size(), 1u);
  EXPECT_TRUE(single<DismissPlanOffer>(ui.click(app.state, "offer-keep")));
}

TEST_F(PlanOfferUiTest, ABookingCancelledElsewhereTakesTheOfferAway) {
  plan(kWednesday, WorkMode::remote);
  ASSERT_TRUE(ui.shows("offer-cancel"));
  app.state.data.bookings[0].booking.state = BookingState::cancelled;  // as a reload after "Stornieren" in Desks
  ui.frames(app.state, 2);
  EXPECT_FALSE(ui.shows("offer-cancel"));
  EXPECT_FALSE(ui.shows_text("Cancel it so that colleagues can use it?")) << ui.text();
}

TEST_F(PlanOfferUiTest, LeaveOnADayWithADeskOffersToCancelItToo) {
  plan(kWednesday, WorkMode::leave);
  EXPECT_TRUE(ui.shows("offer-cancel"));
}

TEST_F(PlanOfferUiTest, TheOfferIsReachedWithTab) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  plan(kWednesday, WorkMode::remote);
  ui.press_key(app.state, testing::key::down);  // the focus on the side bar: Tab goes into the view
  for (int i = 0; i < 60 && ui.focused() != "offer-cancel"; ++i) ui.press_key(app.state, testing::key::tab);
  ASSERT_EQ(ui.focused(), "offer-cancel");
  EXPECT_EQ(all_of_type<CancelBooking>(ui.press_key(app.state, testing::key::space)).size(), 1u);
}

TEST_F(PlanOfferUiTest, NoOfferWhereTheOfficeDayHasADeskAlready) {
  plan(kWednesday, WorkMode::office);
  EXPECT_FALSE(ui.shows("offer-book-usual"));
  EXPECT_FALSE(ui.shows("offer-cancel"));
}

TEST_F(PlanOfferUiTest, NoOfferWhereTheRemoteDayHasNoDesk) {
  plan(kThursday, WorkMode::remote);
  EXPECT_FALSE(ui.shows("offer-cancel"));
  EXPECT_FALSE(ui.shows("offer-book-usual"));
}

TEST_F(PlanOfferUiTest, NoOfferOnAHoliday) {
  app.state.schedule.week_start = testing::kChristmasWeek;
  app.controller.apply(PlanWorkday{Workday{date::year{2026} / 12 / 25, HalfDay::day, WorkMode::office, WorkdayKind::planned}});
  ui.frames(app.state, 2);
  EXPECT_FALSE(ui.shows("offer-book-usual"));
  EXPECT_FALSE(ui.shows_text("book your usual desk?")) << ui.text();
}

TEST_F(PlanOfferUiTest, AnotherWeekDropsTheOffer) {
  plan(kThursday, WorkMode::office);
  ASSERT_TRUE(ui.shows("offer-book-usual"));
  apply(ui.click(app.state, "next-week"));
  ui.frames(app.state, 2);
  EXPECT_FALSE(ui.shows("offer-book-usual"));
}

// --- On the Controller with the demo store, the day and clock of the demo's import ---------------

bool has_desk_on(const AppState& s, Date day) {
  return std::any_of(s.data.bookings.begin(), s.data.bookings.end(), [&](const BookingSummary& b) {
    return local_date(b.booking.start) == day && is_active(b.booking.state) && b.resource_type == ResourceType::desk;
  });
}

TEST(PlanOfferController, AcceptedTheOfferBooksTheUsualDeskAndCancelsTheDeskOfARemoteDay) {
  assets::activate_language(i18n::Language::en);
  testing::TempFolder folder;
  testing::App app(folder.path() / "data");
  // The demo's dates are relative to the day of the import: the test's day is that day, at 07:00.
  const Date today = local_date(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  app.state.today = today;
  app.state.now = to_instant(today, 7 * 60);
  app.state.view = ViewId::schedule;
  app.state.local_demo = true;  // as `stellwerk --demo-data`: the views without signing in
  app.state.session.known = true;  // what the sync thread (not started here) would have read
  app.controller.start(fs::path(STELLWERK_DEMO_JSON));
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded && s.desks.resources_loaded; }));
  ASSERT_TRUE(app.settle());
  app.controller.apply(MakeUsual{"res-rh-eg-05"});
  ASSERT_TRUE(app.settle());

  // An office day: the first bookable day after today without a desk of the person.
  const DepartmentPolicy policy = app.state.data.department ? app.state.data.department->policy : DepartmentPolicy{};
  Date office = add_days(today, 1);
  while (booking_date_problem(policy, today, office, 0) || nrw_holiday(office) || has_desk_on(app.state, office)) {
    office = add_days(office, 1);
  }
  HeadlessUi ui;
  app.controller.apply(ShowWeek{office});
  app.controller.apply(PlanWorkday{Workday{office, HalfDay::day, WorkMode::office, WorkdayKind::planned}});
  ASSERT_TRUE(app.settle());
  ASSERT_TRUE(app.state.schedule.plan_offer) << format_date(office);
  ui.frames(app.state, 2);
  ASSERT_TRUE(ui.shows("offer-book-usual")) << ui.text();
  for (const Intent& intent : ui.click(app.state, "offer-book-usual")) app.controller.apply(intent);
  EXPECT_FALSE(app.state.schedule.plan_offer);
  ASSERT_TRUE(app.pump_until([&](const AppState& s) {
    return std::any_of(s.data.bookings.begin(), s.data.bookings.end(), [&](const BookingSummary& b) {
      return local_date(b.booking.start) == office && b.pending && b.booking.resource_id == "res-rh-eg-05";
    });
  })) << "the usual desk, pending in the store";
  ASSERT_TRUE(app.settle());
  ASSERT_FALSE(app.state.toasts.empty());
  EXPECT_NE(app.state.toasts.back().text.find("Booking of EG-05 (your usual desk)"), std::string::npos)
      << app.state.toasts.back().text;

  // A remote day over a desk booking of the demo: the offer cancels it.
  const auto booked = std::find_if(app.state.data.bookings.begin(), app.state.data.bookings.end(), [&](const BookingSummary& b) {
    return b.resource_type == ResourceType::desk && is_active(b.booking.state) && b.booking.end > *app.state.now &&
           local_date(b.booking.start) != office;
  });
  ASSERT_NE(booked, app.state.data.bookings.end());
  const Id booking_id = booked->booking.id;
  const Date remote = local_date(booked->booking.start);
  app.controller.apply(ShowWeek{remote});
  app.controller.apply(PlanWorkday{Workday{remote, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
  ASSERT_TRUE(app.settle());
  ui.frames(app.state, 2);
  ASSERT_TRUE(ui.shows("offer-cancel")) << ui.text();
  for (const Intent& intent : ui.click(app.state, "offer-cancel")) app.controller.apply(intent);
  ASSERT_TRUE(app.pump_until([&](const AppState& s) {
    return std::any_of(s.data.bookings.begin(), s.data.bookings.end(), [&](const BookingSummary& b) {
      return b.booking.id == booking_id && b.booking.state == BookingState::cancelled;
    });
  })) << "the booking of the remote day, cancelled in the store";
  ASSERT_TRUE(app.settle());
  EXPECT_NE(app.state.toasts.back().text.find("Cancellation of "), std::string::npos) << app.state.toasts.back().text;
  assets::activate_language(i18n::Language::de);
}

TEST(PlanOfferController, WithoutAUsualDeskTheNoticeSaysNothingWasBookedAndWhy) {
  assets::activate_language(i18n::Language::en);
  testing::TempFolder folder;
  testing::App app(folder.path() / "data");
  app.controller.start(std::nullopt);
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  app.controller.apply(BookUsual{add_days(kToday, 1), HalfDay::day});
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return !s.toasts.empty(); }));
  EXPECT_EQ(app.state.toasts.back().kind, ToastKind::refused);
  EXPECT_NE(app.state.toasts.back().text.find("No desk booked for Thursday, 26 November 2026. "), std::string::npos)
      << app.state.toasts.back().text;
  ASSERT_TRUE(app.settle());
  assets::activate_language(i18n::Language::de);
}

}  // namespace
}  // namespace stellwerk::client
