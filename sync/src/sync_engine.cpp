// The sync engine (see sync_engine.hpp for the contract).
//
// [SECTION] Requests: one HttpClient per server, retries with full-jitter backoff.
// [SECTION] Reading the server's JSON: strict, and complete before anything is written, so a
//           malformed answer changes nothing in the store.
// [SECTION] Push: the outbox in order; local ids resolved to server ids just before sending.
// [SECTION] Pull: the changes feed page by page, each page with its cursor in one transaction.
// [SECTION] Sign-in and sign-out.
// [SECTION] Conflicts and their alternatives.
#include "stellwerk/sync/sync_engine.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <random>
#include <set>
#include <thread>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "codec.hpp"
#include "demo_data.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/core/secret.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::sync {
namespace {

using Json = nlohmann::json;
namespace codec = store::codec;
using codec::Fields;
using std::chrono::milliseconds;

constexpr int kPageLimit = 500;
// A server that keeps saying has_more without moving its cursor must not keep us busy forever.
constexpr int kMaxPages = 100'000;
constexpr std::array<std::string_view, 4> kOutcomeNames{"synced", "rejected", "offline", "signed_out"};
static_assert(kOutcomeNames.size() == static_cast<std::size_t>(SyncOutcome::COUNT));

Instant now_seconds() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

bool is_success(int status) { return status >= 200 && status < 300; }
// Worth another try later: the server is busy, failing or asks us to wait.
bool is_transient(int status) { return status == 408 || status == 429 || status >= 500; }

std::string strip_trailing_slash(std::string_view url) {
  while (url.ends_with('/')) url.remove_suffix(1);
  return std::string{url};
}

// --- [SECTION] Reading the server's JSON ------------------------------------------------------

Instant instant_field(const Fields& f, std::string_view key) {
  const std::string text = f.text(key);
  if (auto instant = parse_rfc3339(text)) return *instant;
  throw codec::FieldError(f.child_path(key) + ": not an RFC 3339 time: \"" + text + "\"");
}

std::optional<Date> optional_date_field(const Fields& f, std::string_view key) {
  if (!f.has(key) || f.raw(key).is_null()) return std::nullopt;
  return f.date(key);
}

Booking booking_from(const Fields& f, const Id& employee_id) {
  Booking b;
  b.id = f.text("id");
  b.resource_id = f.text("resource_id");
  b.employee_id = employee_id;
  b.start = instant_field(f, "start");
  b.end = instant_field(f, "end");
  if (b.end <= b.start) throw codec::FieldError(f.path() + ": ends before it starts");
  b.state = f.enumeration<BookingState>("state");
  if (f.has("release_at") && !f.raw("release_at").is_null()) b.release_at = instant_field(f, "release_at");
  return b;
}

Enrollment enrollment_from(const Fields& f, const Id& employee_id) {
  Enrollment e;
  e.id = f.text("id");
  e.course_id = f.text("course_id");
  e.employee_id = employee_id;
  e.state = f.enumeration<EnrollmentState>("state");
  e.due_on = optional_date_field(f, "due_on");
  e.completed_on = optional_date_field(f, "completed_on");
  return e;
}

Workday workday_from(const Fields& f) {
  return Workday{f.date("date"), f.enumeration<HalfDay>("half"), f.enumeration<WorkMode>("mode"),
                 f.enumeration<WorkdayKind>("kind")};
}

// The department's rules as /api/v1/me/policy sends them.
DepartmentPolicy policy_from(const Fields& f) {
  DepartmentPolicy p;
  p.days_ahead = f.integer("days_ahead");
  p.max_upcoming = f.integer("max_upcoming");
  p.bookable_weekdays.fill(false);
  const Json& weekdays = f.array("bookable_weekdays");
  for (const Json& day : weekdays) {
    if (!day.is_number_integer() || day.get<int>() < 1 || day.get<int>() > 7) {
      throw codec::FieldError(f.child_path("bookable_weekdays") + ": expected ISO weekdays 1..7");
    }
    p.bookable_weekdays[static_cast<std::size_t>(day.get<int>() - 1)] = true;
  }
  const Fields slots = f.object("slots");
  const auto slot = [&](std::string_view name) {
    const Fields s = slots.object(name);
    return SlotTimes{s.wall_time("start"), s.wall_time("end")};
  };
  p.day = slot("day");
  p.am = slot("am");
  p.pm = slot("pm");
  const Fields check_in = f.object("check_in");
  p.check_in_opens_minutes_before = check_in.integer("opens_minutes_before");
  p.check_in_closes_minutes_after = check_in.integer("closes_minutes_after");
  const Fields remote = f.object("remote_share");
  p.remote_share_percent = remote.integer("max_percent");
  p.over_quota = remote.enumeration<OverQuotaRule>("over_quota");
  p.accessible_hold_hours = f.integer("accessible_hold_hours");
  p.retention_days = f.integer("retention_days");
  return p;
}

Employee employee_from(const Fields& f) {
  Employee e;
  e.id = f.text("id");
  e.username = f.text("username");
  e.display_name = f.text("name");
  e.department_id = f.text("department_id");
  e.home_building_id = f.optional_text("home_building_id").value_or("");
  if (f.has("manager_id") && !f.raw("manager_id").is_null()) e.manager_id = f.text("manager_id");
  for (const Json& role : f.array("roles")) {
    if (role.is_string()) {
      if (auto parsed = parse_enum<Role>(role.get<std::string>())) e.roles.push_back(*parsed);
    }
  }
  e.needs_accessible_desk = f.boolean_or("needs_accessible_desk", false);
  return e;
}

Json parse_json(std::string_view body) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) throw codec::FieldError("the answer is not JSON");
  return json;
}

