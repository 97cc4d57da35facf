// The settings file (config.toml): a missing file is no error, a valid one is read, and every
// mistake — unknown key, wrong type, value out of range, broken TOML — is an error that names the
// file and the key or line, so a typo never silently does nothing. save_config round-trips.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "config.hpp"

namespace stellwerk::client {
namespace {

namespace fs = std::filesystem;

class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    folder_ = fs::temp_directory_path() / ("stellwerk-config-test-" + std::to_string(random()));
    fs::create_directories(folder_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  fs::path write(const std::string& text) {
    const fs::path file = folder_ / "config.toml";
    std::ofstream(file) << text;
    return file;
  }
  // The error load_config reports for `text`; fails the test when the file is accepted.
  std::string error_for(const std::string& text) {
    const auto loaded = load_config(write(text));
    if (loaded) {
      ADD_FAILURE() << "accepted:\n" << text;
      return {};
    }
    EXPECT_NE(loaded.error().find("config.toml"), std::string::npos) << "no file name in: " << loaded.error();
    return loaded.error();
  }

  fs::path folder_;
};

TEST_F(ConfigFile, AMissingFileIsAnEmptyConfig) {
  const auto loaded = load_config(folder_ / "nowhere" / "config.toml");
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_FALSE(loaded->language);
  EXPECT_FALSE(loaded->theme);
  EXPECT_FALSE(loaded->scale);
  EXPECT_FALSE(loaded->server);
  EXPECT_FALSE(loaded->data);
}

TEST_F(ConfigFile, AValidFileGivesItsValues) {
  const auto loaded = load_config(write(R"(# my settings
language = "en"
theme = "high-contrast"
scale = 1.25
server = "https://stellwerk.example"
data = "/srv/stellwerk"
)"));
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->language, i18n::Language::en);
  EXPECT_EQ(loaded->theme, ui::ThemeId::high_contrast);
  ASSERT_TRUE(loaded->scale);
  EXPECT_FLOAT_EQ(*loaded->scale, 1.25f);
  EXPECT_EQ(loaded->server, "https://stellwerk.example");
  EXPECT_EQ(loaded->data, fs::path("/srv/stellwerk"));
}

TEST_F(ConfigFile, AWholeNumberScaleIsAccepted) {
  const auto loaded = load_config(write("scale = 2\n"));
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_FLOAT_EQ(*loaded->scale, 2.0f);
}

TEST_F(ConfigFile, AnUnknownKeyIsNamed) {
  EXPECT_NE(error_for("langauge = \"de\"\n").find("'langauge'"), std::string::npos);
}

TEST_F(ConfigFile, ALanguageThatIsNoTextIsNamed) {
  EXPECT_NE(error_for("language = 5\n").find("'language'"), std::string::npos);
  EXPECT_NE(error_for("language = \"fr\"\n").find("'language'"), std::string::npos);
}

TEST_F(ConfigFile, AScaleOutOfRangeIsNamed) {
  EXPECT_NE(error_for("scale = 9\n").find("'scale'"), std::string::npos);
  EXPECT_NE(error_for("scale = \"big\"\n").find("'scale'"), std::string::npos);
}

TEST_F(ConfigFile, BadThemeServerOrDataAreNamed) {
  EXPECT_NE(error_for("theme = \"pink\"\n").find("'theme'"), std::string::npos);
  EXPECT_NE(error_for("server = \"\"\n").find("'server'"), std::string::npos);
  EXPECT_NE(error_for("data = 3\n").find("'data'"), std::string::npos);
}

TEST_F(ConfigFile, PinsAreAListOfSha256Keys) {
  const auto loaded = load_config(write("pins = [\"sha256//AAAA\", \"sha256//BBBB\"]\n"));
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->pins, (std::vector<std::string>{"sha256//AAAA", "sha256//BBBB"}));
  EXPECT_NE(error_for("pins = \"sha256//AAAA\"\n").find("'pins'"), std::string::npos) << "a single string is no list";
  EXPECT_NE(error_for("pins = [\"/etc/key.pem\"]\n").find("'pins'"), std::string::npos) << "a file name is no pin";
}

TEST_F(ConfigFile, BrokenTomlNamesTheFileAndLine) {
  const std::string error = error_for("language = \"de\"\ntheme = \"dark\n");
  EXPECT_NE(error.find("config.toml:2"), std::string::npos) << error;
}

TEST_F(ConfigFile, SavedSettingsReadBackTheSame) {
  Config config;
  config.language = i18n::Language::en;
  config.theme = ui::ThemeId::dark;
  config.scale = 1.75f;
  config.server = "https://stellwerk.example";
  config.data = "/srv/stellwerk data";
  config.pins = {"sha256//AAAA", "sha256//BBBB"};
  const fs::path file = folder_ / "new" / "folder" / "config.toml";
  const auto saved = save_config(file, config);
  ASSERT_TRUE(saved) << saved.error();
  EXPECT_FALSE(fs::exists(file.string() + ".tmp")) << "the temporary file is renamed into place";

  const auto loaded = load_config(file);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->language, config.language);
  EXPECT_EQ(loaded->theme, config.theme);
  ASSERT_TRUE(loaded->scale);
  EXPECT_FLOAT_EQ(*loaded->scale, *config.scale);
  EXPECT_EQ(loaded->server, config.server);
  EXPECT_EQ(loaded->pins, config.pins);
  EXPECT_EQ(loaded->data, config.data);
}

