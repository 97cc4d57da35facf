// Several programs on one data folder against the real server: the window's engine (Worker and
// SyncLoop in a process of its own, e2e_window_engine) and the `stellwerk` command line make
// interleaved changes on one folder for about a minute, and either side is killed with SIGKILL
// at random points — the engine a moment after a change (while its sync thread may be sending),
// a `stellwerk sync` at a random moment of its run. Afterwards one clean sync, and then every
// change must be on the server exactly once (nothing lost, nothing doubled, nothing refused as a
// reused Idempotency-Key), and the engine's store, the command line's and the server agree.
//
// Only changes whose command had answered are part of the intent: the engine is killed only
// between commands, and the command line's change commands always run to their end.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cli_process.hpp"
#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::e2e {
namespace {

using server::testing::ApiClient;
using server::testing::TestServer;

// The window's engine speaks through stdin and stdout; its complaints go to the test's log.
constexpr Streams kEngineStreams{.in = Stream::pipe, .out = Stream::pipe, .err = Stream::inherit};

// Long because: one run of about a minute told in order (set-up, the random interleaving of both
// programs and their kills, then the server and both stores against what was asked), whose steps
// share a dozen local tallies; cut into functions it would read as a list of parameters.
TEST(MultiProcessEndToEnd, WindowEngineAndCommandLineOnOneFolderWithKillsLoseAndDoubleNothing) {
  const auto started = SteadyClock::now();
  const char* seed_text = std::getenv("STELLWERK_E2E_SEED");
  const std::uint64_t seed = seed_text != nullptr ? std::strtoull(seed_text, nullptr, 10) : 20261204;
  std::mt19937_64 random{seed};
  // STELLWERK_E2E_SCALE shrinks the minute, as for the other e2e tests.
  const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(60s * scale());
  std::cout << "multi-process test: seed " << seed << " (STELLWERK_E2E_SEED replays it)\n";

  TestServer server;
  TempDir home("stellwerk-e2e-multi");
  const fs::path data = home.path() / "data";
  const std::vector<std::string> env = client_environment(home.path(), {{"LANG", "C"}});
  const std::string url = fmt::format("http://127.0.0.1:{}", server.port());
  const auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {STELLWERK_CLIENT_BINARY, "--data", data.string()});
    Child p{args, env, Streams{.out = Stream::pipe, .err = Stream::inherit}};
    return p.finish(600s);
  };
  ASSERT_EQ(cli({"--server", url, "login", "employee0002"}).exit_code, 0);

  // Days and desks: the person's bookable weekdays within the horizon, no holidays.
  ApiClient api = server.client_for("employee0002");
  const Json policy = api.get("/api/v1/me/policy").body;
  const Date today = *parse_date(policy["today"].get<std::string>());
  const Date last = *parse_date(policy["horizon"]["to"].get<std::string>());
  const int max_upcoming = policy["max_upcoming"].get<int>();
  std::set<int> weekdays;
  for (const auto& d : policy["bookable_weekdays"]) weekdays.insert(d.get<int>());
  std::set<std::string> holidays;
  for (const auto& h : policy["holidays"]) holidays.insert(h["date"].get<std::string>());
  std::vector<Date> days;
  for (Date d = add_days(today, 1); d <= last; d = add_days(d, 1)) {
    if (weekdays.contains(weekday_index(d) + 1) && !holidays.contains(format_date(d))) days.push_back(d);
  }
  ASSERT_GE(days.size(), 8U);
  const std::array modes{"office", "training", "travel", "leave"};  // never over a remote quota

  // What was asked for: the last plan per day, and every booking (resource, start) once.
  std::map<std::string, std::string> plans;
  std::set<std::pair<std::string, Instant>> bookings;
  std::size_t next_slot = 0;
  int engine_changes = 0, cli_changes = 0, engine_kills = 0, cli_syncs = 0, cli_syncs_killed = 0;

  const std::vector<std::string> engine_args{STELLWERK_WINDOW_ENGINE, data.string()};
  std::unique_ptr<Child> engine;
  const auto start_engine = [&] {
    engine = std::make_unique<Child>(engine_args, env, kEngineStreams);
    return engine->line().value_or("(nothing)");
  };
  ASSERT_EQ(start_engine(), "ready");

  while (SteadyClock::now() - started < duration) {
    const int pick = std::uniform_int_distribution<int>{0, 99}(random);
    const Date day = days[std::uniform_int_distribution<std::size_t>{0, days.size() - 1}(random)];
    const std::string mode = modes[std::uniform_int_distribution<std::size_t>{0, modes.size() - 1}(random)];
    const bool can_book = static_cast<int>(bookings.size()) < max_upcoming - 1 && next_slot < 2 * days.size();
    if (pick < 40 || (pick < 50 && !can_book)) {
      engine->send(fmt::format("plan {} {}", format_date(day), mode));
      ASSERT_EQ(engine->line().value_or("(nothing)"), "ok");
      plans[format_date(day)] = mode;
      ++engine_changes;
    } else if (pick < 65 || (pick < 75 && !can_book)) {
      const CliRun run = cli({"plan", format_date(day), mode});
      ASSERT_EQ(run.exit_code, 0) << run.out;
      plans[format_date(day)] = mode;
      ++cli_changes;
    } else if (pick < 75) {
      // A booking of a slot nobody has: each (desk, day, half) once.
      const Date slot_day = days[(next_slot / 2) % days.size()];
      const std::string half = next_slot % 2 == 0 ? "am" : "pm";
      const std::string desk = fmt::format("flr_rathaus_eg-{:02}", 1 + next_slot % 24);
      ++next_slot;
      const auto& slot = policy["slots"][half];
      const std::string wall = slot["start"].get<std::string>();  // "HH:MM"
      const auto minute = static_cast<MinuteOfDay>(std::stoi(wall.substr(0, 2)) * 60 + std::stoi(wall.substr(3, 2)));
      const Instant start = to_instant(slot_day, minute);
      if (pick < 70) {
        engine->send(fmt::format("book {} {} {}", desk, format_date(slot_day), half));
        ASSERT_EQ(engine->line().value_or("(nothing)").rfind("ok ", 0), 0U);
        ++engine_changes;
      } else {
        const CliRun run = cli({"book", "--resource", desk, "--date", format_date(slot_day), "--slot", half});
        ASSERT_EQ(run.exit_code, 0) << run.out;
        ++cli_changes;
      }
      bookings.emplace(desk, start);
    } else if (pick < 90) {
      // `stellwerk sync` killed at a random moment of its run, or left to finish.
      std::vector<std::string> args{STELLWERK_CLIENT_BINARY, "--data", data.string(), "sync"};
      Child sync{args, env, Streams{.out = Stream::pipe, .err = Stream::inherit}};
      std::this_thread::sleep_for(std::chrono::microseconds{std::uniform_int_distribution<int>{0, 150'000}(random)});
      sync.kill9();
      ++cli_syncs;
      if (sync.wait() == 128 + SIGKILL) ++cli_syncs_killed;
    } else {
      // The engine killed a moment after its last change, while its sync thread may be sending.
      std::this_thread::sleep_for(std::chrono::microseconds{std::uniform_int_distribution<int>{0, 100'000}(random)});
      engine->kill9();
      engine->wait();
      ++engine_kills;
      ASSERT_EQ(start_engine(), "ready");
    }
  }
  std::cout << fmt::format("multi-process test: {} changes by the engine, {} by the command line, {} bookings; "
                           "engine killed {} times, {} command-line syncs ({} of them killed) in {:.0f} s\n",
                           engine_changes, cli_changes, bookings.size(), engine_kills, cli_syncs, cli_syncs_killed,
                           std::chrono::duration<double>(SteadyClock::now() - started).count());
  EXPECT_GT(engine_kills, 0) << "the engine was never killed: the test proved less than it claims";

  // One clean sync from each side.
  const CliRun clean = cli({"sync"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  engine->send("settle");
  EXPECT_EQ(engine->line().value_or("(nothing)"), "settled");
  const CliRun status = cli({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.out;
  const Json state = Json::parse(status.out);
  EXPECT_EQ(state["pending"].get<int>(), 0) << status.out;
  EXPECT_EQ(state["rejected"].get<int>(), 0) << "a change was refused (a reused Idempotency-Key?): "
                                             << cli({"outbox", "--json"}).out;

  // The server: every plan as last asked, every booking exactly once.
  const std::string range = fmt::format("from={}&to={}", format_date(today), format_date(add_days(last, 1)));
  std::map<std::string, std::string> server_plans;
  const auto server_workdays = api.get("/api/v1/workdays?" + range);
  ASSERT_EQ(server_workdays.status, 200) << server_workdays.raw;
  for (const auto& w : server_workdays.body["workdays"]) {
    if (w.value("kind", "") == "planned" && w.value("half", "") == "day") server_plans[w["date"].get<std::string>()] = w["mode"].get<std::string>();
  }
  for (const auto& [date, mode] : plans) {
    const auto it = server_plans.find(date);
    EXPECT_EQ(it == server_plans.end() ? "(none)" : it->second, mode) << "the plan of " << date << " was lost";
  }
  std::map<std::pair<std::string, Instant>, int> server_bookings;
  const auto server_bookings_response = api.get("/api/v1/bookings?" + range);
  ASSERT_EQ(server_bookings_response.status, 200) << server_bookings_response.raw;
  for (const auto& b : server_bookings_response.body) {
    if (b.value("state", "") == "cancelled") continue;
    ++server_bookings[{b["resource_id"].get<std::string>(), parse_rfc3339(b["start"].get<std::string>()).value_or(Instant{})}];
  }
  for (const auto& booking : bookings) {
    const auto it = server_bookings.find(booking);
    EXPECT_EQ(it == server_bookings.end() ? 0 : it->second, 1) << booking.first << " at " << to_rfc3339(booking.second);
  }
  EXPECT_EQ(server_bookings.size(), bookings.size()) << "the server holds bookings nobody made";

  // Both sides show the same as the server.
  engine->send(fmt::format("workdays {} {}", format_date(today), format_date(last)));
  std::map<std::string, std::string> engine_plans;
  for (auto l = engine->line(); l && *l != "end"; l = engine->line()) {
    std::istringstream in{*l};
    std::string date, half, mode, kind;
    in >> date >> half >> mode >> kind;
    if (kind == "planned" && half == "day") engine_plans[date] = mode;
  }
  EXPECT_EQ(engine_plans, server_plans) << "the engine's store differs from the server";
  const CliRun cli_workdays = cli({"workdays", "--from", format_date(today), "--to", format_date(last), "--json"});
  ASSERT_EQ(cli_workdays.exit_code, 0) << cli_workdays.out;
  std::map<std::string, std::string> cli_plans;
  for (const auto& w : Json::parse(cli_workdays.out)) {
    if (w.value("kind", "") == "planned" && w.value("half", "") == "day") cli_plans[w["date"].get<std::string>()] = w["mode"].get<std::string>();
  }
  EXPECT_EQ(cli_plans, server_plans) << "the command line's store differs from the server";

  engine->send(fmt::format("bookings {} {}", format_date(today), format_date(last)));
  std::set<std::pair<std::string, std::int64_t>> engine_bookings;
  for (auto l = engine->line(); l && *l != "end"; l = engine->line()) {
    std::istringstream in{*l};
    std::string resource, booking_state;
    std::int64_t start = 0;
    in >> resource >> start >> booking_state;
    if (booking_state != "cancelled") engine_bookings.emplace(resource, start);
  }
  std::set<std::pair<std::string, std::int64_t>> expected_bookings;
  for (const auto& [resource, start] : bookings) {
    expected_bookings.emplace(resource, std::chrono::duration_cast<std::chrono::seconds>(start.time_since_epoch()).count());
  }
  EXPECT_EQ(engine_bookings, expected_bookings) << "the engine's bookings differ from what was booked";
  const CliRun cli_bookings = cli({"bookings", "--from", format_date(today), "--to", format_date(last), "--json"});
  ASSERT_EQ(cli_bookings.exit_code, 0) << cli_bookings.out;
  std::set<std::pair<std::string, std::int64_t>> cli_booked;
  for (const auto& b : Json::parse(cli_bookings.out)) {
    if (b.value("state", "") == "cancelled") continue;
    const Instant start = parse_rfc3339(b.value("start", "")).value_or(Instant{});
    cli_booked.emplace(b.value("resource_id", ""),
                       std::chrono::duration_cast<std::chrono::seconds>(start.time_since_epoch()).count());
  }
  EXPECT_EQ(cli_booked, expected_bookings) << "the command line's bookings differ from what was booked";
  engine->close_input();
  EXPECT_EQ(engine->wait(), 0);
}

}  // namespace
}  // namespace stellwerk::e2e
