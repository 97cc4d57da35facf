// Who may call what: every endpoint of docs/api/README.md refuses a caller without a valid
// personal session, and nobody reaches another person's bookings, workdays or enrolments, nor
// decides approvals or closures without the role for it.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

struct Endpoint {
  std::string method;
  std::string path;
  Json body;  // null: no body
};

std::string describe(const Endpoint& e) { return e.method + " " + e.path; }

// Every endpoint of the API that needs a personal session, with a body that would be valid.
const std::vector<Endpoint>& employee_endpoints() {
  static const std::vector<Endpoint> endpoints{
      {"DELETE", "/api/v1/session", nullptr},
      {"GET", "/api/v1/me", nullptr},
      {"GET", "/api/v1/me/policy", nullptr},
      {"GET", "/api/v1/buildings", nullptr},
      {"GET", "/api/v1/buildings/bld_rathaus/availability?date=2026-12-02", nullptr},
      {"POST", "/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-10"}, {"reason", "Umzug"}}},
      {"DELETE", "/api/v1/buildings/bld_rathaus/closures/2026-12-10", nullptr},
      {"GET", "/api/v1/bookings?from=2026-12-01&to=2026-12-31", nullptr},
      {"POST", "/api/v1/bookings",
       Json{{"resource_id", "flr_rathaus_eg-01"},
            {"start", "2026-12-02T08:00:00+01:00"},
            {"end", "2026-12-02T17:00:00+01:00"}}},
      {"DELETE", "/api/v1/bookings/bk_0123456789abcdef", nullptr},
      {"POST", "/api/v1/bookings/bk_0123456789abcdef/check-in", nullptr},
      {"GET", "/api/v1/workdays?from=2026-12-01&to=2026-12-31", nullptr},
      {"PUT", "/api/v1/workdays/2026-12-02", Json{{"half", "day"}, {"mode", "remote"}, {"kind", "planned"}}},
      {"DELETE", "/api/v1/workdays/2026-12-02?half=day&kind=planned", nullptr},
      {"GET", "/api/v1/approvals", nullptr},
      {"POST", "/api/v1/approvals/ap_0123456789abcdef", Json{{"decision", "approve"}}},
      {"GET", "/api/v1/courses", nullptr},
      {"GET", "/api/v1/enrollments", nullptr},
      {"POST", "/api/v1/enrollments", Json{{"course_id", "crs_privacy"}}},
      {"POST", "/api/v1/enrollments/en_0123456789abcdef/completion", nullptr},
      {"DELETE", "/api/v1/enrollments/en_0123456789abcdef", nullptr},
      {"GET", "/api/v1/changes?since=0", nullptr},
  };
  return endpoints;
}

ApiResponse call(ApiClient& client, const Endpoint& e, const std::map<std::string, std::string>& headers = {}) {
  return client.send(e.method, e.path, e.body.is_null() ? std::string{} : e.body.dump(), headers);
}

void expect_unauthorized(const ApiResponse& response) {
  expect_problem(response, 401, "unauthorized");
  EXPECT_EQ(response.header("WWW-Authenticate").rfind("Bearer", 0), 0U)
      << "WWW-Authenticate: " << response.header("WWW-Authenticate");
}

// Ids of the JSON objects in `list` (an array, or the array under `member`).
std::vector<std::string> ids_in(const Json& body, const std::string& member = {}) {
  const Json& list = member.empty() ? body : body.value(member, Json::array());
  std::vector<std::string> ids;
  if (!list.is_array()) return ids;
  for (const auto& item : list) {
    if (item.is_object() && item.contains("id") && item["id"].is_string()) ids.push_back(item["id"]);
  }
  return ids;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The (entity, id) pairs of a whole since=0 snapshot.
std::vector<std::pair<std::string, std::string>> feed_entries(ApiClient& client, std::string* raw = nullptr) {
  std::vector<std::pair<std::string, std::string>> entries;
  std::string since = "0";
  for (int page = 0; page < 100; ++page) {
    const auto response = client.get("/api/v1/changes?limit=1000&since=" + since);
    EXPECT_EQ(response.status, 200) << response.raw;
    if (response.status != 200) break;
    if (raw) *raw += response.raw;
    for (const auto& change : response.body["changes"]) entries.emplace_back(change["entity"], change["id"]);
    if (!response.body.value("has_more", false)) break;
    since = response.body["cursor"].get<std::string>();
  }
  return entries;
}

bool feed_has(const std::vector<std::pair<std::string, std::string>>& entries, const std::string& entity,
              const std::string& id = {}) {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const auto& e) { return e.first == entity && (id.empty() || e.second == id); });
}

