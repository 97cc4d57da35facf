// Team presence through the real server (issue 15): after signing in, a sync round brings the
// team's presence into the store and the window shows it; ticking the opt-in is queued, sent on
// the next round and changes what a colleague sees at once; a person without a team gets the
// server's refusal kept as such. Worker, SyncLoop and Controller run as in the app against the
// in-process server; the test waits for conditions, never for a fixed time.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "live_window.hpp"
#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using testing::kServerDay;
using testing::LiveWindow;

bool names(const TeamPresenceSnapshot& snapshot, const std::string& who) {
  for (const TeamPresenceHalf& half : snapshot.halves) {
    for (const NamedPresence& named : half.named) {
      if (named.display_name == who) return true;
    }
  }
  return false;
}

TEST(TeamPresenceSync, TheTeamArrivesWithASyncRoundAndTheOptInReachesColleagues) {
  TestServer server;
  TempDir data("stellwerk-presence");
  LiveWindow window(data.path());
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port(), "demo"));
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.data.presence.snapshot.has_value(); }));
  const TeamPresenceSnapshot& snapshot = *window.state.data.presence.snapshot;
  EXPECT_FALSE(snapshot.team_too_small);
  EXPECT_EQ(snapshot.team_size, 501);
  EXPECT_EQ(snapshot.from, week_start(today_in_berlin()));
  EXPECT_FALSE(snapshot.halves.empty());
  ASSERT_TRUE(window.state.data.me);
  EXPECT_FALSE(window.state.data.me->presence_opt_in) << "off until the person turns it on";

  // Alex plans an office day and opts in; a colleague sees Alex by name once the round has sent it.
  const Date day = add_days(week_start(kServerDay), 7);  // Monday 7 December
  window.controller.apply(PlanWorkday{Workday{day, HalfDay::day, WorkMode::office, WorkdayKind::planned}});
  window.controller.apply(SharePresence{true});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.data.me && s.data.me->presence_opt_in; }))
      << "the cached profile shows the opt-in at once, before the server answered";
  window.controller.apply(SyncNow{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.data.sync.pending == 0; }));
  auto colleague = server.client_for("employee0001");
  const auto seen = colleague.get("/api/v1/team/presence?from=2026-12-07&to=2026-12-07");
  ASSERT_EQ(seen.status, 200) << seen.raw;
  const Json alex{{"display_name", "Alex Demir"}, {"mode", "office"}};
  const Json& named = seen.body["halves"][0]["colleagues"];
  EXPECT_NE(std::find(named.begin(), named.end(), alex), named.end()) << named;
  EXPECT_FALSE(names(*window.state.data.presence.snapshot, "Alex Demir")) << "never in one's own view";
}

TEST(TeamPresenceSync, APersonWithoutATeamKeepsTheRefusal) {
  TestServer server;
  TempDir data("stellwerk-presence-small");
  LiveWindow window(data.path());
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port(), "citizens01"));
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.data.presence.snapshot.has_value(); }));
  EXPECT_TRUE(window.state.data.presence.snapshot->team_too_small);
  EXPECT_TRUE(window.state.data.presence.snapshot->halves.empty());
}

}  // namespace
}  // namespace stellwerk::client
