// LocalStore: opening the store file safely (folder and file permissions, integrity check,
// rebuild of a damaged file with rescue of the outbox, migrations), the demo import and the
// transaction over all subjects. The subjects' reads and writes are in store_*.cpp, the rows they
// share in store_rows.cpp, the schema and its reasons in schema.cpp, the rescue in recovery.cpp,
// the demo file format in demo_data.hpp. Every write runs in an IMMEDIATE transaction so that it
// either lands whole or not at all, and never fails halfway on a lock.
#include "stellwerk/sync/local_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <sqlite3.h>

#include "demo_data.hpp"
#include "recovery.hpp"
#include "schema.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "store_database.hpp"
#include "store_lock.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

namespace fs = std::filesystem;
using sql::Transaction;

constexpr std::string_view kFileName = "stellwerk.sqlite";
constexpr std::string_view kLockFileName = "stellwerk.lock";  // see store_lock.hpp
constexpr int kBusyTimeoutMs = 5000;
// How long an open waits for the other programs on a damaged store to let go of it (or for one
// of them to finish rebuilding it), and for a rebuild elsewhere before taking the shared lock.
constexpr std::chrono::milliseconds kLockPatience{kBusyTimeoutMs};

// Thrown inside open() when the file turns out to be damaged; never leaves this file.
struct DamagedFile {
  std::string detail;
};

std::string errno_text() { return std::strerror(errno); }

// Creates the missing folders of `dir` with mode 0700: the store holds personal data.
void prepare_directory(const fs::path& dir) {
  std::error_code error;
  if (fs::is_directory(dir, error)) return;
  if (dir.has_parent_path() && dir.parent_path() != dir) prepare_directory(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) == 0) {
    ::chmod(dir.c_str(), 0700);  // mkdir's mode is reduced by the umask
    return;
  }
  // EEXIST: another program starting on the same new folder may have made it a moment ago, so
  // only what is there now tells whether it is a folder.
  if (errno != EEXIST) throw Error(fmt::format("cannot create the folder {}: {}", dir.string(), errno_text()));
  if (!fs::is_directory(dir, error)) throw Error(fmt::format("{} exists but is not a folder", dir.string()));
}

// Switches `db` to WAL. Changing the journal mode does not wait through the busy handler: while
// another program is creating the same new file it answers SQLITE_BUSY at once, so it is asked
// again for as long as a lock is waited for elsewhere.
bool enter_wal_mode(sql::Connection& db) {
  const auto deadline = std::chrono::steady_clock::now() + kLockPatience;
  for (;;) {
    try {
      return db.query_text("PRAGMA journal_mode = WAL") == "wal";
    } catch (const sql::SqliteError& e) {
      if ((e.code() & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
  }
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
    if (!enter_wal_mode(db)) {
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

// The parts of the Database that opening fills in.
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

std::expected<LocalStore, std::string> LocalStore::open(const fs::path& data_dir) {
  auto database = std::make_unique<Database>();
  try {
    prepare_directory(data_dir);
    database->lock = StoreLock::shared(data_dir / kLockFileName, kLockPatience);
    database->file = data_dir / kFileName;
    std::error_code error;
    database->report.created = !fs::exists(database->file, error) || fs::file_size(database->file, error) == 0;
    create_private_file(database->file);
    try {
      database->connection = open_checked(database->file, database->report.migrated_from_version);
    } catch (const DamagedFile& damage) {
      rebuild_damaged({database->lock, database->connection, database->file, database->report}, damage.detail);
    }
    make_companions_private(database->file);
  } catch (const std::exception& e) {
    return std::unexpected(fmt::format("cannot open the local store in {}: {}", data_dir.string(), e.what()));
  }
  return LocalStore{std::move(database)};
}

// The subjects are built from the Database before database_ takes it over (bases first).
LocalStore::LocalStore(std::unique_ptr<Database> database)
    : PlacesCache(*database),
      BookingsCache(*database),
      PlanCache(*database),
      TrainingCache(*database),
      TeamPresenceCache(*database),
      OutboxQueue(*database),
      StoreMetadata(*database),
      database_(std::move(database)) {}
LocalStore::LocalStore(LocalStore&&) noexcept = default;
LocalStore& LocalStore::operator=(LocalStore&&) noexcept = default;
LocalStore::~LocalStore() = default;

void LocalStore::atomically(const std::function<void()>& work) {
  if (!database_) throw Error("this local store was moved to another LocalStore");
  database_->atomically(work);
}

std::expected<void, std::string> LocalStore::import_demo(const fs::path& json_file, Date today) {
  if (has_data()) return {};
  auto data = demo::read_demo(json_file, today);
  if (!data) return std::unexpected(data.error());
  auto& db = database_->connection;
  try {
    Transaction transaction{db, Transaction::Kind::immediate};
    if (rows::cache_has_data(db)) return {};  // another process filled it while this one read the file
    rows::write_organisation(db, data->organisation);
    for (const auto& department : data->departments) rows::write_department(db, department);
    for (const auto& building : data->buildings) rows::write_building(db, building);
    for (const auto& resource : data->resources) rows::write_resource(db, resource);
    rows::write_me(db, data->me);
    for (const auto& booking : data->bookings) rows::write_booking(db, booking);
    for (const auto& workday : data->workdays) rows::write_workday(db, workday);
    for (const auto& course : data->courses) rows::write_course(db, course);
    for (const auto& enrollment : data->enrollments) rows::write_enrollment(db, enrollment);
    for (const auto& assessment : data->self_assessments) rows::write_self_assessment(db, assessment);
    for (const auto& target : data->competence_targets) rows::write_competence_target(db, target);
    transaction.commit();  // deferred foreign keys are checked here
  } catch (const sql::SqliteError& e) {
    if ((e.code() & 0xff) != SQLITE_CONSTRAINT) throw;
    return std::unexpected(fmt::format("demo data {} is inconsistent: {}", json_file.string(), e.what()));
  }
  return {};
}

}  // namespace stellwerk::store
