// Favourites as a person uses them: mark desks and rooms, pick one as the usual desk, remove
// them again, from several devices. What they must notice: the list comes back as they left
// it, only one desk is ever "usual", the limit of 50 is explained, retries and removals of
// something already gone are harmless, broken bodies are refused as 4xx, and their favourites
// reach their other devices through the changes feed and nobody else's.
//
// The test clock starts on Tuesday 2026-12-01 07:00 in Berlin.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

using std::chrono::minutes;

constexpr const char* kDesk = "flr_rathaus_eg-01";
constexpr const char* kOtherDesk = "flr_rathaus_eg-02";
constexpr const char* kRoom = "room_rhein";

std::string favourite_path(const std::string& resource) { return "/api/v1/me/favourites/" + resource; }

Json favourites_of(ApiClient& client) {
  const auto response = client.get("/api/v1/me/favourites");
  EXPECT_EQ(response.status, 200) << response.raw;
  return response.body;
}

std::vector<std::string> resource_ids(const Json& favourites) {
  std::vector<std::string> ids;
  for (const auto& favourite : favourites) ids.push_back(favourite["resource_id"].get<std::string>());
  return ids;
}

// The resource ids marked usual.
std::vector<std::string> usual_ids(const Json& favourites) {
  std::vector<std::string> ids;
  for (const auto& favourite : favourites) {
    if (favourite["usual"].get<bool>()) ids.push_back(favourite["resource_id"].get<std::string>());
  }
  return ids;
}

// Every desk, room and parking space of the demo city, in building order: more than the limit.
std::vector<std::string> all_resource_ids() {
  std::vector<std::string> ids;
  for (int i = 1; i <= 26; ++i) ids.push_back(fmt::format("flr_rathaus_eg-{:02}", i));
  ids.push_back("room_rhein");
  ids.push_back("room_ruhr");
  for (int i = 1; i <= 16; ++i) ids.push_back(fmt::format("flr_rathaus_1-{:02}", i));
  for (int i = 1; i <= 4; ++i) ids.push_back(fmt::format("park_rathaus_{:02}", i));
  for (int i = 1; i <= 12; ++i) ids.push_back(fmt::format("flr_technik_2-{:02}", i));
  return ids;
}

TEST(Favourites, MarkedPlacesComeBackOldestFirst) {
  TestServer server;
  auto demo = server.client_for("demo");
  EXPECT_EQ(favourites_of(demo), Json::array());

  // No body at all is a plain favourite.
  const auto desk = demo.send("PUT", favourite_path(kDesk), "");
  ASSERT_EQ(desk.status, 200) << desk.raw;
  EXPECT_EQ(desk.body, Json::parse(R"({"resource_id": "flr_rathaus_eg-01", "usual": false,
                                       "added_at": "2026-12-01T07:00:00+01:00"})"));

  server.clock().advance(minutes{5});
  const auto room = demo.put(favourite_path(kRoom), Json::object());
  ASSERT_EQ(room.status, 200) << room.raw;
  EXPECT_EQ(room.body["usual"], false);
  EXPECT_EQ(room.body["added_at"], "2026-12-01T07:05:00+01:00");
  // Added in the same second as the room: the resource id decides.
  const auto other = demo.put(favourite_path(kOtherDesk), Json{{"usual", false}});
  ASSERT_EQ(other.status, 200) << other.raw;

  const Json list = favourites_of(demo);
  EXPECT_EQ(resource_ids(list), (std::vector<std::string>{kDesk, kOtherDesk, kRoom}));
  EXPECT_EQ(list[0], desk.body);
  EXPECT_EQ(list[2], room.body);

  // They are the person's own: a colleague has none, and a restart keeps them.
  auto colleague = server.client_for("employee0001");
  EXPECT_EQ(favourites_of(colleague), Json::array());
  server.restart();
  auto again = server.client_for("demo");
  EXPECT_EQ(favourites_of(again), list);
}

