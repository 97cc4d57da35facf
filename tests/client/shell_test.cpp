// Person-like tests of the main window: a fixture AppState is drawn headless (headless_ui.hpp) and
// the tests click side-bar entries, radio options, buttons and week-grid cells by their identity,
// press Ctrl+digit shortcuts and arrow/Space keys, and check the intents the Shell emits — the
// only way the UI changes anything. They also check what a person reads (the rendered text), that
// every view draws in German and English, in every theme, at 100 % and 200 %, and that each view
// shows a sentence instead of a blank area when there is nothing to show.
#include <algorithm>
#include <ostream>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // GImGui->NavId and NavWindow: where keyboard focus is

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "labels.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::all_of_type;
using testing::empty_state;
using testing::fixture_state;
using testing::HeadlessUi;
using testing::single;
using testing::kChristmasWeek;
using testing::kMonday;
using testing::kToday;

// Tests draw in English unless they say otherwise, so that text checks read the source strings;
// every test leaves German active again, the product's default.
class ShellTest : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
  AppState state = fixture_state();
};

// --- [SECTION] Navigation ----------------------------------------------------------------------

TEST_F(ShellTest, ClickingTheScheduleEntryOfTheSideBarOpensTheSchedule) {
  ui.frames(state, 2);
  const auto navigate = single<Navigate>(ui.click(state, "nav-2"));
  ASSERT_TRUE(navigate);
  EXPECT_EQ(navigate->view, ViewId::schedule);
}

TEST_F(ShellTest, EverySideBarEntryLeadsToItsView) {
  ui.frames(state, 2);
  // Every view but Team, which only managers are offered (team_ui_test.cpp).
  for (int i = 0; i < static_cast<int>(ViewId::team); ++i) {
    const auto navigate = single<Navigate>(ui.click(state, "nav-" + std::to_string(i)));
    ASSERT_TRUE(navigate) << "nav-" << i;
    EXPECT_EQ(navigate->view, static_cast<ViewId>(i)) << "nav-" << i;
  }
}

TEST_F(ShellTest, CtrlWithADigitJumpsToThatView) {
  ui.frames(state, 2);
  auto navigate = single<Navigate>(ui.press_key(state, '3', /*ctrl=*/true));
  ASSERT_TRUE(navigate);
  EXPECT_EQ(navigate->view, ViewId::schedule);

  navigate = single<Navigate>(ui.press_key(state, '5', /*ctrl=*/true));
  ASSERT_TRUE(navigate);
  EXPECT_EQ(navigate->view, ViewId::settings);
}

TEST_F(ShellTest, HoldingCtrlAndADigitNavigatesOnceNotEveryFrame) {
  ui.frames(state, 2);
  ui.io().KeyCtrl = true;
  ui.io().KeysDown['2'] = true;
  const Intents held = ui.frames(state, 60);  // one second with the keys held down
  ui.io().KeysDown['2'] = false;
  ui.io().KeyCtrl = false;
  ui.frame(state);
  EXPECT_EQ(all_of_type<Navigate>(held).size(), 1u);
}

TEST_F(ShellTest, ADigitWithoutCtrlDoesNotNavigate) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.press_key(state, '3').empty());
}

TEST_F(ShellTest, KeyboardAloneReachesAndActivatesASideBarEntry) {
  // A person without a mouse: arrow keys move the focus ring, Space activates. ImGui 1.86 treats
  // the bordered side bar as one item of the main window: Space on it enters it and focuses its
  // first entry; Down moves to the next entry.
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui.frames(state, 2);
  ui.press_key(state, testing::key::down);
  ui.press_key(state, testing::key::space);  // into the side bar, on "Home"
  ui.frames(state, 2);
  ASSERT_NE(GImGui->NavWindow, nullptr);
  ASSERT_NE(std::string(GImGui->NavWindow->Name).find("###sidebar"), std::string::npos)
      << "keyboard focus is in " << GImGui->NavWindow->Name << ", not in the side bar";
  ui.press_key(state, testing::key::down);
  ui.press_key(state, testing::key::down);  // on "Schedule"
  const auto navigate = single<Navigate>(ui.press_key(state, testing::key::space));
  ASSERT_TRUE(navigate);
  EXPECT_EQ(navigate->view, ViewId::schedule);
}

TEST_F(ShellTest, NoInputMeansNoIntents) {
  for (int v = 0; v < static_cast<int>(ViewId::COUNT); ++v) {
    state.view = static_cast<ViewId>(v);
    EXPECT_TRUE(ui.frames(state, 5).empty()) << "view " << v;
  }
}

