// BookingsCache: the person's bookings and favourites (see bookings_cache.hpp).
#include <fmt/format.h>

#include "codec.hpp"
#include "stellwerk/sync/store/bookings_cache.hpp"
#include "store_database.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

using sql::Statement;
using sql::Transaction;

}  // namespace

std::vector<Booking> BookingsCache::my_bookings(Date from, Date to) const {
  std::vector<Booking> bookings;
  if (date::sys_days{to} < date::sys_days{from}) return bookings;
  const Instant lower = codec::berlin_instant(from, 0);
  const Instant upper = codec::berlin_instant(Date{date::sys_days{to} + date::days{1}}, 0);
  Statement s{db_->connection, fmt::format("{}WHERE employee_id = coalesce((SELECT employee_id FROM me), '') "
                                           "AND start >= ? AND start < ? ORDER BY start, id",
                                           rows::kBookingColumns)};
  s.bind_all(codec::unix_seconds(lower), codec::unix_seconds(upper));
  while (s.step()) bookings.push_back(rows::read_booking(s));
  return bookings;
}

std::optional<Booking> BookingsCache::booking(const Id& id) const {
  Statement s{db_->connection, fmt::format("{}WHERE id = ?", rows::kBookingColumns)};
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return rows::read_booking(s);
}

std::vector<Favourite> BookingsCache::favourites() const {
  std::vector<Favourite> found;
  Statement s{db_->connection, "SELECT resource_id, usual, added_at FROM favourites ORDER BY added_at, resource_id"};
  while (s.step()) found.push_back(Favourite{s.text(0), s.integer(1) != 0, codec::instant_from_unix(s.int64(2))});
  return found;
}

void BookingsCache::upsert_booking(const Booking& booking) {
  Transaction transaction{db_->connection, Transaction::Kind::immediate};
  rows::write_booking(db_->connection, booking);
  transaction.commit();
}

void BookingsCache::remove_booking(const Id& id) { db_->run("DELETE FROM bookings WHERE id = ?", id); }

void BookingsCache::upsert_favourite(const Favourite& favourite) {
  db_->atomically([&] {
    if (favourite.usual) Statement{db_->connection, "UPDATE favourites SET usual = 0 WHERE usual = 1"}.run();
    Statement{db_->connection,
              "INSERT INTO favourites (resource_id, usual, added_at) VALUES (?, ?, ?) "
              "ON CONFLICT (resource_id) DO UPDATE SET usual = excluded.usual, added_at = excluded.added_at"}
        .bind_all(favourite.resource_id, favourite.usual ? 1 : 0, codec::unix_seconds(favourite.added_at))
        .run();
  });
}

void BookingsCache::remove_favourite(const Id& resource_id) {
  db_->run("DELETE FROM favourites WHERE resource_id = ?", resource_id);
}

}  // namespace stellwerk::store
