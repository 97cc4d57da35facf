// The training catalogue driven like a person (issue 16): words typed into the search field, an area
// and a level picked from their lists, "Withdraw" offered only where core's rule allows it, and
// "My trainings" listing the person's own enrolments with their dates. The view emits intents; the
// list the person reads follows the filter in the state.
#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::HeadlessUi;
using testing::single;

class TrainingCatalogueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::training;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // The titles the last frame showed, of the fixture's four courses.
  std::string titles_shown() const {
    std::string shown;
    for (const char* title : {"Datenschutz", "Informationssicherheit", "Tabellen", "KI im Amt"}) {
      if (ui.shows_text(title)) shown += std::string{shown.empty() ? "" : ", "} + title;
    }
    return shown;
  }

  HeadlessUi ui;
  AppState state = fixture_state();
};

TEST_F(TrainingCatalogueTest, TypedWordsBecomeTheFilterAndNarrowTheList) {
  ui.frames(state, 2);
  ui.click(state, "course-search");
  const auto typed = single<FilterCourses>(ui.type(state, "tabel"));
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->filter.words, "tabel");

  state.training.filter.words = "TABEL";  // case does not matter
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Tabellen");
  // The competence's title counts too, in English as in the language shown: 4.2 is about privacy.
  state.training.filter.words = "privacy";
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Datenschutz");
  state.training.filter.words = "privacy tabellen";  // every word must match
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("No course matches the search.")) << ui.text();
  EXPECT_TRUE(ui.shows("course-search")) << "the search stays, so that it can be changed";
}

TEST_F(TrainingCatalogueTest, AnAreaAndALevelArePickedFromTheirLists) {
  ui.frames(state, 2);
  ui.click(state, "course-area");
  const auto area = single<FilterCourses>(ui.click(state, "course-area-3"));
  ASSERT_TRUE(area);
  EXPECT_EQ(area->filter.area, 3);

  state.training.filter.area = 3;  // Digital content creation: "Tabellen" (3.1)
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Tabellen");
  EXPECT_TRUE(ui.shows_text("3 Digital content creation")) << "the list shows the area picked";

  state.training.filter = CourseFilter{.words = "", .area = 4, .band = 0, .mandatory_only = false};
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Datenschutz, Informationssicherheit");
  ui.click(state, "course-band");
  const auto band = single<FilterCourses>(ui.click(state, "course-band-2"));
  ASSERT_TRUE(band);
  EXPECT_EQ(band->filter.band, 2);
  EXPECT_EQ(band->filter.area, 4) << "picking a level keeps the area";

  state.training.filter = CourseFilter{.words = "", .area = 0, .band = 2, .mandatory_only = false};  // levels 3–4
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Tabellen");
}

// "Tabellen" is a classroom course in English with two seats, both taken; "KI im Amt" one in German
// with seats left.
TEST_F(TrainingCatalogueTest, FormatLanguageDateAndSeatsAreShownAndFiltered) {
  for (Course& course : state.data.courses) {
    if (course.id == "crs-office") {
      course.format = CourseFormat::classroom;
      course.language = "en";
      course.starts_on = date::year{2026} / 12 / 3;
      course.place = "Rathaus, Raum 2.14";
      course.seats = 2;
      course.seats_left = 0;
    } else if (course.id == "crs-ai") {
      course.format = CourseFormat::blended;
      course.seats = 12;
      course.seats_left = 5;
    }
  }
  state.data.enrollments.pop_back();  // "Tabellen" not completed: the person could enrol
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Classroom · English · 120 min")) << ui.text();
  EXPECT_TRUE(ui.shows_text("3 Dec 2026, Rathaus, Raum 2.14")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Fully booked")) << ui.text();
  EXPECT_FALSE(ui.shows("enrol-crs-office")) << "no seat is left";
  EXPECT_TRUE(ui.shows_text("5 of 12 seats left")) << ui.text();
  EXPECT_TRUE(ui.shows("enrol-crs-ai"));

  ui.click(state, "course-format");
  const auto format = single<FilterCourses>(ui.click(state, "course-format-2"));  // 0 all, then in enum order
  ASSERT_TRUE(format);
  EXPECT_EQ(format->filter.format, CourseFormat::classroom);
  state.training.filter.format = CourseFormat::classroom;
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Tabellen");

  state.training.filter = CourseFilter{};
  ui.frames(state, 2);
  ui.click(state, "course-language");
  const auto language = single<FilterCourses>(ui.click(state, "course-language-1"));  // "de" before "en"
  ASSERT_TRUE(language);
  EXPECT_EQ(language->filter.language, "de");
  state.training.filter.language = "en";
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Tabellen");
}

TEST_F(TrainingCatalogueTest, WithdrawIsOfferedForOpenOptionalCoursesOnly) {
  state.data.enrollments.push_back(Enrollment{.id = "enr-4", .course_id = "crs-ai", .employee_id = "emp-1",
                                              .state = EnrollmentState::enrolled, .due_on = std::nullopt,
                                              .completed_on = std::nullopt});
  ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("withdraw-enr-1")) << "a mandatory course stays due";
  EXPECT_FALSE(ui.shows("withdraw-enr-3")) << "a completed course keeps its certificate";
  const auto withdrawn = single<WithdrawEnrollment>(ui.click(state, "withdraw-enr-4"));
  ASSERT_TRUE(withdrawn);
  EXPECT_EQ(withdrawn->enrollment_id, "enr-4");
}