// One feed entry, fully read before anything is written.
struct FeedChange {
  std::string entity;
  Id id;
  bool remove = false;
  std::variant<std::monostate, Building, Resource, Course, Booking, Workday, Enrollment, Favourite> record;
  // occupancy and closure carry no domain type of their own
  Id resource_or_building;
  Instant start{}, end{};
  std::optional<Date> date;
  std::string reason;
};

// "2026-12-01/am/planned" → the workday's key parts.
Workday workday_from_id(std::string_view id) {
  const auto first = id.find('/');
  const auto second = id.find('/', first == std::string_view::npos ? first : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) {
    throw codec::FieldError(fmt::format("workday id \"{}\" is not DATE/HALF/KIND", id));
  }
  const auto day = parse_date(id.substr(0, first));
  const auto half = parse_enum<HalfDay>(id.substr(first + 1, second - first - 1));
  const auto kind = parse_enum<WorkdayKind>(id.substr(second + 1));
  if (!day || !half || !kind) throw codec::FieldError(fmt::format("workday id \"{}\" is not DATE/HALF/KIND", id));
  return Workday{*day, *half, WorkMode::office, *kind};
}

FeedChange feed_change_from(const Fields& f, const Id& me) {
  FeedChange c;
  c.entity = f.text("entity");
  c.id = f.text("id");
  const std::string op = f.text("op");
  if (op != "upsert" && op != "delete") throw codec::FieldError(f.child_path("op") + ": expected upsert or delete");
  c.remove = op == "delete";
  if (c.entity == "workday") {
    const Workday key = workday_from_id(c.id);
    c.date = key.date;
    c.record = key;
  } else if (c.entity == "closure") {
    const auto slash = c.id.rfind('/');
    if (slash == std::string::npos) throw codec::FieldError(f.child_path("id") + ": expected BUILDING/DATE");
    c.resource_or_building = c.id.substr(0, slash);
    c.date = parse_date(std::string_view(c.id).substr(slash + 1));
    if (!c.date) throw codec::FieldError(f.child_path("id") + ": expected BUILDING/DATE");
  }
  if (c.remove) return c;

  const Fields data = f.object("data");
  if (c.entity == "building") c.record = store::demo::read_building(data);
  else if (c.entity == "resource") c.record = store::demo::read_resource(data);
  else if (c.entity == "course") c.record = store::demo::read_course(data);
  else if (c.entity == "booking") c.record = booking_from(data, me);
  else if (c.entity == "workday") c.record = workday_from(data);
  else if (c.entity == "enrollment") c.record = enrollment_from(data, me);
  else if (c.entity == "favourite") {
    c.record = Favourite{data.text("resource_id"), data.boolean_or("usual", false), instant_field(data, "added_at")};
  }
  else if (c.entity == "occupancy") {
    c.resource_or_building = data.text("resource_id");
    c.start = instant_field(data, "start");
    c.end = instant_field(data, "end");
  } else if (c.entity == "closure") {
    c.reason = data.optional_text("reason").value_or("");
  }
  // Any other entity is from a newer server: skipped, so an old client keeps working.
  return c;
}

struct FeedPage {
  std::vector<FeedChange> changes;
  std::string cursor;
  bool has_more = false;
};

