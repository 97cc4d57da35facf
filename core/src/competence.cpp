#include "stellwerk/core/competence.hpp"

#include <algorithm>

#include "stellwerk/core/digcomp.hpp"

namespace stellwerk {

bool valid_self_assessment(std::string_view competence_id, int level) {
  return find_competence(competence_id) != nullptr && is_valid_level(level);
}

std::optional<int> competence_target(std::span<const CompetenceTarget> targets, std::span<const Role> roles,
                                     std::string_view competence_id) {
  std::optional<int> highest;
  for (const CompetenceTarget& target : targets) {
    if (target.competence_id != competence_id) continue;
    if (std::find(roles.begin(), roles.end(), target.role) == roles.end()) continue;
    highest = std::max(highest.value_or(target.level), target.level);
  }
  return highest;
}

std::vector<Course> courses_closing_gap(std::span<const Course> courses, std::string_view competence_id,
                                        std::optional<int> level, std::optional<int> target) {
  std::vector<Course> closing;
  if (!target || level.value_or(0) >= *target) return closing;
  for (const Course& course : courses) {
    if (course.competence_id == competence_id && course.level > level.value_or(0) && course.level <= *target) {
      closing.push_back(course);
    }
  }
  std::stable_sort(closing.begin(), closing.end(), [](const Course& a, const Course& b) { return a.level < b.level; });
  return closing;
}

}  // namespace stellwerk
