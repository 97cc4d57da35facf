// Booking desks, rooms and parking as people meet it: the policy they are shown, every rule
// that refuses a booking, privacy of who booked what, check-in and release, retention,
// idempotent retries, and 64 people rushing for the same desk at once.
//
// The test clock starts on Tuesday 2026-12-01 07:00 in Berlin. `demo` is in the digital
// office (Mon–Fri, 28 days ahead, 20 upcoming, check-in 15 min before to 30 min after the
// start, accessible desks held 24 h).
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <latch>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "stellwerk/sqlite/sqlite.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kDesk = "flr_rathaus_eg-01";
constexpr const char* kOtherDesk = "flr_rathaus_eg-02";
constexpr const char* kAccessibleDesk = "flr_rathaus_eg-25";

std::string at(const std::string& day, const std::string& time) { return day + "T" + time + ":00+01:00"; }

Json booking(const std::string& resource, const std::string& day, const std::string& from = "08:00",
             const std::string& to = "17:00") {
  return Json{{"resource_id", resource}, {"start", at(day, from)}, {"end", at(day, to)}};
}

std::string employee(int number) {
  std::array<char, 24> name{};  // room for any int, which -Wformat-truncation checks
  std::snprintf(name.data(), name.size(), "employee%04d", number);
  return name.data();
}

// A new session, for tests that move the clock past the 12 hours a cached token lasts.
ApiClient sign_in(TestServer& server, const std::string& username) {
  auto client = server.anonymous();
  const auto response = client.post("/api/v1/session", Json{{"username", username}, {"password", "demo"}});
  if (response.status != 201) throw std::runtime_error("cannot sign in " + username + ": " + response.raw);
  client.set_token(response.body["token"].get<std::string>());
  return client;
}

const Json& resource_in(const ApiResponse& availability, const std::string& id) {
  for (const auto& resource : availability.body["resources"]) {
    if (resource["id"] == id) return resource;
  }
  throw std::runtime_error("no resource " + id + " in " + availability.raw);
}

void expect_refused(const ApiResponse& response, int status, const std::string& code) {
  EXPECT_EQ(response.status, status) << response.raw;
  EXPECT_EQ(response.code(), code) << response.raw;
}

TEST(Bookings, BookingADeskAnswersWithTheBooking) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto response = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02"));
  ASSERT_EQ(response.status, 201) << response.raw;
  const Json& b = response.body;
  EXPECT_EQ(b["id"].get<std::string>().rfind("bk_", 0), 0U);
  EXPECT_EQ(b["resource_id"], kDesk);
  EXPECT_EQ(b["building_id"], "bld_rathaus");
  EXPECT_EQ(b["start"], "2026-12-02T08:00:00+01:00");
  EXPECT_EQ(b["end"], "2026-12-02T17:00:00+01:00");
  EXPECT_EQ(b["state"], "booked");
  EXPECT_EQ(b["check_in_opens_at"], "2026-12-02T07:45:00+01:00");
  EXPECT_EQ(b["release_at"], "2026-12-02T08:30:00+01:00");
  EXPECT_EQ(b["created_at"], "2026-12-01T07:00:00+01:00");
  EXPECT_EQ(b.size(), 9U);

  const auto list = demo.get("/api/v1/bookings?from=2026-12-01&to=2026-12-31");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body.size(), 1U);
  EXPECT_EQ(list.body[0], b);
}

TEST(Bookings, ABookingThatHasBegunStartsNow) {
  TestServer server;
  server.clock().advance(hours{3});  // 10:00
  auto demo = server.client_for("demo");
  const auto response = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-01"));
  ASSERT_EQ(response.status, 201) << response.raw;
  EXPECT_EQ(response.body["start"], "2026-12-01T10:00:00+01:00");
  EXPECT_EQ(response.body["release_at"], "2026-12-01T10:30:00+01:00");
}

