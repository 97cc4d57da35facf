// Local changes: what a person does (book, cancel, check in, plan a day, enrol, complete a
// course) is written to the cache and queued in the outbox in one transaction, so it shows at
// once as pending and survives a crash. Nothing here touches the network; the SyncEngine sends
// the queue later. Each function returns at once and works offline. What each kind of change
// does is said once, in the table of change kinds (change_kinds.hpp); these functions only build
// the change and hand it over.
//
// Ids: a booking or enrolment made offline has no server id yet, so it gets a local id
// ("local-<mutation id>"). Later changes to it (cancel, check-in, completion) name that local id
// in their path; the engine replaces it with the server's id when it sends them, which works
// because the outbox is sent in order and the creating change always goes first.
//
// Failure: every function throws store::Error when the store cannot be written, and then
// nothing was cached and nothing queued.
#pragma once

#include <cstdint>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::sync {

// True for ids made by this client for changes not yet confirmed ("local-12").
bool is_local_id(std::string_view id);

// The slot times of the signed-in person's department from the cache; the defaults
// (day 08:00–17:00, am 08:00–12:00, pm 13:00–17:00) when no policy is cached.
SlotTimes slot_times(const store::LocalStore& store, HalfDay half);

// Caches a booking (state booked, local id) for the signed-in person and queues
// POST /api/v1/bookings. The resource need not be in the cache: the server decides.
Booking queue_booking(store::LocalStore& store, const Id& resource_id, Instant start, Instant end);
// Queues DELETE /api/v1/bookings/{id}; the cached booking shows as cancelled.
void queue_cancel(store::LocalStore& store, const Id& booking_id);
// Moves a booking in one change: queues POST /api/v1/bookings/{id}/move, which the server
// applies whole or not at all. The cache shows the old booking cancelled and the new one as a
// booking with a local id (as queue_booking); both count as pending until the server answered.
// A refused move leaves the old booking as the server has it, active, after the next sync (the
// round's full copy), and the new one leaves the cache. The old id may be a local id.
Booking queue_move(store::LocalStore& store, const Id& booking_id, const Id& resource_id, Instant start, Instant end);
// Queues POST /api/v1/bookings/{id}/check-in; the cached booking shows as checked in.
void queue_check_in(store::LocalStore& store, const Id& booking_id);
// Queues PUT /api/v1/workdays/{date} and plans the day in the cache (see LocalStore::plan_workday).
void queue_workday(store::LocalStore& store, const Workday& workday);
// Caches an enrolment (local id), due as the server will make it (core's enrolment_due_on on
// `today`), and queues POST /api/v1/enrollments.
Enrollment queue_enrollment(store::LocalStore& store, const Id& course_id, Date today);
// Queues POST /api/v1/enrollments/{id}/completion; the cached enrolment shows as completed today.
void queue_completion(store::LocalStore& store, const Id& enrollment_id, Date today);
// Queues DELETE /api/v1/enrollments/{id}; the enrolment leaves the cache at once.
void queue_withdrawal(store::LocalStore& store, const Id& enrollment_id);

// Marks the resource as a favourite (usual: the desk "book my usual" tries first; it takes the
// mark from any other favourite) and queues PUT /api/v1/me/favourites/{id}.
void queue_favourite(store::LocalStore& store, const Id& resource_id, bool usual, Instant now);
// Removes the favourite and queues DELETE /api/v1/me/favourites/{id}.
void queue_unfavourite(store::LocalStore& store, const Id& resource_id);

// Keeps the person's own level (1..8) in a DigComp competence and queues
// PUT /api/v1/me/self-assessments/{competence id}. Throws std::invalid_argument for a competence
// DigComp does not have or a level outside 1..8, before anything is queued.
void queue_self_assessment(store::LocalStore& store, std::string_view competence_id, int level, Instant now);
// Shows or stops showing my team whether I plan office or remote (the cached profile changes at
// once) and queues PUT /api/v1/me/presence-sharing.
void queue_presence_sharing(store::LocalStore& store, bool share);

// Records the day's working time (replacing an earlier record) and queues PUT /api/v1/worktimes/{date}.
void queue_work_time(store::LocalStore& store, const WorkTime& record);
// Removes the day's working time and queues DELETE /api/v1/worktimes/{date}.
void queue_work_time_removal(store::LocalStore& store, Date date);
// A manager's decision on a request of their team (POST /api/v1/approvals/{id}); a decline
// carries `reason`. The caller checks core's decision_refusal first.
void queue_approval_decision(store::LocalStore& store, const Id& request_id, bool decline, const std::string& reason);

// The floor-plan editor (facility admins). Shows the new or changed place on the plan at once and
// queues PUT /api/v1/resources/{id}. Throws std::invalid_argument, before anything is queued, when
// the cache knows no such floor or core's place_refusal refuses the place (the refusal's wire code
// is the message).
void queue_place_edit(store::LocalStore& store, const Resource& place);
// Takes the place off the plan at once and queues DELETE /api/v1/resources/{id}; with
// `release_bookings` its bookings still to come are released (the person was asked), without it
// the server refuses a place that still has some.
void queue_place_removal(store::LocalStore& store, const Id& resource_id, bool release_bookings);
// Shows `image` as the floor's drawing at once and queues PUT /api/v1/floors/{id}/drawing with it
// as the body. Throws std::invalid_argument, before anything is queued, when the cache knows no
// such floor or the image is not a drawing core's inspect_drawing accepts (PNG or JPEG, 8 MiB).
// Returns the outbox entry's mutation id.
std::int64_t queue_floor_drawing(store::LocalStore& store, const Id& floor_id, std::string image);

// The person has seen a rejected change and acted on it: it leaves the list of conflicts.
void dismiss_conflict(store::LocalStore& store, std::int64_t mutation_id);

}  // namespace stellwerk::sync
