// stellwerk-bench-booking-rush: the morning rush on `POST /api/v1/bookings`, measured end to end.
//
// What it measures: how many desk bookings per second the real `stellwerk-server` binary accepts,
// and how long each one takes, when 64 clients on keep-alive connections book at once; and whether
// any two active bookings ended up overlapping on one desk. Every accepted booking is a durable
// write (WAL, synchronous=FULL) that goes through the server's single writer thread, so the figures
// are those of the write path with group commit, on the disk the data folder lives on.
//
// How: the server is started with `--demo --demo-scale city` on a fresh data folder (600
// buildings, 12,600+ desks, 10,000 employees) and a free loopback port. The people, desks and the
// booking rules are read from its database, so the plan follows the seed. The bookers are the
// employees of dep_digital (employee0001..0500: Mon-Fri, 28 days ahead, 20 upcoming), signed in
// before timing starts (a sign-in costs one deliberately slow password hash). Each books a desk on
// each of the next working days of the horizon (half days when the horizon has too few), at desks
// spread over the whole city; a small share of requests (--collisions, 5 %) deliberately names the
// desk and day of another request and is sent right next to it, so two connections race for one
// desk and exactly one must get 409 desk_taken. Requests are sent from a shared queue by one
// thread per connection; each connection makes one untimed request first so that connecting is
// not measured. After the rush the server gets SIGTERM, and the database is opened read-only to
// count overlapping active bookings of one desk (must be 0) and of one person.
//
// It reports and never judges a timing: the exit status is non-zero only when the set-up fails
// (server does not start, sign-in fails, dataset does not fit the plan) or the database holds a
// double booking. The client shares the machine with the server, so its CPU time is printed too.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "server_harness.hpp"

