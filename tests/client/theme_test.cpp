// WCAG 2.1 contrast of the three themes, at every scale the Settings offer: each (foreground,
// background) pair of ui::contrast_requirements() meets its minimum (4.5:1 for text, 3:1 for
// control boundaries and the focus ring), and the status colours our widgets draw icons in stand
// out 4.5:1 on window and card backgrounds. A failure names the theme, both ImGui colour slots and
// the ratio. Also checks contrast_ratio() itself and the theme names used on the command line and
// in config.toml.
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "stellwerk/widgets/theme.hpp"

namespace ui {
// Failure lines name the theme instead of printing its byte.
void PrintTo(ThemeId id, std::ostream* os);
void PrintTo(ThemeId id, std::ostream* os) { *os << to_string(id); }
}  // namespace ui

namespace {

std::string theme_name(const ::testing::TestParamInfo<ui::ThemeId>& info) {
  std::string name(ui::to_string(info.param));
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

class EveryTheme : public ::testing::TestWithParam<ui::ThemeId> {};

TEST_P(EveryTheme, EveryRequiredColourPairIsReadable) {
  for (const float scale : {1.0f, 1.5f, 2.0f}) {
    const ui::Theme theme = ui::make_theme(GetParam(), scale);
    for (const ui::ContrastRequirement& row : ui::contrast_requirements()) {
      const double ratio = ui::contrast_ratio(theme.style.Colors[row.foreground], theme.style.Colors[row.background]);
      EXPECT_GE(ratio, row.minimum) << "theme " << ui::to_string(GetParam()) << ": "
                                    << ImGui::GetStyleColorName(row.foreground) << " on "
                                    << ImGui::GetStyleColorName(row.background) << " is " << ratio
                                    << ":1, needs " << row.minimum << ":1";
    }
  }
}

TEST_P(EveryTheme, StatusColoursStandOutOnWindowsAndCards) {
  const ui::Theme theme = ui::make_theme(GetParam(), 1.0f);
  const struct {
    const char* name;
    ImVec4 colour;
  } status[] = {{"ok", theme.status.ok},
                {"warning", theme.status.warning},
                {"danger", theme.status.danger},
                {"accent", theme.status.accent}};
  for (const auto& s : status) {
    for (const ImGuiCol background : {ImGuiCol_WindowBg, ImGuiCol_ChildBg}) {
      const double ratio = ui::contrast_ratio(s.colour, theme.style.Colors[background]);
      EXPECT_GE(ratio, 4.5) << "theme " << ui::to_string(GetParam()) << ": status colour " << s.name << " on "
                            << ImGui::GetStyleColorName(background) << " is " << ratio << ":1, needs 4.5:1";
    }
  }
}

TEST_P(EveryTheme, TextOnAlternateTableRowsIsReadable) {
  // Desks and Training draw secondary text ("Unknown while offline", "Not enrolled") and status
  // icons in every column of striped tables, so every other row sits on TableRowBgAlt.
  const ui::Theme theme = ui::make_theme(GetParam(), 1.0f);
  const ImVec4 row = theme.style.Colors[ImGuiCol_TableRowBgAlt];
  const struct {
    const char* name;
    ImVec4 colour;
  } texts[] = {{"TextDisabled", theme.style.Colors[ImGuiCol_TextDisabled]},
               {"status ok", theme.status.ok},
               {"status warning", theme.status.warning},
               {"status danger", theme.status.danger},
               {"status accent", theme.status.accent}};
  for (const auto& t : texts) {
    const double ratio = ui::contrast_ratio(t.colour, row);
    EXPECT_GE(ratio, 4.5) << "theme " << ui::to_string(GetParam()) << ": " << t.name << " on TableRowBgAlt is " << ratio
                          << ":1, needs 4.5:1";
  }
}

TEST_P(EveryTheme, SideBarShortcutHintIsReadableOnSelectedAndHoveredEntries) {
  // ui::NavItem draws "Ctrl+3" in TextDisabled over the entry, whose background is Header when it
  // is the current view and HeaderHovered under the mouse; the accent bar marks the current one.
  const ui::Theme theme = ui::make_theme(GetParam(), 1.0f);
  const ImVec4 hint = theme.style.Colors[ImGuiCol_TextDisabled];
  for (const ImGuiCol background : {ImGuiCol_Header, ImGuiCol_HeaderHovered}) {
    const double ratio = ui::contrast_ratio(hint, theme.style.Colors[background]);
    EXPECT_GE(ratio, 4.5) << "theme " << ui::to_string(GetParam()) << ": TextDisabled on "
                          << ImGui::GetStyleColorName(background) << " is " << ratio << ":1, needs 4.5:1";
  }
  const double bar = ui::contrast_ratio(theme.status.accent, theme.style.Colors[ImGuiCol_Header]);
  EXPECT_GE(bar, 3.0) << "theme " << ui::to_string(GetParam()) << ": the current-view bar is " << bar << ":1 on Header";
}

TEST_P(EveryTheme, ColoursAreOpaqueWhereContrastIsMeasured) {
  // contrast_ratio() ignores alpha, so a translucent colour would pass here and fail on screen.
  const ui::Theme theme = ui::make_theme(GetParam(), 1.0f);
  for (const ui::ContrastRequirement& row : ui::contrast_requirements()) {
    EXPECT_EQ(theme.style.Colors[row.foreground].w, 1.0f) << ImGui::GetStyleColorName(row.foreground);
    EXPECT_EQ(theme.style.Colors[row.background].w, 1.0f) << ImGui::GetStyleColorName(row.background);
  }
}

TEST_P(EveryTheme, SizesFollowTheScale) {
  const ui::Theme normal = ui::make_theme(GetParam(), 1.0f);
  const ui::Theme doubled = ui::make_theme(GetParam(), 2.0f);
  EXPECT_FLOAT_EQ(doubled.style.FramePadding.x, normal.style.FramePadding.x * 2.0f);
  EXPECT_FLOAT_EQ(doubled.style.ScrollbarSize, normal.style.ScrollbarSize * 2.0f);
  EXPECT_FLOAT_EQ(doubled.style.ItemSpacing.y, normal.style.ItemSpacing.y * 2.0f);
}

TEST_P(EveryTheme, NameRoundTrips) { EXPECT_EQ(ui::parse_theme(ui::to_string(GetParam())), GetParam()); }

INSTANTIATE_TEST_SUITE_P(Themes, EveryTheme,
                         ::testing::Values(ui::ThemeId::light, ui::ThemeId::dark, ui::ThemeId::high_contrast),
                         theme_name);

TEST(Themes, EveryThemeIsTested) { EXPECT_EQ(static_cast<int>(ui::ThemeId::COUNT), 3); }

TEST(Themes, RequirementsCoverTextControlsAndFocus) {
  bool text = false, border = false, focus = false;
  for (const ui::ContrastRequirement& row : ui::contrast_requirements()) {
    text = text || (row.foreground == ImGuiCol_Text && row.background == ImGuiCol_WindowBg && row.minimum >= 4.5);
    border = border || (row.foreground == ImGuiCol_Border && row.minimum >= 3.0);
    focus = focus || (row.foreground == ImGuiCol_NavHighlight && row.minimum >= 3.0);
  }
  EXPECT_TRUE(text);
  EXPECT_TRUE(border);
  EXPECT_TRUE(focus);
}

TEST(Themes, UnknownNamesAreRefused) {
  EXPECT_FALSE(ui::parse_theme("pink"));
  EXPECT_FALSE(ui::parse_theme("Dark"));
  EXPECT_FALSE(ui::parse_theme("high_contrast"));
  EXPECT_FALSE(ui::parse_theme(""));
}

TEST(ContrastRatio, BlackOnWhiteIsTwentyOneToOne) {
  EXPECT_NEAR(ui::contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)), 21.0, 1e-9);
  EXPECT_NEAR(ui::contrast_ratio(ImVec4(1, 1, 1, 1), ImVec4(0, 0, 0, 1)), 21.0, 1e-9) << "order does not matter";
}

TEST(ContrastRatio, AColourOnItselfIsOneToOne) {
  for (const ImVec4 c : {ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1), ImVec4(0.2f, 0.4f, 0.6f, 1), ImVec4(1, 0, 0, 1)}) {
    EXPECT_NEAR(ui::contrast_ratio(c, c), 1.0, 1e-9);
  }
}

TEST(ContrastRatio, MatchesKnownWcagValues) {
  // #767676 on white is the classic lightest grey that passes 4.5:1 (4.54:1).
  const ImVec4 grey(118.0f / 255.0f, 118.0f / 255.0f, 118.0f / 255.0f, 1.0f);
  EXPECT_NEAR(ui::contrast_ratio(grey, ImVec4(1, 1, 1, 1)), 4.54, 0.01);
  // Pure red on white: 4.00:1.
  EXPECT_NEAR(ui::contrast_ratio(ImVec4(1, 0, 0, 1), ImVec4(1, 1, 1, 1)), 4.0, 0.01);
}

}  // namespace