// --- [SECTION] Settings ------------------------------------------------------------------------

TEST_F(ShellTest, SettingsOffersLanguageThemeAndTextSize) {
  state.view = ViewId::settings;
  ui.frames(state, 2);

  const auto language = single<ChangeLanguage>(ui.click(state, "lang-en"));
  ASSERT_TRUE(language);
  EXPECT_EQ(language->language, i18n::Language::en);

  const auto theme = single<ChangeTheme>(ui.click(state, "theme-dark"));
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->theme, ui::ThemeId::dark);

  const auto high_contrast = single<ChangeTheme>(ui.click(state, "theme-high-contrast"));
  ASSERT_TRUE(high_contrast);
  EXPECT_EQ(high_contrast->theme, ui::ThemeId::high_contrast);

  const auto scale = single<ChangeScale>(ui.click(state, "scale-150"));
  ASSERT_TRUE(scale);
  EXPECT_FLOAT_EQ(scale->scale, 1.5f);
}

TEST_F(ShellTest, SettingsNamesEachLanguageInItself) {
  state.view = ViewId::settings;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Deutsch")) << ui.text();
  EXPECT_TRUE(ui.shows_text("English")) << ui.text();
  EXPECT_TRUE(ui.shows_text(state.data_folder)) << "the data folder is shown";
}

// --- [SECTION] Schedule ------------------------------------------------------------------------

TEST_F(ShellTest, ClickingAWeekCellOpensThePlanEditorForThatHalfDay) {
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  auto edit = single<EditWorkday>(ui.click(state, "cell-0-0"));
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->day, kMonday);
  EXPECT_EQ(edit->half, HalfDay::am);

  edit = single<EditWorkday>(ui.click(state, "cell-2-1"));
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->day, kToday);
  EXPECT_EQ(edit->half, HalfDay::pm);
}

TEST_F(ShellTest, ChoosingAModeInThePlanEditorPlansThatHalfDay) {
  state.view = ViewId::schedule;
  const Date thursday = add_days(kMonday, 3);
  state.schedule.editing_day = thursday;
  state.schedule.editing_half = HalfDay::am;
  ui.frames(state, 2);
  const auto plan = single<PlanWorkday>(ui.click(state, "mode-remote"));
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->workday.date, thursday);
  EXPECT_EQ(plan->workday.half, HalfDay::am);
  EXPECT_EQ(plan->workday.mode, WorkMode::remote);
  EXPECT_EQ(plan->workday.kind, WorkdayKind::planned);

  const auto whole = single<EditWorkday>(ui.click(state, "whole-day"));
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->day, thursday);
  EXPECT_EQ(whole->half, HalfDay::day);

  EXPECT_TRUE(single<CancelEdit>(ui.click(state, "cancel-edit")));
}

TEST_F(ShellTest, ThePlanEditorOffersEveryMode) {
  state.view = ViewId::schedule;
  state.schedule.editing_day = add_days(kMonday, 4);
  state.schedule.editing_half = HalfDay::pm;
  ui.frames(state, 2);
  for (int m = 0; m < static_cast<int>(WorkMode::COUNT); ++m) {
    const auto mode = static_cast<WorkMode>(m);
    EXPECT_TRUE(ui.shows("mode-" + std::string(to_string(mode)))) << to_string(mode);
  }
  EXPECT_TRUE(ui.shows_text("Friday, 27 November 2026 – Afternoon")) << ui.text();
}

TEST_F(ShellTest, WeekButtonsMoveByAWeekAndBackToToday) {
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  auto week = single<ShowWeek>(ui.click(state, "next-week"));
  ASSERT_TRUE(week);
  EXPECT_EQ(week->week_start, Date{date::year{2026} / 11 / 30});

  week = single<ShowWeek>(ui.click(state, "prev-week"));
  ASSERT_TRUE(week);
  EXPECT_EQ(week->week_start, Date{date::year{2026} / 11 / 16});

  state.schedule.week_start = kChristmasWeek;
  week = single<ShowWeek>(ui.click(state, "this-week"));
  ASSERT_TRUE(week);
  EXPECT_EQ(week_start(week->week_start), kMonday);
}

