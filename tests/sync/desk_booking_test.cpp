// Bookings of several days, "book my usual", cancelling a range and favourites, on a store filled
// by hand: which days a person is told will not work (with the server's codes), which desk "book my
// usual" picks, and what is queued for the server.
#include <gtest/gtest.h>

#include <algorithm>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/desk_booking.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "test_support.hpp"

namespace stellwerk::sync {
namespace {

using test::TempDir;

// Monday 7 December 2026, 08:00 in Berlin.
const Date kMonday = date::year{2026} / 12 / 7;
const Instant kNow = to_instant(kMonday, 8 * 60);

Resource desk(const Id& id, double x, std::vector<std::string> features = {}, bool accessible = false) {
  Resource r;
  r.id = id;
  r.name = "Desk " + id;
  r.floor_id = "fl-1";
  r.x = x;
  r.y = 1;
  r.w = 1.6;
  r.h = 0.8;
  r.features = std::move(features);
  r.accessible = accessible;
  return r;
}

class DeskBookingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::LocalStore::open(dir.path());
    ASSERT_TRUE(opened.has_value()) << opened.error();
    store.emplace(std::move(*opened));
    Department department{"dep-1", "org-1", "Amt für Tests", {}};
    department.policy.max_upcoming = 5;
    Employee me{"emp-1", "demo", "Alex Demo", "dep-1", std::nullopt, {Role::employee}, "bld-1", false, false};
    store->set_me(me, department);
    store->upsert_building(Building{"bld-1", "Rathaus", "Markt 1", {Floor{"fl-1", "bld-1", "EG", 0, 40, 20}}});
    store->upsert_resource(desk("d1", 1, {"monitor"}));
    store->upsert_resource(desk("d2", 4, {"monitor", "docking"}));
    store->upsert_resource(desk("d3", 2));  // nearer to d1 than d2, but without a monitor
    store->upsert_resource(desk("acc", 3, {"monitor"}, true));
  }

  std::optional<std::string> refusal(const Id& resource, Date day, Instant now = kNow) {
    // As the wire code, which is what the server would answer.
    const auto reason = foreseeable_refusal(*store, resource, to_instant(day, 8 * 60), to_instant(day, 17 * 60), now);
    if (!reason) return std::nullopt;
    return std::string{wire_code(*reason)};
  }
  void someone_else_books(const Id& resource, Date day) {
    store->upsert_occupancy("o_" + resource + format_date(day), resource, to_instant(day, 8 * 60),
                            to_instant(day, 17 * 60));
  }
  std::vector<store::OutboxEntry> queued() const { return store->pending_outbox(); }

  TempDir dir;
  std::optional<store::LocalStore> store;
};

TEST_F(DeskBookingTest, AFreeDeskOnAWorkingDayHasNoForeseeableRefusal) {
  EXPECT_EQ(refusal("d1", kMonday), std::nullopt);
  EXPECT_EQ(refusal("not-cached", kMonday), std::nullopt);  // the server decides
}

TEST_F(DeskBookingTest, EachRuleIsForeseenWithTheServersCode) {
  EXPECT_EQ(refusal("d1", add_days(kMonday, -1)), "past");
  EXPECT_EQ(refusal("d1", add_days(kMonday, 29)), "too_far_ahead");
  EXPECT_EQ(refusal("d1", add_days(kMonday, 5)), "weekday_not_bookable");  // Saturday
  EXPECT_EQ(refusal("d1", date::year{2026} / 12 / 25), "holiday");
  store->upsert_closure("bld-1", add_days(kMonday, 1), "Heizung");
  EXPECT_EQ(refusal("d1", add_days(kMonday, 1)), "building_closed");
  EXPECT_EQ(refusal("acc", kMonday, kNow - std::chrono::hours{48}), "accessible_held");
  someone_else_books("d2", kMonday);
  EXPECT_EQ(refusal("d2", kMonday), "desk_taken");
  queue_booking(*store, "d1", to_instant(kMonday, 8 * 60), to_instant(kMonday, 17 * 60));
  EXPECT_EQ(refusal("d3", kMonday), "already_booked");
}

