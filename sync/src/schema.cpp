// Schema migrations of the local store. The file holds two kinds of data with different rules:
//
//  * durable: `device` (this installation's id and mutation counter), `outbox` (queued changes,
//    each with the exact request bytes and Idempotency-Key it will be sent with) and the
//    server_url in `sync_state`. These are never derived from the server and must survive a
//    rebuild, so they reference no cache table: each outbox row can be read and copied alone.
//  * cache: everything else (and sync_state.cursor, which describes the cache). It may be
//    thrown away at any time; a full pull from cursor "0" rebuilds it.
//
// Both live in one file so that a local change and its outbox entry commit in one transaction.
// Times are Unix seconds (INTEGER), dates ISO "YYYY-MM-DD" (TEXT), enumerations their wire
// names (TEXT, so that the file stays readable and independent of enumerator order).
// Cross-entity foreign keys are DEFERRABLE INITIALLY DEFERRED: a pull may deliver a booking
// before its resource inside one transaction, and only the committed state has to be whole.
#include "schema.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace stellwerk::store::schema {
namespace {

struct Migration {
  int version;
  std::string_view sql;
  // Runs after `sql` in the same transaction, for what SQL alone says less clearly.
  void (*then)(sql::Connection&) = nullptr;
};

constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE device (
  singleton        INTEGER PRIMARY KEY CHECK (singleton = 1),
  device_id        TEXT    NOT NULL CHECK (length(device_id) > 0),
  next_mutation_id INTEGER NOT NULL CHECK (next_mutation_id > 0),
  created_at       INTEGER NOT NULL
);

CREATE TABLE outbox (
  mutation_id     INTEGER PRIMARY KEY,
  idempotency_key TEXT    NOT NULL,
  method          TEXT    NOT NULL,
  path            TEXT    NOT NULL,
  body            BLOB    NOT NULL,
  created_at      INTEGER NOT NULL,
  state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected', 'done')),
  problem         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_by_state ON outbox (state, mutation_id);

CREATE TABLE sync_state (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  cursor     TEXT    NOT NULL DEFAULT '0',
  last_sync  INTEGER,
  server_url TEXT    NOT NULL DEFAULT ''
);
INSERT INTO sync_state (singleton) VALUES (1);

CREATE TABLE organisations (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE departments (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  name            TEXT NOT NULL,
  policy          TEXT NOT NULL CHECK (json_valid(policy))
);

CREATE TABLE employees (
  id                    TEXT PRIMARY KEY,
  username              TEXT    NOT NULL,
  display_name          TEXT    NOT NULL,
  department_id         TEXT    NOT NULL
                        REFERENCES departments (id) DEFERRABLE INITIALLY DEFERRED,
  manager_id            TEXT,
  roles                 TEXT    NOT NULL DEFAULT '',
  home_building_id      TEXT    NOT NULL DEFAULT '',
  needs_accessible_desk INTEGER NOT NULL DEFAULT 0,
  presence_opt_in       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE me (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  employee_id TEXT NOT NULL REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE buildings (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT ''
);

CREATE TABLE floors (
  id          TEXT PRIMARY KEY,
  building_id TEXT    NOT NULL REFERENCES buildings (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  name        TEXT    NOT NULL,
  level       INTEGER NOT NULL,
  width_m     REAL    NOT NULL,
  height_m    REAL    NOT NULL
);
CREATE INDEX floors_by_building ON floors (building_id, level);

CREATE TABLE resources (
  id         TEXT PRIMARY KEY,
  type       TEXT    NOT NULL CHECK (type IN ('desk', 'room', 'parking')),
  name       TEXT    NOT NULL,
  floor_id   TEXT    NOT NULL REFERENCES floors (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  x          REAL    NOT NULL,
  y          REAL    NOT NULL,
  w          REAL    NOT NULL,
  h          REAL    NOT NULL,
  capacity   INTEGER NOT NULL DEFAULT 1,
  accessible INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resources_by_floor ON resources (floor_id, name);

CREATE TABLE resource_features (
  resource_id TEXT    NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  feature     TEXT    NOT NULL,
  PRIMARY KEY (resource_id, position)
) WITHOUT ROWID;

CREATE TABLE bookings (
  id          TEXT PRIMARY KEY,
  resource_id TEXT    NOT NULL REFERENCES resources (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  employee_id TEXT    NOT NULL,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL CHECK ("end" > start),
  state       TEXT    NOT NULL CHECK (state IN ('booked', 'checked_in', 'released', 'cancelled')),
  release_at  INTEGER
);
CREATE INDEX bookings_by_employee ON bookings (employee_id, start);
CREATE INDEX bookings_by_resource ON bookings (resource_id, start);

CREATE TABLE workdays (
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('day', 'am', 'pm')),
  kind TEXT NOT NULL CHECK (kind IN ('planned', 'actual')),
  mode TEXT NOT NULL CHECK (mode IN ('office', 'remote', 'leave', 'training', 'travel', 'off')),
  PRIMARY KEY (date, half, kind)
) WITHOUT ROWID;

CREATE TABLE courses (
  id               TEXT PRIMARY KEY,
  title            TEXT    NOT NULL,
  description      TEXT    NOT NULL DEFAULT '',
  competence_id    TEXT    NOT NULL,
  level            INTEGER NOT NULL CHECK (level BETWEEN 1 AND 8),
  mandatory        INTEGER NOT NULL DEFAULT 0,
  validity_months  INTEGER NOT NULL DEFAULT 0,
  duration_minutes INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE enrollments (
  id           TEXT PRIMARY KEY,
  course_id    TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  employee_id  TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('enrolled', 'completed')),
  due_on       TEXT,
  completed_on TEXT
);
CREATE INDEX enrollments_by_employee ON enrollments (employee_id);
)sql";

// Version 2, the sync engine:
//  * outbox.entity names what a change touches, so that a pull leaves it alone while pending;
//  * id_map (durable) turns the local ids of changes made offline into the server's ids;
//  * session (durable, but the token is never rescued from a damaged file);
//  * occupancy and closures (cache) from the changes feed;
//  * bookings and enrollments lose their foreign keys to the cache: a change made offline may
//    name a resource or course the cache does not know yet, and the server decides about it.
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE outbox ADD COLUMN entity TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_pending_entities ON outbox (entity) WHERE state = 'pending';

CREATE TABLE id_map (
  local_id  TEXT PRIMARY KEY,
  server_id TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE session (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  server_url TEXT    NOT NULL,
  username   TEXT    NOT NULL,
  user_id    TEXT    NOT NULL DEFAULT '',
  token      TEXT    NOT NULL DEFAULT '',
  expires_at INTEGER
);

CREATE TABLE occupancy (
  id          TEXT PRIMARY KEY,
  resource_id TEXT    NOT NULL,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL
);
CREATE INDEX occupancy_by_time ON occupancy (start, "end");

CREATE TABLE closures (
  building_id TEXT NOT NULL,
  date        TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (building_id, date)
) WITHOUT ROWID;

CREATE TABLE bookings_v2 (
  id          TEXT PRIMARY KEY,
  resource_id TEXT    NOT NULL,
  employee_id TEXT    NOT NULL,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL CHECK ("end" > start),
  state       TEXT    NOT NULL CHECK (state IN ('booked', 'checked_in', 'released', 'cancelled')),
  release_at  INTEGER
);
INSERT INTO bookings_v2 SELECT id, resource_id, employee_id, start, "end", state, release_at FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_v2 RENAME TO bookings;
CREATE INDEX bookings_by_employee ON bookings (employee_id, start);
CREATE INDEX bookings_by_resource ON bookings (resource_id, start);

CREATE TABLE enrollments_v2 (
  id           TEXT PRIMARY KEY,
  course_id    TEXT NOT NULL,
  employee_id  TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('enrolled', 'completed')),
  due_on       TEXT,
  completed_on TEXT
);
INSERT INTO enrollments_v2 SELECT id, course_id, employee_id, state, due_on, completed_on FROM enrollments;
DROP TABLE enrollments;
ALTER TABLE enrollments_v2 RENAME TO enrollments;
CREATE INDEX enrollments_by_employee ON enrollments (employee_id);
)sql";

// Favourites come from the changes feed like the person's bookings: cache, not durable.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE favourites (
  resource_id TEXT PRIMARY KEY,
  usual       INTEGER NOT NULL DEFAULT 0 CHECK (usual IN (0, 1)),
  added_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX occupancy_by_resource ON occupancy (resource_id, start);
)sql";

// Version 4, typed changes: each outbox row says what kind of change it is (ChangeKind, by
// change_kind_name). Rows queued before get their kind from method and path (classify_outbox);
// the default 'other' is what a row no kind matches keeps.
constexpr std::string_view kVersion4 = R"sql(
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
)sql";

// Version 5, "my usual week": the person's own template for planning (core/usual_week.hpp). Not
// from the changes feed, so a full copy keeps it; signing in as another person clears it.
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE usual_week (
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 4),
  half    TEXT NOT NULL CHECK (half IN ('day', 'am', 'pm')),
  mode    TEXT NOT NULL CHECK (mode IN ('office', 'remote', 'leave', 'training', 'travel', 'off')),
  PRIMARY KEY (weekday, half)
) WITHOUT ROWID;
)sql";

// Version 6, team presence: the server's last answer for the weeks the engine fetched (or that the
// team is too small), kept so that the team view works offline. Cache: a rebuild drops it.
constexpr std::string_view kVersion6 = R"sql(
CREATE TABLE team_presence_state (
  singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
  from_date      TEXT NOT NULL,
  to_date        TEXT NOT NULL,
  team_too_small INTEGER NOT NULL CHECK (team_too_small IN (0, 1)),
  team_size      INTEGER NOT NULL,
  fetched_at     INTEGER NOT NULL
);
CREATE TABLE team_presence_halves (
  date   TEXT NOT NULL,
  half   TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  office INTEGER,                           -- NULL: too few colleagues without opt-in to count
  remote INTEGER,
  PRIMARY KEY (date, half)
) WITHOUT ROWID;
CREATE TABLE team_presence_names (
  date         TEXT NOT NULL,
  half         TEXT NOT NULL,
  display_name TEXT NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('office', 'remote'))
);
CREATE INDEX team_presence_names_by_half ON team_presence_names (date, half);
)sql";

