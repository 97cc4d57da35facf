// The server's one SQLite file (`<data>/stellwerk-server.db`): WAL, synchronous=FULL, foreign
// keys. Reads run on a pool of read-only connections, one per concurrent reader, each inside a
// transaction so that a request sees one consistent snapshot. Writes go through a single writer
// thread that applies queued jobs in batches: each job runs inside its own SAVEPOINT (a job that
// throws is rolled back alone and its caller gets the exception), and the whole batch shares one
// COMMIT, so one fsync covers many requests ("group commit"). A caller of write() returns only
// after its job's COMMIT is durable. WAL checkpoints run on a thread of their own.
//
// Because there is exactly one writer, rules such as "no two bookings of one desk overlap" are
// checked and applied without races: the check and the insert of one job cannot interleave with
// another job's.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <semaphore>
#include <thread>
#include <type_traits>
#include <vector>

#include "stellwerk/sqlite/sqlite.hpp"

namespace stellwerk::server {

class Database {
 public:
  // Opens (creating when needed) and migrates the file. Throws StorageError when the file
  // cannot be opened or has a newer schema than this program knows.
  explicit Database(const std::filesystem::path& file);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::filesystem::path& file() const { return file_; }

  // Runs fn(connection) in a read transaction on a pooled read-only connection.
  template <typename Fn>
  auto read(Fn&& fn) -> std::invoke_result_t<Fn&, sql::Connection&> {
    Lease lease{*this};
    sql::Transaction transaction{lease.connection(), sql::Transaction::Kind::deferred};
    return fn(lease.connection());
  }

  // Runs fn(connection) on the writer thread inside a savepoint and returns its result once the
  // batch has committed. An exception thrown by fn rolls back fn's changes only and is rethrown
  // here; a failed COMMIT is rethrown to every caller of the batch.
  template <typename Fn>
  auto write(Fn&& fn) -> std::invoke_result_t<Fn&, sql::Connection&> {
    using Result = std::invoke_result_t<Fn&, sql::Connection&>;
    if constexpr (std::is_void_v<Result>) {
      submit([&](sql::Connection& db) { fn(db); });
    } else {
      std::optional<Result> result;
      submit([&](sql::Connection& db) { result.emplace(fn(db)); });
      return std::move(*result);
    }
  }

  // Jobs committed so far and commits made: the ratio is the group-commit batch size.
  struct WriterStats {
    std::uint64_t jobs = 0;
    std::uint64_t commits = 0;
    std::chrono::nanoseconds running{0};     // running jobs
    std::chrono::nanoseconds committing{0};  // COMMIT, i.e. mostly waiting for the disk
  };
  WriterStats writer_stats() const;

 private:
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    sql::Connection& connection() { return *connection_; }

   private:
    Database& db_;
    std::unique_ptr<sql::Connection> connection_;
  };

  // A caller waits on its own job's semaphore, so a commit wakes exactly the callers of that
  // batch instead of every thread waiting on one condition variable.
  struct Job {
    std::function<void(sql::Connection&)> run;
    std::exception_ptr error;
    std::binary_semaphore done{0};
  };

  void submit(std::function<void(sql::Connection&)> run);
  void writer_loop();
  void checkpoint_loop();
  std::unique_ptr<sql::Connection> open_reader();

  std::filesystem::path file_;
  sql::Connection writer_;

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<sql::Connection>> idle_readers_;

  mutable std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  WriterStats stats_;
  std::thread writer_thread_;

  // Checkpoints (copying the WAL back into the database file, with its own fsyncs) run on a
  // separate thread and connection, so that a commit never waits for one.
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool checkpoint_stopping_ = false;
  std::thread checkpoint_thread_;
};

// A connection to the server's database file for a command beside a running server
// (`stellwerk-server import`, `set-password`): it never creates or migrates the file (StorageError
// when it is missing or of another schema version), waits up to 30 s for the server's writer, and
// leaves checkpoints to the server.
sql::Connection open_guest_connection(const std::filesystem::path& file);

}  // namespace stellwerk::server
