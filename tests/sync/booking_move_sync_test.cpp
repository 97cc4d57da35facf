// A move of a booking ("Stattdessen auf X umbuchen") as one queued change, through the real sync
// engine and the real server in-process: the person's store and the server agree afterwards,
// whether the server accepted the move or refused it. Before the move was one change, a refusal
// of the new place after the cancel had gone through lost the old booking; the refused-move test
// holds the client to keeping it.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"
#include "test_server.hpp"

namespace stellwerk {
namespace {

using server::testing::ApiClient;
using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using sync::SyncOutcome;

constexpr Date kTomorrow{date::year{2026} / 12 / 2};  // the test server's clock stands on 1 Dec 2026
constexpr const char* kOldDesk = "flr_rathaus_eg-03";
constexpr const char* kNewDesk = "flr_rathaus_eg-04";

Instant at(Date day, int hour) { return to_instant(day, hour * 60); }

sync::RetryPolicy no_waiting() {
  sync::RetryPolicy policy;
  policy.max_attempts = 2;
  policy.wait = [](std::chrono::milliseconds) { return true; };
  return policy;
}

// A signed-in person's store and engine.
struct Person {
  explicit Person(const TestServer& server) {
    engine.set_retry_policy(no_waiting());
    const auto login = engine.login("http://127.0.0.1:" + std::to_string(server.port()), "demo", "demo");
    EXPECT_EQ(login.outcome, sync::LoginOutcome::signed_in) << login.message;
  }
  TempDir dir{"stellwerk-move"};
  store::LocalStore store = *store::LocalStore::open(dir.path());
  sync::SyncEngine engine{store, net::TransportOptions{}};
};

// The bookings of kTomorrow in `store` that are booked or checked in.
std::vector<Booking> active_tomorrow(const store::LocalStore& store) {
  std::vector<Booking> active;
  for (const Booking& b : store.my_bookings(kTomorrow, kTomorrow)) {
    if (is_active(b.state)) active.push_back(b);
  }
  return active;
}

// The server's active bookings of kTomorrow for demo: resource ids.
std::vector<std::string> active_on_server(TestServer& server) {
  ApiClient api = server.client_for("demo");
  const auto list = api.get("/api/v1/bookings?from=" + format_date(kTomorrow) + "&to=" + format_date(kTomorrow));
  EXPECT_EQ(list.status, 200) << list.raw;
  std::vector<std::string> resources;
  for (const Json& b : list.body) {
    if (b["state"] == "booked" || b["state"] == "checked_in") resources.push_back(b["resource_id"]);
  }
  return resources;
}

TEST(BookingMoveSync, AMoveIsOneQueuedChangeAndShowsTheOldBookingCancelledAndPending) {
  TestServer server;
  Person person{server};
  const Booking old = sync::queue_booking(person.store, kOldDesk, at(kTomorrow, 8), at(kTomorrow, 17));
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  const Booking synced_old = active_tomorrow(person.store).at(0);

  const Booking moved = sync::queue_move(person.store, synced_old.id, kNewDesk, at(kTomorrow, 8), at(kTomorrow, 17));
  EXPECT_TRUE(sync::is_local_id(moved.id));
  EXPECT_EQ(person.store.sync_status().pending, 1) << "one change, applied by the server whole or not at all";
  EXPECT_EQ(person.store.booking(synced_old.id)->state, BookingState::cancelled);
  const auto pending = person.store.pending_entities();
  EXPECT_TRUE(pending.contains(store::booking_key(synced_old.id))) << "the old booking shows as pending";
  EXPECT_TRUE(pending.contains(store::booking_key(moved.id)));
  EXPECT_NE(old.id, synced_old.id) << "the local id was replaced by the server's";
}

TEST(BookingMoveSync, ASuccessfulMoveLeavesExactlyOneActiveBookingThatDay) {
  TestServer server;
  Person person{server};
  sync::queue_booking(person.store, kOldDesk, at(kTomorrow, 8), at(kTomorrow, 17));
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  const Id old_id = active_tomorrow(person.store).at(0).id;

  sync::queue_move(person.store, old_id, kNewDesk, at(kTomorrow, 8), at(kTomorrow, 17));
  const auto report = person.engine.sync();
  ASSERT_EQ(report.outcome, SyncOutcome::synced) << report.message;
  EXPECT_EQ(report.pushed, 1);

  const auto active = active_tomorrow(person.store);
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active.front().resource_id, kNewDesk);
  EXPECT_FALSE(sync::is_local_id(active.front().id)) << "the server's id replaced the local one";
  EXPECT_EQ(person.store.booking(old_id)->state, BookingState::cancelled);
  EXPECT_TRUE(person.store.pending_entities().empty());
  EXPECT_EQ(active_on_server(server), std::vector<std::string>{kNewDesk});
}

TEST(BookingMoveSync, AMoveWhoseNewPlaceWasTakenMeanwhileKeepsTheOldBookingAfterSync) {
  TestServer server;
  Person person{server};
  sync::queue_booking(person.store, kOldDesk, at(kTomorrow, 8), at(kTomorrow, 17));
  ASSERT_EQ(person.engine.sync().outcome, SyncOutcome::synced);
  const Id old_id = active_tomorrow(person.store).at(0).id;

  // Queued while the new desk looked free; a colleague takes it before the move is sent.
  const Booking moved = sync::queue_move(person.store, old_id, kNewDesk, at(kTomorrow, 8), at(kTomorrow, 17));
  ApiClient colleague = server.client_for("employee0001");
  const Json taken{{"resource_id", kNewDesk},
                   {"start", to_rfc3339(at(kTomorrow, 8))},
                   {"end", to_rfc3339(at(kTomorrow, 17))}};
  ASSERT_EQ(colleague.post("/api/v1/bookings", taken).status, 201);

  const auto report = person.engine.sync();
  EXPECT_EQ(report.outcome, SyncOutcome::rejected) << report.message;
  ASSERT_EQ(report.rejected.size(), 1u);
  EXPECT_EQ(report.rejected.front().problem.code, "desk_taken");

  const auto active = active_tomorrow(person.store);
  ASSERT_EQ(active.size(), 1u) << "the old booking is shown active again, the refused one is gone";
  EXPECT_EQ(active.front().id, old_id);
  EXPECT_EQ(active.front().resource_id, kOldDesk);
  EXPECT_FALSE(person.store.booking(moved.id).has_value());
  EXPECT_EQ(active_on_server(server), std::vector<std::string>{kOldDesk}) << "the server kept the old booking";
}

TEST(BookingMoveSync, AMoveOfABookingMadeOfflineNamesItByTheServersId) {
  TestServer server;
  Person person{server};
  // Both queued before any sync: the move's path names the local id until the engine swaps it.
  const Booking offline = sync::queue_booking(person.store, kOldDesk, at(kTomorrow, 8), at(kTomorrow, 12));
  sync::queue_move(person.store, offline.id, kNewDesk, at(kTomorrow, 8), at(kTomorrow, 17));
  const auto report = person.engine.sync();
  ASSERT_EQ(report.outcome, SyncOutcome::synced) << report.message;
  EXPECT_EQ(report.pushed, 2);
  const auto active = active_tomorrow(person.store);
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active.front().resource_id, kNewDesk);
  EXPECT_EQ(active_on_server(server), std::vector<std::string>{kNewDesk});
}

}  // namespace
}  // namespace stellwerk
