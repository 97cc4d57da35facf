// The one table of change kinds: for each stellwerk::ChangeKind, the request it becomes, how it
// shows in the local cache when queued, how the server's 2xx answer is written into the cache,
// and how a refusal is shown and what it undoes at once. local_changes.cpp queues through it,
// push.cpp and conflicts.cpp dispatch on OutboxEntry::kind through it; adding a kind is one
// enumerator in core/change_kind.hpp and one entry in change_kinds.cpp.
//
// Ids: a booking or enrolment made offline gets a local id ("local-<mutation id>") and later
// changes to it name that id in their path; the engine replaces it with the server's id when it
// sends them (resolve_local_ids). The request bytes are built once, when queued, and stored: a
// retry sends exactly what was queued, whatever a later version of this code would produce.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "stellwerk/core/change_kind.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::sync {

// A change as the person asks for it; each kind reads only the members its comment names.
struct Change {
  ChangeKind kind = ChangeKind::other;
  // booking, move: the place and time asked for
  Id resource_id{};
  Instant start{};
  Instant end{};
  // cancel, move, check_in: the booking; completion, withdrawal: the enrolment; favourite, unfavourite: the
  // resource; approval_decision: the request; self_assessment: the competence. May be a local id.
  Id subject_id{};
  Workday workday{};    // workday: the half-day as planned
  Id course_id{};       // enrollment
  Date today{};         // completion: the day it counts as completed; enrolment: the day it was made
  bool usual = false;   // favourite: the desk "book my usual" tries first
  Instant now{};        // favourite: when it was added (kept for an existing favourite); self_assessment: when said
  int level = 0;        // self_assessment: the person's level, 1..8
  bool share = false;   // presence_sharing: show my team office or remote by name
  WorkTime work_time{}; // work_time: the day's record; work_time_removal: its date
  // approval_decision: the request (subject_id), whether it is declined, and the reason
  bool decline = false;
  std::string reason{};
  Resource place{};              // place_edit: the place as the facility admin left it
  bool release_bookings = false; // place_removal (subject_id the place): its bookings may be released
  std::string image{};           // floor_drawing (subject_id the floor): the PNG or JPEG bytes
};

// What queueing wrote into the cache besides the outbox entry: the booking (booking, move) or
// the enrolment (enrollment) it made under a local id.
struct QueuedChange {
  store::OutboxEntry entry;
  std::optional<Booking> booking;
  std::optional<Enrollment> enrollment;
};

// One kind's entry. Every function runs inside the caller's transaction.
struct ChangeKindRules {
  ChangeKind kind = ChangeKind::other;
  std::string_view method;
  std::string (*path)(const Change& change);   // ids percent-encoded
  std::string (*body)(const Change& change);   // the exact request bytes; "" for none
  // The entity key the change touches (store::booking_key ...); `local_id` is the id a booking or
  // enrolment made by this change gets. The pull leaves that entity as the person left it.
  std::string (*entity)(const Change& change, const Id& local_id);
  // Shows the change in the cache at once.
  void (*apply_queued)(store::LocalStore& store, const Change& change, const Id& local_id, QueuedChange& queued);
  // Writes the server's answer to the accepted change into the cache; `entity` as stored, `me`
  // the signed-in person. Throws store::codec's FieldError (a store::Error) when the answer
  // cannot be read.
  void (*apply_accepted)(store::LocalStore& store, const std::string& entity, std::string_view answer, const Id& me);
  // Fills in what a refused change asked for (resource and time, course, day) from the queued
  // request; alternatives too where another place may help.
  void (*describe_refusal)(const store::LocalStore& store, const store::OutboxEntry& entry, Conflict& conflict);
  // Undoes at once what the refused change made offline, which never existed on the server;
  // other refused edits are undone by the full copy that follows the refusal.
  void (*undo_refused)(store::LocalStore& store, const std::string& entity);
};

// Every entry, in ChangeKind order; `other` has none.
std::span<const ChangeKindRules> change_kind_table();
// The entry of `kind`; nullptr for `other` (a stored row no kind matched: sent as stored, its
// answer not written into the cache, its refusal shown without details).
const ChangeKindRules* rules_for(ChangeKind kind);

// The Content-Type a queued body is sent with: the image's for a floor drawing, JSON otherwise.
std::string_view request_content_type(ChangeKind kind, std::string_view body);

// Queues `change` in one transaction: the outbox entry (its kind, method, path, body and entity)
// and the cache edit. Throws store::Error when the store cannot be written, and then nothing was
// cached and nothing queued; throws std::invalid_argument for ChangeKind::other.
QueuedChange queue_change(store::LocalStore& store, const Change& change);

// "/api/v1/bookings/local-7/check-in" → the server's id in place of "local-7". nullopt when a
// local id has no server id: the change that was to create it was refused.
std::optional<std::string> resolve_local_ids(const store::LocalStore& store, std::string_view path);

}  // namespace stellwerk::sync