TEST_F(TrainingCatalogueTest, MyTrainingsListsOwnEnrolmentsOpenOnesFirstWithTheirDates) {
  ui.frames(state, 2);
  const auto shown = single<ShowTrainingList>(ui.click(state, "training-mine"));
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->list, TrainingList::mine);

  state.training.list = TrainingList::mine;
  state.training.filter.words = "nothing matches this";  // the catalogue's filter does not hide own courses
  ui.frames(state, 2);
  EXPECT_EQ(titles_shown(), "Datenschutz, Informationssicherheit, Tabellen") << ui.text();
  EXPECT_FALSE(ui.shows("course-search"));
  EXPECT_TRUE(ui.shows_text("Due by 1 Nov 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Completed on 2 Mar 2026")) << ui.text();
  const std::string text = ui.text();
  EXPECT_LT(text.find("Datenschutz"), text.find("Informationssicherheit")) << "the open enrolment comes first";

  state.data.enrollments.clear();
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("You are not enrolled in any course yet. Enrol in the catalogue.")) << ui.text();
}

TEST_F(TrainingCatalogueTest, MyTrainingsTellsEnrolledInProgressAndCompletedApart) {
  // An optional classroom course on 2 December, enrolled: waiting before it, in progress from it.
  state.data.courses[3].starts_on = date::year{2026} / 12 / 2;
  state.data.courses[3].format = CourseFormat::classroom;
  state.data.enrollments.push_back(Enrollment{.id = "enr-4", .course_id = "crs-ai", .employee_id = "emp-1",
                                              .state = EnrollmentState::enrolled, .due_on = std::nullopt,
                                              .completed_on = std::nullopt});
  state.training.list = TrainingList::mine;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Begins on 2 Dec 2026")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Enrolled")) << ui.text();
  EXPECT_FALSE(ui.shows_text("In progress")) << ui.text();

  state.today = date::year{2026} / 12 / 2;
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("In progress since 2 Dec 2026")) << ui.text();
  const std::string text = ui.text();
  EXPECT_NE(text.find("In progress", text.find("In progress") + 1), std::string::npos)
      << "the status says so as well as the date: " << text;
  EXPECT_TRUE(ui.shows_text("Completed on 2 Mar 2026")) << "completed ones stay completed: " << ui.text();
}

TEST(CourseFilterRule, MatchesAreCaseFreeAlsoForUmlauts) {
  const Course course{.id = "c", .title = "Übungen für Ämter", .description = "Öffentliche Stellen",
                      .competence_id = "2.1", .level = 5, .mandatory = false, .validity_months = 0,
                      .duration_minutes = 0};
  TrainingItem item;
  item.course = &course;
  EXPECT_TRUE(course_matches(item, CourseFilter{.words = "übungen ämter", .area = 2, .band = 3, .mandatory_only = false}));
  EXPECT_TRUE(course_matches(item, CourseFilter{.words = "öffentlich", .area = 0, .band = 0, .mandatory_only = false}));
  EXPECT_FALSE(course_matches(item, CourseFilter{.words = "", .area = 1, .band = 0, .mandatory_only = false}));
  EXPECT_FALSE(course_matches(item, CourseFilter{.words = "", .area = 0, .band = 2, .mandatory_only = false}));
  EXPECT_FALSE(course_matches(item, CourseFilter{.words = "", .area = 0, .band = 0, .mandatory_only = true}));
  EXPECT_EQ(proficiency_band(1), 1);
  EXPECT_EQ(proficiency_band(2), 1);
  EXPECT_EQ(proficiency_band(8), 4);
}

}  // namespace
}  // namespace stellwerk::client
