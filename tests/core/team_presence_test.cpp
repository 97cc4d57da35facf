// core's team presence rules on their own: which halves there are, who is named, who only counted
// and when counting would single people out.
#include "stellwerk/core/team_presence.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk {
namespace {

using namespace date::literals;

constexpr Date kFriday = 2026_y / date::December / 4;
constexpr Date kMonday = 2026_y / date::December / 7;

std::vector<TeamColleague> team(int sharing, int not_sharing) {
  std::vector<TeamColleague> colleagues;
  for (int i = 0; i < sharing; ++i) colleagues.push_back({fmt::format("s{}", i), fmt::format("Sharer {}", i), true});
  for (int i = 0; i < not_sharing; ++i) colleagues.push_back({fmt::format("o{}", i), fmt::format("Other {}", i), false});
  return colleagues;
}

TEST(TeamPresenceRules, ATeamNeedsFivePeople) {
  EXPECT_FALSE(team_large_enough(4));
  EXPECT_TRUE(team_large_enough(5));
  EXPECT_FALSE(reports_large_enough(3)) << "three reports and the manager are four";
  EXPECT_TRUE(reports_large_enough(4));
}

TEST(TeamPresenceRules, WorkingDaysOnlyByHalfDay) {
  const auto halves = team_presence(team(1, 3), {}, kFriday, kMonday);  // Friday, weekend, Monday
  ASSERT_EQ(halves.size(), 4u);
  EXPECT_EQ(halves[0].date, kFriday);
  EXPECT_EQ(halves[1].half, HalfDay::pm);
  EXPECT_EQ(halves[2].date, kMonday);
}

TEST(TeamPresenceRules, SharersAreNamedOthersCountedOtherModesNeverShown) {
  const std::vector<ColleagueHalf> plans{{"s0", kMonday, HalfDay::am, WorkMode::office},
                                         {"s1", kMonday, HalfDay::am, WorkMode::leave},
                                         {"o0", kMonday, HalfDay::am, WorkMode::remote},
                                         {"o1", kMonday, HalfDay::am, WorkMode::training},
                                         {"o2", kMonday, HalfDay::am, WorkMode::office},
                                         {"stranger", kMonday, HalfDay::am, WorkMode::office}};
  const auto halves = team_presence(team(2, 3), plans, kMonday, kMonday);
  ASSERT_EQ(halves.size(), 2u);
  ASSERT_EQ(halves[0].named.size(), 1u);
  EXPECT_EQ(halves[0].named[0].display_name, "Sharer 0");
  EXPECT_EQ(halves[0].office, 1);
  EXPECT_EQ(halves[0].remote, 1);
  EXPECT_EQ(halves[1].office, 0);
}

TEST(TeamPresenceRules, FewerThanThreeOthersAreNotCounted) {
  const std::vector<ColleagueHalf> plans{{"o0", kMonday, HalfDay::am, WorkMode::office}};
  const auto halves = team_presence(team(3, 2), plans, kMonday, kMonday);
  EXPECT_FALSE(halves[0].office);
  EXPECT_FALSE(halves[0].remote);
  EXPECT_TRUE(halves[0].named.empty());
}

}  // namespace
}  // namespace stellwerk
