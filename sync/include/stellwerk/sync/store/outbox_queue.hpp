// The outbox of the local store: the person's changes not yet accepted by the server, each
// with the exact request bytes and the Idempotency-Key it is sent with on every retry, and the
// map from the local ids of changes made offline to the server's ids. This part is durable:
// it is never derived from the server and survives a rebuilt store (see local_store.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/change_kind.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

enum class OutboxState : std::uint8_t { pending, rejected, done, COUNT };

// A queued local change, sent to the server in mutation_id order (issue: sync engine).
struct OutboxEntry {
  std::int64_t mutation_id = 0;
  // What the change is; stored by change_kind_name. Rows queued before the store knew kinds
  // were classified from their method and path when the store was migrated (or recovered).
  ChangeKind kind = ChangeKind::other;
  std::string method;  // "POST", "PUT", "DELETE"
  std::string path;    // "/api/v1/bookings"
  std::string body;    // exact bytes sent on every retry
  Instant created_at{};
  OutboxState state = OutboxState::pending;
  std::string problem;  // the server's problem+json for a rejected change
  // "<device-id>:<random hex>", drawn when the change is queued and stored with it, so that
  // a retry sends the same key even after the device row was lost in a rebuild; never the
  // mutation id, which a store that lost its last commits can hand out again.
  std::string idempotency_key;
};

class OutboxQueue {
 public:
  std::vector<OutboxEntry> outbox() const;  // all entries, by mutation_id

  // This installation's random id (32 hex digits); it survives a rebuilt cache.
  std::string device_id() const;
  // Queues one change of `kind` with the next mutation id and its Idempotency-Key, in one
  // transaction with the counter increment. `entity` names what the change touches (see the
  // *_key functions below); the pull leaves entities with pending changes alone.
  OutboxEntry enqueue(ChangeKind kind, std::string_view method, std::string_view path, std::string_view body,
                      std::string_view entity = {});
  void set_entity(std::int64_t mutation_id, std::string_view entity);
  // Entity keys of all pending changes.
  std::set<std::string> pending_entities() const;

  // --- for the sync engine ------------------------------------------------------------------
  std::vector<OutboxEntry> pending_outbox() const;  // by mutation_id
  std::optional<OutboxEntry> outbox_entry(std::int64_t mutation_id) const;
  std::string outbox_entity(std::int64_t mutation_id) const;  // "" when none
  void mark_done(std::int64_t mutation_id);
  // Also asks for a full copy (the cursor becomes "0") in the same transaction: the refused
  // change had been shown in the cache, and only the server's whole state undoes it.
  void mark_rejected(std::int64_t mutation_id, std::string_view problem_json);
  void dismiss_rejected(std::int64_t mutation_id);  // rejected -> done, problem kept
  // Local ids of changes made offline, and the server ids they became.
  void map_id(const Id& local_id, const Id& server_id);
  std::optional<Id> server_id(const Id& local_id) const;

 protected:
  explicit OutboxQueue(Database& database) : db_(database) {}
  OutboxQueue(OutboxQueue&&) noexcept = default;
  OutboxQueue& operator=(OutboxQueue&&) noexcept = default;
  ~OutboxQueue() = default;

 private:
  DatabaseRef db_;
};

// Entity keys of queued changes.
std::string booking_key(const Id& booking_id);         // "booking:bk_1"
std::string workday_key(Date date, WorkdayKind kind);  // "workday:2026-12-01/planned"
std::string enrollment_key(const Id& enrollment_id);   // "enrollment:en_1"
std::string favourite_key(const Id& resource_id);      // "favourite:r_1"
std::string resource_key(const Id& resource_id);       // "resource:r_1" (the floor-plan editor)
std::string self_assessment_key(std::string_view competence_id);  // "self_assessment:1.3"
std::string work_time_key(Date date);                  // "work_time:2026-12-01"
std::string approval_key(const Id& request_id);       // "approval:apr_1"
// An upload of a floor's drawing and the local version its image shows under until the server
// names one: "floor_drawing:flr_1/local-7".
std::string floor_drawing_key(const Id& floor_id, std::string_view local_version);

}  // namespace stellwerk::store
