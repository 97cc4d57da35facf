// Implementation of the private SQLite wrappers (see stellwerk/sqlite/sqlite.hpp). Error messages name the
// failing SQL so that a report from the field points at the statement, not just the code.
#include "stellwerk/sqlite/sqlite.hpp"

#include <climits>
#include <cstdint>

#include <fmt/format.h>
#include <sqlite3.h>

namespace stellwerk::sql {
namespace {

// SQLITE_TRANSIENT is defined with a C-style cast; spelling it out keeps -Wold-style-cast quiet.
sqlite3_destructor_type transient() {
  return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

std::string_view shorten(std::string_view sql) {
  constexpr std::size_t kMax = 120;
  return sql.size() <= kMax ? sql : sql.substr(0, kMax);
}

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view what) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw SqliteError(extended, fmt::format("SQLite: {} ({})", message, shorten(what)));
}

}  // namespace

bool SqliteError::means_damaged_file() const {
  const int primary = code_ & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

Connection Connection::open(const std::filesystem::path& file, Mode mode) {
  const int flags = (mode == Mode::read_only ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  Connection connection{db};  // closes the handle even when opening failed
  if (rc != SQLITE_OK) throw_error(db, rc, fmt::format("open {}", file.string()));
  sqlite3_extended_result_codes(db, 1);
  return connection;
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Connection::~Connection() { close(); }

void Connection::close() noexcept {
  // sqlite3_close_v2 defers the close until the last statement is finalized, so a leaked
  // Statement can never make this fail.
  if (cache_) {
    for (auto& [sql, cached] : *cache_) sqlite3_finalize(cached.statement);
    cache_->clear();
  }
  if (db_ != nullptr) sqlite3_close_v2(std::exchange(db_, nullptr));
}

void Connection::exec(std::string_view sql) {
  const std::string copy{sql};
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text is available from sqlite3_errmsg
  if (rc != SQLITE_OK) throw_error(db_, rc, sql);
}

std::int64_t Connection::query_int(std::string_view sql) {
  Statement statement{*this, sql};
  if (!statement.step()) throw SqliteError(SQLITE_ERROR, fmt::format("SQLite: no row from {}", sql));
  return statement.int64(0);
}

std::string Connection::query_text(std::string_view sql) {
  Statement statement{*this, sql};
  if (!statement.step()) throw SqliteError(SQLITE_ERROR, fmt::format("SQLite: no row from {}", sql));
  return statement.text(0);
}

bool Connection::in_transaction() const { return db_ != nullptr && sqlite3_get_autocommit(db_) == 0; }

bool Connection::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

Statement::Statement(const Connection& db, std::string_view sql) : db_(db.handle()) {
  auto& cache = *db.cache_;
  const std::string key{sql};
  if (auto it = cache.find(key); it != cache.end() && !it->second.borrowed) {
    it->second.borrowed = true;
    stmt_ = it->second.statement;
    cached_ = &it->second.borrowed;
    return;
  }
  const bool keep = cache.size() < Connection::kMaxCachedStatements && !cache.contains(key);
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    throw_error(db_, rc, sql);
  }
  if (keep && stmt_ != nullptr) {
    auto [it, inserted] = cache.emplace(key, Connection::CachedStatement{stmt_, true});
    cached_ = &it->second.borrowed;
  }
}

Statement::~Statement() {
  if (cached_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *cached_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

void Statement::fail(int code) const {
  throw_error(db_, code, stmt_ != nullptr ? sqlite3_sql(stmt_) : "");
}

void Statement::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), transient(), SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(rc);
}

void Statement::bind(int index, Blob blob) {
  const int rc = sqlite3_bind_blob64(stmt_, index, blob.bytes.data(), blob.bytes.size(), transient());
  if (rc != SQLITE_OK) fail(rc);
}

void Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc);
}

void Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc);
}

void Statement::bind(int index, std::nullopt_t) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(rc);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(rc);
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

int Statement::integer(int column) const {
  const std::int64_t value = int64(column);
  if (value < INT_MIN || value > INT_MAX) {
    throw SqliteError(SQLITE_MISMATCH,
                      fmt::format("SQLite: column {} holds {}, too large for int", column, value));
  }
  return static_cast<int>(value);
}

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(stmt_, column);
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  return bytes == nullptr ? std::string{} : std::string(reinterpret_cast<const char*>(bytes), size);
}

std::string Statement::blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  return bytes == nullptr ? std::string{} : std::string(bytes, size);
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Transaction::Transaction(Connection& db, Kind kind) : db_(db), nested_(db.in_transaction()) {
  if (nested_) db_.exec("SAVEPOINT nested");
  else db_.exec(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM);
  // a second ROLLBACK would only fail, so ask first. Nothing here may throw.
  if (done_ || !db_.in_transaction()) return;
  if (nested_) {
    // Undo this level's work only; the savepoint must then be released to leave the stack.
    sqlite3_exec(db_.handle(), "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
  } else {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE nested" : "COMMIT");
  done_ = true;
}

}  // namespace stellwerk::sql
