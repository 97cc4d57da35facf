#include "backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "schema.hpp"
#include "stellwerk/sqlite/sqlite.hpp"

namespace stellwerk::server {
namespace {

namespace fs = std::filesystem;

// Copies every page of `from` into `to` in one step. SQLITE_BUSY or LOCKED (the writer holds
// a lock for a moment, e.g. while a checkpoint truncates the WAL) is retried for a while.
void copy_pages(sqlite3* to, sqlite3* from) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) throw BackupError(fmt::format("cannot start the copy: {}", sqlite3_errmsg(to)));
  int result = SQLITE_OK;
  for (int attempt = 0; attempt < 600; ++attempt) {
    result = sqlite3_backup_step(backup, -1);
    if (result != SQLITE_BUSY && result != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  sqlite3_backup_finish(backup);
  if (result != SQLITE_DONE) {
    throw BackupError(fmt::format("the copy failed: {}", sqlite3_errstr(result)));
  }
}

// integrity_check and the figures of the summary; throws when the file is no sound Stellwerk
// database.
BackupSummary check(sql::Connection& db, const fs::path& file) {
  std::string verdict;
  try {
    verdict = db.query_text("PRAGMA integrity_check");
  } catch (const sql::SqliteError& e) {
    throw BackupError(fmt::format("{} is not a readable database: {}", file.string(), e.what()));
  }
  if (verdict != "ok") throw BackupError(fmt::format("{} is damaged: integrity_check says {}", file.string(), verdict));
  if (db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'bookings'") == 0) {
    throw BackupError(fmt::format("{} is not a Stellwerk server database", file.string()));
  }
  BackupSummary summary;
  summary.schema_version = db.query_int("PRAGMA user_version");
  summary.bookings = db.query_int("SELECT count(*) FROM bookings");
  std::error_code ignored;
  summary.bytes = static_cast<std::int64_t>(fs::file_size(file, ignored));
  return summary;
}

void sync_path(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

BackupSummary backup_database(const fs::path& database, const fs::path& target) {
  std::error_code error;
  if (!fs::exists(database, error)) throw BackupError(fmt::format("there is no database at {}", database.string()));
  if (fs::exists(target, error)) {
    throw BackupError(fmt::format("{} exists; a backup never overwrites a file, choose a new name", target.string()));
  }
  const fs::path partial = fs::path{target}.concat(fmt::format(".partial-{}", ::getpid()));
  try {
    auto source = sql::Connection::open(database, sql::Connection::Mode::read_only);
    {
      // Made here, new and the owner's only (people's names and bookings), so that no file or
      // link of that name that someone else placed is written through.
      const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd < 0) throw BackupError(fmt::format("cannot create {}: {}", partial.string(), std::strerror(errno)));
      ::close(fd);
      auto copy = sql::Connection::open(partial, sql::Connection::Mode::read_write_create);
      copy_pages(copy.handle(), source.handle());
      // One self-contained file: no write-ahead log beside it.
      copy.exec("PRAGMA journal_mode = DELETE");
      check(copy, partial);
    }
    sync_path(partial);
    // link() fails when the target appeared meanwhile (rename would replace it).
    if (::link(partial.c_str(), target.c_str()) != 0) {
      throw BackupError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
    }
    fs::remove(partial, error);
    sync_path(target.parent_path().empty() ? fs::path{"."} : target.parent_path());
    auto done = sql::Connection::open(target, sql::Connection::Mode::read_only);
    return check(done, target);
  } catch (const sql::SqliteError& e) {
    fs::remove(partial, error);
    throw BackupError(e.what());
  } catch (...) {
    fs::remove(partial, error);
    throw;
  }
}

BackupSummary restore_database(const fs::path& database, const fs::path& source, fs::path& kept) {
  FolderLock lock{database.parent_path()};
  try {
    auto backup = sql::Connection::open(source, sql::Connection::Mode::read_only);
    const BackupSummary summary = check(backup, source);
    if (summary.schema_version > static_cast<std::int64_t>(newest_schema_version())) {
      throw BackupError(fmt::format("{} was made by a newer stellwerk-server (schema {}, this one knows {})",
                                    source.string(), summary.schema_version, newest_schema_version()));
    }
    std::error_code error;
    if (fs::exists(database, error)) {
      kept = fs::path{database}.concat(fmt::format(
          ".before-restore-{:%Y%m%dT%H%M%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()))));
      backup_database(database, kept);
    }
    auto live = sql::Connection::open(database, sql::Connection::Mode::read_write_create);
    ::chmod(database.c_str(), 0600);
    copy_pages(live.handle(), backup.handle());
    return check(live, database);
  } catch (const sql::SqliteError& e) {
    throw BackupError(e.what());
  }
}

FolderLock::FolderLock(const fs::path& data_dir) {
  const fs::path file = data_dir / "stellwerk-server.lock";
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error(fmt::format("cannot open {}", file.string()));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw std::runtime_error(fmt::format("a stellwerk-server serves {} (it holds {}); stop it first", data_dir.string(),
                                  file.filename().string()));
  }
}

FolderLock::~FolderLock() { ::close(fd_); }

}  // namespace stellwerk::server
