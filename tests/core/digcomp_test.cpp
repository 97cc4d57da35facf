// The DigComp 2.2 tables: shape of the framework, lookups and proficiency bands.
#include <gtest/gtest.h>

#include <set>

#include "stellwerk/core/digcomp.hpp"

namespace stellwerk {
namespace {

TEST(DigComp, FiveAreasTwentyOneCompetences) {
  EXPECT_EQ(digcomp_areas().size(), 5u);
  EXPECT_EQ(digcomp_competences().size(), 21u);
  const std::size_t per_area[] = {3, 6, 4, 4, 4};
  for (const DigCompArea& area : digcomp_areas()) {
    EXPECT_FALSE(area.title_en.empty());
    const auto competences = digcomp_competences_in_area(area.number);
    EXPECT_FALSE(competences.empty()) << area.number;
    EXPECT_EQ(competences.size(), per_area[area.number - 1]) << area.number;
    for (const DigCompCompetence& c : competences) EXPECT_EQ(c.area, area.number);
  }
  EXPECT_TRUE(digcomp_competences_in_area(0).empty());
  EXPECT_TRUE(digcomp_competences_in_area(6).empty());
}

TEST(DigComp, IdsUniqueAndFindable) {
  std::set<std::string_view> ids;
  for (const DigCompCompetence& c : digcomp_competences()) {
    EXPECT_TRUE(ids.insert(c.id).second) << c.id;
    EXPECT_FALSE(c.title_en.empty()) << c.id;
    EXPECT_TRUE(is_valid_area(c.area)) << c.id;
    EXPECT_TRUE(is_valid_competence_id(c.id)) << c.id;
    EXPECT_EQ(find_competence(c.id), &c);
  }
  EXPECT_EQ(ids.size(), 21u);
  EXPECT_EQ(*ids.begin(), "1.1");
  EXPECT_EQ(*ids.rbegin(), "5.4");
}

// Empty for an unknown id, so that a failed lookup is an assertion failure and not a crash.
std::string_view title_of(std::string_view id) {
  const DigCompCompetence* competence = find_competence(id);
  return competence ? competence->title_en : std::string_view{};
}

TEST(DigComp, OfficialTitles) {
  EXPECT_EQ(title_of("2.5"), "Netiquette");
  EXPECT_EQ(title_of("1.1"), "Browsing, searching and filtering data, information and digital content");
  EXPECT_EQ(title_of("3.3"), "Copyright and licences");
  EXPECT_EQ(title_of("5.4"), "Identifying digital competence gaps");
  const DigCompArea* safety = find_area(4);
  ASSERT_NE(safety, nullptr);
  EXPECT_EQ(safety->title_en, "Safety");
  static_assert(is_valid_competence_id("4.2") && find_competence("4.2")->area == 4,
                "the tables are usable at compile time");
}

TEST(DigComp, UnknownIds) {
  for (std::string_view id : {"", "0.1", "1.4", "2.7", "5.5", "6.1", "1.1 ", "11"}) {
    EXPECT_EQ(find_competence(id), nullptr) << id;
    EXPECT_FALSE(is_valid_competence_id(id)) << id;
  }
  EXPECT_EQ(find_area(0), nullptr);
  EXPECT_EQ(find_area(6), nullptr);
  EXPECT_FALSE(is_valid_area(0));
}

TEST(DigComp, LevelsAndBands) {
  EXPECT_FALSE(is_valid_level(0));
  EXPECT_FALSE(is_valid_level(9));
  EXPECT_FALSE(is_valid_level(-1));
  const std::string_view expected[] = {"Foundation", "Foundation", "Intermediate", "Intermediate",
                                       "Advanced",   "Advanced",   "Highly specialised", "Highly specialised"};
  for (int level = 1; level <= 8; ++level) {
    EXPECT_TRUE(is_valid_level(level));
    EXPECT_EQ(proficiency_band_en(level), expected[level - 1]) << level;
  }
  EXPECT_TRUE(proficiency_band_en(0).empty());
  EXPECT_TRUE(proficiency_band_en(9).empty());
}

}  // namespace
}  // namespace stellwerk