TEST_F(ShellTest, APublicHolidayCannotBePlanned) {
  state.view = ViewId::schedule;
  state.schedule.week_start = kChristmasWeek;  // Friday is 25 December
  ui.frames(state, 2);
  ASSERT_TRUE(ui.shows("cell-4-0")) << "the holiday is shown as a cell";
  EXPECT_TRUE(ui.shows_text("Christmas Day")) << ui.text();
  EXPECT_TRUE(ui.click(state, "cell-4-0").empty());
  EXPECT_TRUE(ui.click(state, "cell-4-1").empty());

  // The day before is an ordinary working day in NRW and can be planned.
  const auto edit = single<EditWorkday>(ui.click(state, "cell-3-0"));
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->day, Date{date::year{2026} / 12 / 24});
}

TEST_F(ShellTest, TheWeekShowsPlannedModesInWords) {
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Office")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Remote")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Not planned")) << "Thursday and Friday have no plan";
  EXPECT_TRUE(ui.shows_text("23 Nov 2026 – 27 Nov 2026")) << ui.text();
}

// --- [SECTION] Home ----------------------------------------------------------------------------

TEST_F(ShellTest, HomeLeadsToTheWeekPlanAndToTrainings) {
  ui.frames(state, 2);
  auto navigate = single<Navigate>(ui.click(state, "home-plan-week"));
  ASSERT_TRUE(navigate);
  EXPECT_EQ(navigate->view, ViewId::schedule);

  navigate = single<Navigate>(ui.click(state, "home-trainings"));
  ASSERT_TRUE(navigate);
  EXPECT_EQ(navigate->view, ViewId::training);
}

TEST_F(ShellTest, HomeShowsTodaysBookingAndOffersNoSearch) {
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("home-find-desk"));
  EXPECT_TRUE(ui.shows_text("EG-01")) << ui.text();
  EXPECT_TRUE(ui.shows_text("08:00–17:00")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Hello, Alex Muster!")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Wednesday, 25 November 2026")) << ui.text();
}

TEST_F(ShellTest, WithoutABookingTodayHomeOffersToFindADesk) {
  state.data.bookings.clear();
  ui.frames(state, 2);
  ASSERT_TRUE(ui.shows("home-find-desk"));
  EXPECT_TRUE(ui.shows_text("You have no desk booked for today.")) << ui.text();
  const auto navigate = single<Navigate>(ui.click(state, "home-find-desk"));
  ASSERT_TRUE(navigate);
  EXPECT_EQ(navigate->view, ViewId::desks);
}

TEST_F(ShellTest, ACancelledBookingDoesNotCountAsTodaysBooking) {
  state.data.bookings.front().booking.state = BookingState::cancelled;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("home-find-desk"));
}

TEST_F(ShellTest, HomeListsOverdueAndExpiredTrainingsButNotValidOnes) {
  ui.frames(state, 2);
  // The fixture's today is Wednesday 25 November 2026.
  EXPECT_TRUE(ui.shows_text("Datenschutz – overdue since 1 Nov 2026, 24 days late")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Informationssicherheit – expired on 10 Oct 2026, 46 days ago")) << ui.text();
  EXPECT_FALSE(ui.shows_text("Tabellen")) << "a valid completed course needs no attention";
  EXPECT_FALSE(ui.shows_text("KI im Amt")) << "an optional course needs no attention";
}

TEST_F(ShellTest, HomeSaysHowManyDaysAreLeftForADueTraining) {
  state.data.enrollments.front().due_on = date::year{2026} / 11 / 26;  // tomorrow
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Datenschutz – due by 26 Nov 2026, 1 day left")) << ui.text();
  state.data.enrollments.front().due_on = date::year{2026} / 12 / 9;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Datenschutz – due by 9 Dec 2026, 14 days left")) << ui.text();
  state.data.enrollments.front().due_on = state.today;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Datenschutz – due today, 25 Nov 2026")) << ui.text();
}

TEST_F(ShellTest, ANoticeCanBeDismissed) {
  state.notice = "The local cache was rebuilt.";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text(state.notice));
  EXPECT_TRUE(single<DismissNotice>(ui.click(state, "dismiss")));
}

TEST_F(ShellTest, TheStatusBarSaysWhenWorkingOfflineAndWhatIsPending) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Offline – local data only")) << ui.text();
  EXPECT_TRUE(ui.shows_text("2 changes pending")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Last sync: never")) << ui.text();
}

// --- [SECTION] Desks and Training ----------------------------------------------------------------

