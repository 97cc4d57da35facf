// The Team page's handler: reading the team asks the sync thread (online only, like the kiosk
// registry); a decision is a queued change like every other (it works offline, shows as waiting
// and is named in a notice when the server answers).
#pragma once

#include <set>
#include <string>

#include "app_state.hpp"
#include "handler_context.hpp"
#include "team/team_intents.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const RefreshTeam& intent);
void handle(HandlerContext& context, const ShowTeamMonth& intent);
void handle(HandlerContext& context, const DecideRequest& intent);

// On the worker: the requests whose decision waits in the outbox (`pending`, the store's
// pending entities).
void load_team(const std::set<std::string>& pending, ClientData& data);

}  // namespace stellwerk::client
