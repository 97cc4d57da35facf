#include "schema.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

namespace stellwerk::server {
namespace {

// Each entry moves the schema from version i to i + 1. Released entries never change.
constexpr std::array<const char*, 13> kMigrations{R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  days_ahead INTEGER NOT NULL,
  max_upcoming INTEGER NOT NULL,
  bookable_weekdays TEXT NOT NULL,          -- seven '0'/'1' characters, Monday first
  day_start INTEGER NOT NULL, day_end INTEGER NOT NULL,   -- minutes after local midnight
  am_start INTEGER NOT NULL, am_end INTEGER NOT NULL,
  pm_start INTEGER NOT NULL, pm_end INTEGER NOT NULL,
  check_in_before INTEGER NOT NULL,
  check_in_after INTEGER NOT NULL,
  remote_share_percent INTEGER NOT NULL,
  over_quota TEXT NOT NULL,
  accessible_hold_hours INTEGER NOT NULL,
  retention_days INTEGER NOT NULL
);
CREATE TABLE buildings (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);
CREATE TABLE floors (
  id TEXT PRIMARY KEY,
  building_id TEXT NOT NULL REFERENCES buildings(id),
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  width_m REAL NOT NULL,
  height_m REAL NOT NULL
);
CREATE INDEX floors_by_building ON floors(building_id, level);
CREATE TABLE resources (
  id TEXT PRIMARY KEY,
  building_id TEXT NOT NULL REFERENCES buildings(id),
  floor_id TEXT NOT NULL REFERENCES floors(id),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,
  features TEXT NOT NULL,                   -- JSON array of wire names
  capacity INTEGER NOT NULL,
  accessible INTEGER NOT NULL,
  sort_order INTEGER NOT NULL
);
CREATE INDEX resources_by_building ON resources(building_id, sort_order);
CREATE TABLE closures (
  building_id TEXT NOT NULL REFERENCES buildings(id),
  date TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (building_id, date)
);
CREATE TABLE employees (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  department_id TEXT NOT NULL REFERENCES departments(id),
  manager_id TEXT REFERENCES employees(id),
  roles TEXT NOT NULL,                      -- comma-separated wire names
  home_building_id TEXT NOT NULL REFERENCES buildings(id),
  needs_accessible_desk INTEGER NOT NULL,
  presence_opt_in INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  badge TEXT UNIQUE,
  pin_hash TEXT
);
CREATE INDEX employees_by_manager ON employees(manager_id);
CREATE TABLE kiosk_devices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  building_id TEXT NOT NULL REFERENCES buildings(id),
  token_hash BLOB NOT NULL UNIQUE
);
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,              -- SHA-256 of the token: a copied file grants nothing
  employee_id TEXT NOT NULL REFERENCES employees(id),
  kind TEXT NOT NULL,                       -- personal | kiosk
  device_id TEXT REFERENCES kiosk_devices(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
CREATE TABLE kiosk_failures (
  scope TEXT PRIMARY KEY,                   -- 'badge:<badge>' or 'device:<id>'
  failures INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
);
CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  resource_id TEXT NOT NULL REFERENCES resources(id),
  employee_id TEXT NOT NULL REFERENCES employees(id),
  day TEXT NOT NULL,                        -- Berlin date of start
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  state TEXT NOT NULL,
  release_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  checked_in_at INTEGER
);
CREATE INDEX bookings_by_resource ON bookings(resource_id, day);
CREATE INDEX bookings_by_employee ON bookings(employee_id, start);
CREATE INDEX bookings_by_release ON bookings(state, release_at);
CREATE TABLE workdays (
  employee_id TEXT NOT NULL REFERENCES employees(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL,
  kind TEXT NOT NULL,
  mode TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (employee_id, date, half, kind)
);
CREATE TABLE approvals (
  id TEXT PRIMARY KEY,
  employee_id TEXT NOT NULL REFERENCES employees(id),
  month TEXT NOT NULL,                      -- 'YYYY-MM'
  state TEXT NOT NULL,                      -- pending | approved | rejected
  requested_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by TEXT REFERENCES employees(id),
  UNIQUE (employee_id, month)
);
CREATE TABLE courses (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  competence_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  mandatory INTEGER NOT NULL,
  validity_months INTEGER NOT NULL,
  duration_minutes INTEGER NOT NULL,
  sort_order INTEGER NOT NULL
);
CREATE TABLE enrollments (
  id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL REFERENCES courses(id),
  employee_id TEXT NOT NULL REFERENCES employees(id),
  state TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL,
  due_on TEXT,
  completed_on TEXT,
  valid_until TEXT,
  certificate TEXT,                         -- the signed text
  signature TEXT,                           -- base64 Ed25519 signature of certificate
  UNIQUE (employee_id, course_id)
);
CREATE TABLE idempotency (
  employee_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash BLOB NOT NULL,               -- SHA-256 of method, path and body
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (employee_id, key)
);
CREATE INDEX idempotency_by_age ON idempotency(created_at);
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL,                         -- upsert | delete
  data TEXT,                                -- JSON of the entity as the API shows it
  audience_employee TEXT,                   -- own records: only this person sees the change
  audience_building TEXT,                   -- reference data and occupancy of one building
  day TEXT,                                 -- occupancy: the date it is about
  created_at INTEGER NOT NULL
);
CREATE INDEX changes_by_employee ON changes(audience_employee, seq);
CREATE INDEX changes_by_building ON changes(audience_building, seq);
CREATE INDEX changes_by_entity ON changes(entity, entity_id, seq);
)sql",
    R"sql(
