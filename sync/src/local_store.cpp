// LocalStore: opening the store file safely (folder and file permissions, integrity check,
// rebuild of a damaged file with rescue of the outbox, migrations) and the typed reads and
// writes of the cache and the outbox. The schema and its reasons are in schema.cpp, the rescue
// in recovery.cpp, the demo file format in demo_data.hpp. Every write runs in an IMMEDIATE
// transaction so that it either lands whole or not at all, and never fails halfway on a lock.
#include "stellwerk/sync/local_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "codec.hpp"
#include "demo_data.hpp"
#include "recovery.hpp"
#include "schema.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "store_lock.hpp"

namespace stellwerk::store {
namespace {

namespace fs = std::filesystem;
using sql::Statement;
using sql::Transaction;

constexpr std::string_view kFileName = "stellwerk.sqlite";
constexpr std::string_view kLockFileName = "stellwerk.lock";  // see store_lock.hpp
constexpr int kBusyTimeoutMs = 5000;
// How long an open waits for the other programs on a damaged store to let go of it (or for one
// of them to finish rebuilding it), and for a rebuild elsewhere before taking the shared lock.
constexpr std::chrono::milliseconds kLockPatience{kBusyTimeoutMs};

constexpr std::array<std::string_view, 3> kOutboxStateNames{"pending", "rejected", "done"};
static_assert(kOutboxStateNames.size() == static_cast<std::size_t>(OutboxState::COUNT));

// The entity keys of pending changes, as SQL. A move (POST /api/v1/bookings/{id}/move) names
// the new booking as its entity and touches the old one too, whose id is read from the path:
// 17 characters of "/api/v1/bookings/" before it, 5 of "/move" after. Booking ids are made of
// characters percent_encode keeps as they are, so the path holds the id itself.
constexpr std::string_view kPendingEntities =
    "(SELECT entity FROM outbox WHERE state = 'pending' AND entity != '' "
    "UNION SELECT 'booking:' || substr(path, 18, length(path) - 22) FROM outbox WHERE state = 'pending' "
    "AND method = 'POST' AND path LIKE '/api/v1/bookings/%/move')";

// Thrown inside open() when the file turns out to be damaged; never leaves this file.
struct DamagedFile {
  std::string detail;
};

std::string errno_text() { return std::strerror(errno); }

// Creates the missing folders of `dir` with mode 0700: the store holds personal data.
void prepare_directory(const fs::path& dir) {
  std::error_code error;
  if (fs::is_directory(dir, error)) return;
  if (fs::exists(dir, error)) throw Error(fmt::format("{} exists but is not a folder", dir.string()));
  if (dir.has_parent_path() && dir.parent_path() != dir) prepare_directory(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error(fmt::format("cannot create the folder {}: {}", dir.string(), errno_text()));
  }
  ::chmod(dir.c_str(), 0700);  // mkdir's mode is reduced by the umask
}

// Makes sure `file` exists with mode 0600 before SQLite opens it: SQLite creates the -wal and
// -shm files with the main file's mode, so getting this one right covers all three.
//
// An existing file is never opened here, only chmod-ed by name: POSIX record locks belong to the
// process, and closing *any* descriptor of a file drops all of the process's locks on it. The
// window keeps two stores open on this file (worker and sync thread); an open()+close() here for
// the second one silently dropped the first one's SQLite locks, so another program then took
// itself for the last user, checkpointed and deleted the -wal under the window, and the window's
// next commits went into the deleted file. A file that does not exist yet has no connection on
// it; `creating` keeps another thread of this process from opening it before our close().
std::mutex creating;

void create_private_file(const fs::path& file) {
  std::lock_guard guard{creating};
  for (;;) {
    struct stat info {};
    if (::lstat(file.c_str(), &info) == 0) {
      if (S_ISLNK(info.st_mode)) throw Error(fmt::format("{} is a symbolic link, not a store file", file.string()));
      if ((info.st_mode & 07777) != 0600 && ::chmod(file.c_str(), 0600) != 0) {
        throw Error(fmt::format("cannot make {} private: {}", file.string(), errno_text()));
      }
      return;
    }
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno == EEXIST) continue;  // another program was quicker: treat it as existing
    if (fd < 0) throw Error(fmt::format("cannot open {} for writing: {}", file.string(), errno_text()));
    const int chmod_result = ::fchmod(fd, 0600);  // the umask may have taken bits away
    const int chmod_errno = errno;
    ::close(fd);
    if (chmod_result != 0) {
      throw Error(fmt::format("cannot make {} private: {}", file.string(), std::strerror(chmod_errno)));
    }
    return;
  }
}

void make_companions_private(const fs::path& file) {
  for (const std::string_view suffix : {"-wal", "-shm"}) {
    const std::string companion = file.string() + std::string{suffix};
    ::chmod(companion.c_str(), 0600);  // absent companions are fine
  }
}

template <typename Enum>
Enum stored_enum(const Statement& statement, int column) {
  const std::string name = statement.text(column);
  if (auto value = parse_enum<Enum>(name)) return *value;
  throw Error(fmt::format("the local store holds an unknown value \"{}\"", name));
}

OutboxState outbox_state(std::string_view name) {
  const auto it = std::find(kOutboxStateNames.begin(), kOutboxStateNames.end(), name);
  if (it == kOutboxStateNames.end()) throw Error(fmt::format("the local store holds an unknown outbox state \"{}\"", name));
  return static_cast<OutboxState>(it - kOutboxStateNames.begin());
}

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

// Roles are stored as comma-separated wire names. Unknown names are skipped when reading, so
// that a newer server's role does not make the whole profile unreadable.
std::string roles_text(const std::vector<Role>& roles) {
  std::string text;
  for (Role role : roles) {
    if (!text.empty()) text += ',';
    text += to_string(role);
  }
  return text;
}

std::vector<Role> parse_roles(std::string_view text) {
  std::vector<Role> roles;
  while (!text.empty()) {
    const auto comma = text.find(',');
    if (auto role = parse_enum<Role>(text.substr(0, comma))) roles.push_back(*role);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return roles;
}

Instant now_seconds() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

// --- rows: reading --------------------------------------------------------------------------

constexpr std::string_view kResourceColumns =
    "SELECT id, type, name, floor_id, x, y, w, h, capacity, accessible FROM resources ";

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
  return r;
}

constexpr std::string_view kBookingColumns =
    "SELECT id, resource_id, employee_id, start, \"end\", state, release_at FROM bookings ";

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

// --- rows: writing (callers hold the transaction) -----------------------------------------

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
                  "INSERT INTO floors (id, building_id, name, level, width_m, height_m) VALUES (?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET building_id = excluded.building_id, name = excluded.name, "
                  "level = excluded.level, width_m = excluded.width_m, height_m = excluded.height_m"};
  for (const Floor& f : building.floors) {
    floor.reset();
    floor.bind_all(f.id, building.id, f.name, f.level, f.width_m, f.height_m).run();
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
            "INSERT INTO resources (id, type, name, floor_id, x, y, w, h, capacity, accessible) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, floor_id = excluded.floor_id, "
            "x = excluded.x, y = excluded.y, w = excluded.w, h = excluded.h, capacity = excluded.capacity, "
            "accessible = excluded.accessible"}
      .bind_all(r.id, to_string(r.type), r.name, r.floor_id, r.x, r.y, r.w, r.h, r.capacity, r.accessible)
      .run();
  Statement{db, "DELETE FROM resource_features WHERE resource_id = ?"}.bind_all(r.id).run();
  Statement feature{db, "INSERT INTO resource_features (resource_id, position, feature) VALUES (?, ?, ?)"};
  for (std::size_t i = 0; i < r.features.size(); ++i) {
    feature.reset();
    feature.bind_all(r.id, static_cast<std::int64_t>(i), r.features[i]).run();
  }
}

