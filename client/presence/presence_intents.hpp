// What the person asks for about team presence (presence_handler.hpp applies it).
#pragma once

namespace stellwerk::client {

// Settings' opt-in: show my team, by name, whether I plan office or remote (or stop showing it).
struct SharePresence { bool share = false; };

}  // namespace stellwerk::client
