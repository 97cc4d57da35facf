// Local changes: each function builds its change and hands it to the table of change kinds
// (change_kinds.hpp), which writes the cache edit and the outbox entry in one transaction.
#include "stellwerk/sync/local_changes.hpp"

#include <stdexcept>

#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/sync/change_kinds.hpp"

namespace stellwerk::sync {

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
  return *queue_change(store, Change{.kind = ChangeKind::booking, .resource_id = resource_id, .start = start, .end = end})
              .booking;
}

void queue_cancel(store::LocalStore& store, const Id& booking_id) {
  queue_change(store, Change{.kind = ChangeKind::cancel, .subject_id = booking_id});
}

Booking queue_move(store::LocalStore& store, const Id& booking_id, const Id& resource_id, Instant start, Instant end) {
  return *queue_change(store, Change{.kind = ChangeKind::move,
                                     .resource_id = resource_id,
                                     .start = start,
                                     .end = end,
                                     .subject_id = booking_id})
              .booking;
}

void queue_check_in(store::LocalStore& store, const Id& booking_id) {
  queue_change(store, Change{.kind = ChangeKind::check_in, .subject_id = booking_id});
}

void queue_workday(store::LocalStore& store, const Workday& workday) {
  queue_change(store, Change{.kind = ChangeKind::workday, .workday = workday});
}

Enrollment queue_enrollment(store::LocalStore& store, const Id& course_id, Date today) {
  return *queue_change(store, Change{.kind = ChangeKind::enrollment, .course_id = course_id, .today = today}).enrollment;
}

void queue_completion(store::LocalStore& store, const Id& enrollment_id, Date today) {
  queue_change(store, Change{.kind = ChangeKind::completion, .subject_id = enrollment_id, .today = today});
}

void queue_withdrawal(store::LocalStore& store, const Id& enrollment_id) {
  queue_change(store, Change{.kind = ChangeKind::withdrawal, .subject_id = enrollment_id});
}

void queue_favourite(store::LocalStore& store, const Id& resource_id, bool usual, Instant now) {
  queue_change(store, Change{.kind = ChangeKind::favourite, .subject_id = resource_id, .usual = usual, .now = now});
}

void queue_presence_sharing(store::LocalStore& store, bool share) {
  queue_change(store, Change{.kind = ChangeKind::presence_sharing, .share = share});
}

void queue_self_assessment(store::LocalStore& store, std::string_view competence_id, int level, Instant now) {
  if (!valid_self_assessment(competence_id, level)) {
    throw std::invalid_argument("a self-assessment needs a DigComp competence and a level of 1 to 8");
  }
  queue_change(store, Change{.kind = ChangeKind::self_assessment,
                             .subject_id = std::string{competence_id},
                             .now = now,
                             .level = level});
}

void queue_unfavourite(store::LocalStore& store, const Id& resource_id) {
  queue_change(store, Change{.kind = ChangeKind::unfavourite, .subject_id = resource_id});
}

void queue_work_time(store::LocalStore& store, const WorkTime& record) {
  queue_change(store, Change{.kind = ChangeKind::work_time, .work_time = record});
}

void queue_work_time_removal(store::LocalStore& store, Date date) {
  queue_change(store, Change{.kind = ChangeKind::work_time_removal, .work_time = WorkTime{.date = date}});
}

void queue_place_edit(store::LocalStore& store, const Resource& place) {
  std::optional<Floor> floor;
  for (const Building& building : store.buildings()) {
    for (const Floor& f : building.floors) {
      if (f.id == place.floor_id) floor = f;
    }
  }
  if (!floor) throw std::invalid_argument("the place's floor is not known");
  if (const auto refusal = place_refusal(place, *floor)) throw std::invalid_argument(std::string{wire_code(*refusal)});
  queue_change(store, Change{.kind = ChangeKind::place_edit, .place = place});
}

void queue_place_removal(store::LocalStore& store, const Id& resource_id, bool release_bookings) {
  queue_change(store, Change{.kind = ChangeKind::place_removal, .subject_id = resource_id,
                             .release_bookings = release_bookings});
}

std::int64_t queue_floor_drawing(store::LocalStore& store, const Id& floor_id, std::string image) {
  if (!store.building_of_floor(floor_id)) throw std::invalid_argument("the floor is not known");
  if (!inspect_drawing(image)) throw std::invalid_argument(std::string{wire_code(Refusal::invalid_drawing)});
  return queue_change(store, Change{.kind = ChangeKind::floor_drawing, .subject_id = floor_id, .image = std::move(image)})
      .entry.mutation_id;
}

void queue_approval_decision(store::LocalStore& store, const Id& request_id, bool decline, const std::string& reason) {
  queue_change(store, Change{.kind = ChangeKind::approval_decision, .subject_id = request_id, .decline = decline,
                             .reason = reason});
}

void dismiss_conflict(store::LocalStore& store, std::int64_t mutation_id) { store.dismiss_rejected(mutation_id); }

}  // namespace stellwerk::sync