TEST(Bookings, EachRuleRefusesWithItsCode) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02")).status, 201);

  auto colleague = server.client_for(employee(1));
  expect_refused(colleague.post("/api/v1/bookings", booking(kDesk, "2026-12-02", "13:00", "15:00")), 409, "desk_taken");
  expect_refused(demo.post("/api/v1/bookings", booking(kOtherDesk, "2026-12-02", "13:00", "17:00")), 409,
                 "already_booked");
  ASSERT_EQ(demo.post("/api/v1/bookings", booking("room_rhein", "2026-12-02", "10:00", "11:00")).status, 201);
  expect_refused(colleague.post("/api/v1/bookings", booking("room_rhein", "2026-12-02", "10:30", "12:00")), 409,
                 "resource_taken");

  expect_refused(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-01", "05:00", "06:00")), 409, "past");
  expect_refused(demo.post("/api/v1/bookings", booking(kDesk, "2026-11-30")), 409, "past");
  EXPECT_EQ(demo.post("/api/v1/bookings", booking(kOtherDesk, "2026-12-29")).status, 201);  // 28 days ahead
  expect_refused(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-30")), 409, "too_far_ahead");
  expect_refused(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-05")), 409, "weekday_not_bookable");
  expect_refused(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-25")), 409, "holiday");

  // The citizens' office books 14 days ahead, Monday to Thursday.
  auto citizen = server.client_for("citizens01");
  expect_refused(citizen.post("/api/v1/bookings", booking("flr_nord_eg-01", "2026-12-16")), 409, "too_far_ahead");
  expect_refused(citizen.post("/api/v1/bookings", booking("flr_nord_eg-01", "2026-12-04")), 409,
                 "weekday_not_bookable");
  EXPECT_EQ(citizen.post("/api/v1/bookings", booking("flr_nord_eg-01", "2026-12-15")).status, 201);
}

TEST(Bookings, AClosedBuildingCannotBeBooked) {
  TestServer server;
  auto facility = server.client_for("facility");
  ASSERT_EQ(
      facility.post("/api/v1/buildings/bld_rathaus/closures", Json{{"date", "2026-12-03"}, {"reason", "Umzug"}}).status,
      201);
  auto demo = server.client_for("demo");
  expect_refused(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-03")), 409, "building_closed");
  const auto availability = demo.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-03");
  ASSERT_EQ(availability.status, 200) << availability.raw;
  EXPECT_EQ(resource_in(availability, kDesk)["state"], "closed");
  const auto policy = demo.get("/api/v1/me/policy");
  ASSERT_EQ(policy.body["closures"].size(), 1U);
  EXPECT_EQ(policy.body["closures"][0]["date"], "2026-12-03");
}

TEST(Bookings, TooManyUpcomingBookings) {
  TestServer server;
  auto builder = server.client_for("building01");  // at most 3 upcoming bookings
  for (const char* day : {"2026-12-02", "2026-12-03", "2026-12-04"}) {
    ASSERT_EQ(builder.post("/api/v1/bookings", booking("flr_technik_2-01", day)).status, 201) << day;
  }
  expect_refused(builder.post("/api/v1/bookings", booking("flr_technik_2-01", "2026-12-07")), 409, "too_many_upcoming");
}

TEST(Bookings, AccessibleDesksAreHeldForPeopleWhoNeedThem) {
  TestServer server;
  auto demo = server.client_for("demo");
  expect_refused(demo.post("/api/v1/bookings", booking(kAccessibleDesk, "2026-12-02")), 409, "accessible_held");
  const auto availability = demo.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-02");
  EXPECT_EQ(resource_in(availability, kAccessibleDesk)["state"], "held");
  // Within the last 24 hours before the start anyone may take it rather than leave it empty.
  EXPECT_EQ(demo.post("/api/v1/bookings", booking(kAccessibleDesk, "2026-12-01")).status, 201);
  auto needs_one = server.client_for(employee(7));
  EXPECT_EQ(needs_one.post("/api/v1/bookings", booking(kAccessibleDesk, "2026-12-02")).status, 201);
}

TEST(Bookings, InvalidRequestsAreRefusedBeforeAnyRule) {
  TestServer server;
  auto demo = server.client_for("demo");
  expect_refused(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02", "17:00", "08:00")), 422,
                 "invalid_time_range");
  expect_refused(
      demo.post("/api/v1/bookings",
                Json{{"resource_id", kDesk}, {"start", at("2026-12-02", "20:00")}, {"end", at("2026-12-03", "08:00")}}),
      422, "invalid_time_range");
  Json extra = booking(kDesk, "2026-12-02");
  extra["note"] = "window seat";
  expect_refused(demo.post("/api/v1/bookings", extra), 422, "unknown_field");
  expect_refused(demo.post("/api/v1/bookings", Json{{"resource_id", kDesk}}), 422, "missing_field");
  expect_refused(demo.post("/api/v1/bookings", booking("no_such_desk", "2026-12-02")), 404, "resource_not_found");
  // The end of the day may be written as the next midnight.
  EXPECT_EQ(
      demo.post("/api/v1/bookings",
                Json{{"resource_id", kDesk}, {"start", at("2026-12-02", "18:00")}, {"end", at("2026-12-03", "00:00")}})
          .status,
      201);
}

TEST(Bookings, ListingNeedsASensibleRange) {
  TestServer server;
  auto demo = server.client_for("demo");
  expect_refused(demo.get("/api/v1/bookings?from=2026-12-01"), 400, "invalid_parameter");
  expect_refused(demo.get("/api/v1/bookings?from=2026-12-10&to=2026-12-01"), 400, "invalid_parameter");
  expect_refused(demo.get("/api/v1/bookings?from=2026-02-30&to=2026-12-01"), 400, "invalid_parameter");
  expect_refused(demo.get("/api/v1/bookings?from=2026-01-01&to=2027-01-02"), 400, "invalid_parameter");
  EXPECT_EQ(demo.get("/api/v1/bookings?from=2026-01-01&to=2027-01-01").status, 200);
}

TEST(Bookings, OtherPeoplesBookingsStayPrivate) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto mine = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-01"));
  ASSERT_EQ(mine.status, 201) << mine.raw;
  const std::string id = mine.body["id"];

  auto colleague = server.client_for(employee(1));
  expect_refused(colleague.del("/api/v1/bookings/" + id), 404, "booking_not_found");
  server.clock().advance(minutes{50});  // 07:50, check-in is open
  expect_refused(colleague.post("/api/v1/bookings/" + id + "/check-in", Json{}), 404, "booking_not_found");
  const auto theirs = colleague.get("/api/v1/bookings?from=2026-12-01&to=2026-12-31");
  ASSERT_EQ(theirs.status, 200);
  EXPECT_TRUE(theirs.body.empty()) << theirs.raw;

  const auto seen_by_colleague = colleague.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-01");
  ASSERT_EQ(seen_by_colleague.status, 200) << seen_by_colleague.raw;
  EXPECT_EQ(resource_in(seen_by_colleague, kDesk)["state"], "taken");
  EXPECT_EQ(resource_in(seen_by_colleague, kOtherDesk)["state"], "free");
  for (const char* who : {"emp_", "Alex", "Demir", id.c_str()}) {
    EXPECT_EQ(seen_by_colleague.raw.find(who), std::string::npos) << who;
  }
  const auto seen_by_demo = demo.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-01");
  EXPECT_EQ(resource_in(seen_by_demo, kDesk)["state"], "mine");
  EXPECT_EQ(resource_in(seen_by_demo, kDesk)["am"], "mine");
  expect_refused(demo.get("/api/v1/buildings/bld_nowhere/availability?date=2026-12-01"), 404, "building_not_found");
}

TEST(Bookings, AvailabilityShowsHalfDays) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02", "08:00", "12:00")).status, 201);
  const auto availability = demo.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-02");
  const Json& desk = resource_in(availability, kDesk);
  EXPECT_EQ(desk["am"], "mine");
  EXPECT_EQ(desk["pm"], "free");
  EXPECT_EQ(desk["state"], "partly_free");
  const auto saturday = demo.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-05");
  EXPECT_EQ(resource_in(saturday, kDesk)["state"], "closed");
}

TEST(Bookings, CancellingFreesTheDesk) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto created = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02"));
  const std::string path = "/api/v1/bookings/" + created.body["id"].get<std::string>();
  EXPECT_EQ(demo.del(path).status, 204);
  expect_refused(demo.del(path), 409, "booking_not_active");
  const auto list = demo.get("/api/v1/bookings?from=2026-12-02&to=2026-12-02");
  EXPECT_EQ(list.body[0]["state"], "cancelled");
  auto colleague = server.client_for(employee(1));
  EXPECT_EQ(colleague.post("/api/v1/bookings", booking(kDesk, "2026-12-02")).status, 201);
}

TEST(Bookings, CheckInWindowAndReleaseOfNoShows) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for(employee(1));
  const auto mine = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-01"));
  const auto theirs = colleague.post("/api/v1/bookings", booking(kOtherDesk, "2026-12-01"));
  ASSERT_EQ(theirs.status, 201) << theirs.raw;
  const std::string my_check_in = "/api/v1/bookings/" + mine.body["id"].get<std::string>() + "/check-in";
  const std::string their_check_in = "/api/v1/bookings/" + theirs.body["id"].get<std::string>() + "/check-in";

  server.clock().advance(minutes{44});  // 07:44, opens at 07:45
  expect_refused(demo.post(my_check_in, Json{}), 409, "check_in_not_open");
  server.clock().advance(minutes{6});  // 07:50
  const auto checked_in = demo.post(my_check_in, Json{});
  ASSERT_EQ(checked_in.status, 200) << checked_in.raw;
  EXPECT_EQ(checked_in.body["state"], "checked_in");

  server.clock().advance(minutes{40});  // 08:30, the colleague never came
  expect_refused(colleague.post(their_check_in, Json{}), 409, "check_in_closed");
  server.server().run_maintenance_now();
  const auto list = colleague.get("/api/v1/bookings?from=2026-12-01&to=2026-12-01");
  EXPECT_EQ(list.body[0]["state"], "released");
  expect_refused(colleague.post(their_check_in, Json{}), 409, "check_in_closed");
  const auto availability = demo.get("/api/v1/buildings/bld_rathaus/availability?date=2026-12-01");
  EXPECT_EQ(resource_in(availability, kOtherDesk)["state"], "free");
  EXPECT_EQ(resource_in(availability, kDesk)["state"], "mine");
  EXPECT_EQ(demo.get("/api/v1/bookings?from=2026-12-01&to=2026-12-01").body[0]["state"], "checked_in");
}

