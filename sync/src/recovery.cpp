// Damage detection and rescue of the durable part of a store file. A damaged B-tree stops a
// table scan at the first bad page, so the outbox is read in three passes: forwards until the
// first error, backwards from the end until the first error, and point lookups by mutation_id
// for the gap between the two (the ids are dense because they come from one counter). Rows on
// pages that cannot be read are lost; the caller reports that through `complete == false`.
//
// The column lists below name schema version 1's durable tables, with the outbox columns later
// versions added read when the damaged file has them (entity: 2, kind: 4). A migration that
// changes `device`, `outbox` or `sync_state` must keep reading older damaged files here.
#include "recovery.hpp"

#include "schema.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace stellwerk::store::recovery {
namespace {

struct OutboxRow {
  std::int64_t mutation_id = 0;
  std::string idempotency_key, method, path, body;
  std::int64_t created_at = 0;
  std::string state, problem, entity;
  ChangeKind kind = ChangeKind::other;
};

bool has_outbox_column(sql::Connection& db, std::string_view column) {
  try {
    sql::Statement probe{db, fmt::format("SELECT {} FROM outbox LIMIT 0", column)};
    return true;
  } catch (const Error&) {
    return false;
  }
}

// `entity` came with schema version 2 and `kind` with 4; an older damaged file reads them as ''.
std::string outbox_select(sql::Connection& db) {
  return fmt::format(
      "SELECT mutation_id, idempotency_key, method, path, body, created_at, state, problem, {}, {} FROM outbox ",
      has_outbox_column(db, "entity") ? "entity" : "''", has_outbox_column(db, "kind") ? "kind" : "''");
}

// Point lookups per damaged gap: enough for any realistic queue, bounded so that a garbage
// counter cannot keep the start-up busy.
constexpr std::int64_t kMaxProbes = 100'000;
// How far past the last readable id to look when neither the counter nor the tail is readable.
constexpr std::int64_t kBlindProbeSpan = 4'096;

// A row without a kind (an older file), or with one its damaged bytes made unreadable, is
// classified from its request like the migration to version 4 does.
OutboxRow read_row(const sql::Statement& s) {
  OutboxRow row{s.int64(0), s.text(1), s.text(2), s.text(3), s.blob(4), s.int64(5), s.text(6), s.text(7), s.text(8)};
  const auto kind = parse_change_kind(s.text(9));
  row.kind = kind ? *kind : schema::kind_of_request(row.method, row.path);
  return row;
}

// Reads rows in the statement's order until the end (returns true) or the first error (false).
bool scan(sql::Connection& db, const std::string& select, std::string_view order, std::map<std::int64_t, OutboxRow>& rows,
          std::string& error) {
  try {
    sql::Statement statement{db, fmt::format("{}{}", select, order)};
    while (statement.step()) {
      OutboxRow row = read_row(statement);
      rows.emplace(row.mutation_id, std::move(row));
    }
    return true;
  } catch (const Error& e) {
    error = e.what();
    return false;
  }
}

std::string utc_stamp() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%Y%m%dT%H%M%S", now);
}

std::filesystem::path with_suffix(const std::filesystem::path& file, std::string_view suffix) {
  return std::filesystem::path{file.string() + std::string{suffix}};
}

}  // namespace

std::optional<std::string> find_damage(sql::Connection& db) {
  try {
    sql::Statement check{db, "PRAGMA quick_check"};
    std::string problems;
    while (check.step()) {
      const std::string line = check.text(0);
      if (line == "ok") continue;
      if (!problems.empty()) problems += "; ";
      problems += line;
    }
    if (problems.empty()) return std::nullopt;
    return problems;
  } catch (const sql::SqliteError& e) {
    if (e.means_damaged_file()) return std::string{e.what()};
    throw;
  }
}

std::filesystem::path move_aside(const std::filesystem::path& file) {
  const std::string stamp = utc_stamp();
  std::filesystem::path target = with_suffix(file, ".damaged-" + stamp);
  for (int n = 2; std::filesystem::exists(target) || std::filesystem::exists(with_suffix(target, "-wal")); ++n) {
    target = with_suffix(file, fmt::format(".damaged-{}-{}", stamp, n));
  }
  std::error_code error;
  std::filesystem::rename(file, target, error);
  if (error) throw Error(fmt::format("cannot move the damaged store {} aside: {}", file.string(), error.message()));
  for (const std::string_view companion : {"-wal", "-shm"}) {
    const auto from = with_suffix(file, companion);
    if (std::filesystem::exists(from, error)) {
      std::filesystem::rename(from, with_suffix(target, companion), error);
      // A stale -wal left behind would be replayed into the fresh file; better to remove it.
      if (error) std::filesystem::remove(from, error);
    }
  }
  return target;
}

