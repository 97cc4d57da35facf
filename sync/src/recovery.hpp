// Finding a damaged store file and saving what matters from it, private to stellwerk::sync.
// The cache part of a damaged file is simply rebuilt, but the durable part (device id, mutation
// counter, outbox rows, server_url) is copied row by row from the damaged copy, which is kept
// next to the new file as evidence and for manual rescue. See local_store.hpp for the contract.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "stellwerk/sqlite/sqlite.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::store::recovery {

// Runs PRAGMA quick_check. Returns SQLite's description when the file is damaged (not a
// database, or the check found problems) and nullopt when it is sound. Other failures — a
// locked file, an I/O error — throw SqliteError: they say nothing about the file's contents
// and must never lead to moving a good file aside.
std::optional<std::string> find_damage(sql::Connection& db);

// Renames `file` and its -wal/-shm companions to `<file>.damaged-<UTC YYYYmmddTHHMMSS>` (with
// "-wal"/"-shm" appended, so SQLite still finds the log when reading the copy). A numeric
// suffix keeps an earlier copy from the same second. Throws Error when renaming fails.
std::filesystem::path move_aside(const std::filesystem::path& file);

struct Recovered {
  int outbox_entries = 0;
  bool complete = true;          // false when any outbox row may have been lost
  // false when the device row was unreadable: the fresh store then has a new device id and
  // the recovered rows keep the Idempotency-Keys they were stored with (keys are random, so a
  // mutation id handed out again never repeats a key).
  bool device_recovered = false;
  std::string detail;
};

// Copies the device row, every readable outbox row and the server_url from the damaged copy
// (opened read-only, never changed) into the fresh store `into`, in one transaction. Never
// throws for problems of the damaged copy; throws SqliteError only when writing `into` fails.
Recovered copy_durable_data(const std::filesystem::path& damaged, sql::Connection& into);

}  // namespace stellwerk::store::recovery
