// The folder lock of a store, private to stellwerk::sync. Every LocalStore holds a shared
// flock(2) on `stellwerk.lock` beside the store file for as long as it is open, so an exclusive
// lock on it proves that no other LocalStore — in another process or in this one — has the store
// open. Only under that proof may a damaged store file be renamed and rebuilt: renaming a file
// that another program still uses would leave the two programs writing different files.
//
// flock and not fcntl: fcntl (POSIX record) locks belong to the process and all of them vanish
// when the process closes any descriptor of the file, and the window opens two stores in one
// process. flock locks belong to the open file description, so each LocalStore's lock is its own.
// SQLite's own locks are fcntl locks on the database; this lock does not replace them, it only
// guards the rename.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>

namespace stellwerk::store {

class StoreLock {
 public:
  StoreLock() = default;
  // Opens (creating with mode 0600) `lock_file` and takes the shared lock, waiting up to
  // `patience` while another program holds it exclusively (it is rebuilding a damaged store).
  // Throws store::Error when the file cannot be opened or the wait runs out.
  static StoreLock shared(const std::filesystem::path& lock_file, std::chrono::milliseconds patience);
  StoreLock(StoreLock&& other) noexcept;
  StoreLock& operator=(StoreLock&& other) noexcept;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  ~StoreLock();

  // Gives up the shared lock and waits up to `patience` for the exclusive one, or until
  // `stop_waiting()` says the wait is pointless (another program rebuilt the file). Returns
  // false without it; the lock is then released entirely (take_shared() again).
  bool exclusive(std::chrono::milliseconds patience, const std::function<bool()>& stop_waiting);
  // Back to the shared lock (after exclusive(), or after exclusive() failed).
  void take_shared(std::chrono::milliseconds patience);

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace stellwerk::store
