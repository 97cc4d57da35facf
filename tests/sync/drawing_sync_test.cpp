// Floor drawings reach the local store through the sync: fetched once per version after the feed
// announced it, replaced when a facility admin uploads a new one, and gone when they remove it.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"
#include "test_server.hpp"

namespace stellwerk {
namespace {

using server::testing::TempDir;
using server::testing::TestServer;
using sync::SyncOutcome;

constexpr const char* kFloor = "flr_rathaus_eg";

struct Person {
  explicit Person(const TestServer& server) {
    sync::RetryPolicy policy;
    policy.max_attempts = 2;
    policy.wait = [](std::chrono::milliseconds) { return true; };
    engine.set_retry_policy(policy);
    const auto login = engine.login("http://127.0.0.1:" + std::to_string(server.port()), "demo", "demo");
    EXPECT_EQ(login.outcome, sync::LoginOutcome::signed_in) << login.message;
  }
  std::string floor_version() const {
    for (const Building& b : store.buildings()) {
      for (const Floor& f : b.floors) {
        if (f.id == kFloor) return f.drawing_version;
      }
    }
    return "missing floor";
  }
  TempDir dir{"stellwerk-drawing"};
  store::LocalStore store = *store::LocalStore::open(dir.path());
  sync::SyncEngine engine{store, net::TransportOptions{}};
};

TEST(DrawingSync, TheFloorsDrawingFollowsEveryUploadAndRemoval) {
  TestServer server;
  Person person{server};
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  const auto first = person.store.floor_drawing(kFloor);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->version, person.floor_version());
  EXPECT_TRUE(inspect_drawing(first->image));
  EXPECT_TRUE(person.store.drawings_to_fetch().empty());
  const sync::SyncReport again = person.engine.sync();
  EXPECT_EQ(again.drawings, 0) << "a drawing is fetched once per version";
  EXPECT_EQ(again.requests, 1) << "the changes feed alone";

  // The facility admin uploads another drawing (here: the technical town hall's) for the floor.
  auto admin = server.client_for("facility");
  const std::string other = admin.get("/api/v1/floors/flr_technik_2/drawing").raw;
  ASSERT_EQ(admin.send("PUT", std::string{"/api/v1/floors/"} + kFloor + "/drawing", other, {}, "image/png").status, 200);
  EXPECT_EQ(person.engine.sync().drawings, 1);
  const auto second = person.store.floor_drawing(kFloor);
  ASSERT_TRUE(second);
  EXPECT_NE(second->version, first->version);
  EXPECT_EQ(second->image, other);

  ASSERT_EQ(admin.del(std::string{"/api/v1/floors/"} + kFloor + "/drawing").status, 204);
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  EXPECT_EQ(person.floor_version(), "");
  EXPECT_FALSE(person.store.floor_drawing(kFloor));
}

}  // namespace
}  // namespace stellwerk
