// The desktop application: window, renderer, event-driven main loop and screenshot mode.
#pragma once

#include "cli.hpp"

namespace stellwerk::client {

// Runs the GUI until the window closes (or, with --screenshot, until the PNG is written).
// Returns the process exit code; every failure is explained on stderr.
int run_app(const Options& options);

}  // namespace stellwerk::client
