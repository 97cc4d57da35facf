// Entry point of `stellwerk`: with a command (docs/cli.md) it runs that command without a
// window; otherwise it parses the window's options and opens the application.
#include <cstdio>
#include <variant>

#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "kiosk_app.hpp"

int main(int argc, char** argv) {
  // Log lines (the id of a request the server failed, or of every request with SPDLOG_LEVEL=debug)
  // go to stderr, never into a command's output.
  spdlog::set_default_logger(spdlog::stderr_color_mt("stellwerk"));
  spdlog::cfg::load_env_levels();
  if (stellwerk::client::names_command(argc, argv)) return stellwerk::client::run_command(argc, argv);
  auto parsed = stellwerk::client::parse_command_line(argc, argv);
  if (const auto* exit = std::get_if<stellwerk::client::CliExit>(&parsed)) {
    std::fputs(exit->message.c_str(), exit->to_stderr ? stderr : stdout);
    return exit->code;
  }
  const auto& options = std::get<stellwerk::client::Options>(parsed);
  // A kiosk's journal outlives the people who used it: it logs no requests at all.
  if (options.kiosk) spdlog::set_level(spdlog::level::off);
  if (options.kiosk) return stellwerk::kiosk::run_kiosk(options, argv);
  return stellwerk::client::run_app(options);
}
