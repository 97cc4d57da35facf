// The bookkeeping of the local store: what opening it found, the session, the sync cursor and
// status, and clearing the cache for a full copy or another person.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

// What open() found and did, for the person to read when it was not a plain open.
struct OpenReport {
  bool created = false;                   // the file did not exist and was made
  bool rebuilt_after_corruption = false;  // the file was damaged and rebuilt
  std::filesystem::path damaged_copy;     // where the damaged file was kept (when rebuilt)
  int recovered_outbox_entries = 0;       // queued changes copied from the damaged file
  bool outbox_fully_recovered = true;     // false when some outbox rows could not be read
  std::string detail;                     // SQLite's words for what was wrong
  int migrated_from_version = 0;          // schema version before migrations ran
};

// Who is signed in where. Kept in the store (file mode 0600) so that the window and the command
// line share one session. The token is a credential: it is never copied out of a damaged file.
struct Session {
  std::string server_url;  // "https://stellwerk.example" (no trailing slash)
  std::string username;
  Id user_id;
  std::string token;  // empty: signed out (sign in again)
  std::optional<Instant> expires_at;
};

struct SyncStatus {
  int pending = 0;
  int rejected = 0;
  std::optional<Instant> last_sync;
  std::string cursor = "0";
  std::string server_url;  // empty: not connected to a server (local demo data)
};

class StoreMetadata {
 public:
  const OpenReport& open_report() const;
  int schema_version() const;
  static int latest_schema_version();
  std::filesystem::path file_path() const;

  bool has_data() const;  // false until a first sync or a demo import filled the cache
  SyncStatus sync_status() const;

  std::optional<Session> session() const;
  void save_session(const Session& session);
  void forget_token();  // keeps server and user name, so the sign-in form is pre-filled

  // --- for the sync engine ------------------------------------------------------------------
  void set_cursor(std::string_view cursor);
  void set_last_sync(Instant when);
  void set_server_url(std::string_view url);  // the server this cache belongs to; another forgets the key below
  // The server's certificate signing key (PEM), pinned at the first sync with this server and kept
  // while the store belongs to it; empty until then (sync/certificates.hpp, docs/training.md).
  std::string certificate_key() const;
  void pin_certificate_key(std::string_view pem);
  // Removes every cached row that the changes feed delivers (reference data, occupancy,
  // closures, courses, the person's bookings, workdays, enrolments and favourites) except those with a
  // pending change, before a full copy ("since=0") is applied. The cursor becomes "0".
  void clear_feed_data();
  // Everything of the cache, for signing in as another person: me, departments and the feed data.
  void clear_cache();

 protected:
  explicit StoreMetadata(Database& database) : db_(database) {}
  StoreMetadata(StoreMetadata&&) noexcept = default;
  StoreMetadata& operator=(StoreMetadata&&) noexcept = default;
  ~StoreMetadata() = default;

 private:
  DatabaseRef db_;
};

}  // namespace stellwerk::store
