// The DigComp 2.2 framework (European Commission, JRC 2022) that every Stellwerk course is
// filed under: 5 competence areas, 21 competences with ids "1.1" … "5.4", and 8 proficiency
// levels grouped into 4 bands. The framework is fixed text, so it lives in constexpr tables
// that callers can also use at compile time (e.g. to check seed data). Titles are the official
// English titles, marked with STELLWERK_TR_NOOP so that xgettext puts them into the client's
// catalogue; the client translates them at display time.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "stellwerk/core/tr_noop.hpp"

namespace stellwerk {

struct DigCompArea {
  int number;
  std::string_view title_en;
};

struct DigCompCompetence {
  std::string_view id;  // "<area>.<n>", the form stored in Course::competence_id
  int area;
  std::string_view title_en;
};

inline constexpr std::array<DigCompArea, 5> kDigCompAreas{{
    {1, STELLWERK_TR_NOOP("Information and data literacy")},
    {2, STELLWERK_TR_NOOP("Communication and collaboration")},
    {3, STELLWERK_TR_NOOP("Digital content creation")},
    {4, STELLWERK_TR_NOOP("Safety")},
    {5, STELLWERK_TR_NOOP("Problem solving")},
}};

// Ordered by area, then by competence number: digcomp_competences_in_area relies on it.
inline constexpr std::array<DigCompCompetence, 21> kDigCompCompetences{{
    {"1.1", 1, STELLWERK_TR_NOOP("Browsing, searching and filtering data, information and digital content")},
    {"1.2", 1, STELLWERK_TR_NOOP("Evaluating data, information and digital content")},
    {"1.3", 1, STELLWERK_TR_NOOP("Managing data, information and digital content")},
    {"2.1", 2, STELLWERK_TR_NOOP("Interacting through digital technologies")},
    {"2.2", 2, STELLWERK_TR_NOOP("Sharing through digital technologies")},
    {"2.3", 2, STELLWERK_TR_NOOP("Engaging in citizenship through digital technologies")},
    {"2.4", 2, STELLWERK_TR_NOOP("Collaborating through digital technologies")},
    {"2.5", 2, STELLWERK_TR_NOOP("Netiquette")},
    {"2.6", 2, STELLWERK_TR_NOOP("Managing digital identity")},
    {"3.1", 3, STELLWERK_TR_NOOP("Developing digital content")},
    {"3.2", 3, STELLWERK_TR_NOOP("Integrating and re-elaborating digital content")},
    {"3.3", 3, STELLWERK_TR_NOOP("Copyright and licences")},
    {"3.4", 3, STELLWERK_TR_NOOP("Programming")},
    {"4.1", 4, STELLWERK_TR_NOOP("Protecting devices")},
    {"4.2", 4, STELLWERK_TR_NOOP("Protecting personal data and privacy")},
    {"4.3", 4, STELLWERK_TR_NOOP("Protecting health and well-being")},
    {"4.4", 4, STELLWERK_TR_NOOP("Protecting the environment")},
    {"5.1", 5, STELLWERK_TR_NOOP("Solving technical problems")},
    {"5.2", 5, STELLWERK_TR_NOOP("Identifying needs and technological responses")},
    {"5.3", 5, STELLWERK_TR_NOOP("Creatively using digital technologies")},
    {"5.4", 5, STELLWERK_TR_NOOP("Identifying digital competence gaps")},
}};

inline constexpr int kDigCompMinLevel = 1;
inline constexpr int kDigCompMaxLevel = 8;

constexpr std::span<const DigCompArea> digcomp_areas() { return kDigCompAreas; }
constexpr std::span<const DigCompCompetence> digcomp_competences() { return kDigCompCompetences; }

// The competences of area 1..5 (empty for any other number).
constexpr std::span<const DigCompCompetence> digcomp_competences_in_area(int area) {
  std::size_t first = 0;
  while (first < kDigCompCompetences.size() && kDigCompCompetences[first].area != area) ++first;
  std::size_t last = first;
  while (last < kDigCompCompetences.size() && kDigCompCompetences[last].area == area) ++last;
  return digcomp_competences().subspan(first, last - first);
}

namespace detail {
// Table lookups by index rather than by pointer: GCC cannot constant-evaluate a comparison of
// a table element's address with nullptr under -fsanitize=undefined, and static_asserts on
// these tables must also compile in sanitizer builds.
inline constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

constexpr std::size_t area_index(int number) {
  for (std::size_t i = 0; i < kDigCompAreas.size(); ++i) {
    if (kDigCompAreas[i].number == number) return i;
  }
  return kNotFound;
}

constexpr std::size_t competence_index(std::string_view id) {
  for (std::size_t i = 0; i < kDigCompCompetences.size(); ++i) {
    if (kDigCompCompetences[i].id == id) return i;
  }
  return kNotFound;
}
}  // namespace detail

constexpr bool is_valid_area(int number) { return detail::area_index(number) != detail::kNotFound; }
constexpr bool is_valid_competence_id(std::string_view id) {
  return detail::competence_index(id) != detail::kNotFound;
}

// The area with this number, or nullptr.
constexpr const DigCompArea* find_area(int number) {
  const std::size_t i = detail::area_index(number);
  return i == detail::kNotFound ? nullptr : &kDigCompAreas[i];
}

// The competence with this id ("2.4"), or nullptr for an unknown id.
constexpr const DigCompCompetence* find_competence(std::string_view id) {
  const std::size_t i = detail::competence_index(id);
  return i == detail::kNotFound ? nullptr : &kDigCompCompetences[i];
}

constexpr bool is_valid_level(int level) { return level >= kDigCompMinLevel && level <= kDigCompMaxLevel; }

// "Foundation" (1–2), "Intermediate" (3–4), "Advanced" (5–6), "Highly specialised" (7–8);
// empty for an invalid level.
std::string_view proficiency_band_en(int level);

}  // namespace stellwerk
