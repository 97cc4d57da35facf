// Working time on remote days (PUT/GET/DELETE /api/v1/worktimes) as a person meets it: a record
// on a remote day comes back and is replaced or removed; the act's limits never refuse; what
// cannot have happened is a clear 4xx; and a person's times are theirs alone — a colleague, the
// manager and the changes feed of anyone else never see or change them.
//
// The test clock stands on Friday 2026-12-04 18:00 in Berlin, so the days of the week up to it
// have happened and can carry a time.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "database.hpp"
#include "schema.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/working_time.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

constexpr const char* kWednesday = "2026-12-02";

// A server on Friday evening of the week these tests record.
class WeekServer : public TestServer {
 public:
  WeekServer() : TestServer(DemoScale::small, to_instant(*parse_date("2026-12-04"), 18 * 60)) {}
};
const std::string kWeek = "/api/v1/worktimes?from=2026-11-30&to=2026-12-06";

std::string day_path(const std::string& day) { return std::string{"/api/v1/worktimes/"} + day; }

Json times(const std::string& start, const std::string& end, int break_minutes) {
  return Json{{"start", start}, {"end", end}, {"break_minutes", break_minutes}};
}

void plan(ApiClient& client, const std::string& day, const std::string& half, const std::string& mode,
          const std::string& kind = "planned") {
  const auto planned = client.put("/api/v1/workdays/" + day, Json{{"half", half}, {"mode", mode}, {"kind", kind}});
  ASSERT_EQ(planned.status, 200) << planned.raw;
}

Json listed(ApiClient& client) {
  const auto response = client.get(kWeek);
  EXPECT_EQ(response.status, 200) << response.raw;
  return response.body["work_times"];
}

// The work_time changes of a whole feed from since=0.
std::vector<Json> work_time_changes(ApiClient& client) {
  std::vector<Json> found;
  std::string cursor = "0";
  for (int page = 0; page < 100; ++page) {
    const auto response = client.get("/api/v1/changes?since=" + cursor);
    EXPECT_EQ(response.status, 200) << response.raw;
    if (response.status != 200) break;
    for (const auto& change : response.body["changes"]) {
      if (change["entity"] == "work_time") found.push_back(change);
    }
    cursor = response.body["cursor"].get<std::string>();
    if (!response.body["has_more"].get<bool>()) break;
  }
  return found;
}

TEST(WorkTimes, ARemoteDaysTimeComesBackIsReplacedAndRemoved) {
  WeekServer server;
  auto demo = server.client_for("demo");
  plan(demo, kWednesday, "day", "remote");
  EXPECT_EQ(listed(demo), Json::array());

  const auto saved = demo.put(day_path(kWednesday), times("08:00", "16:30", 30));
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body, Json::parse(R"({"date": "2026-12-02", "start": "08:00", "end": "16:30", "break_minutes": 30})"));
  EXPECT_EQ(listed(demo), Json::array({saved.body}));

  const auto again = demo.put(day_path(kWednesday), times("07:45", "17:00", 45));
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(listed(demo), Json::array({again.body}));

  // A restart keeps it; the other device learns it from the feed.
  server.restart();
  auto second_pc = server.client_for("demo");
  EXPECT_EQ(listed(second_pc), Json::array({again.body}));
  const auto feed = work_time_changes(second_pc);
  ASSERT_EQ(feed.size(), 1u);
  EXPECT_EQ(feed[0]["id"], kWednesday);
  EXPECT_EQ(feed[0]["data"], again.body);

  EXPECT_EQ(second_pc.del(day_path(kWednesday)).status, 204);
  EXPECT_EQ(listed(second_pc), Json::array());
  EXPECT_EQ(second_pc.del(day_path(kWednesday)).status, 204) << "removing again is harmless";
  EXPECT_TRUE(work_time_changes(second_pc).empty()) << "a removed record leaves the snapshot";
}

TEST(WorkTimes, TheActsLimitsAreNeverRefusals) {
  WeekServer server;
  auto demo = server.client_for("demo");
  plan(demo, kWednesday, "day", "remote");
  plan(demo, "2026-12-03", "day", "remote");
  // Twelve hours without a break, then less than eleven hours of rest: recorded as it happened.
  EXPECT_EQ(demo.put(day_path(kWednesday), times("10:00", "22:00", 0)).status, 200);
  EXPECT_EQ(demo.put(day_path("2026-12-03"), times("06:00", "16:00", 15)).status, 200);
  EXPECT_EQ(listed(demo).size(), 2u);
}