void write_booking(sql::Connection& db, const Booking& b) {
  Statement{db,
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
            "duration_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, "
            "competence_id = excluded.competence_id, level = excluded.level, mandatory = excluded.mandatory, "
            "validity_months = excluded.validity_months, duration_minutes = excluded.duration_minutes"}
      .bind_all(c.id, c.title, c.description, c.competence_id, c.level, c.mandatory, c.validity_months,
                c.duration_minutes)
      .run();
}

void write_enrollment(sql::Connection& db, const Enrollment& e) {
  Statement{db,
            "INSERT INTO enrollments (id, course_id, employee_id, state, due_on, completed_on) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET course_id = excluded.course_id, employee_id = excluded.employee_id, "
            "state = excluded.state, due_on = excluded.due_on, completed_on = excluded.completed_on"}
      .bind_all(e.id, e.course_id, e.employee_id, to_string(e.state), optional_date_text(e.due_on),
                optional_date_text(e.completed_on))
      .run();
}

bool cache_has_data(sql::Connection& db) {
  return db.query_int("SELECT EXISTS (SELECT 1 FROM me) OR EXISTS (SELECT 1 FROM buildings)") != 0;
}

// Opens `file` and brings it to the latest schema. Throws DamagedFile when the contents are
// damaged, Error for everything else (locked, read-only, newer schema, I/O).
sql::Connection open_checked(const fs::path& file, int& found_version) {
  auto db = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
  if (db.read_only()) throw Error(fmt::format("{} is read-only", file.string()));
  sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
  try {
    if (auto damage = recovery::find_damage(db)) throw DamagedFile{*damage};
    // Checked before any PRAGMA that writes, so that a newer file is left exactly as it was.
    schema::refuse_newer(db);
    // WAL: readers never block the writer; NORMAL is durable across application crashes and
    // loses at most the last commits on power loss, which the outbox design tolerates.
    if (db.query_text("PRAGMA journal_mode = WAL") != "wal") {
      throw Error(fmt::format("{}: the file system does not support SQLite's WAL mode", file.string()));
    }
    db.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL");
    found_version = schema::migrate(db);
    schema::ensure_device(db);
  } catch (const sql::SqliteError& e) {
    if (e.means_damaged_file()) throw DamagedFile{e.what()};
    throw;
  }
  return db;
}

