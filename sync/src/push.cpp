// Push: the outbox in order; local ids resolved to server ids just before sending (see
// sync_engine.hpp for the contract).
#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::sync {
using namespace detail;
namespace codec = store::codec;

// "/api/v1/bookings/local-7/check-in" → the server's id in place of "local-7". nullopt when
// a local id has no server id: the change that was to create it was refused.
std::optional<std::string> SyncEngine::Impl::resolve_path(const std::string& path) {
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
void SyncEngine::Impl::apply_accepted(const store::OutboxEntry& entry, const std::string& entity, const net::HttpResponse& response,
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

SyncReport SyncEngine::Impl::push() {
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

}  // namespace stellwerk::sync
