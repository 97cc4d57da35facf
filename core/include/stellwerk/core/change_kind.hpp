// The kind of a change a person queues offline. One enumerator per kind; sync/ keeps the one
// table that says for each kind how it is applied to the local cache, which request it becomes
// and how a refusal of it is shown (sync/change_kinds.hpp). The client names a kind in words
// (labels) and the outbox stores it by `change_kind_name` in its `kind` column.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace stellwerk {

enum class ChangeKind : std::uint8_t {
  booking,      // POST /api/v1/bookings
  cancel,       // DELETE /api/v1/bookings/{id}
  move,         // POST /api/v1/bookings/{id}/move
  check_in,     // POST /api/v1/bookings/{id}/check-in
  workday,      // PUT /api/v1/workdays/{date}
  enrollment,   // POST /api/v1/enrollments
  completion,   // POST /api/v1/enrollments/{id}/completion
  favourite,    // PUT /api/v1/me/favourites/{resource id}
  unfavourite,  // DELETE /api/v1/me/favourites/{resource id}
  presence_sharing,  // PUT /api/v1/me/presence-sharing
  work_time,    // PUT /api/v1/worktimes/{date}
  work_time_removal,  // DELETE /api/v1/worktimes/{date}
  approval_decision,  // POST /api/v1/approvals/{id} (managers)
  withdrawal,   // DELETE /api/v1/enrollments/{id}
  self_assessment,  // PUT /api/v1/me/self-assessments/{competence id}
  place_edit,   // PUT /api/v1/resources/{id} (facility admins: a new or changed place)
  place_removal,  // DELETE /api/v1/resources/{id} (facility admins)
  floor_drawing,  // PUT /api/v1/floors/{id}/drawing (facility admins: the body is the image)
  other,        // a stored row no kind matched (only from a store older than the kind column)
  COUNT
};

// The stored name ("check_in"); the same spelling as the enumerator.
std::string_view change_kind_name(ChangeKind kind);
std::optional<ChangeKind> parse_change_kind(std::string_view name);

}  // namespace stellwerk
