// Push: the outbox in order; local ids resolved to server ids just before sending (see
// sync_engine.hpp for the contract).
#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/sync/change_kinds.hpp"

namespace stellwerk::sync {
using namespace detail;
namespace codec = store::codec;

namespace {

// Undoes at once what a change made offline that can never exist now (change_kinds.hpp).
void undo_refused(store::LocalStore& store, const store::OutboxEntry& entry, const std::string& entity) {
  if (const ChangeKindRules* rules = rules_for(entry.kind)) rules->undo_refused(store, entity);
}

}  // namespace

SyncReport SyncEngine::Impl::push() {
  SyncReport report;
  const auto session = signed_in_session(report);
  if (!session) return report;
  for (const store::OutboxEntry& entry : store.pending_outbox()) {
    const std::string entity = store.outbox_entity(entry.mutation_id);
    const auto path = resolve_local_ids(store, entry.path);
    if (!path) {
      // It refers to something whose creation the server refused: there is nothing to change.
      // A move of such a booking cached the booking it was to make, which can never be either.
      store.atomically([&] {
        store.mark_done(entry.mutation_id);
        undo_refused(store, entry, entity);
      });
      continue;
    }
    net::HttpRequest request{entry.method, *path, entry.body, {{"Idempotency-Key", entry.idempotency_key}}};
    if (!entry.body.empty()) {
      request.headers.emplace_back("Content-Type", std::string{request_content_type(entry.kind, entry.body)});
    }
    const net::HttpResult result = send(session->server_url, std::move(request), session->token, report);
    if (result && is_success(result->status)) {
      try {
        store.atomically([&] {
          if (const ChangeKindRules* rules = rules_for(entry.kind)) {
            rules->apply_accepted(store, entity, result->body, session->user_id);
          }
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
        undo_refused(store, entry, entity);
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
