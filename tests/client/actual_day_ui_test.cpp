// What actually happened, in the Wochenplan (issue 15): for today and days gone by the editor
// offers "As planned" and each mode as the actual day, and the week's cells show the actual next
// to the plan ("✓ as planned", "actually: Remote"). Days ahead have no actual yet.
#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::HeadlessUi;
using testing::kMonday;
using testing::kToday;
using testing::single;

class ActualDayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::schedule;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  void edit(Date day, HalfDay half) {
    state.schedule.editing_day = day;
    state.schedule.editing_half = half;
  }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(ActualDayTest, ADayGoneByIsConfirmedAsPlannedInOneClick) {
  edit(kMonday, HalfDay::am);  // planned office
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("What actually happened:")) << ui.text();
  const auto confirmed = single<PlanWorkday>(ui.click(state, "actual-as-planned"));
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(confirmed->workday.date, kMonday);
  EXPECT_EQ(confirmed->workday.half, HalfDay::am);
  EXPECT_EQ(confirmed->workday.mode, WorkMode::office);
  EXPECT_EQ(confirmed->workday.kind, WorkdayKind::actual);
}

TEST_F(ActualDayTest, AnotherModeIsRecordedAsWhatHappened) {
  edit(kToday, HalfDay::pm);
  ui.frames(state, 2);
  const auto corrected = single<PlanWorkday>(ui.click(state, "actual-remote"));
  ASSERT_TRUE(corrected);
  EXPECT_EQ(corrected->workday.mode, WorkMode::remote);
  EXPECT_EQ(corrected->workday.kind, WorkdayKind::actual);
}

TEST_F(ActualDayTest, ADayAheadHasNoActualYet) {
  edit(add_days(kToday, 1), HalfDay::am);
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows_text("What actually happened:")) << ui.text();
  EXPECT_FALSE(ui.shows("actual-remote"));
}

TEST_F(ActualDayTest, TheWeekShowsTheActualBesideThePlan) {
  state.data.workdays.push_back(Workday{kMonday, HalfDay::day, WorkMode::office, WorkdayKind::actual});
  state.data.workdays.push_back(Workday{add_days(kMonday, 1), HalfDay::am, WorkMode::office, WorkdayKind::actual});
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("as planned")) << ui.text();
  EXPECT_TRUE(ui.shows_text("actually: Office")) << "Tuesday morning was planned remote: " << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
