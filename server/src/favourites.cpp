// Favourites: the desks, rooms and parking spaces a person marked to find them quickly, and at
// most one of them "usual", the desk "book my usual" takes. They belong to the person alone:
// every change goes into the changes feed for that person only, so another device of theirs
// (and a new one, through the since=0 snapshot, which is read from the same log) sees them, and
// nobody else ever does.
//
// PUT is idempotent without a key: putting a favourite again only sets `usual` and keeps
// `added_at`, and DELETE of something that is not a favourite is 204 as well. That is what an
// offline client needs when it replays a queue whose first attempt may have arrived.
#include <chrono>
#include <vector>

#include "changes.hpp"
#include "messages.hpp"
#include "reference.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

// Enough for every desk and room a person really uses, few enough for a short list and a small
// snapshot. A favourite that already exists never counts against it.
constexpr int kMaxFavourites = 50;

std::vector<wire::Favourite> select_favourites(sql::Connection& db, std::string_view where, auto&&... args) {
  sql::Statement rows{db, "SELECT resource_id, usual, added_at FROM favourites WHERE employee_id = ? " +
                              std::string{where} + " ORDER BY added_at, resource_id"};
  rows.bind_all(args...);
  std::vector<wire::Favourite> found;
  while (rows.step()) {
    found.push_back(wire::Favourite{rows.text(0), rows.integer(1) != 0, Instant{std::chrono::seconds{rows.int64(2)}}});
  }
  return found;
}

void record_favourite(sql::Connection& db, const Id& employee_id, const wire::Favourite& f, Instant now) {
  record_change(db, "favourite", f.resource_id, ChangeOp::upsert, wire::encode(f),
                Audience{employee_id, std::nullopt}, now);
}

Reply list_favourites(Call& call) {
  return call.db.read([&](sql::Connection& db) {
    Json list = Json::array();
    for (const auto& favourite : select_favourites(db, "", call.me().employee_id)) {
      list.push_back(wire::encode(favourite));
    }
    return Reply{200, std::move(list)};
  });
}

Reply put_favourite(Call& call) {
  const Id resource_id = call.param(0);
  // No body means "a plain favourite", so that the simplest call does the common thing; a body
  // that is there is read as strictly as every other body.
  const Json body = call.request.body.empty() ? Json::object() : call.body();
  const bool usual = decoded_or_fail(wire::decode<wire::FavouriteRequest>(body)).usual.value_or(false);
  const Id me = call.me().employee_id;

  return call.write([&](sql::Connection& db) {
    const Instant now = call.clock.now();
    if (!find_resource(db, resource_id)) fail(404, Refusal::resource_not_found);
    const auto existing = select_favourites(db, "AND resource_id = ?", me, resource_id);
    if (existing.empty()) {
      sql::Statement count{db, "SELECT COUNT(*) FROM favourites WHERE employee_id = ?"};
      count.bind_all(me);
      count.step();
      if (count.integer(0) >= kMaxFavourites) fail(409, Refusal::too_many_favourites);
    }
    const wire::Favourite favourite{resource_id, usual, existing.empty() ? now : existing.front().added_at};

    // The usual mark moves: every other device of the person must see it leave the old one.
    if (usual) {
      for (wire::Favourite other : select_favourites(db, "AND usual = 1 AND resource_id <> ?", me, resource_id)) {
        sql::Statement{db, "UPDATE favourites SET usual = 0 WHERE employee_id = ? AND resource_id = ?"}
            .bind_all(me, other.resource_id)
            .run();
        other.usual = false;
        record_favourite(db, me, other, now);
      }
    }
    sql::Statement{db,
                   "INSERT INTO favourites (employee_id, resource_id, usual, added_at) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (employee_id, resource_id) DO UPDATE SET usual = excluded.usual"}
        .bind_all(me, favourite.resource_id, favourite.usual, unix_seconds(favourite.added_at))
        .run();
    // A repeated PUT that changes nothing adds nothing to the feed.
    if (existing.empty() || existing.front().usual != usual) record_favourite(db, me, favourite, now);
    return Reply{200, wire::encode(favourite)};
  });
}

Reply delete_favourite(Call& call) {
  const Id resource_id = call.param(0);
  const Id me = call.me().employee_id;
  return call.write([&](sql::Connection& db) {
    // Not a favourite (or no such resource at all) is already the state the caller asks for.
    if (select_favourites(db, "AND resource_id = ?", me, resource_id).empty()) return Reply{204, Json{}};
    sql::Statement{db, "DELETE FROM favourites WHERE employee_id = ? AND resource_id = ?"}
        .bind_all(me, resource_id)
        .run();
    record_change(db, "favourite", resource_id, ChangeOp::remove, Json{}, Audience{me, std::nullopt}, call.clock.now());
    return Reply{204, Json{}};
  });
}

}  // namespace

std::vector<Route> favourite_routes() {
  return {
      Route{"GET", "/api/v1/me/favourites", Auth::employee, list_favourites},
      Route{"PUT", "/api/v1/me/favourites/{resource_id}", Auth::employee, put_favourite},
      Route{"DELETE", "/api/v1/me/favourites/{resource_id}", Auth::employee, delete_favourite},
  };
}

}  // namespace stellwerk::server