FeedPage feed_page_from(std::string_view body, const Id& me) {
  const Json json = parse_json(body);
  const Fields f{json, "changes feed"};
  FeedPage page;
  const Json& changes = f.array("changes");
  page.changes.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    page.changes.push_back(feed_change_from(Fields{changes[i], fmt::format("changes[{}]", i)}, me));
  }
  page.cursor = f.text("cursor");
  if (page.cursor.empty() || page.cursor.size() > 200) throw codec::FieldError("cursor: empty or too long");
  page.has_more = f.boolean("has_more");
  return page;
}

void apply_feed_change(store::LocalStore& store, const FeedChange& c, const std::set<std::string>& pending) {
  if (c.entity == "booking") {
    if (pending.contains(store::booking_key(c.id))) return;
    if (c.remove) store.remove_booking(c.id);
    else store.upsert_booking(std::get<Booking>(c.record));
  } else if (c.entity == "workday") {
    const auto& w = std::get<Workday>(c.record);
    if (pending.contains(store::workday_key(w.date, w.kind))) return;
    if (c.remove) store.remove_workday(w.date, w.half, w.kind);
    else store.upsert_workday(w);
  } else if (c.entity == "enrollment") {
    if (pending.contains(store::enrollment_key(c.id))) return;
    if (c.remove) store.remove_enrollment(c.id);
    else store.upsert_enrollment(std::get<Enrollment>(c.record));
  } else if (c.entity == "favourite") {
    if (pending.contains(store::favourite_key(c.id))) return;
    if (c.remove) store.remove_favourite(c.id);
    else store.upsert_favourite(std::get<Favourite>(c.record));
  } else if (c.entity == "building") {
    if (c.remove) store.remove_building(c.id);
    else store.upsert_building(std::get<Building>(c.record));
  } else if (c.entity == "resource") {
    if (c.remove) store.remove_resource(c.id);
    else store.upsert_resource(std::get<Resource>(c.record));
  } else if (c.entity == "course") {
    if (c.remove) store.remove_course(c.id);
    else store.upsert_course(std::get<Course>(c.record));
  } else if (c.entity == "occupancy") {
    if (c.remove) store.remove_occupancy(c.id);
    else store.upsert_occupancy(c.id, c.resource_or_building, c.start, c.end);
  } else if (c.entity == "closure") {
    if (c.remove) store.remove_closure(c.resource_or_building, *c.date);
    else store.upsert_closure(c.resource_or_building, *c.date, c.reason);
  }
}

// --- [SECTION] Conflicts and their alternatives --------------------------------------------

// The nearest free resources like the refused one in its building (core/placement.hpp), as the
// server's alternatives route ranks them.
std::vector<Resource> alternatives_for(const store::LocalStore& store, const Id& resource_id, Instant start, Instant end) {
  const auto wanted = store.resource(resource_id);
  if (!wanted) return {};
  const auto building = store.building_of_floor(wanted->floor_id);
  if (!building) return {};
  const auto me = store.me();
  // As the server decides (server/src/bookings.cpp, accessible_held): accessible desks are held
  // for people who need one until accessible_hold_hours before the start; other types never are.
  DepartmentPolicy policy;
  if (me) {
    if (const auto department = store.department(me->department_id)) policy = department->policy;
  }
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  Resource accessible_like_wanted = *wanted;
  accessible_like_wanted.accessible = true;
  const bool may_take_accessible =
      wanted->accessible || !accessible_held(policy, accessible_like_wanted, me && me->needs_accessible_desk, start, now);
  const auto occupied = store.occupied_resources(start, end);
  const auto is_free = [&](const Resource& r) {
    return std::find(occupied.begin(), occupied.end(), r.id) == occupied.end();
  };
  return nearest_alike(*wanted, store.resources_in_building(*building), is_free, may_take_accessible, 3);
}

// POST /api/v1/bookings/{id}/move (local_changes.hpp: queue_move).
bool is_move_path(std::string_view path) { return path.starts_with("/api/v1/bookings/") && path.ends_with("/move"); }

