// The changes feed as an offline client uses it: a since=0 snapshot of the caller's window, paged
// with snapshot cursors, then following with numeric cursors; bad cursors are 400, cursors from
// outside the server's history 410.
#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

bool is_numeric(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::set<std::string> ids_of(const std::vector<Json>& changes, const std::string& entity) {
  std::set<std::string> ids;
  for (const auto& change : changes) {
    if (change["entity"] == entity) ids.insert(change["id"].get<std::string>());
  }
  return ids;
}

std::set<std::string> town_hall_resources() {
  std::set<std::string> ids{"room_rhein", "room_ruhr"};
  for (int i = 1; i <= 26; ++i) ids.insert(fmt::format("flr_rathaus_eg-{:02}", i));
  for (int i = 1; i <= 16; ++i) ids.insert(fmt::format("flr_rathaus_1-{:02}", i));
  for (int i = 1; i <= 4; ++i) ids.insert(fmt::format("park_rathaus_{:02}", i));
  return ids;
}

const std::set<std::string> kCourses{"crs_privacy",     "crs_security", "crs_accessible_docs", "crs_search",
                                     "crs_data",        "crs_collab",   "crs_video",           "crs_eid",
                                     "crs_ergonomics",  "crs_green_it", "crs_problem",         "crs_automation",
                                     "crs_english",     "crs_leading"};

TEST(Changes, SnapshotHoldsTheHomeBuildingItsResourcesAndCourses) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto snapshot = read_feed(demo);
  EXPECT_EQ(snapshot.pages, 1);
  for (const auto& change : snapshot.changes) {
    EXPECT_EQ(change["op"], "upsert") << change.dump();
    ASSERT_TRUE(change["data"].is_object()) << change.dump();
  }
  EXPECT_EQ(ids_of(snapshot.changes, "building"), std::set<std::string>{"bld_rathaus"});
  EXPECT_EQ(ids_of(snapshot.changes, "resource"), town_hall_resources());
  EXPECT_EQ(ids_of(snapshot.changes, "course"), kCourses);
  EXPECT_TRUE(is_numeric(snapshot.cursor)) << snapshot.cursor;

  // The feed's building is the API's building.
  const auto buildings = demo.get("/api/v1/buildings");
  ASSERT_EQ(buildings.status, 200);
  for (const auto& change : snapshot.changes) {
    if (change["entity"] != "building") continue;
    const auto it = std::find_if(buildings.body.begin(), buildings.body.end(),
                                 [](const Json& b) { return b["id"] == "bld_rathaus"; });
    ASSERT_NE(it, buildings.body.end());
    EXPECT_EQ(change["data"], *it);
  }
  // Leaving out `since` is the same as since=0.
  const auto implicit = demo.get("/api/v1/changes");
  ASSERT_EQ(implicit.status, 200) << implicit.raw;
  EXPECT_EQ(implicit.body["changes"].size(), snapshot.changes.size());
}

TEST(Changes, SnapshotStartsWithTheCallersPolicyAsTheMePolicyRouteShowsIt) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto page = demo.get("/api/v1/changes?since=0&limit=1");
  ASSERT_EQ(page.status, 200) << page.raw;
  ASSERT_EQ(page.body["changes"].size(), 1U);
  const Json& first = page.body["changes"][0];
  EXPECT_EQ(first["entity"], "policy");
  EXPECT_EQ(first["id"], "dep_digital");
  EXPECT_EQ(first["op"], "upsert");
  EXPECT_EQ(first["data"], demo.get("/api/v1/me/policy").body);
  EXPECT_TRUE(page.body["has_more"].get<bool>());
  // Once in the whole snapshot, however it is paged.
  EXPECT_EQ(ids_of(read_feed(demo, "0", 7).changes, "policy"), std::set<std::string>{"dep_digital"});
  const auto all = read_feed(demo).changes;
  EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const Json& c) { return c["entity"] == "policy"; }), 1);
}

TEST(Changes, SnapshotLeavesOutBuildingsTheCallerDoesNotUse) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto rathaus = read_feed(demo);
  for (const auto& change : rathaus.changes) {
    const std::string id = change["id"];
    EXPECT_EQ(id.find("technik"), std::string::npos) << change.dump();
    EXPECT_EQ(id.find("nord"), std::string::npos) << change.dump();
  }
  // Someone based in the Technisches Rathaus gets that building instead.
  auto technik = server.client_for("building01");
  const auto theirs = read_feed(technik);
  EXPECT_EQ(ids_of(theirs.changes, "building"), std::set<std::string>{"bld_technik"});
  std::set<std::string> desks;
  for (int i = 1; i <= 12; ++i) desks.insert(fmt::format("flr_technik_2-{:02}", i));
  EXPECT_EQ(ids_of(theirs.changes, "resource"), desks);
  EXPECT_EQ(ids_of(theirs.changes, "course"), kCourses);
}

