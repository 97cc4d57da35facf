// The kiosk registry as a facility admin meets it (register, list, revoke), a kiosk's heartbeat,
// and what a kiosk's idle screen shows of its building today: the places and rooms of the day,
// the opening hours, and never anybody's name.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "kiosk_support.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server::testing {
namespace {

using namespace date::literals;

const Json kTechnikEntrance{{"name", "Technisches Rathaus, Eingang"}, {"building_id", "bld_technik"}};

// Registers a kiosk as the facility admin; fails the test when refused.
Json register_kiosk(TestServer& server, const Json& body = kTechnikEntrance) {
  auto facility = server.client_for("facility");
  const auto registered = facility.post("/api/v1/kiosks", body);
  EXPECT_EQ(registered.status, 201) << registered.raw;
  return registered.body;
}

// The kiosk with `id` in the facility admin's list, or null.
Json listed_kiosk(TestServer& server, const std::string& id) {
  auto facility = server.client_for("facility");
  const auto list = facility.get("/api/v1/kiosks");
  EXPECT_EQ(list.status, 200) << list.raw;
  for (const auto& kiosk : list.body) {
    if (kiosk.value("id", "") == id) return kiosk;
  }
  return nullptr;
}

// Every byte the server keeps in its data folder.
std::string stored_bytes(const TestServer& server) {
  std::string bytes;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(server.data_dir())) {
    if (!entry.is_regular_file()) continue;
    std::ifstream file{entry.path(), std::ios::binary};
    bytes.append(std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{});
  }
  return bytes;
}

// --- Registry -------------------------------------------------------------------------------

TEST(Kiosks, AFacilityAdminRegistersAKioskWhoseTokenIsShownOnce) {
  TestServer server;
  const Json registered = register_kiosk(server);
  const std::string token = registered.value("token", "");
  EXPECT_GE(token.size(), 43U) << "32 random bytes in base64url";
  const Json& kiosk = registered["kiosk"];
  EXPECT_EQ(kiosk["name"], "Technisches Rathaus, Eingang");
  EXPECT_EQ(kiosk["building_id"], "bld_technik");
  EXPECT_EQ(kiosk["registered_at"], "2026-12-01T07:00:00+01:00");
  EXPECT_TRUE(kiosk["last_seen_at"].is_null());
  EXPECT_TRUE(kiosk["version"].is_null());
  EXPECT_EQ(kiosk["revoked"], false);

  // The token works at once: demo signs in with badge and PIN at the new kiosk.
  auto at_kiosk = device(server, token);
  const auto session = at_kiosk.post("/api/v1/session/kiosk", kDemoBadge);
  ASSERT_EQ(session.status, 201) << session.raw;
  EXPECT_EQ(session.body["user"]["username"], "demo");

  // The list shows the kiosk, never its token; nor does the server keep the token anywhere.
  auto facility = server.client_for("facility");
  const auto list = facility.get("/api/v1/kiosks");
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(listed_kiosk(server, kiosk["id"]), kiosk);
  EXPECT_EQ(list.raw.find(token), std::string::npos);
  server.restart();  // checkpoints what the database holds into its files
  EXPECT_EQ(stored_bytes(server).find(token), std::string::npos) << "the token is stored in plain text";
}

TEST(Kiosks, EveryRegistrationGetsItsOwnToken) {
  TestServer server;
  const Json first = register_kiosk(server);
  const Json second = register_kiosk(server);
  EXPECT_NE(first["token"], second["token"]);
  EXPECT_NE(first["kiosk"]["id"], second["kiosk"]["id"]);
}

TEST(Kiosks, TheListIsPagedAndFiltersByBuilding) {
  TestServer server;
  server.clock().advance(std::chrono::minutes{1});  // after the demo kiosk
  const Json technik = register_kiosk(server);
  auto facility = server.client_for("facility");
  const auto only_technik = facility.get("/api/v1/kiosks?building_id=bld_technik");
  ASSERT_EQ(only_technik.status, 200) << only_technik.raw;
  ASSERT_EQ(only_technik.body.size(), 1U) << only_technik.raw;
  EXPECT_EQ(only_technik.body[0]["id"], technik["kiosk"]["id"]);
  const auto nowhere = facility.get("/api/v1/kiosks?building_id=bld_nowhere");
  ASSERT_EQ(nowhere.status, 200) << nowhere.raw;
  EXPECT_TRUE(nowhere.body.empty());

  // The demo kiosk came first, then the new one.
  const auto first_page = facility.get("/api/v1/kiosks?limit=1");
  ASSERT_EQ(first_page.status, 200) << first_page.raw;
  ASSERT_EQ(first_page.body.size(), 1U);
  EXPECT_EQ(first_page.body[0]["id"], kDemoKioskId);
  const std::string next = first_page.header("Next-Cursor");
  ASSERT_FALSE(next.empty());
  const auto second_page = facility.get("/api/v1/kiosks?limit=1&cursor=" + next);
  ASSERT_EQ(second_page.status, 200) << second_page.raw;
  ASSERT_EQ(second_page.body.size(), 1U);
  EXPECT_EQ(second_page.body[0]["id"], technik["kiosk"]["id"]);
  EXPECT_TRUE(second_page.header("Next-Cursor").empty());

  expect_problem(facility.get("/api/v1/kiosks?building_id="), 400, "invalid_parameter");
  expect_problem(facility.get("/api/v1/kiosks?building_id=" + std::string(201, 'b')), 400, "invalid_parameter");
}

