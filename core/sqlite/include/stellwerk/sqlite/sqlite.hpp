// Small RAII wrappers over the SQLite C API, shared by the client's store (stellwerk::sync) and
// the reference server: a Connection that
// closes its handle, a Statement that finalizes in its destructor, and a Transaction that
// rolls back in its destructor unless committed. They exist so that every early return and
// every exception in the store leaves no open statement and no half-applied write behind.
// Failures throw SqliteError (a StorageError that also carries SQLite's extended result code,
// so that callers can tell a damaged file from a locked or full disk). Destructors never throw.
//
// Thread-safety: a Connection and its Statements belong to one thread at a time, like the
// LocalStore that owns them.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <stdexcept>

struct sqlite3;
struct sqlite3_stmt;

namespace stellwerk {

// Any failure of persistent storage: the disk, the file or the database engine.
class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace stellwerk

namespace stellwerk::sql {

class SqliteError : public StorageError {
 public:
  SqliteError(int code, const std::string& message) : StorageError(message), code_(code) {}
  int code() const { return code_; }            // extended result code
  bool means_damaged_file() const;               // SQLITE_CORRUPT or SQLITE_NOTADB
 private:
  int code_;
};

// A BLOB parameter; plain strings bind as TEXT.
struct Blob {
  std::string_view bytes;
};

class Connection {
 public:
  enum class Mode { read_write_create, read_only };

  // Fails with SqliteError when SQLite cannot open the handle (the file is only read lazily,
  // so a damaged file is reported by the first statement, not here).
  static Connection open(const std::filesystem::path& file, Mode mode);

  Connection() = default;
  Connection(Connection&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* handle() const { return db_; }
  explicit operator bool() const { return db_ != nullptr; }

  // Runs one or more statements without results; throws SqliteError on failure.
  void exec(std::string_view sql);
  // The single value of a one-row, one-column query such as a PRAGMA.
  std::int64_t query_int(std::string_view sql);
  std::string query_text(std::string_view sql);
  bool in_transaction() const;
  bool read_only() const;
  void close() noexcept;

 private:
  friend class Statement;
  explicit Connection(sqlite3* db) : db_(db) {}

  // Prepared statements kept for reuse, by SQL text: preparing (parsing and planning) costs more
  // than running most of this project's statements. A Statement borrows its cached statement and
  // gives it back reset; a second Statement with the same text while the first is alive
  // prepares its own. The node-based map keeps entries at fixed addresses while borrowed.
  struct CachedStatement {
    sqlite3_stmt* statement = nullptr;
    bool borrowed = false;
  };
  static constexpr std::size_t kMaxCachedStatements = 128;
  sqlite3* db_ = nullptr;
  std::unique_ptr<std::unordered_map<std::string, CachedStatement>> cache_ =
      std::make_unique<std::unordered_map<std::string, CachedStatement>>();
};

class Statement {
 public:
  Statement(const Connection& db, std::string_view sql);
  Statement(Statement&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), cached_(std::exchange(other.cached_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based like SQLite's; values are copied, so temporaries are fine.
  void bind(int index, std::string_view text);
  void bind(int index, const char* text) { bind(index, std::string_view{text}); }
  void bind(int index, const std::string& text) { bind(index, std::string_view{text}); }
  void bind(int index, Blob blob);
  void bind(int index, std::int64_t value);
  void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
  void bind(int index, bool value) { bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  void bind(int index, double value);
  void bind(int index, std::nullopt_t);
  template <typename T>
  void bind(int index, const std::optional<T>& value) {
    if (value) bind(index, *value); else bind(index, std::nullopt);
  }
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // True when a row is available, false when done; throws SqliteError otherwise.
  bool step();
  // Runs a statement that returns no rows (INSERT/UPDATE/DELETE) to completion.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  int integer(int column) const;   // throws when the stored value does not fit an int
  double real(int column) const;
  std::string text(int column) const;   // NULL reads as ""
  std::string blob(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  [[noreturn]] void fail(int code) const;
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  bool* cached_ = nullptr;  // the cache entry's "borrowed" flag, when stmt_ came from the cache
};

// Transactions nest: inside an open transaction a Transaction is a SAVEPOINT, so a function
// that writes atomically can be composed into a larger atomic write. Only the outermost
// Transaction's commit makes the work durable.
class Transaction {
 public:
  // deferred: takes locks as statements need them (consistent snapshot for reads);
  // immediate: takes the write lock at once, so a writer never fails halfway with SQLITE_BUSY.
  // For a nested Transaction the kind of the outermost one applies.
  enum class Kind { deferred, immediate };
  Transaction(Connection& db, Kind kind);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& db_;
  bool nested_ = false;
  bool done_ = false;
};

}  // namespace stellwerk::sql