Conflict conflict_for(const store::LocalStore& store, const store::OutboxEntry& entry, const Problem& problem) {
  Conflict c{entry.mutation_id, entry.method, entry.path, problem, {}, {}, {}, {}, {}};
  if (entry.method == "POST" && entry.path == "/api/v1/enrollments") {
    const Json body = Json::parse(entry.body, nullptr, false);
    if (body.is_object() && body.contains("course_id") && body["course_id"].is_string()) {
      c.course_id = body["course_id"].get<std::string>();
    }
  }
  // A move names its new place in the same body as a booking. It gets no alternatives: the old
  // booking holds the day again after the refusal, so booking another place would be refused as
  // already_booked.
  const bool move = entry.method == "POST" && is_move_path(entry.path);
  if ((entry.method == "POST" && entry.path == "/api/v1/bookings") || move) {
    const Json body = Json::parse(entry.body, nullptr, false);
    if (body.is_object() && body.contains("resource_id") && body["resource_id"].is_string()) {
      c.resource_id = body["resource_id"].get<std::string>();
      const auto start = body.contains("start") && body["start"].is_string() ? parse_rfc3339(body["start"].get<std::string>()) : std::nullopt;
      const auto end = body.contains("end") && body["end"].is_string() ? parse_rfc3339(body["end"].get<std::string>()) : std::nullopt;
      c.start = start;
      c.end = end;
      const auto reason = parse_refusal(problem.code);
      if (!move && start && end && reason && another_place_helps(*reason)) {
        c.alternatives = alternatives_for(store, *c.resource_id, *start, *end);
      }
    }
  }
  return c;
}

}  // namespace

std::string_view to_string(SyncOutcome outcome) { return kOutcomeNames[static_cast<std::size_t>(outcome)]; }

Problem parse_problem(int status, std::string_view body) {
  Problem problem{status, fmt::format("http_{}", status), "", ""};
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_object()) return problem;
  const auto text = [&](const char* key) -> std::string {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  if (auto code = text("code"); !code.empty()) problem.code = code;
  problem.title = text("title");
  problem.field = text("field");
  return problem;
}

std::vector<Conflict> conflicts(const store::LocalStore& store) {
  std::vector<Conflict> list;
  for (const store::OutboxEntry& entry : store.outbox()) {
    if (entry.state != store::OutboxState::rejected) continue;
    // The stored problem carries its status; a body that is not a problem still names one.
    const Json stored = Json::parse(entry.problem, nullptr, false);
    const int status = stored.is_object() && stored.contains("status") && stored["status"].is_number_integer()
                           ? stored["status"].get<int>()
                           : 0;
    list.push_back(conflict_for(store, entry, parse_problem(status, entry.problem)));
  }
  return list;
}

// --- [SECTION] Requests -------------------------------------------------------------------

struct SyncEngine::Impl {
  store::LocalStore& store;
  net::TransportOptions transport;
  std::string language;
  RetryPolicy retry;
  std::optional<net::HttpClient> client;
  std::mt19937_64 random{std::random_device{}()};

  // Sends `request` to the stored server, retrying what may succeed later. Counts the wire
  // bytes into `report`. A transport error or a transient status is returned after the last try.
  // Takes the request by reference, not as a copy, so that the caller can wipe a body that holds a
  // password once it is sent (login).
  net::HttpResult send(const std::string& server_url, net::HttpRequest&& request, const std::string& token,
                       SyncReport& report) {
    if (!client || client->base_url() != server_url) {
      auto made = net::HttpClient::create(server_url, transport);
      if (!made) return std::unexpected(made.error());
      client.emplace(std::move(*made));
    }
    if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("Accept-Language", language);
    for (int attempt = 1;; ++attempt) {
      net::HttpResult result = client->send(request);
      ++report.requests;
      std::optional<std::chrono::seconds> asked;
      if (result) {
        report.bytes_on_wire += result->bytes_received + result->bytes_sent;
        if (!is_transient(result->status)) return result;
        asked = result->retry_after;
      } else if (result.error().kind == net::TransportErrorKind::invalid_url ||
                 result.error().kind == net::TransportErrorKind::insecure_refused ||
                 result.error().kind == net::TransportErrorKind::pin_mismatch ||
                 result.error().kind == net::TransportErrorKind::tls_failed) {
        return result;  // trying again cannot help; the person must fix the address or trust
      }
      if (attempt >= retry.max_attempts) return result;
      // Full jitter: a random wait up to the exponential bound, so that many clients that
      // failed together do not come back together.
      const auto bound = std::min<milliseconds::rep>(retry.max_delay.count(),
                                                     retry.base_delay.count() << std::min(attempt - 1, 20));
      milliseconds delay{std::uniform_int_distribution<milliseconds::rep>{0, std::max<milliseconds::rep>(bound, 0)}(random)};
      if (asked) {
        // Honour Retry-After; a wait longer than our longest is left to the next round.
        if (*asked > retry.max_delay) return result;
        delay = std::max<milliseconds>(delay, *asked);
      }
      const bool go_on = retry.wait ? retry.wait(delay) : (std::this_thread::sleep_for(delay), true);
      if (!go_on) return result;
    }
  }

