// The competence profile driven like a person (issue 16): the chart shows all 21 DigComp
// competences under their 5 areas with the person's level and their role's target in words, a row
// is chosen by click or by keyboard, the chosen competence's level is picked from a list, and the
// courses that close its gap can be enrolled in. The view emits intents; what it shows follows the
// state.
#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::HeadlessUi;
using testing::single;
namespace key = testing::key;

class CompetenceProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::training;
    state.training.list = TrainingList::profile;
    // Employees are asked for 3 in 2.4 and 4.2 and for 4 in 3.1; managers for 5 in 2.4.
    state.data.competence_targets = {{Role::employee, "2.4", 3},
                                     {Role::employee, "3.1", 4},
                                     {Role::employee, "4.2", 3},
                                     {Role::manager, "2.4", 5}};
    state.data.self_assessments = {{"3.1", 2, {}}, {"4.2", 1, {}}};
    // A course for the gap in 2.4 that the person is not enrolled in.
    state.data.courses.push_back(Course{.id = "crs-collab", .title = "Zusammenarbeit", .description = "",
                                        .competence_id = "2.4", .level = 3, .mandatory = false,
                                        .validity_months = 0, .duration_minutes = 90});
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui{ui::ThemeId::light, 1.0f, ImVec2(1400.0f, 1400.0f)};
  AppState state = fixture_state();
};

TEST_F(CompetenceProfileTest, EveryCompetenceShowsItsLevelAndTargetInWords) {
  ui.frames(state, 2);
  for (const DigCompCompetence& competence : digcomp_competences()) {
    EXPECT_TRUE(ui.shows("competence-" + std::string{competence.id})) << competence.id;
  }
  for (const DigCompArea& area : digcomp_areas()) {
    EXPECT_TRUE(ui.shows_text(std::to_string(area.number) + " " + std::string{area.title_en})) << area.title_en;
  }
  EXPECT_TRUE(ui.shows_text("Level 1 · target 3 · 2 levels to go")) << ui.text();  // 4.2
  EXPECT_TRUE(ui.shows_text("Level 2 · target 4 · 2 levels to go")) << ui.text();  // 3.1
  EXPECT_TRUE(ui.shows_text("Not assessed · target 3")) << ui.text();              // 2.4
  EXPECT_TRUE(ui.shows_text("Only you see your assessment.")) << ui.text();

  state.data.self_assessments.push_back({"2.4", 4, {}});
  state.data.pending_assessments = {"2.4"};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Level 4 · target 3 · reached · pending")) << ui.text();
}

TEST_F(CompetenceProfileTest, TheFirstGapIsChosenAndItsCoursesCanBeEnrolledIn) {
  ui.frames(state, 2);
  // Until the person chooses, the first competence whose target they miss: 2.4.
  EXPECT_TRUE(ui.shows_text("Your role asks for level 3 · Intermediate.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Courses that close the gap")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Zusammenarbeit")) << ui.text();
  const auto enrol = single<Enroll>(ui.click(state, "gap-enrol-crs-collab"));
  ASSERT_TRUE(enrol);
  EXPECT_EQ(enrol->course_id, "crs-collab");

  // 3.1: level 2 of 4; "Tabellen" (level 3) closes part of it and is completed already.
  const auto chosen = single<ChooseCompetence>(ui.click(state, "competence-3.1"));
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->competence_id, "3.1");
  state.training.chosen_competence = "3.1";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Tabellen")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Completed")) << ui.text();
  EXPECT_FALSE(ui.shows("gap-enrol-crs-office"));

  // A competence without a target says so and lists no courses.
  state.training.chosen_competence = "5.3";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Your role sets no target for this competence.")) << ui.text();
  EXPECT_FALSE(ui.shows_text("Courses that close the gap"));
}

TEST_F(CompetenceProfileTest, TheOwnLevelIsPickedFromItsList) {
  state.training.chosen_competence = "4.2";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("1 · Foundation")) << "the level chosen shows with its band";
  ui.click(state, "own-level");
  const auto assessed = single<AssessCompetence>(ui.click(state, "own-level-3"));
  ASSERT_TRUE(assessed);
  EXPECT_EQ(assessed->competence_id, "4.2");
  EXPECT_EQ(assessed->level, 3);

  state.data.self_assessments = {{"4.2", 3, {}}};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("You reach your role's target.")) << ui.text();
}

TEST_F(CompetenceProfileTest, AManagersTargetIsTheHighestOfTheirRoles) {
  state.data.me->roles = {Role::employee, Role::manager};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Not assessed · target 5")) << ui.text();
}

TEST_F(CompetenceProfileTest, TabReachesTheRowsAndEnterChoosesOne) {
  ui.io().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ui.frames(state, 2);
  ui.press_key(state, key::down);  // the focus on the side bar: Tab goes into the view
  for (int i = 0; i < 30 && ui.focused() != "competence-1.2"; ++i) ui.press_key(state, key::tab);
  ASSERT_EQ(ui.focused(), "competence-1.2");
  const auto chosen = single<ChooseCompetence>(ui.press_key(state, key::enter));
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->competence_id, "1.2");
  ui.press_key(state, key::tab);
  ASSERT_EQ(ui.focused(), "competence-1.3");
  const auto spaced = single<ChooseCompetence>(ui.press_key(state, key::space));
  ASSERT_TRUE(spaced) << "Space chooses too";
  EXPECT_EQ(spaced->competence_id, "1.3");
}

TEST(CompetenceProfileController, AnOwnLevelIsStoredAndQueuedAndNonsenseIsIgnored) {
  testing::TempFolder folder;
  testing::App app(folder.path());
  app.controller.apply(Intent{AssessCompetence{"1.3", 9}});
  app.controller.apply(Intent{AssessCompetence{"7.1", 3}});
  app.controller.apply(Intent{AssessCompetence{"1.3", 4}});
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return !s.data.self_assessments.empty(); }));
  ASSERT_EQ(app.state.data.self_assessments.size(), 1U);
  EXPECT_EQ(app.state.data.self_assessments[0].level, 4);
  EXPECT_EQ(app.state.data.pending_assessments, std::vector<std::string>{"1.3"});

  EXPECT_EQ(app.state.training.chosen_competence, "1.3") << "the competence just assessed stays chosen";
  app.controller.apply(Intent{ChooseCompetence{"9.9"}});
  EXPECT_EQ(app.state.training.chosen_competence, "1.3");
  app.controller.apply(Intent{ChooseCompetence{"5.4"}});
  EXPECT_EQ(app.state.training.chosen_competence, "5.4");
}

}  // namespace
}  // namespace stellwerk::client