// --- Tokens -------------------------------------------------------------------------------

TEST(Authorization, EveryEmployeeEndpointRefusesACallWithoutToken) {
  TestServer server;
  auto anonymous = server.anonymous();
  for (const auto& endpoint : employee_endpoints()) {
    SCOPED_TRACE(describe(endpoint));
    expect_unauthorized(call(anonymous, endpoint));
  }
}

TEST(Authorization, EveryEmployeeEndpointRefusesAGarbageToken) {
  TestServer server;
  auto forged = server.anonymous();
  forged.set_token("garbage-0123456789");
  for (const auto& endpoint : employee_endpoints()) {
    SCOPED_TRACE(describe(endpoint));
    expect_unauthorized(call(forged, endpoint));
  }
}

TEST(Authorization, MalformedAuthorizationHeadersAreUnauthorized) {
  TestServer server;
  const std::string valid = server.token_for("demo");
  auto client = server.anonymous();
  const std::vector<std::string> headers{
      "Bearer",                              // no token
      "Bearer ",                             // empty token
      "Basic ZGVtbzpkZW1v",                  // demo:demo as Basic credentials
      valid,                                 // the token without its scheme
      "Bearer " + valid + "x",               // one character too many
      "Bearer " + valid.substr(1),           // one character too few
      "Bearer " + std::string(1'000, 'a'),   // far longer than any token
      "Bearer \x01\x02\x7f",                 // control characters
  };
  for (const auto& header : headers) {
    SCOPED_TRACE(header.substr(0, 40));
    expect_unauthorized(client.send("GET", "/api/v1/me", "", {{"Authorization", header}}));
  }
  // The valid token itself works, so the refusals above are about the header.
  EXPECT_EQ(client.send("GET", "/api/v1/me", "", {{"Authorization", "Bearer " + valid}}).status, 200);
}

TEST(Authorization, KioskDeviceTokenOpensOnlyKioskSessions) {
  TestServer server;
  auto kiosk = server.anonymous();
  kiosk.set_token("demo-kiosk-token");
  for (const auto& endpoint : employee_endpoints()) {
    SCOPED_TRACE(describe(endpoint));
    expect_unauthorized(call(kiosk, endpoint));
  }
  // ...and the device token is still good for what it is for.
  EXPECT_EQ(kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "2468"}}).status, 201);
}

TEST(Authorization, KioskSignInRefusesMissingAndGarbageDeviceTokens) {
  TestServer server;
  const Json badge{{"badge", "1001"}, {"pin", "2468"}};
  auto anonymous = server.anonymous();
  expect_unauthorized(anonymous.post("/api/v1/session/kiosk", badge));
  auto forged = server.anonymous();
  forged.set_token("demo-kiosk-token-but-not-quite");
  expect_unauthorized(forged.post("/api/v1/session/kiosk", badge));
}

TEST(Authorization, PublicEndpointsAnswerWithoutToken) {
  TestServer server;
  auto anonymous = server.anonymous();
  EXPECT_EQ(anonymous.get("/healthz").status, 200);
  const auto key = anonymous.get("/api/v1/certificates/public-key");
  EXPECT_EQ(key.status, 200) << key.raw;
  EXPECT_NE(key.raw.find("-----BEGIN PUBLIC KEY-----"), std::string::npos) << key.raw;
  EXPECT_EQ(anonymous.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}}).status, 201);
}

// --- Other people's data ---------------------------------------------------------------------