  // Why a request did not give a usable answer, in one line.
  static std::string describe(const net::HttpResult& result) {
    if (!result) {
      return fmt::format("the server could not be reached ({}: {})", net::to_string(result.error().kind),
                         result.error().detail);
    }
    if (result->status >= 300 && result->status < 400) {
      return fmt::format("the server answered with a redirect (HTTP {}); check the server address", result->status);
    }
    const Problem problem = parse_problem(result->status, result->body);
    return fmt::format("the server answered HTTP {}{}{}", result->status, problem.title.empty() ? "" : ": ", problem.title);
  }

  static Failure failure_of(const net::HttpResult& result) {
    if (!result) return Failure{result.error().kind, 0};
    return Failure{std::nullopt, result->status};
  }

  // The outcome of a request that did not succeed and was not a rejection.
  SyncOutcome failure_outcome(const net::HttpResult& result) {
    if (result && result->status == 401) {
      store.forget_token();
      return SyncOutcome::signed_out;
    }
    return SyncOutcome::offline;
  }

  // --- [SECTION] Push ------------------------------------------------------------------------

  // "/api/v1/bookings/local-7/check-in" → the server's id in place of "local-7". nullopt when
  // a local id has no server id: the change that was to create it was refused.
  std::optional<std::string> resolve_path(const std::string& path) {
    std::string resolved;
    std::size_t start = 0;
    while (start < path.size()) {
      const auto slash = path.find('/', start);
      const auto end = slash == std::string::npos ? path.size() : slash;
      const std::string segment = path.substr(start, end - start);
      if (is_local_id(segment)) {
        const auto server = store.server_id(segment);
        if (!server) return std::nullopt;
        resolved += *server;
      } else {
        resolved += segment;
      }
      if (slash == std::string::npos) break;
      resolved += '/';
      start = slash + 1;
    }
    if (path.ends_with('/')) resolved += '/';
    return resolved;
  }

  // Writes the server's answer to an accepted change into the cache (inside the caller's
  // transaction). Throws codec::FieldError when the answer cannot be read.
  void apply_accepted(const store::OutboxEntry& entry, const std::string& entity, const net::HttpResponse& response,
                      const Id& me) {
    const auto created_local = [&](std::string_view prefix) -> std::optional<Id> {
      if (!entity.starts_with(prefix)) return std::nullopt;
      const Id id = entity.substr(prefix.size());
      return is_local_id(id) ? std::optional<Id>{id} : std::nullopt;
    };
    if (entry.method == "POST" && (entry.path == "/api/v1/bookings" || is_move_path(entry.path))) {
      // A move answers with the new booking; the cache already shows the old one cancelled.
      const Json json = parse_json(response.body);
      const Booking booking = booking_from(Fields{json, "booking"}, me);
      if (const auto local = created_local("booking:")) {
        store.remove_booking(*local);
        store.map_id(*local, booking.id);
      }
      store.upsert_booking(booking);
    } else if (entry.path.starts_with("/api/v1/bookings/") && entry.path.ends_with("/check-in")) {
      const Json json = parse_json(response.body);
      store.upsert_booking(booking_from(Fields{json, "booking"}, me));
    } else if (entry.path == "/api/v1/enrollments" && entry.method == "POST") {
      const Json json = parse_json(response.body);
      const Enrollment enrollment = enrollment_from(Fields{json, "enrollment"}, me);
      if (const auto local = created_local("enrollment:")) {
        store.remove_enrollment(*local);
        store.map_id(*local, enrollment.id);
      }
      store.upsert_enrollment(enrollment);
    } else if (entry.path.ends_with("/completion")) {
      const Json json = parse_json(response.body);
      store.upsert_enrollment(enrollment_from(Fields{json, "enrollment"}, me));
    } else if (entry.path.starts_with("/api/v1/workdays/") && entry.method == "PUT") {
      const Json json = parse_json(response.body);
      store.plan_workday(workday_from(Fields{json, "answer"}.object("workday")));
    }
    // DELETE of a booking: the cache already shows it cancelled.
  }