TEST(Bookings, OldBookingsAreDeletedAfterTheRetentionPeriod) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02")).status, 201);
  const std::string range = "/api/v1/bookings?from=2026-12-01&to=2026-12-31";

  server.clock().advance(days{90});  // the booking ended 89 days and 14 hours ago
  server.server().run_maintenance_now();
  EXPECT_EQ(sign_in(server, "demo").get(range).body.size(), 1U);

  server.clock().advance(days{2});
  server.server().run_maintenance_now();
  const auto after = sign_in(server, "demo").get(range);
  ASSERT_EQ(after.status, 200) << after.raw;
  EXPECT_TRUE(after.body.empty()) << after.raw;
}

TEST(Bookings, IdempotentRetryBooksOnce) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::map<std::string, std::string> key{{"Idempotency-Key", "book-wednesday"}};
  const auto first = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02"), key);
  const auto again = demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02"), key);
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body["id"], first.body["id"]);
  EXPECT_EQ(demo.get("/api/v1/bookings?from=2026-12-02&to=2026-12-02").body.size(), 1U);
  expect_refused(demo.post("/api/v1/bookings", booking(kOtherDesk, "2026-12-03"), key), 422, "idempotency_key_reused");
}

TEST(Bookings, PolicyExplainsTheRules) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.post("/api/v1/bookings", booking(kDesk, "2026-12-02")).status, 201);
  const auto response = demo.get("/api/v1/me/policy");
  ASSERT_EQ(response.status, 200) << response.raw;
  const Json& p = response.body;
  EXPECT_EQ(p["today"], "2026-12-01");
  EXPECT_EQ(p["department_id"], "dep_digital");
  EXPECT_EQ(p["days_ahead"], 28);
  EXPECT_EQ(p["max_upcoming"], 20);
  EXPECT_EQ(p["upcoming"], 1);
  EXPECT_EQ(p["bookable_weekdays"], Json::parse("[1, 2, 3, 4, 5]"));
  EXPECT_EQ(p["slots"]["am"], Json::parse(R"({"start": "08:00", "end": "12:00"})"));
  EXPECT_EQ(p["check_in"], Json::parse(R"({"opens_minutes_before": 15, "closes_minutes_after": 30})"));
  EXPECT_EQ(p["remote_share"], Json::parse(R"({"max_percent": 40, "over_quota": "needs_approval"})"));
  EXPECT_EQ(p["accessible_hold_hours"], 24);
  EXPECT_EQ(p["retention_days"], 90);
  EXPECT_EQ(p["horizon"], Json::parse(R"({"from": "2026-12-01", "to": "2026-12-29"})"));
  ASSERT_EQ(p["holidays"].size(), 2U);
  EXPECT_EQ(p["holidays"][0]["date"], "2026-12-25");
  EXPECT_EQ(p["holidays"][0]["kind"], "christmas_day");
  EXPECT_EQ(p["holidays"][0]["name"], "Christmas Day");
  EXPECT_EQ(p["holidays"][1]["kind"], "second_christmas_day");
  EXPECT_TRUE(p["closures"].empty());
}

