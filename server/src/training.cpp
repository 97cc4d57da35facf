// Placeholder until the training module lands.
#include "routes.hpp"
namespace stellwerk::server {
std::vector<Route> training_routes() { return {}; }
}  // namespace stellwerk::server
