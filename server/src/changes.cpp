#include "changes.hpp"

#include <charconv>

#include <fmt/format.h>

#include "messages.hpp"
#include "policy.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

constexpr int kDefaultLimit = 500;

// An entity id is unique only within one audience (every person has a workday "2026-12-02/day/
// planned"), so a row is superseded only by a later row of the same entity, id and audience.
constexpr std::string_view kSameAudience =
    "n.audience_employee IS c.audience_employee AND n.audience_building IS c.audience_building";
constexpr int kMaxLimit = 1000;

std::int64_t meta_int(sql::Connection& db, std::string_view key) {
  sql::Statement row{db, "SELECT value FROM meta WHERE key = ?"};
  row.bind_all(key);
  if (!row.step()) return 0;
  return std::stoll(row.text(0));
}

// A cursor is "<seq>" once a client is following changes, or "s<snapshot>.<after>" while it is
// still paging through the snapshot that since=0 started. Both are opaque to clients.
struct Cursor {
  std::int64_t seq = 0;              // incremental: changes after this
  std::optional<std::int64_t> snapshot;  // snapshot up to this seq, after `seq`
};

std::optional<std::int64_t> parse_number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// The document's Cursor: 1 to 64 characters. An empty `since=` is a client bug (a lost cursor),
// not a request for everything: that is `since=0` or no `since` at all.
constexpr std::size_t kMaxCursor = 64;

std::optional<Cursor> parse_cursor(std::string_view text) {
  if (text.empty() || text.size() > kMaxCursor) return std::nullopt;
  if (text.front() == 's') {
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const auto snapshot = parse_number(text.substr(1, dot - 1));
    const auto after = parse_number(text.substr(dot + 1));
    if (!snapshot || !after || *after > *snapshot) return std::nullopt;
    return Cursor{*after, *snapshot};
  }
  const auto seq = parse_number(text);
  if (!seq) return std::nullopt;
  return Cursor{*seq, std::nullopt};
}

// The buildings in the caller's window: the home building and every building they hold a
// booking in.
std::vector<Id> window_buildings(sql::Connection& db, const Principal& me) {
  std::vector<Id> buildings{me.home_building_id};
  sql::Statement booked{db,
                        "SELECT DISTINCT r.building_id FROM bookings b JOIN resources r ON r.id = b.resource_id "
                        "WHERE b.employee_id = ? AND r.building_id <> ?"};
  booked.bind_all(me.employee_id, me.home_building_id);
  while (booked.step()) buildings.push_back(booked.text(0));
  return buildings;
}

// The feed's rows in the caller's window (their own records, their buildings', everyone's):
// for a snapshot the latest upsert of every live entity up to its end, else every change after
// the cursor. A policy row concerns the people of its department only; the snapshot leaves those
// rows out, as its first page starts with the caller's policy as it is now.
// Parameters: seq, [snapshot end], employee, each building, department, snapshot (0/1), [today], limit.
std::string feed_query(bool snapshot, std::size_t building_count) {
  std::string building_list;
  for (std::size_t i = 0; i < building_count; ++i) building_list += i == 0 ? "?" : ", ?";
  const std::string audience = fmt::format(
      "(c.audience_employee = ? OR c.audience_building IN ({}) "
      "OR (c.audience_employee IS NULL AND c.audience_building IS NULL)) "
      "AND (c.entity <> 'policy' OR (c.entity_id = ? AND ? = 0))",
      building_list);
  if (!snapshot) {
    return fmt::format("SELECT c.seq, c.entity, c.entity_id, c.op, c.data FROM changes c "
                       "WHERE c.seq > ? AND {} ORDER BY c.seq LIMIT ?",
                       audience);
  }
  return fmt::format("SELECT c.seq, c.entity, c.entity_id, c.op, c.data FROM changes c "
                     "WHERE c.seq > ? AND c.seq <= ? AND {} AND c.op = 'upsert' "
                     "AND (c.day IS NULL OR c.day >= ?) "
                     "AND NOT EXISTS (SELECT 1 FROM changes n WHERE n.entity = c.entity "
                     "AND n.entity_id = c.entity_id AND {} AND n.seq > c.seq) "
                     "ORDER BY c.seq LIMIT ?",
                     audience, kSameAudience);
}

