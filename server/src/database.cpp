#include "database.hpp"

#include <sqlite3.h>

#include "schema.hpp"

namespace stellwerk::server {
namespace {

// A batch larger than this waits for the next commit: it bounds how long the first job of a
// batch waits for the last one to run.
constexpr std::size_t kMaxBatch = 256;

void configure(sql::Connection& db) {
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

Database::Database(const std::filesystem::path& file) : file_(file) {
  writer_ = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
  configure(writer_);
  writer_.exec("PRAGMA journal_mode = WAL");
  // FULL: a commit the client was told about survives a power cut, not just a crash.
  writer_.exec("PRAGMA synchronous = FULL");
  migrate(writer_);
  writer_thread_ = std::thread([this] { writer_loop(); });
}

Database::~Database() {
  {
    std::lock_guard lock{queue_mutex_};
    stopping_ = true;
  }
  queue_changed_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
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
  Job job{std::move(run), nullptr, false};
  std::unique_lock lock{queue_mutex_};
  if (stopping_) throw StorageError("the database is shutting down");
  queue_.push_back(&job);
  queue_changed_.notify_all();
  queue_changed_.wait(lock, [&] { return job.done; });
  if (job.error) std::rethrow_exception(job.error);
}

void Database::writer_loop() {
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
    try {
      writer_.exec("BEGIN IMMEDIATE");
      for (Job* job : batch) {
        writer_.exec("SAVEPOINT job");
        try {
          job->run(writer_);
          writer_.exec("RELEASE job");
        } catch (...) {
          job->error = std::current_exception();
          writer_.exec("ROLLBACK TO job");
          writer_.exec("RELEASE job");
        }
      }
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
      for (Job* job : batch) {
        if (commit_error && !job->error) job->error = commit_error;
        job->done = true;
      }
      stats_.jobs += batch.size();
      stats_.commits += 1;
    }
    queue_changed_.notify_all();
    batch.clear();
  }
}

}  // namespace stellwerk::server
