// Training urgency rules. A completed course with a validity period counts as expired from the day
// after its validity ends (completion date + validity months); a mandatory course with a due date
// is overdue from the day after that date.
#include "training/training_status.hpp"

#include <algorithm>

#include "stellwerk/core/rules.hpp"

namespace stellwerk::client {

std::vector<TrainingItem> training_items(const std::vector<Course>& courses,
                                         const std::vector<Enrollment>& enrollments, Date today) {
  std::vector<TrainingItem> items;
  items.reserve(courses.size());
  for (const Course& course : courses) {
    TrainingItem item;
    item.course = &course;
    for (const Enrollment& e : enrollments) {
      if (e.course_id == course.id) item.enrollment = &e;
    }
    const Enrollment* e = item.enrollment;
    if (e != nullptr && e->state == EnrollmentState::completed && e->completed_on) {
      // core's one definition, with which the server stored the enrolment's valid_until.
      if (const auto until = training_valid_until(*e->completed_on, course.validity_months)) {
        item.valid_until = until;
        if (training_expired(*until, today)) {
          item.urgency = TrainingUrgency::expired;
          item.due_on = until;
        }
      }
    } else if (course.mandatory) {
      item.due_on = e != nullptr ? e->due_on : std::nullopt;
      item.urgency = (item.due_on && date::sys_days{*item.due_on} < date::sys_days{today}) ? TrainingUrgency::overdue
                                                                                           : TrainingUrgency::due;
    }
    items.push_back(item);
  }
  return items;
}

std::vector<TrainingItem> due_trainings(const std::vector<TrainingItem>& items) {
  std::vector<TrainingItem> due;
  std::copy_if(items.begin(), items.end(), std::back_inserter(due),
               [](const TrainingItem& i) { return i.urgency != TrainingUrgency::none; });
  std::stable_sort(due.begin(), due.end(), [](const TrainingItem& a, const TrainingItem& b) {
    // Items without a date come last: they are mandatory but have no deadline set yet.
    if (a.due_on && b.due_on) return date::sys_days{*a.due_on} < date::sys_days{*b.due_on};
    return a.due_on.has_value() && !b.due_on.has_value();
  });
  return due;
}

}  // namespace stellwerk::client