TEST(Kiosks, OnlyFacilityAdminsOnTheirOwnSessionManageKiosks) {
  TestServer server;
  for (const std::string user : {"demo", "manager", "employee0001"}) {
    SCOPED_TRACE(user);
    auto other = server.client_for(user);
    expect_problem(other.post("/api/v1/kiosks", kTechnikEntrance), 403, "forbidden");
    expect_problem(other.get("/api/v1/kiosks"), 403, "forbidden");
    expect_problem(other.del("/api/v1/kiosks/" + kDemoKioskId), 403, "forbidden");
  }
  // A facility admin signed in at a kiosk is refused as well: kiosks are managed from one's desk.
  server.server().context().db.write([](sql::Connection& db) {
    db.exec(
        "UPDATE employees SET badge = '2002', pin_hash = (SELECT pin_hash FROM employees WHERE id = 'emp_demo') "
        "WHERE id = 'emp_facility'");
  });
  auto at_kiosk = signed_in_at_kiosk(server, kDemoKioskToken, Json{{"badge", "2002"}, {"pin", "2468"}});
  expect_problem(at_kiosk.post("/api/v1/kiosks", kTechnikEntrance), 403, "forbidden");
  expect_problem(at_kiosk.del("/api/v1/kiosks/" + kDemoKioskId), 403, "forbidden");

  // Nothing was registered or revoked by the refused calls.
  auto facility = server.client_for("facility");
  const auto list = facility.get("/api/v1/kiosks");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body.size(), 1U) << list.raw;
  EXPECT_EQ(list.body[0]["revoked"], false);
}

TEST(Kiosks, BadRegistrationsAreRefusedAndNamed) {
  TestServer server;
  auto facility = server.client_for("facility");
  const auto refused = [&](const std::string& body, int status, const std::string& code, const std::string& field) {
    SCOPED_TRACE(body.substr(0, 80));
    const auto response = facility.send("POST", "/api/v1/kiosks", body);
    expect_problem(response, status, code);
    EXPECT_EQ(response.body.value("field", ""), field) << response.raw;
  };
  refused(R"({"building_id": "bld_rathaus"})", 422, "missing_field", "name");
  refused(R"({"name": "", "building_id": "bld_rathaus"})", 422, "invalid_field", "name");
  refused(Json{{"name", std::string(101, 'K')}, {"building_id", "bld_rathaus"}}.dump(), 422, "invalid_field", "name");
  refused(R"({"name": "Foyer\u0007", "building_id": "bld_rathaus"})", 422, "invalid_field", "name");
  refused(R"({"name": null, "building_id": "bld_rathaus"})", 422, "missing_field", "name");
  refused(R"({"name": 7, "building_id": "bld_rathaus"})", 422, "invalid_field", "name");
  refused(R"({"name": "Foyer"})", 422, "missing_field", "building_id");
  refused(R"({"name": "Foyer", "building_id": "bld_rathaus", "token": "mine"})", 422, "unknown_field", "token");
  refused(R"({"name": "Foyer", "building_id": "bld_nowhere"})", 404, "building_not_found", "");
  refused(R"({"name": "Foyer", "building_id": )", 400, "invalid_json", "");
  refused("not json at all", 400, "invalid_json", "");
  refused(R"(["Foyer", "bld_rathaus"])", 422, "invalid_body", "");
  refused("", 400, "invalid_json", "");

  // 100 characters are enough, umlauts counting as one each.
  const std::string longest = std::string(98, 'K') + "ÄÖ";
  const auto accepted = facility.post("/api/v1/kiosks", Json{{"name", longest}, {"building_id", "bld_rathaus"}});
  EXPECT_EQ(accepted.status, 201) << accepted.raw;
  // Only that one kiosk was added.
  EXPECT_EQ(facility.get("/api/v1/kiosks").body.size(), 2U);
}