namespace {

namespace fs = std::filesystem;
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

double own_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// ---------------------------------------------------------------------------------------------
// The plan

struct Booker {
  std::string username;
  std::string token;
};

struct Desk {
  std::string id;
  std::string building_id;
};

struct Slot {
  stellwerk::Date day;
  stellwerk::MinuteOfDay start = 0;
  stellwerk::MinuteOfDay end = 0;
};

struct Request {
  std::size_t booker = 0;
  std::string body;
};

struct Dataset {
  std::vector<Booker> bookers;
  std::vector<Desk> desks;
  int days_ahead = 0;
  int max_upcoming = 0;
  std::string bookable_weekdays;  // seven '0'/'1', Monday first
  stellwerk::SlotTimes day;
  stellwerk::SlotTimes am;
  stellwerk::SlotTimes pm;
  std::set<std::pair<std::string, std::string>> closures;  // (building_id, date)
};

constexpr const char* kDepartment = "dep_digital";

// People, desks and rules as the server seeded them. The database is in WAL mode, so reading it
// while the server runs is safe; the connection is closed before anything is timed.
Dataset read_dataset(const fs::path& db_file, std::size_t users) {
  namespace sql = stellwerk::sql;
  auto db = sql::Connection::open(db_file, sql::Connection::Mode::read_only);
  Dataset data;
  sql::Statement people{db,
                        "SELECT username FROM employees WHERE department_id = ? AND username GLOB 'employee[0-9]*' "
                        "ORDER BY username LIMIT ?"};
  people.bind_all(kDepartment, static_cast<std::int64_t>(users));
  while (people.step()) data.bookers.push_back(Booker{people.text(0), {}});
  if (data.bookers.size() < users) {
    throw SetupError(fmt::format("the dataset has {} employees in {}, --users asks for {}", data.bookers.size(),
                                 kDepartment, users));
  }
  sql::Statement rules{db,
                       "SELECT days_ahead, max_upcoming, bookable_weekdays, day_start, day_end, am_start, am_end, "
                       "pm_start, pm_end FROM departments WHERE id = ?"};
  rules.bind_all(kDepartment);
  if (!rules.step()) throw SetupError(fmt::format("the dataset has no department {}", kDepartment));
  data.days_ahead = rules.integer(0);
  data.max_upcoming = rules.integer(1);
  data.bookable_weekdays = rules.text(2);
  data.day = {rules.integer(3), rules.integer(4)};
  data.am = {rules.integer(5), rules.integer(6)};
  data.pm = {rules.integer(7), rules.integer(8)};
  // Accessible desks are held for the people who need one: not part of an ordinary rush.
  sql::Statement desks{db, "SELECT id, building_id FROM resources WHERE type = 'desk' AND accessible = 0 "
                           "ORDER BY sort_order"};
  while (desks.step()) data.desks.push_back(Desk{desks.text(0), desks.text(1)});
  sql::Statement closures{db, "SELECT building_id, date FROM closures"};
  while (closures.step()) data.closures.emplace(closures.text(0), closures.text(1));
  return data;
}

struct Plan {
  std::vector<Request> requests;
  std::vector<Slot> slots;
  std::size_t collisions = 0;  // requests that name the desk and time of another one
  std::size_t buildings = 0;   // buildings the plan books in
};

// The slots every booker books, one a day on the bookable days ahead; when holidays leave too few
// days, the last days are booked as two half days.
std::vector<Slot> slots_for(const Dataset& data, std::size_t per_user) {
  std::vector<stellwerk::Date> days;
  const stellwerk::Date today = stellwerk::today_in_berlin();
  for (int ahead = 1; ahead <= data.days_ahead; ++ahead) {
    const auto day = stellwerk::add_days(today, ahead);
    const auto weekday = static_cast<std::size_t>(stellwerk::weekday_index(day));
    if (weekday < data.bookable_weekdays.size() && data.bookable_weekdays[weekday] == '1' &&
        !stellwerk::nrw_holiday(day)) {
      days.push_back(day);
    }
  }
  std::vector<Slot> slots;
  if (days.size() >= per_user) {
    for (std::size_t i = 0; i < per_user; ++i) slots.push_back(Slot{days[i], data.day.start, data.day.end});
  } else if (2 * days.size() >= per_user) {
    // Too few days in the horizon (holidays): the last days are booked as two half days.
    const std::size_t split = per_user - days.size();
    for (std::size_t i = 0; i < days.size(); ++i) {
      if (i + split < days.size()) {
        slots.push_back(Slot{days[i], data.day.start, data.day.end});
      } else {
        slots.push_back(Slot{days[i], data.am.start, data.am.end});
        slots.push_back(Slot{days[i], data.pm.start, data.pm.end});
      }
    }
  } else {
    throw SetupError(fmt::format("the next {} days hold {} bookable days, too few for {} bookings each",
                                 data.days_ahead, days.size(), per_user));
  }
  return slots;
}

// Booker u books slots 0, 1, 2 … of the same list (one a day, from tomorrow: today's slot may
// already have begun). On a day, every booker gets a different desk from a shuffled list of all
// desks; then `collision_share` of the requests are paired with another request of that slot and
// take its desk, and each pair is queued back to back so that two connections race for it.
Plan make_plan(const Dataset& data, std::size_t request_count, double collision_share, std::uint64_t seed) {
  const std::size_t users = data.bookers.size();
  const std::size_t per_user = (request_count + users - 1) / users;
  if (per_user > static_cast<std::size_t>(data.max_upcoming)) {
    throw SetupError(fmt::format("{} requests over {} users is {} bookings each; {} allows {} upcoming",
                                 request_count, users, per_user, kDepartment, data.max_upcoming));
  }
  Plan plan;
  plan.slots = slots_for(data, per_user);

  std::mt19937_64 random{seed};
  // Units of one request, or two that race for one desk.
  std::vector<std::vector<Request>> units;
  std::set<std::string> buildings;
  for (std::size_t s = 0; s < plan.slots.size(); ++s) {
    const Slot& slot = plan.slots[s];
    const std::string date = stellwerk::format_date(slot.day);
    std::vector<const Desk*> open;
    for (const Desk& desk : data.desks) {
      if (!data.closures.contains({desk.building_id, date})) open.push_back(&desk);
    }
    std::vector<std::size_t> bookers;
    for (std::size_t u = 0; u < users; ++u) {
      if (u * per_user + s < request_count) bookers.push_back(u);
    }
    if (open.size() < bookers.size()) {
      throw SetupError(fmt::format("{} open desks on {} for {} bookers", open.size(), date, bookers.size()));
    }
    std::shuffle(open.begin(), open.end(), random);
    std::shuffle(bookers.begin(), bookers.end(), random);
    const std::string start = stellwerk::to_rfc3339(stellwerk::to_instant(slot.day, slot.start));
    const std::string end = stellwerk::to_rfc3339(stellwerk::to_instant(slot.day, slot.end));
    auto request = [&](std::size_t booker, const Desk& desk) {
      buildings.insert(desk.building_id);
      return Request{booker, Json{{"resource_id", desk.id}, {"start", start}, {"end", end}}.dump()};
    };
    const auto pairs = std::min(
        bookers.size() / 2,
        static_cast<std::size_t>(std::llround(collision_share * static_cast<double>(bookers.size()))));
    for (std::size_t i = 0; i < bookers.size();) {
      if (i / 2 < pairs && i + 1 < bookers.size()) {
        units.push_back({request(bookers[i], *open[i]), request(bookers[i + 1], *open[i])});
        i += 2;
      } else {
        units.push_back({request(bookers[i], *open[i])});
        i += 1;
      }
    }
    plan.collisions += pairs;
  }
  std::shuffle(units.begin(), units.end(), random);
  for (auto& unit : units) {
    for (auto& r : unit) plan.requests.push_back(std::move(r));
  }
  plan.buildings = buildings.size();
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Load

std::unique_ptr<httplib::Client> connect(int port, std::chrono::seconds read_timeout = std::chrono::seconds{60}) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);  // as curl and browsers do: a request is not held back by Nagle
  client->set_connection_timeout(std::chrono::seconds{10});
  client->set_read_timeout(read_timeout);
  client->set_write_timeout(std::chrono::seconds{60});
  return client;
}

