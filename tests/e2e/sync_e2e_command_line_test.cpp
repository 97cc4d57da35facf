// End-to-end: the real `stellwerk` command line against the real server through the fault proxy
// (sync_e2e_fixture.hpp). A wrong command line fails at once with one line and queues nothing;
// the JSON outputs have exactly the documented members; `resources` lists places and states.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "sync_e2e_fixture.hpp"

namespace stellwerk::e2e {
namespace {

// --- e. The command line's own errors -----------------------------------------------------------

bool one_line(const std::string& text) {
  const std::string t = trimmed(text);
  return !t.empty() && t.find('\n') == std::string::npos;
}

// A wrong command line fails with exit 2 and one line on stderr, prints nothing on stdout and
// queues nothing.
TEST_F(SyncEndToEnd, WrongCommandLinesExitTwoWithOneLineAndQueueNothing) {
  Cli cli{"employee0005", proxy_.url()};
  login(cli);
  const std::vector<std::vector<std::string>> wrong{
      {"frobnicate"},
      {"book", "--resource", "flr_rathaus_eg-05", "--date", "2026-02-30"},
      {"book", "--resource", "flr_rathaus_eg-05", "--date", "2026-12-03", "--slot", "evening"},
      {"book", "--date", "2026-12-03"},
      {"plan", "2026-12-03", "sleeping"},
      {"plan", "2026-13-01", "office"},
      {"workdays", "--from", "2026-12-01", "--to", "2026-12-32", "--json"},
      // A place the cache does not know is refused at once instead of coming back refused later.
      {"book", "--resource", "no-such-place", "--date", "2026-12-03"},
      {"resources", "--building", "no-such-building"},
      {"resources", "--date", "2026-02-30"},
      {"--server", "not a server", "sync"},
      {"--server", "ftp://example.org", "status"},
      {"--server", "http://example.org", "login", "demo"},
  };
  for (const auto& args : wrong) {
    const CliRun r = cli.run(args);
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    EXPECT_TRUE(one_line(r.err)) << "not one line on stderr: " << r.describe();
    EXPECT_EQ(r.out, "") << r.describe();
  }
  expect_status(cli, 0, true, 0);
  CliRun r;
  const Json outbox = cli.json({"outbox", "--json"}, &r);
  ASSERT_TRUE(outbox.is_array()) << r.describe();
  EXPECT_EQ(outbox.size(), 0u) << outbox.dump();
}

std::set<std::string> keys_of(const Json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

// The JSON outputs parse, alone on stdout, with exactly the documented members.
TEST_F(SyncEndToEnd, JsonOutputsHaveExactlyTheDocumentedMembers) {
  Cli cli{"employee0006", proxy_.url()};
  login(cli);
  CliRun r;
  const Json status = cli.json({"status", "--json"}, &r);
  ASSERT_TRUE(status.is_object()) << r.describe();
  EXPECT_EQ(keys_of(status), (std::set<std::string>{"online", "pending", "rejected", "last_sync", "cursor"}));
  EXPECT_TRUE(status["online"].is_boolean());
  EXPECT_TRUE(status["pending"].is_number_integer());
  EXPECT_TRUE(status["rejected"].is_number_integer());
  EXPECT_TRUE(status["last_sync"].is_string()) << "login syncs, so there is a last sync: " << status.dump();
  EXPECT_TRUE(status["cursor"].is_string()) << status.dump();
  if (status["last_sync"].is_string()) {
    EXPECT_TRUE(parse_rfc3339(status["last_sync"].get<std::string>())) << status.dump();
  }

  ASSERT_EQ(cli.run({"book", "--resource", "flr_rathaus_eg-06", "--date", "2026-12-03", "--slot", "am"}).exit_code, 0);
  ASSERT_EQ(cli.run({"plan", "2026-12-03", "office"}).exit_code, 0);
  const Json bookings = cli.json({"bookings", "--from", "2026-12-01", "--to", "2026-12-31", "--json"}, &r);
  ASSERT_TRUE(bookings.is_array() && bookings.size() == 1) << r.describe();
  EXPECT_EQ(keys_of(bookings[0]), (std::set<std::string>{"id", "resource_id", "start", "end", "state", "pending"}));
  EXPECT_TRUE(bookings[0]["pending"].get<bool>());
  EXPECT_EQ(bookings[0]["state"], "booked");
  EXPECT_TRUE(bookings[0]["start"].get<std::string>().ends_with("Z")) << "times are RFC 3339 UTC: " << bookings.dump();

  const Json workdays = cli.json({"workdays", "--from", "2026-12-01", "--to", "2026-12-31", "--json"}, &r);
  ASSERT_TRUE(workdays.is_array() && workdays.size() == 1) << r.describe();
  EXPECT_EQ(keys_of(workdays[0]), (std::set<std::string>{"date", "half", "mode", "kind", "pending"}));

  const Json outbox = cli.json({"outbox", "--json"}, &r);
  ASSERT_TRUE(outbox.is_array() && outbox.size() == 2) << r.describe();
  for (const auto& entry : outbox) {
    EXPECT_EQ(keys_of(entry),
              (std::set<std::string>{"mutation_id", "method", "path", "state", "idempotency_key", "problem"}));
    EXPECT_EQ(entry["state"], "pending");
    EXPECT_TRUE(entry["problem"].is_null());
  }
  expect_status(cli, 2, true, 0);

  const Json places = cli.json({"resources", "--date", "2026-12-03", "--json"}, &r);
  ASSERT_TRUE(places.is_array() && !places.empty()) << r.describe();
  for (const auto& place : places) {
    EXPECT_EQ(keys_of(place), (std::set<std::string>{"id", "type", "name", "building_id", "floor_id", "features", "state",
                                                     "reason", "booking_id"}));
  }
}

// `stellwerk resources` lists every cached place with the id to book it by and its state on a
// day, as the window's floor plan shows it: a colleague's booking is "taken", a booking queued
// here is "pending" with its id until the server confirms it ("mine"), and a Saturday says why
// nothing can be booked.
// The listing judges "past" by the client's own clock, so this test's server runs on real time.
TEST(SyncEndToEndLive, ResourcesListsPlacesAndTheirStatesSoBookingNeedsNoApi) {
  TestServer live{server::DemoScale::small, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
  Cli cli{"employee0007", fmt::format("http://127.0.0.1:{}", live.port())};
  ApiClient api = live.client_for("employee0007");
  const Policy policy = read_policy(api);
  const auto days = policy.bookable_days();
  ASSERT_GE(days.size(), 2u);
  const Date day = days[1];
  ApiClient colleague = live.client_for("employee0008");
  const std::string taken_desk = "flr_rathaus_eg-03";
  const ApiResponse booked = colleague.post(
      "/api/v1/bookings", Json{{"resource_id", taken_desk},
                               {"start", to_rfc3339(to_instant(day, 8 * 60))},
                               {"end", to_rfc3339(to_instant(day, 12 * 60))}});
  ASSERT_EQ(booked.status, 201) << booked.raw;
  ASSERT_EQ(cli.login().exit_code, 0);

  CliRun r;
  const auto state_of = [&](const Json& places, const std::string& id) -> Json {
    for (const auto& place : places) {
      if (place["id"] == id) return place;
    }
    return Json{};
  };
  Json places = cli.json({"resources", "--date", format_date(day), "--json"}, &r);
  ASSERT_TRUE(places.is_array()) << r.describe();
  EXPECT_EQ(state_of(places, taken_desk)["state"], "taken") << places.dump();
  const std::string free_desk = "flr_rathaus_eg-04";
  ASSERT_EQ(state_of(places, free_desk)["state"], "free") << places.dump();

  const CliRun book = cli.run({"book", "--resource", free_desk, "--date", format_date(day)});
  ASSERT_EQ(book.exit_code, 0) << book.describe();
  places = cli.json({"resources", "--date", format_date(day), "--json"}, &r);
  EXPECT_EQ(state_of(places, free_desk)["state"], "pending") << places.dump();
  EXPECT_EQ(state_of(places, free_desk)["booking_id"], trimmed(book.out)) << places.dump();
  ASSERT_EQ(cli.sync().exit_code, 0);
  places = cli.json({"resources", "--date", format_date(day), "--json"}, &r);
  EXPECT_EQ(state_of(places, free_desk)["state"], "mine") << places.dump();

  // One building only, and a day on which the department books nothing, with the reason.
  const std::string building = state_of(places, free_desk)["building_id"].get<std::string>();
  places = cli.json({"resources", "--building", building, "--date", format_date(policy.weekend_day()), "--json"}, &r);
  ASSERT_TRUE(places.is_array() && !places.empty()) << r.describe();
  for (const auto& place : places) {
    EXPECT_EQ(place["building_id"], building);
    EXPECT_EQ(place["state"], "unavailable") << place.dump();
    EXPECT_EQ(place["reason"], "weekday_not_bookable") << place.dump();
  }
  const CliRun text = cli.run({"resources", "--date", format_date(day)});
  ASSERT_EQ(text.exit_code, 0) << text.describe();
  EXPECT_NE(text.out.find(free_desk), std::string::npos) << text.describe();
}

}  // namespace
}  // namespace stellwerk::e2e