// Signs in employees 1..count; a failed sign-in leaves its token empty.
std::vector<std::string> sign_in_employees(TestServer& server, std::size_t count) {
  std::vector<std::string> tokens(count);
  // Sign-ins hash a password (~0.15 s each): eight at a time.
  constexpr std::size_t kSignInThreads = 8;
  std::vector<ApiClient> signing_clients;
  for (std::size_t t = 0; t < kSignInThreads; ++t) signing_clients.push_back(server.anonymous());
  std::vector<std::thread> signing;
  for (std::size_t t = 0; t < kSignInThreads; ++t) {
    signing.emplace_back([&, t] {
      for (std::size_t i = t; i < count; i += kSignInThreads) {
        try {
          const auto response = signing_clients[t].post(
              "/api/v1/session", Json{{"username", employee(static_cast<int>(i) + 1)}, {"password", "demo"}});
          if (response.status == 201) tokens[i] = response.body["token"].get<std::string>();
        } catch (const std::exception& e) {
          ADD_FAILURE() << employee(static_cast<int>(i) + 1) << ": " << e.what();
        }
      }
    });
  }
  for (auto& thread : signing) thread.join();
  return tokens;
}

// Books the rushed desk, retrying a connection that was reset or closed before it answered
// until the server answers or a generous deadline passes, not for a fixed number of attempts.
ApiResponse book_until_answered(ApiClient& client, const std::string& idempotency_key) {
  const std::map<std::string, std::string> key{{"Idempotency-Key", idempotency_key}};
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  ApiResponse answer;
  for (int attempt = 0; answer.status == 0 && std::chrono::steady_clock::now() < give_up; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds{std::min(100 * attempt, 1000)});
    try {
      answer = client.post("/api/v1/bookings", booking(kDesk, "2026-12-02"), key);
    } catch (const std::exception& e) {
      answer.raw = e.what();  // status 0: counted as neither outcome by the caller
    }
  }
  return answer;
}

