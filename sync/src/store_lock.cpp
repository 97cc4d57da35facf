// StoreLock: flock(2) on the store folder's lock file; see store_lock.hpp for why it exists and
// why it is flock. Waits poll with LOCK_NB instead of blocking, so that a program that hangs while
// holding the lock turns into an error the person can read, not a window that never opens.
#include "store_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::store {
namespace {

constexpr std::chrono::milliseconds kPollInterval{20};

// Tries `operation | LOCK_NB` until it succeeds, `patience` has passed or `stop_waiting()`.
bool lock_within(int fd, int operation, std::chrono::milliseconds patience,
                 const std::function<bool()>& stop_waiting = {}) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (;;) {
    if (::flock(fd, operation | LOCK_NB) == 0) return true;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      throw Error(fmt::format("cannot lock the local store: {}", std::strerror(errno)));
    }
    if (std::chrono::steady_clock::now() >= deadline || (stop_waiting && stop_waiting())) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace

StoreLock StoreLock::shared(const std::filesystem::path& lock_file, std::chrono::milliseconds patience) {
  const int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) throw Error(fmt::format("cannot open {}: {}", lock_file.string(), std::strerror(errno)));
  StoreLock lock{fd};
  lock.take_shared(patience);
  return lock;
}

StoreLock::StoreLock(StoreLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

// Closing the descriptor releases the flock; it cannot disturb SQLite's fcntl locks, which sit
// on other files (the database and its -shm), never on this one.
StoreLock::~StoreLock() {
  if (fd_ >= 0) ::close(fd_);
}

bool StoreLock::exclusive(std::chrono::milliseconds patience, const std::function<bool()>& stop_waiting) {
  // Converting a flock is not atomic anyway (Linux drops the old lock first); releasing it
  // explicitly makes that visible and lets two waiting programs never block each other.
  ::flock(fd_, LOCK_UN);
  return lock_within(fd_, LOCK_EX, patience, stop_waiting);
}

void StoreLock::take_shared(std::chrono::milliseconds patience) {
  if (!lock_within(fd_, LOCK_SH, patience)) {
    throw Error("another Stellwerk program is repairing the local store and did not finish; try again later");
  }
}

}  // namespace stellwerk::store
