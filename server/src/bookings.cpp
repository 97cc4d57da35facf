// Placeholder until the bookings module lands.
#include "routes.hpp"
namespace stellwerk::server {
std::vector<Route> booking_routes() { return {}; }
void release_no_shows(sql::Connection&, Instant) {}
std::optional<Instant> next_release(sql::Connection&) { return std::nullopt; }
void delete_expired_bookings(sql::Connection&, Instant) {}
}  // namespace stellwerk::server
