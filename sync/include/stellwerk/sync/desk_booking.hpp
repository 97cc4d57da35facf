// Bookings that need more than one change: a weekly pattern, "book my usual", cancelling every
// booking in a date range. Each checks the booking rules against the cache first, with the same
// codes in the same order as the server (server/src/bookings.cpp), so that the person learns at
// once which days will not work and why, instead of finding a refusal after the next sync. What
// the cache cannot know (someone booked the desk a minute ago) the server still decides, and its
// refusal comes back as a conflict with alternatives.
//
// Failure: like local_changes.hpp, every function throws store::Error when the store cannot be
// written; each runs in one transaction, so then nothing was queued.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::sync {

// Why the server would refuse this booking as far as the cache knows, or nullopt (also when the
// resource is not cached: the server decides).
std::optional<std::string> foreseeable_refusal(const store::LocalStore& store, const Id& resource_id, Instant start,
                                               Instant end, Instant now);

struct SkippedDay {
  Date day{};
  std::string problem_code;
};

struct QueuedBookings {
  std::vector<Booking> queued;
  std::vector<SkippedDay> skipped;
};

// Books `resource_id` from `times.start` to `times.end` (local minutes) on each of `days`, skipping
// the days a rule stops. Days are taken in order, so max_upcoming stops the later ones.
QueuedBookings queue_bookings_on_days(store::LocalStore& store, const Id& resource_id, std::span<const Date> days,
                                      SlotTimes times, Instant now);

struct UsualBooking {
  std::optional<Resource> resource;         // what was booked
  std::optional<std::string> problem_code;  // why nothing was booked
};

// "Book my usual": the favourite marked usual (else the first favourite desk) when it is free,
// otherwise the nearest free desk with at least its features (core/placement.hpp). Without any
// favourite desk, problem_code is "no_usual_desk".
UsualBooking queue_usual_booking(store::LocalStore& store, Date day, SlotTimes times, Instant now);

// Queues a cancellation for each of the person's bookings that start on `from` … `to` and are
// neither over nor cancelled or released; returns their days, in order.
std::vector<Date> queue_cancel_between(store::LocalStore& store, Date from, Date to, Instant now);

}  // namespace stellwerk::sync