// Signs every booker in over `connections` connections in parallel; returns the slowest sign-in.
double sign_in(std::vector<Booker>& bookers, int port, std::size_t connections) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex failure_mutex;
  std::vector<double> slowest(connections, 0.0);
  std::vector<std::jthread> threads;
  for (std::size_t t = 0; t < connections; ++t) {
    threads.emplace_back([&, t] {
      auto client = connect(port, std::chrono::seconds{300});
      for (std::size_t i = next++; i < bookers.size() && !failed; i = next++) {
        const auto start = SteadyClock::now();
        const Json body{{"username", bookers[i].username}, {"password", "demo"}};
        auto res = client->Post("/api/v1/session", body.dump(), "application/json");
        slowest[t] = std::max(slowest[t], seconds_since(start));
        if (!res || res->status != 201) {
          std::lock_guard lock{failure_mutex};
          failure = fmt::format("sign-in of {} failed: {}", bookers[i].username,
                                res ? fmt::format("HTTP {} {}", res->status, res->body) : httplib::to_string(res.error()));
          failed = true;
          return;
        }
        bookers[i].token = Json::parse(res->body).at("token").get<std::string>();
      }
    });
  }
  threads.clear();
  if (failed) throw SetupError(failure);
  return *std::max_element(slowest.begin(), slowest.end());
}

struct Tally {
  std::vector<std::uint32_t> latencies_us;
  std::size_t created = 0;
  std::map<std::string, std::size_t> refused;  // 409 by code
  std::map<std::string, std::size_t> other;    // any other answer or transport error
};

struct RushResult {
  Tally tally;
  double wall_seconds = 0;
  double server_cpu_seconds = 0;
  double client_cpu_seconds = 0;
};

