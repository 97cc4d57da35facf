// The command line of `stellwerk` as parse_command_line() sees it: --version and --help answer and
// exit 0; every wrong option or value exits with code 2 and a message on stderr that names the
// option, so a person sees at once what to fix; accepted values arrive parsed (150% is 1.5).
#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "cli.hpp"

namespace stellwerk::client {
namespace {

std::variant<Options, CliExit> parse(std::initializer_list<const char*> args) {
  std::vector<const char*> argv{"stellwerk"};
  argv.insert(argv.end(), args.begin(), args.end());
  return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

CliExit exit_of(std::initializer_list<const char*> args) {
  auto parsed = parse(args);
  if (auto* exit = std::get_if<CliExit>(&parsed)) return *exit;
  ADD_FAILURE() << "the command line was accepted, expected an exit";
  return {};
}

Options options_of(std::initializer_list<const char*> args) {
  auto parsed = parse(args);
  if (auto* options = std::get_if<Options>(&parsed)) return *options;
  ADD_FAILURE() << "rejected: " << std::get<CliExit>(parsed).message;
  return {};
}

// A usage error: exit code 2, on stderr, naming `what`.
void expect_usage_error(std::initializer_list<const char*> args, const std::string& what) {
  const CliExit exit = exit_of(args);
  EXPECT_EQ(exit.code, 2) << exit.message;
  EXPECT_TRUE(exit.to_stderr) << exit.message;
  EXPECT_NE(exit.message.find(what), std::string::npos) << "the message does not name " << what << ": " << exit.message;
  EXPECT_NE(exit.message.find("--help"), std::string::npos) << "the message points to --help: " << exit.message;
}

TEST(CommandLine, VersionPrintsTheVersionAndSucceeds) {
  const CliExit exit = exit_of({"--version"});
  EXPECT_EQ(exit.code, 0);
  EXPECT_FALSE(exit.to_stderr);
  EXPECT_NE(exit.message.find("stellwerk 0.1.0"), std::string::npos) << exit.message;
}

TEST(CommandLine, HelpListsTheOptionsAndSucceeds) {
  const CliExit exit = exit_of({"--help"});
  EXPECT_EQ(exit.code, 0);
  EXPECT_FALSE(exit.to_stderr);
  for (const char* option : {"--screenshot", "--data", "--lang", "--scale", "--theme", "--view", "--frames"}) {
    EXPECT_NE(exit.message.find(option), std::string::npos) << option << " missing from:\n" << exit.message;
  }
}

TEST(CommandLine, AnUnknownOptionIsNamed) { expect_usage_error({"--colour", "red"}, "--colour"); }

TEST(CommandLine, PinsAreCheckedAndKeptInOrder) {
  expect_usage_error({"--pin", "/etc/key.pem"}, "--pin");
  const Options options = options_of({"--pin", "sha256//AAAA", "--pin", "sha256//BBBB"});
  EXPECT_EQ(options.pins, (std::vector<std::string>{"sha256//AAAA", "sha256//BBBB"}));
}

TEST(CommandLine, AScaleOutsideOneToTwoIsRefused) {
  expect_usage_error({"--scale", "3"}, "--scale");
  expect_usage_error({"--scale", "0.5"}, "--scale");
  expect_usage_error({"--scale", "250%"}, "--scale");
}

TEST(CommandLine, AScaleThatIsNoNumberIsRefused) {
  expect_usage_error({"--scale", "abc"}, "--scale");
  expect_usage_error({"--scale", "1.5x"}, "--scale");
}

TEST(CommandLine, AnUnknownThemeIsRefused) { expect_usage_error({"--theme", "pink"}, "--theme"); }
TEST(CommandLine, ALanguageWithoutTranslationIsRefused) { expect_usage_error({"--lang", "fr"}, "--lang"); }
TEST(CommandLine, AnUnknownViewIsRefused) { expect_usage_error({"--view", "nope"}, "--view"); }

TEST(CommandLine, ZeroFramesIsRefused) { expect_usage_error({"--screenshot", "x.png", "--frames", "0"}, "--frames"); }

TEST(CommandLine, FramesWithoutAScreenshotIsRefused) { expect_usage_error({"--frames", "5"}, "--frames"); }

TEST(CommandLine, KioskModeIsAnOption) {
  const Options options = options_of({"--kiosk", "--server", "https://stellwerk.example", "--lang", "en"});
  EXPECT_TRUE(options.kiosk);
  EXPECT_EQ(options.server, "https://stellwerk.example");
}

TEST(CommandLine, AKioskRefusesPlainHttpToAnotherMachine) { expect_usage_error({"--kiosk", "--insecure-http"}, "--insecure-http"); }

TEST(CommandLine, AScaleMayBeGivenAsAPercentage) {
  const Options options = options_of({"--scale", "150%"});
  ASSERT_TRUE(options.scale);
  EXPECT_FLOAT_EQ(*options.scale, 1.5f);
  EXPECT_FLOAT_EQ(*options_of({"--scale", "1.25"}).scale, 1.25f);
  EXPECT_FLOAT_EQ(*options_of({"--scale", "200%"}).scale, 2.0f);
  EXPECT_FLOAT_EQ(*options_of({"--scale", "1"}).scale, 1.0f);
}

TEST(CommandLine, NoOptionsMeansTheDefaults) {
  const Options options = options_of({});
  EXPECT_EQ(options.view, ViewId::home);
  EXPECT_EQ(options.frames, 3);
  EXPECT_FALSE(options.kiosk);
  EXPECT_FALSE(options.scale);
  EXPECT_FALSE(options.language);
  EXPECT_FALSE(options.theme);
  EXPECT_FALSE(options.screenshot);
  EXPECT_FALSE(options.data);
}

TEST(CommandLine, EveryOptionArrivesParsed) {
  const Options options = options_of({"--data", "/tmp/d", "--server", "https://s.example", "--lang", "en", "--theme",
                                      "high-contrast", "--config", "/tmp/c.toml", "--demo-data", "/tmp/demo.json",
                                      "--screenshot", "/tmp/s.png", "--view", "training", "--frames", "7"});
  EXPECT_EQ(options.data, std::filesystem::path("/tmp/d"));
  EXPECT_EQ(options.server, "https://s.example");
  EXPECT_EQ(options.language, i18n::Language::en);
  EXPECT_EQ(options.theme, ui::ThemeId::high_contrast);
  EXPECT_EQ(options.config_file, std::filesystem::path("/tmp/c.toml"));
  EXPECT_EQ(options.demo_data, std::filesystem::path("/tmp/demo.json"));
  EXPECT_EQ(options.screenshot, std::filesystem::path("/tmp/s.png"));
  EXPECT_EQ(options.view, ViewId::training);
  EXPECT_EQ(options.frames, 7);
}

TEST(CommandLine, ViewNamesRoundTrip) {
  for (int v = 0; v < static_cast<int>(ViewId::COUNT); ++v) {
    const auto view = static_cast<ViewId>(v);
    EXPECT_EQ(parse_view(to_string(view)), view) << to_string(view);
  }
  EXPECT_FALSE(parse_view("Home"));
  EXPECT_FALSE(parse_view(""));
}

TEST(CommandLine, LayoutOpensDesksAsAPlanAListTheRoomsOrMyBookings) {
  EXPECT_EQ(options_of({}).desks_layout, DeskLayout::plan);
  EXPECT_EQ(options_of({"--view", "desks", "--layout", "rooms"}).desks_layout, DeskLayout::rooms);
  EXPECT_EQ(options_of({"--layout", "bookings"}).desks_layout, DeskLayout::mine);
  EXPECT_EQ(options_of({"--layout", "list"}).desks_layout, DeskLayout::list);
  expect_usage_error({"--layout", "map"}, "--layout");
}

TEST(CommandLine, LayoutOpensTrainingAsTheCatalogueOrMyTrainings) {
  EXPECT_EQ(options_of({"--view", "training"}).training_list, TrainingList::catalogue);
  EXPECT_EQ(options_of({"--view", "training", "--layout", "mine"}).training_list, TrainingList::mine);
  expect_usage_error({"--view", "desks", "--layout", "mine"}, "--layout");  // Desks has no such layout
}

}  // namespace
}  // namespace stellwerk::client
