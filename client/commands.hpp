// The command-line commands of `stellwerk` (docs/cli.md): the sync engine and local changes
// without a window, for scripts and terminals. Output for programs (--json) goes to stdout
// alone; everything for people is one line per message on stderr.
#pragma once

#include <optional>
#include <string_view>

namespace stellwerk::client {

// Exit codes of the commands (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitStoreFailed = 1,
  kExitUsage = 2,
  kExitUnreachable = 3,
  kExitRejected = 4,
  kExitSignedOut = 5,
  kExitInvalidCertificate = 6,
};

// The exit codes in words, for both --help texts (the window's and the commands').
std::string_view exit_codes_help();

// The commands, for the help texts and the "unknown command" message.
std::string_view commands_help();

// True when argv names a command (any word that is not an option or an option's value), so
// that main() runs the command instead of the window.
bool names_command(int argc, const char* const* argv);

// Runs the command in argv and returns the process exit code.
int run_command(int argc, const char* const* argv);

}  // namespace stellwerk::client