// The parts of LocalStore::Impl that opening fills in.
struct Opening {
  StoreLock& lock;
  sql::Connection& db;
  const fs::path& file;
  OpenReport& report;
};

// Called with the damaged file closed. Renames it only under the exclusive folder lock, which
// proves that no other store (this process's other thread included) has it open, and only when
// SQLite's check still finds damage then: another program may have rebuilt it meanwhile, and a
// busy or locked file is never a reason to move anything.
void rebuild_damaged(Opening store, const std::string& first_damage) {
  // The window's other store, or another program, may find the same damage at the same time;
  // the one that gets the exclusive lock rebuilds and then holds its shared lock for good. The
  // others see the rebuild as a new file (another inode) at the path and stop waiting.
  const auto inode_of = [&store]() -> ino_t {
    struct stat info {};
    return ::stat(store.file.c_str(), &info) == 0 ? info.st_ino : 0;
  };
  const ino_t damaged_inode = inode_of();
  const auto rebuilt_elsewhere = [&] { return inode_of() != damaged_inode; };
  if (!store.lock.exclusive(kLockPatience, rebuilt_elsewhere)) {
    store.lock.take_shared(kLockPatience);
    // The other holder may be a program that just rebuilt it and keeps it open.
    try {
      store.db = open_checked(store.file, store.report.migrated_from_version);
      return;
    } catch (const DamagedFile&) {
      throw Error(fmt::format("the store file looks damaged ({}), but another Stellwerk program still has it in use; "
                              "close the other Stellwerk windows and commands, then start again",
                              first_damage));
    }
  }
  std::optional<std::string> damage;
  try {
    store.db = open_checked(store.file, store.report.migrated_from_version);
  } catch (const DamagedFile& confirmed) {
    damage = confirmed.detail;
  }
  if (damage) {
    // The handle is closed again (open_checked's Connection was unwound), so the file can be
    // renamed. The fresh file gets the durable rows; the cache refills on the next sync.
    const fs::path damaged = recovery::move_aside(store.file);
    make_companions_private(damaged);
    create_private_file(store.file);
    try {
      store.db = open_checked(store.file, store.report.migrated_from_version);
    } catch (const DamagedFile& again) {
      throw Error(fmt::format("a freshly created store is damaged: {}", again.detail));
    }
    const auto recovered = recovery::copy_durable_data(damaged, store.db);
    store.report.created = false;
    store.report.rebuilt_after_corruption = true;
    store.report.damaged_copy = damaged;
    store.report.recovered_outbox_entries = recovered.outbox_entries;
    store.report.outbox_fully_recovered = recovered.complete;
    store.report.detail = fmt::format("{} — {}", *damage, recovered.detail);
  }
  store.lock.take_shared(kLockPatience);
}

}  // namespace

struct LocalStore::Impl {
  StoreLock lock;  // first: released only after the connection below is closed
  sql::Connection db;
  fs::path file;
  OpenReport report;
};

std::expected<LocalStore, std::string> LocalStore::open(const fs::path& data_dir) {
  auto impl = std::make_unique<Impl>();
  try {
    prepare_directory(data_dir);
    impl->lock = StoreLock::shared(data_dir / kLockFileName, kLockPatience);
    impl->file = data_dir / kFileName;
    std::error_code error;
    impl->report.created = !fs::exists(impl->file, error) || fs::file_size(impl->file, error) == 0;
    create_private_file(impl->file);
    try {
      impl->db = open_checked(impl->file, impl->report.migrated_from_version);
    } catch (const DamagedFile& damage) {
      rebuild_damaged({impl->lock, impl->db, impl->file, impl->report}, damage.detail);
    }
    make_companions_private(impl->file);
  } catch (const std::exception& e) {
    return std::unexpected(fmt::format("cannot open the local store in {}: {}", data_dir.string(), e.what()));
  }
  return LocalStore{std::move(impl)};
}

LocalStore::LocalStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LocalStore::LocalStore(LocalStore&&) noexcept = default;
LocalStore& LocalStore::operator=(LocalStore&&) noexcept = default;
LocalStore::~LocalStore() = default;

const OpenReport& LocalStore::open_report() const { return impl_->report; }

int LocalStore::schema_version() const { return static_cast<int>(impl_->db.query_int("PRAGMA user_version")); }

int LocalStore::latest_schema_version() { return schema::latest_version(); }

fs::path LocalStore::file_path() const { return impl_->file; }

// --- reads --------------------------------------------------------------------------------

bool LocalStore::has_data() const { return cache_has_data(impl_->db); }

