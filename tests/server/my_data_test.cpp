// "What is stored about me" (GET /api/v1/me/data): a person gets every record the server keeps
// about them — plans, bookings, times, trainings, favourites, sessions — and nothing of anyone
// else, and no secret: never a password or PIN hash, never a session token or its digest. On a
// kiosk, a shared screen, it is refused.
#include <string>

#include <gtest/gtest.h>

#include "kiosk_support.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

TEST(MyData, HoldsEverythingAboutThePersonAndNoSecret) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto booked = demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                                         {"start", "2026-12-02T08:00:00+01:00"},
                                                         {"end", "2026-12-02T17:00:00+01:00"}});
  ASSERT_EQ(booked.status, 201) << booked.raw;
  ASSERT_EQ(demo.put("/api/v1/workdays/2026-12-03", Json{{"half", "am"}, {"mode", "remote"}, {"kind", "planned"}}).status, 200);
  ASSERT_EQ(demo.put("/api/v1/me/favourites/flr_rathaus_eg-07", Json{{"usual", true}}).status / 100, 2);
  auto colleague = server.client_for("employee0001");
  const auto theirs = colleague.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-02"},
                                                              {"start", "2026-12-02T08:00:00+01:00"},
                                                              {"end", "2026-12-02T17:00:00+01:00"}});
  ASSERT_EQ(theirs.status, 201) << theirs.raw;

  const auto exported = demo.get("/api/v1/me/data");
  ASSERT_EQ(exported.status, 200) << exported.raw;
  const Json& stored = exported.body["server"];
  EXPECT_EQ(stored["person"]["username"], "demo");
  EXPECT_EQ(stored["person"]["display_name"], "Alex Demir");
  EXPECT_EQ(stored["person"]["has_password"], true);
  EXPECT_EQ(stored["person"]["has_pin"], true);
  ASSERT_EQ(stored["bookings"].size(), 1U) << stored.dump();
  EXPECT_EQ(stored["bookings"][0]["id"], booked.body["id"]);
  EXPECT_EQ(stored["bookings"][0]["place_id"], "flr_rathaus_eg-01");
  EXPECT_EQ(stored["bookings"][0]["start"], "2026-12-02T07:00:00Z");
  ASSERT_EQ(stored["plans"].size(), 1U) << stored.dump();
  EXPECT_EQ(stored["plans"][0]["date"], "2026-12-03");
  EXPECT_EQ(stored["plans"][0]["half"], "am");
  ASSERT_EQ(stored["favourites"].size(), 1U) << stored.dump();
  EXPECT_EQ(stored["favourites"][0]["usual"], true);
  EXPECT_FALSE(stored["sessions"].empty());
  EXPECT_GT(stored["changes_feed"]["entries"].get<int>(), 0);

  const std::string text = exported.raw;
  EXPECT_EQ(text.find(theirs.body.value("id", "")), std::string::npos) << "a colleague's booking";
  EXPECT_EQ(text.find("employee0001"), std::string::npos);
  EXPECT_EQ(text.find("pbkdf2"), std::string::npos) << "a password or PIN hash";
  EXPECT_EQ(text.find(server.token_for("demo")), std::string::npos) << "the session token";
}

TEST(MyData, IsRefusedOnAKioskAndWithoutSignIn) {
  TestServer server;
  auto at_kiosk = signed_in_at_kiosk(server);
  expect_problem(at_kiosk.get("/api/v1/me/data"), 403, "forbidden");
  expect_problem(server.anonymous().get("/api/v1/me/data"), 401, "unauthorized");
}

}  // namespace
}  // namespace stellwerk::server::testing
