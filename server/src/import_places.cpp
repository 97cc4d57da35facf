// The places import (docs/import.md): one record per desk, room or parking space, with its floor
// and building on the same row as facility systems export them. A building's or floor's columns
// may repeat on every row or stand on one only; two rows that disagree are a problem. Every place
// must lie inside its floor's plan (core's fits_on_floor).
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "changes.hpp"
#include "import_cells.hpp"
#include "reference.hpp"
#include "stellwerk/core/place_edit.hpp"

namespace stellwerk::server {
namespace {

struct PlaceBuilding {
  Id id;
  std::string name;
  std::string address;
  MinuteOfDay opens = 7 * 60;
  MinuteOfDay closes = 19 * 60;
  bool operator==(const PlaceBuilding&) const = default;
};

bool same_floor(const Floor& a, const Floor& b) {
  return a.building_id == b.building_id && a.name == b.name && a.level == b.level && a.width_m == b.width_m &&
         a.height_m == b.height_m;
}

bool same_resource(const Resource& a, const Resource& b) {
  return a.type == b.type && a.name == b.name && a.floor_id == b.floor_id && a.x == b.x && a.y == b.y && a.w == b.w &&
         a.h == b.h && a.features == b.features && a.capacity == b.capacity && a.accessible == b.accessible;
}

struct Stored {
  std::map<Id, PlaceBuilding> buildings;
  std::map<Id, Floor> floors;
  std::map<Id, ResourceRow> resources;
};

Stored read_stored(sql::Connection& db) {
  Stored stored;
  for (sql::Statement rows{db, "SELECT id, name, address, opens, closes FROM buildings"}; rows.step();) {
    stored.buildings[rows.text(0)] = PlaceBuilding{rows.text(0), rows.text(1), rows.text(2), rows.integer(3), rows.integer(4)};
  }
  for (sql::Statement rows{db, "SELECT id, building_id, name, level, width_m, height_m FROM floors"}; rows.step();) {
    stored.floors[rows.text(0)] = Floor{rows.text(0), rows.text(1), rows.text(2), rows.integer(3), rows.real(4), rows.real(5)};
  }
  // A removed place is not there for the import: a file that lists its id again brings it back
  // (write_places clears removed_at), as a new place of the report.
  for (sql::Statement rows{db, fmt::format("SELECT {}, building_id FROM resources WHERE {}", kResourceColumns, kNotRemoved)};
       rows.step();) {
    stored.resources[rows.text(0)] = ResourceRow{read_resource(rows), rows.text(kResourceColumnCount)};
  }
  return stored;
}

// The features' wire names; German names and spellings of the known ones are understood.
std::optional<std::string> read_feature(std::string_view text) {
  static const std::map<std::string, std::string, std::less<>> kAliases{
      {"monitor", "monitor"},       {"bildschirm", "monitor"},      {"docking", "docking"},
      {"dockingstation", "docking"}, {"sitstand", "sit_stand"},     {"hoehenverstellbar", "sit_stand"},
      {"stehpult", "sit_stand"},    {"quiet", "quiet"},             {"ruhig", "quiet"},
      {"ruhezone", "quiet"},        {"video", "video"},             {"videokonferenz", "video"},
      {"display", "display"},       {"grossbildschirm", "display"}, {"evcharger", "ev_charger"},
      {"ladestation", "ev_charger"}, {"ladesaeule", "ev_charger"},  {"accessible", "accessible"},
      {"barrierefrei", "accessible"}};
  const std::string folded = fold_column_name(text);
  if (const auto it = kAliases.find(folded); it != kAliases.end()) return it->second;
  // A feature the city has and this list does not: kept under its own name when the API's pattern
  // (lower-case letters and '_') allows it.
  return valid_feature_name(text) ? std::optional<std::string>{std::string{text}} : std::nullopt;
}

std::optional<ResourceType> read_type(std::string_view text) {
  const std::string folded = fold_column_name(text);
  if (folded == "desk" || folded == "schreibtisch" || folded == "arbeitsplatz") return ResourceType::desk;
  if (folded == "room" || folded == "raum" || folded == "besprechungsraum") return ResourceType::room;
  if (folded == "parking" || folded == "parkplatz" || folded == "stellplatz") return ResourceType::parking;
  return std::nullopt;
}

struct PlacesFile {
  std::map<Id, std::pair<PlaceBuilding, ImportPlace>> buildings;
  std::map<Id, std::pair<Floor, ImportPlace>> floors;
  std::set<Id> sized_floors;  // floors whose size the file gives
  std::map<Id, std::pair<ResourceRow, const ImportRecord*>> resources;  // read cleanly
  std::map<Id, const ImportRecord*> seen;                              // every place's record
};

void read_building(CellReader& in, const Id& id, const Stored& stored, PlacesFile& file) {
  const auto known = file.buildings.find(id);
  PlaceBuilding building = known != file.buildings.end() ? known->second.first
                           : stored.buildings.contains(id) ? stored.buildings.at(id)
                                                           : PlaceBuilding{id, {}, {}};
  const PlaceBuilding before = building;
  // Empty cells say nothing: the building's columns may stand on one of its rows only.
  if (in.filled("building_name")) in.text("building_name", building.name, true);
  if (in.filled("address")) in.text("address", building.address);
  if (in.filled("opens")) in.clock_time("opens", building.opens);
  if (in.filled("closes")) in.clock_time("closes", building.closes);
  if (building.opens >= building.closes) in.problem("closes", "a building closes after it opens");
  if (known == file.buildings.end() && !stored.buildings.contains(id) && !in.filled("building_name")) {
    in.problem("building_name", fmt::format("a new building (\"{}\") needs its building_name", id));
  }
  if (known != file.buildings.end() && !(before == building)) {
    in.problem("building", fmt::format("the building \"{}\" has other values on {}", id, known->second.second.text()));
  } else if (known == file.buildings.end()) {
    file.buildings[id] = {building, in.place()};
  }
}

void read_floor(CellReader& in, const Id& id, const Id& building, const Stored& stored, PlacesFile& file) {
  const auto known = file.floors.find(id);
  Floor floor = known != file.floors.end() ? known->second.first
                : stored.floors.contains(id) ? stored.floors.at(id)
                                             : Floor{id, building, id, 0, 0, 0};
  if (floor.building_id != building) {
    return in.problem("floor", fmt::format("the floor \"{}\" belongs to the building \"{}\"", id, floor.building_id));
  }
  const Floor before = floor;
  if (in.filled("floor_name")) in.text("floor_name", floor.name, true);
  if (in.filled("level")) in.integer("level", floor.level, -20, 200);
  if (in.filled("floor_width")) in.number("floor_width", floor.width_m);
  if (in.filled("floor_height")) in.number("floor_height", floor.height_m);
  if (in.filled("floor_width") || in.filled("floor_height")) {
    if (!(floor.width_m > 0 && floor.height_m > 0 && floor.width_m <= 10000 && floor.height_m <= 10000)) {
      in.problem("floor_width", "a floor plan measures more than 0 and at most 10,000 metres each way");
    }
    file.sized_floors.insert(id);
  }
  if (known != file.floors.end() && !same_floor(before, floor)) {
    in.problem("floor", fmt::format("the floor \"{}\" has other values on {}", id, known->second.second.text()));
  } else if (known == file.floors.end()) {
    file.floors[id] = {floor, in.place()};
  }
}

void read_resource_cells(CellReader& in, Resource& r, bool is_new) {
  if (const auto* c = in.cell("type")) {
    if (const auto type = read_type(c->text)) {
      r.type = *type;
    } else {
      in.problem("type", fmt::format("\"{}\" is not a type (desk, room, parking)", c->text));
    }
  }
  if (in.filled("name")) in.text("name", r.name, true);  // empty: as stored, or the id
  in.number("x", r.x);
  in.number("y", r.y);
  in.number("w", r.w);
  in.number("h", r.h);
  std::vector<std::string> features;
  in.list("features", features);
  if (in.cell("features")) {
    r.features.clear();
    for (const auto& text : features) {
      if (const auto feature = read_feature(text)) {
        r.features.push_back(*feature);
      } else {
        in.problem("features", fmt::format("\"{}\" is not a feature name (such as monitor or sit_stand)", text));
      }
    }
  }
  if (in.filled("capacity")) in.integer("capacity", r.capacity, 1, 10000);  // empty: as stored, or 1
  in.boolean("accessible", r.accessible);
  if (is_new) {
    for (const auto* column : {"type", "x", "y", "w", "h"}) {
      if (!in.cell(column)) in.problem(column, fmt::format("a new place needs its {}", column));
    }
  }
}

void read_place(CellReader& in, const Stored& stored, PlacesFile& file) {
  Id building, floor, id;
  in.id("building", building, true);
  in.id("floor", floor, true);
  in.id("id", id, true);
  if (building.empty() || floor.empty() || id.empty()) return;
  if (const auto seen = file.seen.find(id); seen != file.seen.end()) {
    return in.problem("id", fmt::format("the place \"{}\" is in the file twice (also {})", id, seen->second->place.text()));
  }
  file.seen[id] = &in.record();
  const auto before = in.problem_count();
  read_building(in, building, stored, file);
  read_floor(in, floor, building, stored, file);
  const auto it = stored.resources.find(id);
  ResourceRow row = it != stored.resources.end() ? it->second : ResourceRow{Resource{}, building};
  if (row.building_id != building) {
    in.problem("building", fmt::format("the place \"{}\" is in the building \"{}\"; a place in another building "
                                       "needs an id of its own", id, row.building_id));
  }
  row.resource.id = id;
  row.resource.floor_id = floor;
  if (row.resource.name.empty()) row.resource.name = id;
  read_resource_cells(in, row.resource, it == stored.resources.end());
  if (in.problem_count() == before) file.resources[id] = {std::move(row), &in.record()};
}

constexpr double kLargestPlan = 10000;  // metres each way, as a floor with its size given

// A new floor without its size gets the plan its places need, with a metre to spare; then every
// place of the file must fit on its floor, and so must the stored places of a floor whose size
// the file changes.
void check_sizes(PlacesFile& file, const Stored& stored, std::vector<ImportProblem>& problems) {
  for (auto& [id, entry] : file.floors) {
    Floor& floor = entry.first;
    if (stored.floors.contains(id) || file.sized_floors.contains(id)) continue;
    for (const auto& [rid, place] : file.resources) {
      const Resource& r = place.first.resource;
      if (r.floor_id != id || !(r.w > 0 && r.h > 0)) continue;
      floor.width_m = std::max(floor.width_m, std::ceil(r.x + r.w) + 1);
      floor.height_m = std::max(floor.height_m, std::ceil(r.y + r.h) + 1);
    }
    if (floor.width_m > kLargestPlan || floor.height_m > kLargestPlan) {
      problems.push_back({entry.second.with_field("floor"),
                          fmt::format("the places of the floor \"{}\" would need a plan of {} × {} m; give its "
                                      "floor_width and floor_height", id, floor.width_m, floor.height_m)});
    }
  }
  for (const auto& [id, place] : file.resources) {
    const Resource& r = place.first.resource;
    const Floor& floor = file.floors.at(r.floor_id).first;
    if (!fits_on_floor(r, floor)) {
      problems.push_back({place_in(*place.second, "x"), fmt::format("the place ({} × {} m at {}, {}) does not lie inside the floor \"{}\" "
                                             "({} × {} m) or has no size", r.w, r.h, r.x, r.y, floor.id,
                                             floor.width_m, floor.height_m)});
    }
  }
  for (const auto& [id, row] : stored.resources) {
    const auto floor = file.floors.find(row.resource.floor_id);
    if (file.resources.contains(id) || floor == file.floors.end() || !file.sized_floors.contains(floor->first)) continue;
    if (!fits_on_floor(row.resource, floor->second.first)) {
      problems.push_back({floor->second.second.with_field("floor_width"),
                          fmt::format("the place \"{}\" ({} × {} m at {}, {}) would no longer lie inside the floor "
                                      "\"{}\"", id, row.resource.w, row.resource.h, row.resource.x, row.resource.y,
                                      floor->first)});
    }
  }
}

std::vector<std::string> building_changes(const PlaceBuilding& a, const PlaceBuilding& b) {
  std::vector<std::string> changed;
  note_change(changed, "building_name", a.name, b.name);
  note_change(changed, "address", a.address, b.address);
  note_change(changed, "opens", a.opens, b.opens);
  note_change(changed, "closes", a.closes, b.closes);
  return changed;
}

std::vector<std::string> resource_changes(const Resource& a, const Resource& b) {
  std::vector<std::string> changed;
  note_change(changed, "type", a.type, b.type);
  note_change(changed, "name", a.name, b.name);
  note_change(changed, "floor", a.floor_id, b.floor_id);
  if (a.x != b.x || a.y != b.y) changed.emplace_back("position");
  if (a.w != b.w || a.h != b.h) changed.emplace_back("size");
  note_change(changed, "features", a.features, b.features);
  note_change(changed, "capacity", a.capacity, b.capacity);
  note_change(changed, "accessible", a.accessible, b.accessible);
  return changed;
}

void write_places(sql::Connection& db, const std::vector<PlaceBuilding>& buildings, const std::vector<Floor>& floors,
                  const std::vector<ResourceRow>& resources, const std::set<Id>& touched, Instant now) {
  for (const auto& b : buildings) {
    sql::Statement{db,
                   "INSERT INTO buildings (id, name, address, sort_order, opens, closes) VALUES (?, ?, ?, "
                   "(SELECT COALESCE(MAX(sort_order) + 1, 0) FROM buildings), ?, ?) "
                   "ON CONFLICT(id) DO UPDATE SET name = excluded.name, address = excluded.address, "
                   "opens = excluded.opens, closes = excluded.closes"}
        .bind_all(b.id, b.name, b.address, b.opens, b.closes)
        .run();
  }
  for (const auto& f : floors) {
    sql::Statement{db,
                   "INSERT INTO floors (id, building_id, name, level, width_m, height_m) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT(id) DO UPDATE SET name = excluded.name, level = excluded.level, "
                   "width_m = excluded.width_m, height_m = excluded.height_m"}
        .bind_all(f.id, f.building_id, f.name, f.level, f.width_m, f.height_m)
        .run();
  }
  // A new place goes to the end of its building's list (resources_by_building finds the end). A
  // removed place listed again comes back where it stood, open (its removal cleared the closure).
  sql::Statement upsert{db,
                        "INSERT INTO resources (id, building_id, floor_id, type, name, x, y, w, h, features, capacity, "
                        "accessible, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "(SELECT COALESCE(MAX(sort_order) + 1, 0) FROM resources WHERE building_id = ?2)) "
                        "ON CONFLICT(id) DO UPDATE SET floor_id = excluded.floor_id, type = excluded.type, "
                        "name = excluded.name, x = excluded.x, y = excluded.y, w = excluded.w, h = excluded.h, "
                        "features = excluded.features, capacity = excluded.capacity, accessible = excluded.accessible, "
                        "removed_at = NULL"};
  for (const auto& [r, building] : resources) {
    upsert.reset();
    upsert.bind_all(r.id, building, r.floor_id, to_string(r.type), r.name, r.x, r.y, r.w, r.h,
                    Json(r.features).dump(), r.capacity, r.accessible);
    upsert.run();
    record_change(db, "resource", r.id, ChangeOp::upsert, wire::encode(wire_resource(r)),
                  Audience{std::nullopt, building}, now);
  }
  for (const auto& id : touched) {
    record_change(db, "building", id, ChangeOp::upsert, wire::encode(*find_building(db, id)),
                  Audience{std::nullopt, id}, now);
  }
}

}  // namespace