  SyncReport push() {
    SyncReport report;
    const auto session = store.session();
    if (!session || session->token.empty()) {
      report.outcome = SyncOutcome::signed_out;
      report.message = "not signed in";
      return report;
    }
    for (const store::OutboxEntry& entry : store.pending_outbox()) {
      const std::string entity = store.outbox_entity(entry.mutation_id);
      const auto path = resolve_path(entry.path);
      if (!path) {
        // It refers to something whose creation the server refused: there is nothing to change.
        // A move of such a booking cached the booking it was to make, which can never be either.
        store.atomically([&] {
          store.mark_done(entry.mutation_id);
          if (entity.starts_with("booking:local-")) store.remove_booking(entity.substr(8));
        });
        continue;
      }
      net::HttpRequest request{entry.method, *path, entry.body, {{"Idempotency-Key", entry.idempotency_key}}};
      const net::HttpResult result = send(session->server_url, std::move(request), session->token, report);
      if (result && is_success(result->status)) {
        try {
          store.atomically([&] {
            apply_accepted(entry, entity, *result, session->user_id);
            store.mark_done(entry.mutation_id);
          });
        } catch (const codec::FieldError& e) {
          // Accepted, but the answer is unreadable (cut off, or a broken server). The change
          // stays pending: sent again with the same Idempotency-Key, the server replays its
          // stored answer, and only a readable one can map a local id to the server's.
          report.outcome = SyncOutcome::offline;
          report.message = fmt::format("the server's answer to a change was unreadable ({}); it will be sent again", e.what());
          return report;
        }
        ++report.pushed;
        continue;
      }
      if (result && result->status >= 400 && result->status < 500 && !is_transient(result->status) &&
          result->status != 401) {
        const Problem problem = parse_problem(result->status, result->body);
        // Keep a problem+json object even when the server sent something else, so the stored
        // problem always carries its status.
        Json stored = Json::parse(result->body, nullptr, false);
        if (!stored.is_object()) stored = Json{{"status", result->status}, {"code", problem.code}, {"title", problem.title}};
        stored["status"] = result->status;
        store.atomically([&] {
          store.mark_rejected(entry.mutation_id, stored.dump());
          // What was made offline and refused never existed: it leaves the cache at once. Other
          // refused edits are undone by the full copy that follows (see sync()).
          if (entity.starts_with("booking:local-")) store.remove_booking(entity.substr(8));
          if (entity.starts_with("enrollment:local-")) store.remove_enrollment(entity.substr(11));
        });
        report.rejected.push_back(conflict_for(store, entry, problem));
        continue;
      }
      report.outcome = failure_outcome(result);
      report.message = describe(result);
      report.failure = failure_of(result);
      return report;
    }
    report.outcome = report.rejected.empty() ? SyncOutcome::synced : SyncOutcome::rejected;
    return report;
  }

  // --- [SECTION] Pull --------------------------------------------------------------------------

  // GET a JSON document; on failure sets the report's outcome and message and returns nullopt.
  std::optional<std::string> get(const store::Session& session, const std::string& target, SyncReport& report) {
    const net::HttpResult result = send(session.server_url, net::HttpRequest{"GET", target, "", {}}, session.token, report);
    if (result && result->status == 200) return result->body;
    report.outcome = failure_outcome(result);
    report.message = describe(result);
    report.failure = failure_of(result);
    return std::nullopt;
  }

  bool refresh_me(const store::Session& session, SyncReport& report) {
    const auto me_body = get(session, "/api/v1/me", report);
    if (!me_body) return false;
    const auto policy_body = get(session, "/api/v1/me/policy", report);
    if (!policy_body) return false;
    try {
      const Json me_json = parse_json(*me_body);
      const Json policy_json = parse_json(*policy_body);
      const Employee me = employee_from(Fields{me_json, "me"});
      Department department;
      department.id = me.department_id;
      department.name = me.department_id;
      department.policy = policy_from(Fields{policy_json, "policy"});
      store.set_me(me, department);
      return true;
    } catch (const codec::FieldError& e) {
      report.outcome = SyncOutcome::offline;
      report.message = fmt::format("the server sent an unreadable profile ({})", e.what());
      return false;
    }
  }

