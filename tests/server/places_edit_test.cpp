// The floor-plan editor over the API as a facility admin and the people who book meet it: a place
// put new, moved and put again, every refusal of core's place_refusal, a closure that refuses and
// releases bookings of its days only, and a removal that asks before it releases bookings, takes
// the place out of every listing and keeps past bookings showing their place.
//
// The test clock starts on Tuesday 2026-12-01 07:00 in Berlin; `demo` books in the Rathaus.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "kiosk_support.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

constexpr const char* kDesk = "flr_rathaus_eg-01";
constexpr const char* kOtherDesk = "flr_rathaus_eg-02";

Json place_request(const std::string& name, double x, double y) {
  return Json{{"type", "desk"},         {"name", name}, {"floor_id", "flr_rathaus_eg"}, {"x", x}, {"y", y},
              {"w", 1.6},               {"h", 0.8},     {"features", {"monitor"}},     {"capacity", 1},
              {"accessible", false}};
}

Json booking(const std::string& resource, const std::string& day, const std::string& from = "08:00",
             const std::string& to = "17:00") {
  return Json{{"resource_id", resource},
              {"start", day + "T" + from + ":00+01:00"},
              {"end", day + "T" + to + ":00+01:00"}};
}

ApiResponse availability(ApiClient& client, const std::string& day) {
  return client.get("/api/v1/buildings/bld_rathaus/availability?date=" + day);
}

// The place's entry in the building's availability, or null when it is not listed.
Json listed(ApiClient& client, const std::string& id, const std::string& day = "2026-12-02") {
  const ApiResponse shown = availability(client, day);
  for (const Json& resource : shown.body["resources"]) {
    if (resource["id"] == id) return resource;
  }
  return nullptr;
}

// The place as a PlaceRequest, from what availability shows of it.
Json request_of(const Json& listed_place) {
  Json request = listed_place;
  for (const char* member : {"id", "state", "am", "pm"}) request.erase(member);
  return request;
}

std::vector<Json> changes_of_id(const Feed& feed, const std::string& entity, const std::string& id) {
  std::vector<Json> found;
  for (const Json& change : changes_of(feed, entity)) {
    if (change["id"] == id) found.push_back(change);
  }
  return found;
}

TEST(PlacesEdit, AFacilityAdminPutsANewPlaceMovesItAndARetryChangesNothing) {
  TestServer server;
  auto facility = server.client_for("facility");
  auto demo = server.client_for("demo");
  const Feed start = read_feed(demo);

  const ApiResponse created = facility.put("/api/v1/resources/eg-neu", place_request("EG Neu", 20, 14));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["name"], "EG Neu");
  const Json shown = listed(demo, "eg-neu");
  ASSERT_FALSE(shown.is_null());
  EXPECT_EQ(shown["state"], "free");
  EXPECT_EQ(availability(demo, "2026-12-02").body["resources"].back()["id"], "eg-neu") << "new places go last";

  const ApiResponse again = facility.put("/api/v1/resources/eg-neu", place_request("EG Neu", 20, 14));
  EXPECT_EQ(again.status, 200) << again.raw;
  Json moved = place_request("EG Fenster", 2, 3);
  moved["features"] = {"monitor", "sit_stand"};
  const ApiResponse changed = facility.put("/api/v1/resources/eg-neu", moved);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(listed(demo, "eg-neu")["x"], 2);

  // The create and the move reach the building's people; the retry added nothing.
  const auto feed = changes_of_id(read_feed(demo, start.cursor), "resource", "eg-neu");
  ASSERT_EQ(feed.size(), 2u);
  EXPECT_EQ(feed[0]["data"]["name"], "EG Neu");
  EXPECT_EQ(feed[1]["data"]["name"], "EG Fenster");
  EXPECT_EQ(feed[1]["data"]["features"], Json({"monitor", "sit_stand"}));
}

