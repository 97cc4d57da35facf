// Team presence as a team meets it: nobody is shown until they opt in; then colleagues see them
// by name with office or remote, and everybody else only as counts; leave and training are never
// shown; a team of fewer than 5 sees nothing at all, and another team is invisible. The demo
// team (everyone under Maria Brandt) has 501 people; the citizens' office has no manager, so the
// tests make small teams of it by hand. The test clock starts on Tuesday 1 December 2026; the
// week looked at is Monday 7 to Friday 11 December.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "stellwerk/core/team_presence.hpp"
#include "kiosk_support.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

const std::string kWeek = "/api/v1/team/presence?from=2026-12-07&to=2026-12-11";

void plan(ApiClient& client, const std::string& day, const std::string& half, const std::string& mode) {
  const auto response = client.put("/api/v1/workdays/" + day, Json{{"half", half}, {"mode", mode}, {"kind", "planned"}});
  ASSERT_EQ(response.status, 200) << response.raw;
}

void share(ApiClient& client, bool on) {
  const auto response = client.put("/api/v1/me/presence-sharing", Json{{"share", on}});
  ASSERT_EQ(response.status, 200) << response.raw;
  EXPECT_EQ(response.body, (Json{{"share", on}}));
}

std::string name_of(ApiClient& client) { return client.get("/api/v1/me").body.at("display_name").get<std::string>(); }

Json week_of(ApiClient& client) {
  const auto response = client.get(kWeek);
  EXPECT_EQ(response.status, 200) << response.raw;
  return response.body;
}

const Json& half_of(const Json& week, const std::string& day, const std::string& half) {
  for (const Json& cell : week.at("halves")) {
    if (cell.at("date") == day && cell.at("half") == half) return cell;
  }
  static const Json none;
  ADD_FAILURE() << "no " << day << " " << half << " in " << week;
  return none;
}

// The mode shown for `name` on that half, or "" when not named.
std::string named_mode(const Json& week, const std::string& day, const std::string& half, const std::string& name) {
  for (const Json& colleague : half_of(week, day, half).at("colleagues")) {
    if (colleague.at("display_name") == name) return colleague.at("mode").get<std::string>();
  }
  return "";
}

bool named_anywhere(const Json& week, const std::string& name) {
  for (const Json& cell : week.at("halves")) {
    for (const Json& colleague : cell.at("colleagues")) {
      if (colleague.at("display_name") == name) return true;
    }
  }
  return false;
}

int counted(const Json& week, const std::string& day, const std::string& half, const std::string& mode) {
  const Json& others = half_of(week, day, half).at("others");
  EXPECT_TRUE(others.is_object()) << others;
  return others.is_object() ? others.at(mode).get<int>() : -1;
}

// Makes the citizens' office people `first`..`last` a team under citizens01.
void make_citizens_team(TestServer& server, int first, int last) {
  server.server().context().db.write([&](sql::Connection& db) {
    for (int i = first; i <= last; ++i) {
      sql::Statement{db, "UPDATE employees SET manager_id = 'emp_citizens_01' WHERE id = ?"}
          .bind_all(fmt::format("emp_citizens_{:02}", i))
          .run();
    }
  });
}

std::string citizen(int i) { return fmt::format("citizens{:02}", i); }

TEST(TeamPresence, NobodySharesUntilTheyOptInAndTheProfileSaysSo) {
  TestServer server;
  ApiClient ben = server.client_for("employee0001");
  EXPECT_EQ(ben.get("/api/v1/me").body.at("presence_sharing"), false);
  plan(ben, "2026-12-07", "day", "office");
  ApiClient demo = server.client_for("demo");
  EXPECT_FALSE(named_anywhere(week_of(demo), name_of(ben)));

  share(ben, true);
  EXPECT_EQ(ben.get("/api/v1/me").body.at("presence_sharing"), true);
  const Json week = week_of(demo);  // at once, without anything else happening
  EXPECT_EQ(named_mode(week, "2026-12-07", "am", name_of(ben)), "office");
  EXPECT_EQ(named_mode(week, "2026-12-07", "pm", name_of(ben)), "office");
  EXPECT_EQ(named_mode(week, "2026-12-08", "am", name_of(ben)), "");  // nothing planned that day

  share(ben, false);
  EXPECT_FALSE(named_anywhere(week_of(demo), name_of(ben)));
}

