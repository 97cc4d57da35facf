// stellwerk-bench-sync: how long the client's sync engine takes against the real server on the
// city dataset, for the three cases a person notices.
//
//  1. The first sync of one employee's window: after signing in on a new PC, how long until the
//     person's building, its desks, the courses and their own records are in the local store.
//  2. The first sync of one building for a kiosk: the same for someone who signs in with badge
//     and PIN at the kiosk in the Rathaus. The server's window is the person's home building
//     (and any building they booked in), not the kiosk's, so the badge is one of a person who
//     works in the Rathaus; the bench checks that and warns otherwise.
//  3. The no-change sync: the round the client repeats every minute while nothing changed.
//
// How: `stellwerk-server --demo --demo-scale city` is started on a fresh data folder and a free
// loopback port (see server_harness.hpp). Each case uses the real sync::SyncEngine on a real
// store::LocalStore in a folder of its own. Signing in costs a deliberately slow password or PIN
// hash, which is not what the goals are about, so each person signs in once, untimed, and every
// measured first sync then starts from a fresh store that holds only that session — exactly
// the state right after the sign-in request — and times `engine.sync()`: the empty push, GET
// /me, GET /me/policy and the changes feed from "0", written into the store (an empty outbox
// sends nothing). Each first sync
// also opens a new connection, as a new client does. The sign-in's own first sync warms the
// server, so the runs measure a warm server and a cold client. Retries are off
// (max_attempts 1): a retry inside a timed sync would hide a failure behind a slow figure.
//
// Next to each time it prints the goal and "met" or "NOT met", and it splits the first sync into
// the server's answers (the same GETs timed again with a plain HTTP client) and the rest, which
// is the client's work. It never judges a timing: it exits 1 when a sync does not end `synced`
// and 2 when the set-up fails (no server binary, the server does not start, a sign-in fails).
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"
#include "stellwerk/sync/transport.hpp"