TEST(Favourites, PuttingAgainChangesUsualAndKeepsWhenItWasAdded) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.put(favourite_path(kDesk), Json::object()).status, 200);
  server.clock().advance(minutes{30});
  const auto usual = demo.put(favourite_path(kDesk), Json{{"usual", true}});
  ASSERT_EQ(usual.status, 200) << usual.raw;
  EXPECT_EQ(usual.body["usual"], true);
  EXPECT_EQ(usual.body["added_at"], "2026-12-01T07:00:00+01:00");
  // The same request again, with no Idempotency-Key, is just as harmless.
  EXPECT_EQ(demo.put(favourite_path(kDesk), Json{{"usual", true}}).body, usual.body);
  const auto plain = demo.put(favourite_path(kDesk), Json::object());
  EXPECT_EQ(plain.body["usual"], false);
  EXPECT_EQ(favourites_of(demo).size(), 1U);
}

TEST(Favourites, OnlyOneFavouriteIsTheUsualDesk) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.put(favourite_path(kDesk), Json{{"usual", true}}).status, 200);
  ASSERT_EQ(demo.put(favourite_path(kRoom), Json::object()).status, 200);
  EXPECT_EQ(usual_ids(favourites_of(demo)), std::vector<std::string>{kDesk});

  ASSERT_EQ(demo.put(favourite_path(kOtherDesk), Json{{"usual", true}}).status, 200);
  const Json list = favourites_of(demo);
  EXPECT_EQ(usual_ids(list), std::vector<std::string>{kOtherDesk});
  EXPECT_EQ(list.size(), 3U) << "the old usual desk stays a favourite";

  // Unmarking the usual desk leaves none usual; it does not pass the mark on.
  ASSERT_EQ(demo.put(favourite_path(kOtherDesk), Json{{"usual", false}}).status, 200);
  EXPECT_TRUE(usual_ids(favourites_of(demo)).empty());

  // Removing the usual desk removes the mark with it.
  ASSERT_EQ(demo.put(favourite_path(kRoom), Json{{"usual", true}}).status, 200);
  ASSERT_EQ(demo.del(favourite_path(kRoom)).status, 204);
  EXPECT_TRUE(usual_ids(favourites_of(demo)).empty());

  // Each person has their own usual desk.
  auto colleague = server.client_for("employee0001");
  ASSERT_EQ(colleague.put(favourite_path(kDesk), Json{{"usual", true}}).status, 200);
  ASSERT_EQ(demo.put(favourite_path(kDesk), Json{{"usual", true}}).status, 200);
  EXPECT_EQ(usual_ids(favourites_of(colleague)), std::vector<std::string>{kDesk});
  EXPECT_EQ(usual_ids(favourites_of(demo)), std::vector<std::string>{kDesk});
}

TEST(Favourites, AtMostFiftyFavourites) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto ids = all_resource_ids();
  ASSERT_GT(ids.size(), 51U);
  for (std::size_t i = 0; i < 50; ++i) {
    ASSERT_EQ(demo.put(favourite_path(ids[i]), Json::object()).status, 200) << ids[i];
  }
  const auto refused = demo.put(favourite_path(ids[50]), Json{{"usual", true}});
  expect_problem(refused, 409, "too_many_favourites");
  EXPECT_FALSE(refused.body.value("title", "").empty());
  // The refusal changed nothing, not even the usual mark.
  Json list = favourites_of(demo);
  EXPECT_EQ(list.size(), 50U);
  EXPECT_TRUE(usual_ids(list).empty());

  // Putting an existing favourite again is no new favourite.
  const auto existing = demo.put(favourite_path(ids[3]), Json{{"usual", true}});
  ASSERT_EQ(existing.status, 200) << existing.raw;
  EXPECT_EQ(usual_ids(favourites_of(demo)), std::vector<std::string>{ids[3]});

  // Removing one makes room again.
  ASSERT_EQ(demo.del(favourite_path(ids[0])).status, 204);
  EXPECT_EQ(demo.put(favourite_path(ids[50]), Json::object()).status, 200);
  EXPECT_EQ(favourites_of(demo).size(), 50U);

  // The title is in the caller's language.
  demo.set_language("de");
  const auto german = demo.put(favourite_path(ids[51]), Json::object());
  expect_problem(german, 409, "too_many_favourites");
  EXPECT_EQ(german.header("Content-Language"), "de");
  EXPECT_EQ(german.body.value("title", ""),
            "Sie haben bereits so viele Favoriten wie erlaubt; entfernen Sie zuerst einen.");
}