TEST(WorkTimes, OnlyRemoteDaysPlannedOrActualWholeOrHalf) {
  WeekServer server;
  auto demo = server.client_for("demo");
  expect_problem(demo.put(day_path(kWednesday), times("08:00", "16:00", 30)), 409, "not_a_remote_day");
  plan(demo, kWednesday, "day", "office");
  expect_problem(demo.put(day_path(kWednesday), times("08:00", "16:00", 30)), 409, "not_a_remote_day");
  // Tuesday was planned as office, but the afternoon actually was remote.
  plan(demo, "2026-12-01", "day", "office");
  plan(demo, "2026-12-01", "pm", "remote", "actual");
  EXPECT_EQ(demo.put(day_path("2026-12-01"), times("08:00", "16:00", 30)).status, 200);
  // German problem text for a German client.
  demo.set_language("de");
  const auto german = demo.put(day_path(kWednesday), times("08:00", "16:00", 30));
  expect_problem(german, 409, "not_a_remote_day");
  EXPECT_EQ(german.header("Content-Language"), "de");
}

TEST(WorkTimes, ADayStillToComeOrOneSpentAtTheOfficeCarriesNoTime) {
  WeekServer server;
  auto demo = server.client_for("demo");
  // Monday is planned remote but has not come yet on Friday evening.
  plan(demo, "2026-12-07", "day", "remote");
  expect_problem(demo.put(day_path("2026-12-07"), times("08:00", "16:00", 30)), 409, "day_in_future");
  // Today is fine, at any hour: the person may record the day as it ends.
  plan(demo, "2026-12-04", "day", "remote");
  EXPECT_EQ(demo.put(day_path("2026-12-04"), times("08:00", "16:00", 30)).status, 200);
  // Wednesday was planned remote, but the person was at the office all day.
  plan(demo, kWednesday, "day", "remote");
  plan(demo, kWednesday, "day", "office", "actual");
  expect_problem(demo.put(day_path(kWednesday), times("08:00", "16:00", 30)), 409, "not_a_remote_day");
  EXPECT_EQ(listed(demo).size(), 1u) << "nothing refused was kept";
}

TEST(WorkTimes, NobodyElseSeesOrChangesThem) {
  WeekServer server;
  auto demo = server.client_for("demo");
  plan(demo, kWednesday, "day", "remote");
  const auto saved = demo.put(day_path(kWednesday), times("08:00", "16:30", 30));
  ASSERT_EQ(saved.status, 200) << saved.raw;

  for (const char* other : {"employee0001", "manager", "facility"}) {
    SCOPED_TRACE(other);
    auto client = server.client_for(other);
    EXPECT_EQ(listed(client), Json::array()) << "only the caller's own records are listed";
    EXPECT_TRUE(work_time_changes(client).empty()) << "nobody else's feed carries them";
    // Writing that date writes the caller's own day (not remote for them), never demo's.
    expect_problem(client.put(day_path(kWednesday), times("09:00", "10:00", 0)), 409, "not_a_remote_day");
    EXPECT_EQ(client.del(day_path(kWednesday)).status, 204);
  }
  EXPECT_EQ(listed(demo), Json::array({saved.body})) << "demo's record is untouched";
  expect_problem(server.anonymous().get(kWeek), 401, "unauthorized");
  expect_problem(server.anonymous().put(day_path(kWednesday), times("08:00", "16:00", 30)), 401, "unauthorized");
}

