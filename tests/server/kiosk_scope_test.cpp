// What a kiosk may do. Its device token is good for exactly four calls, checked against every
// route the server registers, so that a route added later cannot serve a device by accident;
// a revoked token for none. A person signed in at a kiosk does what the kiosk offers (their
// day, booking, cancelling and checking in, plan and trainings, signing out), but books and
// checks in only in the kiosk's building.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "kiosk_support.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server::testing {
namespace {

using namespace date::literals;

// The only routes a kiosk device's token opens.
const std::set<std::string> kDeviceRoutes{"POST /api/v1/session/kiosk", "POST /api/v1/session/kiosk/password",
                                          "POST /api/v1/kiosk/heartbeat", "GET /api/v1/kiosk/today", "GET /healthz"};

std::string describe(const Route& route) { return route.method + " " + route.path; }

// The route's path with a plausible value for each parameter.
std::string concrete_path(const Route& route) {
  const std::string with_dates = std::regex_replace(route.path, std::regex{"\\{date\\}"}, "2026-12-02");
  return std::regex_replace(with_dates, std::regex{"\\{[a-z_]+\\}"}, "flr_rathaus_eg-01");
}

// Calls every route but those in `except` as `client`, with a body where one may be sent, and
// expects each to refuse the caller as unauthorized.
void expect_every_route_refuses(ApiClient& client, const std::set<std::string>& except) {
  for (const Route& route : all_routes()) {
    if (except.contains(describe(route))) continue;
    SCOPED_TRACE(describe(route));
    const bool with_body = route.method == "POST" || route.method == "PUT" || route.method == "PATCH";
    expect_unauthorized(client.send(route.method, concrete_path(route), with_body ? "{}" : ""));
  }
}

TEST(KioskScope, ADeviceTokenIsRefusedByEveryRouteButTheKiosksOwn) {
  TestServer server;
  std::set<std::string> registered;
  for (const Route& route : all_routes()) registered.insert(describe(route));
  for (const auto& route : kDeviceRoutes) EXPECT_TRUE(registered.contains(route)) << route << " is not a route";
  ASSERT_GT(registered.size(), kDeviceRoutes.size() + 20);

  auto kiosk = device(server);
  expect_every_route_refuses(kiosk, kDeviceRoutes);

  // ...and the five answer it.
  EXPECT_EQ(kiosk.get("/healthz").status, 200);
  EXPECT_EQ(kiosk.get("/api/v1/kiosk/today").status, 200);
  EXPECT_EQ(kiosk.post("/api/v1/kiosk/heartbeat", Json{{"version", "1.4.0"}}).status, 204);
  EXPECT_EQ(kiosk.post("/api/v1/session/kiosk", kDemoBadge).status, 201);
  EXPECT_EQ(kiosk.post("/api/v1/session/kiosk/password", Json{{"username", "demo"}, {"password", "demo"}}).status, 201);
}

TEST(KioskScope, ARevokedDeviceTokenIsRefusedEverywhere) {
  TestServer server;
  auto facility = server.client_for("facility");
  ASSERT_EQ(facility.del("/api/v1/kiosks/" + kDemoKioskId).status, 204);
  auto kiosk = device(server);
  expect_every_route_refuses(kiosk, {"GET /healthz"});
  EXPECT_EQ(kiosk.get("/healthz").status, 200) << "the probe answers whatever the request carries";
}

TEST(KioskScope, PersonalAndKioskSessionsAreNoDeviceTokens) {
  TestServer server;
  auto at_desk = server.client_for("demo");
  auto at_kiosk = signed_in_at_kiosk(server);
  for (auto* client : {&at_desk, &at_kiosk}) {
    expect_unauthorized(client->get("/api/v1/kiosk/today"));
    expect_unauthorized(client->post("/api/v1/kiosk/heartbeat", Json{{"version", "1.4.0"}}));
  }
}

// --- A person signed in at a kiosk ----------------------------------------------------------

const Instant kBeforeNineOnTuesday = to_instant(2026_y / date::December / 1, 7 * 60 + 50);

Json booking(const std::string& resource, const std::string& day, const std::string& from, const std::string& to) {
  return Json{
      {"resource_id", resource}, {"start", day + "T" + from + ":00+01:00"}, {"end", day + "T" + to + ":00+01:00"}};
}

TEST(KioskSession, APersonAtAKioskDoesWhatTheKioskOffers) {
  TestServer server{DemoScale::small, kBeforeNineOnTuesday};
  auto person = signed_in_at_kiosk(server);

  const auto me = person.get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body["username"], "demo");
  EXPECT_EQ(person.get("/api/v1/me/policy").status, 200);
  EXPECT_EQ(person.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-01").status, 200);

  // Book a desk for today and check in, book a room and cancel it again.
  const auto desk = person.post("/api/v1/bookings", booking("flr_rathaus_eg-01", "2026-12-01", "08:00", "17:00"));
  ASSERT_EQ(desk.status, 201) << desk.raw;
  const auto checked_in = person.post("/api/v1/bookings/" + desk.body["id"].get<std::string>() + "/check-in", nullptr);
  EXPECT_EQ(checked_in.status, 200) << checked_in.raw;
  EXPECT_EQ(checked_in.body.value("state", ""), "checked_in");
  const auto room = person.post("/api/v1/bookings", booking("room_ruhr", "2026-12-01", "13:00", "14:00"));
  ASSERT_EQ(room.status, 201) << room.raw;
  EXPECT_EQ(person.del("/api/v1/bookings/" + room.body["id"].get<std::string>()).status, 204);
  const auto bookings = person.get("/api/v1/bookings?from=2026-12-01&to=2026-12-01");
  ASSERT_EQ(bookings.status, 200) << bookings.raw;
  ASSERT_EQ(bookings.body.size(), 2U) << bookings.raw;
  EXPECT_EQ(bookings.body[0]["state"], "checked_in");
  EXPECT_EQ(bookings.body[1]["state"], "cancelled");

  // The plan, the trainings and the changes feed.
  EXPECT_EQ(person.get("/api/v1/workdays?from=2026-12-01&to=2026-12-31").status, 200);
  EXPECT_EQ(person.get("/api/v1/enrollments").status, 200);
  const auto courses = person.get("/api/v1/courses");
  ASSERT_EQ(courses.status, 200) << courses.raw;
  EXPECT_EQ(courses.body.size(), 14U);
  EXPECT_EQ(person.get("/api/v1/changes?since=0").status, 200);

  // Signing out ends the kiosk session; the kiosk itself carries on.
  EXPECT_EQ(person.del("/api/v1/session").status, 204);
  expect_unauthorized(person.get("/api/v1/me"));
  EXPECT_EQ(device(server).get("/api/v1/kiosk/today").status, 200);
}

TEST(KioskSession, APersonAtAKioskBooksOnlyInItsBuilding) {
  TestServer server{DemoScale::small, kBeforeNineOnTuesday};
  auto person = signed_in_at_kiosk(server);
  const auto elsewhere = booking("flr_technik_2-01", "2026-12-02", "08:00", "17:00");
  expect_problem(person.post("/api/v1/bookings", elsewhere), 403, "outside_kiosk_building");

  // Nor can a booking in the Rathaus be moved out of it from the kiosk; it stays as it was.
  const auto here = person.post("/api/v1/bookings", booking("flr_rathaus_eg-02", "2026-12-02", "08:00", "17:00"));
  ASSERT_EQ(here.status, 201) << here.raw;
  const std::string id = here.body["id"];
  expect_problem(person.post("/api/v1/bookings/" + id + "/move", elsewhere), 403, "outside_kiosk_building");
  const auto held = person.get("/api/v1/bookings?from=2026-12-02&to=2026-12-02");
  ASSERT_EQ(held.status, 200) << held.raw;
  ASSERT_EQ(held.body.size(), 1U) << held.raw;
  EXPECT_EQ(held.body[0]["resource_id"], "flr_rathaus_eg-02");
  EXPECT_EQ(held.body[0]["state"], "booked");

  // At their desk the same person books the Technisches Rathaus, but cannot check in there from
  // the Rathaus kiosk.
  auto at_desk = server.client_for("demo");
  const auto technik = at_desk.post("/api/v1/bookings", booking("flr_technik_2-01", "2026-12-01", "08:00", "17:00"));
  ASSERT_EQ(technik.status, 201) << technik.raw;
  expect_problem(person.post("/api/v1/bookings/" + technik.body["id"].get<std::string>() + "/check-in", nullptr), 404,
                 "booking_not_found");
}

}  // namespace
}  // namespace stellwerk::server::testing
