// End-to-end tests of the `stellwerk` command line (docs/cli.md) and its sync engine against the
// real reference server: each test runs the real client binary as a subprocess, always through
// the fault proxy (fault_proxy.hpp) so that the network can go down, lose answers or repeat
// requests, and then compares what the server holds with what the person asked for — read back
// over the API as that person. What they prove, in the words of a user: changes made offline all
// arrive, exactly once, when the network returns; killing the client at any moment loses and
// duplicates nothing; on a bad network with many people at once nothing is lost or doubled, and a
// change the server refuses is listed with its reason and never holds up the ones behind it; an
// answer cut off in its head is asked for again, not taken for the answer; an expired or
// signed-out session keeps the changes queued until the person signs in again; and a wrong
// command line fails at once with one line and queues nothing.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fault_proxy.hpp"
#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

extern char** environ;

namespace stellwerk::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using server::testing::ApiClient;
using server::testing::ApiResponse;
using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using stellwerk::testing::Fault;
using stellwerk::testing::FaultProfile;
using stellwerk::testing::FaultProxy;
using stellwerk::testing::ProxyCounters;
using stellwerk::testing::ProxyMode;
using SteadyClock = std::chrono::steady_clock;

// --- Scale and seeds ---------------------------------------------------------------------------

// STELLWERK_E2E_SCALE (0 < s <= 1) shrinks the big runs; sanitizer builds, whose client takes
// several times longer to start, default to 0.25.

double scale() {
  if (const char* text = std::getenv("STELLWERK_E2E_SCALE")) {
    const double value = std::strtod(text, nullptr);
    if (value > 0 && value <= 1) return value;
  }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return 0.25;
#else
  return 1.0;
#endif
}

int scaled(int full, int minimum) { return std::max(minimum, static_cast<int>(std::lround(full * scale()))); }

// A fixed seed, unless STELLWERK_E2E_SEED asks for another (to replay or explore a run).
std::uint64_t seed_for(std::string_view test) {
  if (const char* text = std::getenv("STELLWERK_E2E_SEED")) return std::strtoull(text, nullptr, 10);
  return std::hash<std::string_view>{}(test) % 1'000'000;
}

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// --- Running the client ------------------------------------------------------------------------

// One finished run of the client: what a script calling it would see.
struct CliRun {
  std::string command;
  int exit_code = -1;  // -1 when a signal ended it
  int signal = 0;
  std::string out;
  std::string err;

  std::string describe() const {
    return fmt::format("`{}` -> exit {}{}\n  stdout: {}\n  stderr: {}", command, exit_code,
                       signal != 0 ? fmt::format(" (signal {})", signal) : "", out, err);
  }
};

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
  return text;
}

// A child process started with posix_spawn. With `capture`, stdout and stderr come back through
// pipes; otherwise they go to /dev/null (the kill -9 cycles need no output). stdin is always
// /dev/null, so a client that wanted to read a password would fail instead of hang. The
// destructor kills and reaps a child that is still running.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::vector<std::string>& env, bool capture) {
    for (const auto& a : args) command_ += (command_.empty() ? "" : " ") + a;
    int out_pipe[2] = {-1, -1};
    int err_pipe[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (capture) {
      if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe2 failed");
      }
      posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
      posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    } else {
      posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
      posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    const int error = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (capture) {
      ::close(out_pipe[1]);
      ::close(err_pipe[1]);
      out_fd_ = out_pipe[0];
      err_fd_ = err_pipe[0];
    }
    if (error != 0) {
      pid_ = -1;
      throw std::runtime_error(fmt::format("cannot start {}: {}", args.front(), std::strerror(error)));
    }
  }

  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
    if (err_fd_ >= 0) ::close(err_fd_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void kill9() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }

  // True once the child has ended; it is not reaped, so wait() still reads how it ended.
  bool has_ended() const {
    if (pid_ <= 0) return true;
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
  }

  // Reads the output until the child closes it, then reaps the child. A child still running
  // after `timeout` is killed (and the run says signal 9).
  CliRun wait(std::chrono::milliseconds timeout) {
    CliRun run;
    run.command = command_;
    const auto deadline = SteadyClock::now() + timeout;
    while (out_fd_ >= 0 || err_fd_ >= 0) {
      std::vector<pollfd> fds;
      if (out_fd_ >= 0) fds.push_back(pollfd{out_fd_, POLLIN, 0});
      if (err_fd_ >= 0) fds.push_back(pollfd{err_fd_, POLLIN, 0});
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left <= 0ms) {
        kill9();
        break;
      }
      const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
      if (ready < 0 && errno != EINTR) break;
      for (const auto& p : fds) {
        if (p.revents == 0) continue;
        char buffer[8192];
        const ssize_t got = ::read(p.fd, buffer, sizeof buffer);
        std::string& sink = p.fd == out_fd_ ? run.out : run.err;
        if (got > 0) {
          sink.append(buffer, static_cast<std::size_t>(got));
        } else {
          int& fd = p.fd == out_fd_ ? out_fd_ : err_fd_;
          ::close(fd);
          fd = -1;
        }
      }
    }
    int status = 0;
    while (pid_ > 0) {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (SteadyClock::now() > deadline) kill9();
      std::this_thread::sleep_for(2ms);
    }
    pid_ = -1;
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
    return run;
  }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string command_;
};

