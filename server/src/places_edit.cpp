// The floor-plan editor's routes: a facility admin puts a place as it is to be (new, moved,
// renamed, closed for a period) and removes one. Both are facility work and never done at a
// kiosk (require_facility_admin).
//
// PUT answers 201 for a new place and 200 for a changed or unchanged one; a PUT that changes
// nothing adds nothing to the changes feed, so an offline client may replay its queue. A closure
// that is new or different releases the bookings of its days at once, so that nobody arrives at
// a place that is closed; a removal releases every booking that has not ended, but only when the
// caller says so (release_bookings=true), since those people lose their place.
//
// A removed place keeps its row (removed_at set), because past bookings refer to it and must go
// on showing it to their holders; every query of places people may use leaves it out
// (reference.hpp's kNotRemoved), and it stays removed: PUT of its id answers 404.
#include "places_edit.hpp"

#include <fmt/format.h>

#include "booking_rules.hpp"
#include "changes.hpp"
#include "messages.hpp"
#include "reference.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

constexpr std::size_t kMaxPlaceId = 100;

// The floor with this id; 404 floor_not_found when there is none.
Floor stored_floor(sql::Connection& db, const Id& floor_id) {
  sql::Statement row{db, "SELECT id, building_id, name, level, width_m, height_m FROM floors WHERE id = ?"};
  row.bind_all(floor_id);
  if (!row.step()) fail(404, Refusal::floor_not_found);
  return Floor{row.text(0), row.text(1), row.text(2), row.integer(3), row.real(4), row.real(5)};
}

bool removed(sql::Connection& db, const Id& id) {
  sql::Statement row{db, "SELECT 1 FROM resources WHERE id = ? AND removed_at IS NOT NULL"};
  row.bind_all(id);
  return row.step();
}

Resource place_of(const Id& id, wire::PlaceRequest request) {
  Resource place{id,        request.type,     std::move(request.name), std::move(request.floor_id),
                 request.x, request.y,        request.w,               request.h,
                 std::move(request.features), request.capacity,       request.accessible};
  if (request.closure) {
    place.closure = PlaceClosure{request.closure->from, request.closure->until, std::move(request.closure->reason)};
  }
  return place;
}

// Unchanged is what clients would see unchanged: the same Resource on the wire.
bool same_place(const Resource& a, const Resource& b) {
  return wire::encode(wire_resource(a)) == wire::encode(wire_resource(b));
}

void store_place(sql::Connection& db, const Resource& place, const Id& building) {
  std::optional<std::string> from, until, reason;
  if (place.closure) {
    from = format_date(place.closure->from);
    until = format_date(place.closure->until);
    reason = place.closure->reason;
  }
  // A new place goes to the end of its building's list, as an imported one does.
  sql::Statement{db,
                 "INSERT INTO resources (id, building_id, floor_id, type, name, x, y, w, h, features, capacity, "
                 "accessible, closed_from, closed_until, closed_reason, sort_order) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                 "(SELECT COALESCE(MAX(sort_order) + 1, 0) FROM resources WHERE building_id = ?2)) "
                 "ON CONFLICT(id) DO UPDATE SET floor_id = excluded.floor_id, type = excluded.type, "
                 "name = excluded.name, x = excluded.x, y = excluded.y, w = excluded.w, h = excluded.h, "
                 "features = excluded.features, capacity = excluded.capacity, accessible = excluded.accessible, "
                 "closed_from = excluded.closed_from, closed_until = excluded.closed_until, "
                 "closed_reason = excluded.closed_reason"}
      .bind_all(place.id, building, place.floor_id, to_string(place.type), place.name, place.x, place.y, place.w,
                place.h, Json(place.features).dump(), place.capacity, place.accessible, from, until, reason)
      .run();
}

