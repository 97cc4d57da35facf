#include "database.hpp"

#include <pthread.h>
#include <sqlite3.h>

#include <chrono>

#include <fmt/format.h>

#include "schema.hpp"

namespace stellwerk::server {
namespace {

// A batch larger than this waits for the next commit: it bounds how long the first job of a
// batch waits for the last one to run.
constexpr std::size_t kMaxBatch = 256;
constexpr auto kCheckpointInterval = std::chrono::milliseconds{200};

void name_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

// SQLite's memory statistics take a global mutex on every allocation, which many request threads
// with their own connections then queue on. The server does not read them.
void disable_memory_statistics() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

void configure(sql::Connection& db) {
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA foreign_keys = ON");
  // 32 MiB of page cache per connection (the default is 2 MiB): the city data set's hot pages
  // then stay in memory instead of being read again on every request.
  db.exec("PRAGMA cache_size = -32768");
  // Savepoint journals and sorts stay in memory instead of temporary files.
  db.exec("PRAGMA temp_store = MEMORY");
}

}  // namespace

Database::Database(const std::filesystem::path& file) : file_(file) {
  disable_memory_statistics();
  writer_ = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
  configure(writer_);
  writer_.exec("PRAGMA journal_mode = WAL");
  // FULL: a commit the client was told about survives a power cut, not just a crash.
  writer_.exec("PRAGMA synchronous = FULL");
  // Checkpoints are the checkpoint thread's job (see checkpoint_loop).
  writer_.exec("PRAGMA wal_autocheckpoint = 0");
  migrate(writer_);
  writer_thread_ = std::thread([this] { writer_loop(); });
  checkpoint_thread_ = std::thread([this] { checkpoint_loop(); });
}

Database::~Database() {
  {
    std::lock_guard lock{queue_mutex_};
    stopping_ = true;
  }
  queue_changed_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  {
    std::lock_guard lock{checkpoint_mutex_};
    checkpoint_stopping_ = true;
  }
  checkpoint_wake_.notify_all();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

void Database::checkpoint_loop() {
  name_thread("db-checkpoint");
  sql::Connection db = sql::Connection::open(file_, sql::Connection::Mode::read_write_create);
  configure(db);
  std::unique_lock lock{checkpoint_mutex_};
  while (!checkpoint_stopping_) {
    checkpoint_wake_.wait_for(lock, kCheckpointInterval, [&] { return checkpoint_stopping_; });
    const bool last = checkpoint_stopping_;
    lock.unlock();
    try {
      // PASSIVE never blocks the writer or readers; pages still in use are copied next time. The
      // last one, at shutdown, empties the WAL so the database file alone is complete.
      db.exec(last ? "PRAGMA wal_checkpoint(TRUNCATE)" : "PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const StorageError&) {
      // Busy or I/O trouble: the WAL keeps the data safe, and the next round tries again.
    }
    lock.lock();
  }
}

Database::WriterStats Database::writer_stats() const {
  std::lock_guard lock{queue_mutex_};
  return stats_;
}

std::unique_ptr<sql::Connection> Database::open_reader() {
  auto connection = std::make_unique<sql::Connection>(
      sql::Connection::open(file_, sql::Connection::Mode::read_only));
  configure(*connection);
  return connection;
}

Database::Lease::Lease(Database& db) : db_(db) {
  {
    std::lock_guard lock{db.readers_mutex_};
    if (!db.idle_readers_.empty()) {
      connection_ = std::move(db.idle_readers_.back());
      db.idle_readers_.pop_back();
    }
  }
  if (!connection_) connection_ = db.open_reader();
}

Database::Lease::~Lease() {
  if (connection_->in_transaction()) return;  // a broken connection is dropped, not reused
  std::lock_guard lock{db_.readers_mutex_};
  db_.idle_readers_.push_back(std::move(connection_));
}

void Database::submit(std::function<void(sql::Connection&)> run) {
  Job job{std::move(run), nullptr};
  {
    std::lock_guard lock{queue_mutex_};
    if (stopping_) throw StorageError("the database is shutting down");
    queue_.push_back(&job);
  }
  queue_changed_.notify_one();  // only the writer waits on it
  job.done.acquire();
  if (job.error) std::rethrow_exception(job.error);
}

void Database::writer_loop() {
  name_thread("db-writer");
  std::vector<Job*> batch;
  for (;;) {
    {
      std::unique_lock lock{queue_mutex_};
      queue_changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and nothing left to do
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    std::exception_ptr commit_error;
    const auto started = std::chrono::steady_clock::now();
    auto committing = started;
    try {
      writer_.exec("BEGIN IMMEDIATE");
      for (Job* job : batch) {
        sql::Statement{writer_, "SAVEPOINT job"}.run();
        try {
          job->run(writer_);
          sql::Statement{writer_, "RELEASE job"}.run();
        } catch (...) {
          job->error = std::current_exception();
          sql::Statement{writer_, "ROLLBACK TO job"}.run();
          sql::Statement{writer_, "RELEASE job"}.run();
        }
      }
      committing = std::chrono::steady_clock::now();
      writer_.exec("COMMIT");
    } catch (...) {
      commit_error = std::current_exception();
      if (writer_.in_transaction()) {
        try {
          writer_.exec("ROLLBACK");
        } catch (...) {
          // The connection reports the same failure again; the batch is failed either way.
        }
      }
    }
    {
      std::lock_guard lock{queue_mutex_};
      const auto finished = std::chrono::steady_clock::now();
      stats_.jobs += batch.size();
      stats_.commits += 1;
      stats_.running += committing - started;
      stats_.committing += finished - committing;
    }
    for (Job* job : batch) {
      if (commit_error && !job->error) job->error = commit_error;
      job->done.release();  // the job lives on its caller's stack: no access after this
    }
    batch.clear();
  }
}

sql::Connection open_guest_connection(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) {
    throw StorageError(fmt::format("{} does not exist: start stellwerk-server with this --data once, which creates it",
                                   file.string()));
  }
  auto db = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
  // The running server's writer holds the write lock for a batch at a time: wait for it.
  db.exec("PRAGMA busy_timeout = 30000");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA wal_autocheckpoint = 0");  // checkpoints are the server's (checkpoint_loop)
  const auto version = db.query_int("PRAGMA user_version");
  if (version != static_cast<std::int64_t>(newest_schema_version())) {
    throw StorageError(fmt::format("{} has schema {}, this stellwerk-server writes schema {}: start the matching "
                                   "stellwerk-server on it first",
                                   file.string(), version, newest_schema_version()));
  }
  return db;
}

}  // namespace stellwerk::server
