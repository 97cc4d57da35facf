// Demo data for `stellwerk-server --demo` (see server/README.md for what it contains). Seeding
// is deterministic: the same scale gives the same people, buildings, desks and courses; dates
// are relative to the day of seeding.
#pragma once

#include "database.hpp"
#include "server.hpp"

namespace stellwerk::server {

// True when the database holds no employees yet.
bool database_is_empty(Database& db);

// Seeds an empty database. The demo users share one password hash (of "demo"), computed once:
// hashing 10,000 passwords at full cost would take half an hour. Demo only.
void seed_demo(Database& db, DemoScale scale, Instant now, int password_iterations);

}  // namespace stellwerk::server
