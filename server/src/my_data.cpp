// "What is stored about me" (GET /api/v1/me/data): everything the server keeps about the caller,
// as one JSON document. Each section names its fields explicitly, so that a column added later is
// not exported (or forgotten) by accident; docs/privacy.md lists the same fields. Secrets are
// never exported, only whether they exist: the password and PIN hashes and the session digests.
// Times are RFC 3339 in UTC, dates YYYY-MM-DD (Berlin).
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server {
namespace {

// A Unix-seconds column as RFC 3339 text (NULL stays null).
std::string time_of(std::string_view column) {
  return fmt::format("strftime('%Y-%m-%dT%H:%M:%SZ', {}, 'unixepoch')", column);
}

struct Section {
  std::string_view name;
  std::string sql;  // one row, one column: the section's JSON; ?1 is the caller's id
};

std::vector<Section> sections() {
  return {
      {"person",
       fmt::format("SELECT json_object('id', id, 'username', username, 'display_name', display_name, "
                   "'department_id', department_id, 'manager_id', manager_id, 'roles', roles, "
                   "'home_building_id', home_building_id, "
                   "'needs_accessible_desk', json(CASE needs_accessible_desk WHEN 1 THEN 'true' ELSE 'false' END), "
                   "'presence_opt_in', json(CASE presence_opt_in WHEN 1 THEN 'true' ELSE 'false' END), "
                   "'badge', badge, "
                   "'has_password', json(CASE WHEN password_hash <> '' THEN 'true' ELSE 'false' END), "
                   "'has_pin', json(CASE WHEN pin_hash IS NOT NULL THEN 'true' ELSE 'false' END), "
                   "'left_at', {}) FROM employees WHERE id = ?1",
                   time_of("left_at"))},
      {"sessions",
       fmt::format("SELECT json_group_array(json_object('kind', kind, 'kiosk_id', device_id, 'created_at', {}, "
                   "'expires_at', {})) FROM (SELECT * FROM sessions WHERE employee_id = ?1 ORDER BY created_at)",
                   time_of("created_at"), time_of("expires_at"))},
      {"bookings",
       fmt::format("SELECT json_group_array(json_object('id', id, 'place_id', resource_id, 'day', day, 'start', {}, "
                   "'end', {}, 'state', state, 'release_at', {}, 'created_at', {}, 'checked_in_at', {})) "
                   "FROM (SELECT * FROM bookings WHERE employee_id = ?1 ORDER BY start, id)",
                   time_of("start"), time_of("end"), time_of("release_at"), time_of("created_at"),
                   time_of("checked_in_at"))},
      {"plans",
       fmt::format("SELECT json_group_array(json_object('date', date, 'half', half, 'kind', kind, 'mode', mode, "
                   "'updated_at', {})) FROM (SELECT * FROM workdays WHERE employee_id = ?1 ORDER BY date, kind, half)",
                   time_of("updated_at"))},
      {"approvals_requested",
       fmt::format("SELECT json_group_array(json_object('id', id, 'month', month, 'state', state, 'requested_at', {}, "
                   "'decided_at', {}, 'decided_by', decided_by, 'reason', reason)) "
                   "FROM (SELECT * FROM approvals WHERE employee_id = ?1 ORDER BY month)",
                   time_of("requested_at"), time_of("decided_at"))},
      {"approvals_decided",
       fmt::format("SELECT json_group_array(json_object('id', id, 'employee_id', employee_id, 'month', month, "
                   "'state', state, 'decided_at', {}, 'reason', reason)) "
                   "FROM (SELECT * FROM approvals WHERE decided_by = ?1 ORDER BY decided_at, id)",
                   time_of("decided_at"))},
      {"working_times",
       fmt::format("SELECT json_group_array(json_object('date', date, 'start_minute', start_minute, "
                   "'end_minute', end_minute, 'break_minutes', break_minutes, 'updated_at', {})) "
                   "FROM (SELECT * FROM work_times WHERE employee_id = ?1 ORDER BY date)",
                   time_of("updated_at"))},
      {"enrollments",
       fmt::format("SELECT json_group_array(json_object('id', id, 'course_id', course_id, 'state', state, "
                   "'enrolled_at', {}, 'due_on', due_on, 'completed_on', completed_on, 'valid_until', valid_until, "
                   "'certificate', certificate, 'signature', signature)) "
                   "FROM (SELECT * FROM enrollments WHERE employee_id = ?1 ORDER BY enrolled_at, id)",
                   time_of("enrolled_at"))},
      {"self_assessments",
       fmt::format("SELECT json_group_array(json_object('competence_id', competence_id, 'level', level, "
                   "'assessed_at', {})) FROM (SELECT * FROM self_assessments WHERE employee_id = ?1 "
                   "ORDER BY competence_id)",
                   time_of("assessed_at"))},
      {"favourites",
       fmt::format("SELECT json_group_array(json_object('place_id', resource_id, "
                   "'usual', json(CASE usual WHEN 1 THEN 'true' ELSE 'false' END), 'added_at', {})) "
                   "FROM (SELECT * FROM favourites WHERE employee_id = ?1 ORDER BY added_at, resource_id)",
                   time_of("added_at"))},
      {"kiosk_sign_in_failures",
       fmt::format("SELECT json_group_array(json_object('failures', f.failures, 'last_failure_at', {})) "
                   "FROM kiosk_failures f JOIN employees e ON f.scope = 'badge:' || e.badge WHERE e.id = ?1",
                   time_of("f.last_failure_at"))},
      {"stored_replies",
       fmt::format("SELECT json_group_array(json_object('idempotency_key', key, 'status', status, 'created_at', {})) "
                   "FROM (SELECT * FROM idempotency WHERE employee_id = ?1 ORDER BY created_at)",
                   time_of("created_at"))},
      {"changes_feed",
       fmt::format("SELECT json_object('entries', COUNT(*), 'oldest', {}) FROM changes WHERE audience_employee = ?1",
                   time_of("MIN(created_at)"))},
  };
}

Reply my_data(Call& call) {
  // A kiosk is a shared screen: a person's whole record is shown only on their own device.
  if (call.me().kiosk_session) fail(403, Refusal::forbidden);
  const Id me = call.me().employee_id;
  const Instant now = call.clock.now();
  Json data = call.db.read([&](sql::Connection& db) {
    Json sections_json = Json::object();
    for (const Section& section : sections()) {
      sql::Statement row{db, section.sql};
      row.bind_all(me);
      sections_json[std::string{section.name}] = row.step() ? Json::parse(row.text(0)) : Json{};
    }
    return sections_json;
  });
  Json document{{"exported_at", to_rfc3339(now)}, {"server", std::move(data)}};
  return Reply{200, std::move(document)};
}

}  // namespace

std::vector<Route> my_data_routes() { return {Route{"GET", "/api/v1/me/data", Auth::employee, my_data}}; }

}  // namespace stellwerk::server
