// POST /api/v1/bookings/{id}/move: moves the caller's booking to another place or time in one
// step. Cancelling the old booking and booking the new place as two requests lost the old
// booking whenever the cancel went through and the booking was then refused (the place was
// taken meanwhile), so here both happen in one write job, and either both are stored or neither.
//
// Order of the answers: the body's field rules first (422, as POST /api/v1/bookings), then the
// old booking (404 booking_not_found, 409 booking_not_active, as DELETE /api/v1/bookings/{id}),
// then every rule of a new booking. The old booking is cancelled before those rules run, so they
// count it as gone: a move is never refused as already_booked or too_many_upcoming because of
// the booking it moves, and a booking may move to an overlapping time on its own desk. A refusal
// rolls the job back, and with it that cancel. An Idempotency-Key replays the answer as for a
// booking (Call::write).
#include "booking_rules.hpp"
#include "routes.hpp"
#include "server.hpp"

namespace stellwerk::server {
namespace {

Reply move_booking(Call& call) {
  const Id id = call.param(0);
  const auto move = call.body_as<wire::MoveRequest>();
  const NewBooking wanted = checked_time_range(NewBooking{move.resource_id, move.start, move.end});
  bool releases_first = false;
  Reply reply = call.write([&](sql::Connection& db) {
    const Instant now = call.clock.now();
    cancel_own_booking(db, id, call.me(), now);
    MadeBooking made = make_booking(db, call.me(), wanted, now);
    releases_first = made.releases_first;
    return Reply{201, std::move(made.booking)};
  });
  // As after a booking: the maintenance thread must wake for a release time earlier than any it
  // knew of, so that a no-show frees the place on the minute.
  if (releases_first) call.context.wake_maintenance();
  return reply;
}

}  // namespace

std::vector<Route> booking_move_routes() {
  return {Route{"POST", "/api/v1/bookings/{id}/move", Auth::employee, move_booking}};
}

}  // namespace stellwerk::server