// The environment of every client run: ours, with the password for `login` and the settings
// folders inside the client's own temporary folder, so no run reads a developer's settings.
std::vector<std::string> client_environment(const fs::path& home) {
  std::map<std::string, std::string> values;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry{*e};
    const auto eq = entry.find('=');
    if (eq != std::string::npos) values[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  values["STELLWERK_PASSWORD"] = "demo";
  values["XDG_CONFIG_HOME"] = (home / "config").string();
  values["XDG_DATA_HOME"] = (home / "xdg-data").string();
  values["XDG_STATE_HOME"] = (home / "xdg-state").string();
  values["XDG_CACHE_HOME"] = (home / "xdg-cache").string();
  std::vector<std::string> env;
  for (const auto& [name, value] : values) env.push_back(name + "=" + value);
  return env;
}

// One person's `stellwerk`: their own data folder, the server URL of the proxy.
class Cli {
 public:
  Cli(std::string user, std::string server_url)
      : user_(std::move(user)), server_url_(std::move(server_url)), home_("stellwerk-e2e-" + user_),
        env_(client_environment(home_.path())) {}

  const std::string& user() const { return user_; }
  fs::path data() const { return home_ / "data"; }

  std::vector<std::string> argv(const std::vector<std::string>& args) const {
    std::vector<std::string> all{STELLWERK_CLIENT_BINARY, "--data", data().string()};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  CliRun run(const std::vector<std::string>& args, std::chrono::milliseconds timeout = 180s) const {
    Child child{argv(args), env_, true};
    return child.wait(timeout);
  }
  std::unique_ptr<Child> start_quiet(const std::vector<std::string>& args) const {
    return std::make_unique<Child>(argv(args), env_, false);
  }

  CliRun login() const { return run({"--server", server_url_, "login", user_}); }
  CliRun logout() const { return run({"logout"}); }
  CliRun sync() const { return run({"sync"}); }

  // The JSON a command prints; null (and `run` filled in) when it failed or printed something else.
  Json json(const std::vector<std::string>& args, CliRun* run_out = nullptr) const {
    CliRun r = run(args);
    if (run_out != nullptr) *run_out = r;
    if (r.exit_code != 0) return Json{};
    return Json::parse(r.out, nullptr, false);
  }
  Json status() const { return json({"status", "--json"}); }
  Json outbox() const { return json({"outbox", "--json"}); }
  Json bookings(Date from, Date to) const {
    return json({"bookings", "--from", format_date(from), "--to", format_date(to), "--json"});
  }

 private:
  std::string user_;
  std::string server_url_;
  TempDir home_;
  std::vector<std::string> env_;
};

// --- The department's rules, as the server states them -----------------------------------------

MinuteOfDay parse_wall_time(const std::string& text) {
  return std::stoi(text.substr(0, 2)) * 60 + std::stoi(text.substr(3, 2));
}

struct Policy {
  Date today;
  Date last;  // the last day that may be booked
  int max_upcoming = 0;
  std::set<int> bookable_iso_weekdays;
  std::set<std::string> holidays;
  std::map<std::string, std::pair<MinuteOfDay, MinuteOfDay>> slots;  // day, am, pm

  bool bookable(Date day) const {
    return bookable_iso_weekdays.contains(weekday_index(day) + 1) && !holidays.contains(format_date(day));
  }
  // Days after today a booking may be made on, in order: the calendar of every test.
  std::vector<Date> bookable_days() const {
    std::vector<Date> days;
    for (Date day = add_days(today, 1); day <= last; day = add_days(day, 1)) {
      if (bookable(day)) days.push_back(day);
    }
    return days;
  }
  // The first day after today that is not a bookable weekday (a Saturday).
  Date weekend_day(int which = 0) const {
    for (Date day = add_days(today, 1);; day = add_days(day, 1)) {
      if (!bookable_iso_weekdays.contains(weekday_index(day) + 1) && which-- == 0) return day;
    }
  }
  // A public holiday within the horizon on a weekday, if there is one.
  std::optional<Date> weekday_holiday() const {
    for (const auto& text : holidays) {
      const auto day = parse_date(text);
      if (day && *day > today && bookable_iso_weekdays.contains(weekday_index(*day) + 1)) return day;
    }
    return std::nullopt;
  }
};

Policy read_policy(ApiClient& api) {
  const ApiResponse response = api.get("/api/v1/me/policy");
  if (response.status != 200) throw std::runtime_error("policy: " + response.raw);
  const Json& body = response.body;
  Policy policy;
  policy.today = *parse_date(body["today"].get<std::string>());
  policy.last = *parse_date(body["horizon"]["to"].get<std::string>());
  policy.max_upcoming = body["max_upcoming"].get<int>();
  for (const auto& day : body["bookable_weekdays"]) policy.bookable_iso_weekdays.insert(day.get<int>());
  for (const auto& holiday : body["holidays"]) policy.holidays.insert(holiday["date"].get<std::string>());
  for (const auto& [name, slot] : body["slots"].items()) {
    policy.slots[name] = {parse_wall_time(slot["start"].get<std::string>()),
                          parse_wall_time(slot["end"].get<std::string>())};
  }
  return policy;
}

// A signed-in API client made now (TestServer caches tokens, which expire when a test moves the
// clock on by more than a session's 12 hours).
ApiClient fresh_client(TestServer& server, const std::string& user) {
  ApiClient api = server.anonymous();
  const ApiResponse session = api.post("/api/v1/session", Json{{"username", user}, {"password", "demo"}});
  if (session.status != 201) throw std::runtime_error("cannot sign in " + user + ": " + session.raw);
  api.set_token(session.body["token"].get<std::string>());
  return api;
}

// --- What a person asked for --------------------------------------------------------------------
//
// The "intent" of a person is kept by the test as it queues: every booking with its resource and
// times, whether it was cancelled or must be refused (and with which problem code), and the day
// plans as the server's rules combine them (a day entry replaces both halves, a half entry splits
// a day entry). Bookings are made only where the department's policy (read from the server) allows
// them, on desks no one else uses, so the only refusals are the deliberate ones: weekends,
// holidays, too far ahead, a desk a colleague holds, a plan for a weekend.

struct IntendedBooking {
  std::string resource_id;
  Instant start{};
  Instant end{};
  std::string how;          // the command line's booking options, for messages
  std::string cli_id;       // what `book` printed
  bool cancelled = false;
  bool pinned = false;      // never cancelled: colleagues' deliberate conflicts rely on it
  std::optional<std::string> rejection;  // the problem code the server must answer

  bool active() const { return !rejection && !cancelled; }
  std::string describe() const {
    return fmt::format("{} {} ({})", resource_id, to_rfc3339(start), how);
  }
};

// One day's plan of one kind as the server combines entries: a `day` entry replaces both
// halves, a half entry splits a `day` entry and the other half keeps its mode.
struct DayPlan {
  std::optional<std::string> day, am, pm;
};

struct Intent {
  std::vector<IntendedBooking> bookings;
  std::map<std::pair<std::string, std::string>, DayPlan> plans;  // (date, kind)
  std::vector<std::string> rejections;  // expected problem codes, in the order queued
  int changes = 0;                      // commands that queued something
  int accepted_after_refusal = 0;       // changes to be accepted queued behind a refused one

  int active_bookings() const {
    return static_cast<int>(std::count_if(bookings.begin(), bookings.end(), [](const auto& b) { return b.active(); }));
  }
  // True when the person holds a desk at an overlapping time (the server's already_booked).
  bool holds_desk_at(Instant start, Instant end) const {
    return std::any_of(bookings.begin(), bookings.end(), [&](const IntendedBooking& b) {
      return b.active() && b.resource_id.find("flr_") == 0 && b.start < end && start < b.end;
    });
  }
  bool used(const std::string& resource, Instant start, Instant end) const {
    return std::any_of(bookings.begin(), bookings.end(), [&](const IntendedBooking& b) {
      return b.resource_id == resource && b.start == start && b.end == end;
    });
  }
  void plan(Date date, const std::string& half, const std::string& mode, const std::string& kind) {
    DayPlan& p = plans[{format_date(date), kind}];
    if (half == "day") {
      p = DayPlan{mode, std::nullopt, std::nullopt};
      return;
    }
    if (p.day) {
      (half == "am" ? p.pm : p.am) = p.day;
      p.day.reset();
    }
    (half == "am" ? p.am : p.pm) = mode;
  }
  std::set<std::tuple<std::string, std::string, std::string, std::string>> expected_workdays() const {
    std::set<std::tuple<std::string, std::string, std::string, std::string>> out;  // date, half, mode, kind
    for (const auto& [key, p] : plans) {
      if (p.day) out.emplace(key.first, "day", *p.day, key.second);
      if (p.am) out.emplace(key.first, "am", *p.am, key.second);
      if (p.pm) out.emplace(key.first, "pm", *p.pm, key.second);
    }
    return out;
  }
};

// How a test judged the server's state against an intent.
struct Verdict {
  int lost = 0;        // accepted changes missing on the server
  int duplicated = 0;  // one create that became several server bookings
  int wrong = 0;       // wrong state, unexpected bookings, refused changes that landed, plans that differ
  std::vector<std::string> details;

  bool ok() const { return lost == 0 && duplicated == 0 && wrong == 0; }
  std::string summary() const {
    std::string text = fmt::format("lost={} duplicated={} wrong={}", lost, duplicated, wrong);
    for (std::size_t i = 0; i < details.size() && i < 40; ++i) text += "\n  " + details[i];
    return text;
  }
};

// Reads the person's bookings and plans from the server (as that person) and compares them with
// what they asked for.
Verdict judge(ApiClient& api, const Intent& intent, Date from, Date to) {
  Verdict verdict;
  const std::string range = fmt::format("from={}&to={}", format_date(from), format_date(to));
  const ApiResponse bookings = api.get("/api/v1/bookings?" + range);
  const ApiResponse workdays = api.get("/api/v1/workdays?" + range);
  if (bookings.status != 200 || workdays.status != 200) {
    verdict.wrong++;
    verdict.details.push_back("cannot read the server's state: " + bookings.raw + " " + workdays.raw);
    return verdict;
  }
  // Server bookings by (resource, start, end): the key of an intended booking (tests never
  // book the same resource and times twice for one person).
  std::map<std::tuple<std::string, Instant, Instant>, std::vector<std::string>> on_server;  // → states
  for (const auto& b : bookings.body) {
    const auto start = parse_rfc3339(b["start"].get<std::string>());
    const auto end = parse_rfc3339(b["end"].get<std::string>());
    on_server[{b["resource_id"].get<std::string>(), start.value_or(Instant{}), end.value_or(Instant{})}].push_back(
        b["state"].get<std::string>());
  }
  std::set<std::tuple<std::string, Instant, Instant>> intended;
  for (const IntendedBooking& b : intent.bookings) {
    const auto key = std::make_tuple(b.resource_id, b.start, b.end);
    intended.insert(key);
    const auto it = on_server.find(key);
    const std::size_t count = it == on_server.end() ? 0 : it->second.size();
    if (b.rejection) {
      if (count != 0) {
        verdict.wrong++;
        verdict.details.push_back(fmt::format("refused ({}) but on the server: {}", *b.rejection, b.describe()));
      }
      continue;
    }
    if (count == 0) {
      verdict.lost++;
      verdict.details.push_back("lost: " + b.describe());
      continue;
    }
    if (count > 1) {
      verdict.duplicated++;
      verdict.details.push_back(fmt::format("{} server bookings for one create: {}", count, b.describe()));
    }
    const std::string expected_state = b.cancelled ? "cancelled" : "booked";
    for (const auto& state : it->second) {
      if (state != expected_state) {
        verdict.wrong++;
        verdict.details.push_back(fmt::format("state {} instead of {}: {}", state, expected_state, b.describe()));
      }
    }
  }
  for (const auto& [key, states] : on_server) {
    if (!intended.contains(key)) {
      verdict.wrong++;
      verdict.details.push_back(fmt::format("nobody asked for {} {} ({} times)", std::get<0>(key),
                                            to_rfc3339(std::get<1>(key)), states.size()));
    }
  }
  std::set<std::tuple<std::string, std::string, std::string, std::string>> planned;
  for (const auto& w : workdays.body["workdays"]) {
    planned.emplace(w["date"].get<std::string>(), w["half"].get<std::string>(), w["mode"].get<std::string>(),
                    w["kind"].get<std::string>());
  }
  const auto expected = intent.expected_workdays();
  for (const auto& e : expected) {
    if (!planned.contains(e)) {
      verdict.lost++;
      verdict.details.push_back(fmt::format("plan missing: {} {} {} {}", std::get<0>(e), std::get<1>(e),
                                            std::get<2>(e), std::get<3>(e)));
    }
  }
  for (const auto& p : planned) {
    if (!expected.contains(p)) {
      verdict.wrong++;
      verdict.details.push_back(fmt::format("plan nobody asked for: {} {} {} {}", std::get<0>(p), std::get<1>(p),
                                            std::get<2>(p), std::get<3>(p)));
    }
  }
  return verdict;
}

// The problem codes of the rejected entries in `outbox --json`, by mutation id; "?" for a
// rejected entry without a problem object.
std::vector<std::string> rejected_codes(const Json& outbox) {
  std::vector<std::pair<std::int64_t, std::string>> rejected;
  if (!outbox.is_array()) return {"<outbox --json is not an array>"};
  for (const auto& entry : outbox) {
    if (entry.value("state", "") != "rejected") continue;
    const Json& problem = entry.contains("problem") ? entry["problem"] : Json{};
    rejected.emplace_back(entry.value("mutation_id", std::int64_t{0}),
                          problem.is_object() ? problem.value("code", "?") : "?");
  }
  std::sort(rejected.begin(), rejected.end());
  std::vector<std::string> codes;
  for (auto& [id, code] : rejected) codes.push_back(code);
  return codes;
}

// The rejected entries of `outbox --json`, one per line, for failure messages.
std::string describe_rejected(const Json& outbox) {
  std::string text;
  if (!outbox.is_array()) return "<no outbox>";
  for (const auto& entry : outbox) {
    if (entry.value("state", "") != "rejected") continue;
    text += fmt::format("\n  #{} {} {} -> {}", entry.value("mutation_id", std::int64_t{0}), entry.value("method", ""),
                        entry.value("path", ""), entry.contains("problem") ? entry["problem"].dump() : "no problem");
  }
  return text;
}

// What the person's client shows (`bookings --json`, `workdays --json`) against what the server
// holds, after a complete sync: the same active bookings (id, resource, times, state) and the
// same day plans, none of them still marked pending. Cancelled bookings may or may not be listed
// by the client. Returns the differences, empty when there are none.
std::vector<std::string> view_differences(const Cli& cli, ApiClient& api, Date from, Date to) {
  std::vector<std::string> differences;
  const std::string range = fmt::format("from={}&to={}", format_date(from), format_date(to));
  CliRun r;
  const Json mine = cli.json({"bookings", "--from", format_date(from), "--to", format_date(to), "--json"}, &r);
  if (!mine.is_array()) return {"bookings --json: " + r.describe()};
  using BookingView = std::tuple<std::string, std::string, Instant, Instant, std::string>;
  auto booking_view = [](const Json& b) {
    return BookingView{b.value("id", ""), b.value("resource_id", ""),
                       parse_rfc3339(b.value("start", "")).value_or(Instant{}),
                       parse_rfc3339(b.value("end", "")).value_or(Instant{}), b.value("state", "")};
  };
  std::set<BookingView> client_view, server_view;
  for (const auto& b : mine) {
    if (b.value("pending", true)) differences.push_back("still pending after a complete sync: " + b.dump());
    if (b.value("state", "") != "cancelled") client_view.insert(booking_view(b));
  }
  const ApiResponse server_bookings = api.get("/api/v1/bookings?" + range);
  for (const auto& b : server_bookings.body) {
    if (b.value("state", "") != "cancelled") server_view.insert(booking_view(b));
  }
  for (const auto& v : client_view) {
    if (!server_view.contains(v)) {
      differences.push_back(fmt::format("client shows {} {} {} {}, the server does not", std::get<0>(v),
                                        std::get<1>(v), to_rfc3339(std::get<2>(v)), std::get<4>(v)));
    }
  }
  for (const auto& v : server_view) {
    if (!client_view.contains(v)) {
      differences.push_back(fmt::format("server holds {} {} {} {}, the client does not show it", std::get<0>(v),
                                        std::get<1>(v), to_rfc3339(std::get<2>(v)), std::get<4>(v)));
    }
  }

  const Json plans = cli.json({"workdays", "--from", format_date(from), "--to", format_date(to), "--json"}, &r);
  if (!plans.is_array()) return {"workdays --json: " + r.describe()};
  using PlanView = std::tuple<std::string, std::string, std::string, std::string>;
  std::set<PlanView> client_plans, server_plans;
  for (const auto& w : plans) {
    if (w.value("pending", true)) differences.push_back("still pending after a complete sync: " + w.dump());
    client_plans.emplace(w.value("date", ""), w.value("half", ""), w.value("mode", ""), w.value("kind", ""));
  }
  const ApiResponse server_workdays = api.get("/api/v1/workdays?" + range);
  for (const auto& w : server_workdays.body["workdays"]) {
    server_plans.emplace(w.value("date", ""), w.value("half", ""), w.value("mode", ""), w.value("kind", ""));
  }
  for (const auto& v : client_plans) {
    if (!server_plans.contains(v)) {
      differences.push_back(fmt::format("client shows plan {} {} {} {}, the server does not", std::get<0>(v),
                                        std::get<1>(v), std::get<2>(v), std::get<3>(v)));
    }
  }
  for (const auto& v : server_plans) {
    if (!client_plans.contains(v)) {
      differences.push_back(fmt::format("server holds plan {} {} {} {}, the client does not show it",
                                        std::get<0>(v), std::get<1>(v), std::get<2>(v), std::get<3>(v)));
    }
  }
  return differences;
}

// --- Queueing changes through the command line, recording the intent ----------------------------

// Queues through `cli` and records in `intent`; returns "" or what went wrong.
class Person {
 public:
  Person(Cli& cli, Intent& intent, const Policy& policy) : cli_(cli), intent_(intent), policy_(policy) {}

  // `book --slot`; the slot's times come from the policy, as the client's cache has them.
  std::string book_slot(const std::string& resource, Date day, const std::string& slot,
                        std::optional<std::string> rejection = std::nullopt, bool pinned = false) {
    const auto [from, to] = policy_.slots.at(slot);
    return book(resource, day, from, to, {"--slot", slot}, std::move(rejection), pinned);
  }
  // `book --from --to`.
  std::string book_times(const std::string& resource, Date day, MinuteOfDay from, MinuteOfDay to,
                         std::optional<std::string> rejection = std::nullopt) {
    return book(resource, day, from, to,
                {"--from", fmt::format("{:02}:{:02}", from / 60, from % 60), "--to",
                 fmt::format("{:02}:{:02}", to / 60, to % 60)},
                std::move(rejection), false);
  }

  // Where `cancel` takes a booking's id from: what `book` printed, or what `bookings --json`
  // lists for it — as a person who synced since would find it — read now, or read once and
  // reused while the ids cannot change (within a round of test c, for bookings of earlier rounds).
  enum class IdFrom { printed, listed, listed_once };

  std::string cancel(std::size_t index, IdFrom from) {
    IntendedBooking& b = intent_.bookings[index];
    std::string id = b.cli_id;
    if (from != IdFrom::printed) {
      if (from == IdFrom::listed || !listing_.is_array()) {
        CliRun r;
        listing_ = cli_.json({"bookings", "--from", format_date(policy_.today), "--to",
                              format_date(add_days(policy_.last, 60)), "--json"},
                             &r);
        if (!listing_.is_array()) return "bookings --json failed: " + r.describe();
      }
      id.clear();
      for (const auto& entry : listing_) {
        if (entry.value("resource_id", "") == b.resource_id &&
            parse_rfc3339(entry.value("start", "")) == std::optional<Instant>{b.start}) {
          id = entry.value("id", "");
        }
      }
      if (id.empty()) return "bookings --json does not list " + b.describe() + ": " + listing_.dump();
    }
    const CliRun r = cli_.run({"cancel", id});
    if (r.exit_code != 0) return r.describe();
    b.cancelled = true;
    queued(std::nullopt);
    return "";
  }

  std::string plan(Date day, const std::string& half, const std::string& mode, bool actual = false,
                   std::optional<std::string> rejection = std::nullopt) {
    std::vector<std::string> args{"plan", format_date(day), mode};
    if (half != "day") args.insert(args.end(), {"--half", half});
    if (actual) args.push_back("--actual");
    const CliRun r = cli_.run(args);
    if (r.exit_code != 0) return r.describe();
    if (!rejection) intent_.plan(day, half, mode, actual ? "actual" : "planned");
    queued(rejection);
    return "";
  }

 private:
  std::string book(const std::string& resource, Date day, MinuteOfDay from, MinuteOfDay to,
                   const std::vector<std::string>& times, std::optional<std::string> rejection, bool pinned) {
    std::vector<std::string> args{"book", "--resource", resource, "--date", format_date(day)};
    args.insert(args.end(), times.begin(), times.end());
    const CliRun r = cli_.run(args);
    if (r.exit_code != 0) return r.describe();
    IntendedBooking b;
    b.resource_id = resource;
    b.start = to_instant(day, from);
    b.end = to_instant(day, to);
    b.how = fmt::format("{} {}", format_date(day), fmt::join(times, " "));
    b.cli_id = trimmed(r.out);
    b.rejection = rejection;
    b.pinned = pinned;
    if (b.cli_id.empty() || b.cli_id.find('\n') != std::string::npos) return "book printed no single id: " + r.describe();
    intent_.bookings.push_back(std::move(b));
    queued(rejection);
    return "";
  }

  void queued(const std::optional<std::string>& rejection) {
    intent_.changes++;
    if (rejection) {
      intent_.rejections.push_back(*rejection);
    } else if (!intent_.rejections.empty()) {
      intent_.accepted_after_refusal++;
    }
  }

  Cli& cli_;
  Intent& intent_;
  const Policy& policy_;
  Json listing_;  // the last `bookings --json`
};

// --- Fixture ------------------------------------------------------------------------------------

class SyncEndToEnd : public ::testing::Test {
 protected:
  SyncEndToEnd() : proxy_(server_.port(), seed_for(test_name())) {}

  static std::string test_name() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info != nullptr ? info->name() : "";
  }

  // Signs `cli` in through the proxy (which must be up) and fails the test when that fails.
  void login(const Cli& cli) {
    const CliRun r = cli.login();
    ASSERT_EQ(r.exit_code, 0) << r.describe();
  }

  // A range that covers every booking and plan any test makes.
  Date range_from() const { return *parse_date("2026-11-01"); }
  Date range_to() const { return *parse_date("2027-03-31"); }

  TestServer server_;
  FaultProxy proxy_;
};

// Expects `status --json` to say `pending` and `online`; returns the status.
Json expect_status(const Cli& cli, int pending, std::optional<bool> online, std::optional<int> rejected = {}) {
  CliRun r;
  const Json status = cli.json({"status", "--json"}, &r);
  EXPECT_TRUE(status.is_object()) << r.describe();
  if (!status.is_object()) return status;
  EXPECT_EQ(status.value("pending", -1), pending) << status.dump();
  if (online) {
    EXPECT_EQ(status.value("online", !*online), *online) << status.dump();
  }
  if (rejected) {
    EXPECT_EQ(status.value("rejected", -1), *rejected) << status.dump();
  }
  return status;
}

// --- a. Offline, then online --------------------------------------------------------------------

// Fifty changes made while the server cannot be reached stay queued (sync says 3, status says
// offline and 50 pending), and all of them arrive once the network is back: every booking once,
// the cancelled ones cancelled — including bookings cancelled by their local id before the
// server ever saw them — and the day plans as planned.
TEST_F(SyncEndToEnd, ChangesMadeOfflineAllArriveExactlyOnceWhenTheServerIsBack) {
  Cli cli{"demo", proxy_.url()};
  ApiClient api = server_.client_for("demo");
  const Policy policy = read_policy(api);
  const auto days = policy.bookable_days();
  ASSERT_GE(days.size(), 12u);
  login(cli);

  Intent intent;
  Person person{cli, intent, policy};
  // Online first: five bookings the server knows, to be cancelled by their server ids later.
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(person.book_slot(fmt::format("flr_rathaus_eg-{:02}", i + 1), days[static_cast<std::size_t>(i)], "day"), "");
  }
  const CliRun first_sync = cli.sync();
  ASSERT_EQ(first_sync.exit_code, 0) << first_sync.describe();
  ASSERT_TRUE(judge(api, intent, range_from(), range_to()).ok());
  const int online_changes = intent.changes;

  proxy_.set_mode(ProxyMode::down_refuse);
  for (std::size_t i = 0; i < 5; ++i) ASSERT_EQ(person.cancel(i, Person::IdFrom::listed_once), "");
  // Twenty new bookings, am and pm on the first ten days; the cancellations above make room
  // under max_upcoming.
  const int fresh = std::min(20, policy.max_upcoming);
  for (int i = 0; i < fresh; ++i) {
    const Date day = days[static_cast<std::size_t>(i / 2)];
    ASSERT_EQ(person.book_slot(fmt::format("flr_rathaus_eg-{:02}", 6 + i % 19), day, i % 2 == 0 ? "am" : "pm"), "");
  }
  // Five of them cancelled again by the local id `book` printed: the server never saw that id.
  for (std::size_t i : {6u, 10u, 14u, 18u, 22u}) ASSERT_EQ(person.cancel(i, Person::IdFrom::printed), "");
  const std::array modes{"office", "remote", "office", "leave", "training", "travel", "off", "office", "remote"};
  for (std::size_t i = 0; i < 18 && i < days.size(); ++i) ASSERT_EQ(person.plan(days[i], "day", modes[i % modes.size()]), "");
  ASSERT_EQ(person.plan(days[0], "am", "remote"), "");  // splits the day entry
  ASSERT_EQ(person.plan(days[1], "pm", "off"), "");
  while (intent.changes - online_changes < 50) {  // fewer than 18 bookable days: plan halves
    const Date day = days[static_cast<std::size_t>(intent.changes) % days.size()];
    ASSERT_EQ(person.plan(day, "pm", "office"), "");
  }
  const int queued = intent.changes - online_changes;
  ASSERT_EQ(queued, 50);

  const CliRun refused = cli.sync();
  EXPECT_EQ(refused.exit_code, 3) << "server down (connections closed at once): " << refused.describe();
  proxy_.set_mode(ProxyMode::down_unlisten);
  const CliRun unreachable = cli.sync();
  EXPECT_EQ(unreachable.exit_code, 3) << "server down (connection refused): " << unreachable.describe();
  expect_status(cli, queued, false);
  // Nothing reached the server: still the five bookings from before, no plans.
  Intent before;
  before.bookings.assign(intent.bookings.begin(), intent.bookings.begin() + 5);
  for (auto& b : before.bookings) b.cancelled = false;
  EXPECT_TRUE(judge(api, before, range_from(), range_to()).ok());

  proxy_.set_mode(ProxyMode::pass);
  const CliRun back = cli.sync();
  EXPECT_EQ(back.exit_code, 0) << back.describe();
  expect_status(cli, 0, true, 0);
  const Verdict verdict = judge(api, intent, range_from(), range_to());
  EXPECT_TRUE(verdict.ok()) << verdict.summary();

  // The person's own view agrees with the server: server ids, nothing pending.
  const auto view = view_differences(cli, api, range_from(), range_to());
  EXPECT_TRUE(view.empty()) << fmt::format("{}", fmt::join(view, "\n"));
}