TEST(Bookings, ConcurrentRushForOneDeskHasExactlyOneWinner) {
  constexpr std::size_t kPeople = 64;
  TestServer server;

  const std::vector<std::string> tokens = sign_in_employees(server, kPeople);
  for (std::size_t i = 0; i < kPeople; ++i) ASSERT_FALSE(tokens[i].empty()) << employee(static_cast<int>(i) + 1);

  std::vector<ApiClient> clients;
  for (const auto& token : tokens) {
    clients.push_back(server.anonymous());
    clients.back().set_token(token);
  }
  std::latch start{static_cast<std::ptrdiff_t>(kPeople)};
  std::vector<ApiResponse> answers(kPeople);
  std::vector<std::thread> rushing;
  for (std::size_t i = 0; i < kPeople; ++i) {
    rushing.emplace_back([&, i] {
      // No connection is opened before the start: the server closes idle keep-alive
      // connections after a few seconds, and waiting at the latch may take that long.
      start.arrive_and_wait();
      // 64 connections opened at once can overflow the listen queue, and such a connection is
      // reset or closed before an answer arrives (more often on a slow sanitizer build under
      // load). A client then retries as real ones do (the sync engine: four attempts with
      // backoff): with the same Idempotency-Key, which can never book twice.
      answers[i] = book_until_answered(clients[i], "rush-" + std::to_string(i));
    });
  }
  for (auto& thread : rushing) thread.join();

  int booked = 0;
  int taken = 0;
  for (const auto& answer : answers) {
    if (answer.status == 201) {
      ++booked;
    } else if (answer.status == 409 && answer.code() == "desk_taken") {
      ++taken;
    } else {
      ADD_FAILURE() << answer.status << " " << answer.raw;
    }
  }
  EXPECT_EQ(booked, 1);
  EXPECT_EQ(taken, static_cast<int>(kPeople) - 1);

  // The database itself, not only the answers, holds exactly one booking.
  auto db = sql::Connection::open(server.data_dir() / "stellwerk-server.db", sql::Connection::Mode::read_only);
  sql::Statement count{db,
                       "SELECT COUNT(*) FROM bookings WHERE resource_id = ? AND day = '2026-12-02' "
                       "AND state IN ('booked', 'checked_in')"};
  count.bind_all(kDesk);
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.integer(0), 1);
}

}  // namespace
}  // namespace stellwerk::server::testing
