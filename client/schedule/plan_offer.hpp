// What the Wochenplan offers right after a day is planned (issue 15, "plan and desks together"):
// planning office on a bookable day without a desk booking offers to book the usual desk (or the
// nearest alike, "Book my usual"); planning any other mode over a desk booking of that time offers
// to cancel it, so the desk goes back to colleagues. A pure decision from the plan just made and the
// bookings the UI holds, with core's rules; the PlanWorkday handler keeps its answer in
// ScheduleState::plan_offer and the view draws it while offer_still_open().
#pragma once

#include <optional>
#include <span>
#include <string>

#include "desks/desks_state.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

struct PlanOffer {
  enum class Kind : unsigned char { book_usual, cancel_booking };
  Kind kind = Kind::book_usual;
  Date day{};
  HalfDay half = HalfDay::day;  // the half planned: what "Book my usual" books
  Id booking_id;                // cancel_booking: the booking to cancel
  std::string resource_name;    // cancel_booking: the place it holds ("EG-01")
  friend bool operator==(const PlanOffer&, const PlanOffer&) = default;
};

// The offer after planning `planned`, or nullopt when there is none: no offer for an entry the
// plan rules refuse (office on a holiday or a weekend) or an actual entry; office offers a booking
// only when the day passes booking_date_problem for a person with these bookings, and when no
// active desk booking of the person covers the half planned; any other mode offers to cancel the
// first active desk booking (booked or checked in, not over at `now`) that overlaps the half
// planned. The halves' times are the department's slots (core: slot_times).
std::optional<PlanOffer> plan_offer(const Workday& planned, std::span<const BookingSummary> bookings,
                                    const DepartmentPolicy& policy, Date today, Instant now);

// False once the bookings loaded since answer the offer another way: a desk booked for that half
// (in Desks, say), or the booking to cancel no longer active. The view then stops showing it.
bool offer_still_open(const PlanOffer& offer, std::span<const BookingSummary> bookings,
                      const DepartmentPolicy& policy, Instant now);

}  // namespace stellwerk::client