RushResult rush(const Plan& plan, const std::vector<Booker>& bookers, int port, std::size_t connections,
                const ServerProcess& server) {
  std::vector<httplib::Headers> auth;
  for (const Booker& b : bookers) auth.push_back({{"Authorization", "Bearer " + b.token}});
  std::vector<Tally> tallies(connections);
  std::atomic<std::size_t> next{0};
  std::latch connected{static_cast<std::ptrdiff_t>(connections) + 1};
  std::latch go{1};
  std::atomic<std::size_t> unready{0};
  std::vector<std::jthread> threads;
  for (std::size_t t = 0; t < connections; ++t) {
    threads.emplace_back([&, t] {
      auto client = connect(port);
      Tally& tally = tallies[t];
      tally.latencies_us.reserve(plan.requests.size() / connections * 2);
      // Opens the keep-alive connection outside the timed part.
      if (auto res = client->Get("/healthz"); !res || res->status != 200) ++unready;
      connected.count_down();
      go.wait();
      for (std::size_t i = next++; i < plan.requests.size(); i = next++) {
        const Request& request = plan.requests[i];
        const auto start = SteadyClock::now();
        auto res = client->Post("/api/v1/bookings", auth[request.booker], request.body, "application/json");
        const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
        tally.latencies_us.push_back(static_cast<std::uint32_t>(std::min<std::int64_t>(elapsed.count(), UINT32_MAX)));
        if (!res) {
          ++tally.other[fmt::format("transport: {}", httplib::to_string(res.error()))];
        } else if (res->status == 201) {
          ++tally.created;
        } else {
          std::string code = "?";
          try {
            code = Json::parse(res->body).value("code", "?");
          } catch (const Json::exception&) {
          }
          if (res->status == 409) ++tally.refused[code];
          else ++tally.other[fmt::format("HTTP {} {}", res->status, code)];
        }
      }
    });
  }
  connected.arrive_and_wait();
  if (unready > 0) {
    next = plan.requests.size();  // the threads leave without sending anything
    go.count_down();
    throw SetupError(fmt::format("{} connections could not reach the server", unready.load()));
  }
  RushResult result;
  const double server_cpu = server.cpu_seconds();
  const double client_cpu = own_cpu_seconds();
  const auto start = SteadyClock::now();
  go.count_down();
  threads.clear();  // joins
  result.wall_seconds = seconds_since(start);
  result.server_cpu_seconds = server.cpu_seconds() - server_cpu;
  result.client_cpu_seconds = own_cpu_seconds() - client_cpu;
  for (auto& t : tallies) {
    result.tally.latencies_us.insert(result.tally.latencies_us.end(), t.latencies_us.begin(), t.latencies_us.end());
    result.tally.created += t.created;
    for (const auto& [code, n] : t.refused) result.tally.refused[code] += n;
    for (const auto& [what, n] : t.other) result.tally.other[what] += n;
  }
  std::sort(result.tally.latencies_us.begin(), result.tally.latencies_us.end());
  return result;
}

double percentile_ms(const std::vector<std::uint32_t>& sorted_us, double p) {
  if (sorted_us.empty()) return 0;
  // Nearest rank: the smallest value with at least p % of the samples at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted_us.size())));
  return sorted_us[std::clamp<std::size_t>(rank, 1, sorted_us.size()) - 1] / 1000.0;
}

// ---------------------------------------------------------------------------------------------
// Integrity

struct Integrity {
  std::map<std::string, std::int64_t> by_state;
  std::int64_t desk_double_bookings = 0;    // pairs of active bookings of one resource that overlap
  std::int64_t person_overlaps = 0;         // pairs of active desk bookings of one person that overlap
};

Integrity check_database(const fs::path& db_file) {
  namespace sql = stellwerk::sql;
  auto db = sql::Connection::open(db_file, sql::Connection::Mode::read_only);
  Integrity result;
  sql::Statement states{db, "SELECT state, COUNT(*) FROM bookings GROUP BY state ORDER BY state"};
  while (states.step()) result.by_state[states.text(0)] = states.int64(1);
  result.desk_double_bookings = db.query_int(
      "SELECT COUNT(*) FROM bookings a JOIN bookings b ON b.resource_id = a.resource_id AND b.rowid > a.rowid "
      "AND a.start < b.end AND b.start < a.end "
      "WHERE a.state IN ('booked', 'checked_in') AND b.state IN ('booked', 'checked_in')");
  result.person_overlaps = db.query_int(
      "SELECT COUNT(*) FROM bookings a JOIN bookings b ON b.employee_id = a.employee_id AND b.rowid > a.rowid "
      "AND a.start < b.end AND b.start < a.end "
      "JOIN resources ra ON ra.id = a.resource_id JOIN resources rb ON rb.id = b.resource_id "
      "WHERE a.state IN ('booked', 'checked_in') AND b.state IN ('booked', 'checked_in') "
      "AND ra.type = 'desk' AND rb.type = 'desk'");
  return result;
}