TEST_F(ConfigFile, SavingOnlySomeSettingsLeavesTheOthersUnset) {
  Config config;
  config.theme = ui::ThemeId::light;
  const fs::path file = folder_ / "config.toml";
  ASSERT_TRUE(save_config(file, config));
  const auto loaded = load_config(file);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->theme, ui::ThemeId::light);
  EXPECT_FALSE(loaded->language);
  EXPECT_FALSE(loaded->scale);
}

TEST_F(ConfigFile, SavingWhereNoFolderCanBeMadeIsAnError) {
  const fs::path blocker = folder_ / "a-file";
  std::ofstream(blocker) << "x";
  const auto saved = save_config(blocker / "config.toml", Config{});
  EXPECT_FALSE(saved);
}

TEST_F(ConfigFile, TheKioskTableGivesItsValuesAndSavingKeepsThem) {
  const fs::path file = write("[kiosk]\ntoken = \"abc\"\nidle_seconds = 30\nfacility_pin = \"97531\"\nspeech = true\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  auto loaded = load_config(file);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->kiosk.token, "abc");
  EXPECT_FALSE(loaded->kiosk.token_readable_by_others);
  EXPECT_EQ(loaded->kiosk.idle_seconds, 30);
  EXPECT_EQ(loaded->kiosk.facility_pin, "97531");
  EXPECT_EQ(loaded->kiosk.speech, true);
  // The window saving its language never drops the kiosk's settings.
  loaded->language = i18n::Language::en;
  ASSERT_TRUE(save_config(file, *loaded));
  const auto again = load_config(file);
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(again->kiosk.token, "abc");
  EXPECT_EQ(again->kiosk.idle_seconds, 30);
}

TEST_F(ConfigFile, AKioskTokenInAFileOthersMayReadIsNoted) {
  const fs::path file = write("[kiosk]\ntoken = \"abc\"\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  const auto loaded = load_config(file);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_TRUE(loaded->kiosk.token_readable_by_others);
}

TEST_F(ConfigFile, KioskMistakesNameTheKey) {
  EXPECT_NE(error_for("[kiosk]\nidle_seconds = 10\n").find("kiosk.idle_seconds"), std::string::npos);
  EXPECT_NE(error_for("[kiosk]\nfacility_pin = \"12ab\"\n").find("kiosk.facility_pin"), std::string::npos);
  EXPECT_NE(error_for("[kiosk]\nspeach = true\n").find("kiosk.speach"), std::string::npos);
  EXPECT_NE(error_for("kiosk = 3\n").find("'kiosk'"), std::string::npos);
}

}  // namespace
}  // namespace stellwerk::client