TEST(WorkTimes, BadInputIsAClear4xx) {
  WeekServer server;
  auto demo = server.client_for("demo");
  plan(demo, kWednesday, "day", "remote");
  const std::string path = day_path(kWednesday);
  expect_problem(demo.put(path, times("8:00", "16:00", 30)), 422, "invalid_wall_time", "start");
  expect_problem(demo.put(path, times("08:00", "24:30", 30)), 422, "invalid_wall_time", "end");
  expect_problem(demo.put(path, times("08:00", "16:60", 30)), 422, "invalid_wall_time", "end");
  expect_problem(demo.put(path, times("16:00", "08:00", 30)), 422, "invalid_time_range", "end");
  expect_problem(demo.put(path, times("08:00", "08:00", 0)), 422, "invalid_time_range", "end");
  expect_problem(demo.put(path, times("08:00", "09:00", 60)), 422, "break_too_long", "break_minutes");
  expect_problem(demo.put(path, times("08:00", "09:00", -1)), 422, "break_too_long", "break_minutes");
  expect_problem(demo.put(path, Json{{"start", "08:00"}, {"end", "16:00"}}), 422, "missing_field", "break_minutes");
  expect_problem(demo.put(path, Json{{"start", "08:00"}, {"end", "16:00"}, {"break_minutes", "30"}}), 422,
                 "invalid_field", "break_minutes");
  expect_problem(demo.put(path, Json{{"start", "08:00"}, {"end", "16:00"}, {"break_minutes", 30}, {"note", "x"}}), 422,
                 "unknown_field");
  expect_problem(demo.put(path, Json{{"start", ""}, {"end", "16:00"}, {"break_minutes", 30}}), 422, "invalid_field",
                 "start");
  expect_problem(demo.send("PUT", path, "{not json"), 400, "invalid_json");
  expect_problem(demo.put(day_path("2026-02-30"), times("08:00", "16:00", 30)), 400, "invalid_parameter", "date");
  expect_problem(demo.del(day_path("yesterday")), 400, "invalid_parameter", "date");
  expect_problem(demo.get("/api/v1/worktimes?from=2026-12-06&to=2026-11-30"), 400, "invalid_parameter", "to");
  expect_problem(demo.get("/api/v1/worktimes?from=2026-01-01&to=2027-12-31"), 400, "invalid_parameter", "to");
  expect_problem(demo.get("/api/v1/worktimes?to=2026-11-30"), 400, "invalid_parameter", "from");
  EXPECT_EQ(listed(demo), Json::array()) << "nothing refused was stored";
}

// One table of cases through core's rule (which the Wochenplan uses to offer Save) and through
// the server: both give the same answer, so the client never offers what the server refuses.
TEST(WorkTimes, TheServerAndCoresRuleAgree) {
  struct Case {
    const char* start;
    const char* end;
    int break_minutes;
  };
  const Case cases[] = {{"08:00", "16:30", 30}, {"00:00", "24:00", 60}, {"16:00", "08:00", 0}, {"08:00", "08:00", 0},
                        {"08:00", "09:00", 60}, {"08:00", "09:00", 59}, {"07:00", "19:00", 0}, {"08:00", "09:00", -1}};
  WeekServer server;
  auto demo = server.client_for("demo");
  plan(demo, kWednesday, "pm", "remote");
  const std::vector<Workday> remote{Workday{*parse_date(kWednesday), HalfDay::pm, WorkMode::remote, WorkdayKind::planned}};
  for (const Case& c : cases) {
    SCOPED_TRACE(fmt::format("{}–{}, {} min", c.start, c.end, c.break_minutes));
    const WorkTime record{*parse_date(kWednesday), *parse_clock_time(c.start), *parse_clock_time(c.end), c.break_minutes};
    const auto refusal = work_time_refusal(record, remote, *parse_date("2026-12-04"));
    const auto answer = demo.put(day_path(kWednesday), times(c.start, c.end, c.break_minutes));
    if (refusal) {
      EXPECT_EQ(answer.code(), wire_code(*refusal)) << answer.raw;
    } else {
      EXPECT_EQ(answer.status, 200) << answer.raw;
    }
  }
}

// The last schema before working times; migrations after it may be renumbered, not this one.
constexpr std::size_t kBeforeWorkTimesVersion = 4;

TEST(WorkTimes, AnOlderDatabaseGetsTheTable) {
  TempDir tmp;
  const auto file = tmp / "stellwerk-server.db";
  {
    auto db = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
    migrate_to(db, kBeforeWorkTimesVersion);
  }
  Database database{file};
  const auto [version, rows] = database.read([](sql::Connection& db) {
    return std::pair{db.query_int("PRAGMA user_version"), db.query_int("SELECT COUNT(*) FROM work_times")};
  });
  EXPECT_EQ(version, static_cast<std::int64_t>(newest_schema_version()));
  EXPECT_EQ(rows, 0);
}

}  // namespace
}  // namespace stellwerk::server::testing
