// Kiosks: the shared screens in city buildings where people sign in with badge and PIN. Facility
// admins keep the registry (register, list, revoke); a kiosk device itself, with its own token,
// sends a heartbeat and reads what its idle screen shows of its building today.
//
// A device token is 32 random bytes, shown once in the answer to the registration and stored
// only as its SHA-256, like every session token: a copy of the database lets no screen in. That
// is why a registration is never replayed for an Idempotency-Key (the stored answer would hold
// the token). Revoking keeps the row, so the list still shows the kiosk, and in the same write
// ends the token and every session opened at that kiosk.
//
// The idle screen is public in the building's foyer, so it shows the day as nobody in
// particular sees it (availability.hpp): which places are free, taken or held, never by whom,
// and nothing is ever `mine`. Its half-days and accessible hold are those of core's default
// department policy, the city's standard rules, as the kiosk serves people of every department.
#include <chrono>

#include "availability.hpp"
#include "crypto.hpp"
#include "reference.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kMaxIdText = 200;

// Columns read by read_kiosk, in order.
constexpr std::string_view kSelectKiosk =
    "SELECT id, name, building_id, registered_at, last_seen_at, version, revoked_at IS NOT NULL FROM kiosk_devices ";

Instant from_unix(std::int64_t value) { return Instant{std::chrono::seconds{value}}; }

wire::Kiosk read_kiosk(const sql::Statement& row) {
  return wire::Kiosk{row.text(0),
                     row.text(1),
                     row.text(2),
                     from_unix(row.int64(3)),
                     row.is_null(4) ? std::nullopt : std::optional<Instant>{from_unix(row.int64(4))},
                     row.is_null(5) ? std::nullopt : std::optional<std::string>{row.text(5)},
                     row.integer(6) != 0};
}

Reply register_kiosk(Call& call) {
  require_facility_admin(call);
  const auto request = call.body_as<wire::KioskRegistration>();
  const std::string token = crypto::random_token(kTokenBytes);
  const Instant now = call.clock.now();
  return call.db.write([&](sql::Connection& db) {
    require_building(db, request.building_id);
    const wire::Kiosk kiosk{
        crypto::random_id("kio"), request.name, request.building_id, now, std::nullopt, std::nullopt, false};
    sql::Statement{
        db, "INSERT INTO kiosk_devices (id, name, building_id, token_hash, registered_at) VALUES (?, ?, ?, ?, ?)"}
        .bind_all(kiosk.id, kiosk.name, kiosk.building_id, sql::Blob{crypto::sha256(token)}, unix_seconds(now))
        .run();
    return Reply{201, wire::encode(wire::KioskRegistered{kiosk, token})};
  });
}

// Oldest first; revoked kiosks stay in the list, marked. `building_id` keeps those of one
// building (none for an unknown one).
Reply list_kiosks(Call& call) {
  require_facility_admin(call);
  const auto building = call.query("building_id");
  if (building && (building->empty() || building->size() > kMaxIdText))
    fail(400, Refusal::invalid_parameter, "building_id");
  return call.db.read([&](sql::Connection& db) {
    sql::Statement rows{db,
                        std::string{kSelectKiosk} + "WHERE ?1 IS NULL OR building_id = ?1 ORDER BY registered_at, id"};
    rows.bind_all(building);
    Json list = Json::array();
    while (rows.step()) list.push_back(wire::encode(read_kiosk(rows)));
    return Reply{200, std::move(list)};
  });
}

// Revoking a revoked kiosk again is 204 as well: there is nothing left to end.
Reply revoke_kiosk(Call& call) {
  require_facility_admin(call);
  const Id id = call.param(0);
  const Instant now = call.clock.now();
  return call.write([&](sql::Connection& db) {
    sql::Statement kiosk{db, "SELECT revoked_at IS NOT NULL FROM kiosk_devices WHERE id = ?"};
    kiosk.bind_all(id);
    if (!kiosk.step()) fail(404, Refusal::kiosk_not_found);
    if (kiosk.integer(0) == 0) {
      sql::Statement{db, "UPDATE kiosk_devices SET revoked_at = ? WHERE id = ?"}.bind_all(unix_seconds(now), id).run();
      sql::Statement{db, "DELETE FROM sessions WHERE device_id = ?"}.bind_all(id).run();
    }
    return Reply{204, Json{}};
  });
}

Reply heartbeat(Call& call) {
  const auto beat = call.body_as<wire::KioskHeartbeat>();
  const Instant now = call.clock.now();
  call.db.write([&](sql::Connection& db) {
    sql::Statement{db, "UPDATE kiosk_devices SET last_seen_at = ?, version = ? WHERE id = ?"}
        .bind_all(unix_seconds(now), beat.version, call.me().device_id)
        .run();
  });
  return Reply{204, Json{}};
}

Reply today(Call& call) {
  const Instant now = call.clock.now();
  const Date day = local_date(now);
  const Id building = call.me().device_building_id;
  return call.db.read([&](sql::Connection& db) {
    const auto found = find_building(db, building);
    if (!found) fail(404, Refusal::building_not_found);  // a kiosk's building is never deleted
    wire::KioskToday answer{day, now, *found, opening_hours_on(db, building, day), {}, {}};
    const bool closed = !answer.opening_hours;
    const DayView view{day, DepartmentPolicy{}, closed, Viewer{}, now};
    answer.resources = building_availability(db, building, view).resources;
    for (const auto& resource : answer.resources) {
      if (resource.type == ResourceType::room) answer.rooms.push_back(day_timeline(db, resource.id, day, closed, {}));
    }
    return Reply{200, wire::encode(answer)};
  });
}

}  // namespace

std::vector<Route> kiosk_routes() {
  return {
      Route{"GET", "/api/v1/kiosks", Auth::employee, list_kiosks},
      Route{"POST", "/api/v1/kiosks", Auth::employee, register_kiosk},
      Route{"DELETE", "/api/v1/kiosks/{id}", Auth::employee, revoke_kiosk},
      Route{"POST", "/api/v1/kiosk/heartbeat", Auth::kiosk_device, heartbeat},
      Route{"GET", "/api/v1/kiosk/today", Auth::kiosk_device, today},
  };
}

}  // namespace stellwerk::server