// --- Heartbeat --------------------------------------------------------------------------------

TEST(Kiosks, TheHeartbeatShowsWhenAKioskWasLastSeenAndWhatItRuns) {
  TestServer server;
  auto kiosk = device(server);
  const auto first = kiosk.post("/api/v1/kiosk/heartbeat", Json{{"version", "1.4.0"}});
  EXPECT_EQ(first.status, 204) << first.raw;
  Json listed = listed_kiosk(server, kDemoKioskId);
  EXPECT_EQ(listed["last_seen_at"], "2026-12-01T07:00:00+01:00");
  EXPECT_EQ(listed["version"], "1.4.0");

  server.clock().advance(std::chrono::minutes{5});
  EXPECT_EQ(kiosk.post("/api/v1/kiosk/heartbeat", Json{{"version", "1.4.1"}}).status, 204);
  listed = listed_kiosk(server, kDemoKioskId);
  EXPECT_EQ(listed["last_seen_at"], "2026-12-01T07:05:00+01:00");
  EXPECT_EQ(listed["version"], "1.4.1");
}

TEST(Kiosks, BadHeartbeatsAreRefusedAndRecordNothing) {
  TestServer server;
  auto kiosk = device(server);
  expect_problem(kiosk.post("/api/v1/kiosk/heartbeat", Json::object()), 422, "missing_field");
  expect_problem(kiosk.post("/api/v1/kiosk/heartbeat", Json{{"version", ""}}), 422, "invalid_field");
  expect_problem(kiosk.post("/api/v1/kiosk/heartbeat", Json{{"version", std::string(65, '1')}}), 422, "invalid_field");
  expect_problem(kiosk.post("/api/v1/kiosk/heartbeat", Json{{"version", "1"}, {"uptime", 5}}), 422, "unknown_field");
  expect_problem(kiosk.send("POST", "/api/v1/kiosk/heartbeat", "{version: 1}"), 400, "invalid_json");
  const Json listed = listed_kiosk(server, kDemoKioskId);
  EXPECT_TRUE(listed["last_seen_at"].is_null()) << listed;
  EXPECT_TRUE(listed["version"].is_null()) << listed;
}

// --- Revoking ---------------------------------------------------------------------------------

TEST(Kiosks, RevokingEndsTheTokenAndEverySessionOpenedAtTheKiosk) {
  TestServer server;
  const Json registered = register_kiosk(server);
  const std::string token = registered["token"];
  const std::string id = registered["kiosk"]["id"];
  auto at_new_kiosk = signed_in_at_kiosk(server, token);
  auto at_demo_kiosk = signed_in_at_kiosk(server);
  auto at_desk = server.client_for("demo");
  ASSERT_EQ(at_new_kiosk.get("/api/v1/me").status, 200);

  auto facility = server.client_for("facility");
  EXPECT_EQ(facility.del("/api/v1/kiosks/" + id).status, 204);

  auto revoked = device(server, token);
  expect_unauthorized(revoked.post("/api/v1/session/kiosk", kDemoBadge));
  expect_unauthorized(revoked.post("/api/v1/kiosk/heartbeat", Json{{"version", "1.4.0"}}));
  expect_unauthorized(revoked.get("/api/v1/kiosk/today"));
  expect_unauthorized(at_new_kiosk.get("/api/v1/me"));
  // The same person elsewhere, at another kiosk or at their desk, is still signed in.
  EXPECT_EQ(at_demo_kiosk.get("/api/v1/me").status, 200);
  EXPECT_EQ(at_desk.get("/api/v1/me").status, 200);

  EXPECT_EQ(listed_kiosk(server, id)["revoked"], true);
  EXPECT_EQ(facility.del("/api/v1/kiosks/" + id).status, 204) << "revoking twice is no error";
  expect_problem(facility.del("/api/v1/kiosks/kio_does_not_exist"), 404, "kiosk_not_found");
}

// --- The idle screen --------------------------------------------------------------------------

