// The local store's schema and its migrations. The schema version lives in PRAGMA user_version;
// migrations are an ordered list of SQL steps, each applied in its own write transaction
// together with the new user_version, so a crash leaves the file at one whole version.
// Adding a version is adding one entry to the list in schema.cpp — never edit a released step.
#pragma once

#include <string_view>

#include "stellwerk/core/change_kind.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::store::schema {

int latest_version();

// Brings the file up to latest_version(). Returns the version found before. Throws
// SqliteError when SQLite fails (the failing step is rolled back, earlier steps stay) and
// store::Error when the file is newer than this program — it is then left untouched.
int migrate(sql::Connection& db);

// Throws store::Error explaining the situation when the file's schema is newer than this
// program; reads only, so the file stays exactly as it was.
void refuse_newer(sql::Connection& db);

// Creates the device row (random id, mutation counter 1) when the file has none.
void ensure_device(sql::Connection& db);

// The kind of a queued request, for outbox rows stored before the outbox had a kind column
// (the migration to version 4 and the rescue of an older damaged file): the request that
// local_changes.cpp queues for each kind, read back; anything else is ChangeKind::other.
// A kind added later is always queued with its kind, so the migration never meets one; the
// rescue does, when damaged bytes made a row's kind unreadable, and for it the later kinds
// (withdrawal, self_assessment) are recognised too.
ChangeKind kind_of_request(std::string_view method, std::string_view path);

// `bytes` random bytes from the operating system's CSPRNG, as lowercase hex digits. Throws
// store::Error when the system has none to give.
std::string random_hex(std::size_t bytes);

// 16 random bytes, as 32 lowercase hex digits.
std::string random_device_id();

}  // namespace stellwerk::store::schema
