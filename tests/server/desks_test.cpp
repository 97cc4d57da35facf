// A resource's day and the places offered instead of it, as people meet them: a room's timeline
// shows when it is busy and which of those bookings are their own, never whose the others are,
// and says when nobody can book the day at all; alternatives are the nearest free places with
// the same features, nearest first, without the taken ones and without accessible desks while
// those are held for the people who need them.
//
// The test clock starts on Tuesday 2026-12-01 07:00 in Berlin. The Rathaus ground floor has the
// desks EG-01 … EG-24 (monitor, docking) in rows of eight, 2.2 m apart along a row and 3 m
// between rows, the accessible desk EG-25 below the third row, the quiet desk EG-26 (no
// docking), and the rooms Rhein (display, video, accessible) and Ruhr (display).
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

constexpr const char* kDesk = "flr_rathaus_eg-01";
constexpr const char* kAccessibleDesk = "flr_rathaus_eg-25";

std::string at(const std::string& day, const std::string& time) { return day + "T" + time + ":00+01:00"; }

Json booking(const std::string& resource, const std::string& day, const std::string& from, const std::string& to) {
  return Json{{"resource_id", resource}, {"start", at(day, from)}, {"end", at(day, to)}};
}

std::string timeline(const std::string& resource, const std::string& day) {
  return "/api/v1/resources/" + resource + "/timeline?date=" + day;
}

// '+' is percent-encoded by the test client, as every client must do in a query string.
std::string alternatives(const std::string& resource, const std::string& day, const std::string& from,
                         const std::string& to, const std::string& extra = "") {
  return "/api/v1/resources/" + resource + "/alternatives?start=" + at(day, from) + "&end=" + at(day, to) + extra;
}

std::vector<std::string> names_of(const ApiResponse& response) {
  std::vector<std::string> names;
  if (!response.body.is_array()) return names;
  for (const auto& resource : response.body) names.push_back(resource["name"].get<std::string>());
  return names;
}

void book(ApiClient& client, const Json& body) {
  const auto response = client.post("/api/v1/bookings", body);
  ASSERT_EQ(response.status, 201) << body.dump() << ": " << response.raw;
}

// --- Timeline ----------------------------------------------------------------------------------

TEST(Timeline, ShowsWhenTheRoomIsBusyAndWhichBookingsAreMine) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  book(colleague, booking("room_rhein", "2026-12-02", "13:00", "14:30"));
  book(demo, booking("room_rhein", "2026-12-02", "09:00", "10:00"));
  book(colleague, booking("room_rhein", "2026-12-02", "10:00", "11:00"));
  // Another day and another room are not part of this room's day.
  book(colleague, booking("room_rhein", "2026-12-03", "09:00", "10:00"));
  book(colleague, booking("room_ruhr", "2026-12-02", "08:00", "09:00"));

  const auto mine = demo.get(timeline("room_rhein", "2026-12-02"));
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body, Json::parse(R"({"resource_id": "room_rhein", "date": "2026-12-02", "closed": false,
    "busy": [{"start": "2026-12-02T09:00:00+01:00", "end": "2026-12-02T10:00:00+01:00", "mine": true},
             {"start": "2026-12-02T10:00:00+01:00", "end": "2026-12-02T11:00:00+01:00", "mine": false},
             {"start": "2026-12-02T13:00:00+01:00", "end": "2026-12-02T14:30:00+01:00", "mine": false}]})"));

  const auto theirs = colleague.get(timeline("room_rhein", "2026-12-02"));
  ASSERT_EQ(theirs.status, 200) << theirs.raw;
  ASSERT_EQ(theirs.body["busy"].size(), 3U);
  EXPECT_EQ(theirs.body["busy"][0]["mine"], false);
  EXPECT_EQ(theirs.body["busy"][1]["mine"], true);
  EXPECT_EQ(theirs.body["busy"][2]["mine"], true);

  // Nothing in either answer says who holds the other bookings.
  for (const auto* response : {&mine, &theirs}) {
    for (const char* who : {"emp_", "employee", "Alex", "Demir", "bk_", "booked_by", "holder"}) {
      EXPECT_EQ(response->raw.find(who), std::string::npos) << who << " in " << response->raw;
    }
  }
}

