// Team presence as a person meets it in the window: Settings' checkbox says what colleagues will
// see and is ticked by click or by Tab and Space; the team section under the Wochenplan's week
// names the colleagues who agreed with office or remote in words, counts the others, says when
// the team is too small, when nothing is known yet, and how old the offline answer is.
#include <chrono>

#include <gtest/gtest.h>
#include <imgui.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "presence_fixture.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_presence;
using testing::fixture_state;
using testing::HeadlessUi;
using testing::kMonday;
using testing::single;
namespace key = testing::key;

class PresenceUiTest : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui{ui::ThemeId::light, 1.0f, ImVec2(1280.0f, 2000.0f)};
  AppState state = fixture_state();
};

TEST_F(PresenceUiTest, TheCheckboxSaysWhatColleaguesSeeAndAsksToShare) {
  state.view = ViewId::settings;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Show my team whether I work in the office or remotely")) << ui.text();
  EXPECT_TRUE(ui.shows_text("When ticked, colleagues with your manager see your name")) << ui.text();
  const auto shared = single<SharePresence>(ui.click(state, "share-presence"));
  ASSERT_TRUE(shared);
  EXPECT_TRUE(shared->share);

  state.data.me->presence_opt_in = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("see your name with office or remote")) << ui.text();
  const auto stopped = single<SharePresence>(ui.click(state, "share-presence"));
  ASSERT_TRUE(stopped);
  EXPECT_FALSE(stopped->share);
}

TEST_F(PresenceUiTest, TheCheckboxIsReachedWithTabAndTickedWithSpace) {
  state.view = ViewId::settings;
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui.frames(state, 2);
  ui.press_key(state, key::down);  // the focus on the side bar: Tab goes into the view
  for (int i = 0; i < 60 && ui.focused() != "share-presence"; ++i) ui.press_key(state, key::tab);
  ASSERT_EQ(ui.focused(), "share-presence");
  const auto shared = single<SharePresence>(ui.press_key(state, key::space));
  ASSERT_TRUE(shared);
  EXPECT_TRUE(shared->share);
}

TEST_F(PresenceUiTest, TheWeekNamesWhoAgreedAndCountsTheOthers) {
  state.view = ViewId::schedule;
  state.data.presence.snapshot = fixture_presence(state);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Noah Richter in the office, Paul Klein remote · +3 in the office, 2 remote")) << ui.text();
  EXPECT_TRUE(ui.shows_text("+3 in the office, 1 remote")) << "the afternoon differs: its own line";
  EXPECT_TRUE(ui.shows_text("the others are not counted")) << ui.text();
  EXPECT_TRUE(ui.shows_text("nobody has planned office or remote")) << ui.text();
  EXPECT_TRUE(ui.shows_text("As of 2 hours ago")) << ui.text();
}

TEST_F(PresenceUiTest, OfflineTheWeekSaysHowOldItIs) {
  state.view = ViewId::schedule;
  state.data.presence.snapshot = fixture_presence(state);
  state.connection.state = Connection::offline;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Offline – as the server said 2 hours ago")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Noah Richter in the office")) << ui.text();
}

TEST_F(PresenceUiTest, ATeamTooSmallIsSaidAndNothingElse) {
  state.view = ViewId::schedule;
  TeamPresenceSnapshot refused;
  refused.from = kMonday;
  refused.to = add_days(kMonday, 34);
  refused.team_too_small = true;
  refused.fetched_at = *state.now;
  state.data.presence.snapshot = refused;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Your team is too small: counts would single someone out. It takes at least 5 people"))
      << ui.text();
  EXPECT_FALSE(ui.shows_text("in the office")) << ui.text();
}

TEST_F(PresenceUiTest, BeforeTheFirstAnswerItSaysWhenItComes) {
  state.view = ViewId::schedule;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Not known yet")) << ui.text();
  state.data.presence.snapshot = fixture_presence(state);
  state.schedule.week_start = add_days(kMonday, 42);
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Only this week and the next four")) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