std::optional<Employee> LocalStore::me() const {
  Statement s{impl_->db,
              "SELECT e.id, e.username, e.display_name, e.department_id, e.manager_id, e.roles, "
              "e.home_building_id, e.needs_accessible_desk, e.presence_opt_in "
              "FROM me JOIN employees e ON e.id = me.employee_id"};
  if (!s.step()) return std::nullopt;
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

std::optional<Department> LocalStore::department(const Id& id) const {
  Statement s{impl_->db, "SELECT id, organisation_id, name, policy FROM departments WHERE id = ?"};
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

std::vector<Building> LocalStore::buildings() const {
  Transaction snapshot{impl_->db, Transaction::Kind::deferred};  // buildings and floors agree
  std::vector<Building> buildings;
  std::map<Id, std::size_t> index;
  Statement b{impl_->db, "SELECT id, name, address FROM buildings ORDER BY name, id"};
  while (b.step()) {
    index.emplace(b.text(0), buildings.size());
    buildings.push_back({b.text(0), b.text(1), b.text(2), {}});
  }
  Statement f{impl_->db,
              "SELECT id, building_id, name, level, width_m, height_m FROM floors ORDER BY level, name, id"};
  while (f.step()) {
    const auto it = index.find(f.text(1));
    if (it == index.end()) continue;  // the building arrives later in the same pull
    buildings[it->second].floors.push_back({f.text(0), f.text(1), f.text(2), f.integer(3), f.real(4), f.real(5)});
  }
  snapshot.commit();
  return buildings;
}

std::vector<Resource> LocalStore::resources_on_floor(const Id& floor_id) const {
  Transaction snapshot{impl_->db, Transaction::Kind::deferred};
  std::vector<Resource> resources;
  std::map<Id, std::size_t> index;
  Statement r{impl_->db, fmt::format("{}WHERE floor_id = ? ORDER BY name, id", kResourceColumns)};
  r.bind_all(floor_id);
  while (r.step()) {
    index.emplace(r.text(0), resources.size());
    resources.push_back(read_resource(r));
  }
  Statement f{impl_->db,
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

std::optional<Resource> LocalStore::resource(const Id& id) const {
  Transaction snapshot{impl_->db, Transaction::Kind::deferred};
  Statement r{impl_->db, fmt::format("{}WHERE id = ?", kResourceColumns)};
  r.bind_all(id);
  if (!r.step()) return std::nullopt;
  Resource resource = read_resource(r);
  Statement f{impl_->db, "SELECT feature FROM resource_features WHERE resource_id = ? ORDER BY position"};
  f.bind_all(id);
  while (f.step()) resource.features.push_back(f.text(0));
  snapshot.commit();
  return resource;
}

std::vector<Booking> LocalStore::my_bookings(Date from, Date to) const {
  std::vector<Booking> bookings;
  if (date::sys_days{to} < date::sys_days{from}) return bookings;
  const Instant lower = codec::berlin_instant(from, 0);
  const Instant upper = codec::berlin_instant(Date{date::sys_days{to} + date::days{1}}, 0);
  Statement s{impl_->db, fmt::format("{}WHERE employee_id = coalesce((SELECT employee_id FROM me), '') "
                                     "AND start >= ? AND start < ? ORDER BY start, id",
                                     kBookingColumns)};
  s.bind_all(codec::unix_seconds(lower), codec::unix_seconds(upper));
  while (s.step()) bookings.push_back(read_booking(s));
  return bookings;
}

std::vector<Workday> LocalStore::my_workdays(Date from, Date to) const {
  std::vector<Workday> workdays;
  Statement s{impl_->db,
              "SELECT date, half, mode, kind FROM workdays WHERE date BETWEEN ? AND ? ORDER BY date, "
              "CASE half WHEN 'day' THEN 0 WHEN 'am' THEN 1 ELSE 2 END, CASE kind WHEN 'planned' THEN 0 ELSE 1 END"};
  s.bind_all(codec::date_text(from), codec::date_text(to));
  while (s.step()) {
    workdays.push_back({*stored_date(s, 0), stored_enum<HalfDay>(s, 1), stored_enum<WorkMode>(s, 2),
                        stored_enum<WorkdayKind>(s, 3)});
  }
  return workdays;
}

std::vector<Course> LocalStore::courses() const {
  std::vector<Course> courses;
  Statement s{impl_->db,
              "SELECT id, title, description, competence_id, level, mandatory, validity_months, duration_minutes "
              "FROM courses ORDER BY competence_id, title, id"};
  while (s.step()) {
    courses.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.int64(5) != 0, s.integer(6),
                       s.integer(7)});
  }
  return courses;
}

std::vector<Enrollment> LocalStore::my_enrollments() const {
  std::vector<Enrollment> enrollments;
  Statement s{impl_->db,
              "SELECT id, course_id, employee_id, state, due_on, completed_on FROM enrollments "
              "WHERE employee_id = coalesce((SELECT employee_id FROM me), '') ORDER BY due_on IS NULL, due_on, id"};
  while (s.step()) {
    enrollments.push_back({s.text(0), s.text(1), s.text(2), stored_enum<EnrollmentState>(s, 3), stored_date(s, 4),
                           stored_date(s, 5)});
  }
  return enrollments;
}

// --- writes -------------------------------------------------------------------------------

void LocalStore::set_me(const Employee& me, const Department& department) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  write_department(impl_->db, department);
  write_me(impl_->db, me);
  transaction.commit();
}

void LocalStore::upsert_building(const Building& building) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  write_building(impl_->db, building);
  transaction.commit();
}

