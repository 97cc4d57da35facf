// Team presence: the opt-in goes through the outbox like every change (it works offline and the
// cached profile shows it at once); the team's presence is read from the store, where the sync
// engine keeps the server's last answer (SyncEngine::refresh_team_presence).
#pragma once

#include "app_state.hpp"
#include "handler_context.hpp"
#include "presence/presence_intents.hpp"
#include "stellwerk/sync/store/presence_cache.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const SharePresence& intent);

// On the worker: what the team presence section shows.
void load_presence(const store::TeamPresenceCache& store, ClientData& data);

}  // namespace stellwerk::client
