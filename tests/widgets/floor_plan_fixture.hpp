// What the floor-plan tests (floor_plan_test.cpp: input and keyboard; floor_plan_looks_test.cpp:
// what spots say and how they look) share: the German state styles, spots on a small floor,
// finding the plan's window and the glyphs it drew, and the fixture that draws one ui::FloorPlan.
#pragma once

#include <gtest/gtest.h>
#include <imgui_internal.h>  // GImGui: which window has the keyboard; ImRect, ImTextCharFromUtf8

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "german_styles.hpp"
#include "stellwerk/widgets/floor_plan.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "widget_session.hpp"

namespace widget_tests {

inline ui::PlanSpot spot(std::string identity, float x, float y, float w = 2.0f, float h = 1.0f,
                         ui::SpotState state = ui::SpotState::free) {
  ui::PlanSpot s;
  s.identity = identity;
  s.label = identity;
  s.x = x;
  s.y = y;
  s.w = w;
  s.h = h;
  s.type_icon = ui::icon::desk;
  s.state = state;
  return s;
}

inline std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++count;
  return count;
}

// "d<i>". Built by append: GCC 12 warns wrongly (-Wrestrict, GCC bug 105329) about "d" + string
// at -O3, and the release preset turns warnings into errors.
inline std::string desk_name(int i) { return std::string("d").append(std::to_string(i)); }

inline ImVec2 offset(ImVec2 p, float dx, float dy) { return ImVec2(p.x + dx, p.y + dy); }

inline bool inside(const ui::testing::ItemRect& outer, const ui::testing::ItemRect& inner) {
  return inner.min.x >= outer.min.x - 0.5f && inner.min.y >= outer.min.y - 0.5f && inner.max.x <= outer.max.x + 0.5f &&
         inner.max.y <= outer.max.y + 0.5f;
}

// The plan's child window, found by the name ImGui gives it ("<parent>/##plan_<id>").
inline ImGuiWindow* plan_window() {
  for (ImGuiWindow* window : GImGui->Windows) {
    if (std::string(window->Name).find("/##plan_") != std::string::npos) return window;
  }
  return nullptr;
}

// One glyph of `icon` (a one-glyph string) as a draw list holds it: where its middle is and the
// font size it was drawn at. ImFont::RenderText writes each glyph as four vertices in a row, the
// first at the glyph's (U0, V0) and the third at its (U1, V1), so the glyph is found by its place
// in the font atlas, and its size follows from its height on screen against its height in the font.
struct DrawnGlyph {
  ImVec2 centre;
  float size = 0;
};

inline std::vector<DrawnGlyph> glyphs_of(const ImDrawList& list, const char* icon) {
  std::vector<DrawnGlyph> found;
  const ImFont* font = ui::fonts().body;
  unsigned int codepoint = 0;
  ImTextCharFromUtf8(&codepoint, icon, nullptr);
  const ImFontGlyph* glyph = font != nullptr ? font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) : nullptr;
  if (glyph == nullptr || glyph->Y1 <= glyph->Y0) {
    ADD_FAILURE() << "the body font has no glyph for the icon";
    return found;
  }
  const ImDrawVert* v = list.VtxBuffer.Data;
  for (int i = 0; i + 3 < list.VtxBuffer.Size; ++i) {
    if (v[i].uv.x != glyph->U0 || v[i].uv.y != glyph->V0 || v[i + 2].uv.x != glyph->U1 || v[i + 2].uv.y != glyph->V1) {
      continue;
    }
    const float height = v[i + 2].pos.y - v[i].pos.y;
    found.push_back({ImVec2((v[i].pos.x + v[i + 2].pos.x) * 0.5f, (v[i].pos.y + v[i + 2].pos.y) * 0.5f),
                     height * font->FontSize / (glyph->Y1 - glyph->Y0)});
  }
  return found;
}

class FloorPlanTest : public ::testing::Test {
 protected:
  WidgetSession session;
  std::vector<ui::PlanSpot> spots;
  ui::SpotStyles styles = german_styles();
  ui::PlanView view;
  float floor_width = 20.0f;
  float floor_height = 10.0f;
  float height = 500.0f;
  ImTextureID drawing = nullptr;         // the floor's drawing, as the window's texture
  std::optional<std::size_t> activated;  // the last activation since the test reset it
  std::optional<std::size_t> hovered;    // as the last frame reported it

  WidgetSession::Draw draw() {
    return [this] {
      const ui::PlanResult result = ui::FloorPlan("plan", floor_width, floor_height, spots, styles, view, height, {}, drawing);
      if (result.activated) activated = result.activated;
      hovered = result.hovered;
    };
  }

  ui::testing::ItemRect rect_of(const std::string& identity) {
    const auto rect = session.find("floor-spot-" + identity);
    EXPECT_TRUE(rect.has_value()) << identity << " is not on the plan";
    return rect.value_or(ui::testing::ItemRect{});
  }

  // A 3 × 2 grid: a b c on top, d e f below; b is 3 m right of a.
  void grid() {
    spots = {spot("a", 1, 1), spot("b", 4, 1), spot("c", 7, 1), spot("d", 1, 4), spot("e", 4, 4), spot("f", 7, 4)};
  }
};

}  // namespace widget_tests