void LocalStore::upsert_resource(const Resource& resource) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  write_resource(impl_->db, resource);
  transaction.commit();
}

void LocalStore::upsert_booking(const Booking& booking) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  write_booking(impl_->db, booking);
  transaction.commit();
}

void LocalStore::upsert_workday(const Workday& workday) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  write_workday(impl_->db, workday);
  transaction.commit();
}

void LocalStore::plan_workday(const Workday& workday) {
  auto& db = impl_->db;
  const std::string day = codec::date_text(workday.date);
  const std::string_view kind = to_string(workday.kind);
  Transaction transaction{db, Transaction::Kind::immediate};
  if (workday.half == HalfDay::day) {
    Statement{db, "DELETE FROM workdays WHERE date = ? AND kind = ? AND half IN ('am', 'pm')"}
        .bind_all(day, kind)
        .run();
  } else {
    Statement whole{db, "SELECT mode FROM workdays WHERE date = ? AND kind = ? AND half = 'day'"};
    whole.bind_all(day, kind);
    if (whole.step()) {
      // Split the whole-day plan: the other half keeps the mode the day had.
      const WorkMode previous = stored_enum<WorkMode>(whole, 0);
      const HalfDay other = workday.half == HalfDay::am ? HalfDay::pm : HalfDay::am;
      Statement{db, "DELETE FROM workdays WHERE date = ? AND kind = ? AND half = 'day'"}.bind_all(day, kind).run();
      Statement{db, "INSERT OR IGNORE INTO workdays (date, half, kind, mode) VALUES (?, ?, ?, ?)"}
          .bind_all(day, to_string(other), kind, to_string(previous))
          .run();
    }
  }
  write_workday(db, workday);
  transaction.commit();
}

void LocalStore::upsert_course(const Course& course) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  write_course(impl_->db, course);
  transaction.commit();
}

void LocalStore::upsert_enrollment(const Enrollment& enrollment) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  write_enrollment(impl_->db, enrollment);
  transaction.commit();
}

std::expected<void, std::string> LocalStore::import_demo(const fs::path& json_file, Date today) {
  if (has_data()) return {};
  auto data = demo::read_demo(json_file, today);
  if (!data) return std::unexpected(data.error());
  auto& db = impl_->db;
  try {
    Transaction transaction{db, Transaction::Kind::immediate};
    if (cache_has_data(db)) return {};  // another process filled it while this one read the file
    write_organisation(db, data->organisation);
    for (const auto& department : data->departments) write_department(db, department);
    for (const auto& building : data->buildings) write_building(db, building);
    for (const auto& resource : data->resources) write_resource(db, resource);
    write_me(db, data->me);
    for (const auto& booking : data->bookings) write_booking(db, booking);
    for (const auto& workday : data->workdays) write_workday(db, workday);
    for (const auto& course : data->courses) write_course(db, course);
    for (const auto& enrollment : data->enrollments) write_enrollment(db, enrollment);
    transaction.commit();  // deferred foreign keys are checked here
  } catch (const sql::SqliteError& e) {
    if ((e.code() & 0xff) != SQLITE_CONSTRAINT) throw;
    return std::unexpected(fmt::format("demo data {} is inconsistent: {}", json_file.string(), e.what()));
  }
  return {};
}

// --- outbox and sync bookkeeping ----------------------------------------------------------

std::vector<OutboxEntry> LocalStore::outbox() const {
  std::vector<OutboxEntry> entries;
  Statement s{impl_->db,
              "SELECT mutation_id, method, path, body, created_at, state, problem, idempotency_key "
              "FROM outbox ORDER BY mutation_id"};
  while (s.step()) {
    entries.push_back({s.int64(0), s.text(1), s.text(2), s.blob(3), codec::instant_from_unix(s.int64(4)),
                       outbox_state(s.text(5)), s.text(6), s.text(7)});
  }
  return entries;
}

SyncStatus LocalStore::sync_status() const {
  Transaction snapshot{impl_->db, Transaction::Kind::deferred};
  SyncStatus status;
  Statement counts{impl_->db,
                   "SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'rejected') "
                   "FROM outbox"};
  counts.step();
  status.pending = counts.integer(0);
  status.rejected = counts.integer(1);
  Statement state{impl_->db, "SELECT cursor, last_sync, server_url FROM sync_state WHERE singleton = 1"};
  if (state.step()) {
    status.cursor = state.text(0);
    if (!state.is_null(1)) status.last_sync = codec::instant_from_unix(state.int64(1));
    status.server_url = state.text(2);
  }
  snapshot.commit();
  return status;
}

std::string LocalStore::device_id() const { return impl_->db.query_text("SELECT device_id FROM device"); }