TEST(Authorization, ColleagueCannotSeeCancelOrCheckInSomeoneElsesBooking) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  // Today 08:00–17:00, so that check-in opens before the day starts.
  const auto booked = demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                                         {"start", "2026-12-01T08:00:00+01:00"},
                                                         {"end", "2026-12-01T17:00:00+01:00"}});
  ASSERT_EQ(booked.status, 201) << booked.raw;
  const std::string id = booked.body["id"];
  server.clock().set(to_instant(date::year{2026} / date::December / 1, 8 * 60));  // check-in is open

  expect_problem(colleague.del("/api/v1/bookings/" + id), 404, "booking_not_found");
  expect_problem(colleague.post("/api/v1/bookings/" + id + "/check-in", nullptr), 404, "booking_not_found");
  // Same answer as for a booking that does not exist: nothing tells the booking is there.
  expect_problem(colleague.del("/api/v1/bookings/bk_does_not_exist"), 404, "booking_not_found");

  const auto theirs = colleague.get("/api/v1/bookings?from=2026-11-01&to=2026-12-31");
  ASSERT_EQ(theirs.status, 200) << theirs.raw;
  EXPECT_FALSE(contains(ids_in(theirs.body), id)) << theirs.raw;

  std::string raw;
  const auto feed = feed_entries(colleague, &raw);
  EXPECT_FALSE(feed_has(feed, "booking"));
  EXPECT_EQ(raw.find("emp_demo"), std::string::npos) << "the colleague's feed names demo";

  const auto availability = colleague.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-01");
  ASSERT_EQ(availability.status, 200) << availability.raw;
  EXPECT_EQ(availability.raw.find("emp_demo"), std::string::npos);
  EXPECT_EQ(availability.raw.find(id), std::string::npos);

  // The refused calls changed nothing: demo's booking is still booked, and demo can check in.
  const auto mine = demo.get("/api/v1/bookings?from=2026-12-01&to=2026-12-01");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body.size(), 1U) << mine.raw;
  EXPECT_EQ(mine.body[0]["state"], "booked");
  const auto checked_in = demo.post("/api/v1/bookings/" + id + "/check-in", nullptr);
  EXPECT_EQ(checked_in.status, 200) << checked_in.raw;
  EXPECT_EQ(checked_in.body.value("state", ""), "checked_in");
}

TEST(Authorization, ColleagueCannotSeeOrDeleteSomeoneElsesWorkdays) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  const auto saved =
      demo.put("/api/v1/workdays/2026-12-02", Json{{"half", "day"}, {"mode", "remote"}, {"kind", "planned"}});
  ASSERT_EQ(saved.status, 200) << saved.raw;

  const auto theirs = colleague.get("/api/v1/workdays?from=2026-12-01&to=2026-12-31");
  ASSERT_EQ(theirs.status, 200) << theirs.raw;
  EXPECT_TRUE(theirs.body.value("workdays", Json::array()).empty()) << theirs.raw;
  expect_problem(colleague.del("/api/v1/workdays/2026-12-02?half=day&kind=planned"), 404, "workday_not_found");
  const auto feed = feed_entries(colleague);
  EXPECT_FALSE(feed_has(feed, "workday"));

  // demo's entry survived the colleague's attempt.
  const auto mine = demo.get("/api/v1/workdays?from=2026-12-02&to=2026-12-02");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["workdays"].size(), 1U) << mine.raw;
  EXPECT_EQ(mine.body["workdays"][0]["mode"], "remote");
  EXPECT_TRUE(feed_has(feed_entries(demo), "workday", "2026-12-02/day/planned"));
}

