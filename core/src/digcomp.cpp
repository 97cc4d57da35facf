// Compile-time checks of the DigComp tables, done once here rather than in every file that
// includes the header, and the proficiency band names (marked for translation).
#include "stellwerk/core/digcomp.hpp"

namespace stellwerk {
namespace {

constexpr bool ids_unique() {
  for (std::size_t i = 0; i < kDigCompCompetences.size(); ++i) {
    for (std::size_t j = i + 1; j < kDigCompCompetences.size(); ++j) {
      if (kDigCompCompetences[i].id == kDigCompCompetences[j].id) return false;
    }
  }
  return true;
}

// Each id must read "<area>.<n>" with its own area number, and the table must be ordered by
// area so that digcomp_competences_in_area can return one contiguous span.
constexpr bool ids_match_areas_in_order() {
  int previous_area = 0;
  for (const DigCompCompetence& c : kDigCompCompetences) {
    if (c.id.size() != 3 || c.id[1] != '.' || c.id[0] - '0' != c.area) return false;
    if (c.area < previous_area || !is_valid_area(c.area)) return false;
    previous_area = c.area;
  }
  return true;
}

constexpr bool every_area_has_competences() {
  for (const DigCompArea& area : kDigCompAreas) {
    if (digcomp_competences_in_area(area.number).empty()) return false;
  }
  return true;
}

static_assert(ids_unique());
static_assert(ids_match_areas_in_order());
static_assert(every_area_has_competences());

}  // namespace

std::string_view proficiency_band_en(int level) {
  if (!is_valid_level(level)) return {};
  constexpr std::array<std::string_view, 4> kBands{
      STELLWERK_TR_NOOP("Foundation"),
      STELLWERK_TR_NOOP("Intermediate"),
      STELLWERK_TR_NOOP("Advanced"),
      STELLWERK_TR_NOOP("Highly specialised"),
  };
  return kBands[static_cast<std::size_t>((level - 1) / 2)];
}

}  // namespace stellwerk
