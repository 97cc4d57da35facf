// Backups of the server's database while it serves, and putting one back (docs/operations.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>

namespace stellwerk::server {

// What the operator is told about a copy; thrown as BackupError for anything that stops one.
struct BackupSummary {
  std::int64_t bytes = 0;
  std::int64_t bookings = 0;        // rows in the copy, as a plausibility check for the operator
  std::int64_t schema_version = 0;
};

class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Copies `database` to the new file `target` with SQLite's online backup API, all pages in one
// step inside one read transaction: the copy is the database as it was at that moment, and the
// server goes on reading and writing meanwhile (WAL: a reader never blocks the writer). The copy
// is written beside the target first, checked with PRAGMA integrity_check, made readable by the
// owner only and then renamed, so `target` never names half a backup. Refuses an existing target.
BackupSummary backup_database(const std::filesystem::path& database, const std::filesystem::path& target);

// Puts the backup `source` into `database`: only when no server serves the folder (its lock), the
// backup passes integrity_check and its schema is one this server can migrate. The database it
// replaces is first copied to `kept` (stellwerk-server.db.before-restore-<UTC time>). Pages are
// replaced through SQLite, so a command (import, set-password) that has the file open meanwhile
// sees the old or the restored database, never a mix.
BackupSummary restore_database(const std::filesystem::path& database, const std::filesystem::path& source,
                               std::filesystem::path& kept);

// The lock a serving stellwerk-server holds on its data folder (stellwerk-server.lock): a second
// server and a restore refuse while it is held. Released when the holder ends, however it ends.
class FolderLock {
 public:
  // Throws std::runtime_error naming the folder when another process holds the lock.
  explicit FolderLock(const std::filesystem::path& data_dir);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace stellwerk::server