TEST(Timeline, CancelledAndReleasedBookingsAreNotBusy) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto created = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02", "08:00", "12:00"));
  ASSERT_EQ(created.status, 201) << created.raw;
  ASSERT_EQ(demo.get(timeline(kDesk, "2026-12-02")).body["busy"].size(), 1U);
  ASSERT_EQ(demo.del("/api/v1/bookings/" + created.body["id"].get<std::string>()).status, 204);
  EXPECT_EQ(demo.get(timeline(kDesk, "2026-12-02")).body["busy"], Json::array());

  // Today's 08:00 booking nobody checked in for is released at 08:30.
  book(demo, booking(kDesk, "2026-12-01", "08:00", "17:00"));
  server.clock().advance(std::chrono::minutes{90});
  server.server().run_maintenance_now();
  const auto today = demo.get(timeline(kDesk, "2026-12-01"));
  ASSERT_EQ(today.status, 200) << today.raw;
  EXPECT_EQ(today.body["busy"], Json::array());
}

TEST(Timeline, DaysNobodyCanBookAreClosed) {
  TestServer server;
  auto demo = server.client_for("demo");
  book(demo, booking("room_ruhr", "2026-12-03", "09:00", "10:00"));
  auto facility = server.client_for("facility");
  ASSERT_EQ(
      facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-03"}, {"reason", "Umzug"}}).status,
      201);

  EXPECT_EQ(demo.get(timeline("room_ruhr", "2026-12-02")).body["closed"], false);
  const auto closure = demo.get(timeline("room_ruhr", "2026-12-03"));
  ASSERT_EQ(closure.status, 200) << closure.raw;
  EXPECT_EQ(closure.body["closed"], true);
  // The person's own booking still shows, so that they can find and cancel it.
  ASSERT_EQ(closure.body["busy"].size(), 1U);
  EXPECT_EQ(closure.body["busy"][0]["mine"], true);
  EXPECT_EQ(demo.get(timeline("room_ruhr", "2026-12-05")).body["closed"], true) << "Saturday";
  EXPECT_EQ(demo.get(timeline("room_ruhr", "2026-12-25")).body["closed"], true) << "Christmas Day";
  // A closure of the Rathaus does not close the Technisches Rathaus.
  EXPECT_EQ(demo.get(timeline("flr_technik_2-01", "2026-12-03")).body["closed"], false);

  // Fridays are closed to the citizens' office (Monday to Thursday), not to demo's department.
  auto citizen = server.client_for("citizens01");
  EXPECT_EQ(citizen.get(timeline("flr_nord_eg-01", "2026-12-04")).body["closed"], true);
  EXPECT_EQ(citizen.get(timeline("flr_nord_eg-01", "2026-12-03")).body["closed"], false);
  EXPECT_EQ(demo.get(timeline("flr_nord_eg-01", "2026-12-04")).body["closed"], false);
}

TEST(Timeline, UnknownResourceAndBadDatesAreRefused) {
  TestServer server;
  auto demo = server.client_for("demo");
  expect_problem(demo.get(timeline("no_such_room", "2026-12-02")), 404, "resource_not_found");
  expect_problem(demo.get(timeline("bld_rathaus", "2026-12-02")), 404, "resource_not_found");
  expect_problem(demo.get("/api/v1/resources/room_rhein/timeline"), 400, "invalid_parameter", "date");
  for (const char* day : {"2026-02-30", "2026-12-2", "tomorrow", "2026-12-02T08:00:00"}) {
    SCOPED_TRACE(day);
    expect_problem(demo.get(timeline("room_rhein", day)), 400, "invalid_parameter", "date");
  }
  expect_problem(server.anonymous().get(timeline("room_rhein", "2026-12-02")), 401, "unauthorized");
}

// --- Alternatives ------------------------------------------------------------------------------

TEST(Alternatives, NearestFreeDesksWithTheSameFeaturesFirst) {
  TestServer server;
  auto demo = server.client_for("demo");
  // EG-01 sits at the start of the first row: its neighbour in the row, then the desk behind it,
  // then the one diagonally behind it. EG-26 lacks a docking station, 1.OG is another floor
  // with monitors only: neither is like EG-01.
  const auto response = demo.get(alternatives(kDesk, "2026-12-02", "08:00", "17:00"));
  ASSERT_EQ(response.status, 200) << response.raw;
  EXPECT_EQ(names_of(response), (std::vector<std::string>{"EG-02", "EG-09", "EG-10"}));
  for (const auto& resource : response.body) {
    EXPECT_EQ(resource["type"], "desk");
    EXPECT_EQ(resource["floor_id"], "flr_rathaus_eg");
    EXPECT_EQ(resource["features"], Json::parse(R"(["monitor", "docking"])"));
  }
  // The same shape as resources everywhere else in the API.
  const auto snapshot = demo.get("/api/v1/changes?since=0&limit=1000");
  for (const auto& change : snapshot.body["changes"]) {
    if (change["entity"] == "resource" && change["id"] == "flr_rathaus_eg-02") {
      EXPECT_EQ(change["data"], response.body[0]);
    }
  }

  EXPECT_EQ(names_of(demo.get(alternatives(kDesk, "2026-12-02", "08:00", "17:00", "&limit=1"))),
            std::vector<std::string>{"EG-02"});
  const auto ten = demo.get(alternatives(kDesk, "2026-12-02", "08:00", "17:00", "&limit=10"));
  ASSERT_EQ(ten.status, 200) << ten.raw;
  EXPECT_EQ(ten.body.size(), 10U);
  EXPECT_EQ(names_of(ten)[3], "EG-03");
  for (const auto& name : names_of(ten)) EXPECT_NE(name, "EG-01") << "never the desk itself";
}

