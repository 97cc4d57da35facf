// What the team presence section shows: the server's last answer about the team, as the worker
// loaded it from the store (load_presence), or nothing when none was ever fetched. The person's own
// opt-in is part of the profile (ClientData::me, Employee::presence_opt_in).
#pragma once

#include <optional>

#include "stellwerk/core/team_presence.hpp"

namespace stellwerk::client {

struct PresenceData {
  std::optional<TeamPresenceSnapshot> snapshot;
};

}  // namespace stellwerk::client
