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
// Failure: open() returns an error value; every other member throws store::Error when SQLite
// fails (disk full, I/O error), leaving the database unchanged because each write runs in a
// transaction that rolls back on failure.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sqlite/sqlite.hpp"

namespace stellwerk::store {

// Every storage failure, including SQLite's own errors (sql::SqliteError derives from it).
using Error = StorageError;

// What open() found and did, for the person to read when it was not a plain open.
struct OpenReport {
  bool created = false;                    // the file did not exist and was made
  bool rebuilt_after_corruption = false;   // the file was damaged and rebuilt
  std::filesystem::path damaged_copy;      // where the damaged file was kept (when rebuilt)
  int recovered_outbox_entries = 0;        // queued changes copied from the damaged file
  bool outbox_fully_recovered = true;      // false when some outbox rows could not be read
  std::string detail;                      // SQLite's words for what was wrong
  int migrated_from_version = 0;           // schema version before migrations ran
};

enum class OutboxState : std::uint8_t { pending, rejected, done, COUNT };

// A queued local change, sent to the server in mutation_id order (issue: sync engine).
struct OutboxEntry {
  std::int64_t mutation_id = 0;
  std::string method;     // "POST", "PUT", "DELETE"
  std::string path;       // "/api/v1/bookings"
  std::string body;       // exact bytes sent on every retry
  Instant created_at{};
  OutboxState state = OutboxState::pending;
  std::string problem;    // the server's problem+json for a rejected change
  // "<device-id>:<random hex>", drawn when the change is queued and stored with it, so that
  // a retry sends the same key even after the device row was lost in a rebuild; never the
  // mutation id, which a store that lost its last commits can hand out again.
  std::string idempotency_key;
};

// Who is signed in where. Kept in the store (file mode 0600) so that the window and the command
// line share one session. The token is a credential: it is never copied out of a damaged file.
struct Session {
  std::string server_url;   // "https://stellwerk.example" (no trailing slash)
  std::string username;
  Id user_id;
  std::string token;        // empty: signed out (sign in again)
  std::optional<Instant> expires_at;
};

// Someone's booking as the changes feed tells it: which resource and when, never who. The
// person's own bookings are in it as well (the server cannot tell devices apart).
struct Occupancy {
  Id id;
  Id resource_id;
  Instant start{};
  Instant end{};
};

struct Closure {
  Id building_id;
  Date date{};
  std::string reason;
};

struct SyncStatus {
  int pending = 0;
  int rejected = 0;
  std::optional<Instant> last_sync;
  std::string cursor = "0";
  std::string server_url;   // empty: not connected to a server (local demo data)
};

class LocalStore {
 public:
  // Opens (creating if needed) `data_dir/stellwerk.sqlite` with WAL, foreign keys, a busy timeout
  // and file mode 0600; runs a quick integrity check and the schema migrations in a transaction.
  static std::expected<LocalStore, std::string> open(const std::filesystem::path& data_dir);

  LocalStore(LocalStore&&) noexcept;
  LocalStore& operator=(LocalStore&&) noexcept;
  ~LocalStore();

  const OpenReport& open_report() const;
  int schema_version() const;
  static int latest_schema_version();
  std::filesystem::path file_path() const;

  // --- cached reference and personal data -------------------------------------------------
  bool has_data() const;  // false until a first sync or a demo import filled the cache
  std::optional<Employee> me() const;
  std::optional<Department> department(const Id& id) const;
  std::vector<Building> buildings() const;                       // ordered by name, floors by level
  std::vector<Resource> resources_on_floor(const Id& floor_id) const;  // ordered by type, name
  std::vector<Booking> my_bookings(Date from, Date to) const;    // inclusive Berlin days of start; all states
  std::vector<Workday> my_workdays(Date from, Date to) const;    // both inclusive, by date, half
  std::vector<Course> courses() const;                           // ordered by competence, title
  std::vector<Enrollment> my_enrollments() const;                // by due date (undated last), id
  std::optional<Resource> resource(const Id& id) const;
  std::optional<Booking> booking(const Id& id) const;
  std::vector<Resource> resources_in_building(const Id& building_id) const;
  std::optional<Id> building_of_floor(const Id& floor_id) const;  // nullopt for a floor not cached
  // Anonymous bookings of others (and of the person) from the changes feed that overlap [start, end).
  std::vector<Id> occupied_resources(Instant start, Instant end) const;
  // Other people's bookings of the floor's resources overlapping [from, to), by resource and start:
  // the feed's occupancy without the person's own bookings, which it holds too. A row is the
  // person's own when one of their bookings has its resource and times and still holds the place
  // here (booked, checked in, or cancelled with the cancellation not yet sent); a confirmed
  // cancellation took its row out of the feed, so a row with the same times is someone else's.
  std::vector<Occupancy> others_on_floor(const Id& floor_id, Instant from, Instant to) const;
  // Closed days of any building between the two days (inclusive), by building and date.
  std::vector<Closure> closures(Date from, Date to) const;
  std::vector<Favourite> favourites() const;  // by added_at, resource id