TEST_F(ShellTest, DesksListsTheFloorAndMarksMyBooking) {
  state.view = ViewId::desks;
  state.desks.layout = DeskLayout::list;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("EG-02")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Meeting room (8)")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Monitor, Docking station")) << ui.text();
  EXPECT_TRUE(ui.shows_text("hologram")) << "an unknown feature is shown as it is";
  EXPECT_TRUE(ui.shows_text("my booking")) << ui.text();
  // Offline, other people's bookings are unknown: places count as free so booking keeps working,
  // and the view says what "free" rests on.
  EXPECT_TRUE(ui.shows_text("Who else has booked is known only when connected to the server.")) << ui.text();
}

TEST_F(ShellTest, ChoosingAnotherFloorSelectsIt) {
  state.view = ViewId::desks;
  ui.frames(state, 2);
  const auto floor = single<SelectFloor>(ui.click(state, "floor-flr-a-1"));
  ASSERT_TRUE(floor);
  EXPECT_EQ(floor->floor_id, "flr-a-1");
}

TEST_F(ShellTest, TrainingShowsWhereThePersonStandsOnEachCourse) {
  state.view = ViewId::training;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Overdue since 1 Nov 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Expired on 10 Oct 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Completed, valid until 2 Mar 2028")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Not enrolled")) << ui.text();
  EXPECT_TRUE(ui.shows_text("9.9")) << "an unknown competence id is still shown";
}

// --- [SECTION] Empty and loading states ----------------------------------------------------------

TEST_F(ShellTest, BeforeTheFirstLoadEveryViewSaysItIsLoading) {
  state.data.loaded = false;
  for (int v = 0; v < static_cast<int>(ViewId::COUNT); ++v) {
    state.view = static_cast<ViewId>(v);
    ui.frames(state, 2);
    EXPECT_TRUE(ui.shows_text("Loading…")) << "view " << v;
  }
}

TEST_F(ShellTest, EveryViewExplainsWhenThereIsNothingToShow) {
  state = empty_state();
  state.view = ViewId::home;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("You have no desk booked for today.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Nothing planned for today.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("No trainings are due. Well done!")) << ui.text();
  EXPECT_TRUE(ui.shows("home-find-desk"));

  state.view = ViewId::desks;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("No buildings are known yet.")) << ui.text();

  state.view = ViewId::schedule;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Not planned")) << ui.text();
  EXPECT_TRUE(ui.shows("cell-0-0"));

  state.view = ViewId::training;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("No courses are known yet.")) << ui.text();

  state.view = ViewId::settings;
  state.data_folder.clear();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("not saved on this device")) << ui.text();
}

TEST_F(ShellTest, AFloorWithNothingBookableSaysSo) {
  state.view = ViewId::desks;
  state.desks.resources.clear();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Nothing on this floor can be booked.")) << ui.text();

  state.desks.resources_loaded = false;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Loading…")) << ui.text();
}

TEST_F(ShellTest, ABuildingWithoutFloorsAndAnUnknownBuildingDoNotBreakDesks) {
  state.view = ViewId::desks;
  state.data.buildings[1].floors.clear();
  state.desks.building_id = "bld-b";
  state.desks.floor_id.clear();
  state.desks.resources.clear();
  ui.frames(state, 3);
  EXPECT_FALSE(ui.shows("floor-flr-a-0"));

  state.desks.building_id = "bld-gone";
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows_text("Building")) << ui.text();
}

// --- [SECTION] Every view in every language, theme and size --------------------------------------

struct Look {
  i18n::Language language;
  ui::ThemeId theme;
  float scale;
};

void PrintTo(const Look& look, std::ostream* os) {
  *os << i18n::to_code(look.language) << ", " << ui::to_string(look.theme) << ", " << look.scale * 100.0f << " %";
}