TEST(Alternatives, TakenPlacesAreLeftOutForOverlappingTimesOnly) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  auto other = server.client_for("employee0002");
  book(colleague, booking("flr_rathaus_eg-02", "2026-12-02", "08:00", "12:00"));
  book(other, booking("flr_rathaus_eg-09", "2026-12-02", "11:00", "17:00"));

  EXPECT_EQ(names_of(demo.get(alternatives(kDesk, "2026-12-02", "08:00", "17:00"))),
            (std::vector<std::string>{"EG-10", "EG-03", "EG-11"}));
  EXPECT_EQ(names_of(demo.get(alternatives(kDesk, "2026-12-02", "08:00", "11:00"))),
            (std::vector<std::string>{"EG-09", "EG-10", "EG-03"}));
  EXPECT_EQ(names_of(demo.get(alternatives(kDesk, "2026-12-02", "12:00", "17:00"))),
            (std::vector<std::string>{"EG-02", "EG-10", "EG-03"}));
  // Bookings on another day take nothing away.
  EXPECT_EQ(names_of(demo.get(alternatives(kDesk, "2026-12-03", "08:00", "17:00"))),
            (std::vector<std::string>{"EG-02", "EG-09", "EG-10"}));

  // A cancelled booking frees its desk again.
  const auto list = colleague.get("/api/v1/bookings?from=2026-12-02&to=2026-12-02");
  ASSERT_EQ(list.body.size(), 1U);
  ASSERT_EQ(colleague.del("/api/v1/bookings/" + list.body[0]["id"].get<std::string>()).status, 204);
  EXPECT_EQ(names_of(demo.get(alternatives(kDesk, "2026-12-02", "08:00", "17:00"))),
            (std::vector<std::string>{"EG-02", "EG-10", "EG-03"}));
}

TEST(Alternatives, AccessibleDesksOnlyForThoseWhoMayTakeThem) {
  TestServer server;
  // EG-17 starts the third row; the accessible EG-25 lies 4.1 m behind it, between EG-10
  // (3.7 m) and EG-19 (4.4 m).
  const std::string wanted = "flr_rathaus_eg-17";
  auto demo = server.client_for("demo");
  const auto held = demo.get(alternatives(wanted, "2026-12-03", "08:00", "17:00", "&limit=5"));
  ASSERT_EQ(held.status, 200) << held.raw;
  EXPECT_EQ(names_of(held), (std::vector<std::string>{"EG-18", "EG-09", "EG-10", "EG-19", "EG-11"}));

  // employee0007 needs an accessible desk; EG-25 has every feature of EG-17 and more.
  auto needs_one = server.client_for("employee0007");
  EXPECT_EQ(names_of(needs_one.get(alternatives(wanted, "2026-12-03", "08:00", "17:00", "&limit=5"))),
            (std::vector<std::string>{"EG-18", "EG-09", "EG-10", "EG-25", "EG-19"}));

  // Within the last 24 hours before the start the hold is over: anyone may take it.
  EXPECT_EQ(names_of(demo.get(alternatives(wanted, "2026-12-01", "08:00", "17:00", "&limit=5"))),
            (std::vector<std::string>{"EG-18", "EG-09", "EG-10", "EG-25", "EG-19"}));
  // Taken, it is offered to nobody.
  book(needs_one, booking(kAccessibleDesk, "2026-12-01", "08:00", "17:00"));
  EXPECT_EQ(names_of(demo.get(alternatives(wanted, "2026-12-01", "08:00", "17:00", "&limit=5"))),
            (std::vector<std::string>{"EG-18", "EG-09", "EG-10", "EG-19", "EG-11"}));
}

