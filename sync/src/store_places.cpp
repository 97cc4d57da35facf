// PlacesCache: the person, their department, buildings, floors, resources, the occupancy of the
// changes feed and closed days (see places_cache.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "codec.hpp"
#include "stellwerk/sync/store/places_cache.hpp"
#include "store_database.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

using sql::Statement;
using sql::Transaction;

}  // namespace

std::optional<Employee> PlacesCache::me() const {
  Statement s{db_->connection,
              "SELECT e.id, e.username, e.display_name, e.department_id, e.manager_id, e.roles, "
              "e.home_building_id, e.needs_accessible_desk, e.presence_opt_in "
              "FROM me JOIN employees e ON e.id = me.employee_id"};
  if (!s.step()) return std::nullopt;
  return rows::read_me(s);
}

std::optional<Department> PlacesCache::department(const Id& id) const {
  Statement s{db_->connection, "SELECT id, organisation_id, name, policy FROM departments WHERE id = ?"};
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  Department d;
  d.id = s.text(0);
  d.organisation_id = s.text(1);
  d.name = s.text(2);
  const auto policy = nlohmann::json::parse(s.text(3), nullptr, /*allow_exceptions=*/false);
  if (policy.is_discarded()) throw Error(fmt::format("the stored policy of department {} is not JSON", d.id));
  d.policy = codec::policy_from_json(codec::Fields{policy, "policy"});
  return d;
}

std::vector<Building> PlacesCache::buildings() const {
  Transaction snapshot{db_->connection, Transaction::Kind::deferred};  // buildings and floors agree
  std::vector<Building> buildings;
  std::map<Id, std::size_t> index;
  Statement b{db_->connection, "SELECT id, name, address FROM buildings ORDER BY name, id"};
  while (b.step()) {
    index.emplace(b.text(0), buildings.size());
    buildings.push_back({b.text(0), b.text(1), b.text(2), {}});
  }
  Statement f{db_->connection,
              "SELECT id, building_id, name, level, width_m, height_m, drawing_version FROM floors "
              "ORDER BY level, name, id"};
  while (f.step()) {
    const auto it = index.find(f.text(1));
    if (it == index.end()) continue;  // the building arrives later in the same pull
    buildings[it->second].floors.push_back(
        {f.text(0), f.text(1), f.text(2), f.integer(3), f.real(4), f.real(5), f.text(6)});
  }
  snapshot.commit();
  return buildings;
}

std::vector<Resource> PlacesCache::resources_on_floor(const Id& floor_id) const {
  Transaction snapshot{db_->connection, Transaction::Kind::deferred};
  std::vector<Resource> resources;
  std::map<Id, std::size_t> index;
  Statement r{db_->connection, fmt::format("{}WHERE floor_id = ? AND removed = 0 ORDER BY name, id", rows::kResourceColumns)};
  r.bind_all(floor_id);
  while (r.step()) {
    index.emplace(r.text(0), resources.size());
    resources.push_back(rows::read_resource(r));
  }
  Statement f{db_->connection,
              "SELECT f.resource_id, f.feature FROM resource_features f JOIN resources r ON r.id = f.resource_id "
              "WHERE r.floor_id = ? ORDER BY f.resource_id, f.position"};
  f.bind_all(floor_id);
  while (f.step()) {
    if (const auto it = index.find(f.text(0)); it != index.end()) resources[it->second].features.push_back(f.text(1));
  }
  snapshot.commit();
  // Enumerator order (desk, room, parking), not the alphabetical order of the stored names.
  std::stable_sort(resources.begin(), resources.end(),
                   [](const Resource& a, const Resource& b) { return a.type < b.type; });
  return resources;
}

std::optional<Resource> PlacesCache::resource(const Id& id) const { return resource_row(id, false); }

std::optional<Resource> PlacesCache::removed_resource(const Id& id) const { return resource_row(id, true); }

std::optional<Resource> PlacesCache::resource_row(const Id& id, bool removed) const {
  Transaction snapshot{db_->connection, Transaction::Kind::deferred};
  Statement r{db_->connection, fmt::format("{}WHERE id = ? AND removed = {}", rows::kResourceColumns, removed ? 1 : 0)};
  r.bind_all(id);
  if (!r.step()) return std::nullopt;
  Resource resource = rows::read_resource(r);
  Statement f{db_->connection, "SELECT feature FROM resource_features WHERE resource_id = ? ORDER BY position"};
  f.bind_all(id);
  while (f.step()) resource.features.push_back(f.text(0));
  snapshot.commit();
  return resource;
}