void import_places(sql::Connection& db, const ImportTable& table, const ImportOptions& options, Instant now,
                   ImportReport& report) {
  const Stored stored = read_stored(db);
  PlacesFile file;
  for (const auto& record : table.records) {
    CellReader in{record, report.problems};
    read_place(in, stored, file);
  }
  check_sizes(file, stored, report.problems);  // on the records that read cleanly
  if (!report.problems.empty()) return;

  std::vector<PlaceBuilding> buildings;
  std::vector<Floor> floors;
  std::vector<ResourceRow> resources;
  std::set<Id> touched;  // buildings whose record (with its floors) the clients must get again
  for (const auto& [id, entry] : file.buildings) {
    const auto it = stored.buildings.find(id);
    if (it == stored.buildings.end()) {
      report.added.push_back({id, fmt::format("building {}", entry.first.name)});
    } else if (auto changed = building_changes(it->second, entry.first); !changed.empty()) {
      report.changed.push_back({id, joined(changed)});
    } else {
      continue;
    }
    buildings.push_back(entry.first);
    touched.insert(id);
  }
  for (const auto& [id, entry] : file.floors) {
    const auto it = stored.floors.find(id);
    if (it == stored.floors.end()) {
      report.added.push_back({id, fmt::format("floor {}", entry.first.name)});
    } else if (!same_floor(it->second, entry.first)) {
      report.changed.push_back({id, "floor"});
    } else {
      continue;
    }
    floors.push_back(entry.first);
    touched.insert(entry.first.building_id);
  }
  for (const auto& [id, entry] : file.resources) {
    const auto it = stored.resources.find(id);
    const Resource& r = entry.first.resource;
    if (it == stored.resources.end()) {
      report.added.push_back({id, fmt::format("{} {}", to_string(r.type), r.name)});
    } else if (!same_resource(it->second.resource, r)) {
      report.changed.push_back({id, joined(resource_changes(it->second.resource, r))});
    } else {
      continue;
    }
    // The file knows nothing of closures: a place keeps the one a facility admin set, in the
    // database (the upsert leaves those columns) and in the feed's record alike.
    ResourceRow changed = entry.first;
    if (it != stored.resources.end()) changed.resource.closure = it->second.resource.closure;
    resources.push_back(std::move(changed));
  }
  if (options.dry_run) return;
  write_places(db, buildings, floors, resources, touched, now);
  report.applied = true;
}

}  // namespace stellwerk::server
