// ui::FloorPlan as a person sees it: what a spot says at each size, its state icon at the
// smallest zoom, dimmed spots, the legend, and the colours and sizes of every theme.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "floor_plan_fixture.hpp"

namespace {

using namespace widget_tests;

// A 24 × 16 m floor of real desks (1.6 × 0.8 m) in all six states, some dimmed and some
// favourites, and two meeting rooms; at the smallest zoom a desk is a few pixels tall.
std::vector<ui::PlanSpot> real_floor() {
  std::vector<ui::PlanSpot> desks;
  for (int row = 0; row < 8; ++row) {
    for (int col = 0; col < 10; ++col) {
      const int n = row * 10 + col;
      desks.push_back(spot(desk_name(n), 1.0f + static_cast<float>(col) * 2.2f, 1.0f + static_cast<float>(row) * 1.5f,
                           1.6f, 0.8f, static_cast<ui::SpotState>(n % static_cast<int>(ui::SpotState::COUNT))));
      desks.back().dimmed = n % 7 == 3;
      desks.back().favourite = n % 11 == 0;
    }
  }
  desks.push_back(spot("room-a", 1.0f, 12.5f, 4.0f, 3.0f, ui::SpotState::booked));
  desks.push_back(spot("room-b", 6.0f, 12.5f, 4.0f, 3.0f, ui::SpotState::free));
  return desks;
}

class SmallestZoom : public ::testing::TestWithParam<float> {};

TEST_P(SmallestZoom, EveryVisibleSpotShowsItsStateIconAtAReadableSize) {
  // The icon is never dropped for want of room: a spot too small for it carries it on a backplate
  // at 0.7 em, and never below 11 px. Read from the plan's draw list: for every spot in view, a
  // glyph of its state's icon centred on it, at that size or larger.
  const float scale = GetParam();
  WidgetSession session(ui::ThemeId::light, scale);
  const std::vector<ui::PlanSpot> spots = real_floor();
  const ui::SpotStyles styles = german_styles();
  const float readable = std::max(11.0f, 0.7f * ui::kBaseFontPixels * scale) - 0.01f;
  for (const float zoom : {1.0f, ui::kPlanMinZoom}) {
    ui::PlanView view;
    view.fit_requested = false;
    view.zoom = zoom;
    session.frame([&] { ui::FloorPlan("plan", 24.0f, 16.0f, spots, styles, view, 300.0f * scale); });
    ImGuiWindow* plan = plan_window();
    ASSERT_NE(plan, nullptr);
    const auto desk = session.find("floor-spot-d0");
    ASSERT_TRUE(desk);
    if (zoom == ui::kPlanMinZoom) {
      ASSERT_LT(desk->max.y - desk->min.y, readable) << "the desks must be too small for their icon here";
    }
    std::array<std::vector<DrawnGlyph>, static_cast<std::size_t>(ui::SpotState::COUNT)> glyphs;
    for (std::size_t s = 0; s < glyphs.size(); ++s) glyphs[s] = glyphs_of(*plan->DrawList, styles[s].icon);
    int checked = 0;
    for (const ui::PlanSpot& spot : spots) {
      const auto rect = session.find("floor-spot-" + spot.identity);
      ASSERT_TRUE(rect) << spot.identity << " is not in view at zoom " << zoom;
      // The glyph's middle lies on the spot (within the pixel rounding of the text position).
      const ImRect around(offset(rect->min, -2, -2), offset(rect->max, 2, 2));
      float largest = 0;
      for (const DrawnGlyph& glyph : glyphs[static_cast<std::size_t>(spot.state)]) {
        if (around.Contains(glyph.centre)) largest = std::max(largest, glyph.size);
      }
      EXPECT_GE(largest, readable) << spot.identity << " at zoom " << zoom << ", scale " << scale << " ("
                                   << rect->max.x - rect->min.x << " x " << rect->max.y - rect->min.y << " px)";
      ++checked;
    }
    EXPECT_EQ(checked, static_cast<int>(spots.size()));
  }
}

std::string scale_name(const ::testing::TestParamInfo<float>& info) {
  return info.param == 1.0f ? std::string("at_100") : std::string("at_200");
}

INSTANTIATE_TEST_SUITE_P(Scales, SmallestZoom, ::testing::Values(1.0f, 2.0f), scale_name);

TEST_F(FloorPlanTest, DimmedSpotsAreDrawnFaint) {
  floor_width = 10.0f;
  floor_height = 5.0f;
  spots = {spot("bright", 1, 1, 3, 2), spot("faint", 6, 1, 3, 2)};
  spots[1].dimmed = true;
  session.frame(draw());
  ImGuiWindow* plan = plan_window();
  ASSERT_NE(plan, nullptr);
  // The most opaque vertex inside each spot: the fill, border and text of a dimmed one are faint.
  const auto max_alpha = [&](const ui::testing::ItemRect& r) {
    unsigned alpha = 0;
    for (const ImDrawVert& v : plan->DrawList->VtxBuffer) {
      if (v.pos.x > r.min.x + 1 && v.pos.x < r.max.x - 1 && v.pos.y > r.min.y + 1 && v.pos.y < r.max.y - 1) {
        alpha = std::max(alpha, (v.col >> IM_COL32_A_SHIFT) & 0xFFu);
      }
    }
    return alpha;
  };
  EXPECT_EQ(max_alpha(rect_of("bright")), 255u);
  EXPECT_LE(max_alpha(rect_of("faint")), 100u);
  EXPECT_GT(max_alpha(rect_of("faint")), 0u);
}

TEST_F(FloorPlanTest, TheLegendNamesEveryStateWithItsIcon) {
  grid();
  session.frame(draw());
  for (const ui::SpotStateStyle& style : styles) {
    EXPECT_TRUE(session.shows_text(style.word)) << style.word << " missing from: " << session.text();
    EXPECT_TRUE(session.shows_text(style.icon)) << style.word << "'s icon missing";
  }
}

// --- Themes ------------------------------------------------------------------------------------

class EveryTheme : public ::testing::TestWithParam<ui::ThemeId> {};

TEST_P(EveryTheme, SpotTextIsReadableOnEveryFillAndEveryBorderStandsOut) {
  WidgetSession session(GetParam());
  const ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  const ImVec4 surface = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
  for (int s = 0; s < static_cast<int>(ui::SpotState::COUNT); ++s) {
    const auto state = static_cast<ui::SpotState>(s);
    const double on_fill = ui::contrast_ratio(text, ui::spot_fill_color(state));
    const double border = ui::contrast_ratio(ui::spot_color(state), surface);
    EXPECT_GE(on_fill, 4.5) << ui::to_string(GetParam()) << " state " << s << ": text on its fill is " << on_fill;
    EXPECT_GE(border, 3.0) << ui::to_string(GetParam()) << " state " << s << ": border on the surface is " << border;
  }
}

TEST_P(EveryTheme, StatesDifferInColourAsWellAsInIcon) {
  WidgetSession session(GetParam());
  for (int a = 0; a < static_cast<int>(ui::SpotState::COUNT); ++a) {
    for (int b = a + 1; b < static_cast<int>(ui::SpotState::COUNT); ++b) {
      const ImVec4 ca = ui::spot_color(static_cast<ui::SpotState>(a));
      const ImVec4 cb = ui::spot_color(static_cast<ui::SpotState>(b));
      const float distance = std::fabs(ca.x - cb.x) + std::fabs(ca.y - cb.y) + std::fabs(ca.z - cb.z);
      // High contrast shares yellow between pending and the focus ring only, not between states.
      EXPECT_GT(distance, 0.1f) << ui::to_string(GetParam()) << ": states " << a << " and " << b;
    }
  }
}

TEST_P(EveryTheme, ThePlanDrawsAtTwiceTheSize) {
  WidgetSession session(GetParam(), 2.0f);
  std::vector<ui::PlanSpot> spots = {spot("A-1", 1, 1, 4, 2), spot("B-2", 8, 1, 4, 2, ui::SpotState::mine)};
  ui::PlanView view;
  const ui::SpotStyles styles = german_styles();
  session.frame([&] { ui::FloorPlan("plan", 20, 10, spots, styles, view, 600); });
  EXPECT_TRUE(session.shows("floor-spot-A-1"));
  const auto zoom_in = session.find("plan-zoom-in");
  ASSERT_TRUE(zoom_in);
  EXPECT_GE(zoom_in->max.y - zoom_in->min.y, 88.0f);
  EXPECT_TRUE(session.shows_text("A-1")) << session.text();
  EXPECT_TRUE(session.shows_text("B-2")) << session.text();
}

std::string theme_name(const ::testing::TestParamInfo<ui::ThemeId>& info) {
  std::string name(ui::to_string(info.param));
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Themes, EveryTheme,
                         ::testing::Values(ui::ThemeId::light, ui::ThemeId::dark, ui::ThemeId::high_contrast),
                         theme_name);

}  // namespace
