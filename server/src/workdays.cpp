// Placeholder until the workdays module lands.
#include "routes.hpp"
namespace stellwerk::server {
std::vector<Route> workday_routes() { return {}; }
}  // namespace stellwerk::server
