// Private to the sync engine: what its parts (engine.cpp, push.cpp, pull.cpp, apply.cpp,
// conflicts.cpp) and the table of change kinds (change_kinds.cpp) share. Nothing here is part of stellwerk::sync's public interface.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "codec.hpp"
#include "stellwerk/sync/sync_engine.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::sync {
namespace detail {

using Json = nlohmann::json;

// A quota's approval in the engine's words.
inline ApprovalState approval_state(wire::QuotaApproval approval) {
  switch (approval) {
    case wire::QuotaApproval::pending: return ApprovalState::pending;
    case wire::QuotaApproval::approved: return ApprovalState::approved;
    case wire::QuotaApproval::rejected: return ApprovalState::rejected;
    default: return ApprovalState::none;
  }
}

// "2026-12" → {2026, 12}; nullopt for anything else.
inline std::optional<std::pair<int, unsigned>> parse_month(const std::string& text) {
  int year = 0;
  unsigned number = 0;
  char end = 0;
  if (std::sscanf(text.c_str(), "%d-%u%c", &year, &number, &end) != 2 || number < 1 || number > 12) return std::nullopt;
  return std::pair{year, number};
}

inline bool is_success(int status) { return status >= 200 && status < 300; }
// Worth another try later: the server is busy, failing or asks us to wait.
inline bool is_transient(int status) { return status == 408 || status == 429 || status >= 500; }

// --- Reading the server's JSON (apply.cpp), through the wire types (core/wire): strict, and
// complete before anything is written, so a malformed answer changes nothing in the store. Every
// reader throws codec::FieldError.
Json parse_json(std::string_view body);

// `json` as the wire type T; `what` names it in the error ("booking").
template <typename T>
T decode_as(const Json& json, std::string_view what) {
  auto decoded = wire::decode<T>(json);
  if (!decoded) throw store::codec::FieldError(std::string{what} + ": " + decoded.error().message());
  return std::move(*decoded);
}
template <typename T>
T decode_answer(std::string_view body, std::string_view what) {
  return decode_as<T>(parse_json(body), what);
}

// Throws codec::FieldError for a course this client refuses (seats, language, core's audience_problem).
// A place as the feed or the editor's answer sends it; throws FieldError without its place on the plan.
Resource resource_from(const wire::Resource& w);
Course course_from(const wire::Course& w);
Booking booking_from(const wire::Booking& w, const Id& employee_id);
Enrollment enrollment_from(const wire::Enrollment& w, const Id& employee_id);
Workday workday_from(const wire::Workday& w);
DepartmentPolicy policy_from(const wire::Policy& w);
Employee employee_from(const wire::User& w);

// One feed entry, fully read before anything is written.
struct FeedChange {
  wire::ChangeEntity entity = wire::ChangeEntity::building;
  Id id;
  bool remove = false;
  std::variant<std::monostate, Building, Resource, Course, Booking, Workday, Enrollment, Favourite, DepartmentPolicy,
               WorkTime, SelfAssessment, CompetenceTarget>
      record;
  // occupancy and closure carry no domain type of their own
  Id resource_or_building;
  Instant start{}, end{};
  std::optional<Date> date;
  std::string reason;
};
// `path` names the entry in errors ("changes[3]").
FeedChange feed_change_from(const wire::Change& change, const Id& me, std::string_view path);
// Writes one pulled entity into the store (in the caller's transaction), leaving entities with a
// pending change (`pending`, LocalStore::pending_entities) as the person left them. A policy
// changes the cached department's rules when it is the person's own department.
void apply_feed_change(store::LocalStore& store, const FeedChange& c, const std::set<std::string>& pending);

// --- Conflicts (conflicts.cpp)
Conflict conflict_for(const store::LocalStore& store, const store::OutboxEntry& entry, const Problem& problem);
// The nearest free resources like `resource_id` in its building at that time (at most 3).
std::vector<Resource> alternatives_for(const store::LocalStore& store, const Id& resource_id, Instant start, Instant end);

}  // namespace detail

// The engine's state and its requests; engine.cpp sends, push.cpp and pull.cpp run the rounds.
struct SyncEngine::Impl {
  store::LocalStore& store;
  net::TransportOptions transport;
  std::string language;
  RetryPolicy retry;
  std::optional<net::HttpClient> client;
  std::mt19937_64 random{std::random_device{}()};