TEST(Changes, PagingWalksTheWholeSnapshotOnce) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto whole = read_feed(demo, "0", 1000);
  ASSERT_GT(whole.changes.size(), 50U);
  for (const int limit : {50, 7, 1}) {
    SCOPED_TRACE(limit);
    const auto paged = read_feed(demo, "0", limit);
    EXPECT_EQ(paged.pages, static_cast<int>((whole.changes.size() + static_cast<std::size_t>(limit) - 1) /
                                            static_cast<std::size_t>(limit)));
    EXPECT_EQ(paged.changes, whole.changes);  // same entries, same order, none twice
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& c : paged.changes) EXPECT_TRUE(seen.emplace(c["entity"], c["id"]).second) << c.dump();
    EXPECT_TRUE(is_numeric(paged.cursor)) << paged.cursor;
    EXPECT_EQ(paged.cursor, whole.cursor);
  }
  // A page in the middle says there is more and hands out a cursor to continue from.
  const auto first = demo.get("/api/v1/changes?since=0&limit=50");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(first.body["has_more"].get<bool>());
  EXPECT_EQ(first.body["changes"].size(), 50U);
  EXPECT_FALSE(is_numeric(first.body["cursor"])) << "a snapshot page must not hand over to following yet";
}

TEST(Changes, FollowingReturnsOnlyWhatChangedInTheCallersWindow) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto facility = server.client_for("facility");
  const std::string start = read_feed(demo).cursor;

  const auto quiet = demo.get("/api/v1/changes?since=" + start);
  ASSERT_EQ(quiet.status, 200) << quiet.raw;
  EXPECT_TRUE(quiet.body["changes"].empty()) << quiet.raw;
  EXPECT_FALSE(quiet.body["has_more"].get<bool>());
  EXPECT_EQ(quiet.body["cursor"], start);

  ASSERT_EQ(facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-10"}, {"reason", "Umzug"}})
                .status,
            201);
  // Not demo's building: must not show up.
  ASSERT_EQ(facility.post("/api/v1/buildings/bld_technik/closures", Json{{"date", "2026-12-11"}, {"reason", "x"}})
                .status,
            201);

  const auto after = read_feed(demo, start);
  ASSERT_EQ(after.changes.size(), 1U) << Json(after.changes).dump();
  EXPECT_EQ(after.changes[0]["op"], "upsert");
  EXPECT_NE(after.changes[0].dump().find("2026-12-10"), std::string::npos) << after.changes[0].dump();
  EXPECT_EQ(Json(after.changes).dump().find("2026-12-11"), std::string::npos);
  EXPECT_TRUE(is_numeric(after.cursor));
  EXPECT_GT(std::stoll(after.cursor), std::stoll(start));
  EXPECT_TRUE(read_feed(demo, after.cursor).changes.empty());

  ASSERT_EQ(facility.del("/api/v1/buildings/bld_rathaus/closures/2026-12-10").status, 204);
  const auto reopened = read_feed(demo, after.cursor);
  ASSERT_EQ(reopened.changes.size(), 1U) << Json(reopened.changes).dump();
}

// docs/api/README.md lists the entities of the feed; clients ignore or choke on anything else.
TEST(Changes, EveryChangeIsOfADocumentedEntity) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto facility = server.client_for("facility");
  const std::string start = read_feed(demo).cursor;
  ASSERT_EQ(facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-10"}, {"reason", "Umzug"}})
                .status,
            201);
  // The document's Change.entity: the policy is promised there and now sent.
  const std::set<std::string> documented{"building",  "resource", "occupancy", "course",
                                         "booking",   "workday",  "enrollment", "closure",
                                         "policy",    "favourite", "work_time", "self_assessment",
                                         "competence_target"};
  for (const auto& feed : {read_feed(demo, start), read_feed(demo)}) {
    for (const auto& change : feed.changes) {
      EXPECT_TRUE(documented.contains(change["entity"].get<std::string>())) << change.dump();
      EXPECT_TRUE(change["op"] == "upsert" || change["op"] == "delete") << change.dump();
    }
  }
}

TEST(Changes, GarbageCursorIsInvalidParameter) {
  TestServer server;
  auto demo = server.client_for("demo");
  for (const std::string cursor : {"abc", "s12", "s1.x", "s.", "s5.9", "-5", "1.5", "0x10", "%201", "1%20", "1e3",
                                   "99999999999999999999999", "%C3%9F"}) {
    SCOPED_TRACE(cursor);
    expect_problem(demo.get("/api/v1/changes?since=" + cursor), 400, "invalid_parameter", "since");
  }
}

TEST(Changes, CursorBeyondTheNewestChangeIsExpired) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::string newest = read_feed(demo).cursor;
  expect_problem(demo.get("/api/v1/changes?since=" + std::to_string(std::stoll(newest) + 1000)), 410,
                 "cursor_expired");
  // since=0 is never 410.
  EXPECT_EQ(demo.get("/api/v1/changes?since=0").status, 200);
}

