// The competence profile's rules (core/competence.hpp) and when a course takes enrolments
// (enrolment_refusal, core/rules.hpp): what the profile and the catalogue show and the server
// enforces.
#include <gtest/gtest.h>

#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk {
namespace {

using namespace date::literals;

const std::vector<CompetenceTarget> kTargets{{Role::employee, "2.4", 3},
                                             {Role::manager, "2.4", 5},
                                             {Role::facility_admin, "5.1", 4}};

TEST(CompetenceTarget, IsTheHighestOfThePersonsRolesOrNone) {
  const std::vector<Role> employee{Role::employee};
  const std::vector<Role> manager{Role::manager, Role::employee};
  EXPECT_EQ(competence_target(kTargets, employee, "2.4"), 3);
  EXPECT_EQ(competence_target(kTargets, manager, "2.4"), 5);
  EXPECT_EQ(competence_target(kTargets, employee, "5.1"), std::nullopt) << "another role's target is not theirs";
  EXPECT_EQ(competence_target(kTargets, manager, "1.1"), std::nullopt);
  EXPECT_EQ(competence_target(kTargets, std::vector<Role>{}, "2.4"), std::nullopt);
}

TEST(CompetenceTarget, ASelfAssessmentNeedsADigCompCompetenceAndALevelOfOneToEight) {
  EXPECT_TRUE(valid_self_assessment("1.1", 1));
  EXPECT_TRUE(valid_self_assessment("5.4", 8));
  EXPECT_FALSE(valid_self_assessment("5.4", 9));
  EXPECT_FALSE(valid_self_assessment("1.1", 0));
  EXPECT_FALSE(valid_self_assessment("6.1", 3));
  EXPECT_FALSE(valid_self_assessment("", 3));
}

Course course(const char* id, const char* competence, int level) {
  return Course{.id = id, .title = id, .description = "", .competence_id = competence, .level = level};
}

Course course_of_months(int validity_months) {
  Course c = course("c", "4.2", 2);
  c.validity_months = validity_months;
  return c;
}

TEST(CoursesClosingGap, AboveTheLevelUpToTheTargetLowestFirst) {
  const std::vector<Course> courses{course("c5", "2.4", 5), course("c3", "2.4", 3), course("c2", "2.4", 2),
                                    course("c4", "2.4", 4), course("other", "1.1", 3)};
  const auto ids = [](const std::vector<Course>& found) {
    std::vector<std::string> out;
    for (const Course& c : found) out.push_back(c.id);
    return out;
  };
  EXPECT_EQ(ids(courses_closing_gap(courses, "2.4", 2, 4)), (std::vector<std::string>{"c3", "c4"}));
  EXPECT_EQ(ids(courses_closing_gap(courses, "2.4", std::nullopt, 3)), (std::vector<std::string>{"c2", "c3"}))
      << "not assessed: every level up to the target";
  EXPECT_TRUE(courses_closing_gap(courses, "2.4", 4, 4).empty()) << "the target reached: no gap";
  EXPECT_TRUE(courses_closing_gap(courses, "2.4", 5, 4).empty());
  EXPECT_TRUE(courses_closing_gap(courses, "2.4", 1, std::nullopt).empty()) << "no target: no gap";
}

TEST(EnrolmentRefusal, AnOptionalCourseClosesTheDayAfterItBeganAndAFullOneTakesNobody) {
  const Learner anyone{};
  Course classroom = course("c", "2.4", 3);
  classroom.starts_on = 2026_y / date::December / 8;
  EXPECT_EQ(enrolment_refusal(classroom, anyone, 2026_y / date::December / 7), std::nullopt);
  EXPECT_EQ(enrolment_refusal(classroom, anyone, 2026_y / date::December / 8), std::nullopt) << "late-comers on the day";
  EXPECT_EQ(enrolment_refusal(classroom, anyone, 2026_y / date::December / 9), Refusal::course_started);
  classroom.mandatory = true;
  EXPECT_EQ(enrolment_refusal(classroom, anyone, 2027_y / date::March / 1), std::nullopt) << "a mandatory course never closes";

  Course full = course("f", "2.4", 3);
  full.seats = 2;
  full.seats_left = 0;
  EXPECT_EQ(enrolment_refusal(full, anyone, 2026_y / date::December / 1), Refusal::course_full);
  full.seats_left = 1;
  EXPECT_EQ(enrolment_refusal(full, anyone, 2026_y / date::December / 1), std::nullopt);
  EXPECT_EQ(enrolment_refusal(course("e", "1.1", 1), anyone, 2030_y / date::January / 1), std::nullopt)
      << "e-learning without a date never closes";
}

TEST(MandatoryFor, EveryoneWithoutAnAudienceElseByRoleOrByDepartment) {
  Course course_for = course("c", "4.1", 2);
  const std::vector<Role> employee{Role::employee};
  const std::vector<Role> manager{Role::employee, Role::manager};
  const Learner digital{employee, "dep_digital"};
  EXPECT_FALSE(mandatory_for(course_for, digital)) << "an optional course";
  course_for.mandatory = true;
  EXPECT_TRUE(mandatory_for(course_for, digital)) << "no audience: everyone";
  EXPECT_TRUE(mandatory_for(course_for, Learner{})) << "also before the person is known";
  course_for.mandatory_roles = {Role::manager};
  course_for.mandatory_departments = {"dep_citizens"};
  EXPECT_FALSE(mandatory_for(course_for, digital));
  EXPECT_TRUE(mandatory_for(course_for, Learner{manager, "dep_digital"})) << "by role";
  EXPECT_TRUE(mandatory_for(course_for, Learner{employee, "dep_citizens"})) << "by department";
  EXPECT_FALSE(mandatory_for(course_for, Learner{})) << "nobody known: only the courses for everyone";

  // For someone it is not mandatory for, it is an optional course: withdrawing is allowed, and it
  // closes after its date.
  course_for.starts_on = 2026_y / date::December / 8;
  EXPECT_EQ(withdrawal_refusal(course_for, digital, EnrollmentState::enrolled), std::nullopt);
  EXPECT_EQ(withdrawal_refusal(course_for, Learner{manager, "dep_digital"}, EnrollmentState::enrolled),
            Refusal::mandatory_course);
  EXPECT_EQ(enrolment_refusal(course_for, digital, 2026_y / date::December / 9), Refusal::course_started);
  EXPECT_EQ(enrolment_refusal(course_for, Learner{employee, "dep_citizens"}, 2026_y / date::December / 9), std::nullopt);
}

TEST(RoleLists, RoundTripAndSkipWhatThisBuildDoesNotKnow) {
  const std::vector<Role> roles{Role::employee, Role::manager};
  EXPECT_EQ(roles_text(roles), "employee,manager");
  EXPECT_EQ(parse_roles("employee,manager"), roles);
  EXPECT_EQ(parse_roles("employee,astronaut,,manager"), roles) << "an unknown role and an empty part are skipped";
  EXPECT_TRUE(parse_roles("").empty());
  const std::vector<std::string> ids{"dep_a", "dep_b"};
  EXPECT_EQ(comma_split(comma_joined(ids)), ids);
  EXPECT_TRUE(comma_split("").empty());
}

TEST(MandatoryStanding, CompletedOpenOverdueExpiredOrNotEnrolled) {
  Course privacy = course("p", "4.2", 2);
  privacy.mandatory = true;
  privacy.validity_months = 12;
  const Date today = 2026_y / date::December / 10;
  EXPECT_EQ(mandatory_standing(privacy, nullptr, today), MandatoryStanding::not_enrolled);
  Enrollment e{.id = "e", .course_id = "p", .employee_id = "x", .state = EnrollmentState::enrolled,
               .due_on = 2026_y / date::December / 10, .completed_on = std::nullopt};
  EXPECT_EQ(mandatory_standing(privacy, &e, today), MandatoryStanding::open) << "due today is not late yet";
  e.due_on = 2026_y / date::December / 9;
  EXPECT_EQ(mandatory_standing(privacy, &e, today), MandatoryStanding::overdue);
  e.state = EnrollmentState::completed;
  e.completed_on = 2025_y / date::December / 10;  // valid until 2026-12-10
  EXPECT_EQ(mandatory_standing(privacy, &e, today), MandatoryStanding::completed);
  EXPECT_EQ(mandatory_standing(privacy, &e, 2026_y / date::December / 11), MandatoryStanding::expired);
  e.valid_until = 2027_y / date::January / 31;  // the server's date counts when it sent one
  EXPECT_EQ(mandatory_standing(privacy, &e, 2026_y / date::December / 11), MandatoryStanding::completed);
}

TEST(MandatoryDueOn, TheCitysDeadlineWhileItIsAheadElseThirtyDaysFromEnrolling) {
  Course course_for = course("c", "4.1", 2);
  const std::vector<Role> employee{Role::employee};
  const Learner anyone{employee, "dep_digital"};
  const Date today = 2026_y / date::December / 10;
  EXPECT_EQ(enrolment_due_on(course_for, anyone, today), std::nullopt) << "an optional course has no due date";
  course_for.mandatory = true;
  EXPECT_EQ(enrolment_due_on(course_for, anyone, today), 2027_y / date::January / 9) << "thirty days";
  course_for.complete_by = 2026_y / date::December / 10;
  EXPECT_EQ(enrolment_due_on(course_for, anyone, today), 2026_y / date::December / 10) << "the deadline, on its day too";
  EXPECT_EQ(enrolment_due_on(course_for, anyone, 2026_y / date::December / 11), 2027_y / date::January / 10)
      << "enrolling after the deadline: the usual thirty days";

  EXPECT_EQ(mandatory_due_on(course_for, nullptr), 2026_y / date::December / 10) << "not enrolled: the deadline";
  Enrollment e{.id = "e", .course_id = "c", .employee_id = "x", .state = EnrollmentState::enrolled,
               .due_on = 2027_y / date::January / 10, .completed_on = std::nullopt};
  EXPECT_EQ(mandatory_due_on(course_for, &e), 2027_y / date::January / 10) << "enrolled: the enrolment's";
  e.due_on.reset();  // enrolled while it was optional for the person
  EXPECT_EQ(mandatory_due_on(course_for, &e), 2026_y / date::December / 10);
  course_for.complete_by.reset();
  EXPECT_EQ(mandatory_due_on(course_for, &e), std::nullopt);

  // In the manager's counts, not enrolled after the deadline is overdue.
  course_for.complete_by = 2026_y / date::December / 10;
  EXPECT_EQ(mandatory_standing(course_for, nullptr, 2026_y / date::December / 10), MandatoryStanding::not_enrolled);
  EXPECT_EQ(mandatory_standing(course_for, nullptr, 2026_y / date::December / 11), MandatoryStanding::overdue);
}

TEST(AudienceProblem, OnlyAMandatoryCourseHasAnAudienceOrADeadlineAndDepartmentIdsAreWhole) {
  Course c = course("c", "4.1", 2);
  EXPECT_EQ(audience_problem(c), std::nullopt);
  c.mandatory_departments = {"dep_citizens"};
  EXPECT_NE(audience_problem(c), std::nullopt) << "optional, with departments";
  c.mandatory_departments.clear();
  c.complete_by = 2026_y / date::December / 10;
  EXPECT_NE(audience_problem(c), std::nullopt) << "optional, with a deadline";
  c.mandatory = true;
  EXPECT_EQ(audience_problem(c), std::nullopt);
  for (const char* bad : {"", "dep_a,dep_b"}) {
    c.mandatory_departments = {bad};
    EXPECT_NE(audience_problem(c), std::nullopt) << "\"" << bad << "\" would read back as everyone or as two";
  }
}

TEST(CompletionValidUntil, TheServersDateElseNeverForAConfirmedOneElseItsOwn) {
  const Course yearly = course_of_months(12);
  Enrollment e{.id = "e", .course_id = "c", .employee_id = "x", .state = EnrollmentState::completed,
               .due_on = std::nullopt, .completed_on = 2026_y / date::March / 2};
  EXPECT_EQ(completion_valid_until(e, yearly), 2027_y / date::March / 2) << "not confirmed yet: its own";
  e.certificate = Certificate{"text", "signature"};
  EXPECT_EQ(completion_valid_until(e, yearly), std::nullopt)
      << "confirmed without a date (the course had no validity then): never expires";
  e.valid_until = 2026_y / date::September / 30;
  EXPECT_EQ(completion_valid_until(e, yearly), 2026_y / date::September / 30) << "the server's date";
  e.state = EnrollmentState::enrolled;
  EXPECT_EQ(completion_valid_until(e, yearly), std::nullopt);
}

TEST(TrainingInProgress, FromTheCoursesDateUntilCompletedAndNeverWithoutADate) {
  Course classroom = course_of_months(0);
  classroom.starts_on = 2026_y / date::December / 8;
  Enrollment e{.id = "e", .course_id = "c", .employee_id = "x", .state = EnrollmentState::enrolled,
               .due_on = std::nullopt, .completed_on = std::nullopt};
  EXPECT_FALSE(training_in_progress(classroom, e, 2026_y / date::December / 7)) << "enrolled, waiting";
  EXPECT_TRUE(training_in_progress(classroom, e, 2026_y / date::December / 8)) << "on the day itself";
  EXPECT_TRUE(training_in_progress(classroom, e, 2027_y / date::January / 20));
  e.state = EnrollmentState::completed;
  EXPECT_FALSE(training_in_progress(classroom, e, 2026_y / date::December / 9)) << "completed";
  e.state = EnrollmentState::enrolled;
  EXPECT_FALSE(training_in_progress(course_of_months(0), e, 2026_y / date::December / 9)) << "e-learning, no date";
}

}  // namespace
}  // namespace stellwerk