  SyncReport pull() {
    SyncReport report;
    const auto session = store.session();
    if (!session || session->token.empty()) {
      report.outcome = SyncOutcome::signed_out;
      report.message = "not signed in";
      return report;
    }
    std::string cursor = store.sync_status().cursor;
    if ((cursor == "0" || !store.me()) && !refresh_me(session.value(), report)) return report;
    int restarts = 0;
    for (int page = 0; page < kMaxPages; ++page) {
      const std::string target = fmt::format("/api/v1/changes?since={}&limit={}", codec::percent_encode(cursor), kPageLimit);
      const net::HttpResult result = send(session->server_url, net::HttpRequest{"GET", target, "", {}}, session->token, report);
      if (result && result->status == 410 && cursor != "0" && restarts++ == 0) {
        // History pruned: a full copy. Its first page replaces the cache (keeping every pending
        // change) in the same transaction that applies it, so the cache is never seen empty.
        cursor = "0";
        if (!refresh_me(session.value(), report)) return report;
        continue;
      }
      if (!result || result->status != 200) {
        report.outcome = failure_outcome(result);
        report.message = describe(result);
        report.failure = failure_of(result);
        return report;
      }
      FeedPage feed;
      try {
        feed = feed_page_from(result->body, session->user_id);
      } catch (const codec::FieldError& e) {
        report.outcome = SyncOutcome::offline;
        report.message = fmt::format("the server sent an unreadable changes feed ({}); the cache was left as it was", e.what());
        return report;
      }
      const bool full_copy = cursor == "0";
      store.atomically([&] {
        if (full_copy) store.clear_feed_data();
        const auto pending = store.pending_entities();
        for (const FeedChange& change : feed.changes) apply_feed_change(store, change, pending);
        store.set_cursor(feed.cursor);
      });
      report.pulled += static_cast<int>(feed.changes.size());
      if (!feed.has_more) {
        store.set_last_sync(now_seconds());
        return report;
      }
      if (feed.cursor == cursor) {
        report.outcome = SyncOutcome::offline;
        report.message = "the server's changes feed did not advance; try again later";
        return report;
      }
      cursor = feed.cursor;
    }
    report.outcome = SyncOutcome::offline;
    report.message = "the server's changes feed did not end";
    return report;
  }
};

// --- [SECTION] The engine ---------------------------------------------------------------------

SyncEngine::SyncEngine(store::LocalStore& store, net::TransportOptions transport, std::string language)
    : impl_(std::make_unique<Impl>(Impl{store, std::move(transport), std::move(language), RetryPolicy{}, std::nullopt,
                                        std::mt19937_64{std::random_device{}()}})) {}

SyncEngine::~SyncEngine() = default;

void SyncEngine::set_retry_policy(RetryPolicy policy) { impl_->retry = std::move(policy); }
void SyncEngine::set_language(std::string language) { impl_->language = std::move(language); }

SyncReport SyncEngine::push() { return impl_->push(); }
SyncReport SyncEngine::pull() { return impl_->pull(); }

SyncReport SyncEngine::sync() {
  SyncReport pushed = impl_->push();
  if (pushed.outcome == SyncOutcome::offline || pushed.outcome == SyncOutcome::signed_out) return pushed;
  // A refused change set the cursor to 0 (LocalStore::mark_rejected): this pull is a full copy.
  SyncReport pulled = impl_->pull();
  pulled.pushed = pushed.pushed;
  pulled.rejected = std::move(pushed.rejected);
  pulled.requests += pushed.requests;
  pulled.bytes_on_wire += pushed.bytes_on_wire;
  if (pulled.outcome == SyncOutcome::synced && !pulled.rejected.empty()) pulled.outcome = SyncOutcome::rejected;
  if (pulled.message.empty()) {
    pulled.message = pushed.message;
    pulled.failure = pushed.failure;
  }
  return pulled;
}

std::optional<std::vector<MonthApproval>> SyncEngine::month_approvals(Date from, Date to) {
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) return std::nullopt;
  SyncReport ignored;
  const auto body =
      impl_->get(*session, fmt::format("/api/v1/workdays?from={}&to={}", format_date(from), format_date(to)), ignored);
  if (!body) return std::nullopt;
  const Json json = Json::parse(*body, nullptr, false);
  if (!json.is_object() || !json.contains("months") || !json["months"].is_array()) return std::nullopt;
  std::vector<MonthApproval> months;
  for (const Json& quota : json["months"]) {
    if (!quota.is_object()) return std::nullopt;
    const std::string month = quota.value("month", "");
    const std::string approval = quota.value("approval", "");
    static constexpr std::array<std::string_view, 4> kNames{"none", "pending", "approved", "rejected"};
    static_assert(kNames.size() == static_cast<std::size_t>(ApprovalState::COUNT));
    const auto found = std::find(kNames.begin(), kNames.end(), approval);
    int year = 0;
    unsigned number = 0;
    if (found == kNames.end() || std::sscanf(month.c_str(), "%d-%u", &year, &number) != 2 || number < 1 || number > 12) {
      return std::nullopt;
    }
    months.push_back(MonthApproval{year, number, static_cast<ApprovalState>(found - kNames.begin())});
  }
  return months;
}