std::string look_name(const ::testing::TestParamInfo<Look>& info) {
  std::string name = std::string(i18n::to_code(info.param.language)) + "_" + std::string(ui::to_string(info.param.theme)) +
                     "_" + std::to_string(static_cast<int>(info.param.scale * 100.0f));
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::vector<Look> all_looks() {
  std::vector<Look> looks;
  for (const auto language : {i18n::Language::de, i18n::Language::en}) {
    for (int t = 0; t < static_cast<int>(ui::ThemeId::COUNT); ++t) {
      for (const float scale : {1.0f, 2.0f}) looks.push_back({language, static_cast<ui::ThemeId>(t), scale});
    }
  }
  return looks;
}

class EveryLook : public ::testing::TestWithParam<Look> {
 protected:
  void SetUp() override { assets::activate_language(GetParam().language); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }
};

TEST_P(EveryLook, EveryViewDrawsWithAllItsNavigationVisible) {
  HeadlessUi ui(GetParam().theme, GetParam().scale);
  for (const bool empty : {false, true}) {
    AppState state = empty ? empty_state() : fixture_state();
    state.settings = Settings{GetParam().language, GetParam().theme, GetParam().scale};
    state.notice = "Notice";
    for (int v = 0; v < static_cast<int>(ViewId::COUNT); ++v) {
      state.view = static_cast<ViewId>(v);
      if (state.view == ViewId::schedule) state.schedule.editing_day = kToday;
      EXPECT_TRUE(ui.frames(state, 3).empty()) << "view " << v;
      for (int i = 0; i < static_cast<int>(ViewId::team); ++i) {  // Team: only for managers (team_ui_test)
        const auto nav = ui.find("nav-" + std::to_string(i));
        ASSERT_TRUE(nav) << "view " << v << ": side-bar entry " << i << " missing";
        EXPECT_GE(nav->min.y, 0.0f);
        EXPECT_LE(nav->max.y, ui.io().DisplaySize.y) << "view " << v << ": side-bar entry " << i << " cut off";
      }
    }
  }
  // The same session survives switching views back and forth with data arriving in between.
  AppState state = empty_state();
  state.view = ViewId::desks;
  ui.frames(state, 2);
  state = fixture_state();
  state.view = ViewId::desks;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("floor-flr-a-1"));
}

INSTANTIATE_TEST_SUITE_P(Looks, EveryLook, ::testing::ValuesIn(all_looks()), look_name);

// At 200 % a person must still reach every control without a horizontal scroll bar (the content
// area has none): each control's right edge stays inside the 1280 px wide window.
class DoubleSize : public ::testing::TestWithParam<i18n::Language> {
 protected:
  void SetUp() override { assets::activate_language(GetParam()); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }
};

TEST_P(DoubleSize, EveryControlFitsTheWindowWidth) {
  HeadlessUi ui(ui::ThemeId::light, 2.0f);
  AppState state = fixture_state();
  state.notice = "Notice";
  state.schedule.editing_day = kToday;
  state.schedule.editing_half = HalfDay::am;
  state.desks.layout = DeskLayout::list;  // the plan's controls: desks_ui_test.cpp
  std::vector<std::pair<ViewId, std::string>> controls{
      {ViewId::home, "home-plan-week"}, {ViewId::home, "home-trainings"}, {ViewId::home, "dismiss"},
      {ViewId::desks, "floor-flr-a-1"}, {ViewId::schedule, "prev-week"}, {ViewId::schedule, "this-week"},
      {ViewId::schedule, "next-week"}, {ViewId::schedule, "cell-4-1"}, {ViewId::schedule, "whole-day"},
      {ViewId::schedule, "cancel-edit"}, {ViewId::settings, "lang-en"}, {ViewId::settings, "theme-high-contrast"},
      {ViewId::settings, "scale-200"}, {ViewId::settings, "settings-sign-in"}, {ViewId::desks, "next-day"},
      {ViewId::desks, "details-res-2"}, {ViewId::training, "enrol-crs-ai"}, {ViewId::training, "complete-enr-1"},
      {ViewId::home, "cancel-bkg-1"}};
  for (int m = 0; m < static_cast<int>(WorkMode::COUNT); ++m) {
    controls.emplace_back(ViewId::schedule, "mode-" + std::string(to_string(static_cast<WorkMode>(m))));
  }
  const float width = ui.io().DisplaySize.x;
  for (const auto& [view, identity] : controls) {
    state.view = view;
    ui.frames(state, 3);
    const auto rect = ui.find(identity);
    ASSERT_TRUE(rect) << identity << " not drawn";
    EXPECT_LE(rect->max.x, width) << identity << " reaches x = " << rect->max.x << " in a " << width
                                  << " px window: cut off at 200 %";
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, DoubleSize, ::testing::Values(i18n::Language::de, i18n::Language::en),
                         [](const ::testing::TestParamInfo<i18n::Language>& language) {
                           return std::string(i18n::to_code(language.param));
                         });

TEST(ShellGerman, TheSideBarAndHeadingsSpeakGerman) {
  assets::activate_language(i18n::Language::de);
  HeadlessUi ui;
  AppState state = fixture_state();
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  // The side bar draws its labels directly; the view heading goes through the text log.
  EXPECT_TRUE(ui.shows_text("Wochenplan")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Nicht geplant")) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
