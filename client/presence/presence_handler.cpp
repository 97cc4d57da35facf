// Team presence's handler and load (see presence_handler.hpp).
#include "presence/presence_handler.hpp"

#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const SharePresence& intent) {
  context.queue_change([share = intent.share](store::LocalStore& store) { sync::queue_presence_sharing(store, share); });
}

void load_presence(const store::TeamPresenceCache& store, ClientData& data) {
  data.presence.snapshot = store.team_presence();
}

}  // namespace stellwerk::client