  // --- writes to the cache (the sync engine and the demo import use these) -----------------
  void set_me(const Employee& me, const Department& department);
  void upsert_building(const Building& building);   // with its floors
  void upsert_resource(const Resource& resource);
  void upsert_booking(const Booking& booking);
  void upsert_workday(const Workday& workday);
  // A person's planning: replaces what was planned for that day and kind. A whole day replaces
  // both halves; a half day splits an earlier whole-day plan, the other half keeping its mode.
  void plan_workday(const Workday& workday);
  void upsert_course(const Course& course);
  void upsert_enrollment(const Enrollment& enrollment);
  // A favourite marked usual takes the mark from every other favourite.
  void upsert_favourite(const Favourite& favourite);

  // Fills an empty cache from the demo file (assets/demo/demo.json); dates in the file are
  // day offsets from `today` so that the demo never goes stale. Returns a message on bad input.
  // The whole file is checked before anything is written and written in one transaction, so
  // on any error the store is unchanged. When has_data() is already true it returns success
  // without changing anything: the demo never overwrites synced or earlier demo data.
  std::expected<void, std::string> import_demo(const std::filesystem::path& json_file, Date today);

  // --- outbox and sync bookkeeping -------------------------------------------------------
  std::vector<OutboxEntry> outbox() const;   // all entries, by mutation_id
  SyncStatus sync_status() const;

  // This installation's random id (32 hex digits); it survives a rebuilt cache.
  std::string device_id() const;
  // Queues one change with the next mutation id and its Idempotency-Key, in one
  // transaction with the counter increment. `entity` names what the change touches (see the
  // *_key functions below); the pull leaves entities with pending changes alone.
  OutboxEntry enqueue(std::string_view method, std::string_view path, std::string_view body,
                      std::string_view entity = {});
  void set_entity(std::int64_t mutation_id, std::string_view entity);
  // Entity keys of all pending changes.
  std::set<std::string> pending_entities() const;

  // Runs `work` (calls on this store) in one transaction: all of it lands or none of it.
  // Calls nest; only the outermost commits.
  void atomically(const std::function<void()>& work);

  std::optional<Session> session() const;
  void save_session(const Session& session);
  void forget_token();  // keeps server and user name, so the sign-in form is pre-filled

  // --- for the sync engine ------------------------------------------------------------------
  std::vector<OutboxEntry> pending_outbox() const;  // by mutation_id
  std::optional<OutboxEntry> outbox_entry(std::int64_t mutation_id) const;
  std::string outbox_entity(std::int64_t mutation_id) const;  // "" when none
  void mark_done(std::int64_t mutation_id);
  void mark_rejected(std::int64_t mutation_id, std::string_view problem_json);
  void dismiss_rejected(std::int64_t mutation_id);  // rejected -> done, problem kept
  // Local ids of changes made offline, and the server ids they became.
  void map_id(const Id& local_id, const Id& server_id);
  std::optional<Id> server_id(const Id& local_id) const;
  void set_cursor(std::string_view cursor);
  void set_last_sync(Instant when);
  void set_server_url(std::string_view url);  // the server this cache belongs to
  // Removes every cached row that the changes feed delivers (reference data, occupancy,
  // closures, courses, the person's bookings, workdays, enrolments and favourites) except those with a
  // pending change, before a full copy ("since=0") is applied. The cursor becomes "0".
  void clear_feed_data();
  // Everything of the cache, for signing in as another person: me, departments and the feed data.
  void clear_cache();

  void upsert_occupancy(const Id& id, const Id& resource_id, Instant start, Instant end);
  void upsert_closure(const Id& building_id, Date date, std::string_view reason);
  void remove_building(const Id& id);
  void remove_resource(const Id& id);
  void remove_occupancy(const Id& id);
  void remove_closure(const Id& building_id, Date date);
  void remove_course(const Id& id);
  void remove_booking(const Id& id);
  void remove_workday(Date date, HalfDay half, WorkdayKind kind);
  void remove_enrollment(const Id& id);
  void remove_favourite(const Id& resource_id);

 private:
  struct Impl;
  explicit LocalStore(std::unique_ptr<Impl>);
  std::unique_ptr<Impl> impl_;
};

// Entity keys of queued changes.
std::string booking_key(const Id& booking_id);        // "booking:bk_1"
std::string workday_key(Date date, WorkdayKind kind);  // "workday:2026-12-01/planned"
std::string enrollment_key(const Id& enrollment_id);  // "enrollment:en_1"
std::string favourite_key(const Id& resource_id);      // "favourite:r_1"

}  // namespace stellwerk::store
