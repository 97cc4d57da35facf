// TeamPresenceCache: the team's presence as last fetched (see presence_cache.hpp).
#include <chrono>

#include "codec.hpp"
#include "stellwerk/sync/store/presence_cache.hpp"
#include "store_database.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

using sql::Statement;
using sql::Transaction;

}  // namespace

std::optional<TeamPresenceSnapshot> TeamPresenceCache::team_presence() const {
  auto& db = db_->connection;
  Statement state{db, "SELECT from_date, to_date, team_too_small, team_size, fetched_at FROM team_presence_state"};
  if (!state.step()) return std::nullopt;
  TeamPresenceSnapshot snapshot;
  snapshot.from = *rows::stored_date(state, 0);
  snapshot.to = *rows::stored_date(state, 1);
  snapshot.team_too_small = state.integer(2) != 0;
  snapshot.team_size = state.integer(3);
  snapshot.fetched_at = Instant{std::chrono::seconds{state.int64(4)}};
  Statement halves{db, "SELECT date, half, office, remote FROM team_presence_halves ORDER BY date, half"};
  Statement names{db, "SELECT display_name, mode FROM team_presence_names WHERE date = ? AND half = ? ORDER BY display_name"};
  while (halves.step()) {
    TeamPresenceHalf half{*rows::stored_date(halves, 0), rows::stored_enum<HalfDay>(halves, 1), {}, std::nullopt,
                          std::nullopt};
    if (!halves.is_null(2)) half.office = halves.integer(2);
    if (!halves.is_null(3)) half.remote = halves.integer(3);
    names.reset();
    names.bind_all(halves.text(0), halves.text(1));
    while (names.step()) half.named.push_back(NamedPresence{names.text(0), rows::stored_enum<WorkMode>(names, 1)});
    snapshot.halves.push_back(std::move(half));
  }
  return snapshot;
}

void TeamPresenceCache::save_team_presence(const TeamPresenceSnapshot& snapshot) {
  auto& db = db_->connection;
  Transaction transaction{db, Transaction::Kind::immediate};
  db.exec("DELETE FROM team_presence_names; DELETE FROM team_presence_halves; DELETE FROM team_presence_state;");
  Statement{db,
            "INSERT INTO team_presence_state (singleton, from_date, to_date, team_too_small, team_size, fetched_at) "
            "VALUES (1, ?, ?, ?, ?, ?)"}
      .bind_all(codec::date_text(snapshot.from), codec::date_text(snapshot.to), snapshot.team_too_small,
                snapshot.team_size, std::chrono::duration_cast<std::chrono::seconds>(snapshot.fetched_at.time_since_epoch()).count())
      .run();
  Statement half_row{db, "INSERT OR REPLACE INTO team_presence_halves (date, half, office, remote) VALUES (?, ?, ?, ?)"};
  Statement name_row{db, "INSERT INTO team_presence_names (date, half, display_name, mode) VALUES (?, ?, ?, ?)"};
  for (const TeamPresenceHalf& half : snapshot.halves) {
    const std::string date = codec::date_text(half.date);
    half_row.reset();
    half_row.bind_all(date, to_string(half.half), half.office, half.remote).run();
    for (const NamedPresence& named : half.named) {
      name_row.reset();
      name_row.bind_all(date, to_string(half.half), named.display_name, to_string(named.mode)).run();
    }
  }
  transaction.commit();
}

void TeamPresenceCache::set_presence_sharing(bool share) {
  db_->run("UPDATE employees SET presence_opt_in = ? WHERE id = (SELECT employee_id FROM me)", share);
}

}  // namespace stellwerk::store
