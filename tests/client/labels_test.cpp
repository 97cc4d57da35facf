// Translated labels and dates as a person reads them: the German names of the five views, long,
// short and running-text dates in German and English, and that every label table has a word for
// every enumerator in both languages. German strings come from assets/i18n/de.po, compiled into the
// binary at build time; a failure here that names a German word usually means a missing
// translation (see also client.translations_complete).
#include <string>

#include <gtest/gtest.h>

#include "labels.hpp"
#include "stellwerk/assets/catalogs.hpp"

namespace stellwerk::client {
namespace {

constexpr Date kWednesday = date::year{2026} / 11 / 25;

class Labels : public ::testing::Test {
 protected:
  void TearDown() override { assets::activate_language(i18n::Language::de); }
  static void german() { assets::activate_language(i18n::Language::de); }
  static void english() { assets::activate_language(i18n::Language::en); }
};

TEST_F(Labels, TheGermanCatalogIsBuiltIn) {
  const i18n::Catalog* catalog = assets::catalog(i18n::Language::de);
  ASSERT_NE(catalog, nullptr);
  EXPECT_GT(catalog->size(), 0u);
  EXPECT_EQ(assets::catalog(i18n::Language::en), nullptr) << "English is the source language";
}

TEST_F(Labels, ViewsHaveTheirGermanNames) {
  german();
  EXPECT_STREQ(label(ViewId::home), "Start");
  EXPECT_STREQ(label(ViewId::desks), "Arbeitsplätze");
  EXPECT_STREQ(label(ViewId::schedule), "Wochenplan");
  EXPECT_STREQ(label(ViewId::training), "Schulungen");
  EXPECT_STREQ(label(ViewId::settings), "Einstellungen");
}

TEST_F(Labels, ViewsHaveTheirEnglishNames) {
  english();
  EXPECT_STREQ(label(ViewId::home), "Home");
  EXPECT_STREQ(label(ViewId::desks), "Desks");
  EXPECT_STREQ(label(ViewId::schedule), "Schedule");
  EXPECT_STREQ(label(ViewId::training), "Training");
  EXPECT_STREQ(label(ViewId::settings), "Settings");
}

TEST_F(Labels, SwitchingLanguageTakesEffectAtOnce) {
  german();
  const std::string before = label(ViewId::settings);
  english();
  EXPECT_STREQ(label(ViewId::settings), "Settings");
  german();
  EXPECT_EQ(label(ViewId::settings), before);
}

TEST_F(Labels, LongDateInGerman) {
  german();
  EXPECT_EQ(long_date(kWednesday), "Mittwoch, 25. November 2026");
}

TEST_F(Labels, LongDateInEnglish) {
  english();
  EXPECT_EQ(long_date(kWednesday), "Wednesday, 25 November 2026");
  EXPECT_EQ(long_date(date::year{2027} / 1 / 3), "Sunday, 3 January 2027");
}

// A date that was never set (a load failed) shows as nothing, not as "Dienstag, 0. April 0".
TEST_F(Labels, AnUnsetDateIsNeverShown) {
  german();
  EXPECT_EQ(long_date(Date{}), "");
  english();
  EXPECT_EQ(long_date(Date{}), "");
}

TEST_F(Labels, ShortAndRunningTextDates) {
  english();
  EXPECT_EQ(short_date(kWednesday), "25 Nov");
  EXPECT_EQ(display_date(kWednesday), "25 Nov 2026");
  german();
  EXPECT_EQ(short_date(kWednesday), "25.11.");
  EXPECT_EQ(display_date(kWednesday), "25.11.2026");
}

TEST_F(Labels, EveryEnumeratorHasAWordInBothLanguages) {
  for (const auto language : {i18n::Language::de, i18n::Language::en}) {
    assets::activate_language(language);
    const auto code = i18n::to_code(language);
    for (int i = 0; i < static_cast<int>(ViewId::COUNT); ++i) {
      EXPECT_STRNE(label(static_cast<ViewId>(i)), "") << code << " view " << i;
      EXPECT_STRNE(icon(static_cast<ViewId>(i)), "") << code << " view icon " << i;
    }
    for (int i = 0; i < static_cast<int>(WorkMode::COUNT); ++i) {
      EXPECT_STRNE(label(static_cast<WorkMode>(i)), "") << code << " mode " << i;
    }
    for (int i = 0; i < static_cast<int>(HalfDay::COUNT); ++i) {
      EXPECT_STRNE(label(static_cast<HalfDay>(i)), "") << code << " half " << i;
    }
    for (int i = 0; i < static_cast<int>(BookingState::COUNT); ++i) {
      EXPECT_STRNE(label(static_cast<BookingState>(i)), "") << code << " booking state " << i;
    }
    for (int i = 0; i < static_cast<int>(ResourceType::COUNT); ++i) {
      EXPECT_STRNE(label(static_cast<ResourceType>(i)), "") << code << " resource type " << i;
    }
    for (int i = 0; i < static_cast<int>(ui::ThemeId::COUNT); ++i) {
      EXPECT_STRNE(label(static_cast<ui::ThemeId>(i)), "") << code << " theme " << i;
    }
    for (int i = 0; i < static_cast<int>(HolidayKind::COUNT); ++i) {
      EXPECT_STRNE(label(static_cast<HolidayKind>(i)), "") << code << " holiday " << i;
    }
    for (int d = 0; d < 7; ++d) EXPECT_STRNE(weekday_name(d), "") << code << " weekday " << d;
    for (unsigned m = 1; m <= 12; ++m) EXPECT_STRNE(month_name(m), "") << code << " month " << m;
  }
}

TEST_F(Labels, GermanWordsForTheWeekPlan) {
  german();
  EXPECT_STREQ(label(WorkMode::office), "Büro");
  EXPECT_STREQ(label(HalfDay::am), "Vormittag");
  EXPECT_STREQ(weekday_name(2), "Mittwoch");
  EXPECT_STREQ(month_name(12), "Dezember");
  EXPECT_STREQ(label(HolidayKind::christmas_day), "1. Weihnachtstag");
}

TEST_F(Labels, LanguagesAreNamedInThemselves) {
  for (const auto language : {i18n::Language::de, i18n::Language::en}) {
    assets::activate_language(language);
    EXPECT_STREQ(language_name(i18n::Language::de), "Deutsch");
    EXPECT_STREQ(language_name(i18n::Language::en), "English");
  }
}

TEST_F(Labels, KnownFeaturesAreTranslatedAndUnknownOnesAreNot) {
  english();
  EXPECT_STREQ(feature_label("sit_stand"), "Sit-stand desk");
  EXPECT_EQ(feature_label("hologram"), nullptr);
}

TEST_F(Labels, RelativeTimes) {
  english();
  const Instant now = to_instant(kWednesday, 12 * 60);
  EXPECT_EQ(relative_time(std::nullopt, now), "never");
  EXPECT_EQ(relative_time(now, now), "just now");
  EXPECT_EQ(relative_time(now - std::chrono::minutes(1), now), "1 minute ago");
  EXPECT_EQ(relative_time(now - std::chrono::minutes(5), now), "5 minutes ago");
  EXPECT_EQ(relative_time(now - std::chrono::hours(3), now), "3 hours ago");
  EXPECT_EQ(relative_time(now - std::chrono::hours(48), now), "23 Nov 2026 12:00");
}

TEST_F(Labels, DayCountsAreWrittenAsTheLanguageWritesNumbers) {
  EXPECT_EQ(day_count(6.9, i18n::Language::en), "6.9");
  EXPECT_EQ(day_count(6.9, i18n::Language::de), "6,9");
  EXPECT_EQ(day_count(7.0, i18n::Language::de), "7");
  EXPECT_EQ(day_count(-0.5, i18n::Language::de), "-0,5");
}

TEST_F(Labels, TimeRangesAreBerlinWallTime) {
  // 25 November is winter time (UTC+1): 08:00 Berlin is 07:00 UTC.
  EXPECT_EQ(time_range(to_instant(kWednesday, 8 * 60), to_instant(kWednesday, 17 * 60)), "08:00–17:00");
  const Date summer = date::year{2026} / 7 / 1;
  EXPECT_EQ(time_range(to_instant(summer, 7 * 60 + 30), to_instant(summer, 12 * 60)), "07:30–12:00");
}

}  // namespace
}  // namespace stellwerk::client
