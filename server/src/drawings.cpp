// The routes of floor drawings. A drawing is reference data like the floor it belongs to: every
// signed-in person may fetch it, facility admins change it, and a change reaches the clients as
// a change of the building, whose floor then carries the drawing's new version.
#include "drawings.hpp"

#include "changes.hpp"
#include "crypto.hpp"
#include "reference.hpp"
#include "routes.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

// The building of the floor; 404 floor_not_found when there is no such floor.
Id building_of_floor(sql::Connection& db, const Id& floor_id) {
  sql::Statement row{db, "SELECT building_id FROM floors WHERE id = ?"};
  row.bind_all(floor_id);
  if (!row.step()) fail(404, Refusal::floor_not_found);
  return row.text(0);
}

void record_building_change(sql::Connection& db, const Id& building, Instant now) {
  record_change(db, "building", building, ChangeOp::upsert, wire::encode(*find_building(db, building)),
                Audience{std::nullopt, building}, now);
}

wire::Floor wire_floor(sql::Connection& db, const Id& building, const Id& floor_id) {
  auto stored = find_building(db, building);
  for (wire::Floor& floor : stored->floors) {
    if (floor.id == floor_id) return std::move(floor);
  }
  throw StorageError("the floor vanished inside its own transaction");
}

// GET /api/v1/floors/{id}/drawing: the image as uploaded, with its media type.
Reply get_drawing(Call& call) {
  const Id floor_id = call.param(0);
  return call.db.read([&](sql::Connection& db) {
    building_of_floor(db, floor_id);
    sql::Statement row{db, "SELECT media_type, image FROM floor_drawings WHERE floor_id = ?"};
    row.bind_all(floor_id);
    if (!row.step()) fail(404, Refusal::drawing_not_found);
    return Reply::plain(row.blob(1), row.text(0));
  });
}

// PUT /api/v1/floors/{id}/drawing: the body is the image, image/png or image/jpeg (the header
// decides, so a JPEG sent as image/png is still a JPEG). Answers the floor with its new version.
Reply put_drawing(Call& call) {
  require_facility_admin(call);
  const Id floor_id = call.param(0);
  const auto info = inspect_drawing(call.request.body);
  if (!info) fail(422, Refusal::invalid_drawing);
  return call.write([&](sql::Connection& db) {
    const Id building = building_of_floor(db, floor_id);
    store_floor_drawing(db, floor_id, call.request.body, *info, call.clock.now());
    record_building_change(db, building, call.clock.now());
    return Reply{200, wire::encode(wire_floor(db, building, floor_id))};
  });
}

// DELETE /api/v1/floors/{id}/drawing: the floor is drawn without a picture again.
Reply delete_drawing(Call& call) {
  require_facility_admin(call);
  const Id floor_id = call.param(0);
  return call.write([&](sql::Connection& db) {
    const Id building = building_of_floor(db, floor_id);
    sql::Statement drawn{db, "SELECT 1 FROM floor_drawings WHERE floor_id = ?"};
    drawn.bind_all(floor_id);
    if (!drawn.step()) fail(404, Refusal::drawing_not_found);
    sql::Statement{db, "DELETE FROM floor_drawings WHERE floor_id = ?"}.bind_all(floor_id).run();
    record_building_change(db, building, call.clock.now());
    return Reply{204, Json{}};
  });
}

}  // namespace

void store_floor_drawing(sql::Connection& db, const Id& floor_id, std::string_view image, const DrawingInfo& info,
                         Instant now) {
  sql::Statement{db,
                 "INSERT OR REPLACE INTO floor_drawings (floor_id, media_type, version, image, width_px, height_px, "
                 "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"}
      .bind_all(floor_id, std::string{media_type(info.format)}, crypto::hex(crypto::sha256(image)), sql::Blob{image},
                info.width_px, info.height_px, unix_seconds(now))
      .run();
}

std::vector<Route> drawing_routes() {
  return {
      Route{"GET", "/api/v1/floors/{id}/drawing", Auth::employee, get_drawing},
      Route{"PUT", "/api/v1/floors/{id}/drawing", Auth::employee, put_drawing, kMaxDrawingBytes},
      Route{"DELETE", "/api/v1/floors/{id}/drawing", Auth::employee, delete_drawing},
  };
}

}  // namespace stellwerk::server