// Version 7, working time on remote days (core/working_time.hpp): the person's own records, cache
// from the changes feed like the workdays (cleared with them; a pending change keeps its row).
constexpr std::string_view kVersion7 = R"sql(
CREATE TABLE work_times (
  date          TEXT PRIMARY KEY,
  start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
  end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
  break_minutes INTEGER NOT NULL CHECK (break_minutes >= 0)
) WITHOUT ROWID;
)sql";

// The completion's certificate and its end of validity as the server sent them, and the server's
// certificate key pinned at the first sync (docs/training.md). The cursor goes back to 0 so that the
// next sync is a full copy, which brings the certificates of enrolments cached before.
constexpr std::string_view kVersion8 = R"sql(
ALTER TABLE enrollments ADD COLUMN valid_until TEXT;
ALTER TABLE enrollments ADD COLUMN certificate_text TEXT;
ALTER TABLE enrollments ADD COLUMN certificate_signature TEXT;
ALTER TABLE sync_state ADD COLUMN certificate_key TEXT NOT NULL DEFAULT '';
UPDATE sync_state SET cursor = '0';
)sql";

// How, in which language, when and where a course is taught and how many seats are left. The
// cursor goes back to 0 so that the next sync brings these for the courses cached before.
constexpr std::string_view kVersion9 = R"sql(
ALTER TABLE courses ADD COLUMN format TEXT NOT NULL DEFAULT 'e_learning';
ALTER TABLE courses ADD COLUMN language TEXT NOT NULL DEFAULT 'de';
ALTER TABLE courses ADD COLUMN starts_on TEXT;
ALTER TABLE courses ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN seats INTEGER;
ALTER TABLE courses ADD COLUMN seats_left INTEGER;
UPDATE sync_state SET cursor = '0';
)sql";