OutboxEntry LocalStore::enqueue(std::string_view method, std::string_view path, std::string_view body,
                                std::string_view entity) {
  auto& db = impl_->db;
  Transaction transaction{db, Transaction::Kind::immediate};
  Statement device{db, "SELECT device_id, next_mutation_id FROM device WHERE singleton = 1"};
  if (!device.step()) throw Error("the local store has no device row");
  OutboxEntry entry;
  entry.mutation_id = device.int64(1);
  // Random, never the counter: the counter is only the local order, and a store that lost its
  // last commits hands a mutation id out again; a key the server has seen would then be
  // refused as reused (idempotency_key_reused) and the change lost.
  entry.idempotency_key = fmt::format("{}:{}", device.text(0), schema::random_hex(16));
  entry.method = method;
  entry.path = path;
  entry.body = body;
  entry.created_at = now_seconds();
  Statement{db,
            "INSERT INTO outbox (mutation_id, idempotency_key, method, path, body, created_at, state, entity) "
            "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)"}
      .bind_all(entry.mutation_id, entry.idempotency_key, entry.method, entry.path, sql::Blob{entry.body},
                codec::unix_seconds(entry.created_at), std::string{entity})
      .run();
  Statement{db, "UPDATE device SET next_mutation_id = ? WHERE singleton = 1"}.bind_all(entry.mutation_id + 1).run();
  transaction.commit();
  return entry;
}

void LocalStore::set_entity(std::int64_t mutation_id, std::string_view entity) {
  Statement{impl_->db, "UPDATE outbox SET entity = ? WHERE mutation_id = ?"}.bind_all(entity, mutation_id).run();
}

std::set<std::string> LocalStore::pending_entities() const {
  std::set<std::string> keys;
  Statement s{impl_->db, fmt::format("SELECT * FROM {}", kPendingEntities)};
  while (s.step()) keys.insert(s.text(0));
  return keys;
}

void LocalStore::atomically(const std::function<void()>& work) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  work();
  transaction.commit();
}

std::optional<Booking> LocalStore::booking(const Id& id) const {
  Statement s{impl_->db, fmt::format("{}WHERE id = ?", kBookingColumns)};
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return read_booking(s);
}