TEST(Favourites, RemovingIsIdempotent) {
  TestServer server;
  auto demo = server.client_for("demo");
  EXPECT_EQ(demo.del(favourite_path(kDesk)).status, 204) << "never a favourite";
  EXPECT_EQ(demo.del(favourite_path("no_such_desk")).status, 204) << "no such resource is no favourite either";
  ASSERT_EQ(demo.put(favourite_path(kDesk), Json::object()).status, 200);
  ASSERT_EQ(demo.put(favourite_path(kRoom), Json::object()).status, 200);
  EXPECT_EQ(demo.del(favourite_path(kDesk)).status, 204);
  EXPECT_EQ(demo.del(favourite_path(kDesk)).status, 204);
  EXPECT_EQ(resource_ids(favourites_of(demo)), std::vector<std::string>{kRoom});
  // A colleague's removal never touches demo's favourites.
  auto colleague = server.client_for("employee0001");
  EXPECT_EQ(colleague.del(favourite_path(kRoom)).status, 204);
  EXPECT_EQ(resource_ids(favourites_of(demo)), std::vector<std::string>{kRoom});
}

TEST(Favourites, UnknownResourceIsNotFound) {
  TestServer server;
  auto demo = server.client_for("demo");
  expect_problem(demo.put(favourite_path("no_such_desk"), Json::object()), 404, "resource_not_found");
  expect_problem(demo.put(favourite_path("bld_rathaus"), Json{{"usual", true}}), 404, "resource_not_found");
  EXPECT_EQ(favourites_of(demo), Json::array());
  // Without a session there is nothing to see or change.
  auto anonymous = server.anonymous();
  expect_problem(anonymous.get("/api/v1/me/favourites"), 401, "unauthorized");
  expect_problem(anonymous.put(favourite_path(kDesk), Json::object()), 401, "unauthorized");
  expect_problem(anonymous.del(favourite_path(kDesk)), 401, "unauthorized");
}

TEST(Favourites, BrokenBodiesAreRefusedAndStoreNothing) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::string path = favourite_path(kDesk);
  expect_problem(demo.send("PUT", path, "{"), 400, "invalid_json");
  expect_problem(demo.send("PUT", path, "usual"), 400, "invalid_json");
  expect_problem(demo.send("PUT", path, "{\"usual\": \"\xff\"}"), 400, "invalid_json");
  expect_problem(demo.send("PUT", path, "[]"), 422, "invalid_body");
  expect_problem(demo.send("PUT", path, "true"), 422, "invalid_body");
  expect_problem(demo.send("PUT", path, "null"), 422, "invalid_body");
  expect_problem(demo.put(path, Json{{"usual", "yes"}}), 422, "invalid_field", "usual");
  expect_problem(demo.put(path, Json{{"usual", 1}}), 422, "invalid_field", "usual");
  expect_problem(demo.put(path, Json{{"usual", Json::array({true})}}), 422, "invalid_field", "usual");
  expect_problem(demo.put(path, Json{{"usual", true}, {"note", "window"}}), 422, "unknown_field", "note");
  expect_problem(demo.put(path, Json{{"resource_id", kOtherDesk}}), 422, "unknown_field", "resource_id");
  expect_problem(demo.send("PUT", path, std::string(65 * 1024, ' ')), 413, "body_too_large");
  // null is not a flag: refused like any other wrong type (the document does not allow it).
  expect_problem(demo.put(path, Json{{"usual", nullptr}}), 422, "invalid_field", "usual");
  EXPECT_EQ(favourites_of(demo), Json::array());
}

