// The Wochenplan's editor says what planning remote on the day chosen would do before the person
// commits it (issue 15): within the department's limit, the share and the remote days left; over
// it, that the department refuses it or that it goes to the manager, as its policy says.
#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::HeadlessUi;
using testing::kToday;

class RemoteOutlookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::schedule;
    state.settings.language = i18n::Language::en;
    state.schedule.editing_day = add_days(kToday, 1);  // Thursday 26 November 2026
    state.schedule.editing_half = HalfDay::day;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // Remote on every weekday from 2 to 20 November: 15 of November's 21 working days.
  void plan_much_remote() {
    for (Date day = date::year{2026} / 11 / 2; day <= date::year{2026} / 11 / 20; day = add_days(day, 1)) {
      if (weekday_index(day) < 5) state.data.workdays.push_back(Workday{day, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
    }
  }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(RemoteOutlookTest, WithinTheLimitItSaysTheShareAndTheDaysLeft) {
  ui.frames(state, 2);
  // Half a day remote already, plus this whole day: 1.5 of 21 working days, 8.4 allowed.
  EXPECT_TRUE(ui.shows_text("Remote here: 7 % of 40 % in November, 6.9 remote days left.")) << ui.text();
}

TEST_F(RemoteOutlookTest, OverTheLimitItSaysTheManagerDecides) {
  plan_much_remote();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("over the limit. It goes to your manager for approval.")) << ui.text();
}

TEST_F(RemoteOutlookTest, OverTheLimitWhereTheDepartmentRefusesItSaysSo) {
  plan_much_remote();
  state.data.department->policy.over_quota = OverQuotaRule::refused;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("over the limit. Your department will refuse it.")) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