-- Resources a person marked to find them quickly. Like bookings and enrolments they reference
-- the employee and the resource without ON DELETE CASCADE: whatever removes either one must
-- remove the favourites itself and record that in the changes log, or clients keep them.
CREATE TABLE favourites (
  employee_id TEXT NOT NULL REFERENCES employees(id),
  resource_id TEXT NOT NULL REFERENCES resources(id),
  usual INTEGER NOT NULL,                   -- 1: the desk "book my usual" takes
  added_at INTEGER NOT NULL,
  PRIMARY KEY (employee_id, resource_id)
);
-- At most one usual favourite per person, whatever a future writer forgets.
CREATE UNIQUE INDEX favourites_one_usual ON favourites(employee_id) WHERE usual = 1;
)sql",
    R"sql(
-- The check-in window's bounds get the one name that core and the API use; values stay.
ALTER TABLE departments RENAME COLUMN check_in_before TO check_in_opens_minutes_before;
ALTER TABLE departments RENAME COLUMN check_in_after TO check_in_closes_minutes_after;
)sql",
    R"sql(
-- The kiosk registry: when a kiosk was registered, its last heartbeat and what it runs, and its
-- revocation. A revoked kiosk keeps its row (the list shows it), its token stops working.
-- Kiosks registered before this version count as registered when the server was upgraded.
ALTER TABLE kiosk_devices ADD COLUMN registered_at INTEGER NOT NULL DEFAULT 0;
UPDATE kiosk_devices SET registered_at = CAST(strftime('%s', 'now') AS INTEGER);
ALTER TABLE kiosk_devices ADD COLUMN last_seen_at INTEGER;
ALTER TABLE kiosk_devices ADD COLUMN version TEXT;
ALTER TABLE kiosk_devices ADD COLUMN revoked_at INTEGER;
CREATE INDEX kiosk_devices_by_building ON kiosk_devices(building_id);
CREATE INDEX sessions_by_device ON sessions(device_id);
-- Opening hours, minutes after local midnight; a building opens on working days that are not
-- one of its closures.
ALTER TABLE buildings ADD COLUMN opens INTEGER NOT NULL DEFAULT 420;
ALTER TABLE buildings ADD COLUMN closes INTEGER NOT NULL DEFAULT 1140;
)sql",
    R"sql(
-- Working time on remote days (core/working_time.hpp): one record per person and day, minutes
-- after local midnight. Only the person reads or writes it (work_times.cpp).
CREATE TABLE work_times (
  employee_id TEXT NOT NULL REFERENCES employees(id),
  date TEXT NOT NULL,                       -- YYYY-MM-DD
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440 AND end_minute > start_minute),
  break_minutes INTEGER NOT NULL CHECK (break_minutes >= 0),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (employee_id, date)
) WITHOUT ROWID;
)sql",
    R"sql(
-- A manager declines a remote-share request with a reason the employee reads; NULL otherwise.
ALTER TABLE approvals ADD COLUMN reason TEXT;
)sql",
    R"sql(
-- How, in which language, when and where a course is taught, and how many seats it has (NULL: no
-- limit). Courses from before this version are e-learning in German.
ALTER TABLE courses ADD COLUMN format TEXT NOT NULL DEFAULT 'e_learning';
ALTER TABLE courses ADD COLUMN language TEXT NOT NULL DEFAULT 'de';
ALTER TABLE courses ADD COLUMN starts_on TEXT;
ALTER TABLE courses ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN seats INTEGER CHECK (seats IS NULL OR seats >= 0);
-- The feed replays stored course records to every new device: they get the new members too, as the
-- API shows them now, so that a client reading the new Course finds every field.
UPDATE changes SET data = json_set(data, '$.format', 'e_learning', '$.language', 'de', '$.starts_on', json('null'),
                                   '$.place', '', '$.seats', json('null'), '$.seats_left', json('null'))
 WHERE entity = 'course' AND op = 'upsert' AND data IS NOT NULL;