TEST_F(DeskBookingTest, TheFeedsCopyOfMyOwnBookingDoesNotCountAsSomeoneElses) {
  Booking mine{"bk-1", "d1", "emp-1", to_instant(kMonday, 8 * 60), to_instant(kMonday, 17 * 60),
               BookingState::booked, std::nullopt};
  store->upsert_booking(mine);
  store->upsert_occupancy("o_bk-1", "d1", mine.start, mine.end);
  EXPECT_EQ(refusal("d1", kMonday), "already_booked");  // mine, not "desk_taken"
  // Cancelled here and not sent yet: the feed still has the row, and it is still mine.
  queue_cancel(*store, mine.id);
  EXPECT_EQ(refusal("d1", kMonday), std::nullopt);
}

TEST_F(DeskBookingTest, AColleaguesBookingWithTheTimesOfMyConfirmedCancellationIsTheirs) {
  // I booked and cancelled d1 for the default day; the server confirmed and withdrew my row. A
  // colleague then booked d1 for the same default day: same resource, same times, not mine.
  store->upsert_booking(Booking{"bk-1", "d1", "emp-1", to_instant(kMonday, 8 * 60), to_instant(kMonday, 17 * 60),
                                BookingState::cancelled, std::nullopt});
  store->upsert_occupancy("o_bk-9", "d1", to_instant(kMonday, 8 * 60), to_instant(kMonday, 17 * 60));
  EXPECT_EQ(refusal("d1", kMonday), "desk_taken");
  const auto others = store->others_on_floor("fl-1", to_instant(kMonday, 0), to_instant(kMonday, 24 * 60));
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(others.front().id, "o_bk-9");
}

TEST_F(DeskBookingTest, BookMyUsualAfterItsSlotIsOverSaysPastLikeTheServer) {
  queue_favourite(*store, "d1", true, kNow);
  const auto late = queue_usual_booking(*store, kMonday, SlotTimes{8 * 60, 12 * 60}, to_instant(kMonday, 13 * 60));
  EXPECT_FALSE(late.resource.has_value());
  EXPECT_EQ(late.problem, Refusal::past);
}

TEST_F(DeskBookingTest, RecurringBookingQueuesTheGoodDaysAndReportsTheOthers) {
  someone_else_books("d1", add_days(kMonday, 7));
  const std::vector<Date> days{kMonday, add_days(kMonday, 7), add_days(kMonday, 14),
                               date::year{2026} / 12 / 25};  // Christmas
  const auto result = queue_bookings_on_days(*store, "d1", days, SlotTimes{9 * 60, 12 * 60}, kNow);
  ASSERT_EQ(result.queued.size(), 2u);
  EXPECT_EQ(local_date(result.queued[0].start), kMonday);
  EXPECT_EQ(result.queued[0].start, to_instant(kMonday, 9 * 60));
  EXPECT_EQ(local_date(result.queued[1].start), add_days(kMonday, 14));
  ASSERT_EQ(result.skipped.size(), 2u);
  EXPECT_EQ(result.skipped[0].day, add_days(kMonday, 7));
  EXPECT_EQ(result.skipped[0].problem, Refusal::desk_taken);
  EXPECT_EQ(result.skipped[1].problem, Refusal::holiday);
  EXPECT_EQ(queued().size(), 2u);
}

TEST_F(DeskBookingTest, RecurringBookingStopsAtTheDepartmentsLimitOfUpcomingBookings) {
  std::vector<Date> days;
  for (int week = 0; week < 4; ++week) {
    for (int weekday = 0; weekday < 2; ++weekday) days.push_back(add_days(kMonday, week * 7 + weekday));
  }
  const auto result = queue_bookings_on_days(*store, "d1", days, SlotTimes{8 * 60, 17 * 60}, kNow);
  EXPECT_EQ(result.queued.size(), 5u);  // max_upcoming
  ASSERT_EQ(result.skipped.size(), 3u);
  for (const SkippedDay& s : result.skipped) EXPECT_EQ(s.problem, Refusal::too_many_upcoming);
}

