// The client's local store: one SQLite file in the --data folder that caches what the server
// knows (buildings, resources, bookings, workdays, courses, enrolments) and keeps the outbox of
// changes not yet sent. The cache part may be thrown away and rebuilt at any time; the outbox
// part (device id, mutation counter, queued changes) is never silently discarded — when the file
// is damaged it is moved aside, a fresh store is built and every readable outbox row is copied
// over, and the OpenReport says what happened so the UI can tell the person.
//
// Thread-safety: a LocalStore owns one SQLite connection and must be used from one thread at a
// time (the client's background worker). Opening a second LocalStore on the same folder from
// another thread or process is safe: SQLite's WAL and busy timeout serialise the writers, and
// a damaged file is moved aside only while no other store has it open (docs/sync.md, "Several
// programs on one folder"). open() may then fail with a message saying another program uses it.
//
// The store is split by subject (sync/include/stellwerk/sync/store/): places and directory,
// the person's bookings, plan and training, the outbox, and metadata. LocalStore is all of them
// over one connection, so that one transaction (atomically) spans any of them; a feature that
// needs one subject takes it alone, e.g. `const store::BookingsCache&`.
//
// Failure: open() returns an error value; every other member throws store::Error when SQLite
// fails (disk full, I/O error), leaving the database unchanged because each write runs in a
// transaction that rolls back on failure.
#pragma once

#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/store/bookings_cache.hpp"
#include "stellwerk/sync/store/database_ref.hpp"
#include "stellwerk/sync/store/outbox_queue.hpp"
#include "stellwerk/sync/store/places_cache.hpp"
#include "stellwerk/sync/store/plan_cache.hpp"
#include "stellwerk/sync/store/presence_cache.hpp"
#include "stellwerk/sync/store/store_metadata.hpp"
#include "stellwerk/sync/store/training_cache.hpp"

namespace stellwerk::store {

class LocalStore : public PlacesCache,
                   public BookingsCache,
                   public PlanCache,
                   public TrainingCache,
                   public TeamPresenceCache,
                   public OutboxQueue,
                   public StoreMetadata {
 public:
  // Opens (creating if needed) `data_dir/stellwerk.sqlite` with WAL, foreign keys, a busy timeout
  // and file mode 0600; runs a quick integrity check and the schema migrations in a transaction.
  static std::expected<LocalStore, std::string> open(const std::filesystem::path& data_dir);

  // The subjects keep pointing at the same heap-owned Database, now owned by the target.
  LocalStore(LocalStore&&) noexcept;
  LocalStore& operator=(LocalStore&&) noexcept;
  ~LocalStore();

  // Fills an empty cache from the demo file (assets/demo/demo.json); dates in the file are
  // day offsets from `today` so that the demo never goes stale. Returns a message on bad input.
  // The whole file is checked before anything is written and written in one transaction, so
  // on any error the store is unchanged. When has_data() is already true it returns success
  // without changing anything: the demo never overwrites synced or earlier demo data.
  std::expected<void, std::string> import_demo(const std::filesystem::path& json_file, Date today);

  // Runs `work` (calls on this store) in one transaction: all of it lands or none of it.
  // Calls nest; only the outermost commits.
  void atomically(const std::function<void()>& work);

 private:
  explicit LocalStore(std::unique_ptr<Database> database);
  std::unique_ptr<Database> database_;
};

}  // namespace stellwerk::store