TEST(KioskToday, ShowsTheBuildingTodayAndNobodysName) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  ASSERT_EQ(demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                               {"start", "2026-12-01T08:00:00+01:00"},
                                               {"end", "2026-12-01T12:00:00+01:00"}})
                .status,
            201);
  ASSERT_EQ(colleague
                .post("/api/v1/bookings", Json{{"resource_id", "room_rhein"},
                                               {"start", "2026-12-01T10:00:00+01:00"},
                                               {"end", "2026-12-01T11:00:00+01:00"}})
                .status,
            201);

  auto kiosk = device(server);
  const auto today = kiosk.get("/api/v1/kiosk/today");
  ASSERT_EQ(today.status, 200) << today.raw;
  EXPECT_EQ(today.body["date"], "2026-12-01");
  EXPECT_EQ(today.body["now"], "2026-12-01T07:00:00+01:00");
  EXPECT_EQ(today.body["building"]["id"], "bld_rathaus");
  EXPECT_EQ(today.body["building"]["floors"].size(), 2U);
  EXPECT_EQ(today.body["opening_hours"], (Json{{"opens", "07:00"}, {"closes", "19:00"}}));

  std::map<std::string, Json> resources;
  for (const auto& resource : today.body["resources"]) resources[resource["id"]] = resource;
  EXPECT_EQ(resources.size(), 48U) << "every desk, room and parking space of the Rathaus";
  EXPECT_EQ(resources["flr_rathaus_eg-01"]["state"], "partly_free");
  EXPECT_EQ(resources["flr_rathaus_eg-01"]["am"], "taken");
  EXPECT_EQ(resources["flr_rathaus_eg-02"]["state"], "free");
  EXPECT_EQ(resources["room_rhein"]["am"], "taken");

  ASSERT_EQ(today.body["rooms"].size(), 2U) << today.raw;
  EXPECT_EQ(today.body["rooms"][0]["resource_id"], "room_rhein");
  EXPECT_EQ(
      today.body["rooms"][0]["busy"],
      (Json::array({{{"start", "2026-12-01T10:00:00+01:00"}, {"end", "2026-12-01T11:00:00+01:00"}, {"mine", false}}})));
  EXPECT_EQ(today.body["rooms"][1]["resource_id"], "room_ruhr");
  EXPECT_TRUE(today.body["rooms"][1]["busy"].empty());

  // Nothing is anybody's, and nobody is named, not even by id.
  for (const auto& [id, resource] : resources) {
    for (const char* half : {"state", "am", "pm"}) EXPECT_NE(resource[half], "mine") << resource;
  }
  EXPECT_EQ(today.raw.find(":\"mine\""), std::string::npos) << "a state of `mine`";
  EXPECT_EQ(today.raw.find("\"mine\":true"), std::string::npos);
  EXPECT_EQ(today.raw.find("emp_"), std::string::npos);
  const auto names = server.server().context().db.read([](sql::Connection& db) {
    std::vector<std::string> all;
    sql::Statement rows{db, "SELECT display_name, username FROM employees"};
    while (rows.step()) all.insert(all.end(), {rows.text(0), rows.text(1)});
    return all;
  });
  ASSERT_GT(names.size(), 1000U);
  for (const auto& name : names) EXPECT_EQ(today.raw.find(name), std::string::npos) << name;
}

TEST(KioskToday, TheBuildingIsClosedOnWeekendsHolidaysAndClosures) {
  TestServer server;
  auto facility = server.client_for("facility");
  ASSERT_EQ(
      facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-02"}, {"reason", "Umzug"}}).status,
      201);
  auto kiosk = device(server);
  const auto closed_on = [&](Date day) {
    server.clock().set(to_instant(day, 9 * 60));
    const auto today = kiosk.get("/api/v1/kiosk/today");
    EXPECT_EQ(today.status, 200) << today.raw;
    EXPECT_EQ(today.body["date"], format_date(day));
    const bool closed = today.body["opening_hours"].is_null();
    if (closed) {
      for (const auto& resource : today.body["resources"]) EXPECT_EQ(resource["state"], "closed") << resource;
      for (const auto& room : today.body["rooms"]) EXPECT_EQ(room["closed"], true) << room;
    }
    return closed;
  };
  EXPECT_TRUE(closed_on(2026_y / date::December / 5)) << "a Saturday";
  EXPECT_TRUE(closed_on(2026_y / date::December / 6)) << "a Sunday";
  EXPECT_TRUE(closed_on(2026_y / date::December / 25)) << "Christmas Day, a Friday";
  EXPECT_TRUE(closed_on(2026_y / date::December / 2)) << "the closure";
  EXPECT_FALSE(closed_on(2026_y / date::December / 3)) << "a Thursday";
}

TEST(KioskToday, TheOpeningHoursAreTheBuildingsOwn) {
  TestServer server;
  server.server().context().db.write(
      [](sql::Connection& db) { db.exec("UPDATE buildings SET opens = 510, closes = 1080 WHERE id = 'bld_rathaus'"); });
  auto kiosk = device(server);
  const auto today = kiosk.get("/api/v1/kiosk/today");
  ASSERT_EQ(today.status, 200) << today.raw;
  EXPECT_EQ(today.body["opening_hours"], (Json{{"opens", "08:30"}, {"closes", "18:00"}}));
}

}  // namespace
}  // namespace stellwerk::server::testing
