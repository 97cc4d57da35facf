// Moving a booking in one step (POST /api/v1/bookings/{id}/move): it either happens whole, the
// old booking cancelled and the new one made, both in the changes feed, or not at all, and the
// refusal says why. Before this route a move was a cancel and then a booking, and a booking
// refused after the cancel lost the person's desk; these tests hold the route to that promise.
//
// The test clock starts on Tuesday 2026-12-01 07:00 in Berlin (see bookings_test.cpp).
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

constexpr const char* kDesk = "flr_rathaus_eg-01";
constexpr const char* kOtherDesk = "flr_rathaus_eg-02";
constexpr const char* kDay = "2026-12-02";

Json place(const std::string& resource, const std::string& from = "08:00", const std::string& to = "17:00") {
  return Json{{"resource_id", resource},
              {"start", std::string{kDay} + "T" + from + ":00+01:00"},
              {"end", std::string{kDay} + "T" + to + ":00+01:00"}};
}

std::string move_path(const ApiResponse& booked) {
  return "/api/v1/bookings/" + booked.body["id"].get<std::string>() + "/move";
}

// The caller's bookings on kDay by id: their states.
std::map<std::string, std::string> states_on_day(ApiClient& client) {
  std::map<std::string, std::string> states;
  const auto list = client.get(std::string{"/api/v1/bookings?from="} + kDay + "&to=" + kDay);
  EXPECT_EQ(list.status, 200) << list.raw;
  for (const auto& b : list.body) states[b["id"].get<std::string>()] = b["state"].get<std::string>();
  return states;
}

// The feed's booking records after `since`, by id: the state each one was last shown in.
std::map<std::string, std::string> booking_changes(ApiClient& client, const std::string& since) {
  std::map<std::string, std::string> states;
  const auto page = client.get("/api/v1/changes?since=" + since);
  EXPECT_EQ(page.status, 200) << page.raw;
  for (const auto& change : page.body["changes"]) {
    if (change["entity"] == "booking") states[change["id"].get<std::string>()] = change["data"]["state"];
  }
  return states;
}

TEST(BookingMove, AMoveCancelsTheOldBookingAndMakesTheNewOneAndTheFeedShowsBoth) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto old = demo.post("/api/v1/bookings", place(kDesk));
  ASSERT_EQ(old.status, 201) << old.raw;
  const std::string cursor = demo.get("/api/v1/changes?since=0").body["cursor"];

  const auto moved = demo.post(move_path(old), place(kOtherDesk));
  ASSERT_EQ(moved.status, 201) << moved.raw;
  EXPECT_EQ(moved.body["resource_id"], kOtherDesk);
  EXPECT_EQ(moved.body["state"], "booked");
  const std::string old_id = old.body["id"];
  const std::string new_id = moved.body["id"];
  EXPECT_NE(new_id, old_id);

  const std::map<std::string, std::string> expected{{old_id, "cancelled"}, {new_id, "booked"}};
  EXPECT_EQ(states_on_day(demo), expected);
  EXPECT_EQ(booking_changes(demo, cursor), expected);
  // The old place is free again for a colleague.
  auto colleague = server.client_for("employee0001");
  EXPECT_EQ(colleague.post("/api/v1/bookings", place(kDesk)).status, 201);
}

TEST(BookingMove, AMoveToATakenPlaceIsRefusedAndKeepsTheOldBooking) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  const auto old = demo.post("/api/v1/bookings", place(kDesk));
  ASSERT_EQ(old.status, 201) << old.raw;
  ASSERT_EQ(colleague.post("/api/v1/bookings", place(kOtherDesk)).status, 201);
  const std::string cursor = demo.get("/api/v1/changes?since=0").body["cursor"];

  const auto refused = demo.post(move_path(old), place(kOtherDesk));
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.code(), "desk_taken") << refused.raw;
  const std::map<std::string, std::string> unchanged{{old.body["id"].get<std::string>(), "booked"}};
  EXPECT_EQ(states_on_day(demo), unchanged);
  EXPECT_TRUE(booking_changes(demo, cursor).empty());
  // The old place is still held: nobody else can take it.
  auto third = server.client_for("employee0002");
  EXPECT_EQ(third.post("/api/v1/bookings", place(kDesk)).code(), "desk_taken");
}

TEST(BookingMove, TheMovedBookingCountsAsGoneForTheRules) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto old = demo.post("/api/v1/bookings", place(kDesk, "08:00", "12:00"));
  ASSERT_EQ(old.status, 201) << old.raw;
  // The same desk for the whole day overlaps the booking being moved: neither already_booked
  // nor desk_taken.
  const auto longer = demo.post(move_path(old), place(kDesk));
  ASSERT_EQ(longer.status, 201) << longer.raw;
  EXPECT_EQ(longer.body["end"], std::string{kDay} + "T17:00:00+01:00");
}

TEST(BookingMove, SomeoneElsesOrAnInactiveBookingIsRefusedAsACancelWouldBe) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  const auto theirs = colleague.post("/api/v1/bookings", place(kDesk));
  ASSERT_EQ(theirs.status, 201) << theirs.raw;

  const auto refused = demo.post(move_path(theirs), place(kOtherDesk));
  EXPECT_EQ(refused.status, 404) << refused.raw;
  EXPECT_EQ(refused.code(), "booking_not_found") << refused.raw;
  EXPECT_EQ(states_on_day(colleague).at(theirs.body["id"]), "booked");
  EXPECT_TRUE(states_on_day(demo).empty());

  const auto mine = demo.post("/api/v1/bookings", place(kOtherDesk));
  ASSERT_EQ(demo.del("/api/v1/bookings/" + mine.body["id"].get<std::string>()).status, 204);
  const auto inactive = demo.post(move_path(mine), place("flr_rathaus_eg-03"));
  EXPECT_EQ(inactive.status, 409) << inactive.raw;
  EXPECT_EQ(inactive.code(), "booking_not_active") << inactive.raw;
}

TEST(BookingMove, AReplayedIdempotencyKeyAnswersTheSameAndMovesOnce) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto old = demo.post("/api/v1/bookings", place(kDesk));
  ASSERT_EQ(old.status, 201) << old.raw;
  const std::map<std::string, std::string> key{{"Idempotency-Key", "move-wednesday"}};

  const auto first = demo.post(move_path(old), place(kOtherDesk), key);
  const auto again = demo.post(move_path(old), place(kOtherDesk), key);
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(states_on_day(demo).size(), 2U);  // the old one cancelled, one new one
  EXPECT_EQ(demo.post(move_path(old), place("flr_rathaus_eg-03"), key).code(), "idempotency_key_reused");
}

}  // namespace
}  // namespace stellwerk::server::testing