// Long because: the benchmark in the order it runs (options, data, server, the rush, the check
// and the table); split up, a dozen figures would travel between the parts.
int run(int argc, char** argv) {
  CLI::App app{"Booking rush against stellwerk-server: throughput, latency and double bookings"};
  std::string server_path = default_server_path().string();
  std::size_t connections = 64;
  std::size_t request_count = 10'000;
  std::size_t users = 500;
  double collision_share = 0.05;
  std::uint64_t seed = 20261125;
  std::string data_parent;
  bool keep = false;
  app.add_option("--server", server_path, "stellwerk-server binary")->capture_default_str();
  app.add_option("--connections", connections, "Concurrent keep-alive connections")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--requests", request_count, "Booking requests in the rush")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  app.add_option("--users", users, "Bookers (employees of dep_digital), signed in before timing")
      ->check(CLI::Range(1, 500))
      ->capture_default_str();
  app.add_option("--collisions", collision_share, "Share of requests that race another one for its desk")
      ->check(CLI::Range(0.0, 0.5))
      ->capture_default_str();
  app.add_option("--seed", seed, "Seed of the plan's shuffles")->capture_default_str();
  app.add_option("--data-parent", data_parent,
                 "Folder in which the fresh data folder is made (default: $TMPDIR or /tmp); it decides the disk");
  app.add_flag("--keep", keep, "Keep the data folder afterwards");
  CLI11_PARSE(app, argc, argv);

  if (!fs::exists(server_path)) throw SetupError(fmt::format("no server binary at {} (use --server)", server_path));
  const ScratchDir scratch{data_parent, "stellwerk-rush", keep};
  const fs::path& data_dir = scratch.path();
  const fs::path db_file = data_dir / "stellwerk-server.db";

  fmt::print("machine:      {} cores (nproc), {}\n", std::thread::hardware_concurrency(), cpu_model());
  fmt::print("disk:         {}\n", describe_disk(data_dir));
  fmt::print("data folder:  {}{}\n", data_dir.string(), keep ? " (kept)" : "");
  std::fflush(stdout);

  // 1. Start and seed.
  const auto started = SteadyClock::now();
  ServerProcess server{server_path,
                       {"--data", data_dir.string(), "--listen", "127.0.0.1:0", "--demo", "--demo-scale", "city",
                        "--log-level", "info"}};
  const int port = server.read_port(std::chrono::seconds{600});
  wait_until_ready(port, std::chrono::seconds{60});
  const double seed_seconds = seconds_since(started);
  fmt::print("seeding:      {:.2f} s (start of the server to GET /healthz 200, city scale)\n", seed_seconds);
  std::fflush(stdout);

  // 2. Plan from the seeded data, then sign in.
  Dataset data = read_dataset(db_file, users);
  const Plan plan = make_plan(data, request_count, collision_share, seed);
  fmt::print("plan:         {} requests by {} people of {} over {} slots, {} desks in {} buildings; "
             "{} deliberate races for a desk (expect as many 409 desk_taken)\n",
             with_thousands(plan.requests.size()), data.bookers.size(), kDepartment, plan.slots.size(),
             with_thousands(data.desks.size()), plan.buildings, plan.collisions);
  std::fflush(stdout);
  // The server hashes at most one password per core at a time and does not queue fairly: more
  // parallel sign-ins than a few per core only make single ones wait for minutes.
  const std::size_t sign_in_connections =
      std::min({connections, data.bookers.size(), std::size_t{2} * std::max(1U, std::thread::hardware_concurrency())});
  const auto sign_in_start = SteadyClock::now();
  const double slowest_sign_in = sign_in(data.bookers, port, sign_in_connections);
  const double sign_in_seconds = seconds_since(sign_in_start);
  fmt::print("sign-in:      {} people in {:.2f} s over {} connections ({:.1f} /s, slowest {:.2f} s), untimed\n",
             data.bookers.size(), sign_in_seconds, sign_in_connections,
             static_cast<double>(data.bookers.size()) / sign_in_seconds, slowest_sign_in);
  std::fflush(stdout);

  // 3. The rush. Other work on the machine shares the cores with both sides: say how much.
  std::ifstream loadavg_file{"/proc/loadavg"};
  std::string load1, load5;
  loadavg_file >> load1 >> load5;
  fmt::print("load average: {} (1 min), {} (5 min) before the rush\n", load1, load5);
  std::fflush(stdout);
  const RushResult result = rush(plan, data.bookers, port, connections, server);
  const Tally& tally = result.tally;
  std::size_t refused = 0;
  for (const auto& [code, n] : tally.refused) refused += n;
  std::size_t others = 0;
  for (const auto& [what, n] : tally.other) others += n;
  const double wall = result.wall_seconds;
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());

  fmt::print("\nbooking rush: {} connections, {} requests\n", connections, with_thousands(plan.requests.size()));
  fmt::print("  created (201)          {:>10}\n", with_thousands(tally.created));
  fmt::print("  refused (409)          {:>10}", with_thousands(refused));
  std::string codes;
  for (const auto& [code, n] : tally.refused) codes += fmt::format("{}{} {}", codes.empty() ? "" : ", ", code, n);
  fmt::print("{}\n", codes.empty() ? "" : "  (" + codes + ")");
  fmt::print("  other answers/errors   {:>10}\n", with_thousands(others));
  for (const auto& [what, n] : tally.other) fmt::print("    {}: {}\n", what, n);
  fmt::print("  wall time              {:>10.2f} s\n", wall);
  fmt::print("  bookings/s (201 only)  {:>10.0f}\n", static_cast<double>(tally.created) / wall);
  fmt::print("  requests/s             {:>10.0f}\n", static_cast<double>(plan.requests.size()) / wall);
  fmt::print("  latency p50            {:>10.2f} ms\n", percentile_ms(tally.latencies_us, 50));
  fmt::print("  latency p90            {:>10.2f} ms\n", percentile_ms(tally.latencies_us, 90));
  fmt::print("  latency p99            {:>10.2f} ms\n", percentile_ms(tally.latencies_us, 99));
  fmt::print("  latency max            {:>10.2f} ms\n", percentile_ms(tally.latencies_us, 100));
  fmt::print("  server CPU             {:>10.2f} s ({:.0f} % of {} cores)\n", result.server_cpu_seconds,
             100.0 * result.server_cpu_seconds / wall / cores, cores);
  fmt::print("  load generator CPU     {:>10.2f} s ({:.0f} % of {} cores)\n", result.client_cpu_seconds,
             100.0 * result.client_cpu_seconds / wall / cores, cores);
  std::fflush(stdout);

  // 4. Stop, then count from the file.
  const std::string server_exit = server.stop(std::chrono::seconds{60});
  fmt::print("server stop:  SIGTERM, {}\n", server_exit);
  const Integrity integrity = check_database(db_file);
  std::string states;
  std::int64_t active = 0;
  for (const auto& [state, n] : integrity.by_state) {
    states += fmt::format("{}{} {}", states.empty() ? "" : ", ", state, n);
    if (state == "booked" || state == "checked_in") active += n;
  }
  fmt::print("database:     bookings {}\n", states.empty() ? "none" : states);
  fmt::print("  double bookings (overlapping active bookings of one desk)   {}\n", integrity.desk_double_bookings);
  fmt::print("  overlapping active desk bookings of one person              {}\n", integrity.person_overlaps);
  if (active != static_cast<std::int64_t>(tally.created)) {
    fmt::print("  WARNING: {} active bookings in the file, but {} requests were answered 201\n", active,
               tally.created);
  }

  const double throughput = static_cast<double>(tally.created) / wall;
  const double p99 = percentile_ms(tally.latencies_us, 99);
  fmt::print("\ngoals (issue): >= 2,000 bookings/s: {}; p99 <= 25 ms: {}; 0 double bookings: {}\n",
             throughput >= 2000 ? "met" : "NOT met", p99 <= 25 ? "met" : "NOT met",
             integrity.desk_double_bookings == 0 ? "met" : "NOT met");
  return integrity.desk_double_bookings == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const SetupError& e) {
    fmt::print(stderr, "stellwerk-bench-booking-rush: {}\n", e.what());
  } catch (const std::exception& e) {
    fmt::print(stderr, "stellwerk-bench-booking-rush: {}\n", e.what());
  }
  return 2;
}
