// What the store's subjects (PlacesCache, BookingsCache, PlanCache, TrainingCache, OutboxQueue,
// StoreMetadata) share: the error type and a handle on the one connection of their LocalStore.
// The Database behind the handle is private to stellwerk::sync (sync/src/store_database.hpp).
#pragma once

#include <utility>

#include "stellwerk/sqlite/sqlite.hpp"

namespace stellwerk::store {

// Every storage failure, including SQLite's own errors (sql::SqliteError derives from it).
using Error = StorageError;

class Database;

// A subject's borrowed reference to its LocalStore's Database. The Database lives on the heap
// and is owned by the LocalStore, so moving a LocalStore moves these handles along unchanged;
// the moved-from handles are emptied, and using one throws Error instead of reaching a
// Database that belongs to another store now.
class DatabaseRef {
 public:
  explicit DatabaseRef(Database& database) : database_(&database) {}
  DatabaseRef(DatabaseRef&& other) noexcept : database_(std::exchange(other.database_, nullptr)) {}
  DatabaseRef& operator=(DatabaseRef&& other) noexcept {
    database_ = std::exchange(other.database_, nullptr);
    return *this;
  }
  DatabaseRef(const DatabaseRef&) = delete;
  DatabaseRef& operator=(const DatabaseRef&) = delete;
  ~DatabaseRef() = default;

  Database& get() const;  // throws Error when emptied by a move
  Database* operator->() const { return &get(); }
  Database& operator*() const { return get(); }

 private:
  Database* database_;
};

}  // namespace stellwerk::store
