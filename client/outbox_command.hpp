// `stellwerk outbox [--json]` (docs/cli.md): the queued changes and their state.
#pragma once

#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

int outbox_command(const store::LocalStore& local, bool json);

}  // namespace stellwerk::client
