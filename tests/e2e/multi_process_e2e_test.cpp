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
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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

#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

extern char** environ;

namespace stellwerk::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using server::testing::ApiClient;
using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using SteadyClock = std::chrono::steady_clock;

// A child with its stdin and stdout on pipes and stderr to ours. The destructor kills and reaps.
class Process {
 public:
  Process(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    int in[2];
    int out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::vector<std::string> a = args;
    std::vector<std::string> e = env;
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& s : e) envp.push_back(s.data());
    envp.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    in_ = in[1];
    out_ = out[0];
    if (rc != 0) {
      pid_ = -1;
      throw std::runtime_error("cannot start " + args.front());
    }
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() {
    kill9();
    wait();
    if (in_ >= 0) ::close(in_);
    if (out_ >= 0) ::close(out_);
  }

  void send(const std::string& line) {
    const std::string text = line + "\n";
    if (::write(in_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      throw std::runtime_error("the child no longer reads its input");
    }
  }
  void close_input() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
  }
  // The next line of output; nullopt at its end or when none came within `timeout` (a bound
  // against a hanging child only).
  std::optional<std::string> line(std::chrono::milliseconds timeout = 120s) {
    const auto deadline = SteadyClock::now() + timeout;
    for (;;) {
      if (const auto newline = buffer_.find('\n'); newline != std::string::npos) {
        std::string text = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return text;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left <= 0ms) return std::nullopt;
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const ssize_t got = ::read(out_, chunk, sizeof chunk);
      if (got <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }
  std::string rest() {
    std::string all;
    while (auto l = line()) all += *l + "\n";
    return all;
  }
  void kill9() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }
  // Reaps the child: its exit code, or 128 + signal.
  int wait() {
    if (pid_ <= 0) return status_;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int status_ = -1;
  std::string buffer_;
};

std::vector<std::string> environment_for(const fs::path& home) {
  std::map<std::string, std::string> values;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry{*e};
    if (const auto eq = entry.find('='); eq != std::string::npos) values[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  values["STELLWERK_PASSWORD"] = "demo";
  values["LANG"] = "C";
  for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"}) {
    values[name] = (home / name).string();
  }
  std::vector<std::string> env;
  for (const auto& [name, value] : values) env.push_back(name + "=" + value);
  return env;
}

struct CliRun {
  int code = -1;
  std::string out;
};

TEST(MultiProcessEndToEnd, WindowEngineAndCommandLineOnOneFolderWithKillsLoseAndDoubleNothing) {
  const auto started = SteadyClock::now();
  const char* seed_text = std::getenv("STELLWERK_E2E_SEED");
  const std::uint64_t seed = seed_text != nullptr ? std::strtoull(seed_text, nullptr, 10) : 20261204;
  std::mt19937_64 random{seed};
  // STELLWERK_E2E_SCALE shrinks the minute, as for the other e2e tests (0.25 in sanitizer builds,
  // whose processes start several times slower).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  double scale = 0.25;
#else
  double scale = 1.0;
#endif
  if (const char* text = std::getenv("STELLWERK_E2E_SCALE"); text != nullptr && std::strtod(text, nullptr) > 0) {
    scale = std::strtod(text, nullptr);
  }
  const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(60s * std::min(scale, 1.0));
  std::cout << "multi-process test: seed " << seed << " (STELLWERK_E2E_SEED replays it)\n";

  TestServer server;
  TempDir home("stellwerk-e2e-multi");
  const fs::path data = home.path() / "data";
  const auto env = environment_for(home.path());
  const std::string url = fmt::format("http://127.0.0.1:{}", server.port());
  const auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {STELLWERK_CLIENT_BINARY, "--data", data.string()});
    Process p{args, env};
    p.close_input();
    CliRun run;
    run.out = p.rest();
    run.code = p.wait();
    return run;
  };
  ASSERT_EQ(cli({"--server", url, "login", "employee0002"}).code, 0);

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
  std::unique_ptr<Process> engine;
  const auto start_engine = [&] {
    engine = std::make_unique<Process>(engine_args, env);
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
      ASSERT_EQ(run.code, 0) << run.out;
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
        ASSERT_EQ(run.code, 0) << run.out;
        ++cli_changes;
      }
      bookings.emplace(desk, start);
    } else if (pick < 90) {
      // `stellwerk sync` killed at a random moment of its run, or left to finish.
      std::vector<std::string> args{STELLWERK_CLIENT_BINARY, "--data", data.string(), "sync"};
      Process sync{args, env};
      sync.close_input();
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
  EXPECT_EQ(clean.code, 0) << clean.out;
  engine->send("settle");
  EXPECT_EQ(engine->line().value_or("(nothing)"), "settled");
  const CliRun status = cli({"status", "--json"});
  ASSERT_EQ(status.code, 0) << status.out;
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
  ASSERT_EQ(cli_workdays.code, 0) << cli_workdays.out;
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
  ASSERT_EQ(cli_bookings.code, 0) << cli_bookings.out;
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