// PUT /api/v1/resources/{id}: the place as it is to be. Checks, in order: 400 invalid_parameter
// (an id that cannot name a place), 404 resource_not_found (a removed place), 404
// floor_not_found, 422 invalid_field (floor_id: a place moves between floors of its building
// only, because its bookings and favourites belong to the building's people), then core's
// place_refusal as 422.
Reply put_place(Call& call) {
  require_facility_admin(call);
  const Id id = call.param(0);
  if (!valid_place_id(id)) fail(400, Refusal::invalid_parameter, "id");
  Resource place = place_of(id, call.body_as<wire::PlaceRequest>());
  return call.write([&](sql::Connection& db) {
    const Instant now = call.clock.now();
    if (removed(db, id)) fail(404, Refusal::resource_not_found);
    const Floor floor = stored_floor(db, place.floor_id);
    const auto stored = find_resource(db, id);
    if (stored && stored->building_id != floor.building_id) fail(422, Refusal::invalid_field, "floor_id");
    if (const auto refusal = place_refusal(place, floor)) fail(422, *refusal);
    const Json answer = wire::encode(wire_resource(place));
    if (stored && same_place(stored->resource, place)) return Reply{200, answer};

    store_place(db, place, floor.building_id);
    if (place.closure && (!stored || stored->resource.closure != place.closure)) {
      release_place_bookings(db, id, DayRange{place.closure->from, place.closure->until}, now);
    }
    record_change(db, "resource", id, ChangeOp::upsert, answer, Audience{std::nullopt, floor.building_id}, now);
    return Reply{stored ? 200 : 201, answer};
  });
}

// Its people's favourites of the place go, each holder's feed told, as a DELETE of their own does.
void remove_favourites_of(sql::Connection& db, const Id& resource_id, Instant now) {
  sql::Statement holders{db, "SELECT employee_id FROM favourites WHERE resource_id = ?"};
  holders.bind_all(resource_id);
  std::vector<Id> employees;
  while (holders.step()) employees.push_back(holders.text(0));
  sql::Statement{db, "DELETE FROM favourites WHERE resource_id = ?"}.bind_all(resource_id).run();
  for (const Id& employee : employees) {
    record_change(db, "favourite", resource_id, ChangeOp::remove, Json{}, Audience{employee, std::nullopt}, now);
  }
}

// DELETE /api/v1/resources/{id}: 404 resource_not_found for an unknown or removed place, 409
// place_has_bookings (with how many) while bookings that have not ended hold it, unless
// release_bookings=true releases them.
Reply delete_place(Call& call) {
  require_facility_admin(call);
  const Id id = call.param(0);
  // Absent or false keeps a place with bookings (409); true releases them.
  const bool release = call.flag_query("release_bookings");
  return call.write([&](sql::Connection& db) {
    const Instant now = call.clock.now();
    const auto stored = find_resource(db, id);
    if (!stored) fail(404, Refusal::resource_not_found);
    if (const int active = count_place_bookings(db, id, now); active > 0 && !release) {
      // How many, for the confirmation the client asks for: in the detail for people, and as
      // `bookings` for programs.
      const auto code = wire_code(Refusal::place_has_bookings);
      const std::string detail = fmt::format("{} ({})", problem_title(code, call.language), active);
      throw Problem{409, std::string{code}, {}, 0, Json{{"detail", detail}, {"bookings", active}}};
    }
    release_place_bookings(db, id, std::nullopt, now);
    // The closure goes with the place, so that an import bringing it back brings it back open.
    sql::Statement{db,
                   "UPDATE resources SET removed_at = ?, closed_from = NULL, closed_until = NULL, "
                   "closed_reason = NULL WHERE id = ?"}
        .bind_all(unix_seconds(now), id)
        .run();
    remove_favourites_of(db, id, now);
    record_change(db, "resource", id, ChangeOp::remove, Json{}, Audience{std::nullopt, stored->building_id}, now);
    return Reply{204, Json{}};
  });
}

}  // namespace

bool valid_place_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxPlaceId && id.front() != ' ' && id.back() != ' ' &&
         id.find_first_of(",|") == std::string_view::npos;
}

std::vector<Route> place_edit_routes() {
  return {
      Route{"PUT", "/api/v1/resources/{id}", Auth::employee, put_place},
      Route{"DELETE", "/api/v1/resources/{id}", Auth::employee, delete_place},
  };
}

}  // namespace stellwerk::server
