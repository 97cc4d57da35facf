// The Team page as a manager meets it (issue 15): the team's open requests with the month's totals
// in words, "Approve" at once, "Decline" only with a reason (and the page says why it waits), a
// decision waiting to be sent shown as such, everyone's monthly totals without a single day, the
// team's mandatory trainings in counts and shares (never who), and
// the page offered only to managers, by mouse and by keyboard (Ctrl+6, Tab, Space).
#include <algorithm>

#include <gtest/gtest.h>
#include <imgui.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"

namespace stellwerk::client {
namespace {

using testing::all_of_type;
using testing::HeadlessUi;
using testing::manager_state;
using testing::single;
namespace key = testing::key;

class TeamUiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.settings.language = i18n::Language::en;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui{ui::ThemeId::light, 1.0f, ImVec2(1280.0f, 1200.0f)};
  AppState state = manager_state();
};

TEST_F(TeamUiTest, RequestsAndTotalsAreSaidInWordsAndNeverByDay) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Alex Demir, December 2026: 9 remote days planned, 8.8 allowed")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Jonas Weber, January 2027: 10.5 remote days planned, 8 allowed")) << ui.text();
  EXPECT_TRUE(ui.shows_text("You never see single days")) << ui.text();
  EXPECT_TRUE(ui.shows_text("December 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("9 of 8.8 allowed")) << ui.text();
  EXPECT_TRUE(ui.shows_text("41 % (over 40 %)")) << "over the share in words, not by colour: " << ui.text();
  EXPECT_TRUE(ui.shows_text("18 % of 40 %")) << ui.text();
  EXPECT_TRUE(ui.shows_text("open request")) << ui.text();
  EXPECT_TRUE(ui.shows_text("declined")) << ui.text();
  EXPECT_TRUE(ui.shows_text("no request")) << ui.text();
}

// Mandatory trainings as counts and a share per course, in the catalogue's order: never who.
TEST_F(TeamUiTest, MandatoryTrainingsAreCountsAndSharesOfTheTeam) {
  state.team.members.push_back(TeamMonth{"emp-4", "Mia Koch", 22, 2.0, 8.8, 9.1, 40, ApprovalState::none});
  state.team.trainings = std::vector<TeamTraining>{TeamTraining{"crs-privacy", "Datenschutz", 4, 3, 0, 1, 0, 0},
                                                  TeamTraining{"crs-security", "Informationssicherheit", 4, 1, 1, 0, 1, 1}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Mandatory trainings in the team")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Datenschutz")) << ui.text();
  EXPECT_TRUE(ui.shows_text("3 of 4 (75 %)")) << ui.text();
  EXPECT_TRUE(ui.shows_text("1 of 4 (25 %)")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Not enrolled")) << ui.text();
  EXPECT_TRUE(ui.shows_text("nor who has not done a training")) << ui.text();
  EXPECT_TRUE(ui.shows_text("mandatory for fewer than 4 of your team is not shown")) << "why a course may be missing: " << ui.text();

  // 999 of 1000 is not all of them: the share is rounded down.
  state.team.trainings = std::vector<TeamTraining>{TeamTraining{"crs-privacy", "Datenschutz", 1000, 999, 0, 1, 0, 0}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("999 of 1000 (99 %)")) << ui.text();

  // The server's refusal for a team under five people, the manager included: counts would single
  // someone out.
  state.team.trainings.reset();
  state.team.team_too_small = true;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Your team is too small to show counts without singling someone out.")) << ui.text();
  // A server without these counts (an older one) still shows the rest of the page.
  state.team.team_too_small = false;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("The server did not give these counts.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Alex Demir, December 2026")) << "the requests stay: " << ui.text();
  state.team.trainings = std::vector<TeamTraining>{};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("No course is mandatory for enough of your team to show counts.")) << ui.text();
}

TEST_F(TeamUiTest, ApproveDecidesAtOnce) {
  ui.frames(state, 2);
  const auto decided = single<DecideRequest>(ui.click(state, "approve-apr-1"));
  ASSERT_TRUE(decided);
  EXPECT_EQ(decided->request_id, "apr-1");
  EXPECT_FALSE(decided->decline);
  EXPECT_EQ(decided->what, "Alex Demir, December 2026");
}

TEST_F(TeamUiTest, DeclineWaitsForAReasonAndSaysSo) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("To decline, write the reason your colleague will read.")) << ui.text();
  EXPECT_TRUE(all_of_type<DecideRequest>(ui.click(state, "decline-apr-1")).empty()) << "no reason: nothing decided";

  ui.click(state, "reason-apr-1");
  ui.type(state, "   ");
  EXPECT_TRUE(all_of_type<DecideRequest>(ui.click(state, "decline-apr-1")).empty()) << "spaces are no reason";
  ui.click(state, "reason-apr-1");
  ui.type(state, "Team day on Tuesdays.");
  ui.frames(state, 1);
  const auto declined = single<DecideRequest>(ui.click(state, "decline-apr-1"));
  ASSERT_TRUE(declined);
  EXPECT_EQ(declined->request_id, "apr-1");
  EXPECT_TRUE(declined->decline);
  EXPECT_EQ(declined->reason, "   Team day on Tuesdays.");
}

TEST_F(TeamUiTest, ADecisionWaitingToBeSentIsShownAndNotAskedAgain) {
  state.data.pending_decisions = {"apr-1"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Your decision is saved on this computer and waits to be sent.")) << ui.text();
  EXPECT_FALSE(ui.shows("approve-apr-1"));
  EXPECT_FALSE(ui.shows("decline-apr-1"));
  EXPECT_TRUE(ui.shows("approve-apr-2")) << "the other request is still open";
}

TEST_F(TeamUiTest, ThePageIsReadWhenItOpensAndMonthsAreBrowsed) {
  state.team = TeamState{};
  EXPECT_EQ(all_of_type<RefreshTeam>(ui.frame(state)).size(), 1u) << "never read: the page asks for it";
  state = manager_state();
  ui.frames(state, 2);
  const auto next = single<ShowTeamMonth>(ui.click(state, "team-next-month"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->month, date::year{2027} / date::January);
  const auto previous = single<ShowTeamMonth>(ui.click(state, "team-previous-month"));
  ASSERT_TRUE(previous);
  EXPECT_EQ(previous->month, date::year{2026} / date::November);
}

TEST_F(TeamUiTest, OnlyManagersAreOfferedThePage) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows("nav-5"));
  const auto by_key = single<Navigate>(ui.press_key(state, '6', true));
  ASSERT_TRUE(by_key);
  EXPECT_EQ(by_key->view, ViewId::team);

  state.data.me->roles = {Role::employee};
  state.view = ViewId::home;
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("nav-5"));
  EXPECT_TRUE(all_of_type<Navigate>(ui.press_key(state, '6', true)).empty());
  state.view = ViewId::team;  // left over from before: the page is not drawn for a non-manager
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("approve-apr-1"));
}

TEST_F(TeamUiTest, ARequestIsDecidedWithTheKeyboardAlone) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui.frames(state, 2);
  ui.press_key(state, key::down);  // the focus on the side bar: Tab goes into the view
  for (int i = 0; i < 60 && ui.focused() != "approve-apr-2"; ++i) ui.press_key(state, key::tab);
  ASSERT_EQ(ui.focused(), "approve-apr-2");
  const auto approved = single<DecideRequest>(ui.press_key(state, key::space));
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->request_id, "apr-2");
  EXPECT_FALSE(approved->decline);
}

}  // namespace
}  // namespace stellwerk::client