TEST(Alternatives, RoomsAndParkingGetTheirOwnKind) {
  TestServer server;
  auto demo = server.client_for("demo");
  // Ruhr has a display; Rhein has one and video, and accessible rooms are not held.
  EXPECT_EQ(names_of(demo.get(alternatives("room_ruhr", "2026-12-03", "10:00", "11:00"))),
            std::vector<std::string>{"Besprechungsraum Rhein"});
  // Nothing else has video.
  const auto rhein = demo.get(alternatives("room_rhein", "2026-12-03", "10:00", "11:00"));
  ASSERT_EQ(rhein.status, 200) << rhein.raw;
  EXPECT_EQ(rhein.body, Json::array());
  // Parking spaces only; P-01 and P-03 lie equally far from P-02, so the name decides.
  EXPECT_EQ(names_of(demo.get(alternatives("park_rathaus_02", "2026-12-03", "08:00", "17:00"))),
            (std::vector<std::string>{"P-01", "P-03", "P-04"}));
}

TEST(Alternatives, NothingOnAHolidayASaturdayOrWhenTheBuildingIsClosed) {
  TestServer server;
  auto facility = server.client_for("facility");
  ASSERT_EQ(
      facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-03"}, {"reason", "Umzug"}}).status,
      201);
  auto demo = server.client_for("demo");
  for (const char* day : {"2026-12-03", "2026-12-25", "2026-12-05"}) {
    SCOPED_TRACE(day);
    const auto response = demo.get(alternatives(kDesk, day, "08:00", "17:00"));
    ASSERT_EQ(response.status, 200) << response.raw;
    EXPECT_EQ(response.body, Json::array());
  }
  // The other buildings are open that day.
  EXPECT_EQ(demo.get(alternatives("flr_technik_2-01", "2026-12-03", "08:00", "17:00")).body.size(), 3U);
}

TEST(Alternatives, BadTimesAndLimitsAreRefused) {
  TestServer server;
  auto demo = server.client_for("demo");
  expect_problem(demo.get(alternatives(kDesk, "2026-12-02", "17:00", "08:00")), 422, "invalid_time_range");
  expect_problem(demo.get(alternatives(kDesk, "2026-12-02", "08:00", "08:00")), 422, "invalid_time_range");
  expect_problem(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?start=2026-12-02T20:00:00%2B01:00"
                          "&end=2026-12-03T08:00:00%2B01:00"),
                 422, "invalid_time_range");
  // The end of the day may be written as the next midnight.
  EXPECT_EQ(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?start=2026-12-02T18:00:00%2B01:00"
                     "&end=2026-12-03T00:00:00%2B01:00")
                .status,
            200);
  // Any offset is accepted, and an unencoded '+' (arriving as a space) still means '+'.
  EXPECT_EQ(names_of(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?start=2026-12-02T07:00:00Z"
                              "&end=2026-12-02T16:00:00Z")),
            (std::vector<std::string>{"EG-02", "EG-09", "EG-10"}));
  EXPECT_EQ(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?start=2026-12-02T08:00:00 01:00"
                     "&end=2026-12-02T17:00:00 01:00")
                .status,
            200);

  expect_problem(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?end=2026-12-02T17:00:00%2B01:00"), 400,
                 "invalid_parameter", "start");
  expect_problem(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?start=2026-12-02T08:00:00%2B01:00"), 400,
                 "invalid_parameter", "end");
  expect_problem(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?start=tomorrow"
                          "&end=2026-12-02T17:00:00%2B01:00"),
                 400, "invalid_parameter", "start");
  expect_problem(demo.get("/api/v1/resources/flr_rathaus_eg-01/alternatives?start=2026-12-02T08:00:00%2B01:00"
                          "&end=2026-02-30T17:00:00%2B01:00"),
                 400, "invalid_parameter", "end");
  for (const char* limit : {"0", "11", "-1", "three", "3abc", "", "99999999999999999999"}) {
    SCOPED_TRACE(limit);
    expect_problem(demo.get(alternatives(kDesk, "2026-12-02", "08:00", "17:00", std::string{"&limit="} + limit)), 400,
                   "invalid_parameter", "limit");
  }
  expect_problem(demo.get(alternatives("no_such_desk", "2026-12-02", "08:00", "17:00")), 404, "resource_not_found");
  expect_problem(server.anonymous().get(alternatives(kDesk, "2026-12-02", "08:00", "17:00")), 401, "unauthorized");
}

}  // namespace
}  // namespace stellwerk::server::testing