// --- b. kill -9 at any moment -------------------------------------------------------------------

// A sync killed at a random moment (before it starts, while sending, while pulling) hundreds of
// times — with new changes queued now and then in between — leaves nothing lost and nothing
// doubled: one clean sync afterwards brings the server to exactly what the person asked for.
TEST_F(SyncEndToEnd, KillingSyncAtRandomMomentsLosesAndDuplicatesNothing) {
  const auto started = SteadyClock::now();
  const std::uint64_t seed = seed_for("kill");
  std::mt19937_64 random{seed};
  // STELLWERK_E2E_KILL_CYCLES sets the count outright: `bench/run kill` runs 1,000.
  const char* cycles_text = std::getenv("STELLWERK_E2E_KILL_CYCLES");
  const int cycles = cycles_text != nullptr && std::atoi(cycles_text) > 0 ? std::atoi(cycles_text) : scaled(200, 40);
  std::cout << "kill -9 test: seed " << seed << " (STELLWERK_E2E_SEED replays it), " << cycles << " cycles\n";

  Cli cli{"employee0002", proxy_.url()};
  ApiClient api = server_.client_for("employee0002");
  const Policy policy = read_policy(api);
  const auto days = policy.bookable_days();
  ASSERT_GE(days.size(), 12u);
  login(cli);

  Intent intent;
  Person person{cli, intent, policy};
  // Desk bookings fill (day, half) slots in order; each slot once, so each booking is unique.
  std::size_t next_slot = 0;
  auto book_next = [&]() -> std::string {
    const Date day = days[(next_slot / 2) % days.size()];
    const std::string half = next_slot % 2 == 0 ? "am" : "pm";
    const std::string desk = fmt::format("flr_rathaus_eg-{:02}", 1 + next_slot % 24);
    ++next_slot;
    return person.book_slot(desk, day, half);
  };
  for (int i = 0; i < 8; ++i) ASSERT_EQ(book_next(), "");
  ASSERT_EQ(person.cancel(1, Person::IdFrom::printed), "");
  ASSERT_EQ(person.cancel(4, Person::IdFrom::printed), "");
  for (std::size_t i = 0; i < 10; ++i) ASSERT_EQ(person.plan(days[i], "day", i % 3 == 0 ? "remote" : "office"), "");

  // What the server holds for the person, to see whether a killed sync had got something through.
  auto server_state = [&] {
    const std::string range = fmt::format("from={}&to={}", format_date(range_from()), format_date(range_to()));
    return api.get("/api/v1/bookings?" + range).raw + api.get("/api/v1/workdays?" + range).raw;
  };
  // Where each kill lands is steered by what the sync does, never by a time, so the share of
  // syncs killed mid-sync is the same on a fast and on a slow machine (a time window tuned on one
  // machine killed only 34 of 200 syncs on another). One kill in five comes at a random moment of
  // the start-up (0–30 ms, before or after the first request); the others wait until the proxy
  // has seen the k-th request of this sync (k random up to what it should need: one request per
  // change queued since the last finished sync, plus what a sync with nothing to send needed
  // there) and kill then, at once while the request is on its way, or once its answer is being
  // returned — the moment between "the server applied it" and "the client wrote that down".
  int killed = 0, finished = 0, queued_between = 0, killed_after_progress = 0, steered = 0;
  long idle_requests = 1;                 // requests of a sync with nothing to send
  int changes_at_last_finish = 0;         // intent.changes when the last sync finished
  std::string state = server_state();
  // Runs until `cycles` are done and more than a third of them were killed, with a bound: a sync
  // that ends before its k-th request counts as finished, and finishing must not fail the test.
  int cycle = 0;
  for (; cycle < cycles || (killed <= cycle / 3 && cycle < 3 * cycles); ++cycle) {
    if (cycle % 10 == 5) {
      // A new change between kills: a booking while there is room, else a cancellation (of a
      // booking looked up in the person's list, whose id may be local or the server's by now),
      // and a day plan.
      std::string problem;
      if (cycle % 20 == 5 && intent.active_bookings() < policy.max_upcoming - 1 && next_slot < 2 * days.size()) {
        problem = book_next();
      } else {
        for (std::size_t i = 0; i < intent.bookings.size(); ++i) {
          if (intent.bookings[i].active()) {
            problem = person.cancel(i, Person::IdFrom::listed);
            break;
          }
        }
      }
      ASSERT_EQ(problem, "");
      const Date day = days[static_cast<std::size_t>(cycle / 10) % days.size()];
      ASSERT_EQ(person.plan(day, cycle % 3 == 0 ? "am" : "day", cycle % 2 == 0 ? "training" : "office"), "");
      ++queued_between;
    }
    const ProxyCounters before = proxy_.counters();
    const bool in_start_up = std::uniform_int_distribution<int>{0, 4}(random) == 0;
    auto child = cli.start_quiet({"sync"});
    if (in_start_up) {
      std::this_thread::sleep_for(std::chrono::microseconds{std::uniform_int_distribution<int>{0, 30'000}(random)});
    } else {
      const long expected = idle_requests + (intent.changes - changes_at_last_finish);
      const long k = std::uniform_int_distribution<long>{1, expected}(random);
      const bool after_answer = std::uniform_int_distribution<int>{0, 1}(random) == 1;
      const auto reached = [&] {
        const ProxyCounters now = proxy_.counters();
        return after_answer ? now.responses - before.responses >= k : now.requests - before.requests >= k;
      };
      // Waits for a condition, with a generous bound only against a hanging client.
      const auto give_up = SteadyClock::now() + 60s;
      while (!reached() && !child->has_ended() && SteadyClock::now() < give_up) std::this_thread::sleep_for(200us);
      ++steered;
    }
    child->kill9();
    const CliRun ended = child->wait(60s);
    if (ended.signal == SIGKILL) {
      ++killed;
    } else {
      ++finished;
      const long sent = proxy_.counters().requests - before.requests;
      idle_requests = std::max(1L, sent - (intent.changes - changes_at_last_finish));
      changes_at_last_finish = intent.changes;
    }
    const std::string now = server_state();
    if (ended.signal == SIGKILL && now != state) ++killed_after_progress;
    state = now;
  }
  std::cout << fmt::format("kill -9 test: {} cycles, {} syncs killed ({} after the server had applied something in "
                           "that sync, {} steered by requests), {} finished first; {} changes queued between kills, "
                           "{} in all\n",
                           cycle, killed, killed_after_progress, steered, finished, queued_between, intent.changes);

  const CliRun clean = cli.sync();
  EXPECT_EQ(clean.exit_code, 0) << clean.describe();
  expect_status(cli, 0, true, 0);
  const Verdict verdict = judge(api, intent, range_from(), range_to());
  EXPECT_TRUE(verdict.ok()) << verdict.summary();
  const auto view = view_differences(cli, api, range_from(), range_to());
  EXPECT_TRUE(view.empty()) << fmt::format("{}", fmt::join(view, "\n"));
  EXPECT_GT(killed, cycle / 3) << "too few syncs were killed while running";
  EXPECT_GT(killed_after_progress, 0) << "no kill came while a sync was sending: the test proved nothing";
  std::cout << fmt::format("kill -9 test: {:.1f} s\n", seconds_since(started));
}

// --- c. Many people on a bad network ------------------------------------------------------------

struct PersonRun {
  std::unique_ptr<Cli> cli;
  Intent intent;
  std::mt19937_64 random;
  std::vector<std::string> problems;  // collected on the person's thread, reported by the test
  std::map<int, int> exit_codes;      // of the syncs through the faulty proxy
  int syncs = 0;
};

// A thousand changes by ten people (bookings, cancellations, day plans), synced again and again
// through a proxy that drops, delays, resets, truncates, garbles and duplicates requests, in four
// rounds. Some changes must be refused: a weekend, a holiday, too far ahead, a desk someone else
// holds (a colleague from an earlier round, or a blocker), a weekend office day. Afterwards:
// nothing the server accepted is missing, nothing is there twice, every refusal is listed by
// `outbox --json` with its problem, and everything queued after a refusal landed all the same.
TEST_F(SyncEndToEnd, ThousandChangesThroughAFaultyNetworkNoneLostNoneDoubledRefusalsListed) {
  const auto started = SteadyClock::now();
  const std::uint64_t seed = seed_for("faulty");
  constexpr int kPeople = 10;
  constexpr int kRounds = 4;
  const int per_round = scaled(25, 8);
  std::cout << "faulty network test: seed " << seed << ", " << kPeople << " people x " << kRounds << " rounds x "
            << per_round << " changes\n";

  // Desk 24 of the ground floor is held all day on every bookable day by someone else: booking
  // it is refused with desk_taken whoever tries.
  const std::string blocked_desk = "flr_rathaus_eg-24";
  ApiClient blocker = server_.client_for("employee0100");
  const Policy policy = read_policy(blocker);
  const auto days = policy.bookable_days();
  ASSERT_GE(days.size(), 10u);
  for (std::size_t i = 0; i < days.size() && static_cast<int>(i) < policy.max_upcoming; ++i) {
    const auto [from, to] = policy.slots.at("day");
    const ApiResponse held = blocker.post("/api/v1/bookings", Json{{"resource_id", blocked_desk},
                                                                    {"start", to_rfc3339(to_instant(days[i], from))},
                                                                    {"end", to_rfc3339(to_instant(days[i], to))}});
    ASSERT_EQ(held.status, 201) << held.raw;
  }
  const std::size_t blocked_days = std::min<std::size_t>(days.size(), static_cast<std::size_t>(policy.max_upcoming));
  const auto holiday = policy.weekday_holiday();

  std::vector<PersonRun> people(kPeople);
  std::vector<ApiClient> apis;
  for (int p = 0; p < kPeople; ++p) {
    const std::string user = fmt::format("employee{:04}", 11 + p);
    people[p].cli = std::make_unique<Cli>(user, proxy_.url());
    people[p].random.seed(seed * 1000 + static_cast<std::uint64_t>(p));
    apis.push_back(server_.client_for(user));
    login(*people[p].cli);
  }
  ASSERT_EQ(read_policy(apis.front()).max_upcoming, policy.max_upcoming);

  // Each person has two desks of their own (ground floor and first floor) and an hour in each
  // meeting room every day, so their bookings never meet anyone else's by accident.
  auto own_desk = [](int p, int which) {
    return which == 0 ? fmt::format("flr_rathaus_eg-{:02}", p + 1) : fmt::format("flr_rathaus_1-{:02}", p + 1);
  };

  // Where each person's bookings of the current round begin, and the pinned bookings of earlier
  // rounds (on the server for sure): written between rounds, read by the rounds' threads.
  std::vector<std::size_t> round_start(kPeople, 0);
  std::vector<std::vector<IntendedBooking>> pinned(kPeople);

  // One person's share of a round: queue `per_round` changes chosen at random among those the
  // rules allow, then sync through the faulty proxy until a sync says 0 or 4 (or 12 tries; the
  // round's last sync, in pass mode, sends what is left).
  auto play_round = [&](int p, int round) {
    PersonRun& me = people[p];
    Person person{*me.cli, me.intent, policy};
    Intent& intent = me.intent;
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>{0, n - 1}(me.random); };
    auto fail = [&](const std::string& problem) {
      if (!problem.empty()) me.problems.push_back(fmt::format("round {}: {}", round, problem));
      return !problem.empty();
    };
    const int goal = intent.changes + per_round;
    int guard = 0;
    while (intent.changes < goal && ++guard < 10 * per_round) {
      const std::size_t roll = pick(100);
      const Date day = days[pick(days.size())];
      const std::string half = pick(2) == 0 ? "am" : "pm";
      const auto [from, to] = policy.slots.at(half);
      const Instant start = to_instant(day, from);
      const Instant end = to_instant(day, to);
      const bool room_for_one = intent.active_bookings() < policy.max_upcoming - 1;
      if (roll < 30) {  // a desk of one's own
        const std::string desk = own_desk(p, static_cast<int>(pick(2)));
        if (!room_for_one || intent.holds_desk_at(start, end) || intent.used(desk, start, end)) continue;
        const bool pin = round == 0 && intent.bookings.size() < 2;
        if (fail(person.book_slot(desk, day, half, std::nullopt, pin))) return;
      } else if (roll < 40) {  // a meeting room for the person's own hour
        const std::string room = pick(2) == 0 ? "room_rhein" : "room_ruhr";
        const MinuteOfDay hour = (8 + p) * 60;
        if (!room_for_one || intent.used(room, to_instant(day, hour), to_instant(day, hour + 60))) continue;
        if (fail(person.book_times(room, day, hour, hour + 60))) return;
      } else if (roll < 55) {  // cancel one of one's own active bookings
        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i < intent.bookings.size(); ++i) {
          if (intent.bookings[i].active() && !intent.bookings[i].pinned) candidates.push_back(i);
        }
        if (candidates.empty()) continue;
        const std::size_t index = candidates[pick(candidates.size())];
        // Bookings from earlier rounds have been synced: look their id up as a person would.
        const bool synced = index < round_start[static_cast<std::size_t>(p)];
        if (fail(person.cancel(index, synced ? Person::IdFrom::listed_once : Person::IdFrom::printed))) return;
      } else if (roll < 88) {  // a day plan
        const std::array modes{"office", "remote", "leave", "training", "travel", "off"};
        const std::string plan_half = pick(3) == 0 ? half : "day";
        if (fail(person.plan(day, plan_half, modes[pick(modes.size())], pick(10) == 0))) return;
      } else {  // a change that must be refused
        const std::size_t which = pick(6);
        if (which == 0) {
          if (fail(person.book_slot(own_desk(p, 0), policy.weekend_day(static_cast<int>(pick(4))), half,
                                    "weekday_not_bookable"))) return;
        } else if (which == 1 && holiday) {
          if (fail(person.book_slot(own_desk(p, 1), *holiday, half, "holiday"))) return;
        } else if (which == 2) {
          if (fail(person.book_slot(own_desk(p, 0), add_days(policy.last, 7 + static_cast<int>(pick(20))), half,
                                    "too_far_ahead"))) return;
        } else if (which == 3) {
          const Date blocked = days[pick(blocked_days)];
          const Instant s = to_instant(blocked, from), e = to_instant(blocked, to);
          if (!room_for_one || intent.holds_desk_at(s, e) || intent.used(blocked_desk, s, e)) continue;
          if (fail(person.book_slot(blocked_desk, blocked, half, "desk_taken"))) return;
        } else if (which == 4 && round > 0) {
          // A colleague's desk at a time they hold it since an earlier round.
          const int other = (p + 1 + static_cast<int>(pick(kPeople - 1))) % kPeople;
          const auto& theirs = pinned[static_cast<std::size_t>(other)];
          if (theirs.empty()) continue;
          const IntendedBooking& b = theirs[pick(theirs.size())];
          if (!room_for_one || intent.holds_desk_at(b.start, b.end) || intent.used(b.resource_id, b.start, b.end)) continue;
          const Date d = local_date(b.start);
          const std::string slot = local_minute(b.start) == policy.slots.at("am").first ? "am" : "pm";
          if (fail(person.book_slot(b.resource_id, d, slot, "desk_taken"))) return;
        } else {
          if (fail(person.plan(policy.weekend_day(static_cast<int>(pick(4))), "day", "office", false,
                               "not_a_working_day"))) return;
        }
      }
    }
    for (int attempt = 0; attempt < 12; ++attempt) {
      const CliRun r = me.cli->sync();
      me.exit_codes[r.exit_code]++;
      me.syncs++;
      if (r.exit_code == 0 || r.exit_code == 4) return;
      if (r.exit_code != 3) {
        me.problems.push_back(fmt::format("round {}: sync through faults: {}", round, r.describe()));
        return;
      }
    }
  };

  // Rounds alternate between a poor network (one request in six harmed; the engine's retries
  // mostly hide it) and a bad one (nearly half; syncs give up with exit 3 and the next one must
  // carry on where it stopped).
  const FaultProfile poor{0.02, 0.03, 0.03, 0.02, 0.02, 0.02, 0.03, 30ms};
  const FaultProfile bad{0.07, 0.08, 0.05, 0.07, 0.07, 0.07, 0.05, 30ms};

  for (int round = 0; round < kRounds; ++round) {
    for (int p = 0; p < kPeople; ++p) round_start[static_cast<std::size_t>(p)] = people[p].intent.bookings.size();
    proxy_.set_faults(round % 2 == 0 ? poor : bad);
    proxy_.set_mode(ProxyMode::faulty);
    std::vector<std::thread> threads;
    for (int p = 0; p < kPeople; ++p) threads.emplace_back(play_round, p, round);
    for (auto& t : threads) t.join();
    // Every round ends with the network well, so that the next round's deliberate conflicts
    // meet bookings that are surely on the server.
    proxy_.set_mode(ProxyMode::pass);
    for (int p = 0; p < kPeople; ++p) {
      const CliRun r = people[p].cli->sync();
      if (r.exit_code != 0 && r.exit_code != 4) people[p].problems.push_back("final sync of round: " + r.describe());
    }
    for (int p = 0; p < kPeople; ++p) {
      pinned[static_cast<std::size_t>(p)].clear();
      for (const auto& b : people[p].intent.bookings) {
        if (b.pinned && b.active()) pinned[static_cast<std::size_t>(p)].push_back(b);
      }
      for (const auto& problem : people[p].problems) ADD_FAILURE() << people[p].cli->user() << ": " << problem;
      people[p].problems.clear();
    }
    std::cout << fmt::format("round {} done after {:.1f} s\n", round + 1, seconds_since(started));
    if (HasFailure()) return;
  }

  const ProxyCounters counters = proxy_.counters();
  std::cout << "fault counters: " << counters.to_string() << '\n';
  int changes = 0, rejections = 0, lost = 0, duplicated = 0, wrong = 0, accepted_after_refusal = 0;
  std::map<int, int> exit_codes;
  for (int p = 0; p < kPeople; ++p) {
    PersonRun& me = people[p];
    changes += me.intent.changes;
    rejections += static_cast<int>(me.intent.rejections.size());
    for (const auto& [code, n] : me.exit_codes) exit_codes[code] += n;
    const Verdict verdict = judge(apis[static_cast<std::size_t>(p)], me.intent, range_from(), range_to());
    lost += verdict.lost;
    duplicated += verdict.duplicated;
    wrong += verdict.wrong;
    EXPECT_TRUE(verdict.ok()) << me.cli->user() << ": " << verdict.summary();
    const auto view = view_differences(*me.cli, apis[static_cast<std::size_t>(p)], range_from(), range_to());
    EXPECT_TRUE(view.empty()) << me.cli->user() << ": " << fmt::format("{}", fmt::join(view, "\n"));
    // Refusals are listed with their problem, in the order the changes were queued.
    CliRun r;
    const Json outbox = me.cli->json({"outbox", "--json"}, &r);
    EXPECT_TRUE(outbox.is_array()) << r.describe();
    EXPECT_EQ(rejected_codes(outbox), me.intent.rejections)
        << me.cli->user() << ", rejected in outbox --json:" << describe_rejected(outbox);
    accepted_after_refusal += me.intent.accepted_after_refusal;
    expect_status(*me.cli, 0, true, static_cast<int>(me.intent.rejections.size()));
  }
  std::string codes;
  for (const auto& [code, n] : exit_codes) codes += fmt::format(" exit {}: {}", code, n);
  std::cout << fmt::format("faulty network test: {} changes ({} to be refused, {} queued behind a refusal), "
                           "lost={} duplicated={} wrong={}; syncs through faults:{}; {:.1f} s\n",
                           changes, rejections, accepted_after_refusal, lost, duplicated, wrong, codes,
                           seconds_since(started));
  EXPECT_GE(changes, kPeople * kRounds * per_round);
  EXPECT_GT(rejections, 0);
  EXPECT_GT(accepted_after_refusal, 0) << "no change queued behind a refused one: nothing shows they are not blocked";
  for (std::size_t i = 0; i < counters.injected.size(); ++i) {
    EXPECT_GT(counters.injected[i], 0) << to_string(static_cast<Fault>(i)) << " never happened";
  }
}

// An answer cut off right after its status line ("HTTP/1.1 201 Created" and then the connection
// closes) is no answer: libcurl reports it as a complete response with an empty body, so the
// client must notice the missing head itself and send the change again. Otherwise a created
// booking's server id is never learnt — and a cancellation queued by its local id is dropped
// unsent — and a refusal is stored without its reason ("http_409" instead of the server's code).
TEST_F(SyncEndToEnd, AnswerCutOffAfterItsStatusLineIsSentAgainNotTakenAsTheAnswer) {
  Cli cli{"employee0008", proxy_.url()};
  ApiClient api = server_.client_for("employee0008");
  const Policy policy = read_policy(api);
  const auto days = policy.bookable_days();
  login(cli);
  Intent intent;
  Person person{cli, intent, policy};
  ASSERT_EQ(person.book_slot("flr_rathaus_eg-07", days[1], "am"), "");
  ASSERT_EQ(person.cancel(0, Person::IdFrom::printed), "");
  ASSERT_EQ(person.book_slot("flr_rathaus_eg-07", policy.weekend_day(), "am", "weekday_not_bookable"), "");
  ASSERT_EQ(person.plan(days[1], "day", "office"), "");

  FaultProfile cut;
  cut.truncate = 1;
  cut.truncate_in_head = true;
  proxy_.set_faults(cut);
  proxy_.set_mode(ProxyMode::faulty);
  const CliRun through_cuts = cli.sync();
  EXPECT_EQ(through_cuts.exit_code, 3) << "every answer was cut off: " << through_cuts.describe();
  proxy_.set_mode(ProxyMode::pass);
  const CliRun clean = cli.sync();
  EXPECT_EQ(clean.exit_code, 4) << clean.describe();

  const Verdict verdict = judge(api, intent, range_from(), range_to());
  EXPECT_TRUE(verdict.ok()) << verdict.summary();
  CliRun r;
  const Json outbox = cli.json({"outbox", "--json"}, &r);
  EXPECT_EQ(rejected_codes(outbox), intent.rejections) << "rejected in outbox --json:" << describe_rejected(outbox);
  const auto view = view_differences(cli, api, range_from(), range_to());
  EXPECT_TRUE(view.empty()) << fmt::format("{}", fmt::join(view, "\n"));
  std::cout << "proxy: " << proxy_.counters().to_string() << '\n';
}

// --- d. An invalid session ----------------------------------------------------------------------

// A session the server no longer accepts (expired after 12 hours) ends a sync with exit 5 and
// keeps the change queued; signing in again sends it, once.
TEST_F(SyncEndToEnd, ExpiredSessionKeepsChangesQueuedUntilTheNextLogin) {
  Cli cli{"employee0003", proxy_.url()};
  const Policy policy = [&] {
    ApiClient api = server_.client_for("employee0003");
    return read_policy(api);
  }();
  const auto days = policy.bookable_days();
  login(cli);
  Intent intent;
  Person person{cli, intent, policy};
  ASSERT_EQ(person.book_slot("flr_rathaus_eg-03", days[2], "am"), "");
  ASSERT_EQ(person.plan(days[2], "day", "office"), "");

  server_.clock().advance(std::chrono::hours{13});  // 20:00 the same day: every session has expired
  const CliRun expired = cli.sync();
  EXPECT_EQ(expired.exit_code, 5) << expired.describe();
  expect_status(cli, 2, true, 0);
  ApiClient api = fresh_client(server_, "employee0003");
  EXPECT_EQ(api.get(fmt::format("/api/v1/bookings?from={}&to={}", format_date(days[2]), format_date(days[2]))).body.size(),
            0u);

  login(cli);
  const CliRun again = cli.sync();
  EXPECT_EQ(again.exit_code, 0) << again.describe();
  expect_status(cli, 0, true, 0);
  const Verdict verdict = judge(api, intent, range_from(), range_to());
  EXPECT_TRUE(verdict.ok()) << verdict.summary();
  const auto view = view_differences(cli, api, range_from(), range_to());
  EXPECT_TRUE(view.empty()) << fmt::format("{}", fmt::join(view, "\n"));
}

// After `logout`, changes can still be queued; `sync` says 5 (sign in again) and keeps them;
// after `login` they are on the server, once.
TEST_F(SyncEndToEnd, AfterLogoutChangesWaitForTheNextLogin) {
  Cli cli{"employee0004", proxy_.url()};
  ApiClient api = server_.client_for("employee0004");
  const Policy policy = read_policy(api);
  const auto days = policy.bookable_days();
  login(cli);
  const CliRun out = cli.logout();
  ASSERT_EQ(out.exit_code, 0) << out.describe();

  Intent intent;
  Person person{cli, intent, policy};
  ASSERT_EQ(person.book_slot("flr_rathaus_eg-04", days[3], "pm"), "");
  const CliRun signed_out = cli.sync();
  EXPECT_EQ(signed_out.exit_code, 5) << signed_out.describe();
  expect_status(cli, 1, std::nullopt, 0);
  EXPECT_TRUE(judge(api, Intent{}, range_from(), range_to()).ok()) << "sent while signed out";

  login(cli);
  const CliRun synced = cli.sync();
  EXPECT_EQ(synced.exit_code, 0) << synced.describe();
  expect_status(cli, 0, true, 0);
  const Verdict verdict = judge(api, intent, range_from(), range_to());
  EXPECT_TRUE(verdict.ok()) << verdict.summary();
  const auto view = view_differences(cli, api, range_from(), range_to());
  EXPECT_TRUE(view.empty()) << fmt::format("{}", fmt::join(view, "\n"));
}

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