TEST(Favourites, IdempotencyKeyReplaysTheFirstAnswer) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::map<std::string, std::string> key{{"Idempotency-Key", "favourite-eg-01"}};
  const auto first = demo.put(favourite_path(kDesk), Json{{"usual", true}}, key);
  ASSERT_EQ(first.status, 200) << first.raw;
  // Meanwhile another device unmarks it; the retry of the first request must not mark it again.
  ASSERT_EQ(demo.put(favourite_path(kDesk), Json{{"usual", false}}).status, 200);
  const auto replay = demo.put(favourite_path(kDesk), Json{{"usual", true}}, key);
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.body, first.body);
  EXPECT_TRUE(usual_ids(favourites_of(demo)).empty());
  expect_problem(demo.put(favourite_path(kRoom), Json{{"usual", true}}, key), 422, "idempotency_key_reused");

  const std::map<std::string, std::string> remove_key{{"Idempotency-Key", "unfavourite-eg-01"}};
  EXPECT_EQ(demo.del(favourite_path(kDesk), remove_key).status, 204);
  EXPECT_EQ(demo.del(favourite_path(kDesk), remove_key).status, 204);
  EXPECT_EQ(favourites_of(demo), Json::array());
  expect_problem(demo.del(favourite_path(kRoom), remove_key), 422, "idempotency_key_reused");
  expect_problem(demo.del(favourite_path(kRoom), {{"Idempotency-Key", std::string(201, 'k')}}), 400,
                 "invalid_parameter", "Idempotency-Key");
}

TEST(Favourites, TheFeedBringsThemToThePersonsOtherDevicesOnly) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  const Feed before = read_feed(demo);
  EXPECT_TRUE(changes_of(before, "favourite").empty());
  const Feed colleague_before = read_feed(colleague);

  const auto desk = demo.put(favourite_path(kDesk), Json{{"usual", true}});
  ASSERT_EQ(desk.status, 200) << desk.raw;
  ASSERT_EQ(demo.put(favourite_path(kRoom), Json::object()).status, 200);

  // Following: each change as it happened, the data being the API's favourite.
  Feed followed = read_feed(demo, before.cursor);
  auto changes = changes_of(followed, "favourite");
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[0]["id"], kDesk);
  EXPECT_EQ(changes[0]["op"], "upsert");
  EXPECT_EQ(changes[0]["data"], desk.body);
  EXPECT_EQ(changes[1]["id"], kRoom);

  // Moving the usual mark tells the devices about both favourites.
  const auto other = demo.put(favourite_path(kOtherDesk), Json{{"usual", true}});
  ASSERT_EQ(other.status, 200);
  followed = read_feed(demo, followed.cursor);
  changes = changes_of(followed, "favourite");
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[0]["id"], kDesk);
  EXPECT_EQ(changes[0]["data"]["usual"], false);
  EXPECT_EQ(changes[0]["data"]["added_at"], desk.body["added_at"]);
  EXPECT_EQ(changes[1]["data"], other.body);

  // A removal is a delete with the resource id.
  ASSERT_EQ(demo.del(favourite_path(kRoom)).status, 204);
  followed = read_feed(demo, followed.cursor);
  changes = changes_of(followed, "favourite");
  ASSERT_EQ(changes.size(), 1U);
  EXPECT_EQ(changes[0]["id"], kRoom);
  EXPECT_EQ(changes[0]["op"], "delete");
  EXPECT_TRUE(changes[0]["data"].is_null());
  // Removing it again records nothing.
  ASSERT_EQ(demo.del(favourite_path(kRoom)).status, 204);
  EXPECT_TRUE(changes_of(read_feed(demo, followed.cursor), "favourite").empty());

  // A new device starts from since=0 and gets the favourites as they are now.
  auto new_device = server.anonymous();
  const auto session = new_device.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}});
  ASSERT_EQ(session.status, 201) << session.raw;
  new_device.set_token(session.body["token"].get<std::string>());
  std::map<std::string, Json> snapshot;
  for (const auto& change : changes_of(read_feed(new_device), "favourite")) {
    EXPECT_EQ(change["op"], "upsert");
    snapshot[change["id"].get<std::string>()] = change["data"];
  }
  std::map<std::string, Json> listed;
  for (const auto& favourite : favourites_of(demo)) listed[favourite["resource_id"].get<std::string>()] = favourite;
  EXPECT_EQ(snapshot, listed);
  EXPECT_EQ(snapshot.size(), 2U);

  // Nobody else ever sees them, neither following nor in a snapshot.
  EXPECT_TRUE(changes_of(read_feed(colleague, colleague_before.cursor), "favourite").empty());
  EXPECT_TRUE(changes_of(read_feed(colleague), "favourite").empty());
}

}  // namespace
}  // namespace stellwerk::server::testing
