// Applies the intents of Home and of the frame around every view (going to a view, putting away a
// notice or a refused change) and loads Home's own part of ClientData: the changes the server
// refused, with names a person recognises instead of ids and paths, what became of the changes the
// person was told about, and the state of synchronisation.
#pragma once

#include <cstdint>
#include <vector>

#include "handler_context.hpp"
#include "home/home_intents.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const Navigate& intent);
void handle(HandlerContext& context, const DismissNotice& intent);
void handle(HandlerContext& context, const DismissToast& intent);
void handle(HandlerContext& context, const DismissConflict& intent);

// On the worker thread, after load_desks (the conflicts are named with its buildings): conflicts,
// the outcome of each awaited change (mutation ids), and the sync summary.
void load_home(const store::LocalStore& store, const std::vector<std::int64_t>& awaited, ClientData& data);

}  // namespace stellwerk::client
