// The Wochenplan's month view (issue 15): every working day of the month with the plan and what
// actually happened side by side, public holidays named, the remote share as a gauge with the days
// left, the month's totals, and a row opened by keyboard. And the week planned by keyboard alone,
// with the real Controller and store: Tab to a cell, Space, Tab to a mode, Space.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

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
using testing::kMonday;
using testing::kToday;
using testing::all_of_type;
using testing::single;
namespace key = testing::key;

constexpr date::year_month kNovember = date::year{2026} / 11;

class MonthViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    state.view = ViewId::schedule;
    state.schedule.month = kNovember;
    state.settings.language = i18n::Language::en;  // numbers as English writes them: "2.5"
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // Presses Tab until `identity` has the focus; false when 40 presses do not get there.
  bool tab_to(std::string_view identity) {
    for (int i = 0; i < 40 && ui.focused() != identity; ++i) ui.press_key(state, key::tab);
    return ui.focused() == identity;
  }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(MonthViewTest, TheWeekSwitchesToTheMonthMostOfItLiesIn) {
  state.schedule.month.reset();
  state.schedule.week_start = add_days(kMonday, 7);  // 30 Nov – 4 Dec: mostly December
  ui.frames(state, 2);
  const auto shown = single<ShowMonth>(ui.click(state, "layout-month"));
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->month, date::year{2026} / 12);
}

TEST_F(MonthViewTest, PlanAndActualStandSideBySideDayByDay) {
  // The fixture plans Monday office, Tuesday remote and office, Wednesday (today) office.
  state.data.workdays.push_back(Workday{kMonday, HalfDay::day, WorkMode::office, WorkdayKind::actual});
  state.data.workdays.push_back(Workday{add_days(kMonday, 1), HalfDay::day, WorkMode::remote, WorkdayKind::actual});
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("month-day-2026-11-02")) << "the month's first working day";
  EXPECT_TRUE(ui.shows("month-day-2026-11-30")) << "and its last";
  EXPECT_FALSE(ui.shows("month-day-2026-11-28")) << "no weekends";
  EXPECT_TRUE(ui.shows_text("Mon 23 Nov")) << ui.text();
  EXPECT_TRUE(ui.shows_text("as planned")) << "Monday went as planned: " << ui.text();
  EXPECT_TRUE(ui.shows_text("Morning: Remote · Afternoon: Office")) << "Tuesday's plan, both halves";
  EXPECT_TRUE(ui.shows_text("actually: ")) << "Tuesday went otherwise: " << ui.text();
  EXPECT_TRUE(ui.shows_text("Wed 25 Nov · today")) << ui.text();
  EXPECT_TRUE(ui.shows_text("not confirmed")) << "today has no actual yet, the plan stands: " << ui.text();
  EXPECT_FALSE(ui.shows_text("Not planned | not confirmed")) << "a day without a plan has nothing to confirm";
  // The totals: Monday, Tuesday afternoon and Wednesday in the office, Tuesday morning remote.
  EXPECT_TRUE(ui.shows_text("Planned this month: Office 2.5 days · Remote 0.5 days")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Actually this month: Office 1 day · Remote 1 day")) << ui.text();
}

TEST_F(MonthViewTest, HolidaysAreNamedInThePlanColumn) {
  state.schedule.month = date::year{2026} / 12;
  state.schedule.week_start = testing::kChristmasWeek;
  state.today = date::year{2026} / 12 / 28;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Public holiday: Christmas Day")) << ui.text();
  EXPECT_TRUE(ui.shows("month-day-2026-12-25"));
}

TEST_F(MonthViewTest, TheGaugeSaysTheRemoteDaysLeft) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("remote-gauge-2026-11"));
  // November 2026: 21 working days, 40 % = 8.4 days, half a day planned.
  EXPECT_TRUE(ui.shows_text("7.9 remote days left")) << ui.text();
  for (int d = 0; d < 12; ++d) {
    state.data.workdays.push_back(
        Workday{add_days(date::year{2026} / 11 / 2, d), HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  }
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("remote days over the limit")) << ui.text();
}

TEST_F(MonthViewTest, TheMonthSaysTheManagersAnswerWithTheReason) {
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows_text("Going over the limit")) << "no request: nothing to say";
  state.approvals = {MonthApproval{2026, 11, ApprovalState::pending}, MonthApproval{2026, 12, ApprovalState::approved}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Going over the limit in November 2026: pending your manager's approval.")) << ui.text();
  EXPECT_FALSE(ui.shows_text("December 2026: approved")) << "only the month shown";
  state.approvals.front() = MonthApproval{2026, 11, ApprovalState::rejected, "Two of us are on leave that week."};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("rejected by your manager: “Two of us are on leave that week.”")) << ui.text();
}