// The competence profile (core/competence.hpp): the person's self-assessments and every role's
// targets, cache from the changes feed (a pending self-assessment keeps its row). The cursor goes
// back to 0 so that the next sync brings the targets the feed already carried.
constexpr std::string_view kVersion10 = R"sql(
CREATE TABLE self_assessments (
  competence_id TEXT PRIMARY KEY,
  level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 8),
  assessed_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE competence_targets (
  role          TEXT NOT NULL,
  competence_id TEXT NOT NULL,
  level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 8),
  PRIMARY KEY (role, competence_id)
) WITHOUT ROWID;
UPDATE sync_state SET cursor = '0';
)sql";

// Whom a mandatory course is for (core's mandatory_for), comma-separated role names and department
// ids; empty: everyone. The cursor goes back to 0 so that the next sync brings them for the courses
// cached before.
constexpr std::string_view kVersion11 = R"sql(
ALTER TABLE courses ADD COLUMN mandatory_roles TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN mandatory_departments TEXT NOT NULL DEFAULT '';
UPDATE sync_state SET cursor = '0';
)sql";

// A mandatory course's deadline (core's mandatory_due_on), YYYY-MM-DD or NULL; the cursor goes back
// to 0 so that the next sync brings it for the courses cached before.
constexpr std::string_view kVersion12 = R"sql(
ALTER TABLE courses ADD COLUMN complete_by TEXT;
UPDATE sync_state SET cursor = '0';
)sql";

