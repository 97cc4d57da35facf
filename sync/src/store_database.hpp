// The one SQLite connection that the store's subjects share, with what opening it found, and
// small helpers for the statements they run. Private to stellwerk::sync: the public headers
// name it only as `store::Database`, reached through DatabaseRef.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

#include "stellwerk/sqlite/sqlite.hpp"
#include "stellwerk/sync/store/store_metadata.hpp"
#include "store_lock.hpp"

namespace stellwerk::store {

class Database {
 public:
  StoreLock lock;  // first: released only after the connection below is closed
  sql::Connection connection;
  std::filesystem::path file;
  OpenReport report;

  // Runs one statement that returns no rows, with its parameters bound in order.
  template <typename... Args>
  void run(std::string_view sql, const Args&... args) {
    sql::Statement statement{connection, sql};
    if constexpr (sizeof...(Args) > 0) statement.bind_all(args...);
    statement.run();
  }

  // A statement with its parameters bound, ready to step through its rows.
  template <typename... Args>
  sql::Statement query(std::string_view sql, const Args&... args) {
    sql::Statement statement{connection, sql};
    if constexpr (sizeof...(Args) > 0) statement.bind_all(args...);
    return statement;
  }

  // Runs `work` in one IMMEDIATE transaction (so that it never fails halfway on a lock): all of
  // it lands or none of it. Calls nest as SAVEPOINTs; only the outermost commits.
  void atomically(const std::function<void()>& work);
};

}  // namespace stellwerk::store
