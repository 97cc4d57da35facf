// The server's tables and their migrations. Times are stored as Unix seconds (UTC); civil dates
// as 'YYYY-MM-DD' text in Europe/Berlin; enumerations by their wire names.
#pragma once

#include "stellwerk/sqlite/sqlite.hpp"

namespace stellwerk::server {

// Brings the schema to the newest version inside one transaction. Throws StorageError for a
// file written by a newer server, which is left untouched.
void migrate(sql::Connection& db);

}  // namespace stellwerk::server
