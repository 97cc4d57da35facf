// A building's day as someone sees it: each resource's state for the whole day and its two
// halves, and a resource's busy periods. One computation for everyone who asks: a person's
// GET /api/v1/buildings/{id}/availability and /resources/{id}/timeline (bookings.cpp), and a
// kiosk's idle screen (kiosks.cpp), which sees the day as nobody in particular. Neither ever
// says who holds a booking: the holder is compared with the viewer while reading and reaches
// the answer only as `mine` or not.
#pragma once

#include <optional>

#include "http.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {

// Who looks. A person sees their own bookings as `mine`, and accessible desks held from them
// unless they need one; nobody (a kiosk's idle screen) sees no booking as `mine`.
struct Viewer {
  std::optional<Id> employee_id;  // nullopt: nobody in particular
  bool needs_accessible_desk = false;
};

// The day being looked at and the rules it is seen under.
struct DayView {
  Date day{};
  DepartmentPolicy policy;  // the half-day times and the accessible hold
  bool closed = false;      // nobody may book that day: every free half shows as closed
  Viewer viewer;
  Instant now{};
};

// Every resource of the building with its state on view.day, in the building's order. The
// viewer's own booking shows even on a closed day, so that they can find and cancel it. Runs
// inside a read; the building must exist (the answer is empty otherwise).
wire::Availability building_availability(sql::Connection& db, const Id& building, const DayView& view);

// The resource's active bookings on `day` in time order, `mine` for the viewer's own.
wire::Timeline day_timeline(sql::Connection& db, const Id& resource_id, Date day, bool closed,
                            const std::optional<Id>& viewer);

}  // namespace stellwerk::server