-- Seats left are counted per course on every course read.
CREATE INDEX enrollments_by_course ON enrollments(course_id, state);
)sql",
    R"sql(
-- The competence profile (competences.cpp): a person's own level in a DigComp competence, and the
-- level each role asks for. Levels are DigComp's 1..8.
CREATE TABLE self_assessments (
  employee_id TEXT NOT NULL REFERENCES employees(id),
  competence_id TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 8),
  assessed_at INTEGER NOT NULL,
  PRIMARY KEY (employee_id, competence_id)
) WITHOUT ROWID;
CREATE TABLE competence_targets (
  role TEXT NOT NULL,
  competence_id TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 8),
  PRIMARY KEY (role, competence_id)
) WITHOUT ROWID;
)sql",
    R"sql(
-- Whom a mandatory course is for (core's mandatory_for): comma-separated role names and
-- department ids; both empty: everyone. The feed's stored course records get the new members too,
-- so that a client reading the new Course finds every field.
ALTER TABLE courses ADD COLUMN mandatory_roles TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN mandatory_departments TEXT NOT NULL DEFAULT '';
UPDATE changes SET data = json_set(data, '$.mandatory_roles', json('[]'), '$.mandatory_departments', json('[]'))
 WHERE entity = 'course' AND op = 'upsert' AND data IS NOT NULL;
)sql",
    R"sql(
-- A mandatory course's deadline for everyone it is for (core's mandatory_due_on), YYYY-MM-DD; NULL:
-- 30 days from each person's enrolment. Stored course records get the member as null.
ALTER TABLE courses ADD COLUMN complete_by TEXT;
UPDATE changes SET data = json_set(data, '$.complete_by', json('null'))
 WHERE entity = 'course' AND op = 'upsert' AND data IS NOT NULL;
)sql",
    R"sql(
-- When a person left (the people import with --deactivate-missing): they sign in no more, and
-- their password, badge, PIN and manager are cleared at the same time. NULL: still here.
ALTER TABLE employees ADD COLUMN left_at INTEGER;
)sql",
    R"sql(
-- A floor's drawing as a facility admin uploaded it (drawings.cpp): a PNG or JPEG the header check
-- of core's floor_drawing.hpp accepted, and its version, the SHA-256 of the image in hex, which the
-- floor carries on the wire so that a client fetches the image again only when it changed.
CREATE TABLE floor_drawings (
  floor_id TEXT PRIMARY KEY REFERENCES floors(id),
  media_type TEXT NOT NULL,
  version TEXT NOT NULL,
  image BLOB NOT NULL,
  width_px INTEGER NOT NULL,
  height_px INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL
);
)sql",
    R"sql(
-- The floor-plan editor (places_edit.cpp). A place closed for a period, both days included
-- (YYYY-MM-DD, with a reason people read); all three NULL: open. A removed place keeps its row,
-- because bookings.resource_id refers to it and past bookings keep their place; removed_at (unix
-- seconds) NULL: not removed.
ALTER TABLE resources ADD COLUMN closed_from TEXT;
ALTER TABLE resources ADD COLUMN closed_until TEXT;
ALTER TABLE resources ADD COLUMN closed_reason TEXT;
ALTER TABLE resources ADD COLUMN removed_at INTEGER;
)sql"};

}  // namespace

std::size_t newest_schema_version() { return kMigrations.size(); }

void migrate(sql::Connection& db) { migrate_to(db, newest_schema_version()); }

void migrate_to(sql::Connection& db, std::size_t target_version) {
  sql::Transaction transaction{db, sql::Transaction::Kind::immediate};
  const auto version = db.query_int("PRAGMA user_version");
  if (version > static_cast<std::int64_t>(kMigrations.size())) {
    throw StorageError(fmt::format(
        "{} was written by a newer stellwerk-server (schema {}, this one knows {}); it is left untouched",
        "the database", version, kMigrations.size()));
  }
  const std::size_t target = std::min(target_version, kMigrations.size());
  for (auto i = static_cast<std::size_t>(version); i < target; ++i) {
    db.exec(kMigrations[i]);
  }
  if (static_cast<std::size_t>(version) < target) db.exec(fmt::format("PRAGMA user_version = {}", target));
  transaction.commit();
}

}  // namespace stellwerk::server
