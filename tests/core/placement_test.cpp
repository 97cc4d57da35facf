// Alternatives and weekly recurrence: the desk a person is offered instead of a refused one, and
// the days a recurring booking covers.
#include <gtest/gtest.h>

#include <vector>

#include "stellwerk/core/placement.hpp"
#include "test_util.hpp"

namespace stellwerk {
namespace {

using test::d;

Resource desk(std::string id, std::string floor, double x, std::vector<std::string> features = {},
              bool accessible = false) {
  Resource r;
  r.id = id;
  r.name = "Desk " + id;
  r.floor_id = std::move(floor);
  r.x = x;
  r.y = 0;
  r.w = 1;
  r.h = 1;
  r.features = std::move(features);
  r.accessible = accessible;
  return r;
}

std::vector<Id> ids(const std::vector<Resource>& resources) {
  std::vector<Id> out;
  for (const Resource& r : resources) out.push_back(r.id);
  return out;
}

const auto kAllFree = [](const Resource&) { return true; };

TEST(Placement, NearestAlikeOrdersByDistanceOnTheSameFloorFirst) {
  const Resource wanted = desk("w", "f1", 10, {"monitor"});
  const std::vector<Resource> candidates{
      wanted,
      desk("far", "f1", 30, {"monitor"}),
      desk("near", "f1", 12, {"monitor", "docking"}),
      desk("upstairs", "f2", 10, {"monitor"}),  // right above, but another floor
      desk("plain", "f1", 11),                  // nearest, but without a monitor
  };
  EXPECT_EQ(ids(nearest_alike(wanted, candidates, kAllFree, false, 5)),
            (std::vector<Id>{"near", "far", "upstairs"}));
  EXPECT_EQ(ids(nearest_alike(wanted, candidates, kAllFree, false, 1)), (std::vector<Id>{"near"}));
}

TEST(Placement, NearestAlikeSkipsTakenOtherTypesAndHeldAccessibleDesks) {
  const Resource wanted = desk("w", "f1", 0);
  Resource room = desk("room", "f1", 1);
  room.type = ResourceType::room;
  const std::vector<Resource> candidates{room, desk("taken", "f1", 2), desk("acc", "f1", 3, {}, true),
                                         desk("free", "f1", 4)};
  const auto is_free = [](const Resource& r) { return r.id != "taken"; };
  EXPECT_EQ(ids(nearest_alike(wanted, candidates, is_free, false, 5)), (std::vector<Id>{"free"}));
  EXPECT_EQ(ids(nearest_alike(wanted, candidates, is_free, true, 5)), (std::vector<Id>{"acc", "free"}));
}

TEST(Placement, EqualDistancesAreOrderedByName) {
  const Resource wanted = desk("m", "f1", 10);
  const std::vector<Resource> candidates{desk("b", "f1", 12), desk("a", "f1", 8)};
  EXPECT_EQ(ids(nearest_alike(wanted, candidates, kAllFree, false, 5)), (std::vector<Id>{"a", "b"}));
}

TEST(Placement, WeeklyDatesFollowThePatternUntilTheLastDay) {
  // Mondays and Wednesdays from Wednesday 2 December 2026 up to Monday 14 December inclusive.
  const std::array<bool, 7> mon_wed{true, false, true, false, false, false, false};
  EXPECT_EQ(weekly_dates(d("2026-12-02"), d("2026-12-14"), mon_wed),
            (std::vector<Date>{d("2026-12-02"), d("2026-12-07"), d("2026-12-09"), d("2026-12-14")}));
}

TEST(Placement, WeeklyDatesRefuseImpossibleInput) {
  const std::array<bool, 7> monday{true, false, false, false, false, false, false};
  const std::array<bool, 7> none{};
  EXPECT_TRUE(weekly_dates(d("2026-12-14"), d("2026-12-01"), monday).empty());  // ends before it starts
  EXPECT_TRUE(weekly_dates(d("2026-12-01"), d("2027-12-01"), none).empty());
  EXPECT_TRUE(weekly_dates(date::year{2026} / 2 / 30, d("2026-12-01"), monday).empty());
}

TEST(Placement, WeeklyDatesStopAtTheCap) {
  const std::array<bool, 7> every_day{true, true, true, true, true, true, true};
  const auto dates = weekly_dates(d("2026-01-01"), d("2099-12-31"), every_day);
  ASSERT_EQ(dates.size(), kMaxRecurringDates);
  EXPECT_EQ(dates.back(), add_days(d("2026-01-01"), static_cast<int>(kMaxRecurringDates) - 1));
}

}  // namespace
}  // namespace stellwerk
