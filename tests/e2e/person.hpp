// What a person asked for, kept by an end-to-end test as it queues changes through the command
// line, and how the test judges the server's state against it afterwards (read back over the API
// as that person). The department's rules come from the server itself (GET /api/v1/me/policy).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "cli_process.hpp"

namespace stellwerk::e2e {

using server::testing::ApiClient;
using server::testing::ApiResponse;
using server::testing::TestServer;

// --- The department's rules, as the server states them -----------------------------------------

inline MinuteOfDay parse_wall_time(const std::string& text) {
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

inline Policy read_policy(ApiClient& api) {
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
inline ApiClient fresh_client(TestServer& server, const std::string& user) {
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
inline Verdict judge(ApiClient& api, const Intent& intent, Date from, Date to) {
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
inline std::vector<std::string> rejected_codes(const Json& outbox) {
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
inline std::string describe_rejected(const Json& outbox) {
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
inline std::vector<std::string> view_differences(const Cli& cli, ApiClient& api, Date from, Date to) {
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


}  // namespace stellwerk::e2e
