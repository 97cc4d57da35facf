// Command-line parsing with CLI11. Validation happens here so that bad values are reported with
// the option's name before anything starts; values that need the config file are merged in app.cpp.
#include "cli.hpp"

#include <array>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "stellwerk/sync/transport.hpp"

namespace stellwerk::client {
namespace {

constexpr std::array<std::string_view, 5> kViewNames{"home", "desks", "schedule", "training", "settings"};
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

constexpr std::array<std::string_view, 4> kLayoutNames{"plan", "list", "rooms", "bookings"};
static_assert(kLayoutNames.size() == static_cast<std::size_t>(DeskLayout::COUNT));

std::optional<DeskLayout> parse_desk_layout(std::string_view name) {
  for (std::size_t i = 0; i < kLayoutNames.size(); ++i) {
    if (kLayoutNames[i] == name) return static_cast<DeskLayout>(i);
  }
  return std::nullopt;
}

std::string_view to_string(ViewId view) { return kViewNames[static_cast<std::size_t>(view) % kViewNames.size()]; }

std::variant<Options, CliExit> parse_command_line(int argc, const char* const* argv) {
  CLI::App app{"Stellwerk – book desks, plan office and remote days, and keep up with trainings.", "stellwerk"};
  app.set_version_flag("--version", std::string("stellwerk ") + STELLWERK_VERSION);
  app.get_formatter()->column_width(34);

  Options options;
  std::string data, server, language, scale, theme, config_file, demo_data, screenshot, view = "home";
  std::string layout = "plan";
  app.add_option("--data", data, "Folder for the local store (default: $XDG_DATA_HOME/stellwerk)");
  app.add_option("--server", server, "Booking server URL, e.g. https://stellwerk.example");
  app.add_option("--lang", language, "Language: de or en (default: from LANG, else German)");
  app.add_option("--scale", scale, "Size of text and controls: 1.0 to 2.0, or 100% to 200%");
  app.add_option("--theme", theme, "Colour theme: light, dark or high-contrast");
  app.add_option("--config", config_file, "Settings file (default: $XDG_CONFIG_HOME/stellwerk/config.toml)");
  app.add_option("--demo-data", demo_data, "Fill an empty local store from this demo data file");
  auto* shot = app.add_option("--screenshot", screenshot, "Render one view to this PNG file and exit (needs a display)");
  app.add_option("--view", view, "View to open: home, desks, schedule, training or settings");
  app.add_option("--layout", layout, "How Desks shows a floor: plan, list, rooms (meeting rooms) or bookings (mine)");
  app.add_option("--frames", options.frames, "Frames to render before the screenshot (default 3)")
      ->check(CLI::Range(1, 1000))
      ->needs(shot);
  app.add_flag("--kiosk", options.kiosk, "Run as a shared kiosk (reserved; not available in this version)");
  app.add_flag("--insecure-http", options.insecure_http, "Allow plain http:// to a server that is not on this machine");
  app.add_option("--pin", options.pins, "Server public-key pin sha256//<base64>; repeat for a backup key");
  app.footer(fmt::format(
      "Commands (without a window; see docs/cli.md): {}.\n{}\nThe window exits with 0 when closed, 1 when a "
      "--screenshot could not be written, 2 for a wrong command line or settings file, 3 without a display.",
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

  const auto fail = [](std::string message) {
    return CliExit{2, fmt::format("stellwerk: {}\nRun 'stellwerk --help' for the options.\n", message), true};
  };
  if (!data.empty()) options.data = data;
  if (!server.empty()) {
    net::TransportOptions transport;
    transport.allow_insecure_http = options.insecure_http;
    if (!net::HttpClient::create(server, transport)) {  // checks the address only; no network
      return fail(fmt::format("--server: '{}' is not a server address such as https://stellwerk.example{}", server,
                              options.insecure_http ? "" : " (plain http:// only to this machine, or with --insecure-http)"));
    }
    options.server = server;
  }
  if (!config_file.empty()) options.config_file = config_file;
  if (!demo_data.empty()) options.demo_data = demo_data;
  if (!screenshot.empty()) options.screenshot = screenshot;
  if (!language.empty()) {
    options.language = i18n::parse_language(language);
    if (!options.language) return fail(fmt::format("--lang: '{}' is not a language we have; use de or en", language));
  }
  if (!scale.empty()) {
    options.scale = parse_scale(scale);
    if (!options.scale) return fail(fmt::format("--scale: '{}' is not between 1.0 and 2.0 (100% to 200%)", scale));
  }
  if (!theme.empty()) {
    options.theme = ui::parse_theme(theme);
    if (!options.theme) return fail(fmt::format("--theme: '{}' is not one of light, dark, high-contrast", theme));
  }
  const auto parsed_view = parse_view(view);
  if (!parsed_view) {
    return fail(fmt::format("--view: '{}' is not one of home, desks, schedule, training, settings", view));
  }
  options.view = *parsed_view;
  const auto parsed_layout = parse_desk_layout(layout);
  if (!parsed_layout) return fail(fmt::format("--layout: '{}' is not one of plan, list, rooms, bookings", layout));
  options.desks_layout = *parsed_layout;
  if (options.kiosk) {
    return fail("--kiosk: kiosk mode is not part of this version yet");
  }
  for (const std::string& pin : options.pins) {
    if (!pin.starts_with("sha256//") || pin.size() == 8) return fail(fmt::format("--pin: '{}' is not sha256//<base64>", pin));
  }
  if (options.kiosk && options.insecure_http) {
    return fail("--insecure-http: a kiosk talks to its server over verified HTTPS only");
  }
  return options;
}

}  // namespace stellwerk::client
