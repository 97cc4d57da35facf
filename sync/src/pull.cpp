// Pull: the changes feed page by page, each page with its cursor in one transaction; a 410 or a
// refused change asks for a full copy (see sync_engine.hpp for the contract).
#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/sync/certificates.hpp"

namespace stellwerk::sync {
namespace {

using namespace detail;
namespace codec = store::codec;

constexpr int kPageLimit = 500;
// A server that keeps saying has_more without moving its cursor must not keep us busy forever.
constexpr int kMaxPages = 100'000;

Instant now_seconds() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

struct FeedPage {
  std::vector<FeedChange> changes;
  std::size_t entries = 0;  // all entries of the page, those of unknown entities too
  std::string cursor;
  bool has_more = false;
};

FeedPage feed_page_from(std::string_view body, const Id& me) {
  Json json = parse_json(body);
  FeedPage page;
  // An entity this client does not know is from a newer server: skipped, so an old client keeps
  // working. Only what the wire types know is decoded.
  if (json.is_object() && json.contains("changes") && json["changes"].is_array()) {
    Json& changes = json["changes"];
    page.entries = changes.size();
    for (auto it = changes.begin(); it != changes.end();) {
      const bool unknown = it->is_object() && it->contains("entity") && (*it)["entity"].is_string() &&
                           !wire::EnumNames<wire::ChangeEntity>::parse((*it)["entity"].get<std::string>());
      it = unknown ? changes.erase(it) : it + 1;
    }
  }
  wire::ChangesPage decoded = decode_as<wire::ChangesPage>(json, "changes feed");
  page.changes.reserve(decoded.changes.size());
  for (std::size_t i = 0; i < decoded.changes.size(); ++i) {
    page.changes.push_back(feed_change_from(decoded.changes[i], me, fmt::format("changes[{}]", i)));
  }
  page.cursor = std::move(decoded.cursor);
  if (page.cursor.empty() || page.cursor.size() > 200) throw codec::FieldError("cursor: empty or too long");
  page.has_more = decoded.has_more;
  return page;
}

}  // namespace

bool SyncEngine::Impl::refresh_me(const store::Session& session, SyncReport& report) {
  const auto me_body = get(session, "/api/v1/me", report);
  if (!me_body) return false;
  const auto policy_body = get(session, "/api/v1/me/policy", report);
  if (!policy_body) return false;
  try {
    Employee me = employee_from(decode_answer<wire::User>(*me_body, "me"));
    // A queued opt-in is the person's newer intent: the server's profile does not know it yet.
    if (const auto cached = store.me(); cached && store.pending_entities().contains(std::string{store::kPresenceSharingKey})) {
      me.presence_opt_in = cached->presence_opt_in;
    }
    Department department;
    department.id = me.department_id;
    department.name = me.department_id;
    department.policy = policy_from(decode_answer<wire::Policy>(*policy_body, "policy"));
    store.set_me(me, department);
    return true;
  } catch (const codec::FieldError& e) {
    report.outcome = SyncOutcome::offline;
    report.message = fmt::format("the server sent an unreadable profile ({})", e.what());
    return false;
  }
}

void SyncEngine::Impl::pin_certificate_key(const store::Session& session) {
  SyncReport ignored;
  const auto pem = get(session, "/api/v1/certificates/public-key", ignored);
  if (pem && certificates::is_ed25519_public_key(*pem)) store.pin_certificate_key(*pem);
}

void SyncEngine::Impl::fetch_drawings(const store::Session& session, SyncReport& report) {
  for (const store::FloorDrawingWanted& wanted : store.drawings_to_fetch()) {
    SyncReport counted;  // its requests and bytes count; its outcome is not the round's
    const std::string target = fmt::format("/api/v1/floors/{}/drawing", codec::percent_encode(wanted.floor_id));
    const net::HttpResult result =
        send(session.server_url, net::HttpRequest{"GET", target, "", {}}, session.token, counted, Retries::none);
    report.requests += counted.requests;
    report.bytes_on_wire += counted.bytes_on_wire;
    if (!result) {
      // Too slow or too large concerns this image; anything else, the server: the rest waits too.
      const auto kind = result.error().kind;
      if (kind == net::TransportErrorKind::timed_out || kind == net::TransportErrorKind::too_large) continue;
      break;
    }
    if (result->status != 200 || !inspect_drawing(result->body)) continue;
    store.store_floor_drawing(wanted.floor_id, wanted.version, result->body);
    ++report.drawings;
  }
  store.drop_unshown_drawings();
}

SyncReport SyncEngine::Impl::pull() {
  SyncReport report;
  const auto session = signed_in_session(report);
  if (!session) return report;
  std::string cursor = store.sync_status().cursor;
  if ((cursor == "0" || !store.me()) && !refresh_me(session.value(), report)) return report;
  int restarts = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    const std::string target = fmt::format("/api/v1/changes?since={}&limit={}", codec::percent_encode(cursor), kPageLimit);
    const net::HttpResult result = send(session->server_url, net::HttpRequest{"GET", target, "", {}}, session->token, report);
    if (result && result->status == 410 && cursor != "0" && restarts++ == 0) {
      // History pruned: a full copy. Its first page replaces the cache (keeping every pending
      // change) in the same transaction that applies it, so the cache is never seen empty.
      cursor = std::string{"0"};  // not `= "0"`: g++ 12 warns falsely there (-Wrestrict, GCC bug 105329)
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
      if (!feed.has_more) store.drop_bookings_without_place();
      store.set_cursor(feed.cursor);
    });
    report.pulled += static_cast<int>(feed.entries);
    if (!feed.has_more) {
      store.set_last_sync(now_seconds());
      // Asked only after the server answered the feed, so an unreachable server is not waited for twice.
      if (store.certificate_key().empty()) pin_certificate_key(*session);
      fetch_drawings(*session, report);
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

}  // namespace stellwerk::sync
