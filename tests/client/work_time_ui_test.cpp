// Working time in the Wochenplan (issue 15): on a remote day the editor offers start, end and
// break as text fields; as the person types, the time worked and the warnings of the
// working-time act appear in words (more than 10 hours, less than 11 hours of rest, too short a
// break after 6 and after 9 hours); Save sends what was typed, also with warnings; a time that
// cannot be is explained and cannot be saved; office days offer no fields; the week shows each
// day's hours and the total; a day still to come offers no fields yet; a removal not sent is said.
// In English here; the German words are checked by the layout test.
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
using testing::single;

const Date kTuesday = add_days(kMonday, 1);  // the morning planned remote in the fixture

class WorkTimeUiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::schedule;
    state.schedule.editing_day = kTuesday;
    state.schedule.editing_half = HalfDay::am;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // Types the three fields as a person does: click, type, next field.
  void enter(std::string_view start, std::string_view end, std::string_view pause) {
    ui.frames(state, 2);
    ASSERT_TRUE(ui.shows("work-time-start")) << ui.text();
    ui.click(state, "work-time-start");
    ui.type(state, start);
    ui.click(state, "work-time-end");
    ui.type(state, end);
    ui.click(state, "work-time-break");
    ui.type(state, pause);
    ui.frames(state, 2);
  }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(WorkTimeUiTest, AnOfficeDayOffersNoWorkingTime) {
  state.schedule.editing_day = kMonday;
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("work-time-start"));
  EXPECT_FALSE(ui.shows_text("Working time")) << ui.text();
}

TEST_F(WorkTimeUiTest, AnOrdinaryDayHasNoWarningAndIsSaved) {
  enter("08:00", "16:30", "30");
  EXPECT_TRUE(ui.shows_text("Worked: 8:00 h")) << ui.text();
  EXPECT_FALSE(ui.shows_text("Warning:")) << ui.text();
  const auto saved = single<SaveWorkTime>(ui.click(state, "work-time-save"));
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->record, (WorkTime{kTuesday, 8 * 60, 16 * 60 + 30, 30}));
}

TEST_F(WorkTimeUiTest, MoreThanTenHoursAndTooShortABreakAfterNineAreWarnedButSaved) {
  enter("07:00", "19:00", "15");
  EXPECT_TRUE(ui.shows_text("Worked: 11:45 h")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Warning: More than 10 hours of work on one day")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Warning: More than 9 hours of work need a break of at least 45 minutes.")) << ui.text();
  EXPECT_FALSE(ui.shows_text("need a break of at least 30 minutes")) << "only the stricter break rule";
  EXPECT_TRUE(single<SaveWorkTime>(ui.click(state, "work-time-save"))) << "a warning never stops saving";
}

TEST_F(WorkTimeUiTest, TooShortABreakAfterSixHours) {
  enter("08:00", "15:00", "0");
  EXPECT_TRUE(ui.shows_text("Warning: More than 6 hours of work need a break of at least 30 minutes.")) << ui.text();
}

TEST_F(WorkTimeUiTest, LessThanElevenHoursOfRestAfterThePreviousDay) {
  state.data.work_times = {WorkTime{kMonday, 12 * 60, 22 * 60, 60}};
  enter("07:00", "12:00", "0");
  EXPECT_TRUE(ui.shows_text("Warning: Less than 11 hours of rest since the end of your previous working day."))
      << ui.text();
}

TEST_F(WorkTimeUiTest, ATimeThatCannotBeIsExplainedAndNotSaved) {
  enter("16:00", "08:00", "0");
  EXPECT_TRUE(ui.shows_text("The end must be after the start")) << ui.text();
  EXPECT_TRUE(testing::all_of_type<SaveWorkTime>(ui.click(state, "work-time-save")).empty());
}

TEST_F(WorkTimeUiTest, AStoredDayIsFilledInAndCanBeRemoved) {
  state.data.work_times = {WorkTime{kTuesday, 8 * 60, 16 * 60 + 30, 30}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Worked: 8:00 h")) << ui.text();
  const auto removed = single<RemoveWorkTime>(ui.click(state, "work-time-remove"));
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->day, kTuesday);
}

TEST_F(WorkTimeUiTest, ARemovalNotSentYetIsSaidSo) {
  state.data.pending_work_time_days = {kTuesday};  // removed here: no record left in the cache
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Removed on this computer; not sent to the server yet.")) << ui.text();
}

TEST_F(WorkTimeUiTest, ADayStillToComeOffersNoFieldsAndSaysWhen) {
  const Date friday = add_days(testing::kToday, 2);
  state.data.workdays.push_back(Workday{friday, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  state.schedule.editing_day = friday;
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("work-time-start"));
  EXPECT_TRUE(ui.shows_text("Working time: you can record it on the day and after it.")) << ui.text();
}

TEST_F(WorkTimeUiTest, TheWeekShowsEachDaysHoursAndTheTotal) {
  state.schedule.editing_day.reset();
  state.data.work_times = {WorkTime{kMonday, 8 * 60, 16 * 60 + 30, 30}, WorkTime{kTuesday, 9 * 60, 21 * 60, 30}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Working time this week: 19:30 h (Mon 8:00 · Tue 11:30)")) << ui.text();
  EXPECT_TRUE(ui.shows_text("The working-time act warns about: Tue")) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
