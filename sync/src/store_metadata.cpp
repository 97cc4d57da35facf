// StoreMetadata: what opening found, the session, the sync cursor and status, and clearing
// the cache (see store_metadata.hpp).
#include "stellwerk/sync/store/store_metadata.hpp"

#include <fmt/format.h>

#include "codec.hpp"
#include "schema.hpp"
#include "store_database.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

using sql::Statement;
using sql::Transaction;

}  // namespace

const OpenReport& StoreMetadata::open_report() const { return db_->report; }

int StoreMetadata::schema_version() const { return static_cast<int>(db_->connection.query_int("PRAGMA user_version")); }

int StoreMetadata::latest_schema_version() { return schema::latest_version(); }

std::filesystem::path StoreMetadata::file_path() const { return db_->file; }

bool StoreMetadata::has_data() const { return rows::cache_has_data(db_->connection); }

SyncStatus StoreMetadata::sync_status() const {
  Transaction snapshot{db_->connection, Transaction::Kind::deferred};
  SyncStatus status;
  Statement counts{db_->connection,
                   "SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'rejected') "
                   "FROM outbox"};
  counts.step();
  status.pending = counts.integer(0);
  status.rejected = counts.integer(1);
  Statement state{db_->connection, "SELECT cursor, last_sync, server_url FROM sync_state WHERE singleton = 1"};
  if (state.step()) {
    status.cursor = state.text(0);
    if (!state.is_null(1)) status.last_sync = codec::instant_from_unix(state.int64(1));
    status.server_url = state.text(2);
  }
  snapshot.commit();
  return status;
}

std::optional<Session> StoreMetadata::session() const {
  Statement s{db_->connection,
              "SELECT server_url, username, user_id, token, expires_at FROM session WHERE singleton = 1"};
  if (!s.step()) return std::nullopt;
  Session session{s.text(0), s.text(1), s.text(2), s.text(3), std::nullopt};
  if (!s.is_null(4)) session.expires_at = codec::instant_from_unix(s.int64(4));
  return session;
}

void StoreMetadata::save_session(const Session& session) {
  db_->run(
      "INSERT INTO session (singleton, server_url, username, user_id, token, expires_at) VALUES (1, ?, ?, ?, ?, ?) "
      "ON CONFLICT (singleton) DO UPDATE SET server_url = excluded.server_url, username = excluded.username, "
      "user_id = excluded.user_id, token = excluded.token, expires_at = excluded.expires_at",
      session.server_url, session.username, session.user_id, session.token, rows::optional_unix(session.expires_at));
}

void StoreMetadata::forget_token() { db_->connection.exec("UPDATE session SET token = '', expires_at = NULL"); }

void StoreMetadata::set_cursor(std::string_view cursor) {
  db_->run("UPDATE sync_state SET cursor = ? WHERE singleton = 1", cursor);
}

void StoreMetadata::set_last_sync(Instant when) {
  db_->run("UPDATE sync_state SET last_sync = ? WHERE singleton = 1", codec::unix_seconds(when));
}

void StoreMetadata::set_server_url(std::string_view url) {
  // A key pinned for one server says nothing about another's certificates.
  db_->run(
      "UPDATE sync_state SET server_url = ?1, certificate_key = CASE WHEN server_url = ?1 THEN certificate_key "
      "ELSE '' END WHERE singleton = 1",
      url);
}

std::string StoreMetadata::certificate_key() const {
  Statement s{db_->connection, "SELECT certificate_key FROM sync_state WHERE singleton = 1"};
  return s.step() ? s.text(0) : std::string{};
}

void StoreMetadata::pin_certificate_key(std::string_view pem) {
  db_->run("UPDATE sync_state SET certificate_key = ? WHERE singleton = 1", pem);
}

void StoreMetadata::clear_feed_data() {
  auto& db = db_->connection;
  Transaction transaction{db, Transaction::Kind::immediate};
  // Bookings, workdays and enrolments with a pending change keep the person's newer intent.
  db.exec(
      fmt::format("DELETE FROM bookings WHERE 'booking:' || id NOT IN {};"
                  "DELETE FROM workdays WHERE 'workday:' || date || '/' || kind NOT IN "
                  "(SELECT entity FROM outbox WHERE state = 'pending');"
                  "DELETE FROM enrollments WHERE 'enrollment:' || id NOT IN "
                  "(SELECT entity FROM outbox WHERE state = 'pending');"
                  "DELETE FROM favourites WHERE 'favourite:' || resource_id NOT IN "
                  "(SELECT entity FROM outbox WHERE state = 'pending');"
                  "DELETE FROM work_times WHERE 'work_time:' || date NOT IN "
                  "(SELECT entity FROM outbox WHERE state = 'pending');"
                  "DELETE FROM self_assessments WHERE 'self_assessment:' || competence_id NOT IN "
                  "(SELECT entity FROM outbox WHERE state = 'pending');"
                  "DELETE FROM competence_targets;"
                  "DELETE FROM occupancy; DELETE FROM closures; DELETE FROM courses;"
                  "DELETE FROM resource_features; DELETE FROM resources; DELETE FROM floors; DELETE FROM buildings;"
                  "UPDATE sync_state SET cursor = '0' WHERE singleton = 1;",
                  rows::kPendingEntities));
  transaction.commit();
}

void StoreMetadata::clear_cache() {
  auto& db = db_->connection;
  Transaction transaction{db, Transaction::Kind::immediate};
  db.exec(
      "DELETE FROM bookings; DELETE FROM workdays; DELETE FROM enrollments; DELETE FROM occupancy;"
      "DELETE FROM favourites; DELETE FROM work_times; DELETE FROM self_assessments; DELETE FROM competence_targets;"
      "DELETE FROM closures; DELETE FROM courses; DELETE FROM resource_features; DELETE FROM resources;"
      "DELETE FROM floors; DELETE FROM floor_drawings; DELETE FROM buildings; DELETE FROM me; DELETE FROM employees;"
      "DELETE FROM departments; DELETE FROM organisations; DELETE FROM usual_week;"
      "DELETE FROM team_presence_names; DELETE FROM team_presence_halves; DELETE FROM team_presence_state;"
      "UPDATE sync_state SET cursor = '0', last_sync = NULL WHERE singleton = 1;");
  transaction.commit();
}

}  // namespace stellwerk::store