TEST(TeamPresence, OthersAreOnlyCountedAndTheCallerIsNeverInTheAnswer) {
  TestServer server;
  ApiClient demo = server.client_for("demo");
  ApiClient clara = server.client_for("employee0002");
  const Json before = week_of(demo);
  EXPECT_EQ(before.at("team_size"), 501);
  ASSERT_EQ(before.at("halves").size(), 10u);  // am and pm of five working days

  plan(clara, "2026-12-09", "am", "office");
  plan(clara, "2026-12-09", "pm", "remote");
  plan(demo, "2026-12-09", "day", "office");  // the caller's own plan: not in their view
  share(demo, true);
  const Json after = week_of(demo);
  EXPECT_EQ(counted(after, "2026-12-09", "am", "office"), counted(before, "2026-12-09", "am", "office") + 1);
  EXPECT_EQ(counted(after, "2026-12-09", "am", "remote"), counted(before, "2026-12-09", "am", "remote"));
  EXPECT_EQ(counted(after, "2026-12-09", "pm", "remote"), counted(before, "2026-12-09", "pm", "remote") + 1);
  EXPECT_EQ(counted(after, "2026-12-09", "pm", "office"), counted(before, "2026-12-09", "pm", "office"));
  EXPECT_FALSE(named_anywhere(after, name_of(clara)));
  EXPECT_FALSE(named_anywhere(after, name_of(demo)));
  // Clara sees Alex, who opted in, but not herself.
  const Json hers = week_of(clara);
  EXPECT_EQ(named_mode(hers, "2026-12-09", "am", name_of(demo)), "office");
  EXPECT_FALSE(named_anywhere(hers, name_of(clara)));
}

TEST(TeamPresence, LeaveTrainingAndTheRestAreNeverSharedNorCounted) {
  TestServer server;
  ApiClient demo = server.client_for("demo");
  ApiClient david = server.client_for("employee0003");  // opted in
  ApiClient elif = server.client_for("employee0004");   // not
  share(david, true);
  const Json before = week_of(demo);
  plan(david, "2026-12-10", "day", "leave");
  plan(david, "2026-12-11", "am", "training");
  plan(david, "2026-12-11", "pm", "travel");
  plan(elif, "2026-12-10", "day", "leave");
  plan(elif, "2026-12-11", "day", "off");
  const Json after = week_of(demo);
  EXPECT_FALSE(named_anywhere(after, name_of(david)));
  for (const char* day : {"2026-12-10", "2026-12-11"}) {
    for (const char* half : {"am", "pm"}) {
      for (const char* mode : {"office", "remote"}) {
        EXPECT_EQ(counted(after, day, half, mode), counted(before, day, half, mode)) << day << half << mode;
      }
    }
  }
}

TEST(TeamPresence, ATeamOfFourSeesNothingAndFiveSeeEachOther) {
  TestServer server;
  make_citizens_team(server, 2, 5);  // four people under citizens01
  ApiClient two = server.client_for(citizen(2));
  const auto refused = two.get(kWeek);
  EXPECT_EQ(refused.status, 403) << refused.raw;
  EXPECT_EQ(refused.code(), "team_too_small");
  EXPECT_FALSE(refused.body.contains("halves")) << refused.raw;
  // Somebody without a manager has no team at all.
  EXPECT_EQ(server.client_for(citizen(1)).get(kWeek).code(), "team_too_small");

  make_citizens_team(server, 6, 6);  // the fifth
  ApiClient three = server.client_for(citizen(3));
  share(three, true);
  plan(three, "2026-12-07", "day", "remote");
  const Json week = week_of(two);
  EXPECT_EQ(week.at("team_size"), 5);
  EXPECT_EQ(named_mode(week, "2026-12-07", "am", name_of(three)), "remote");
  // Three colleagues of citizens02 did not opt in: enough to count them.
  EXPECT_EQ(counted(week, "2026-12-07", "am", "office"), 0);
}

