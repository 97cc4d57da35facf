// Training urgency rules. A completed course with a validity period counts as expired from the day
// after its validity ends (completion date + validity months); a mandatory course with a due date
// is overdue from the day after that date.
#include "training/training_status.hpp"

#include <algorithm>
#include <string_view>

#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::client {
namespace {

// Lower case for comparing: ASCII letters and the German capitals Ä, Ö, Ü (two bytes in UTF-8,
// their small letters are 0x20 further). Other letters compare as written.
std::string folded(std::string_view text) {
  std::string out{text};
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + ('a' - 'A'));
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next == 0x84 || next == 0x96 || next == 0x9C) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> course_languages(const std::vector<Course>& courses) {
  std::vector<std::string> languages;
  for (const Course& course : courses) languages.push_back(course.language);
  std::ranges::sort(languages);
  const auto [first, last] = std::ranges::unique(languages);
  languages.erase(first, last);
  return languages;
}

int proficiency_band(int level) { return (std::clamp(level, kDigCompMinLevel, kDigCompMaxLevel) + 1) / 2; }

bool course_matches(const TrainingItem& item, const CourseFilter& filter) {
  const Course& course = *item.course;
  if (filter.mandatory_only && !item.mandatory) return false;
  if (filter.format && course.format != *filter.format) return false;
  if (!filter.language.empty() && course.language != filter.language) return false;
  if (filter.band != 0 && proficiency_band(course.level) != filter.band) return false;
  const DigCompCompetence* competence = find_competence(course.competence_id);
  if (filter.area != 0 && (competence == nullptr || competence->area != filter.area)) return false;
  std::string haystack = course.title + '\n' + course.description + '\n' + course.competence_id;
  if (competence != nullptr) {
    haystack += '\n';
    haystack += competence->title_en;
    haystack += '\n';
    haystack += i18n::tr(competence->title_en.data());
  }
  haystack = folded(haystack);
  const std::string words = folded(filter.words);
  std::size_t start = 0;
  while (start < words.size()) {
    const std::size_t end = std::min(words.find(' ', start), words.size());
    if (end > start && haystack.find(words.substr(start, end - start)) == std::string::npos) return false;
    start = end + 1;
  }
  return true;
}

Learner signed_in_learner(const std::optional<Employee>& me) { return me ? learner_of(*me) : Learner{}; }

std::vector<TrainingItem> training_items(const std::vector<Course>& courses,
                                         const std::vector<Enrollment>& enrollments, const Learner& learner,
                                         Date today) {
  std::vector<TrainingItem> items;
  items.reserve(courses.size());
  for (const Course& course : courses) {
    TrainingItem item;
    item.course = &course;
    for (const Enrollment& e : enrollments) {
      if (e.course_id == course.id) item.enrollment = &e;
    }
    const Enrollment* e = item.enrollment;
    item.in_progress = e != nullptr && training_in_progress(course, *e, today);
    item.mandatory = mandatory_for(course, learner);
    if (e != nullptr && e->state == EnrollmentState::completed && e->completed_on) {
      // core's one rule: the server's valid_until, or for a completion not confirmed yet its own.
      if (const auto until = completion_valid_until(*e, course)) {
        item.valid_until = until;
        // An optional course that ran out is not due again: only what the person must take is.
        if (item.mandatory && training_expired(*until, today)) {
          item.urgency = TrainingUrgency::expired;
          item.due_on = until;
        }
      }
    } else if (item.mandatory) {
      item.due_on = mandatory_due_on(course, e);
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
