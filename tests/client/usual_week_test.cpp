// "My usual week" in the Wochenplan (issue 15), driven like a person: the saved week is read out
// in words, "Save this week as my usual week" and "Apply it to [n] weeks" emit their intents, and
// applying is not offered before a week was saved. The handler's side on the Controller with a
// real store: a week is planned and saved, then applied over four weeks with two holidays and a
// day already planned among them; the notice counts the days planned and names each day left
// alone with its reason, and every planned day is queued for the server.
#include <algorithm>

#include <gtest/gtest.h>
#include <imgui.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::HeadlessUi;
using testing::single;

class UsualWeekUiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::schedule;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(UsualWeekUiTest, WithoutAUsualWeekItSaysSoAndOnlySavingIsOffered) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("None saved yet.")) << ui.text();
  EXPECT_TRUE(ui.click(state, "usual-apply").empty()) << "nothing to apply yet";
  EXPECT_TRUE(single<SaveUsualWeek>(ui.click(state, "usual-save")));
}

TEST_F(UsualWeekUiTest, TheUsualWeekIsReadOutAndAppliedToTheWeeksChosen) {
  state.data.usual_week = {UsualSlot{0, HalfDay::day, WorkMode::office}, UsualSlot{2, HalfDay::am, WorkMode::office},
                           UsualSlot{2, HalfDay::pm, WorkMode::remote}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Mon Office · Wed Office / Remote")) << ui.text();
  ui.click(state, "usual-weeks");
  ui.frames(state, 1);
  ui.click(state, "usual-weeks-6");
  ui.frames(state, 1);
  const auto apply = single<ApplyUsualWeek>(ui.click(state, "usual-apply"));
  ASSERT_TRUE(apply);
  EXPECT_EQ(apply->weeks, 6);
}

const Date kMonday14 = date::year{2026} / 12 / 14;

Workday whole(Date day, WorkMode mode) { return Workday{day, HalfDay::day, mode, WorkdayKind::planned}; }

TEST(UsualWeekController, AppliedOverFourWeeksWithHolidaysItPlansTheRestAndSaysWhatItLeftAlone) {
  assets::activate_language(i18n::Language::en);
  testing::TempFolder folder;
  testing::App app(folder.path() / "data");
  app.controller.start(std::nullopt);
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  app.controller.apply(Intent{ShowWeek{kMonday14}});
  for (const Workday& w : {whole(kMonday14, WorkMode::office), whole(add_days(kMonday14, 1), WorkMode::remote),
                           whole(add_days(kMonday14, 4), WorkMode::remote), whole(add_days(kMonday14, 15), WorkMode::leave)}) {
    app.controller.apply(Intent{PlanWorkday{w}});
  }
  ASSERT_TRUE(app.settle());
  app.controller.apply(Intent{SaveUsualWeek{}});
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return !s.data.usual_week.empty(); }));
  EXPECT_EQ(app.state.data.usual_week.size(), 3u);
  const int pending_before = app.state.data.sync.pending;

  // The four weeks from Monday 21 December: Fridays 25 December and 1 January are holidays, and
  // Tuesday 29 December was planned as leave above.
  app.controller.apply(Intent{ShowWeek{add_days(kMonday14, 7)}});
  app.controller.apply(Intent{ApplyUsualWeek{4}});
  const auto applied = [](const AppState& s) {
    return std::find_if(s.toasts.begin(), s.toasts.end(),
                        [](const Toast& t) { return t.text.starts_with("Usual week applied"); });
  };
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return applied(s) != s.toasts.end(); }));
  ASSERT_TRUE(app.settle());
  ASSERT_NE(applied(app.state), app.state.toasts.end());
  const Toast notice = *applied(app.state);
  EXPECT_EQ(notice.kind, ToastKind::confirmed);
  EXPECT_NE(notice.text.find("Usual week applied: 9 days planned."), std::string::npos) << notice.text;
  EXPECT_NE(notice.text.find("Fri 25 Dec (Christmas Day)"), std::string::npos) << notice.text;
  EXPECT_NE(notice.text.find("Tue 29 Dec (already planned)"), std::string::npos) << notice.text;
  EXPECT_NE(notice.text.find("Fri 1 Jan (New Year's Day)"), std::string::npos) << notice.text;
  EXPECT_EQ(app.state.data.sync.pending, pending_before + 9) << "every planned day waits to be sent";

  const auto mode_on = [&](Date day) -> std::optional<WorkMode> {
    for (const Workday& w : app.state.data.workdays) {
      if (w.date == day && w.kind == WorkdayKind::planned) return w.mode;
    }
    return std::nullopt;
  };
  EXPECT_EQ(mode_on(add_days(kMonday14, 7)), WorkMode::office);
  EXPECT_EQ(mode_on(add_days(kMonday14, 8)), WorkMode::remote);
  EXPECT_EQ(mode_on(add_days(kMonday14, 15)), WorkMode::leave) << "a day already planned keeps its plan";
  EXPECT_EQ(mode_on(add_days(kMonday14, 11)), std::nullopt) << "Christmas Day stays free";
  EXPECT_EQ(mode_on(add_days(kMonday14, 9)), std::nullopt) << "the usual week has nothing on Wednesdays";
  assets::activate_language(i18n::Language::de);
}

}  // namespace
}  // namespace stellwerk::client
