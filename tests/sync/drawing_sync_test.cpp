// Floor drawings reach the local store through the sync: fetched once per version after the feed
// announced it, replaced when a facility admin uploads a new one, and gone when they remove it; and
// a facility admin's own upload through the outbox, shown at once and not fetched back.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/sync/change_kinds.hpp"
#include "stellwerk/sync/local_changes.hpp"
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
  explicit Person(const TestServer& server, const char* user = "demo") {
    sync::RetryPolicy policy;
    policy.max_attempts = 2;
    policy.wait = [](std::chrono::milliseconds) { return true; };
    engine.set_retry_policy(policy);
    const auto login = engine.login("http://127.0.0.1:" + std::to_string(server.port()), user, "demo");
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

TEST(DrawingSync, AFacilityAdminsUploadShowsAtOnceAndReachesEverybody) {
  TestServer server;
  Person admin{server, "facility"};
  Person person{server};
  ASSERT_EQ(admin.engine.sync().outcome, SyncOutcome::synced);
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  const std::string before = admin.floor_version();
  const std::string other = server.client_for("facility").get("/api/v1/floors/flr_technik_2/drawing").raw;
  EXPECT_EQ(sync::request_content_type(ChangeKind::floor_drawing, other), "image/png");

  // Offline first: the plan shows the new drawing at once, under a version of its own.
  sync::queue_floor_drawing(admin.store, kFloor, other);
  ASSERT_TRUE(admin.store.floor_drawing(kFloor));
  EXPECT_EQ(admin.store.floor_drawing(kFloor)->image, other);
  EXPECT_NE(admin.floor_version(), before);
  EXPECT_TRUE(admin.store.drawings_to_fetch().empty()) << "nothing to fetch for one's own upload";

  const sync::SyncReport sent = admin.engine.sync();
  ASSERT_EQ(sent.outcome, SyncOutcome::synced) << sent.message;
  EXPECT_EQ(sent.pushed, 1);
  EXPECT_EQ(sent.drawings, 0) << "the bytes just sent are not downloaded again";
  ASSERT_TRUE(admin.store.floor_drawing(kFloor));
  EXPECT_EQ(admin.store.floor_drawing(kFloor)->image, other);
  for (const store::OutboxEntry& entry : admin.store.outbox()) {
    EXPECT_TRUE(entry.body.empty()) << "the sent image does not stay in the outbox";
  }

  ASSERT_EQ(person.engine.sync().drawings, 1);
  EXPECT_EQ(person.floor_version(), admin.floor_version()) << "the server's version, on both sides";
  ASSERT_TRUE(person.store.floor_drawing(kFloor));
  EXPECT_EQ(person.store.floor_drawing(kFloor)->image, other);
}

TEST(DrawingSync, OfTwoUploadsTheLastStaysAndOnlyFacilityAdminsMayUpload) {
  TestServer server;
  Person admin{server, "facility"};
  Person person{server};
  ASSERT_EQ(admin.engine.sync().outcome, SyncOutcome::synced);
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  const std::string original = admin.store.floor_drawing(kFloor)->image;
  auto api = server.client_for("facility");
  const std::string first = api.get("/api/v1/floors/flr_technik_2/drawing").raw;
  const std::string last = api.get("/api/v1/floors/flr_rathaus_1/drawing").raw;
  ASSERT_NE(first, last);

  EXPECT_THROW(sync::queue_floor_drawing(admin.store, kFloor, "GIF89a"), std::invalid_argument);
  EXPECT_THROW(sync::queue_floor_drawing(admin.store, "flr_nowhere", first), std::invalid_argument);
  EXPECT_TRUE(admin.store.pending_outbox().empty()) << "nothing queued for what core refuses";

  sync::queue_floor_drawing(admin.store, kFloor, first);
  sync::queue_floor_drawing(admin.store, kFloor, last);
  const sync::SyncReport sent = admin.engine.sync();
  ASSERT_EQ(sent.outcome, SyncOutcome::synced) << sent.message;
  EXPECT_EQ(sent.pushed, 2);
  EXPECT_EQ(sent.drawings, 0);
  EXPECT_EQ(admin.store.floor_drawing(kFloor)->image, last);
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  EXPECT_EQ(person.store.floor_drawing(kFloor)->image, last);
  EXPECT_EQ(person.floor_version(), admin.floor_version());

  // Somebody without the facility role: shown for a moment, refused, and the server's drawing is back.
  sync::queue_floor_drawing(person.store, kFloor, original);
  EXPECT_EQ(person.store.floor_drawing(kFloor)->image, original);
  const sync::SyncReport refused = person.engine.sync();
  ASSERT_EQ(refused.rejected.size(), 1u);
  EXPECT_EQ(refused.rejected[0].problem.status, 403);
  EXPECT_EQ(person.floor_version(), admin.floor_version());
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  ASSERT_TRUE(person.store.floor_drawing(kFloor));
  EXPECT_EQ(person.store.floor_drawing(kFloor)->image, last);
}

}  // namespace
}  // namespace stellwerk
