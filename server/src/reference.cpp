#include "reference.hpp"

#include <fmt/format.h>

#include "changes.hpp"
#include "messages.hpp"
#include "policy.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server {
namespace {

std::string weekdays_text(const std::array<bool, 7>& days) {
  std::string text;
  for (bool day : days) text.push_back(day ? '1' : '0');
  return text;
}

Reply list_buildings(Call& call) {
  return call.db.read([&](sql::Connection& db) {
    Json buildings = Json::array();
    sql::Statement ids{db, "SELECT id FROM buildings ORDER BY sort_order, id"};
    while (ids.step()) buildings.push_back(wire::encode(*find_building(db, ids.text(0))));
    return Reply{200, std::move(buildings)};
  });
}

std::string closure_id(const Closure& closure) {
  return fmt::format("{}/{}", closure.building_id, format_date(closure.date));
}

Reply add_closure(Call& call) {
  require_facility_admin(call);
  auto request = call.body_as<wire::ClosureRequest>();
  const Closure closure{call.param(0), request.date, std::move(request.reason)};
  return call.write([&](sql::Connection& db) {
    require_building(db, closure.building_id);
    if (find_closure(db, closure.building_id, closure.date)) fail(409, Refusal::already_closed);
    sql::Statement{db, "INSERT INTO closures (building_id, date, reason) VALUES (?, ?, ?)"}
        .bind_all(closure.building_id, format_date(closure.date), closure.reason)
        .run();
    record_change(db, "closure", closure_id(closure), ChangeOp::upsert, wire::encode(closure),
                  Audience{std::nullopt, closure.building_id}, call.clock.now());
    return Reply{201, wire::encode(closure)};
  });
}

Reply remove_closure(Call& call) {
  require_facility_admin(call);
  const Id building = call.param(0);
  const auto day = parse_date(call.param(1));
  if (!day) fail(400, Refusal::invalid_parameter, "date");
  return call.write([&](sql::Connection& db) {
    require_building(db, building);
    const auto closure = find_closure(db, building, *day);
    if (!closure) fail(404, Refusal::closure_not_found);
    sql::Statement{db, "DELETE FROM closures WHERE building_id = ? AND date = ?"}
        .bind_all(building, format_date(*day))
        .run();
    record_change(db, "closure", closure_id(*closure), ChangeOp::remove, Json{}, Audience{std::nullopt, building},
                  call.clock.now());
    return Reply{204, Json{}};
  });
}

}  // namespace

void require_facility_admin(const Call& call) {
  if (!call.me().has(Role::facility_admin) || call.me().kiosk_session) fail(403, Refusal::forbidden);
}

void require_building(sql::Connection& db, const Id& id) {
  sql::Statement building{db, "SELECT 1 FROM buildings WHERE id = ?"};
  building.bind_all(id);
  if (!building.step()) fail(404, Refusal::building_not_found);
}

std::optional<wire::OpeningHours> opening_hours_on(sql::Connection& db, const Id& building, Date day) {
  if (!is_working_day(day) || find_closure(db, building, day)) return std::nullopt;
  sql::Statement row{db, "SELECT opens, closes FROM buildings WHERE id = ?"};
  row.bind_all(building);
  if (!row.step()) return std::nullopt;
  return wire::OpeningHours{wall_time(row.integer(0)), wall_time(row.integer(1))};
}

Resource read_resource(const sql::Statement& row) {
  Resource r;
  r.id = row.text(0);
  r.type = parse_enum<ResourceType>(row.text(1)).value_or(ResourceType::desk);
  r.name = row.text(2);
  r.floor_id = row.text(3);
  r.x = row.real(4);
  r.y = row.real(5);
  r.w = row.real(6);
  r.h = row.real(7);
  r.features = Json::parse(row.text(8)).get<std::vector<std::string>>();
  r.capacity = row.integer(9);
  r.accessible = row.integer(10) != 0;
  // The three closure columns are set and cleared together (places_edit.cpp); a date that does
  // not read leaves the place open rather than closed for an unknown time.
  if (!row.is_null(11)) {
    const auto from = parse_date(row.text(11));
    const auto until = parse_date(row.text(12));
    if (from && until) r.closure = PlaceClosure{*from, *until, row.text(13)};
  }
  return r;
}

std::optional<ResourceRow> find_resource(sql::Connection& db, const Id& id) {
  sql::Statement row{db, fmt::format("SELECT {}, building_id FROM resources WHERE id = ? AND {}", kResourceColumns,
                                     kNotRemoved)};
  row.bind_all(id);
  if (!row.step()) return std::nullopt;
  return ResourceRow{read_resource(row), row.text(kResourceColumnCount)};
}

wire::Resource wire_resource(const Resource& r) {
  std::optional<wire::PlaceClosure> closure;
  if (r.closure) closure = wire::PlaceClosure{r.closure->from, r.closure->until, r.closure->reason};
  return wire::Resource{r.id,         r.type,     r.name,       r.floor_id, r.x, r.y, r.w, r.h, r.features,
                        r.capacity, r.accessible, std::move(closure)};
}

