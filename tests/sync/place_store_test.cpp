// The local store's side of the floor-plan editor: a place's closure is cached with it, a removed
// place leaves its floor but keeps the name of the bookings made for it, the removal question
// counts each booking still to come once, and a pull drops bookings whose place it never got.
#include <gtest/gtest.h>

#include <chrono>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using namespace std::chrono_literals;
using test::TempDir;

const Date kDay = date::year{2026} / 12 / 1;
const Instant kMorning = std::chrono::floor<std::chrono::seconds>(date::sys_days{kDay} + 7h);
const Instant kEvening = std::chrono::floor<std::chrono::seconds>(date::sys_days{kDay} + 16h);

LocalStore filled(const std::filesystem::path& dir) {
  auto opened = LocalStore::open(dir);
  if (!opened) throw std::runtime_error(opened.error());
  LocalStore store = std::move(*opened);
  store.upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-0", "bld-1", "EG", 0, 40, 20}}});
  store.upsert_resource({"res-a", ResourceType::desk, "EG-01", "flr-0", 2, 2, 1.6, 0.8, {"monitor"}, 1, false,
                         PlaceClosure{kDay, add_days(kDay, 2), "Water damage"}});
  store.upsert_resource({"res-b", ResourceType::desk, "EG-02", "flr-0", 4, 2, 1.6, 0.8, {}, 1, false});
  return store;
}

TEST(PlaceStore, AClosureIsCachedWithItsPlaceAndClearedWithIt) {
  TempDir tmp;
  LocalStore store = filled(tmp.path());
  auto place = store.resource("res-a");
  ASSERT_TRUE(place && place->closure);
  EXPECT_EQ(*place->closure, (PlaceClosure{kDay, add_days(kDay, 2), "Water damage"}));
  place->closure.reset();
  store.upsert_resource(*place);
  EXPECT_FALSE(store.resource("res-a")->closure);
}

TEST(PlaceStore, ARemovedPlaceLeavesItsFloorButNamesItsBookings) {
  TempDir tmp;
  LocalStore store = filled(tmp.path());
  store.upsert_booking({"bk-1", "res-a", "emp-1", kMorning, kEvening, BookingState::released, std::nullopt});
  store.remove_resource("res-a");
  const auto on_floor = store.resources_on_floor("flr-0");
  ASSERT_EQ(on_floor.size(), 1u);
  EXPECT_EQ(on_floor[0].id, "res-b");
  EXPECT_FALSE(store.removed_resource("res-b"));
  EXPECT_FALSE(store.resource("res-a")) << "nothing books a removed place";
  ASSERT_TRUE(store.removed_resource("res-a"));
  EXPECT_EQ(store.removed_resource("res-a")->name, "EG-01");
  EXPECT_TRUE(store.booking("bk-1")) << "the released booking stays to say why";
  // The feed bringing the place back (an import of the same id) lists it again.
  store.upsert_resource(*store.removed_resource("res-a"));
  EXPECT_EQ(store.resources_on_floor("flr-0").size(), 2u);
}

TEST(PlaceStore, BookingsAheadCountsOthersAndOwnOnceAndNotThePast) {
  TempDir tmp;
  LocalStore store = filled(tmp.path());
  // The feed's occupancy holds the person's own booking too (the same times).
  store.upsert_occupancy("occ-1", "res-b", kMorning, kEvening);
  store.upsert_occupancy("occ-2", "res-b", kMorning + 24h, kEvening + 24h);
  store.upsert_occupancy("occ-old", "res-b", kMorning - 48h, kEvening - 48h);
  store.upsert_booking({"bk-1", "res-b", "emp-1", kMorning, kEvening, BookingState::booked, std::nullopt});
  store.upsert_booking({"bk-2", "res-b", "emp-1", kMorning + 48h, kEvening + 48h, BookingState::booked, std::nullopt});
  store.upsert_booking({"bk-3", "res-b", "emp-1", kMorning + 72h, kEvening + 72h, BookingState::cancelled, std::nullopt});
  EXPECT_EQ(store.bookings_ahead("res-b", kMorning - 1h), 3);
  EXPECT_EQ(store.bookings_ahead("res-b", kEvening + 1h), 2);
  EXPECT_EQ(store.bookings_ahead("res-a", kMorning), 0);
}

TEST(PlaceStore, BookingsOfAPlaceNeverCachedAreDroppedBeforeTheyBreakAPull) {
  TempDir tmp;
  LocalStore store = filled(tmp.path());
  store.atomically([&] {
    store.upsert_booking({"bk-gone", "res-unknown", "emp-1", kMorning, kEvening, BookingState::released, std::nullopt});
    store.upsert_booking({"bk-kept", "res-a", "emp-1", kMorning, kEvening, BookingState::booked, std::nullopt});
    store.drop_bookings_without_place();
  });
  EXPECT_FALSE(store.booking("bk-gone"));
  EXPECT_TRUE(store.booking("bk-kept"));
}

}  // namespace
}  // namespace stellwerk::store
