// The rows of the store's tables: reading stored values back into domain types and the
// upserts shared by the subjects and the demo import (see store_rows.hpp).
#include "store_rows.hpp"

#include <nlohmann/json.hpp>

#include "codec.hpp"

namespace stellwerk::store::rows {
namespace {

using sql::Statement;

}  // namespace

std::optional<Date> stored_date(const Statement& statement, int column) {
  if (statement.is_null(column)) return std::nullopt;
  const std::string text = statement.text(column);
  if (auto date = codec::parse_date(text)) return date;
  throw Error(fmt::format("the local store holds an invalid date \"{}\"", text));
}

std::optional<std::string> optional_date_text(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return codec::date_text(*date);
}

std::optional<std::int64_t> optional_unix(const std::optional<Instant>& instant) {
  if (!instant) return std::nullopt;
  return codec::unix_seconds(*instant);
}

Resource read_resource(const Statement& s) {
  Resource r;
  r.id = s.text(0);
  r.type = stored_enum<ResourceType>(s, 1);
  r.name = s.text(2);
  r.floor_id = s.text(3);
  r.x = s.real(4);
  r.y = s.real(5);
  r.w = s.real(6);
  r.h = s.real(7);
  r.capacity = s.integer(8);
  r.accessible = s.int64(9) != 0;
  const auto from = stored_date(s, 10);
  const auto until = stored_date(s, 11);
  if (from && until) r.closure = PlaceClosure{*from, *until, s.optional_text(12).value_or("")};
  return r;
}

Booking read_booking(const Statement& s) {
  Booking b;
  b.id = s.text(0);
  b.resource_id = s.text(1);
  b.employee_id = s.text(2);
  b.start = codec::instant_from_unix(s.int64(3));
  b.end = codec::instant_from_unix(s.int64(4));
  b.state = stored_enum<BookingState>(s, 5);
  if (!s.is_null(6)) b.release_at = codec::instant_from_unix(s.int64(6));
  return b;
}

Employee read_me(const Statement& s) {
  Employee e;
  e.id = s.text(0);
  e.username = s.text(1);
  e.display_name = s.text(2);
  e.department_id = s.text(3);
  e.manager_id = s.optional_text(4);
  e.roles = parse_roles(s.text(5));
  e.home_building_id = s.text(6);
  e.needs_accessible_desk = s.int64(7) != 0;
  e.presence_opt_in = s.int64(8) != 0;
  return e;
}

void write_organisation(sql::Connection& db, const Organisation& organisation) {
  Statement{db,
            "INSERT INTO organisations (id, name) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name"}
      .bind_all(organisation.id, organisation.name)
      .run();
}

void write_department(sql::Connection& db, const Department& d) {
  Statement{db,
            "INSERT INTO departments (id, organisation_id, name, policy) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET organisation_id = excluded.organisation_id, "
            "name = excluded.name, policy = excluded.policy"}
      .bind_all(d.id, d.organisation_id, d.name, codec::policy_to_json(d.policy).dump())
      .run();
}

void write_me(sql::Connection& db, const Employee& e) {
  Statement{db,
            "INSERT INTO employees (id, username, display_name, department_id, manager_id, roles, "
            "home_building_id, needs_accessible_desk, presence_opt_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, "
            "department_id = excluded.department_id, manager_id = excluded.manager_id, roles = excluded.roles, "
            "home_building_id = excluded.home_building_id, needs_accessible_desk = excluded.needs_accessible_desk, "
            "presence_opt_in = excluded.presence_opt_in"}
      .bind_all(e.id, e.username, e.display_name, e.department_id, e.manager_id, roles_text(e.roles),
                e.home_building_id, e.needs_accessible_desk, e.presence_opt_in)
      .run();
  Statement{db,
            "INSERT INTO me (singleton, employee_id) VALUES (1, ?) "
            "ON CONFLICT (singleton) DO UPDATE SET employee_id = excluded.employee_id"}
      .bind_all(e.id)
      .run();
}

// The floor list is complete: floors missing from it are gone (with their resources).
// Each floor belongs to `building` whatever its building_id says.
void write_building(sql::Connection& db, const Building& building) {
  Statement{db,
            "INSERT INTO buildings (id, name, address) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address"}
      .bind_all(building.id, building.name, building.address)
      .run();
  nlohmann::json floor_ids = nlohmann::json::array();
  Statement floor{db,
                  "INSERT INTO floors (id, building_id, name, level, width_m, height_m, drawing_version) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET building_id = excluded.building_id, name = excluded.name, "
                  "level = excluded.level, width_m = excluded.width_m, height_m = excluded.height_m, "
                  "drawing_version = excluded.drawing_version"};
  for (const Floor& f : building.floors) {
    floor.reset();
    floor.bind_all(f.id, building.id, f.name, f.level, f.width_m, f.height_m, f.drawing_version).run();
    floor_ids.push_back(f.id);
  }
  Statement{db, "DELETE FROM floors WHERE building_id = ? AND id NOT IN (SELECT value FROM json_each(?))"}
      .bind_all(building.id, floor_ids.dump())
      .run();
}

void write_resource(sql::Connection& db, const Resource& r) {
  // A true upsert, not INSERT OR REPLACE: replacing would delete the row first and cascade
  // the delete to the resource's bookings.
  Statement{db,
            "INSERT INTO resources (id, type, name, floor_id, x, y, w, h, capacity, accessible, closed_from, "
            "closed_until, closed_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, floor_id = excluded.floor_id, "
            "x = excluded.x, y = excluded.y, w = excluded.w, h = excluded.h, capacity = excluded.capacity, "
            "accessible = excluded.accessible, closed_from = excluded.closed_from, "
            "closed_until = excluded.closed_until, closed_reason = excluded.closed_reason, removed = 0"}
      .bind_all(r.id, to_string(r.type), r.name, r.floor_id, r.x, r.y, r.w, r.h, r.capacity, r.accessible,
                optional_date_text(r.closure ? std::optional<Date>{r.closure->from} : std::nullopt),
                optional_date_text(r.closure ? std::optional<Date>{r.closure->until} : std::nullopt),
                r.closure ? std::optional<std::string>{r.closure->reason} : std::nullopt)
      .run();
  Statement{db, "DELETE FROM resource_features WHERE resource_id = ?"}.bind_all(r.id).run();
  Statement feature{db, "INSERT INTO resource_features (resource_id, position, feature) VALUES (?, ?, ?)"};
  for (std::size_t i = 0; i < r.features.size(); ++i) {
    feature.reset();
    feature.bind_all(r.id, static_cast<std::int64_t>(i), r.features[i]).run();
  }
}

void write_booking(sql::Connection& db, const Booking& b) {
  Statement{
      db,
      "INSERT INTO bookings (id, resource_id, employee_id, start, \"end\", state, release_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET resource_id = excluded.resource_id, employee_id = excluded.employee_id, "
      "start = excluded.start, \"end\" = excluded.\"end\", state = excluded.state, release_at = excluded.release_at"}
      .bind_all(b.id, b.resource_id, b.employee_id, codec::unix_seconds(b.start), codec::unix_seconds(b.end),
                to_string(b.state), optional_unix(b.release_at))
      .run();
}

void write_workday(sql::Connection& db, const Workday& w) {
  Statement{db,
            "INSERT INTO workdays (date, half, kind, mode) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (date, half, kind) DO UPDATE SET mode = excluded.mode"}
      .bind_all(codec::date_text(w.date), to_string(w.half), to_string(w.kind), to_string(w.mode))
      .run();
}

void write_course(sql::Connection& db, const Course& c) {
  Statement{db,
            "INSERT INTO courses (id, title, description, competence_id, level, mandatory, validity_months, "
            "duration_minutes, format, language, starts_on, place, seats, seats_left, mandatory_roles, "
            "mandatory_departments, complete_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, "
            "competence_id = excluded.competence_id, level = excluded.level, mandatory = excluded.mandatory, "
            "mandatory_roles = excluded.mandatory_roles, mandatory_departments = excluded.mandatory_departments, "
            "validity_months = excluded.validity_months, duration_minutes = excluded.duration_minutes, "
            "format = excluded.format, language = excluded.language, starts_on = excluded.starts_on, "
            "place = excluded.place, seats = excluded.seats, seats_left = excluded.seats_left, "
            "complete_by = excluded.complete_by"}
      .bind_all(c.id, c.title, c.description, c.competence_id, c.level, c.mandatory, c.validity_months,
                c.duration_minutes, to_string(c.format), c.language,
                optional_date_text(c.starts_on), c.place,
                c.seats, c.seats_left, roles_text(c.mandatory_roles), comma_joined(c.mandatory_departments),
                optional_date_text(c.complete_by))
      .run();
}

void write_self_assessment(sql::Connection& db, const SelfAssessment& a) {
  Statement{db,
            "INSERT INTO self_assessments (competence_id, level, assessed_at) VALUES (?, ?, ?) ON CONFLICT (competence_id) "
            "DO UPDATE SET level = excluded.level, assessed_at = excluded.assessed_at"}
      .bind_all(a.competence_id, a.level, codec::unix_seconds(a.assessed_at))
      .run();
}

void write_competence_target(sql::Connection& db, const CompetenceTarget& t) {
  Statement{db,
            "INSERT INTO competence_targets (role, competence_id, level) VALUES (?, ?, ?) ON CONFLICT (role, competence_id) "
            "DO UPDATE SET level = excluded.level"}
      .bind_all(to_string(t.role), t.competence_id, t.level)
      .run();
}

void write_enrollment(sql::Connection& db, const Enrollment& e) {
  Statement{db,
            "INSERT INTO enrollments (id, course_id, employee_id, state, due_on, completed_on, valid_until, "
            "certificate_text, certificate_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET course_id = excluded.course_id, employee_id = excluded.employee_id, "
            "state = excluded.state, due_on = excluded.due_on, completed_on = excluded.completed_on, "
            "valid_until = excluded.valid_until, certificate_text = excluded.certificate_text, "
            "certificate_signature = excluded.certificate_signature"}
      .bind_all(e.id, e.course_id, e.employee_id, to_string(e.state), optional_date_text(e.due_on),
                optional_date_text(e.completed_on), optional_date_text(e.valid_until),
                e.certificate ? std::optional<std::string>{e.certificate->text} : std::nullopt,
                e.certificate ? std::optional<std::string>{e.certificate->signature} : std::nullopt)
      .run();
}

bool cache_has_data(sql::Connection& db) {
  return db.query_int("SELECT EXISTS (SELECT 1 FROM me) OR EXISTS (SELECT 1 FROM buildings)") != 0;
}

}  // namespace stellwerk::store::rows