namespace {

namespace fs = std::filesystem;
namespace sync = stellwerk::sync;
namespace store = stellwerk::store;
using Json = nlohmann::json;
using stellwerk::bench::cpu_model;
using stellwerk::bench::default_server_path;
using stellwerk::bench::describe_disk;
using stellwerk::bench::seconds_since;
using stellwerk::bench::ScratchDir;
using stellwerk::bench::ServerProcess;
using stellwerk::bench::SetupError;
using stellwerk::bench::SteadyClock;
using stellwerk::bench::wait_until_ready;
using stellwerk::bench::with_thousands;

// The goals of the issue.
constexpr double kEmployeeGoalMs = 300;
constexpr double kKioskGoalMs = 200;
constexpr double kNoChangeGoalMs = 5;
constexpr std::size_t kNoChangeGoalBytes = 1024;  // "1 KB", read generously as 1 KiB

// A sync that did not end `synced`: the engine does not work against this server. Exit status 1.
class SyncFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

double milliseconds_since(SteadyClock::time_point start) { return seconds_since(start) * 1000.0; }

// CPU time of this whole process in nanoseconds. The engine runs on the calling thread, but curl
// may start a helper thread, so the process is the honest unit.
std::uint64_t own_cpu_nanoseconds() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<std::uint64_t>(t.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(t.tv_nsec);
}

// Nearest rank: the smallest value with at least p % of the samples at or below it.
double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::string bytes_text(std::size_t bytes) {
  if (bytes < 10 * 1024) return fmt::format("{} bytes", with_thousands(bytes));
  return fmt::format("{} bytes ({:.1f} KiB)", with_thousands(bytes), static_cast<double>(bytes) / 1024.0);
}

const char* verdict(bool met) { return met ? "met" : "NOT met"; }

std::string load_average() {
  std::ifstream file{"/proc/loadavg"};
  std::string one, five;
  file >> one >> five;
  return fmt::format("{} (1 min), {} (5 min)", one, five);
}

// ---------------------------------------------------------------------------------------------
// Stores and engines

store::LocalStore open_store(const fs::path& dir) {
  fs::create_directories(dir);
  auto opened = store::LocalStore::open(dir);
  if (!opened) throw SetupError(fmt::format("cannot open a local store in {}: {}", dir.string(), opened.error()));
  return std::move(*opened);
}

// An engine that tries each request once: a retry would hide a failure inside a timed figure.
std::unique_ptr<sync::SyncEngine> make_engine(store::LocalStore& local) {
  auto engine = std::make_unique<sync::SyncEngine>(local, stellwerk::net::TransportOptions{});
  sync::RetryPolicy once;
  once.max_attempts = 1;
  engine->set_retry_policy(once);
  return engine;
}

// The state right after a sign-in request: the session and the server the cache belongs to,
// nothing else (what SyncEngine::login stores before it runs its first sync).
void install_session(store::LocalStore& local, const store::Session& session) {
  local.atomically([&] {
    local.save_session(session);
    local.set_server_url(session.server_url);
  });
}

struct SyncSample {
  double ms = 0;
  int requests = 0;
  std::size_t bytes = 0;
  int pulled = 0;
  double client_cpu_ms = 0;
  double server_cpu_ms = 0;
};

// One timed engine.sync(). The CPU counters are read outside the timed part.
SyncSample timed_sync(sync::SyncEngine& engine, const ServerProcess& server, std::string_view what) {
  const std::uint64_t server_before = server.cpu_nanoseconds();
  const std::uint64_t client_before = own_cpu_nanoseconds();
  const auto start = SteadyClock::now();
  const sync::SyncReport report = engine.sync();
  const double ms = milliseconds_since(start);
  const std::uint64_t client_after = own_cpu_nanoseconds();
  const std::uint64_t server_after = server.cpu_nanoseconds();
  if (report.outcome != sync::SyncOutcome::synced) {
    throw SyncFailure(fmt::format("{}: the sync ended {} ({})", what, sync::to_string(report.outcome), report.message));
  }
  return SyncSample{ms,
                    report.requests,
                    report.bytes_on_wire,
                    report.pulled,
                    static_cast<double>(client_after - client_before) / 1e6,
                    static_cast<double>(server_after - server_before) / 1e6};
}

// What a store holds after a first sync, in one line: the window it received.
std::string describe_window(const store::LocalStore& local) {
  const auto buildings = local.buildings();
  std::size_t resources = 0;
  std::string names;
  for (const auto& b : buildings) {
    resources += local.resources_in_building(b.id).size();
    names += fmt::format("{}{} \"{}\"", names.empty() ? "" : ", ", b.id, b.name);
  }
  return fmt::format("{} building{} ({}), {} resources, {} courses", buildings.size(), buildings.size() == 1 ? "" : "s",
                     names, resources, local.courses().size());
}

// ---------------------------------------------------------------------------------------------
// The server's share, timed with a plain HTTP client

std::unique_ptr<httplib::Client> connect(int port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);  // as curl (and so the engine) does by default
  client->set_connection_timeout(std::chrono::seconds{10});
  client->set_read_timeout(std::chrono::seconds{60});
  return client;
}

// Wall time of each answer, and the server's CPU time for it: on a busy machine the wall time
// includes waiting for a core, the CPU time does not.
struct ServerSplit {
  std::vector<double> me_ms, policy_ms, feed_ms;  // the feed: all pages of one since=0 pull
  std::vector<double> me_cpu_ms, policy_cpu_ms, feed_cpu_ms;
  int pages = 0;
  std::size_t feed_bytes = 0;  // response bodies only
};

