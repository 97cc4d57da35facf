// Which trainings need attention (training_status.hpp): a mandatory course not completed is due,
// and overdue from the day after its due date; a completed course with a validity period expires
// the day after completion + validity months, where 31 January + 1 month ends on the last day of
// February; valid completions and optional courses need nothing. due_trainings() lists the soonest
// first and undated mandatory courses last.
#include <vector>

#include <gtest/gtest.h>

#include "training/training_status.hpp"

namespace stellwerk::client {
namespace {

Date day(int y, unsigned m, unsigned d) { return date::year{y} / static_cast<int>(m) / static_cast<int>(d); }

Course course(const char* id, bool mandatory, int validity_months) {
  Course c;
  c.id = id;
  c.title = id;
  c.competence_id = "1.1";
  c.mandatory = mandatory;
  c.validity_months = validity_months;
  return c;
}

Enrollment enrolled(const char* course_id, std::optional<Date> due) {
  Enrollment e;
  e.id = std::string("enr-") + course_id;
  e.course_id = course_id;
  e.state = EnrollmentState::enrolled;
  e.due_on = due;
  return e;
}

Enrollment completed(const char* course_id, Date on) {
  Enrollment e;
  e.id = std::string("enr-") + course_id;
  e.course_id = course_id;
  e.state = EnrollmentState::completed;
  e.completed_on = on;
  return e;
}

TrainingItem only_item(const Course& c, std::vector<Enrollment> enrollments, Date today) {
  const std::vector<Course> courses{c};
  const auto items = training_items(courses, enrollments, Learner{}, today);
  EXPECT_EQ(items.size(), 1u);
  TrainingItem item = items.front();
  item.course = nullptr;  // points into the local vectors
  item.enrollment = nullptr;
  return item;
}

TEST(TrainingStatus, AMandatoryCourseIsOverdueFromTheDayAfterItsDueDate) {
  const Course c = course("privacy", true, 0);
  const std::vector<Enrollment> e{enrolled("privacy", day(2026, 11, 24))};
  EXPECT_EQ(only_item(c, e, day(2026, 11, 24)).urgency, TrainingUrgency::due) << "due today is not late yet";
  const TrainingItem late = only_item(c, e, day(2026, 11, 25));
  EXPECT_EQ(late.urgency, TrainingUrgency::overdue);
  EXPECT_EQ(late.due_on, day(2026, 11, 24));
}

TEST(TrainingStatus, AMandatoryCourseWithoutEnrollmentIsDueWithoutADate) {
  const TrainingItem item = only_item(course("privacy", true, 0), {}, day(2026, 11, 25));
  EXPECT_EQ(item.urgency, TrainingUrgency::due);
  EXPECT_FALSE(item.due_on);
}

TEST(TrainingStatus, AMandatoryCourseWithADeadlineIsDueByItBeforeEnrolling) {
  Course c = course("ergonomics", true, 0);
  c.complete_by = day(2026, 12, 22);
  const TrainingItem item = only_item(c, {}, day(2026, 12, 1));
  EXPECT_EQ(item.urgency, TrainingUrgency::due);
  EXPECT_EQ(item.due_on, day(2026, 12, 22));
  const TrainingItem late = only_item(c, {}, day(2026, 12, 23));
  EXPECT_EQ(late.urgency, TrainingUrgency::overdue) << "not enrolled and past the city's deadline";
  EXPECT_EQ(only_item(c, {enrolled("ergonomics", day(2027, 1, 22))}, day(2026, 12, 23)).due_on, day(2027, 1, 22))
      << "enrolled late: the enrolment's own due date";
}

TEST(TrainingStatus, AnOptionalCourseThatRanOutIsNotDueAgain) {
  const TrainingItem item = only_item(course("video", false, 12), {completed("video", day(2025, 1, 10))}, day(2026, 11, 25));
  EXPECT_EQ(item.urgency, TrainingUrgency::none);
  EXPECT_EQ(item.valid_until, day(2026, 1, 10)) << "the catalogue still says until when it counted";
}

TEST(TrainingStatus, ACompletionExpiresTheDayAfterItsValidityEnds) {
  const Course c = course("security", true, 12);
  const std::vector<Enrollment> e{completed("security", day(2025, 11, 25))};
  const TrainingItem last_day = only_item(c, e, day(2026, 11, 25));
  EXPECT_EQ(last_day.urgency, TrainingUrgency::none);
  EXPECT_EQ(last_day.valid_until, day(2026, 11, 25));
  const TrainingItem expired = only_item(c, e, day(2026, 11, 26));
  EXPECT_EQ(expired.urgency, TrainingUrgency::expired);
  EXPECT_EQ(expired.due_on, day(2026, 11, 25));
}

TEST(TrainingStatus, ThirtyFirstOfJanuaryPlusOneMonthEndsOnTheLastDayOfFebruary) {
  const Course c = course("first-aid", true, 1);
  const std::vector<Enrollment> e2025{completed("first-aid", day(2025, 1, 31))};
  EXPECT_EQ(only_item(c, e2025, day(2025, 2, 28)).valid_until, day(2025, 2, 28));
  EXPECT_EQ(only_item(c, e2025, day(2025, 2, 28)).urgency, TrainingUrgency::none);
  EXPECT_EQ(only_item(c, e2025, day(2025, 3, 1)).urgency, TrainingUrgency::expired);

  const std::vector<Enrollment> leap{completed("first-aid", day(2028, 1, 31))};
  EXPECT_EQ(only_item(c, leap, day(2028, 2, 1)).valid_until, day(2028, 2, 29)) << "2028 is a leap year";
  EXPECT_EQ(only_item(c, leap, day(2028, 2, 29)).urgency, TrainingUrgency::none);
  EXPECT_EQ(only_item(c, leap, day(2028, 3, 1)).urgency, TrainingUrgency::expired);
}

TEST(TrainingStatus, ValidityAcrossTheYearEnd) {
  const Course c = course("security", true, 3);
  const std::vector<Enrollment> e{completed("security", day(2026, 11, 30))};
  EXPECT_EQ(only_item(c, e, day(2026, 12, 1)).valid_until, day(2027, 2, 28));
}

TEST(TrainingStatus, AValidCompletionNeedsNothing) {
  const TrainingItem item =
      only_item(course("security", true, 24), {completed("security", day(2026, 3, 2))}, day(2026, 11, 25));
  EXPECT_EQ(item.urgency, TrainingUrgency::none);
  EXPECT_EQ(item.valid_until, day(2028, 3, 2));
}

TEST(TrainingStatus, ACompletionWithoutValidityNeverExpires) {
  const TrainingItem item =
      only_item(course("privacy", true, 0), {completed("privacy", day(2001, 1, 1))}, day(2026, 11, 25));
  EXPECT_EQ(item.urgency, TrainingUrgency::none);
  EXPECT_FALSE(item.valid_until);
}

TEST(TrainingStatus, AnOptionalCourseNeedsNothingEvenWhenItsDateHasPassed) {
  EXPECT_EQ(only_item(course("ai", false, 0), {}, day(2026, 11, 25)).urgency, TrainingUrgency::none);
  EXPECT_EQ(only_item(course("ai", false, 0), {enrolled("ai", day(2026, 1, 1))}, day(2026, 11, 25)).urgency,
            TrainingUrgency::none);
}

TEST(TrainingStatus, EnrollmentsOfOtherCoursesDoNotCount) {
  const TrainingItem item =
      only_item(course("privacy", true, 0), {completed("security", day(2026, 1, 1))}, day(2026, 11, 25));
  EXPECT_EQ(item.urgency, TrainingUrgency::due);
}

TEST(TrainingStatus, DueTrainingsListTheSoonestFirstAndUndatedLast) {
  const std::vector<Course> courses{course("undated", true, 0), course("later", true, 0), course("optional", false, 0),
                                    course("expired", true, 12), course("sooner", true, 0), course("valid", true, 12)};
  const Date today = day(2026, 11, 25);
  const std::vector<Enrollment> enrollments{
      enrolled("later", day(2026, 12, 15)), enrolled("sooner", day(2026, 11, 1)),
      completed("expired", day(2025, 10, 10)), completed("valid", day(2026, 10, 10))};
  const auto items = training_items(courses, enrollments, Learner{}, today);
  ASSERT_EQ(items.size(), courses.size());
  for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i].course, &courses[i]) << "course order is kept";

