// Which trainings need the person's attention: mandatory courses not completed, and completed ones
// whose validity has run out. Pure functions over the cached records, shared by Home and Training.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::client {

enum class TrainingUrgency : unsigned char { none, due, overdue, expired, COUNT };

struct TrainingItem {
  const Course* course = nullptr;
  const Enrollment* enrollment = nullptr;  // nullptr: not enrolled
  TrainingUrgency urgency = TrainingUrgency::none;
  std::optional<Date> due_on;              // when it must be (re)done
  std::optional<Date> valid_until;         // for completed courses with a validity period
  bool in_progress = false;                // enrolled and the course's date has come (core's rule)
  bool mandatory = false;                  // mandatory for this person (core's mandatory_for)
};

// The signed-in person as core's course rules see them. Before the person is known: no role and
// no department, so that only the courses mandatory for everyone are mandatory.
Learner signed_in_learner(const std::optional<Employee>& me);

// One item per course, in the course order, for `learner`; pointers refer into the given vectors
// (and the learner's into `me`).
std::vector<TrainingItem> training_items(const std::vector<Course>& courses,
                                         const std::vector<Enrollment>& enrollments, const Learner& learner,
                                         Date today);

// The items that need attention, soonest first.
std::vector<TrainingItem> due_trainings(const std::vector<TrainingItem>& items);

// Which courses the catalogue shows. Every part narrows the list; the default shows all.
struct CourseFilter {
  std::string words{};          // each word must appear in the title, description or competence
  int area = 0;                 // DigComp area 1..5; 0: every area
  int band = 0;                 // proficiency band 1..4 (levels 1–2, 3–4, 5–6, 7–8); 0: every level
  bool mandatory_only = false;  // only the courses the person must take
  std::optional<CourseFormat> format = std::nullopt;  // none: every format
  std::string language{};       // ISO 639-1 code; empty: every language
  bool operator==(const CourseFilter&) const = default;
};

// Whether an item's course passes the filter ("Mandatory only": mandatory for the person). Words
// match regardless of case (also Ä, Ö, Ü) in the course's title and description and in its
// competence's id and title, in English and in the language shown.
bool course_matches(const TrainingItem& item, const CourseFilter& filter);

// The languages the courses are taught in, each once, in code order ("de", "en").
std::vector<std::string> course_languages(const std::vector<Course>& courses);

// The band 1..4 of a DigComp level 1..8.
int proficiency_band(int level);

}  // namespace stellwerk::client
