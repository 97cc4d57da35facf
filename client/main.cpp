// Entry point of `stellwerk`: parse the command line, then run the application.
#include <cstdio>
#include <variant>

#include "app.hpp"
#include "cli.hpp"

int main(int argc, char** argv) {
  auto parsed = stellwerk::client::parse_command_line(argc, argv);
  if (const auto* exit = std::get_if<stellwerk::client::CliExit>(&parsed)) {
    std::fputs(exit->message.c_str(), exit->to_stderr ? stderr : stdout);
    return exit->code;
  }
  return stellwerk::client::run_app(std::get<stellwerk::client::Options>(parsed));
}