TEST(PlacesEdit, APlaceThatCannotBeSavedIsRefusedAndOnlyFacilityAdminsMayEdit) {
  TestServer server;
  auto facility = server.client_for("facility");
  const std::string path = "/api/v1/resources/eg-neu";
  Json unnamed = place_request(" ", 2, 2);
  expect_problem(facility.put(path, unnamed), 422, "place_name_missing");
  expect_problem(facility.put(path, place_request("EG Neu", 23, 2)), 422, "place_off_floor");
  Json empty_room = place_request("EG Neu", 2, 2);
  empty_room["capacity"] = 0;
  expect_problem(facility.put(path, empty_room), 422, "invalid_field");
  Json backwards = place_request("EG Neu", 2, 2);
  backwards["closure"] = Json{{"from", "2026-12-03"}, {"until", "2026-12-02"}, {"reason", "Umbau"}};
  expect_problem(facility.put(path, backwards), 422, "invalid_closure");
  Json nowhere = place_request("EG Neu", 2, 2);
  nowhere["floor_id"] = "flr_nowhere";
  expect_problem(facility.put(path, nowhere), 404, "floor_not_found");
  // An existing place stays in its building: its bookings and favourites belong there.
  Json elsewhere = place_request("EG 01", 2, 2);
  elsewhere["floor_id"] = "flr_technik_2";
  expect_problem(facility.put(std::string{"/api/v1/resources/"} + kDesk, elsewhere), 422, "invalid_field", "floor_id");
  expect_problem(facility.put("/api/v1/resources/a,b", place_request("EG Neu", 2, 2)), 400, "invalid_parameter", "id");

  auto demo = server.client_for("demo");
  expect_problem(demo.put(path, place_request("EG Neu", 2, 2)), 403, "forbidden");
  expect_problem(demo.del(std::string{"/api/v1/resources/"} + kDesk), 403, "forbidden");
  auto at_kiosk = signed_in_at_kiosk(server);
  expect_problem(at_kiosk.put(path, place_request("EG Neu", 2, 2)), 403, "forbidden");
  EXPECT_TRUE(listed(demo, "eg-neu").is_null()) << "nothing refused was stored";
}

