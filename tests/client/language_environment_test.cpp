// Which language Stellwerk speaks when nobody chose one (i18n::language_from_environment): German
// unless the environment asks for English — also with no locale at all, with C or C.UTF-8, and for
// languages we have no translation for; LC_ALL wins over LC_MESSAGES, which wins over LANG. Each
// test sets the variables it needs and restores the originals.
#include <array>
#include <cstdlib>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "stellwerk/core/i18n.hpp"

namespace stellwerk::client {
namespace {

// Saves LC_ALL, LC_MESSAGES and LANG, unsets them, and puts the originals back at the end.
class LocaleEnvironment : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      const char* value = std::getenv(kNames[i]);
      saved_[i] = value != nullptr ? std::optional<std::string>(value) : std::nullopt;
      unsetenv(kNames[i]);
    }
  }
  void TearDown() override {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      if (saved_[i]) setenv(kNames[i], saved_[i]->c_str(), 1);
      else unsetenv(kNames[i]);
    }
  }
  static void set(const char* name, const char* value) { setenv(name, value, 1); }

  static constexpr std::array<const char*, 3> kNames{"LC_ALL", "LC_MESSAGES", "LANG"};
  std::array<std::optional<std::string>, 3> saved_;
};

using i18n::Language;
using i18n::language_from_environment;

TEST_F(LocaleEnvironment, NoLocaleAtAllMeansGerman) { EXPECT_EQ(language_from_environment(), Language::de); }

TEST_F(LocaleEnvironment, TheCLocaleMeansGerman) {
  set("LANG", "C");
  EXPECT_EQ(language_from_environment(), Language::de);
  set("LANG", "C.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::de);
  set("LANG", "POSIX");
  EXPECT_EQ(language_from_environment(), Language::de);
}

TEST_F(LocaleEnvironment, AnEnglishLocaleMeansEnglish) {
  set("LANG", "en_GB.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::en);
  set("LANG", "en_US");
  EXPECT_EQ(language_from_environment(), Language::en);
}

TEST_F(LocaleEnvironment, AGermanLocaleMeansGerman) {
  set("LANG", "de_AT.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::de);
}

TEST_F(LocaleEnvironment, ALanguageWithoutTranslationMeansGerman) {
  set("LANG", "fr_FR.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::de);
}

TEST_F(LocaleEnvironment, AnEmptyVariableIsIgnored) {
  set("LC_ALL", "");
  set("LANG", "en_GB.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::en);
}

TEST_F(LocaleEnvironment, LcAllOverridesLang) {
  set("LANG", "en_GB.UTF-8");
  set("LC_ALL", "de_DE.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::de);
  set("LANG", "de_DE.UTF-8");
  set("LC_ALL", "en_US.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::en);
}

TEST_F(LocaleEnvironment, LcMessagesOverridesLangButNotLcAll) {
  set("LANG", "de_DE.UTF-8");
  set("LC_MESSAGES", "en_GB.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::en);
  set("LC_ALL", "de_DE.UTF-8");
  EXPECT_EQ(language_from_environment(), Language::de);
}

}  // namespace
}  // namespace stellwerk::client