bool SyncEngine::probe() {
  const auto session = impl_->store.session();
  if (!session) return false;
  net::TransportOptions quick = impl_->transport;
  quick.connect_timeout = milliseconds{2'000};
  quick.total_timeout = milliseconds{3'000};
  auto client = net::HttpClient::create(session->server_url, quick);
  if (!client) return false;
  const auto result = client->send(net::HttpRequest{"GET", "/healthz", "", {}});
  return result && result->status == 200;
}

// --- [SECTION] Sign-in and sign-out -----------------------------------------------------------

LoginResult SyncEngine::login(std::string_view server_url_text, std::string_view username, std::string_view password) {
  LoginResult login;
  const std::string server_url = strip_trailing_slash(server_url_text);
  auto& store = impl_->store;
  SyncReport report;
  // The request body and the JSON it is made from hold the password: both are wiped once sent.
  Json request{{"username", username}, {"password", password}};
  net::HttpRequest sign_in{"POST", "/api/v1/session", request.dump(), {}};
  wipe(request["password"].get_ref<std::string&>());
  const net::HttpResult result = impl_->send(server_url, std::move(sign_in), "", report);
  wipe(sign_in.body);  // still ours: send() took it by reference
  if (!result) {
    login.outcome = LoginOutcome::unreachable;
    login.message = Impl::describe(result);
    login.failure = Impl::failure_of(result);
    return login;
  }
  if (result->status == 401) {
    login.outcome = LoginOutcome::bad_credentials;
    login.message = "the server did not accept this user name and password";
    return login;
  }
  if (result->status != 201 && result->status != 200) {
    login.outcome = is_transient(result->status) ? LoginOutcome::unreachable : LoginOutcome::failed;
    login.message = Impl::describe(result);
    login.failure = Impl::failure_of(result);
    return login;
  }
  store::Session session;
  Employee me;
  try {
    const Json json = parse_json(result->body);
    const Fields f{json, "session"};
    session.token = f.text("token");
    if (session.token.empty()) throw codec::FieldError("session.token: empty");
    session.expires_at = instant_field(f, "expires_at");
    me = employee_from(f.object("user"));
  } catch (const codec::FieldError& e) {
    login.outcome = LoginOutcome::failed;
    login.message = fmt::format("the server's answer to the sign-in was unreadable ({})", e.what());
    return login;
  }
  session.server_url = server_url;
  session.username = me.username;
  session.user_id = me.id;

  const auto previous = store.session();
  const auto cached_me = store.me();
  const bool same_person = (cached_me && cached_me->id == me.id) ||
                           (!cached_me && previous && previous->user_id == me.id);
  const bool same_server = store.sync_status().server_url == server_url;
  bool refused = false;
  store.atomically([&] {
    if (!(same_person && same_server) && (cached_me || !store.sync_status().server_url.empty())) {
      // Another person's queued changes must never be sent with this person's token.
      if (store.sync_status().pending > 0) {
        refused = true;
        return;
      }
      store.clear_cache();
    }
    store.save_session(session);
    store.set_server_url(server_url);
  });
  if (refused) {
    // The new token stays unused; revoke it rather than leave it valid on the server.
    impl_->send(server_url, net::HttpRequest{"DELETE", "/api/v1/session", "", {}}, session.token, report);
    login.outcome = LoginOutcome::other_user_pending;
    login.message = "this data folder still holds changes of another person or server that were not sent; "
                    "sync them as that person first";
    return login;
  }
  login.outcome = LoginOutcome::signed_in;
  login.message = fmt::format("signed in as {}", me.username);
  login.first_sync = sync();
  return login;
}

void SyncEngine::logout() {
  auto& store = impl_->store;
  const auto session = store.session();
  if (!session || session->token.empty()) return;
  SyncReport ignored;
  RetryPolicy saved = impl_->retry;
  impl_->retry.max_attempts = 1;  // signing out must not wait for a slow server
  impl_->send(session->server_url, net::HttpRequest{"DELETE", "/api/v1/session", "", {}}, session->token, ignored);
  impl_->retry = std::move(saved);
  store.forget_token();
}

}  // namespace stellwerk::sync
