// Retention as the staff council signs it ([retention] in server.toml): bookings, day plans and
// working-time records are deleted by the server on its own once they are older than their
// period — not a day earlier — and each person's devices are told through the changes feed, so
// that their local stores forget them too (a device reads the feed at least daily; one that stays
// away longer than the feed's history starts afresh and holds nothing old either). The clock is the test's: it jumps months in a line.
#include <chrono>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "folder_server.hpp"
#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

using std::chrono::days;

// A new session for demo at the clock's time (sessions last 12 hours).
void sign_in_again(ApiClient& client) {
  client.set_token("");
  const auto session = client.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}});
  EXPECT_EQ(session.status, 201) << session.raw;
  client.set_token(session.body.value("token", ""));
}

// Moves the clock to `day` at 07:00 in Berlin, lets the maintenance run and signs `demo` in again.
void on(FolderServer& server, ApiClient& demo, const std::string& day) {
  server.clock().set(to_instant(*parse_date(day), 7 * 60));
  server.server().run_maintenance_now();
  sign_in_again(demo);
}

std::size_t count(ApiClient& client, const std::string& path, const std::string& member = {}) {
  const auto response = client.get(path);
  EXPECT_EQ(response.status, 200) << response.raw;
  return (member.empty() ? response.body : response.body[member]).size();
}

// What the feed after `cursor` tells the device of its own records that are gone, as "entity id"; moves the cursor on.
std::set<std::string> told_removed(ApiClient& client, std::string& cursor) {
  const Feed feed = read_feed(client, cursor);
  cursor = feed.cursor;
  std::set<std::string> removed;
  for (const Json& change : feed.changes) {
    // The building's occupancy the booking held goes with its release; only own records count here.
    if (change.value("entity", "") == "occupancy") continue;
    if (change.value("op", "") == "delete") removed.insert(change.value("entity", "") + " " + change.value("id", ""));
  }
  return removed;
}

const std::string kBookings = "/api/v1/bookings?from=2026-11-01&to=2026-12-31";
const std::string kPlans = "/api/v1/workdays?from=2026-11-30&to=2026-12-06";
const std::string kTimes = "/api/v1/worktimes?from=2026-11-30&to=2026-12-06";

TEST(Retention, EachRecordGoesWhenItsPeriodEndsAndTheDevicesAreTold) {
  TempDir folder;
  auto options = FolderServer::options_with(folder.path());
  options.retention = RetentionOptions{.bookings_days = 30, .plans_days = 60, .working_times_days = 90};
  FolderServer server{options};
  // Monday 30 November, a remote day with its working time; Thursday in the office, with a desk.
  ApiClient demo{server.port(), "retention"};
  on(server, demo, "2026-11-30");
  ASSERT_EQ(demo.put("/api/v1/workdays/2026-11-30", Json{{"half", "day"}, {"mode", "remote"}, {"kind", "planned"}}).status, 200);
  ASSERT_EQ(demo.put("/api/v1/workdays/2026-12-03", Json{{"half", "day"}, {"mode", "office"}, {"kind", "planned"}}).status, 200);
  on(server, demo, "2026-12-01");
  const auto time = demo.put("/api/v1/worktimes/2026-11-30", Json{{"start", "08:00"}, {"end", "16:00"}, {"break_minutes", 30}});
  ASSERT_EQ(time.status, 200) << time.raw;
  const auto booked = demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                                         {"start", "2026-12-03T08:00:00+01:00"},
                                                         {"end", "2026-12-03T17:00:00+01:00"}});
  ASSERT_EQ(booked.status, 201) << booked.raw;
  std::string cursor = read_feed(demo).cursor;  // what the device has seen

  // The booking ended on 3 December at 17:00: kept 30 days, to 2 January 17:00.
  on(server, demo, "2027-01-02");
  EXPECT_EQ(count(demo, kBookings), 1U);
  on(server, demo, "2027-01-03");
  EXPECT_EQ(count(demo, kBookings), 0U);
  EXPECT_EQ(told_removed(demo, cursor), std::set<std::string>{"booking " + booked.body.value("id", "")});
  EXPECT_EQ(count(demo, kPlans, "workdays"), 2U);

  // Day plans are kept 60 days after their day: 30 November's to 29 January.
  on(server, demo, "2027-01-29");
  EXPECT_EQ(count(demo, kPlans, "workdays"), 2U);
  on(server, demo, "2027-01-30");
  EXPECT_EQ(count(demo, kPlans, "workdays"), 1U);
  EXPECT_EQ(told_removed(demo, cursor), std::set<std::string>{"workday 2026-11-30/day/planned"});
  EXPECT_EQ(count(demo, kTimes, "work_times"), 1U);

  // Working times are kept 90 days: 30 November's to 28 February.
  on(server, demo, "2027-02-28");
  EXPECT_EQ(count(demo, kTimes, "work_times"), 1U);
  on(server, demo, "2027-03-01");
  EXPECT_EQ(count(demo, kTimes, "work_times"), 0U);
  EXPECT_EQ(count(demo, kPlans, "workdays"), 0U);

  EXPECT_EQ(told_removed(demo, cursor), (std::set<std::string>{"work_time 2026-11-30", "workday 2026-12-03/day/planned"}));
}

TEST(Retention, ADepartmentsShorterPeriodStillHolds) {
  // The server keeps bookings up to a year; the demo department's policy says 90 days.
  TempDir folder;
  FolderServer server{folder.path()};
  ApiClient demo{server.port(), "retention"};
  on(server, demo, "2026-12-01");
  ASSERT_EQ(demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                               {"start", "2026-12-02T08:00:00+01:00"},
                                               {"end", "2026-12-02T17:00:00+01:00"}})
                .status,
            201);
  on(server, demo, "2027-03-02");  // 89 days and 14 hours after it ended
  EXPECT_EQ(count(demo, kBookings), 1U);
  on(server, demo, "2027-03-03");
  EXPECT_EQ(count(demo, kBookings), 0U);
}

}  // namespace
}  // namespace stellwerk::server::testing
