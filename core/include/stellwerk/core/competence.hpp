// A person's DigComp competence profile: their own assessment of each competence on the 8
// proficiency levels, the level their roles ask for, and the courses that close the gap between
// the two. The server keeps both (GET/PUT /api/v1/me/self-assessments, competence targets in the
// changes feed); the client shows them in the profile chart. Plain data and rules, no I/O.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

// "I am at level 4 in 1.3", as the person said on `assessed_at`.
struct SelfAssessment {
  std::string competence_id;  // DigComp 2.2, "1.1" … "5.4"
  int level = 1;              // 1..8
  Instant assessed_at{};
};

// The level a role asks for in one competence (a city sets these; the demo seeds them).
struct CompetenceTarget {
  Role role = Role::employee;
  std::string competence_id;
  int level = 1;
};

// A self-assessment the server may keep: a DigComp competence and a level of 1..8.
bool valid_self_assessment(std::string_view competence_id, int level);

// The target of a person with these roles: the highest any of their roles asks for, or nullopt
// when none of them names the competence.
std::optional<int> competence_target(std::span<const CompetenceTarget> targets, std::span<const Role> roles,
                                     std::string_view competence_id);

// The courses that close the gap in one competence, lowest level first: those filed under it
// above the person's level (any level when they have not assessed it) and not above the target.
// Nothing when there is no target or the person already reaches it.
std::vector<Course> courses_closing_gap(std::span<const Course> courses, std::string_view competence_id,
                                        std::optional<int> level, std::optional<int> target);

}  // namespace stellwerk