// The GETs of a first sync, `runs` times, on one kept-alive connection (the engine's first
// request also pays for connecting; on loopback that is a fraction of a millisecond). The page
// size is the engine's (500).
ServerSplit time_server_answers(int port, const std::string& token, int runs, const ServerProcess& server) {
  auto client = connect(port);
  const httplib::Headers auth{{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
  auto get = [&](const std::string& target) {
    auto res = client->Get(target, auth);
    if (!res || res->status != 200) {
      throw SyncFailure(fmt::format("GET {} answered {}", target,
                                    res ? fmt::format("HTTP {}", res->status) : httplib::to_string(res.error())));
    }
    return res->body;
  };
  // Times `work` into `wall` and the server's CPU during it into `cpu`; the CPU counters are
  // read outside the timed part.
  auto timed = [&](std::vector<double>& wall, std::vector<double>& cpu, auto&& work) {
    const std::uint64_t cpu_before = server.cpu_nanoseconds();
    const auto start = SteadyClock::now();
    work();
    wall.push_back(milliseconds_since(start));
    cpu.push_back(static_cast<double>(server.cpu_nanoseconds() - cpu_before) / 1e6);
  };
  ServerSplit split;
  for (int run = 0; run < runs; ++run) {
    timed(split.me_ms, split.me_cpu_ms, [&] { get("/api/v1/me"); });
    timed(split.policy_ms, split.policy_cpu_ms, [&] { get("/api/v1/me/policy"); });
    std::vector<std::string> bodies;
    timed(split.feed_ms, split.feed_cpu_ms, [&] {
      std::string cursor = "0";
      for (bool more = true; more;) {
        bodies.push_back(get(fmt::format("/api/v1/changes?since={}&limit=500", cursor)));
        const Json page = Json::parse(bodies.back());
        cursor = page.at("cursor").get<std::string>();
        more = page.at("has_more").get<bool>();
      }
    });
    split.pages = static_cast<int>(bodies.size());
    split.feed_bytes = 0;
    for (const auto& body : bodies) split.feed_bytes += body.size();
  }
  return split;
}

// ---------------------------------------------------------------------------------------------
// The cases

struct FirstSyncResult {
  std::vector<SyncSample> samples;
  std::vector<double> open_ms;  // LocalStore::open of a fresh folder, not part of the goal
  std::string window;
};

// `runs` first syncs, each on a fresh store that holds only `session`.
FirstSyncResult first_syncs(const store::Session& session, const fs::path& parent, std::string_view label, int runs,
                            const ServerProcess& server) {
  FirstSyncResult result;
  for (int run = 1; run <= runs; ++run) {
    const auto open_start = SteadyClock::now();
    store::LocalStore local = open_store(parent / fmt::format("{}-{:02}", label, run));
    result.open_ms.push_back(milliseconds_since(open_start));
    install_session(local, session);
    auto engine = make_engine(local);
    result.samples.push_back(timed_sync(*engine, server, fmt::format("first sync {} of {}", run, label)));
    if (result.samples.back().pulled == 0 || !local.has_data()) {
      throw SyncFailure(fmt::format("first sync {} of {} ended synced but brought no data", run, label));
    }
    if (run == 1) result.window = describe_window(local);
  }
  return result;
}

void print_first_syncs(std::string_view title, const FirstSyncResult& result, const ServerSplit& split,
                       double goal_ms) {
  std::vector<double> ms, client_cpu, server_cpu;
  for (const auto& s : result.samples) {
    ms.push_back(s.ms);
    client_cpu.push_back(s.client_cpu_ms);
    server_cpu.push_back(s.server_cpu_ms);
  }
  const double median = percentile(ms, 50);
  const SyncSample& first = result.samples.front();
  const bool same_traffic = std::all_of(result.samples.begin(), result.samples.end(), [&](const SyncSample& s) {
    return s.requests == first.requests && s.bytes == first.bytes && s.pulled == first.pulled;
  });
  fmt::print("\n{}\n", title);
  fmt::print("  window:   {}\n", result.window);
  fmt::print(
      "  time:     median {:.1f} ms  p90 {:.1f} ms  max {:.1f} ms  (min {:.1f}, {} runs)  "
      "(goal <= {:.0f} ms: {})\n",
      median, percentile(ms, 90), percentile(ms, 100), percentile(ms, 0), ms.size(), goal_ms,
      verdict(median <= goal_ms));
  fmt::print("  traffic:  {} requests, {} on the wire, {} feed entries pulled{}\n", first.requests,
             bytes_text(first.bytes), first.pulled, same_traffic ? "" : " (first run; later runs differed)");
  const double server_ms =
      percentile(split.me_ms, 50) + percentile(split.policy_ms, 50) + percentile(split.feed_ms, 50);
  fmt::print(
      "  server:   GET /me {:.1f} ms (CPU {:.1f}), /me/policy {:.1f} ms (CPU {:.1f}), changes since=0 {:.1f} ms "
      "(CPU {:.1f}) in {} page{} of {} JSON: {:.1f} ms in all (medians, plain HTTP client); the rest of the "
      "sync, {:.1f} ms, is the client's\n",
      percentile(split.me_ms, 50), percentile(split.me_cpu_ms, 50), percentile(split.policy_ms, 50),
      percentile(split.policy_cpu_ms, 50), percentile(split.feed_ms, 50), percentile(split.feed_cpu_ms, 50),
      split.pages, split.pages == 1 ? "" : "s", bytes_text(split.feed_bytes), server_ms, median - server_ms);
  fmt::print(
      "  CPU:      client {:.1f} ms, server {:.1f} ms per sync (medians; unlike the times, not inflated by "
      "other work on the machine)\n",
      percentile(client_cpu, 50), percentile(server_cpu, 50));
  fmt::print("  not in the time: opening the fresh store {:.1f} ms (median)\n", percentile(result.open_ms, 50));
  std::fflush(stdout);
}

struct NoChangeResult {
  std::vector<double> ms;
  int min_requests = 0, max_requests = 0;
  std::size_t min_bytes = 0, max_bytes = 0;
  int pulled = 0;
  double client_cpu_ms = 0, server_cpu_ms = 0;  // medians
};

NoChangeResult summarise(const std::vector<SyncSample>& samples) {
  NoChangeResult r;
  std::vector<double> client_cpu, server_cpu;
  r.min_requests = r.max_requests = samples.front().requests;
  r.min_bytes = r.max_bytes = samples.front().bytes;
  for (const auto& s : samples) {
    r.ms.push_back(s.ms);
    r.min_requests = std::min(r.min_requests, s.requests);
    r.max_requests = std::max(r.max_requests, s.requests);
    r.min_bytes = std::min(r.min_bytes, s.bytes);
    r.max_bytes = std::max(r.max_bytes, s.bytes);
    r.pulled += s.pulled;
    client_cpu.push_back(s.client_cpu_ms);
    server_cpu.push_back(s.server_cpu_ms);
  }
  r.client_cpu_ms = percentile(client_cpu, 50);
  r.server_cpu_ms = percentile(server_cpu, 50);
  return r;
}

std::string range_text(std::size_t low, std::size_t high, std::string_view unit) {
  return low == high ? fmt::format("{} {}", with_thousands(low), unit)
                     : fmt::format("{}-{} {}", with_thousands(low), with_thousands(high), unit);
}

void print_no_change(std::string_view title, const NoChangeResult& r, bool judge) {
  const double median = percentile(r.ms, 50);
  fmt::print("  {}\n", title);
  fmt::print("    time:     median {:.2f} ms  p99 {:.2f} ms  max {:.2f} ms  ({} syncs)", median, percentile(r.ms, 99),
             percentile(r.ms, 100), r.ms.size());
  if (judge) fmt::print("  (goal <= {:.0f} ms: {})", kNoChangeGoalMs, verdict(median <= kNoChangeGoalMs));
  fmt::print("\n    traffic:  {} per sync", range_text(static_cast<std::size_t>(r.min_requests),
                                                       static_cast<std::size_t>(r.max_requests), "request(s)"));
  if (judge) fmt::print(" (goal 1: {})", verdict(r.min_requests == 1 && r.max_requests == 1));
  fmt::print(", {} on the wire per sync", range_text(r.min_bytes, r.max_bytes, "bytes"));
  if (judge) fmt::print(" (goal <= 1 KB: {})", verdict(r.max_bytes <= kNoChangeGoalBytes));
  fmt::print(", {} entries pulled in all\n", r.pulled);
  fmt::print("    CPU:      client {:.2f} ms, server {:.2f} ms per sync (medians)\n", r.client_cpu_ms, r.server_cpu_ms);
  std::fflush(stdout);
}

// ---------------------------------------------------------------------------------------------
// Signing in (untimed)

store::Session personal_sign_in(const std::string& url, const std::string& username, const fs::path& dir,
                                double& seconds) {
  store::LocalStore local = open_store(dir);
  auto engine = make_engine(local);
  const auto start = SteadyClock::now();
  const sync::LoginResult login = engine->login(url, username, "demo");
  seconds = seconds_since(start);
  if (login.outcome != sync::LoginOutcome::signed_in) {
    throw SetupError(fmt::format("sign-in of {} failed: {}", username, login.message));
  }
  if (!login.first_sync || login.first_sync->outcome != sync::SyncOutcome::synced) {
    throw SyncFailure(fmt::format("the first sync after signing in {} ended {} ({})", username,
                                  login.first_sync ? sync::to_string(login.first_sync->outcome) : "missing",
                                  login.first_sync ? login.first_sync->message : ""));
  }
  const auto session = local.session();
  if (!session || session->token.empty()) throw SetupError("the store holds no session after signing in");
  return *session;
}

struct KioskSignIn {
  store::Session session;
  std::string home_building_id;
  double seconds = 0;
};

// POST /api/v1/session/kiosk with the device's token and a badge and PIN, as a kiosk does.
KioskSignIn kiosk_sign_in(int port, const std::string& url, const std::string& device_token, const std::string& badge,
                          const std::string& pin) {
  auto client = connect(port);
  const httplib::Headers auth{{"Authorization", "Bearer " + device_token}};
  const auto start = SteadyClock::now();
  auto res =
      client->Post("/api/v1/session/kiosk", auth, Json{{"badge", badge}, {"pin", pin}}.dump(), "application/json");
  KioskSignIn result;
  result.seconds = seconds_since(start);
  if (!res || res->status != 201) {
    throw SetupError(
        fmt::format("kiosk sign-in with badge {} failed: {}", badge,
                    res ? fmt::format("HTTP {} {}", res->status, res->body) : httplib::to_string(res.error())));
  }
  try {
    const Json json = Json::parse(res->body);
    const Json& user = json.at("user");
    result.session.server_url = url;
    result.session.username = user.at("username").get<std::string>();
    result.session.user_id = user.at("id").get<std::string>();
    result.session.token = json.at("token").get<std::string>();
    result.session.expires_at = stellwerk::parse_rfc3339(json.at("expires_at").get<std::string>());
    result.home_building_id = user.at("home_building_id").get<std::string>();
  } catch (const Json::exception& e) {
    throw SetupError(fmt::format("unreadable answer to the kiosk sign-in: {}", e.what()));
  }
  return result;
}

struct Kiosk {
  std::string name;
  std::string building_id;
};

// The registered kiosks, from the server's database (read-only; WAL allows it while the server
// runs). The API does not say where a kiosk stands, and the case needs a person whose window
// is that building.
std::vector<Kiosk> read_kiosks(const fs::path& db_file) {
  namespace sql = stellwerk::sql;
  auto db = sql::Connection::open(db_file, sql::Connection::Mode::read_only);
  sql::Statement rows{db, "SELECT name, building_id FROM kiosk_devices ORDER BY id"};
  std::vector<Kiosk> kiosks;
  while (rows.step()) kiosks.push_back(Kiosk{rows.text(0), rows.text(1)});
  return kiosks;
}

// ---------------------------------------------------------------------------------------------

// Long because: the benchmark in the order it runs (options, server, each measurement and its
// table); split up, a dozen figures would travel between the parts.
int run(int argc, char** argv) {
  CLI::App app{"First and no-change syncs of the client's sync engine against stellwerk-server (city demo data)"};
  std::string server_path = default_server_path().string();
  int runs = 10;
  int no_change_runs = 200;
  // A city-scale employee (501..9977 are spread over 26 departments and 597 buildings):
  // dep_13, home building bld_0228, no bookings yet.
  std::string username = "employee5000";
  std::string kiosk_token = "demo-kiosk-token";
  std::string badge = "1001";
  std::string pin = "2468";
  std::string data_parent;
  bool keep = false;
  app.add_option("--server", server_path, "stellwerk-server binary")->capture_default_str();
  app.add_option("--runs", runs, "First syncs per case, each on a fresh store")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--no-change-runs", no_change_runs, "No-change syncs on one kept-alive connection")
      ->check(CLI::Range(1, 100'000))
      ->capture_default_str();
  app.add_option("--user", username, "Employee whose window is synced (password \"demo\")")->capture_default_str();
  app.add_option("--kiosk-token", kiosk_token, "Kiosk device token")->capture_default_str();
  app.add_option("--badge", badge, "Badge signed in at the kiosk")->capture_default_str();
  app.add_option("--pin", pin, "PIN of that badge")->capture_default_str();
  app.add_option("--data-parent", data_parent,
                 "Folder in which the fresh server and client folders are made (default: $TMPDIR or /tmp)");
  app.add_flag("--keep", keep, "Keep the folders afterwards");
  CLI11_PARSE(app, argc, argv);

  if (!fs::exists(server_path)) throw SetupError(fmt::format("no server binary at {} (use --server)", server_path));
  const ScratchDir scratch{data_parent, "stellwerk-sync", keep};
  const fs::path& root = scratch.path();
  const fs::path server_dir = root / "server";
  const fs::path stores = root / "clients";

  fmt::print("machine:      {} cores (nproc), {}\n", std::thread::hardware_concurrency(), cpu_model());
  fmt::print("disk:         {}\n", describe_disk(root));
  fmt::print("folders:      {}{}\n", root.string(), keep ? " (kept)" : "");
  fmt::print("load average: {} at the start\n", load_average());
  std::fflush(stdout);

  // Start and seed the city.
  const auto started = SteadyClock::now();
  ServerProcess server{server_path,
                       {"--data", server_dir.string(), "--listen", "127.0.0.1:0", "--demo", "--demo-scale", "city",
                        "--log-level", "warn"}};
  const int port = server.read_port(std::chrono::seconds{600});
  wait_until_ready(port, std::chrono::seconds{60});
  fmt::print("seeding:      {:.2f} s (start of the server to GET /healthz 200, city scale); server pid {}\n",
             seconds_since(started), server.pid());
  const std::string url = fmt::format("http://127.0.0.1:{}", port);

  // Sign in, untimed: one PBKDF2 hash each, slow on purpose.
  double employee_sign_in_seconds = 0;
  const store::Session employee =
      personal_sign_in(url, username, stores / "employee-sign-in", employee_sign_in_seconds);
  const std::vector<Kiosk> kiosks = read_kiosks(server_dir / "stellwerk-server.db");
  if (kiosks.empty()) throw SetupError("the city dataset registers no kiosk");
  const KioskSignIn kiosk = kiosk_sign_in(port, url, kiosk_token, badge, pin);
  // The kiosk in the person's home building; the demo registers one, in the Rathaus.
  const auto stands = std::find_if(kiosks.begin(), kiosks.end(),
                                   [&](const Kiosk& k) { return k.building_id == kiosk.home_building_id; });
  const Kiosk& at = stands != kiosks.end() ? *stands : kiosks.front();
  fmt::print(
      "sign-in:      {} {:.2f} s (password, engine.login incl. its first sync); badge {} ({}) {:.2f} s (PIN) at "
      "kiosk \"{}\" in {}; untimed\n",
      username, employee_sign_in_seconds, badge, kiosk.session.username, kiosk.seconds, at.name, at.building_id);
  if (stands == kiosks.end()) {
    fmt::print(
        "WARNING: badge {} belongs to someone whose home building {} has no kiosk: the kiosk case below "
        "does not sync a kiosk's building\n",
        badge, kiosk.home_building_id);
  }
  fmt::print("load average: {} before timing\n", load_average());
  std::fflush(stdout);

  // 1. and 2.: first syncs, each on a fresh store.
  const FirstSyncResult employee_runs = first_syncs(employee, stores, "employee", runs, server);
  const ServerSplit employee_split = time_server_answers(port, employee.token, runs, server);
  print_first_syncs(fmt::format("first sync of one employee's window ({}, city dataset)", username), employee_runs,
                    employee_split, kEmployeeGoalMs);
  const FirstSyncResult kiosk_runs = first_syncs(kiosk.session, stores, "kiosk", runs, server);
  const ServerSplit kiosk_split = time_server_answers(port, kiosk.session.token, runs, server);
  print_first_syncs(fmt::format("first sync of one building for a kiosk (badge {} = {} at \"{}\", city dataset)", badge,
                                kiosk.session.username, at.name),
                    kiosk_runs, kiosk_split, kKioskGoalMs);

  // 3. No-change syncs after a first sync. The goal is judged on one kept-alive connection, as
  // back-to-back rounds have. The client's rounds are a minute apart and the server closes a
  // connection after 5 s idle, so every real round also connects anew: measured separately
  // (plain http on loopback here; over TLS a new connection also costs a handshake).
  store::LocalStore steady_store = open_store(stores / "employee-steady");
  install_session(steady_store, employee);
  auto steady = make_engine(steady_store);
  timed_sync(*steady, server, "first sync before the no-change syncs");
  std::vector<SyncSample> kept_alive;
  for (int i = 0; i < no_change_runs; ++i) {
    kept_alive.push_back(timed_sync(*steady, server, fmt::format("no-change sync {}", i + 1)));
  }
  std::vector<SyncSample> reconnecting;
  for (int i = 0; i < std::max(1, no_change_runs / 10); ++i) {
    auto fresh = make_engine(steady_store);
    reconnecting.push_back(timed_sync(*fresh, server, fmt::format("no-change sync on a new connection {}", i + 1)));
  }
  const NoChangeResult no_change = summarise(kept_alive);
  const NoChangeResult no_change_new = summarise(reconnecting);
  fmt::print("\nno-change sync ({}, after a first sync)\n", username);
  print_no_change("on one kept-alive connection (the goal)", no_change, true);
  print_no_change("each on a new connection (as the client's rounds a minute apart are)", no_change_new, false);
  fmt::print("load average: {} at the end\n", load_average());

  const std::string server_exit = server.stop(std::chrono::seconds{30});
  fmt::print("server stop:  SIGTERM, {}\n", server_exit);

  std::vector<double> employee_ms, kiosk_ms;
  for (const auto& s : employee_runs.samples) employee_ms.push_back(s.ms);
  for (const auto& s : kiosk_runs.samples) kiosk_ms.push_back(s.ms);
  const double no_change_median = percentile(no_change.ms, 50);
  fmt::print(
      "\ngoals (issue): employee first sync <= 300 ms: {} ({:.1f} ms); kiosk first sync <= 200 ms: {} "
      "({:.1f} ms); no-change sync <= 5 ms: {} ({:.2f} ms), 1 request: {}, <= 1 KB: {} ({} bytes)\n",
      verdict(percentile(employee_ms, 50) <= kEmployeeGoalMs), percentile(employee_ms, 50),
      verdict(percentile(kiosk_ms, 50) <= kKioskGoalMs), percentile(kiosk_ms, 50),
      verdict(no_change_median <= kNoChangeGoalMs), no_change_median,
      verdict(no_change.min_requests == 1 && no_change.max_requests == 1),
      verdict(no_change.max_bytes <= kNoChangeGoalBytes), no_change.max_bytes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The figures so far go out before the error, so that both read in order in one log.
  const auto report = [](const std::exception& e) {
    std::fflush(stdout);
    fmt::print(stderr, "stellwerk-bench-sync: {}\n", e.what());
  };
  try {
    return run(argc, argv);
  } catch (const SyncFailure& e) {
    report(e);
    return 1;
  } catch (const std::exception& e) {  // SetupError and anything unforeseen
    report(e);
  }
  return 2;
}