std::vector<Resource> LocalStore::resources_in_building(const Id& building_id) const {
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

std::optional<Id> LocalStore::building_of_floor(const Id& floor_id) const {
  Statement s{impl_->db, "SELECT building_id FROM floors WHERE id = ?"};
  s.bind_all(floor_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::vector<Id> LocalStore::occupied_resources(Instant start, Instant end) const {
  std::vector<Id> ids;
  Statement s{impl_->db,
              "SELECT resource_id FROM occupancy WHERE start < ? AND \"end\" > ? "
              "UNION SELECT resource_id FROM bookings WHERE start < ? AND \"end\" > ? "
              "AND state IN ('booked', 'checked_in')"};
  s.bind_all(codec::unix_seconds(end), codec::unix_seconds(start), codec::unix_seconds(end), codec::unix_seconds(start));
  while (s.step()) ids.push_back(s.text(0));
  return ids;
}

std::vector<Occupancy> LocalStore::others_on_floor(const Id& floor_id, Instant from, Instant to) const {
  std::vector<Occupancy> found;
  Statement s{impl_->db,
              fmt::format(
              "SELECT o.id, o.resource_id, o.start, o.\"end\" FROM occupancy o JOIN resources r ON r.id = o.resource_id "
              "WHERE r.floor_id = ? AND o.start < ? AND o.\"end\" > ? AND NOT EXISTS ("
              "  SELECT 1 FROM bookings b WHERE b.resource_id = o.resource_id AND b.start = o.start "
              "  AND b.\"end\" = o.\"end\" AND (b.state IN ('booked', 'checked_in') OR 'booking:' || b.id IN "
              "  {})) "
              "ORDER BY o.resource_id, o.start", kPendingEntities)};
  s.bind_all(floor_id, codec::unix_seconds(to), codec::unix_seconds(from));
  while (s.step()) {
    found.push_back(Occupancy{s.text(0), s.text(1), codec::instant_from_unix(s.int64(2)),
                              codec::instant_from_unix(s.int64(3))});
  }
  return found;
}

std::vector<Closure> LocalStore::closures(Date from, Date to) const {
  std::vector<Closure> found;
  Statement s{impl_->db,
              "SELECT building_id, date, reason FROM closures WHERE date BETWEEN ? AND ? ORDER BY building_id, date"};
  s.bind_all(codec::date_text(from), codec::date_text(to));
  while (s.step()) {
    // A date the file holds in another shape is skipped rather than shown as the wrong day.
    if (const auto day = codec::parse_date(s.text(1))) found.push_back(Closure{s.text(0), *day, s.text(2)});
  }
  return found;
}

std::vector<Favourite> LocalStore::favourites() const {
  std::vector<Favourite> found;
  Statement s{impl_->db, "SELECT resource_id, usual, added_at FROM favourites ORDER BY added_at, resource_id"};
  while (s.step()) found.push_back(Favourite{s.text(0), s.integer(1) != 0, codec::instant_from_unix(s.int64(2))});
  return found;
}

void LocalStore::upsert_favourite(const Favourite& favourite) {
  atomically([&] {
    if (favourite.usual) Statement{impl_->db, "UPDATE favourites SET usual = 0 WHERE usual = 1"}.run();
    Statement{impl_->db,
              "INSERT INTO favourites (resource_id, usual, added_at) VALUES (?, ?, ?) "
              "ON CONFLICT (resource_id) DO UPDATE SET usual = excluded.usual, added_at = excluded.added_at"}
        .bind_all(favourite.resource_id, favourite.usual ? 1 : 0, codec::unix_seconds(favourite.added_at))
        .run();
  });
}

void LocalStore::remove_favourite(const Id& resource_id) {
  Statement{impl_->db, "DELETE FROM favourites WHERE resource_id = ?"}.bind_all(resource_id).run();
}

std::optional<Session> LocalStore::session() const {
  Statement s{impl_->db, "SELECT server_url, username, user_id, token, expires_at FROM session WHERE singleton = 1"};
  if (!s.step()) return std::nullopt;
  Session session{s.text(0), s.text(1), s.text(2), s.text(3), std::nullopt};
  if (!s.is_null(4)) session.expires_at = codec::instant_from_unix(s.int64(4));
  return session;
}

void LocalStore::save_session(const Session& session) {
  Statement{impl_->db,
            "INSERT INTO session (singleton, server_url, username, user_id, token, expires_at) VALUES (1, ?, ?, ?, ?, ?) "
            "ON CONFLICT (singleton) DO UPDATE SET server_url = excluded.server_url, username = excluded.username, "
            "user_id = excluded.user_id, token = excluded.token, expires_at = excluded.expires_at"}
      .bind_all(session.server_url, session.username, session.user_id, session.token, optional_unix(session.expires_at))
      .run();
}

void LocalStore::forget_token() { impl_->db.exec("UPDATE session SET token = '', expires_at = NULL"); }

// --- for the sync engine ----------------------------------------------------------------------

std::vector<OutboxEntry> LocalStore::pending_outbox() const {
  std::vector<OutboxEntry> entries;
  Statement s{impl_->db,
              "SELECT mutation_id, method, path, body, created_at, state, problem, idempotency_key "
              "FROM outbox WHERE state = 'pending' ORDER BY mutation_id"};
  while (s.step()) {
    entries.push_back({s.int64(0), s.text(1), s.text(2), s.blob(3), codec::instant_from_unix(s.int64(4)),
                       outbox_state(s.text(5)), s.text(6), s.text(7)});
  }
  return entries;
}

std::optional<OutboxEntry> LocalStore::outbox_entry(std::int64_t mutation_id) const {
  Statement s{impl_->db,
              "SELECT mutation_id, method, path, body, created_at, state, problem, idempotency_key "
              "FROM outbox WHERE mutation_id = ?"};
  s.bind_all(mutation_id);
  if (!s.step()) return std::nullopt;
  return OutboxEntry{s.int64(0), s.text(1), s.text(2), s.blob(3), codec::instant_from_unix(s.int64(4)),
                     outbox_state(s.text(5)), s.text(6), s.text(7)};
}

std::string LocalStore::outbox_entity(std::int64_t mutation_id) const {
  Statement s{impl_->db, "SELECT entity FROM outbox WHERE mutation_id = ?"};
  s.bind_all(mutation_id);
  return s.step() ? s.text(0) : std::string{};
}

void LocalStore::mark_done(std::int64_t mutation_id) {
  Statement{impl_->db, "UPDATE outbox SET state = 'done' WHERE mutation_id = ?"}.bind_all(mutation_id).run();
}

// The refused change had been shown in the cache, and only a full copy of the server's state
// undoes it. Asking for that copy (cursor 0) in the same transaction keeps the need for it across
// a push that stops offline after the refusal, or a process killed before the pull: otherwise the
// next round would pull only what is new and the refused change would stay on screen for good.
void LocalStore::mark_rejected(std::int64_t mutation_id, std::string_view problem_json) {
  Transaction transaction{impl_->db, Transaction::Kind::immediate};
  Statement{impl_->db, "UPDATE outbox SET state = 'rejected', problem = ? WHERE mutation_id = ?"}
      .bind_all(problem_json, mutation_id)
      .run();
  impl_->db.exec("UPDATE sync_state SET cursor = '0' WHERE singleton = 1");
  transaction.commit();
}

void LocalStore::dismiss_rejected(std::int64_t mutation_id) {
  Statement{impl_->db, "UPDATE outbox SET state = 'done' WHERE mutation_id = ? AND state = 'rejected'"}
      .bind_all(mutation_id)
      .run();
}

void LocalStore::map_id(const Id& local_id, const Id& server_id) {
  Statement{impl_->db, "INSERT OR REPLACE INTO id_map (local_id, server_id) VALUES (?, ?)"}
      .bind_all(local_id, server_id)
      .run();
}

std::optional<Id> LocalStore::server_id(const Id& local_id) const {
  Statement s{impl_->db, "SELECT server_id FROM id_map WHERE local_id = ?"};
  s.bind_all(local_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

void LocalStore::set_cursor(std::string_view cursor) {
  Statement{impl_->db, "UPDATE sync_state SET cursor = ? WHERE singleton = 1"}.bind_all(cursor).run();
}

void LocalStore::set_last_sync(Instant when) {
  Statement{impl_->db, "UPDATE sync_state SET last_sync = ? WHERE singleton = 1"}
      .bind_all(codec::unix_seconds(when))
      .run();
}

void LocalStore::set_server_url(std::string_view url) {
  Statement{impl_->db, "UPDATE sync_state SET server_url = ? WHERE singleton = 1"}.bind_all(url).run();
}

void LocalStore::clear_feed_data() {
  auto& db = impl_->db;
  Transaction transaction{db, Transaction::Kind::immediate};
  // Bookings, workdays and enrolments with a pending change keep the person's newer intent.
  db.exec(fmt::format(
      "DELETE FROM bookings WHERE 'booking:' || id NOT IN {};"
      "DELETE FROM workdays WHERE 'workday:' || date || '/' || kind NOT IN "
      "(SELECT entity FROM outbox WHERE state = 'pending');"
      "DELETE FROM enrollments WHERE 'enrollment:' || id NOT IN "
      "(SELECT entity FROM outbox WHERE state = 'pending');"
      "DELETE FROM favourites WHERE 'favourite:' || resource_id NOT IN "
      "(SELECT entity FROM outbox WHERE state = 'pending');"
      "DELETE FROM occupancy; DELETE FROM closures; DELETE FROM courses;"
      "DELETE FROM resource_features; DELETE FROM resources; DELETE FROM floors; DELETE FROM buildings;"
      "UPDATE sync_state SET cursor = '0' WHERE singleton = 1;", kPendingEntities));
  transaction.commit();
}

void LocalStore::clear_cache() {
  auto& db = impl_->db;
  Transaction transaction{db, Transaction::Kind::immediate};
  db.exec(
      "DELETE FROM bookings; DELETE FROM workdays; DELETE FROM enrollments; DELETE FROM occupancy;"
      "DELETE FROM favourites;"
      "DELETE FROM closures; DELETE FROM courses; DELETE FROM resource_features; DELETE FROM resources;"
      "DELETE FROM floors; DELETE FROM buildings; DELETE FROM me; DELETE FROM employees;"
      "DELETE FROM departments; DELETE FROM organisations;"
      "UPDATE sync_state SET cursor = '0', last_sync = NULL WHERE singleton = 1;");
  transaction.commit();
}

void LocalStore::upsert_occupancy(const Id& id, const Id& resource_id, Instant start, Instant end) {
  Statement{impl_->db,
            "INSERT INTO occupancy (id, resource_id, start, \"end\") VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET resource_id = excluded.resource_id, start = excluded.start, "
            "\"end\" = excluded.\"end\""}
      .bind_all(id, resource_id, codec::unix_seconds(start), codec::unix_seconds(end))
      .run();
}

void LocalStore::upsert_closure(const Id& building_id, Date date, std::string_view reason) {
  Statement{impl_->db,
            "INSERT INTO closures (building_id, date, reason) VALUES (?, ?, ?) "
            "ON CONFLICT (building_id, date) DO UPDATE SET reason = excluded.reason"}
      .bind_all(building_id, codec::date_text(date), reason)
      .run();
}

void LocalStore::remove_building(const Id& id) {
  Statement{impl_->db, "DELETE FROM buildings WHERE id = ?"}.bind_all(id).run();
}
void LocalStore::remove_resource(const Id& id) {
  Statement{impl_->db, "DELETE FROM resources WHERE id = ?"}.bind_all(id).run();
}
void LocalStore::remove_occupancy(const Id& id) {
  Statement{impl_->db, "DELETE FROM occupancy WHERE id = ?"}.bind_all(id).run();
}
void LocalStore::remove_closure(const Id& building_id, Date date) {
  Statement{impl_->db, "DELETE FROM closures WHERE building_id = ? AND date = ?"}
      .bind_all(building_id, codec::date_text(date))
      .run();
}
void LocalStore::remove_course(const Id& id) {
  Statement{impl_->db, "DELETE FROM courses WHERE id = ?"}.bind_all(id).run();
}
void LocalStore::remove_booking(const Id& id) {
  Statement{impl_->db, "DELETE FROM bookings WHERE id = ?"}.bind_all(id).run();
}
void LocalStore::remove_workday(Date date, HalfDay half, WorkdayKind kind) {
  Statement{impl_->db, "DELETE FROM workdays WHERE date = ? AND half = ? AND kind = ?"}
      .bind_all(codec::date_text(date), to_string(half), to_string(kind))
      .run();
}
void LocalStore::remove_enrollment(const Id& id) {
  Statement{impl_->db, "DELETE FROM enrollments WHERE id = ?"}.bind_all(id).run();
}

std::string booking_key(const Id& booking_id) { return "booking:" + booking_id; }
std::string workday_key(Date date, WorkdayKind kind) {
  return fmt::format("workday:{}/{}", codec::date_text(date), to_string(kind));
}
std::string enrollment_key(const Id& enrollment_id) { return "enrollment:" + enrollment_id; }
std::string favourite_key(const Id& resource_id) { return "favourite:" + resource_id; }

}  // namespace stellwerk::store
