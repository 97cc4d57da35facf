// The server's answer foreseen from the cache — for a booking, a check-in and a day's plan — and
// the bookings that need more than one change: a weekly pattern, "book my usual", cancelling every
// booking in a date range. Each checks the rules of core/rules.hpp against the cache first, with
// the same reasons in the same order as the server (server/src/bookings.cpp, workdays.cpp), so
// that the person learns at once which days will not work and why, instead of finding a refusal
// after the next sync; tests/client/rules_parity_test.cpp holds both sides to the same answers. What
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
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::sync {

// Why the server would refuse this booking as far as the cache knows, or nullopt (also when the
// resource is not cached: the server decides).
std::optional<Refusal> foreseeable_refusal(const store::LocalStore& store, const Id& resource_id, Instant start,
                                           Instant end, Instant now);

// Why the server would refuse checking in the cached booking `booking_id` at `now` (core's
// check_in_window and check_in_refusal), or nullopt; booking_not_found when it is not cached.
std::optional<Refusal> foreseeable_check_in_refusal(const store::LocalStore& store, const Id& booking_id,
                                                    Instant now);

// Why the server would refuse planning `entry` (PUT /api/v1/workdays/{date}) as far as the cache
// knows, or nullopt: a presence on a day nobody works, or a remote share over the department's
// limit when it refuses rather than asks for approval (core's plan_day_refusal, remote_month and
// quota_refusal over the cached plans of the month with `entry` planned).
std::optional<Refusal> foreseeable_plan_refusal(const store::LocalStore& store, const Workday& entry);

struct SkippedDay {
  Date day{};
  Refusal problem = Refusal::internal;
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
  Id booking_id;                            // the booking queued for it
  bool nearest_alike = false;               // the usual desk was taken or held: `resource` is its nearest alike
  std::optional<Refusal> problem;           // why nothing was booked
};

// "Book my usual": the favourite marked usual (else the first favourite desk) when it is free,
// otherwise the nearest free desk with at least its features (core/placement.hpp). Without any
// favourite desk, problem is Refusal::no_usual_desk.
UsualBooking queue_usual_booking(store::LocalStore& store, Date day, SlotTimes times, Instant now);

// Queues a cancellation for each of the person's bookings that start on `from` … `to` and are
// neither over nor cancelled or released; returns their days, in order.
std::vector<Date> queue_cancel_between(store::LocalStore& store, Date from, Date to, Instant now);

}  // namespace stellwerk::sync
