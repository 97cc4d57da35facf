// The person's own bookings and favourite places in the local store: cache from the changes
// feed, with the person's offline changes shown in it until the server answers.
#pragma once

#include <optional>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

class BookingsCache {
 public:
  std::vector<Booking> my_bookings(Date from, Date to) const;  // inclusive Berlin days of start; all states
  std::optional<Booking> booking(const Id& id) const;
  std::vector<Favourite> favourites() const;  // by added_at, resource id

  void upsert_booking(const Booking& booking);
  void remove_booking(const Id& id);
  // A favourite marked usual takes the mark from every other favourite.
  void upsert_favourite(const Favourite& favourite);
  void remove_favourite(const Id& resource_id);

 protected:
  explicit BookingsCache(Database& database) : db_(database) {}
  BookingsCache(BookingsCache&&) noexcept = default;
  BookingsCache& operator=(BookingsCache&&) noexcept = default;
  ~BookingsCache() = default;

 private:
  DatabaseRef db_;
};

}  // namespace stellwerk::store
