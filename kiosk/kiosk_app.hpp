// `stellwerk --kiosk`: the shared kiosk's window. Full screen, without decorations, always on top;
// bound to its building by the device token (STELLWERK_KIOSK_TOKEN, or [kiosk] token in a settings
// file only its owner can read). See docs/kiosk.md.
#pragma once

#include "cli.hpp"

namespace stellwerk::kiosk {

// Exit codes besides the window's own (0 closed, 2 command line or settings, 3 no display).
inline constexpr int kExitLeftWithFacilityPin = 4;  // the unit does not restart the kiosk then

// Runs the kiosk until it is left with the facility PIN. After each sign-out it replaces its own
// process with a fresh one (execv of /proc/self/exe with `argv`), so nothing of the person stays in
// memory. Returns the exit code; every failure is explained on stderr.
int run_kiosk(const client::Options& options, char** argv);

}  // namespace stellwerk::kiosk