  const auto due = due_trainings(items);
  std::vector<std::string> order;
  for (const TrainingItem& item : due) order.push_back(item.course->id);
  EXPECT_EQ(order, (std::vector<std::string>{"expired", "sooner", "later", "undated"}));
  EXPECT_EQ(due[0].urgency, TrainingUrgency::expired);
  EXPECT_EQ(due[1].urgency, TrainingUrgency::overdue);
  EXPECT_EQ(due[2].urgency, TrainingUrgency::due);
  EXPECT_EQ(due[3].urgency, TrainingUrgency::due);
}

TEST(TrainingStatus, NothingDueWhenThereAreNoCourses) {
  EXPECT_TRUE(due_trainings(training_items({}, {}, Learner{}, day(2026, 11, 25))).empty());
}

TEST(TrainingStatus, ACourseMandatoryForOthersIsOptionalForThisPerson) {
  Course leading = course("leading", true, 0);
  leading.mandatory_roles = {Role::manager};
  Course eid = course("eid", true, 0);
  eid.mandatory_departments = {"dep_citizens"};
  const std::vector<Course> courses{leading, eid, course("privacy", true, 0)};
  const Date today = day(2026, 11, 25);
  const std::vector<Role> employee{Role::employee};
  const std::vector<Role> manager{Role::employee, Role::manager};

  const auto employee_items = training_items(courses, {}, Learner{employee, "dep_digital"}, today);
  EXPECT_FALSE(employee_items[0].mandatory);
  EXPECT_FALSE(employee_items[1].mandatory);
  EXPECT_TRUE(employee_items[2].mandatory) << "no audience: everyone";
  ASSERT_EQ(due_trainings(employee_items).size(), 1U) << "only the course for everyone is due";
  EXPECT_FALSE(course_matches(employee_items[0], CourseFilter{.mandatory_only = true}));

  const auto manager_items = training_items(courses, {}, Learner{manager, "dep_digital"}, today);
  EXPECT_TRUE(manager_items[0].mandatory) << "by role";
  EXPECT_EQ(due_trainings(manager_items).size(), 2U);
  const auto citizens_items = training_items(courses, {}, Learner{employee, "dep_citizens"}, today);
  EXPECT_TRUE(citizens_items[1].mandatory) << "by department";
  EXPECT_TRUE(course_matches(citizens_items[1], CourseFilter{.mandatory_only = true}));
}

}  // namespace
}  // namespace stellwerk::client
