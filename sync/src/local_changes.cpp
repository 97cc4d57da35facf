// Local changes: each function writes the cache edit and the outbox entry in one transaction
// (LocalStore::atomically). Request bodies are built here, once, and stored as bytes: a retry
// must send exactly what was queued, whatever a later version of this code would produce.
#include "stellwerk/sync/local_changes.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "codec.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::sync {
namespace {

using Json = nlohmann::json;
namespace codec = store::codec;

constexpr std::string_view kLocalPrefix = "local-";

Id local_id_for(std::int64_t mutation_id) { return fmt::format("{}{}", kLocalPrefix, mutation_id); }

Id my_id(const store::LocalStore& store) {
  const auto me = store.me();
  return me ? me->id : Id{};  // queued before the first sign-in; the engine fills it in then
}

// The body of POST /api/v1/bookings and of a move.
std::string booking_body(const Id& resource_id, Instant start, Instant end) {
  return Json{{"resource_id", resource_id}, {"start", to_rfc3339(start)}, {"end", to_rfc3339(end)}}.dump();
}

// Caches the booking that the queued change `mutation_id` asks for, under a local id made from
// the mutation id, and names it as the change's entity (in the caller's transaction, right after
// enqueue: the id exists only once the entry has its mutation id).
Booking cache_new_booking(store::LocalStore& store, std::int64_t mutation_id, const Id& resource_id, Instant start,
                          Instant end) {
  Booking booking;
  booking.id = local_id_for(mutation_id);
  booking.resource_id = resource_id;
  booking.employee_id = my_id(store);
  booking.start = start;
  booking.end = end;
  booking.state = BookingState::booked;
  store.set_entity(mutation_id, store::booking_key(booking.id));
  store.upsert_booking(booking);
  return booking;
}

}  // namespace

bool is_local_id(std::string_view id) { return id.starts_with(kLocalPrefix); }

SlotTimes slot_times(const store::LocalStore& store, HalfDay half) {
  DepartmentPolicy policy;  // the documented defaults when nothing is cached
  if (const auto me = store.me()) {
    if (const auto department = store.department(me->department_id)) policy = department->policy;
  }
  switch (half) {
    case HalfDay::am: return policy.am;
    case HalfDay::pm: return policy.pm;
    default: return policy.day;
  }
}

Booking queue_booking(store::LocalStore& store, const Id& resource_id, Instant start, Instant end) {
  Booking booking;
  store.atomically([&] {
    const store::OutboxEntry entry = store.enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", booking_body(resource_id, start, end));
    booking = cache_new_booking(store, entry.mutation_id, resource_id, start, end);
  });
  return booking;
}

void queue_cancel(store::LocalStore& store, const Id& booking_id) {
  store.atomically([&] {
    store.enqueue(ChangeKind::cancel, "DELETE", fmt::format("/api/v1/bookings/{}", codec::percent_encode(booking_id)), "", store::booking_key(booking_id));
    if (auto booking = store.booking(booking_id)) {
      booking->state = BookingState::cancelled;
      store.upsert_booking(*booking);
    }
  });
}

Booking queue_move(store::LocalStore& store, const Id& booking_id, const Id& resource_id, Instant start, Instant end) {
  Booking booking;
  store.atomically([&] {
    const store::OutboxEntry entry = store.enqueue(
        ChangeKind::move, "POST", fmt::format("/api/v1/bookings/{}/move", codec::percent_encode(booking_id)), booking_body(resource_id, start, end));
    // The entity is the new booking, as for queue_booking, so the engine swaps its local id for
    // the server's when the move is accepted and drops it when refused. The old booking counts
    // as pending through the path (LocalStore::pending_entities), so a pull leaves it cancelled.
    if (auto old = store.booking(booking_id)) {
      old->state = BookingState::cancelled;
      store.upsert_booking(*old);
    }
    booking = cache_new_booking(store, entry.mutation_id, resource_id, start, end);
  });
  return booking;
}

void queue_check_in(store::LocalStore& store, const Id& booking_id) {
  store.atomically([&] {
    store.enqueue(ChangeKind::check_in, "POST", fmt::format("/api/v1/bookings/{}/check-in", codec::percent_encode(booking_id)), "", store::booking_key(booking_id));
    if (auto booking = store.booking(booking_id)) {
      booking->state = BookingState::checked_in;
      store.upsert_booking(*booking);
    }
  });
}

void queue_workday(store::LocalStore& store, const Workday& workday) {
  store.atomically([&] {
    const std::string body =
        Json{{"half", to_string(workday.half)}, {"mode", to_string(workday.mode)}, {"kind", to_string(workday.kind)}}.dump();
    store.enqueue(ChangeKind::workday, "PUT", fmt::format("/api/v1/workdays/{}", format_date(workday.date)), body,
                  store::workday_key(workday.date, workday.kind));
    store.plan_workday(workday);
  });
}

Enrollment queue_enrollment(store::LocalStore& store, const Id& course_id) {
  Enrollment enrollment;
  store.atomically([&] {
    const store::OutboxEntry entry = store.enqueue(ChangeKind::enrollment, "POST", "/api/v1/enrollments", Json{{"course_id", course_id}}.dump());
    enrollment.id = local_id_for(entry.mutation_id);
    enrollment.course_id = course_id;
    enrollment.employee_id = my_id(store);
    enrollment.state = EnrollmentState::enrolled;
    store.set_entity(entry.mutation_id, store::enrollment_key(enrollment.id));
    store.upsert_enrollment(enrollment);
  });
  return enrollment;
}

void queue_completion(store::LocalStore& store, const Id& enrollment_id, Date today) {
  store.atomically([&] {
    store.enqueue(ChangeKind::completion, "POST", fmt::format("/api/v1/enrollments/{}/completion", codec::percent_encode(enrollment_id)), "",
                  store::enrollment_key(enrollment_id));
    for (Enrollment enrollment : store.my_enrollments()) {
      if (enrollment.id != enrollment_id) continue;
      enrollment.state = EnrollmentState::completed;
      enrollment.completed_on = today;
      store.upsert_enrollment(enrollment);
    }
  });
}

void queue_favourite(store::LocalStore& store, const Id& resource_id, bool usual, Instant now) {
  store.atomically([&] {
    Favourite favourite{resource_id, usual, now};
    // Marking an existing favourite as usual keeps when it was added, as the server does.
    for (const Favourite& existing : store.favourites()) {
      if (existing.resource_id == resource_id) favourite.added_at = existing.added_at;
    }
    store.enqueue(ChangeKind::favourite, "PUT", "/api/v1/me/favourites/" + codec::percent_encode(resource_id), Json{{"usual", usual}}.dump(),
                  store::favourite_key(resource_id));
    store.upsert_favourite(favourite);
  });
}

void queue_unfavourite(store::LocalStore& store, const Id& resource_id) {
  store.atomically([&] {
    store.enqueue(ChangeKind::unfavourite, "DELETE", "/api/v1/me/favourites/" + codec::percent_encode(resource_id), "",
                  store::favourite_key(resource_id));
    store.remove_favourite(resource_id);
  });
}

void dismiss_conflict(store::LocalStore& store, std::int64_t mutation_id) { store.dismiss_rejected(mutation_id); }

}  // namespace stellwerk::sync