TEST(TeamPresence, TooFewWithoutOptInAreNotCountedSoNobodyIsRecognised) {
  TestServer server;
  make_citizens_team(server, 2, 6);
  for (int i = 3; i <= 5; ++i) {
    ApiClient colleague = server.client_for(citizen(i));
    share(colleague, true);
  }
  ApiClient six = server.client_for(citizen(6));  // the one colleague of citizens02 without opt-in
  plan(six, "2026-12-08", "day", "office");
  ApiClient two = server.client_for(citizen(2));
  const Json week = week_of(two);
  for (const Json& cell : week.at("halves")) EXPECT_TRUE(cell.at("others").is_null()) << cell;
  EXPECT_FALSE(named_anywhere(week, name_of(six)));
  // The rule is core's: the same threshold as the client explains.
  EXPECT_EQ(kMinimumUncountedGroup, 3);
}

TEST(TeamPresence, AnotherTeamIsInvisible) {
  TestServer server;
  make_citizens_team(server, 2, 6);
  ApiClient citizen_three = server.client_for(citizen(3));
  share(citizen_three, true);
  plan(citizen_three, "2026-12-07", "day", "office");
  ApiClient demo = server.client_for("demo");
  share(demo, true);
  plan(demo, "2026-12-07", "day", "office");
  const Json demo_week = week_of(demo);
  EXPECT_FALSE(named_anywhere(demo_week, name_of(citizen_three)));
  EXPECT_EQ(demo_week.at("team_size"), 501);
  ApiClient citizen_two = server.client_for(citizen(2));
  const Json citizens_week = week_of(citizen_two);
  EXPECT_FALSE(named_anywhere(citizens_week, name_of(demo)));
  EXPECT_EQ(counted(citizens_week, "2026-12-07", "am", "office"), 0);  // only citizens06, 04, 05 counted
}

TEST(TeamPresence, TheSeededDemoTeamShowsNamesAndCounts) {
  TestServer server;
  ApiClient demo = server.client_for("demo");
  const Json week = week_of(demo);
  int named = 0;
  int counted_total = 0;
  for (const Json& cell : week.at("halves")) {
    named += static_cast<int>(cell.at("colleagues").size());
    counted_total += cell.at("others").at("office").get<int>() + cell.at("others").at("remote").get<int>();
  }
  EXPECT_GT(named, 0);
  EXPECT_GT(counted_total, 0);
}

TEST(TeamPresence, AKioskScreenShowsNobodysPresence) {
  TestServer server;
  ApiClient at_kiosk = signed_in_at_kiosk(server);  // demo, whose team has 501 people
  const auto refused = at_kiosk.get(kWeek);
  EXPECT_EQ(refused.status, 403) << refused.raw;
  EXPECT_EQ(refused.code(), "forbidden");
  EXPECT_FALSE(refused.body.contains("halves")) << refused.raw;
}

TEST(TeamPresence, ABadRangeIsA400) {
  TestServer server;
  ApiClient demo = server.client_for("demo");
  for (const char* query : {"from=2026-12-11&to=2026-12-07", "from=2026-12-07", "to=2026-12-07",
                            "from=2026-12-07&to=2027-01-18", "from=yesterday&to=2026-12-07",
                            "from=2026-02-30&to=2026-03-02"}) {
    const auto response = demo.get(std::string{"/api/v1/team/presence?"} + query);
    EXPECT_EQ(response.status, 400) << query << " " << response.raw;
    EXPECT_EQ(response.code(), "invalid_parameter") << query;
  }
  EXPECT_EQ(demo.get("/api/v1/team/presence?from=2026-12-07&to=2027-01-17").status, 200);  // 42 days
  EXPECT_EQ(demo.put("/api/v1/me/presence-sharing", Json{{"share", "yes"}}).status, 422);
  EXPECT_EQ(demo.put("/api/v1/me/presence-sharing", Json::object()).status, 422);
  EXPECT_EQ(server.anonymous().get(kWeek).status, 401);
}

}  // namespace
}  // namespace stellwerk::server::testing