TEST(Changes, PrunedHistoryExpiresOlderCursorsButNotTheSnapshot) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto facility = server.client_for("facility");
  const std::string old_cursor = read_feed(demo).cursor;
  // Two rows of one entity, the second superseding the first.
  ASSERT_EQ(facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-10"}, {"reason", "Umzug"}})
                .status,
            201);
  ASSERT_EQ(facility.del("/api/v1/buildings/bld_rathaus/closures/2026-12-10").status, 204);
  const std::string newest = read_feed(demo, old_cursor).cursor;
  ASSERT_NE(newest, old_cursor);

  server.clock().advance(std::chrono::days{31});
  server.server().run_maintenance_now();

  auto later = signed_in(server, "demo");
  expect_problem(later.get("/api/v1/changes?since=" + old_cursor), 410, "cursor_expired");
  // A new snapshot is complete, and its cursor can be followed (else a client would start
  // from 0 again and again).
  const auto snapshot = read_feed(later);
  EXPECT_EQ(ids_of(snapshot.changes, "building"), std::set<std::string>{"bld_rathaus"});
  EXPECT_EQ(ids_of(snapshot.changes, "resource"), town_hall_resources());
  const auto follow = later.get("/api/v1/changes?since=" + snapshot.cursor);
  EXPECT_EQ(follow.status, 200) << "since=" << snapshot.cursor << ": " << follow.raw;
  // So can the cursor of a client that had seen everything before the pruning.
  const auto up_to_date = later.get("/api/v1/changes?since=" + newest);
  EXPECT_EQ(up_to_date.status, 200) << "since=" << newest << ": " << up_to_date.raw;
}

TEST(Changes, LimitOutsideOneToOneThousandIsInvalidParameter) {
  TestServer server;
  auto demo = server.client_for("demo");
  for (const std::string limit : {"0", "1001", "-1", "abc", "", "1e3", "10.5", "99999999999999999999"}) {
    SCOPED_TRACE(limit);
    expect_problem(demo.get("/api/v1/changes?since=0&limit=" + limit), 400, "invalid_parameter", "limit");
  }
  const auto one = demo.get("/api/v1/changes?since=0&limit=1");
  ASSERT_EQ(one.status, 200) << one.raw;
  EXPECT_EQ(one.body["changes"].size(), 1U);
  EXPECT_TRUE(one.body["has_more"].get<bool>());
  EXPECT_EQ(demo.get("/api/v1/changes?since=0&limit=1000").status, 200);
}

TEST(Changes, ABookingReachesItsOwnerAndOthersOnlyAsAnonymousOccupancy) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  const std::string colleague_start = read_feed(colleague).cursor;
  const auto booked = demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                                         {"start", "2026-12-02T08:00:00+01:00"},
                                                         {"end", "2026-12-02T17:00:00+01:00"}});
  ASSERT_EQ(booked.status, 201) << booked.raw;
  const std::string id = booked.body["id"];

  const auto mine = read_feed(demo);
  EXPECT_EQ(ids_of(mine.changes, "booking"), std::set<std::string>{id});

  // The colleague sees that the desk is taken, never who took it or the booking itself.
  auto expect_anonymous = [&](const std::vector<Json>& changes) {
    EXPECT_TRUE(ids_of(changes, "booking").empty()) << Json(changes).dump();
    bool occupied = false;
    for (const auto& change : changes) {
      if (change["entity"] != "occupancy") continue;
      const Json& data = change["data"];
      for (const auto& [key, value] : data.items()) {
        EXPECT_TRUE(key == "resource_id" || key == "start" || key == "end") << "occupancy tells " << key;
      }
      EXPECT_EQ(change.dump().find("emp_"), std::string::npos) << change.dump();
      occupied = occupied || data.value("resource_id", "") == "flr_rathaus_eg-01";
    }
    EXPECT_TRUE(occupied) << "no occupancy of flr_rathaus_eg-01: " << Json(changes).dump();
  };
  {
    SCOPED_TRACE("snapshot");
    expect_anonymous(read_feed(colleague).changes);
  }
  {
    SCOPED_TRACE("following");
    expect_anonymous(read_feed(colleague, colleague_start).changes);
  }
}

// Everybody's workday for a date has the same feed id; one person's plan must not hide another's
// own plan from their snapshot.
TEST(Changes, SameDayPlansOfTwoPeopleBothStayInTheirOwnSnapshots) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  const Json office{{"half", "day"}, {"mode", "office"}, {"kind", "planned"}};
  ASSERT_EQ(demo.put("/api/v1/workdays/2026-12-02", office).status, 200);
  ASSERT_EQ(colleague.put("/api/v1/workdays/2026-12-02", office).status, 200);
  for (auto* client : {&demo, &colleague}) {
    const auto feed = read_feed(*client);
    const auto plans = std::count_if(feed.changes.begin(), feed.changes.end(), [](const Json& change) {
      return change["entity"] == "workday" && change["id"] == "2026-12-02/day/planned";
    });
    EXPECT_EQ(plans, 1);
  }
}

}  // namespace
}  // namespace stellwerk::server::testing