  // Sends `request` to the stored server, retrying what may succeed later (Retries::transient),
  // or exactly once for a request the server would not recognise as a repeat (Retries::none: a
  // retry after an answer that got lost would do it twice). Counts the wire bytes into `report`.
  // A transport error or a transient status is returned after the last try. Takes the request by
  // reference, not as a copy, so that the caller can wipe a body that holds a password once it is
  // sent (login).
  enum class Retries : unsigned char { transient, none };
  net::HttpResult send(const std::string& server_url, net::HttpRequest&& request, const std::string& token,
                       SyncReport& report, Retries retries = Retries::transient);
  // Why a request did not give a usable answer, in one line.
  static std::string describe(const net::HttpResult& result);
  static Failure failure_of(const net::HttpResult& result);
  // The outcome of a request that did not succeed and was not a rejection.
  SyncOutcome failure_outcome(const net::HttpResult& result);
  // GET a JSON document; on failure sets the report's outcome and message and returns nullopt.
  std::optional<std::string> get(const store::Session& session, const std::string& target, SyncReport& report);
  // The stored session when someone is signed in; otherwise marks `report` signed out (push, pull).
  std::optional<store::Session> signed_in_session(SyncReport& report) const;

  // Every page of the list at `path` (the server pages with Next-Cursor), each item read as the
  // wire type T and turned into what the answer holds; nullopt with `answer` saying why not.
  template <typename T, typename Item>
  std::optional<std::vector<Item>> get_all(const store::Session& session, const std::string& path,
                                           Item (*convert)(const T&), OnlineAnswer& answer);

  // push.cpp
  SyncReport push();

  // pull.cpp
  bool refresh_me(const store::Session& session, SyncReport& report);
  // Pins the server's certificate key when none is pinned yet (trust on first use, over the
  // same TLS connection and pins as everything else). A failure is not the sync's: the next
  // sync tries again, and certificates read "not checked" until then.
  void pin_certificate_key(const store::Session& session);
  // Fetches the drawings of floors whose current version the cache lacks, counting the ones kept
  // in `report.drawings`, and drops the ones no floor shows any more. Like the key, not the sync's
  // failure: a drawing that does not arrive, or arrives as something other than a drawing by
  // core's rule (floor_drawing.hpp), is not kept, the floor is drawn plain, and the next sync tries
  // again. Each image is asked for once per round, without retries: an image is large, and a
  // timed-out one must not keep the floors after it waiting.
  void fetch_drawings(const store::Session& session, SyncReport& report);
  SyncReport pull();
};

namespace detail {

// What went wrong with `result` (not a 2xx): a problem when the server answered, else a failure.
inline void refused_or_failed(const net::HttpResult& result, OnlineAnswer& answer) {
  if (result && result->status >= 400 && result->status < 500) {
    answer.problem = parse_problem(result->status, result->body);
  } else {
    answer.failure = result ? Failure{std::nullopt, result->status} : Failure{result.error().kind, 0};
  }
}

}  // namespace detail

template <typename T, typename Item>
std::optional<std::vector<Item>> SyncEngine::Impl::get_all(const store::Session& session, const std::string& path,
                                                           Item (*convert)(const T&), OnlineAnswer& answer) {
  constexpr int kPage = 100;       // items per page
  constexpr int kMaxPages = 1000;  // 100,000 items: more is a server that never ends its list
  SyncReport ignored;
  std::vector<Item> all;
  // `path` may carry a query of its own ("/api/v1/team/months?month=2026-12").
  const char joiner = path.find('?') == std::string::npos ? '?' : '&';
  std::string target = fmt::format("{}{}limit={}", path, joiner, kPage);
  for (int page = 0; page < kMaxPages; ++page) {
    const net::HttpResult result = send(session.server_url, net::HttpRequest{"GET", target, "", {}}, session.token, ignored);
    if (!result || result->status != 200) {
      detail::refused_or_failed(result, answer);
      return std::nullopt;
    }
    try {
      const detail::Json list = detail::parse_json(result->body);
      if (!list.is_array()) throw store::codec::FieldError(path + ": not a list");
      for (const detail::Json& item : list) all.push_back(convert(detail::decode_as<T>(item, path)));
    } catch (const store::codec::FieldError&) {
      answer.failure = Failure{std::nullopt, result->status};
      return std::nullopt;
    }
    if (!result->next_cursor) return all;
    target = fmt::format("{}{}limit={}&cursor={}", path, joiner, kPage, store::codec::percent_encode(*result->next_cursor));
  }
  answer.failure = Failure{std::nullopt, 200};  // a list without end is an answer that cannot be used
  return std::nullopt;
}

}  // namespace stellwerk::sync
