// Why the server could not be used, in the person's language. The sync engine reports a failure as
// kinds (sync::Failure: a transport error or an HTTP status) next to its English one-liner for logs
// and the command line; the window shows these words instead, so that the sign-in screen, the
// status bar and Settings never show curl's or the engine's English.
#pragma once

#include <string>

#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::client {

std::string connection_problem(const sync::Failure& failure);

}  // namespace stellwerk::client