TEST(Authorization, ColleagueCannotSeeOrCompleteSomeoneElsesEnrollment) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  const auto enrolled = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_privacy"}});
  ASSERT_EQ(enrolled.status, 201) << enrolled.raw;
  const std::string id = enrolled.body["id"];

  const auto theirs = colleague.get("/api/v1/enrollments");
  ASSERT_EQ(theirs.status, 200) << theirs.raw;
  EXPECT_FALSE(contains(ids_in(theirs.body), id)) << theirs.raw;
  expect_problem(colleague.post("/api/v1/enrollments/" + id + "/completion", nullptr), 404, "enrollment_not_found");
  expect_problem(colleague.del("/api/v1/enrollments/" + id), 404, "enrollment_not_found");
  EXPECT_FALSE(feed_has(feed_entries(colleague), "enrollment", id));

  // Still open for demo, who can complete it.
  const auto mine = demo.get("/api/v1/enrollments");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_TRUE(contains(ids_in(mine.body), id)) << mine.raw;
  const auto completed = demo.post("/api/v1/enrollments/" + id + "/completion", nullptr);
  EXPECT_EQ(completed.status, 200) << completed.raw;
  EXPECT_EQ(completed.body.value("state", ""), "completed");
}

TEST(Authorization, OnlyTheTeamsManagerDecidesApprovals) {
  TestServer server;
  auto demo = server.client_for("demo");
  // Plan remote days until demo's December goes over the 40 % share and needs approval.
  const std::vector<std::string> days{"2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08",
                                      "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-14", "2026-12-15",
                                      "2026-12-16", "2026-12-17", "2026-12-18"};
  std::string approval_state;
  for (const auto& day : days) {
    const auto saved =
        demo.put("/api/v1/workdays/" + day, Json{{"half", "day"}, {"mode", "remote"}, {"kind", "planned"}});
    ASSERT_EQ(saved.status, 200) << day << ": " << saved.raw;
    approval_state = saved.body["month"].value("approval", "");
    if (approval_state == "pending") break;
  }
  ASSERT_EQ(approval_state, "pending") << "13 remote days in December did not ask for approval";

  auto manager = server.client_for("manager");
  const auto pending = manager.get("/api/v1/approvals");
  ASSERT_EQ(pending.status, 200) << pending.raw;
  ASSERT_EQ(pending.body.size(), 1U) << pending.raw;
  EXPECT_EQ(pending.body[0]["employee_id"], "emp_demo");
  const std::string id = pending.body[0]["id"];

  for (const std::string user : {"employee0001", "demo", "facility"}) {
    SCOPED_TRACE(user);
    auto other = server.client_for(user);
    expect_problem(other.get("/api/v1/approvals"), 403, "forbidden");
    expect_problem(other.post("/api/v1/approvals/" + id, Json{{"decision", "approve"}}), 403, "forbidden");
  }

  // Still pending after all that, and the manager may decide it.
  const auto again = manager.get("/api/v1/approvals");
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_TRUE(contains(ids_in(again.body), id)) << again.raw;
  const auto decided = manager.post("/api/v1/approvals/" + id, Json{{"decision", "reject"}, {"reason", "Not now."}});
  EXPECT_EQ(decided.status, 200) << decided.raw;
  EXPECT_EQ(decided.body.value("state", ""), "rejected");
}

TEST(Authorization, OnlyFacilityAdminsAddAndRemoveClosures) {
  TestServer server;
  auto facility = server.client_for("facility");
  const Json closure{{"date", "2026-12-10"}, {"reason", "Wasserschaden"}};
  ASSERT_EQ(facility.post("/api/v1/buildings/bld_rathaus/closures", closure).status, 201);

  for (const std::string user : {"employee0001", "manager"}) {
    SCOPED_TRACE(user);
    auto other = server.client_for(user);
    expect_problem(other.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-11"}, {"reason", "x"}}),
                   403, "forbidden");
    expect_problem(other.del("/api/v1/buildings/bld_rathaus/closures/2026-12-10"), 403, "forbidden");
    // Refused before anything is looked up: an unknown building is no different.
    expect_problem(other.del("/api/v1/buildings/bld_nowhere/closures/2026-12-10"), 403, "forbidden");
  }

  // The refused calls changed nothing: 12-10 is still closed, 12-11 never was.
  EXPECT_EQ(facility.del("/api/v1/buildings/bld_rathaus/closures/2026-12-10").status, 204);
  EXPECT_EQ(facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-11"}, {"reason", "x"}}).status,
            201);
}

}  // namespace
}  // namespace stellwerk::server::testing