TEST(PlacesEdit, AClosureRefusesAndReleasesBookingsOfItsDaysOnly) {
  TestServer server;
  auto facility = server.client_for("facility");
  auto demo = server.client_for("demo");
  const ApiResponse inside = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02"));
  const ApiResponse after = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-04"));
  ASSERT_EQ(inside.status, 201) << inside.raw;
  ASSERT_EQ(after.status, 201) << after.raw;
  const Feed start = read_feed(demo);

  Json closed = request_of(listed(demo, kDesk));
  closed["closure"] = Json{{"from", "2026-12-02"}, {"until", "2026-12-03"}, {"reason", "Neuer Teppich"}};
  const ApiResponse put = facility.put(std::string{"/api/v1/resources/"} + kDesk, closed);
  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_EQ(put.body["closure"]["reason"], "Neuer Teppich");

  expect_problem(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-03")), 409, "place_closed");
  EXPECT_EQ(listed(demo, kDesk, "2026-12-03")["state"], "closed");
  EXPECT_EQ(listed(demo, kDesk, "2026-12-04")["state"], "mine");
  const ApiResponse alternatives = demo.get(std::string{"/api/v1/resources/"} + kOtherDesk +
                                            "/alternatives?start=2026-12-03T08:00:00%2B01:00&end=2026-12-03T17:00:00%2B01:00&limit=10");
  ASSERT_EQ(alternatives.status, 200) << alternatives.raw;
  for (const Json& offered : alternatives.body) EXPECT_NE(offered["id"], kDesk) << "a closed place is no alternative";

  // The booking inside the period is released and its holder told; the one after it stays.
  const auto released = changes_of_id(read_feed(demo, start.cursor), "booking", inside.body["id"]);
  ASSERT_EQ(released.size(), 1u);
  EXPECT_EQ(released[0]["data"]["state"], "released");
  const ApiResponse mine = demo.get("/api/v1/bookings?from=2026-12-04&to=2026-12-04");
  ASSERT_EQ(mine.body.size(), 1u) << mine.raw;
  EXPECT_EQ(mine.body[0]["state"], "booked");
  // The same closure put again releases nothing more and records nothing.
  EXPECT_EQ(facility.put(std::string{"/api/v1/resources/"} + kDesk, closed).status, 200);
  EXPECT_TRUE(changes_of_id(read_feed(demo, start.cursor), "resource", kDesk).size() == 1u);
}

TEST(PlacesEdit, RemovingAPlaceWithBookingsAsksFirstThenReleasesThemAndItIsGone) {
  TestServer server;
  auto facility = server.client_for("facility");
  auto demo = server.client_for("demo");
  const std::string path = std::string{"/api/v1/resources/"} + kOtherDesk;
  const ApiResponse future = demo.post("/api/v1/bookings", booking(kOtherDesk, "2026-12-02"));
  ASSERT_EQ(future.status, 201) << future.raw;
  ASSERT_EQ(demo.put(std::string{"/api/v1/me/favourites/"} + kOtherDesk, Json::object()).status, 200);
  const Feed start = read_feed(demo);

  const ApiResponse asked = facility.del(path);
  expect_problem(asked, 409, "place_has_bookings");
  EXPECT_EQ(asked.body["bookings"], 1) << asked.raw;
  EXPECT_FALSE(listed(demo, kOtherDesk).is_null()) << "nothing changed";
  expect_problem(facility.del(path + "?release_bookings=yes"), 400, "invalid_parameter", "release_bookings");

  ASSERT_EQ(facility.del(path + "?release_bookings=true").status, 204);
  EXPECT_TRUE(listed(demo, kOtherDesk).is_null());
  EXPECT_EQ(demo.get("/api/v1/bookings?from=2026-12-02&to=2026-12-02").body[0]["state"], "released");
  EXPECT_TRUE(demo.get("/api/v1/me/favourites").body.empty());
  const Feed feed = read_feed(demo, start.cursor);
  const auto removal = changes_of_id(feed, "resource", kOtherDesk);
  ASSERT_EQ(removal.size(), 1u);
  EXPECT_EQ(removal[0]["op"], "delete");
  EXPECT_EQ(changes_of_id(feed, "favourite", kOtherDesk).back()["op"], "delete");

  // Removed stays removed.
  expect_problem(facility.put(path, place_request("EG 02", 2, 2)), 404, "resource_not_found");
  expect_problem(facility.del(path), 404, "resource_not_found");
  expect_problem(demo.post("/api/v1/bookings", booking(kOtherDesk, "2026-12-03")), 404, "resource_not_found");
}

// Only the city's file brings a removed place back: the import of places lists its id again.
TEST(PlacesEdit, PastBookingsOfARemovedPlaceStillShowItAndAnImportBringsItBack) {
  TestServer server;
  auto demo = server.client_for("demo");
  const ApiResponse today = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-01"));
  ASSERT_EQ(today.status, 201) << today.raw;
  server.clock().advance(std::chrono::hours{11});  // 18:00: the booking is over
  auto facility = signed_in(server, "facility");
  ASSERT_EQ(facility.del(std::string{"/api/v1/resources/"} + kDesk).status, 204) << "nothing left to release";
  const ApiResponse mine = signed_in(server, "demo").get("/api/v1/bookings?from=2026-12-01&to=2026-12-01");
  ASSERT_EQ(mine.body.size(), 1u) << mine.raw;
  EXPECT_EQ(mine.body[0]["resource_id"], kDesk);

  const ApiResponse imported =
      facility.send("POST", "/api/v1/import/places",
                    "building,floor,id,type,name,x,y,w,h\nbld_rathaus,flr_rathaus_eg,flr_rathaus_eg-01,desk,EG-01,2,2,1.6,0.8\n",
                    {}, "text/csv");
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["added"].size(), 1u) << imported.raw;
  EXPECT_FALSE(listed(facility, kDesk).is_null());
}

}  // namespace
}  // namespace stellwerk::server::testing
