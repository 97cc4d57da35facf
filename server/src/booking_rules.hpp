// What the booking routes share across files: reading a new booking's fields, the rules and
// the insert of a new booking, and cancelling one's own booking (bookings.cpp). The move route
// (booking_move.cpp) runs exactly these inside one write job, so a move is refused for exactly
// the reasons a booking or a cancel would be, and never by a copy of the rules drifting apart.
#pragma once

#include <optional>

#include "http.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {

// The place and time of a new booking: the body of POST /api/v1/bookings, and of a move.
using NewBooking = wire::BookingRequest;

// The booking when its time is one: throws 422 invalid_time_range when the end is not after
// the start, or not on the start's Berlin day. (The body's own field rules are the codec's.)
NewBooking checked_time_range(NewBooking wanted);

struct MadeBooking {
  Json booking;                 // the new booking as the API shows it
  bool releases_first = false;  // its release time is earlier than any the maintenance knew
};

// Checks every rule of a new booking for `me` at `now` (the order is bookings.cpp's header) and
// inserts it, with its booking and occupancy records in the changes feed. Runs inside a write
// job; throws the first refusal as a Problem, which rolls the job back.
MadeBooking make_booking(sql::Connection& db, const Principal& me, const NewBooking& wanted, Instant now);

// Cancels the caller's booking `id` and records it in the changes feed. Throws 404
// booking_not_found (unknown or someone else's) or 409 booking_not_active (cancelled, released
// or over).
void cancel_own_booking(sql::Connection& db, const Id& id, const Principal& me, Instant now);

// Releases every booking of the person that has not ended yet (a person who left: their places
// are free for others again), records each in the changes feed and returns how many there were.
int release_future_bookings(sql::Connection& db, const Id& employee_id, Instant now);

// Berlin days from `first` to `last`, both included.
struct DayRange {
  Date first{};
  Date last{};
};

// Releases every active booking of the place that has not ended yet and lies on a day of `days`
// (every day when nullopt), like release_future_bookings: a place closed for a period or
// removed by a facility admin. Each holder's feed shows their booking released. Returns how many.
int release_place_bookings(sql::Connection& db, const Id& resource_id, std::optional<DayRange> days, Instant now);

// How many active bookings of the place have not ended yet (the ones a removal would release).
int count_place_bookings(sql::Connection& db, const Id& resource_id, Instant now);

}  // namespace stellwerk::server
