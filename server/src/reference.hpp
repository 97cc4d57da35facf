// Reference data as the API shows it: buildings with floors, resources, department policies and
// building closures. Read by every area of the server; changed by seeding and facility admins.
#pragma once

#include <optional>
#include <vector>

#include "http.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {

struct ResourceRow {
  Resource resource;
  Id building_id;
};

// The place with this id, or nullopt when there is none or a facility admin removed it.
std::optional<ResourceRow> find_resource(sql::Connection& db, const Id& id);
// The resource columns in the order read_resource expects, for queries over many resources;
// a query that appends columns reads them from index kResourceColumnCount on. Every query of
// places people may use adds kNotRemoved to its WHERE clause (a removed place keeps its row
// only for its old bookings).
inline constexpr std::string_view kResourceColumns =
    "id, type, name, floor_id, x, y, w, h, features, capacity, accessible, closed_from, closed_until, closed_reason";
inline constexpr int kResourceColumnCount = 14;
inline constexpr std::string_view kNotRemoved = "removed_at IS NULL";
Resource read_resource(const sql::Statement& row);
// The resource as reference data on the wire (all its members present).
wire::Resource wire_resource(const Resource& resource);
std::optional<wire::Building> find_building(sql::Connection& db, const Id& id);
// 404 building_not_found unless the building exists.
void require_building(sql::Connection& db, const Id& id);
// The building's opening hours on `day`, or nullopt when it is closed that day. A building opens
// on working days (Monday to Friday, not an NRW public holiday, core's is_working_day) that are
// not one of its closures, at the times stored with it; nullopt for an unknown building too.
std::optional<wire::OpeningHours> opening_hours_on(sql::Connection& db, const Id& building, Date day);

// 403 forbidden unless the caller is a facility admin on a personal session: facility work is
// done at one's own desk, never on a shared kiosk.
void require_facility_admin(const Call& call);

// The policy of a department; throws StorageError when the department does not exist.
DepartmentPolicy department_policy(sql::Connection& db, const Id& department_id);
// Stores the department and tells the changes feed that its policy changed (entity "policy",
// id the department's): the feed answers each of its people with their own Policy then.
void write_department(sql::Connection& db, const Department& department, Instant now);

// A closure is stored with exactly the members the API shows.
using Closure = wire::Closure;
std::optional<Closure> find_closure(sql::Connection& db, const Id& building_id, Date day);
// Closures of the given buildings between two dates (inclusive).
std::vector<Closure> closures_between(sql::Connection& db, const std::vector<Id>& buildings, Date from, Date to);

}  // namespace stellwerk::server
