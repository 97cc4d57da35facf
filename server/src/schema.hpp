// The server's tables and their migrations. Times are stored as Unix seconds (UTC); civil dates
// as 'YYYY-MM-DD' text in Europe/Berlin; enumerations by their wire names.
#pragma once

#include <cstddef>

#include "stellwerk/sqlite/sqlite.hpp"

namespace stellwerk::server {

// Brings the schema to the newest version inside one transaction. Throws StorageError for a
// file written by a newer server, which is left untouched.
void migrate(sql::Connection& db);

// The version migrate() brings a database to.
std::size_t newest_schema_version();

// Brings the schema up to target_version only, as an older server left it: tests build such a
// database to prove that migrate() keeps its data. A newer file still throws StorageError.
void migrate_to(sql::Connection& db, std::size_t target_version);

}  // namespace stellwerk::server
