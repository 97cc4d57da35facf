// Command-line parsing with CLI11. Validation happens here so that bad values are reported with
// the option's name before anything starts; values that need the config file are merged in app.cpp.
#include "cli.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "stellwerk/sync/transport.hpp"

namespace stellwerk::client {
namespace {

constexpr std::array<std::string_view, 6> kViewNames{"home", "desks", "schedule", "training", "settings", "team"};
static_assert(kViewNames.size() == static_cast<std::size_t>(ViewId::COUNT));

// "1.5" and "150%" both mean 150 %.
std::optional<float> parse_scale(const std::string& text) {
  try {
    std::size_t used = 0;
    double value = std::stod(text, &used);
    std::string_view rest = std::string_view(text).substr(used);
    if (rest == "%") value /= 100.0;
    else if (!rest.empty()) return std::nullopt;
    if (value < 1.0 || value > 2.0) return std::nullopt;
    return static_cast<float>(value);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<ViewId> parse_view(std::string_view name) {
  for (std::size_t i = 0; i < kViewNames.size(); ++i) {
    if (kViewNames[i] == name) return static_cast<ViewId>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 5> kLayoutNames{"plan", "list", "rooms", "bookings", "edit"};
static_assert(kLayoutNames.size() == static_cast<std::size_t>(DeskLayout::COUNT));

std::optional<DeskLayout> parse_desk_layout(std::string_view name) {
  for (std::size_t i = 0; i < kLayoutNames.size(); ++i) {
    if (kLayoutNames[i] == name) return static_cast<DeskLayout>(i);
  }
  return std::nullopt;
}

std::string_view to_string(ViewId view) { return kViewNames[static_cast<std::size_t>(view) % kViewNames.size()]; }

namespace {

// The window's options as typed, before they are checked and turned into Options.
struct OptionTexts {
  std::string data, server, language, scale, theme, config_file, demo_data, screenshot;
  std::string view = "home";
  std::string layout = "plan";
};

// Checks the typed options and fills `options` from them; the complaint when one is wrong.
std::optional<std::string> fill_options(const OptionTexts& typed, Options& options) {
  if (!typed.data.empty()) options.data = typed.data;
  if (!typed.server.empty()) {
    net::TransportOptions transport;
    transport.allow_insecure_http = options.insecure_http;
    if (!net::HttpClient::create(typed.server, transport)) {  // checks the address only; no network
      return fmt::format("--server: '{}' is not a server address such as https://stellwerk.example{}", typed.server,
                         options.insecure_http ? "" : " (plain http:// only to this machine, or with --insecure-http)");
    }
    options.server = typed.server;
  }
  if (!typed.config_file.empty()) options.config_file = typed.config_file;
  if (!typed.demo_data.empty()) options.demo_data = typed.demo_data;
  if (!typed.screenshot.empty()) options.screenshot = typed.screenshot;
  if (!typed.language.empty()) {
    options.language = i18n::parse_language(typed.language);
    if (!options.language) return fmt::format("--lang: '{}' is not a language we have; use de or en", typed.language);
  }
  if (!typed.scale.empty()) {
    options.scale = parse_scale(typed.scale);
    if (!options.scale) return fmt::format("--scale: '{}' is not between 1.0 and 2.0 (100% to 200%)", typed.scale);
  }
  if (!typed.theme.empty()) {
    options.theme = ui::parse_theme(typed.theme);
    if (!options.theme) return fmt::format("--theme: '{}' is not one of light, dark, high-contrast", typed.theme);
  }
  const auto parsed_view = parse_view(typed.view);
  if (!parsed_view) return fmt::format("--view: '{}' is not one of home, desks, schedule, training, settings", typed.view);
  options.view = *parsed_view;
  // Training's lists are its layouts: the catalogue, the person's own enrolments, their profile.
  constexpr std::array<std::pair<std::string_view, TrainingList>, 3> kTrainingLists{
      {{"catalogue", TrainingList::catalogue}, {"mine", TrainingList::mine}, {"profile", TrainingList::profile}}};
  const auto training_list = std::ranges::find(kTrainingLists, typed.layout, &std::pair<std::string_view, TrainingList>::first);
  if (options.view == ViewId::training && training_list != kTrainingLists.end()) {
    options.training_list = training_list->second;
  } else {
    const auto parsed_layout = parse_desk_layout(typed.layout);
    if (!parsed_layout) {
      return fmt::format("--layout: '{}' is not one of plan, list, rooms, bookings, edit (Training: catalogue, mine, profile)",
                         typed.layout);
    }
    options.desks_layout = *parsed_layout;
  }
  for (const std::string& pin : options.pins) {
    if (!pin.starts_with("sha256//") || pin.size() == 8) return fmt::format("--pin: '{}' is not sha256//<base64>", pin);
  }
  if (options.kiosk && options.insecure_http) {
    return std::string{"--insecure-http: a kiosk talks to its server over verified HTTPS only"};
  }
  return std::nullopt;
}

}  // namespace

std::variant<Options, CliExit> parse_command_line(int argc, const char* const* argv) {
  CLI::App app{"Stellwerk – book desks, plan office and remote days, and keep up with trainings.", "stellwerk"};
  app.set_version_flag("--version", std::string("stellwerk ") + STELLWERK_VERSION);
  app.get_formatter()->column_width(34);

  Options options;
  OptionTexts typed;
  app.add_option("--data", typed.data, "Folder for the local store (default: $XDG_DATA_HOME/stellwerk)");
  app.add_option("--server", typed.server, "Booking server URL, e.g. https://stellwerk.example");
  app.add_option("--lang", typed.language, "Language: de or en (default: from LANG, else German)");
  app.add_option("--scale", typed.scale, "Size of text and controls: 1.0 to 2.0, or 100% to 200%");
  app.add_option("--theme", typed.theme, "Colour theme: light, dark or high-contrast");
  app.add_option("--config", typed.config_file, "Settings file (default: $XDG_CONFIG_HOME/stellwerk/config.toml)");
  app.add_option("--demo-data", typed.demo_data, "Fill an empty local store from this demo data file");
  auto* shot = app.add_option("--screenshot", typed.screenshot, "Render one view to this PNG file and exit (needs a display)");
  app.add_option("--view", typed.view, "View to open: home, desks, schedule, training or settings");
  app.add_option("--layout", typed.layout, "How Desks shows a floor: plan, list, rooms (meeting rooms), bookings (mine) or edit (the floor-plan editor, facility admins); Training: catalogue, mine or profile");
  app.add_option("--place", options.place, "Place (resource id) Desks opens with selected: its details, or its form in the editor");
  app.add_option("--frames", options.frames, "Frames to render before the screenshot (default 3)")
      ->check(CLI::Range(1, 1000))
      ->needs(shot);
  app.add_flag("--kiosk", options.kiosk, "Run as a shared kiosk: full screen, badge and PIN sign-in (docs/kiosk.md)");
  app.add_flag("--insecure-http", options.insecure_http, "Allow plain http:// to a server that is not on this machine");
  app.add_option("--pin", options.pins, "Server public-key pin sha256//<base64>; repeat for a backup key");
  app.footer(fmt::format(
      "Commands (without a window; see docs/cli.md): {}.\n{}\nThe window exits with 0 when closed, 1 when a "
      "--screenshot could not be written, 2 for a wrong command line or settings file, 3 without a display, 4 when a kiosk was left with the facility PIN.",
      commands_help(), exit_codes_help()));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, err;
    const int code = app.exit(e, out, err);
    // CLI11 reports --help and --version as "errors" with exit code 0.
    if (code == 0) return CliExit{0, out.str(), false};
    return CliExit{2, fmt::format("stellwerk: {}\nRun 'stellwerk --help' for the options.\n", e.what()), true};
  }
  if (const auto complaint = fill_options(typed, options)) {
    return CliExit{2, fmt::format("stellwerk: {}\nRun 'stellwerk --help' for the options.\n", *complaint), true};
  }
  return options;
}

}  // namespace stellwerk::client