Reply changes_feed(Call& call) {
  const auto cursor = parse_cursor(call.query("since").value_or("0"));
  if (!cursor) fail(400, Refusal::invalid_parameter, "since");
  int limit = kDefaultLimit;
  if (const auto text = call.query("limit")) {
    const auto value = parse_number(*text);
    if (!value || *value < 1 || *value > kMaxLimit) fail(400, Refusal::invalid_parameter, "limit");
    limit = static_cast<int>(*value);
  }
  const Principal& me = call.me();
  const Instant now = call.clock.now();
  const std::string today = format_date(local_date(now));

  return call.db.read([&](sql::Connection& db) {
    // The AUTOINCREMENT counter, not MAX(seq): pruning may delete the newest rows (a superseded
    // delete), and the newest seq ever handed out must not go down.
    const std::int64_t newest =
        db.query_int("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)");
    const bool snapshot = cursor->snapshot.has_value() || cursor->seq == 0;
    if ((!snapshot && cursor->seq < meta_int(db, "changes_pruned_through")) || cursor->seq > newest ||
        cursor->snapshot.value_or(0) > newest) {
      // Too old to serve, or from another server's history (a newer seq than this one has).
      fail(410, Refusal::cursor_expired);
    }
    const std::int64_t snapshot_end = cursor->snapshot.value_or(newest);

    const auto buildings = window_buildings(db, me);
    sql::Statement rows{db, feed_query(snapshot, buildings.size())};
    int index = 0;
    rows.bind(++index, cursor->seq);
    if (snapshot) rows.bind(++index, snapshot_end);
    rows.bind(++index, me.employee_id);
    for (const auto& building : buildings) rows.bind(++index, building);
    rows.bind(++index, me.department_id);
    rows.bind(++index, snapshot ? 1 : 0);
    if (snapshot) rows.bind(++index, today);
    rows.bind(++index, limit + 1);

    const auto policy_change = [&] {
      return wire::Change{wire::ChangeEntity::policy, me.department_id, wire::ChangeOp::upsert,
                          wire::encode(caller_policy(db, me, call.language, now))};
    };
    wire::ChangesPage page;
    if (cursor->seq == 0 && !cursor->snapshot) page.changes.push_back(policy_change());
    std::int64_t last = cursor->seq;
    while (rows.step()) {
      if (static_cast<int>(page.changes.size()) == limit) {
        page.has_more = true;
        break;
      }
      last = rows.int64(0);
      const auto entity = wire::EnumNames<wire::ChangeEntity>::parse(rows.text(1));
      if (!entity) throw StorageError(fmt::format("unknown entity {} in changes", rows.text(1)));
      if (*entity == wire::ChangeEntity::policy) {
        page.changes.push_back(policy_change());
        continue;
      }
      const bool removed = rows.text(3) == "delete";
      page.changes.push_back(wire::Change{*entity, rows.text(2), removed ? wire::ChangeOp::delete_ : wire::ChangeOp::upsert,
                                          rows.is_null(4) ? std::nullopt : std::optional<Json>{Json::parse(rows.text(4))}});
    }
    if (snapshot) {
      // While paging the snapshot the cursor remembers where it ends; the last page hands over
      // to ordinary following from the snapshot's end.
      page.cursor = page.has_more ? fmt::format("s{}.{}", snapshot_end, last) : std::to_string(snapshot_end);
    } else {
      page.cursor = std::to_string(last);
    }
    return Reply{200, wire::encode(page)};
  });
}

}  // namespace

void record_change(sql::Connection& db, std::string_view entity, std::string_view id, ChangeOp op, const Json& data,
                   const Audience& audience, Instant now, std::optional<Date> day) {
  sql::Statement{db,
                 "INSERT INTO changes (entity, entity_id, op, data, audience_employee, audience_building, day, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"}
      .bind_all(entity, id, op == ChangeOp::upsert ? "upsert" : "delete",
                op == ChangeOp::upsert ? std::optional<std::string>{data.dump()} : std::nullopt, audience.employee,
                audience.building, day ? std::optional<std::string>{format_date(*day)} : std::nullopt,
                unix_seconds(now))
      .run();
}

void prune_changes(sql::Connection& db, Instant now) {
  const std::int64_t cutoff = unix_seconds(now) - std::int64_t{kChangeHistoryDays} * 86'400;
  const std::string condition =
      "created_at < ? AND (op = 'delete' OR EXISTS (SELECT 1 FROM changes n WHERE n.entity = changes.entity "
      "AND n.entity_id = changes.entity_id AND n.audience_employee IS changes.audience_employee "
      "AND n.audience_building IS changes.audience_building AND n.seq > changes.seq))";
  sql::Statement newest{db, "SELECT MAX(seq) FROM changes WHERE " + condition};
  newest.bind_all(cutoff);
  if (!newest.step() || newest.is_null(0)) return;
  const std::int64_t through = newest.int64(0);
  sql::Statement{db, "DELETE FROM changes WHERE " + condition}.bind_all(cutoff).run();
  sql::Statement{db,
                 "INSERT INTO meta (key, value) VALUES ('changes_pruned_through', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value"}
      .bind_all(std::to_string(through))
      .run();
}

std::vector<Route> change_routes() { return {Route{"GET", "/api/v1/changes", Auth::employee, changes_feed}}; }

}  // namespace stellwerk::server