// Floor drawings (core's floor_drawing.hpp): the version each floor carries, and the images
// fetched for it. The images stay across full copies of the feed (they are keyed by version, not
// by the feed), so they are not part of what a full pull clears. The cursor goes back to 0 so
// that the next sync brings the versions for the floors cached before.
constexpr std::string_view kVersion13 = R"sql(
ALTER TABLE floors ADD COLUMN drawing_version TEXT NOT NULL DEFAULT '';
CREATE TABLE floor_drawings (
  floor_id TEXT PRIMARY KEY,
  version  TEXT NOT NULL,
  image    BLOB NOT NULL
);
UPDATE sync_state SET cursor = '0';
)sql";

// A place closed for a period by facility admins (core's PlaceClosure): first and last day as
// YYYY-MM-DD and the reason; all NULL while it is open. A place the feed removes stays as a row
// marked `removed`, so that the person's bookings of it (released by the server) keep their place's
// name and say why; it is no longer listed on its floor. The cursor goes back to 0 so that the
// next sync brings the closures of the places cached before.
constexpr std::string_view kVersion14 = R"sql(
ALTER TABLE resources ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resources ADD COLUMN closed_from TEXT;
ALTER TABLE resources ADD COLUMN closed_until TEXT;
ALTER TABLE resources ADD COLUMN closed_reason TEXT;
UPDATE sync_state SET cursor = '0';
)sql";

void classify_outbox(sql::Connection& db) {
  sql::Statement rows{db, "SELECT mutation_id, method, path FROM outbox"};
  sql::Statement update{db, "UPDATE outbox SET kind = ? WHERE mutation_id = ?"};
  while (rows.step()) {
    update.reset();
    update.bind_all(change_kind_name(kind_of_request(rows.text(1), rows.text(2))), rows.int64(0)).run();
  }
}

// Whether `path` is `prefix` + one non-empty path segment + `suffix`.
bool one_segment_between(std::string_view path, std::string_view prefix, std::string_view suffix) {
  if (path.size() <= prefix.size() + suffix.size() || !path.starts_with(prefix) || !path.ends_with(suffix)) return false;
  const std::string_view segment = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  return segment.find('/') == std::string_view::npos;
}

// Ordered by version, starting at 1 and without gaps (checked below).
constexpr std::array kMigrations{
    Migration{1, kVersion1},
    Migration{2, kVersion2},
    Migration{3, kVersion3},
    Migration{4, kVersion4, &classify_outbox},
    Migration{5, kVersion5},
    Migration{6, kVersion6},
    Migration{7, kVersion7},
    Migration{8, kVersion8},
    Migration{9, kVersion9},
    Migration{10, kVersion10},
    Migration{11, kVersion11},
    Migration{12, kVersion12},
    Migration{13, kVersion13},
    Migration{14, kVersion14},
};

constexpr bool versions_are_consecutive() {
  for (std::size_t i = 0; i < kMigrations.size(); ++i) {
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  }
  return true;
}
static_assert(versions_are_consecutive(), "migration versions must be 1, 2, 3, … in order");

}  // namespace

