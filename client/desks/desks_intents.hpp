// What the person asks for in Desks and about a refused booking (desks_handler.hpp applies it).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "desks/desks_state.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

// What is shown.
struct SelectBuilding { Id building_id; };
struct SelectFloor { Id floor_id; };
struct ShowDay { Date day; };                                 // the day the Desks view shows and books
struct ChooseTime { TimeChoice time; MinuteRange range; };    // range counts for TimeChoice::range only
struct ChooseLayout { DeskLayout layout; };
struct ToggleFeatureFilter { std::string feature; };          // wire name
struct ToggleOnlyFree {};
struct SelectResource { Id resource_id; };                    // empty: close the details
struct CloseReport {};

// The floor-plan editor (facility admins): each is checked with core's place rules and queued.
struct SavePlace { Resource place; };                         // new or changed
struct AskPlaceRemoval { Id resource_id; };                   // counts its bookings ahead (DesksState::removal)
struct RemovePlace { Id resource_id; bool release_bookings; };
struct KeepPlace {};                                          // answers the removal question with no
struct UploadDrawing { Id floor_id; std::string path; };      // a PNG or JPEG file as the floor's drawing

// Local changes: each is written to the store and the outbox at once and sent by the sync thread.
// A booking's time: a slot of the department (HalfDay) or, when `range` is set, that range.
struct BookResource { Id resource_id; Date day; HalfDay half; std::optional<MinuteRange> range = std::nullopt; };
// The same resource and time on every day of `weekdays` (Monday … Sunday) from `first` to `until`;
// days a rule stops are skipped and listed in the report.
struct BookRecurring {
  Id resource_id;
  Date first;
  Date until;
  std::array<bool, 7> weekdays;
  HalfDay half;
  std::optional<MinuteRange> range = std::nullopt;
};
// The usual desk (else the first favourite desk), or the nearest free desk with its features.
struct BookUsual { Date day; HalfDay half; std::optional<MinuteRange> range = std::nullopt; };
struct ToggleFavourite { Id resource_id; };                   // adds or removes
struct MakeUsual { Id resource_id; };                         // also makes it a favourite
struct CancelBooking { Id booking_id; };
struct CancelBookingsBetween { Date from; Date to; };         // every active booking of the person on those days
struct CheckIn { Id booking_id; };
// "Book this instead": books the alternative for the refused booking's time and dismisses it.
struct BookAlternative { std::int64_t mutation_id; Id resource_id; Instant start; Instant end; };
// "Move it here" for an "already_booked" refusal: cancels the booking that holds the time and books
// the refused place instead, queued together, and dismisses the refusal.
struct MoveBooking { std::int64_t mutation_id; Id booking_id; Id resource_id; Instant start; Instant end; };

}  // namespace stellwerk::client