TEST_F(DeskBookingTest, BookMyUsualTakesTheUsualDeskWhenItIsFree) {
  queue_favourite(*store, "d2", false, kNow);
  queue_favourite(*store, "d1", true, kNow);
  const auto usual = queue_usual_booking(*store, kMonday, SlotTimes{8 * 60, 17 * 60}, kNow);
  ASSERT_TRUE(usual.resource.has_value());
  EXPECT_EQ(usual.resource->id, "d1");
  EXPECT_FALSE(usual.nearest_alike);
  const auto bookings = store->my_bookings(kMonday, kMonday);
  ASSERT_EQ(bookings.size(), 1u);
  EXPECT_EQ(bookings.front().resource_id, "d1");
  EXPECT_EQ(usual.booking_id, bookings.front().id) << "the booking queued, for the notice that awaits its answer";
}

TEST_F(DeskBookingTest, BookMyUsualFallsBackToTheNearestFreeDeskWithTheSameFeatures) {
  queue_favourite(*store, "d1", true, kNow);
  const Date wednesday = add_days(kMonday, 2);
  someone_else_books("d1", wednesday);
  // d3 is nearest but has no monitor; the accessible desk is held until a day before; d2 has a monitor.
  const auto usual = queue_usual_booking(*store, wednesday, SlotTimes{8 * 60, 17 * 60}, kNow);
  ASSERT_TRUE(usual.resource.has_value()) << wire_code(usual.problem.value_or(Refusal::internal));
  EXPECT_EQ(usual.resource->id, "d2");
  EXPECT_TRUE(usual.nearest_alike);
}

TEST_F(DeskBookingTest, BookMyUsualExplainsWhyNothingWasBooked) {
  EXPECT_EQ(queue_usual_booking(*store, kMonday, SlotTimes{8 * 60, 17 * 60}, kNow).problem, Refusal::no_usual_desk);
  queue_favourite(*store, "d1", false, kNow);  // the first favourite desk counts when none is usual
  const auto on_holiday = queue_usual_booking(*store, date::year{2026} / 12 / 25, SlotTimes{8 * 60, 17 * 60}, kNow);
  EXPECT_FALSE(on_holiday.resource.has_value());
  EXPECT_EQ(on_holiday.problem, Refusal::holiday);
  EXPECT_TRUE(store->my_bookings(kMonday, add_days(kMonday, 30)).empty());
}

TEST_F(DeskBookingTest, CancellingARangeCancelsOnlyActiveBookingsInIt) {
  for (int offset : {0, 1, 2, 7}) {
    const Date day = add_days(kMonday, offset);
    queue_booking(*store, "d1", to_instant(day, 8 * 60), to_instant(day, 17 * 60));
  }
  const auto cancelled = queue_cancel_between(*store, add_days(kMonday, 1), add_days(kMonday, 2), kNow);
  EXPECT_EQ(cancelled, (std::vector<Date>{add_days(kMonday, 1), add_days(kMonday, 2)}));
  int active = 0;
  for (const Booking& b : store->my_bookings(kMonday, add_days(kMonday, 7))) active += b.state == BookingState::booked;
  EXPECT_EQ(active, 2);
}

TEST_F(DeskBookingTest, OnlyOneFavouriteIsUsualAndEachChangeIsQueued) {
  queue_favourite(*store, "d1", true, kNow);
  queue_favourite(*store, "d2", true, kNow + std::chrono::minutes{1});
  auto favourites = store->favourites();
  ASSERT_EQ(favourites.size(), 2u);
  EXPECT_FALSE(favourites[0].usual);
  EXPECT_TRUE(favourites[1].usual);
  queue_unfavourite(*store, "d1");
  favourites = store->favourites();
  ASSERT_EQ(favourites.size(), 1u);
  EXPECT_EQ(favourites[0].resource_id, "d2");
  const auto entries = queued();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].method, "PUT");
  EXPECT_EQ(entries[0].path, "/api/v1/me/favourites/d1");
  EXPECT_EQ(entries[0].body, R"({"usual":true})");
  EXPECT_EQ(entries[2].method, "DELETE");
}

TEST_F(DeskBookingTest, AFullCopyFromTheServerKeepsFavouritesWithPendingChanges) {
  queue_favourite(*store, "d1", false, kNow);
  store->upsert_favourite(Favourite{"d2", false, kNow});  // as the feed delivered it
  store->clear_feed_data();
  const auto favourites = store->favourites();
  ASSERT_EQ(favourites.size(), 1u);
  EXPECT_EQ(favourites[0].resource_id, "d1");
}

}  // namespace
}  // namespace stellwerk::sync