int latest_version() { return kMigrations.back().version; }

void refuse_newer(sql::Connection& db) {
  const auto found = db.query_int("PRAGMA user_version");
  if (found > latest_version()) {
    throw Error(fmt::format(
        "the local store was written by a newer Stellwerk (schema version {}, this program knows "
        "up to {}); it was left unchanged — please update Stellwerk",
        found, latest_version()));
  }
}

int migrate(sql::Connection& db) {
  refuse_newer(db);
  const auto found = static_cast<int>(db.query_int("PRAGMA user_version"));
  for (const Migration& migration : kMigrations) {
    if (migration.version <= found) continue;
    sql::Transaction transaction{db, sql::Transaction::Kind::immediate};
    // Another process may have migrated while this one waited for the write lock.
    if (db.query_int("PRAGMA user_version") >= migration.version) continue;
    db.exec(migration.sql);
    if (migration.then != nullptr) migration.then(db);
    db.exec(fmt::format("PRAGMA user_version = {}", migration.version));
    transaction.commit();
  }
  return found;
}

ChangeKind kind_of_request(std::string_view method, std::string_view path) {
  constexpr std::string_view kBookings = "/api/v1/bookings/";
  constexpr std::string_view kEnrollments = "/api/v1/enrollments/";
  constexpr std::string_view kFavourites = "/api/v1/me/favourites/";
  constexpr std::string_view kWorkTimes = "/api/v1/worktimes/";
  if (method == "POST") {
    if (path == "/api/v1/bookings") return ChangeKind::booking;
    if (one_segment_between(path, kBookings, "/move")) return ChangeKind::move;
    if (one_segment_between(path, kBookings, "/check-in")) return ChangeKind::check_in;
    if (path == "/api/v1/enrollments") return ChangeKind::enrollment;
    if (one_segment_between(path, kEnrollments, "/completion")) return ChangeKind::completion;
    if (one_segment_between(path, "/api/v1/approvals/", "")) return ChangeKind::approval_decision;
  } else if (method == "DELETE") {
    if (one_segment_between(path, kBookings, "")) return ChangeKind::cancel;
    if (one_segment_between(path, kEnrollments, "")) return ChangeKind::withdrawal;
    if (one_segment_between(path, kFavourites, "")) return ChangeKind::unfavourite;
    if (one_segment_between(path, kWorkTimes, "")) return ChangeKind::work_time_removal;
  } else if (method == "PUT") {
    if (one_segment_between(path, "/api/v1/workdays/", "")) return ChangeKind::workday;
    if (one_segment_between(path, kFavourites, "")) return ChangeKind::favourite;
    if (one_segment_between(path, kWorkTimes, "")) return ChangeKind::work_time;
    if (path == "/api/v1/me/presence-sharing") return ChangeKind::presence_sharing;
    if (one_segment_between(path, "/api/v1/me/self-assessments/", "")) return ChangeKind::self_assessment;
  }
  return ChangeKind::other;
}

std::string random_hex(std::size_t bytes) {
  // getrandom(2) reads the kernel's CSPRNG, the same source OpenSSL's RAND_bytes seeds from.
  std::vector<unsigned char> buffer(bytes);
  std::size_t filled = 0;
  while (filled < bytes) {
    const ssize_t got = ::getrandom(buffer.data() + filled, bytes - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw Error(fmt::format("no random numbers from the system: {}", std::strerror(errno)));
    filled += static_cast<std::size_t>(got);
  }
  std::string hex;
  for (const unsigned char byte : buffer) hex += fmt::format("{:02x}", byte);
  return hex;
}

std::string random_device_id() { return random_hex(16); }

void ensure_device(sql::Connection& db) {
  sql::Transaction transaction{db, sql::Transaction::Kind::immediate};
  sql::Statement insert{db,
                        "INSERT INTO device (singleton, device_id, next_mutation_id, created_at) "
                        "VALUES (1, ?, 1, unixepoch()) ON CONFLICT (singleton) DO NOTHING"};
  insert.bind_all(random_device_id()).run();
  transaction.commit();
}

}  // namespace stellwerk::store::schema
