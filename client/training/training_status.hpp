// Which trainings need the person's attention: mandatory courses not completed, and completed ones
// whose validity has run out. Pure functions over the cached records, shared by Home and Training.
#pragma once

#include <optional>
#include <vector>

#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

enum class TrainingUrgency : unsigned char { none, due, overdue, expired, COUNT };

struct TrainingItem {
  const Course* course = nullptr;
  const Enrollment* enrollment = nullptr;  // nullptr: not enrolled
  TrainingUrgency urgency = TrainingUrgency::none;
  std::optional<Date> due_on;              // when it must be (re)done
  std::optional<Date> valid_until;         // for completed courses with a validity period
};

// One item per course, in the course order; pointers refer into the given vectors.
std::vector<TrainingItem> training_items(const std::vector<Course>& courses,
                                         const std::vector<Enrollment>& enrollments, Date today);

// The items that need attention, soonest first.
std::vector<TrainingItem> due_trainings(const std::vector<TrainingItem>& items);

}  // namespace stellwerk::client