TEST_F(MonthViewTest, ARowIsReachedWithTheArrowKeysAndSpaceOpensTheDayInTheWeek) {
  ui.frames(state, 2);
  ui.press_key(state, key::down);  // the focus on the side bar: Tab goes into the view
  ASSERT_TRUE(tab_to("month-day-2026-11-02"));
  ui.press_key(state, key::down);
  ASSERT_EQ(ui.focused(), "month-day-2026-11-03") << "Down goes to the next day";
  const Intents opened = ui.press_key(state, key::space);
  const auto weeks = all_of_type<ShowWeek>(opened);
  const auto edits = all_of_type<EditWorkday>(opened);
  ASSERT_EQ(weeks.size(), 1u);
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(weeks[0].week_start, date::year{2026} / 11 / 3);
  EXPECT_EQ(edits[0].day, date::year{2026} / 11 / 3);
  EXPECT_EQ(edits[0].half, HalfDay::day);
}

TEST_F(MonthViewTest, MonthsArePagedAndTheWeekComesBack) {
  ui.frames(state, 2);
  const auto next = single<ShowMonth>(ui.click(state, "next-month"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->month, date::year{2026} / 12);
  const auto previous = single<ShowMonth>(ui.click(state, "prev-month"));
  ASSERT_TRUE(previous);
  EXPECT_EQ(previous->month, date::year{2026} / 10);
  const auto week = single<ShowWeek>(ui.click(state, "layout-week"));
  ASSERT_TRUE(week);
  EXPECT_EQ(week->week_start, kToday) << "the month holds today: back to today's week";
}

// A month that starts on a Saturday (August 2026) is loaded whole, its first and last days too.
TEST(MonthViewController, ShowingAMonthLoadsAllOfIt) {
  testing::TempFolder data;
  testing::App app(data.path());
  app.controller.start(std::nullopt);
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  const Date first = date::year{2026} / 8 / 3;  // Monday
  const Date last = date::year{2026} / 8 / 31;  // Monday
  app.controller.apply(Intent{PlanWorkday{Workday{first, HalfDay::day, WorkMode::leave, WorkdayKind::planned}}});
  app.controller.apply(Intent{PlanWorkday{Workday{last, HalfDay::day, WorkMode::remote, WorkdayKind::planned}}});
  ASSERT_TRUE(app.settle());
  app.controller.apply(Intent{ShowMonth{date::year{2026} / 8}});
  const auto holds = [](const AppState& s, Date day) {
    return std::any_of(s.data.workdays.begin(), s.data.workdays.end(), [day](const Workday& w) { return w.date == day; });
  };
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return holds(s, first) && holds(s, last); }))
      << "the month's first and last working days are both loaded";
  EXPECT_EQ(app.state.schedule.month, date::year{2026} / 8);
}

// Issue 15: a week planned with the keyboard alone, through the real Controller and store.
TEST(ScheduleKeyboard, AWeekIsPlannedWithTheKeyboardAlone) {
  assets::activate_language(i18n::Language::en);
  testing::TempFolder data;
  testing::App app(data.path());
  app.state.local_demo = true;
  app.state.session.known = true;
  app.state.view = ViewId::schedule;
  app.controller.start(std::nullopt);
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded; }));
  const Date monday = add_days(kMonday, 7);
  app.controller.apply(Intent{ShowWeek{monday}});
  ASSERT_TRUE(app.settle());

  HeadlessUi ui;
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  const auto press = [&](int key_index) {
    for (const Intent& intent : ui.press_key(app.state, key_index)) app.controller.apply(intent);
    ASSERT_TRUE(app.settle());
  };
  const auto tab_to = [&](std::string_view identity) {
    for (int i = 0; i < 60 && ui.focused() != identity; ++i) press(key::tab);
    return ui.focused() == identity;
  };
  ui.frames(app.state, 2);
  press(key::down);  // into the side bar; Tab goes on into the view
  const std::array<WorkMode, 5> week{WorkMode::office, WorkMode::remote, WorkMode::office, WorkMode::remote,
                                     WorkMode::leave};
  for (int d = 0; d < 5; ++d) {
    ASSERT_TRUE(tab_to(fmt::format("cell-{}-0", d))) << "day " << d;
    press(key::space);
    ASSERT_TRUE(tab_to("whole-day")) << "day " << d;
    press(key::space);
    const std::string mode = fmt::format("mode-{}", to_string(week[static_cast<std::size_t>(d)]));
    ASSERT_TRUE(tab_to(mode)) << mode;
    press(key::space);
  }
  ASSERT_TRUE(app.settle());
  for (int d = 0; d < 5; ++d) {
    const Date day = add_days(monday, d);
    const auto entry = std::find_if(app.state.data.workdays.begin(), app.state.data.workdays.end(),
                                    [day](const Workday& w) { return w.date == day && w.kind == WorkdayKind::planned; });
    ASSERT_NE(entry, app.state.data.workdays.end()) << format_date(day);
    EXPECT_EQ(entry->half, HalfDay::day);
    EXPECT_EQ(entry->mode, week[static_cast<std::size_t>(d)]) << format_date(day);
  }
  EXPECT_EQ(app.state.data.pending_plan_days.size(), 5u) << "every day waits to be sent";
  assets::activate_language(i18n::Language::de);
}

}  // namespace
}  // namespace stellwerk::client