std::vector<Resource> PlacesCache::resources_in_building(const Id& building_id) const {
  std::vector<Resource> all;
  for (const Building& building : buildings()) {
    if (building.id != building_id) continue;
    for (const Floor& floor : building.floors) {
      auto on_floor = resources_on_floor(floor.id);
      std::move(on_floor.begin(), on_floor.end(), std::back_inserter(all));
    }
  }
  return all;
}

std::optional<Id> PlacesCache::building_of_floor(const Id& floor_id) const {
  Statement s{db_->connection, "SELECT building_id FROM floors WHERE id = ?"};
  s.bind_all(floor_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::vector<Id> PlacesCache::occupied_resources(Instant start, Instant end) const {
  std::vector<Id> ids;
  Statement s{db_->connection,
              "SELECT resource_id FROM occupancy WHERE start < ? AND \"end\" > ? "
              "UNION SELECT resource_id FROM bookings WHERE start < ? AND \"end\" > ? "
              "AND state IN ('booked', 'checked_in')"};
  s.bind_all(codec::unix_seconds(end), codec::unix_seconds(start), codec::unix_seconds(end),
             codec::unix_seconds(start));
  while (s.step()) ids.push_back(s.text(0));
  return ids;
}

std::vector<Occupancy> PlacesCache::others_on_floor(const Id& floor_id, Instant from, Instant to) const {
  std::vector<Occupancy> found;
  Statement s{
      db_->connection,
      fmt::format(
          "SELECT o.id, o.resource_id, o.start, o.\"end\" FROM occupancy o JOIN resources r ON r.id = o.resource_id "
          "WHERE r.floor_id = ? AND o.start < ? AND o.\"end\" > ? AND NOT EXISTS ("
          "  SELECT 1 FROM bookings b WHERE b.resource_id = o.resource_id AND b.start = o.start "
          "  AND b.\"end\" = o.\"end\" AND (b.state IN ('booked', 'checked_in') OR 'booking:' || b.id IN "
          "  {})) "
          "ORDER BY o.resource_id, o.start",
          rows::kPendingEntities)};
  s.bind_all(floor_id, codec::unix_seconds(to), codec::unix_seconds(from));
  while (s.step()) {
    found.push_back(
        Occupancy{s.text(0), s.text(1), codec::instant_from_unix(s.int64(2)), codec::instant_from_unix(s.int64(3))});
  }
  return found;
}

std::vector<Closure> PlacesCache::closures(Date from, Date to) const {
  std::vector<Closure> found;
  Statement s{db_->connection,
              "SELECT building_id, date, reason FROM closures WHERE date BETWEEN ? AND ? ORDER BY building_id, date"};
  s.bind_all(codec::date_text(from), codec::date_text(to));
  while (s.step()) {
    // A date the file holds in another shape is skipped rather than shown as the wrong day.
    if (const auto day = codec::parse_date(s.text(1))) found.push_back(Closure{s.text(0), *day, s.text(2)});
  }
  return found;
}

void PlacesCache::set_me(const Employee& me, const Department& department) {
  Transaction transaction{db_->connection, Transaction::Kind::immediate};
  rows::write_department(db_->connection, department);
  rows::write_me(db_->connection, me);
  transaction.commit();
}

void PlacesCache::upsert_building(const Building& building) {
  Transaction transaction{db_->connection, Transaction::Kind::immediate};
  rows::write_building(db_->connection, building);
  transaction.commit();
}

std::optional<CachedDrawing> PlacesCache::floor_drawing(const Id& floor_id) const {
  Statement s{db_->connection,
              "SELECT d.version, d.image FROM floor_drawings d JOIN floors f ON f.id = d.floor_id "
              "WHERE d.floor_id = ? AND d.version = f.drawing_version"};
  s.bind_all(floor_id);
  if (!s.step()) return std::nullopt;
  return CachedDrawing{s.text(0), s.blob(1)};
}

std::vector<FloorDrawingWanted> PlacesCache::drawings_to_fetch() const {
  std::vector<FloorDrawingWanted> wanted;
  Statement s{db_->connection,
              "SELECT f.id, f.drawing_version FROM floors f WHERE f.drawing_version <> '' AND NOT EXISTS ("
              "SELECT 1 FROM floor_drawings d WHERE d.floor_id = f.id AND d.version = f.drawing_version) "
              "ORDER BY f.building_id, f.level, f.id"};
  while (s.step()) wanted.push_back({s.text(0), s.text(1)});
  return wanted;
}

void PlacesCache::store_floor_drawing(const Id& floor_id, std::string_view version, std::string_view image) {
  Statement{db_->connection,
            "INSERT INTO floor_drawings (floor_id, version, image) VALUES (?, ?, ?) "
            "ON CONFLICT (floor_id) DO UPDATE SET version = excluded.version, image = excluded.image"}
      .bind_all(floor_id, version, sql::Blob{image})
      .run();
}

void PlacesCache::show_uploaded_drawing(const Id& floor_id, std::string_view local_version, std::string_view image) {
  Statement floor{db_->connection, "SELECT 1 FROM floors WHERE id = ?"};
  floor.bind_all(floor_id);
  if (!floor.step()) return;
  Statement{db_->connection, "UPDATE floors SET drawing_version = ? WHERE id = ?"}.bind_all(local_version, floor_id).run();
  store_floor_drawing(floor_id, local_version, image);
}

void PlacesCache::adopt_uploaded_drawing(const Id& floor_id, std::string_view local_version, std::string_view version) {
  Statement{db_->connection, "UPDATE floors SET drawing_version = ? WHERE id = ? AND drawing_version = ?"}
      .bind_all(version, floor_id, local_version)
      .run();
  Statement{db_->connection, "UPDATE floor_drawings SET version = ? WHERE floor_id = ? AND version = ?"}
      .bind_all(version, floor_id, local_version)
      .run();
}

void PlacesCache::drop_unshown_drawings() {
  Statement{db_->connection,
            "DELETE FROM floor_drawings WHERE NOT EXISTS (SELECT 1 FROM floors f WHERE f.id = floor_drawings.floor_id "
            "AND f.drawing_version = floor_drawings.version)"}
      .run();
}

void PlacesCache::upsert_resource(const Resource& resource) {
  Transaction transaction{db_->connection, Transaction::Kind::immediate};
  rows::write_resource(db_->connection, resource);
  transaction.commit();
}

void PlacesCache::upsert_occupancy(const Id& id, const Id& resource_id, Instant start, Instant end) {
  Statement{db_->connection,
            "INSERT INTO occupancy (id, resource_id, start, \"end\") VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET resource_id = excluded.resource_id, start = excluded.start, "
            "\"end\" = excluded.\"end\""}
      .bind_all(id, resource_id, codec::unix_seconds(start), codec::unix_seconds(end))
      .run();
}

void PlacesCache::upsert_closure(const Id& building_id, Date date, std::string_view reason) {
  Statement{db_->connection,
            "INSERT INTO closures (building_id, date, reason) VALUES (?, ?, ?) "
            "ON CONFLICT (building_id, date) DO UPDATE SET reason = excluded.reason"}
      .bind_all(building_id, codec::date_text(date), reason)
      .run();
}

void PlacesCache::remove_building(const Id& id) { db_->run("DELETE FROM buildings WHERE id = ?", id); }

int PlacesCache::bookings_ahead(const Id& resource_id, Instant now) const {
  // The feed's occupancy holds the person's own bookings too: a UNION of (start, end) counts each once.
  Statement count{db_->connection,
                  "SELECT COUNT(*) FROM (SELECT start, \"end\" FROM occupancy WHERE resource_id = ?1 AND \"end\" > ?2 "
                  "UNION SELECT start, \"end\" FROM bookings WHERE resource_id = ?1 AND \"end\" > ?2 "
                  "AND state IN ('booked', 'checked_in'))"};
  count.bind_all(resource_id, codec::unix_seconds(now));
  count.step();
  return static_cast<int>(count.int64(0));
}

void PlacesCache::remove_resource(const Id& id) { db_->run("UPDATE resources SET removed = 1 WHERE id = ?", id); }

void PlacesCache::drop_bookings_without_place() {
  db_->run(fmt::format("DELETE FROM bookings WHERE resource_id NOT IN (SELECT id FROM resources) AND "
                       "'booking:' || id NOT IN {}",
                       rows::kPendingEntities));
}

void PlacesCache::remove_occupancy(const Id& id) { db_->run("DELETE FROM occupancy WHERE id = ?", id); }

void PlacesCache::remove_closure(const Id& building_id, Date date) {
  db_->run("DELETE FROM closures WHERE building_id = ? AND date = ?", building_id, codec::date_text(date));
}

}  // namespace stellwerk::store