std::optional<wire::Building> find_building(sql::Connection& db, const Id& id) {
  sql::Statement row{db, "SELECT id, name, address FROM buildings WHERE id = ?"};
  row.bind_all(id);
  if (!row.step()) return std::nullopt;
  wire::Building building{row.text(0), row.text(1), row.text(2), {}};
  sql::Statement floor{db,
                       "SELECT f.id, f.name, f.level, f.width_m, f.height_m, d.version FROM floors f "
                       "LEFT JOIN floor_drawings d ON d.floor_id = f.id WHERE f.building_id = ? ORDER BY f.level, f.id"};
  floor.bind_all(id);
  while (floor.step()) {
    building.floors.push_back(wire::Floor{floor.text(0), floor.text(1), floor.integer(2), floor.real(3), floor.real(4),
                                          floor.optional_text(5)});
  }
  return building;
}

DepartmentPolicy department_policy(sql::Connection& db, const Id& department_id) {
  sql::Statement row{db,
                     "SELECT days_ahead, max_upcoming, bookable_weekdays, day_start, day_end, am_start, am_end, "
                     "pm_start, pm_end, check_in_opens_minutes_before, check_in_closes_minutes_after, "
                     "remote_share_percent, over_quota, accessible_hold_hours, retention_days "
                     "FROM departments WHERE id = ?"};
  row.bind_all(department_id);
  if (!row.step()) throw StorageError(fmt::format("department {} is missing", department_id));
  DepartmentPolicy p;
  p.days_ahead = row.integer(0);
  p.max_upcoming = row.integer(1);
  const std::string weekdays = row.text(2);
  for (std::size_t i = 0; i < 7; ++i) p.bookable_weekdays[i] = i < weekdays.size() && weekdays[i] == '1';
  p.day = {row.integer(3), row.integer(4)};
  p.am = {row.integer(5), row.integer(6)};
  p.pm = {row.integer(7), row.integer(8)};
  p.check_in_opens_minutes_before = row.integer(9);
  p.check_in_closes_minutes_after = row.integer(10);
  p.remote_share_percent = row.integer(11);
  p.over_quota = parse_enum<OverQuotaRule>(row.text(12)).value_or(OverQuotaRule::needs_approval);
  p.accessible_hold_hours = row.integer(13);
  p.retention_days = row.integer(14);
  return p;
}

void write_department(sql::Connection& db, const Department& d, Instant now) {
  const DepartmentPolicy& p = d.policy;
  sql::Statement{db,
                 "INSERT OR REPLACE INTO departments (id, name, days_ahead, max_upcoming, bookable_weekdays, "
                 "day_start, day_end, am_start, am_end, pm_start, pm_end, check_in_opens_minutes_before, "
                 "check_in_closes_minutes_after, remote_share_percent, over_quota, accessible_hold_hours, "
                 "retention_days) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"}
      .bind_all(d.id, d.name, p.days_ahead, p.max_upcoming, weekdays_text(p.bookable_weekdays), p.day.start,
                p.day.end, p.am.start, p.am.end, p.pm.start, p.pm.end, p.check_in_opens_minutes_before,
                p.check_in_closes_minutes_after, p.remote_share_percent, to_string(p.over_quota), p.accessible_hold_hours,
                p.retention_days)
      .run();
  // The row only marks the change: a Policy is the caller's own view (their today, upcoming
  // bookings, holidays in their language), so the feed builds it when it serves the row.
  record_change(db, "policy", d.id, ChangeOp::upsert, Json::object(), Audience{}, now);
}

std::optional<Closure> find_closure(sql::Connection& db, const Id& building_id, Date day) {
  sql::Statement row{db, "SELECT reason FROM closures WHERE building_id = ? AND date = ?"};
  row.bind_all(building_id, format_date(day));
  if (!row.step()) return std::nullopt;
  return Closure{building_id, day, row.text(0)};
}

std::vector<Closure> closures_between(sql::Connection& db, const std::vector<Id>& buildings, Date from, Date to) {
  std::vector<Closure> closures;
  sql::Statement rows{db,
                      "SELECT date, reason FROM closures WHERE building_id = ? AND date BETWEEN ? AND ? ORDER BY date"};
  for (const Id& building : buildings) {
    rows.reset();
    rows.bind_all(building, format_date(from), format_date(to));
    while (rows.step()) {
      if (auto day = parse_date(rows.text(0))) closures.push_back(Closure{building, *day, rows.text(1)});
    }
  }
  return closures;
}

std::vector<Route> reference_routes() {
  return {
      Route{"GET", "/api/v1/buildings", Auth::employee, list_buildings},
      Route{"POST", "/api/v1/buildings/{id}/closures", Auth::employee, add_closure},
      Route{"DELETE", "/api/v1/buildings/{id}/closures/{date}", Auth::employee, remove_closure},
  };
}

}  // namespace stellwerk::server