namespace {

// What could be read of the durable part of a damaged file.
struct DurableData {
  std::optional<std::string> device_id;
  std::optional<std::int64_t> next_mutation_id;
  std::optional<std::string> server_url;
  // The server's pinned certificate key: kept so that a recovered store does not trust whatever
  // key the next sync offers.
  std::optional<std::string> certificate_key;
  // Local ids of changes made offline, mapped to the server's ids; without them a queued cancel
  // of an offline booking could not be sent.
  std::vector<std::pair<std::string, std::string>> id_map;
  std::map<std::int64_t, OutboxRow> outbox;
  // "My usual week" (weekday, half, mode as stored): the person's own, on no server.
  std::vector<std::tuple<int, std::string, std::string>> usual_week;
};

void read_device(sql::Connection& old, DurableData& data, std::vector<std::string>& notes) {
  try {
    sql::Statement device{old, "SELECT device_id, next_mutation_id FROM device WHERE singleton = 1"};
    if (device.step() && !device.text(0).empty()) {
      data.device_id = device.text(0);
      data.next_mutation_id = device.int64(1);
    }
  } catch (const Error& e) {
    notes.push_back(fmt::format("device row unreadable ({})", e.what()));
  }
  if (!data.device_id) notes.push_back("a new device id was created");
}

// The server URL and the id map are read best effort: the URL is only a setting the person can
// enter again, and version 1 files have no id_map.
void read_settings(sql::Connection& old, DurableData& data) {
  try {
    sql::Statement sync{old, "SELECT server_url FROM sync_state WHERE singleton = 1"};
    if (sync.step()) data.server_url = sync.text(0);
  } catch (const Error&) {
    // Left empty.
  }
  try {
    // Files before schema 8 have no such column; the key is then pinned at the next sync.
    sql::Statement key{old, "SELECT certificate_key FROM sync_state WHERE singleton = 1"};
    if (key.step() && !key.text(0).empty()) data.certificate_key = key.text(0);
  } catch (const Error&) {
    // Left empty.
  }
  try {
    sql::Statement ids{old, "SELECT local_id, server_id FROM id_map"};
    while (ids.step()) data.id_map.emplace_back(ids.text(0), ids.text(1));
  } catch (const Error&) {
    // A damaged one loses the mappings it could not give.
  }
  try {
    sql::Statement week{old, "SELECT weekday, half, mode FROM usual_week"};
    while (week.step()) data.usual_week.emplace_back(week.integer(0), week.text(1), week.text(2));
  } catch (const Error&) {
    // Files before version 5 have none; a damaged one can be saved again from a planned week.
  }
}

// The three passes of the file comment. Returns false when any row may have been lost.
bool read_outbox(sql::Connection& old, DurableData& data, std::vector<std::string>& notes) {
  const std::string select = outbox_select(old);
  auto& rows = data.outbox;
  std::string scan_error;
  if (scan(old, select, "ORDER BY mutation_id ASC", rows, scan_error)) return true;
  notes.push_back(fmt::format("outbox partly unreadable ({})", scan_error));
  const std::int64_t last_forward = rows.empty() ? 0 : rows.rbegin()->first;
  std::map<std::int64_t, OutboxRow> tail;
  std::string ignored;
  scan(old, select, "ORDER BY mutation_id DESC", tail, ignored);
  std::int64_t upper = last_forward + kBlindProbeSpan;
  if (data.next_mutation_id && *data.next_mutation_id > last_forward) upper = *data.next_mutation_id - 1;
  if (!tail.empty() && tail.begin()->first > last_forward) upper = tail.begin()->first - 1;
  rows.merge(tail);
  upper = std::min(upper, last_forward + kMaxProbes);
  try {
    sql::Statement probe{old, fmt::format("{}WHERE mutation_id = ?", select)};
    for (std::int64_t id = last_forward + 1; id <= upper; ++id) {
      try {
        probe.reset();
        probe.bind(1, id);
        if (probe.step()) rows.emplace(id, read_row(probe));
      } catch (const Error&) {
        // This row sits on an unreadable page; the caller reports the loss.
      }
    }
  } catch (const Error&) {
    // Not even a lookup can be prepared: the schema itself is unreadable.
  }
  return false;
}

// Writes what was read into the fresh store, in one transaction.
void write_durable(const DurableData& data, sql::Connection& into, Recovered& result, std::vector<std::string>& notes) {
  sql::Transaction transaction{into, sql::Transaction::Kind::immediate};
  sql::Statement insert{into,
                        "INSERT INTO outbox (mutation_id, idempotency_key, method, path, body, created_at, state, problem, "
                        "entity, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mutation_id) DO NOTHING"};
  for (const auto& [id, row] : data.outbox) {
    try {
      insert.reset();
      insert.bind_all(row.mutation_id, row.idempotency_key, row.method, row.path, sql::Blob{row.body}, row.created_at,
                      row.state, row.problem, row.entity, change_kind_name(row.kind));
      insert.run();
      ++result.outbox_entries;
    } catch (const sql::SqliteError& e) {
      // A row whose bytes were damaged so that it violates a CHECK; only that statement failed.
      if ((e.code() & 0xff) != SQLITE_CONSTRAINT) throw;
      result.complete = false;
      notes.push_back(fmt::format("outbox row {} invalid ({})", id, e.what()));
    }
  }
  if (data.device_id) {
    sql::Statement update{into, "UPDATE device SET device_id = ?, next_mutation_id = ? WHERE singleton = 1"};
    update.bind_all(*data.device_id, std::max<std::int64_t>(*data.next_mutation_id, 1)).run();
    result.device_recovered = true;
  }
  // The counter must stay ahead of every id ever handed out, also when the device row was lost
  // (the fresh id then starts a new key space, and old rows keep their stored keys).
  into.exec(
      "UPDATE device SET next_mutation_id = max(next_mutation_id, "
      "(SELECT coalesce(max(mutation_id), 0) + 1 FROM outbox)) WHERE singleton = 1");
  if (data.server_url) {
    sql::Statement update{into, "UPDATE sync_state SET server_url = ? WHERE singleton = 1"};
    update.bind_all(*data.server_url).run();
  }
  if (data.certificate_key) {
    sql::Statement update{into, "UPDATE sync_state SET certificate_key = ? WHERE singleton = 1"};
    update.bind_all(*data.certificate_key).run();
  }
  sql::Statement map_insert{into, "INSERT OR IGNORE INTO id_map (local_id, server_id) VALUES (?, ?)"};
  for (const auto& [local_id, server_id] : data.id_map) {
    map_insert.reset();
    map_insert.bind_all(local_id, server_id).run();
  }
  for (const auto& [weekday, half, mode] : data.usual_week) {
    try {
      sql::Statement{into, "INSERT OR IGNORE INTO usual_week (weekday, half, mode) VALUES (?, ?, ?)"}
          .bind_all(weekday, half, mode)
          .run();
    } catch (const sql::SqliteError& e) {
      if ((e.code() & 0xff) != SQLITE_CONSTRAINT) throw;  // a damaged row that fails a CHECK is left out
    }
  }
  transaction.commit();
}

}  // namespace

Recovered copy_durable_data(const std::filesystem::path& damaged, sql::Connection& into) {
  Recovered result;
  std::vector<std::string> notes;

  sql::Connection old;
  try {
    old = sql::Connection::open(damaged, sql::Connection::Mode::read_only);
  } catch (const Error& e) {
    result.complete = false;
    result.detail = fmt::format("the damaged copy could not be opened: {}", e.what());
    return result;
  }

  try {
    // A file shorter than its header claims is refused as corrupt unless the schema is
    // "writable"; on a read-only connection this only relaxes that check (as .recover does).
    old.exec("PRAGMA writable_schema = ON");
  } catch (const Error&) {
    // The reads below report what is unreadable.
  }

  DurableData data;
  read_device(old, data, notes);
  read_settings(old, data);
  if (!read_outbox(old, data, notes)) result.complete = false;
  write_durable(data, into, result, notes);

  notes.insert(notes.begin(), fmt::format("{} queued change(s) recovered", result.outbox_entries));
  for (const auto& note : notes) {
    if (!result.detail.empty()) result.detail += "; ";
    result.detail += note;
  }
  return result;
}

}  // namespace stellwerk::store::recovery
