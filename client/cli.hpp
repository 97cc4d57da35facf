// The command line of `stellwerk`. Parsing is a pure function from argv to either the options to
// run with or an exit (for --help, --version and every error), so it is tested without a window.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app_state.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

struct Options {
  std::optional<std::filesystem::path> data;
  std::optional<std::string> server;
  std::optional<i18n::Language> language;
  std::optional<float> scale;
  std::optional<ui::ThemeId> theme;
  std::optional<std::filesystem::path> config_file;
  std::optional<std::filesystem::path> demo_data;
  std::optional<std::filesystem::path> screenshot;
  ViewId view = ViewId::home;
  DeskLayout desks_layout = DeskLayout::plan;  // --layout: how Desks shows a floor
  Id place;                     // --place: the place Desks opens with selected (its details, or its form in the editor)
  TrainingList training_list = TrainingList::catalogue;  // --view training --layout mine
  int frames = 3;
  bool kiosk = false;
  bool insecure_http = false;  // allow http:// to a server that is not loopback
  std::vector<std::string> pins;  // --pin: the server's public-key pins (current and backup)
};

// What to do instead of running: print `message` and exit with `code`.
struct CliExit {
  int code = 0;
  std::string message;
  bool to_stderr = false;
};

std::variant<Options, CliExit> parse_command_line(int argc, const char* const* argv);

std::optional<ViewId> parse_view(std::string_view name);  // "home", "desks", …
std::string_view to_string(ViewId view);
std::optional<DeskLayout> parse_desk_layout(std::string_view name);  // "plan", "list", "rooms", "bookings"

}  // namespace stellwerk::client
