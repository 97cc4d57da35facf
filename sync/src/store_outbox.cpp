// OutboxQueue: queuing changes with their mutation id and Idempotency-Key, and the sync
// engine's bookkeeping of what became of them (see outbox_queue.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "codec.hpp"
#include "schema.hpp"
#include "stellwerk/sync/store/outbox_queue.hpp"
#include "store_database.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

constexpr std::array<std::string_view, 3> kOutboxStateNames{"pending", "rejected", "done"};
static_assert(kOutboxStateNames.size() == static_cast<std::size_t>(OutboxState::COUNT));

OutboxState outbox_state(std::string_view name) {
  const auto it = std::find(kOutboxStateNames.begin(), kOutboxStateNames.end(), name);
  if (it == kOutboxStateNames.end())
    throw Error(fmt::format("the local store holds an unknown outbox state \"{}\"", name));
  return static_cast<OutboxState>(it - kOutboxStateNames.begin());
}

ChangeKind stored_kind(std::string_view name) {
  if (const auto kind = parse_change_kind(name)) return *kind;
  throw Error(fmt::format("the local store holds an unknown kind of change \"{}\"", name));
}

constexpr std::string_view kOutboxColumns =
    "SELECT mutation_id, method, path, body, created_at, state, problem, idempotency_key, kind FROM outbox ";

OutboxEntry read_entry(const sql::Statement& s) {
  OutboxEntry entry;
  entry.mutation_id = s.int64(0);
  entry.method = s.text(1);
  entry.path = s.text(2);
  entry.body = s.blob(3);
  entry.created_at = codec::instant_from_unix(s.int64(4));
  entry.state = outbox_state(s.text(5));
  entry.problem = s.text(6);
  entry.idempotency_key = s.text(7);
  entry.kind = stored_kind(s.text(8));
  return entry;
}

std::vector<OutboxEntry> read_entries(sql::Statement statement) {
  std::vector<OutboxEntry> entries;
  while (statement.step()) entries.push_back(read_entry(statement));
  return entries;
}

}  // namespace

std::vector<OutboxEntry> OutboxQueue::outbox() const {
  return read_entries(db_->query(fmt::format("{}ORDER BY mutation_id", kOutboxColumns)));
}

std::string OutboxQueue::device_id() const { return db_->connection.query_text("SELECT device_id FROM device"); }

OutboxEntry OutboxQueue::enqueue(ChangeKind kind, std::string_view method, std::string_view path, std::string_view body,
                                 std::string_view entity) {
  Database& db = *db_;
  sql::Transaction transaction{db.connection, sql::Transaction::Kind::immediate};
  auto device = db.query("SELECT device_id, next_mutation_id FROM device WHERE singleton = 1");
  if (!device.step()) throw Error("the local store has no device row");
  OutboxEntry entry;
  entry.mutation_id = device.int64(1);
  // Random, never the counter: the counter is only the local order, and a store that lost its
  // last commits hands a mutation id out again; a key the server has seen would then be
  // refused as reused (idempotency_key_reused) and the change lost.
  entry.idempotency_key = fmt::format("{}:{}", device.text(0), schema::random_hex(16));
  entry.kind = kind;
  entry.method = method;
  entry.path = path;
  entry.body = body;
  entry.created_at = rows::now_seconds();
  db.run(
      "INSERT INTO outbox (mutation_id, idempotency_key, kind, method, path, body, created_at, state, entity) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
      entry.mutation_id, entry.idempotency_key, change_kind_name(kind), entry.method, entry.path, sql::Blob{entry.body},
      codec::unix_seconds(entry.created_at), std::string{entity});
  db.run("UPDATE device SET next_mutation_id = ? WHERE singleton = 1", entry.mutation_id + 1);
  transaction.commit();
  return entry;
}

void OutboxQueue::set_entity(std::int64_t mutation_id, std::string_view entity) {
  db_->run("UPDATE outbox SET entity = ? WHERE mutation_id = ?", entity, mutation_id);
}

std::set<std::string> OutboxQueue::pending_entities() const {
  std::set<std::string> keys;
  auto s = db_->query(fmt::format("SELECT * FROM {}", rows::kPendingEntities));
  while (s.step()) keys.insert(s.text(0));
  return keys;
}

std::vector<OutboxEntry> OutboxQueue::pending_outbox() const {
  return read_entries(db_->query(fmt::format("{}WHERE state = 'pending' ORDER BY mutation_id", kOutboxColumns)));
}

std::optional<OutboxEntry> OutboxQueue::outbox_entry(std::int64_t mutation_id) const {
  auto s = db_->query(fmt::format("{}WHERE mutation_id = ?", kOutboxColumns), mutation_id);
  if (!s.step()) return std::nullopt;
  return read_entry(s);
}

std::string OutboxQueue::outbox_entity(std::int64_t mutation_id) const {
  auto s = db_->query("SELECT entity FROM outbox WHERE mutation_id = ?", mutation_id);
  return s.step() ? s.text(0) : std::string{};
}

// A sent request is never sent again: its body goes, so that a floor's drawing (up to 8 MiB) does
// not stay in the store for good, nor is read with every list of the outbox.
void OutboxQueue::mark_done(std::int64_t mutation_id) {
  db_->run("UPDATE outbox SET state = 'done', body = x'' WHERE mutation_id = ?", mutation_id);
}

// The refused change had been shown in the cache, and only a full copy of the server's state
// undoes it. Asking for that copy (cursor 0) in the same transaction keeps the need for it across
// a push that stops offline after the refusal, or a process killed before the pull: otherwise the
// next round would pull only what is new and the refused change would stay on screen for good.
void OutboxQueue::mark_rejected(std::int64_t mutation_id, std::string_view problem_json) {
  db_->atomically([&] {
    db_->run("UPDATE outbox SET state = 'rejected', problem = ? WHERE mutation_id = ?", problem_json, mutation_id);
    db_->run("UPDATE sync_state SET cursor = '0' WHERE singleton = 1");
  });
}

void OutboxQueue::dismiss_rejected(std::int64_t mutation_id) {
  db_->run("UPDATE outbox SET state = 'done' WHERE mutation_id = ? AND state = 'rejected'", mutation_id);
}

void OutboxQueue::map_id(const Id& local_id, const Id& server_id) {
  db_->run("INSERT OR REPLACE INTO id_map (local_id, server_id) VALUES (?, ?)", local_id, server_id);
}

std::optional<Id> OutboxQueue::server_id(const Id& local_id) const {
  auto s = db_->query("SELECT server_id FROM id_map WHERE local_id = ?", local_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::string booking_key(const Id& booking_id) { return "booking:" + booking_id; }
std::string workday_key(Date date, WorkdayKind kind) {
  return fmt::format("workday:{}/{}", codec::date_text(date), to_string(kind));
}
std::string enrollment_key(const Id& enrollment_id) { return "enrollment:" + enrollment_id; }
std::string favourite_key(const Id& resource_id) { return "favourite:" + resource_id; }
std::string resource_key(const Id& resource_id) { return "resource:" + resource_id; }
std::string floor_drawing_key(const Id& floor_id, std::string_view local_version) {
  return fmt::format("floor_drawing:{}/{}", floor_id, local_version);
}
std::string self_assessment_key(std::string_view competence_id) {
  return "self_assessment:" + std::string{competence_id};
}

std::string work_time_key(Date date) { return "work_time:" + codec::date_text(date); }

std::string approval_key(const Id& request_id) { return "approval:" + request_id; }

}  // namespace stellwerk::store
