// ui::FloorPlan driven like a person: where spots appear, clicking, dragging, the wheel, the zoom
// buttons, the keyboard (arrows, Enter, + - 0, entering and leaving the plan), what a spot says
// at each size, the legend, culling, and the colours of every theme.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // GImGui: which window has the keyboard; ImRect, ImTextCharFromUtf8

#include "stellwerk/widgets/floor_plan.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "widget_session.hpp"

namespace {

using widget_tests::WidgetSession;
namespace key = widget_tests::key;

ui::SpotStyles german_styles() {
  ui::SpotStyles styles;
  styles[static_cast<std::size_t>(ui::SpotState::free)] = {ui::icon::check, "frei"};
  styles[static_cast<std::size_t>(ui::SpotState::booked)] = {ui::icon::user, "gebucht"};
  styles[static_cast<std::size_t>(ui::SpotState::mine)] = {ui::icon::home, "meine Buchung"};
  styles[static_cast<std::size_t>(ui::SpotState::pending)] = {ui::icon::pending, "ausstehend"};
  styles[static_cast<std::size_t>(ui::SpotState::unavailable)] = {ui::icon::cancel, "nicht verfügbar"};
  styles[static_cast<std::size_t>(ui::SpotState::reserved_accessible)] = {ui::icon::accessible, "barrierefrei"};
  return styles;
}

ui::PlanSpot spot(std::string identity, float x, float y, float w = 2.0f, float h = 1.0f,
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

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++count;
  return count;
}

// "d<i>". Built by append: GCC 12 warns wrongly (-Wrestrict, GCC bug 105329) about "d" + string
// at -O3, and the release preset turns warnings into errors.
std::string desk_name(int i) { return std::string("d").append(std::to_string(i)); }

ImVec2 offset(ImVec2 p, float dx, float dy) { return ImVec2(p.x + dx, p.y + dy); }

bool inside(const ui::testing::ItemRect& outer, const ui::testing::ItemRect& inner) {
  return inner.min.x >= outer.min.x - 0.5f && inner.min.y >= outer.min.y - 0.5f && inner.max.x <= outer.max.x + 0.5f &&
         inner.max.y <= outer.max.y + 0.5f;
}

// The plan's child window, found by the name ImGui gives it ("<parent>/##plan_<id>").
ImGuiWindow* plan_window() {
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

std::vector<DrawnGlyph> glyphs_of(const ImDrawList& list, const char* icon) {
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
  std::optional<std::size_t> activated;  // the last activation since the test reset it
  std::optional<std::size_t> hovered;    // as the last frame reported it

  WidgetSession::Draw draw() {
    return [this] {
      const ui::PlanResult result = ui::FloorPlan("plan", floor_width, floor_height, spots, styles, view, height);
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

// --- Where spots are ---------------------------------------------------------------------------

TEST_F(FloorPlanTest, SpotsArePlacedWhereTheirCoordinatesSay) {
  spots = {spot("a", 1, 1), spot("b", 12, 1), spot("c", 1, 7), spot("corner", 18, 9)};
  session.frame(draw());
  const auto a = rect_of("a"), b = rect_of("b"), c = rect_of("c");
  EXPECT_LT(a.center().x, b.center().x);
  EXPECT_NEAR(a.center().y, b.center().y, 0.5f);
  EXPECT_LT(a.center().y, c.center().y);
  EXPECT_NEAR(a.center().x, c.center().x, 0.5f);
  // One scale for both axes: a 2 × 1 m desk is twice as wide as high, and distances keep their ratio.
  EXPECT_NEAR((a.max.x - a.min.x) / (a.max.y - a.min.y), 2.0f, 0.05f);
  EXPECT_NEAR((b.center().x - a.center().x) / (c.center().y - a.center().y), 11.0f / 6.0f, 0.02f);
  // At zoom 1 the whole floor fits: the spot in the far corner is on screen too.
  EXPECT_TRUE(session.shows("floor-spot-corner"));
}

TEST_F(FloorPlanTest, WholeFloorFitsInsideThePlanArea) {
  spots = {spot("top-left", 0, 0), spot("bottom-right", 18, 9)};
  session.frame(draw());
  ImGuiWindow* plan = plan_window();
  ASSERT_NE(plan, nullptr);
  const ui::testing::ItemRect area{plan->InnerRect.Min, plan->InnerRect.Max};
  EXPECT_TRUE(inside(area, rect_of("top-left")));
  EXPECT_TRUE(inside(area, rect_of("bottom-right")));
  EXPECT_NEAR(plan->Rect().GetHeight(), height, 1.0f);
}

// --- Mouse -------------------------------------------------------------------------------------

TEST_F(FloorPlanTest, ClickOnASpotActivatesAndFocusesIt) {
  grid();
  ASSERT_TRUE(session.click("floor-spot-e", draw()));
  EXPECT_EQ(activated, 4u);
  EXPECT_EQ(view.focused, 4u);
}

TEST_F(FloorPlanTest, ClickOnADimmedSpotStillActivatesIt) {
  // Dimmed means filtered out of the keyboard's way, not hidden: the caller decides what it means.
  grid();
  spots[1].dimmed = true;
  ASSERT_TRUE(session.click("floor-spot-b", draw()));
  EXPECT_EQ(activated, 1u);
}

TEST_F(FloorPlanTest, DraggingPansAndDoesNotActivate) {
  grid();
  session.frame(draw());
  const auto before = rect_of("a");
  session.drag(before.center(), offset(before.center(), 120, 40), ImGuiMouseButton_Left, draw());
  EXPECT_FALSE(activated);
  const auto after = rect_of("a");
  EXPECT_NEAR(after.min.x - before.min.x, 120.0f, 1.0f);
  EXPECT_NEAR(after.min.y - before.min.y, 40.0f, 1.0f);
}

TEST_F(FloorPlanTest, MiddleButtonDragPansToo) {
  grid();
  session.frame(draw());
  const auto before = rect_of("b");
  session.drag(before.center(), offset(before.center(), -60, 0), ImGuiMouseButton_Middle, draw());
  EXPECT_FALSE(activated);
  EXPECT_NEAR(rect_of("b").min.x - before.min.x, -60.0f, 1.0f);
}

TEST_F(FloorPlanTest, WheelZoomsAroundThePointer) {
  grid();
  height = 900.0f;  // taller than the window around it, which could therefore scroll
  session.frames(draw(), 2);
  ImGuiWindow* outside = ImGui::FindWindowByName("###widget-test");
  ASSERT_NE(outside, nullptr);
  ASSERT_GT(outside->ScrollMax.y, 0.0f);
  const ImVec2 pointer = offset(rect_of("f").center(), 5, 2);
  session.wheel(pointer, 3.0f, draw());
  EXPECT_GT(view.zoom, 1.4f);
  const auto f = rect_of("f");
  EXPECT_NEAR(f.center().x + 5.0f * view.zoom, pointer.x, 2.0f * view.zoom);  // the same spot stays under it
  EXPECT_TRUE(f.min.x <= pointer.x && pointer.x <= f.max.x && f.min.y <= pointer.y && pointer.y <= f.max.y);
  EXPECT_EQ(outside->Scroll.y, 0.0f) << "the wheel scrolled the window around the plan";
  session.wheel(pointer, -3.0f, draw());
  EXPECT_NEAR(view.zoom, 1.0f, 1e-3f);
}

TEST_F(FloorPlanTest, HoverOnASmallSpotTellsItsNameStateAndDetailsInWords) {
  // Too small to say anything itself at this zoom; the tooltip says it all. (The tooltip ends
  // ImGui's log, so the legend below the plan is not part of the text read here.)
  floor_width = 200.0f;
  floor_height = 100.0f;
  spots = {spot("X-417", 100, 50, 2.0f, 1.0f, ui::SpotState::booked)};
  spots[0].tooltip = "Zwei Monitore, höhenverstellbar";
  session.frame(draw());
  EXPECT_FALSE(session.shows_text("X-417"));
  ImGui::GetIO().MousePos = rect_of("X-417").center();
  session.frames(draw(), 2);
  EXPECT_TRUE(session.shows_text("X-417")) << session.text();
  EXPECT_TRUE(session.shows_text("gebucht")) << session.text();
  EXPECT_TRUE(session.shows_text("Zwei Monitore, höhenverstellbar")) << session.text();
}

// --- Zoom buttons ------------------------------------------------------------------------------

TEST_F(FloorPlanTest, ZoomButtonsAreTouchSizedAndChangeTheZoom) {
  grid();
  session.frame(draw());
  for (const char* button : {"plan-zoom-in", "plan-zoom-out", "plan-fit"}) {
    const auto rect = session.find(button);
    ASSERT_TRUE(rect) << button;
    EXPECT_GE(rect->max.y - rect->min.y, 44.0f) << button;
    EXPECT_GE(rect->max.x - rect->min.x, 44.0f) << button;
  }
  ASSERT_TRUE(session.click("plan-zoom-in", draw()));
  EXPECT_NEAR(view.zoom, 1.25f, 1e-4f);
  ASSERT_TRUE(session.click("plan-zoom-in", draw()));
  EXPECT_NEAR(view.zoom, 1.5625f, 1e-4f);
  ASSERT_TRUE(session.click("plan-zoom-out", draw()));
  EXPECT_NEAR(view.zoom, 1.25f, 1e-4f);
  session.drag(rect_of("b").center(), offset(rect_of("b").center(), 50, 50), ImGuiMouseButton_Left, draw());
  ASSERT_TRUE(session.click("plan-fit", draw()));
  EXPECT_EQ(view.zoom, 1.0f);
  EXPECT_EQ(view.pan.x, 0.0f);
  EXPECT_EQ(view.pan.y, 0.0f);
}

TEST_F(FloorPlanTest, ZoomStaysWithinItsLimits) {
  grid();
  for (int i = 0; i < 6; ++i) session.click("plan-zoom-out", draw());
  EXPECT_EQ(view.zoom, ui::kPlanMinZoom);
  for (int i = 0; i < 15; ++i) session.click("plan-zoom-in", draw());
  EXPECT_EQ(view.zoom, ui::kPlanMaxZoom);
}

TEST_F(FloorPlanTest, ZoomingInCullsSpotsOutOfView) {
  // 20 × 20 desks on a 40 × 40 m floor: all 400 are items at zoom 1. Zoomed in around the middle,
  // the desks out of view are neither items nor drawn: no vertex of the plan lies further outside
  // its area than a desk that is cut by the edge can reach.
  floor_width = floor_height = 40.0f;
  for (int row = 0; row < 20; ++row) {
    for (int col = 0; col < 20; ++col) {
      spots.push_back(spot(std::to_string(row) + "-" + std::to_string(col), static_cast<float>(col) * 2.0f + 0.2f,
                           static_cast<float>(row) * 2.0f + 0.5f, 1.6f, 1.0f));
    }
  }
  session.frame(draw());
  const std::size_t everything = session.items_recorded();
  EXPECT_GE(everything, 400u);
  for (int i = 0; i < 8; ++i) session.click("plan-zoom-in", draw());  // 1.25^8 ≈ 6×
  session.frame(draw());
  EXPECT_FALSE(session.shows("floor-spot-0-0"));
  EXPECT_FALSE(session.shows("floor-spot-19-19"));
  EXPECT_TRUE(session.shows("floor-spot-10-10"));
  EXPECT_LT(session.items_recorded(), everything / 5);

  const auto middle = rect_of("10-10");
  const float desk = middle.max.x - middle.min.x;  // 1.6 m on screen
  ImGuiWindow* plan = plan_window();
  ASSERT_NE(plan, nullptr);
  const ImRect area = plan->Rect();
  const ImRect reach(offset(area.Min, -desk, -desk), offset(area.Max, desk, desk));
  int outside = 0;
  for (const ImDrawVert& v : plan->DrawList->VtxBuffer) outside += reach.Contains(v.pos) ? 0 : 1;
  EXPECT_EQ(outside, 0) << "vertices drawn for spots out of view";
}

TEST_F(FloorPlanTest, FitRequestResetsZoomPanAndFocus) {
  grid();
  view.zoom = 3.0f;
  view.pan = ImVec2(4, 2);
  view.focused = 1;
  view.fit_requested = true;
  session.frame(draw());
  EXPECT_EQ(view.zoom, 1.0f);
  EXPECT_EQ(view.pan.x, 0.0f);
  EXPECT_EQ(view.pan.y, 0.0f);
  EXPECT_FALSE(view.focused);
  EXPECT_FALSE(view.fit_requested);
}

// --- Keyboard ----------------------------------------------------------------------------------

TEST_F(FloorPlanTest, RightArrowMovesToTheRightNeighbourAndEnterActivatesIt) {
  grid();
  ASSERT_TRUE(session.click("floor-spot-a", draw()));
  activated.reset();
  session.press_key(key::right, draw());
  EXPECT_EQ(view.focused, 1u);
  EXPECT_FALSE(activated) << "moving the focus must not activate";
  session.press_key(key::enter, draw());
  EXPECT_EQ(activated, 1u);
  session.press_key(key::down, draw());
  EXPECT_EQ(view.focused, 4u);
  session.press_key(key::left, draw());
  EXPECT_EQ(view.focused, 3u);
  session.press_key(key::up, draw());
  EXPECT_EQ(view.focused, 0u);
  activated.reset();
  session.press_key(key::space, draw());
  EXPECT_EQ(activated, 0u);
}

TEST_F(FloorPlanTest, ArrowKeysSkipDimmedSpots) {
  grid();
  spots[1].dimmed = true;
  ASSERT_TRUE(session.click("floor-spot-a", draw()));
  session.press_key(key::right, draw());
  EXPECT_EQ(view.focused, 2u);
}

TEST_F(FloorPlanTest, ArrowKeysPreferTheRowOverANearerSpotDiagonally) {
  spots = {spot("a", 1, 1), spot("diagonal", 3.5f, 2.5f), spot("row", 5, 1)};
  ASSERT_TRUE(session.click("floor-spot-a", draw()));
  session.press_key(key::right, draw());
  EXPECT_EQ(view.focused, 2u);
}

TEST_F(FloorPlanTest, ArrowKeysStayInThePlanWhileItHasTheFocus) {
  grid();
  ASSERT_TRUE(session.click("floor-spot-a", draw()));
  for (const int k : {key::right, key::right, key::right, key::down, key::down, key::up, key::up, key::up}) {
    session.press_key(k, draw());
    ASSERT_NE(GImGui->NavWindow, nullptr);
    EXPECT_EQ(GImGui->NavWindow, plan_window()) << "the keyboard left the plan for " << GImGui->NavWindow->Name;
  }
  EXPECT_EQ(view.focused, 2u);  // c: right twice to the end, the third does nothing; down, up and up again
}

TEST_F(FloorPlanTest, KeyboardAloneEntersThePlanActivatesASpotAndLeaves) {
  // As every bordered region in ImGui 1.86: the arrow keys reach the plan as one item, Space
  // enters it, and Escape leaves it again.
  grid();
  spots[4].tooltip = "Fensterplatz";
  session.frames(draw(), 2);
  ImGuiWindow* plan = nullptr;
  for (int i = 0; i < 6; ++i) {
    session.press_key(key::down, draw());
    plan = plan_window();
    ASSERT_NE(plan, nullptr);
    if (GImGui->NavId == plan->ChildId) break;
  }
  ASSERT_EQ(GImGui->NavId, plan->ChildId) << "the arrow keys never reached the plan";
  session.press_key(key::space, draw());
  EXPECT_EQ(GImGui->NavWindow, plan);
  EXPECT_FALSE(activated) << "the Space that enters the plan must not also activate a spot";
  session.press_key(key::right, draw());  // the first arrow picks the spot nearest the middle: f
  EXPECT_EQ(view.focused, 5u);
  session.press_key(key::left, draw());
  EXPECT_EQ(view.focused, 4u);
  // ImGui's own focus stays on the plan as a whole: no spot counts as hovered without the mouse,
  // and the tooltip that follows the keyboard is the focused spot's.
  EXPECT_FALSE(hovered);
  EXPECT_EQ(GImGui->NavId, plan->GetID("##canvas"));
  EXPECT_TRUE(session.shows_text("Fensterplatz")) << session.text();
  session.press_key(key::enter, draw());
  EXPECT_EQ(activated, view.focused);
  session.press_key(key::escape, draw());
  EXPECT_NE(GImGui->NavWindow, plan);
  activated.reset();
  session.press_key(key::enter, draw());
  EXPECT_FALSE(activated) << "Enter outside the plan activated a spot";
}

TEST_F(FloorPlanTest, PlusMinusAndZeroZoomWhileThePlanHasTheFocus) {
  grid();
  ASSERT_TRUE(session.click("floor-spot-e", draw()));
  session.type('+', draw());
  EXPECT_NEAR(view.zoom, 1.25f, 1e-4f);
  session.type('+', draw());
  session.type('-', draw());
  EXPECT_NEAR(view.zoom, 1.25f, 1e-4f);
  session.type('0', draw());
  EXPECT_EQ(view.zoom, 1.0f);
}

TEST_F(FloorPlanTest, ArrowKeysPanToShowTheFocusedSpot) {
  // A row of ten desks along a 40 m floor, zoomed in on its left end: walking right brings each
  // desk into view.
  floor_width = 40.0f;
  floor_height = 4.0f;
  spots.clear();
  for (int i = 0; i < 10; ++i) spots.push_back(spot(desk_name(i), 1.0f + 4.0f * static_cast<float>(i), 1.5f));
  for (int i = 0; i < 6; ++i) session.click("plan-zoom-in", draw());
  session.drag(rect_of("d4").center(), offset(rect_of("d4").center(), 2000, 0), ImGuiMouseButton_Left, draw());
  ASSERT_TRUE(session.click("floor-spot-d0", draw()));
  EXPECT_FALSE(session.shows("floor-spot-d9"));
  ImGuiWindow* plan = plan_window();
  ASSERT_NE(plan, nullptr);
  for (int i = 1; i < 10; ++i) {
    session.press_key(key::right, draw());
    ASSERT_EQ(view.focused, static_cast<std::size_t>(i));
    const std::string name = desk_name(i);
    ASSERT_TRUE(session.shows("floor-spot-" + name)) << name;
    EXPECT_TRUE(inside({plan->InnerRect.Min, plan->InnerRect.Max}, rect_of(name))) << name << " is cut off";
  }
}

// --- What a spot says --------------------------------------------------------------------------

TEST_F(FloorPlanTest, ALargeSpotShowsItsNameStateWordAndStar) {
  floor_width = 4.0f;
  floor_height = 3.0f;
  spots = {spot("3.14", 0.5f, 0.5f, 3.0f, 2.0f, ui::SpotState::pending)};
  spots[0].favourite = true;
  session.frame(draw());
  EXPECT_TRUE(session.shows_text("3.14")) << session.text();
  // The legend says each word once; the spot says its own once more.
  EXPECT_EQ(occurrences(session.text(), "ausstehend"), 2u) << session.text();
  EXPECT_EQ(occurrences(session.text(), ui::icon::pending), 2u) << session.text();
  EXPECT_TRUE(session.shows_text(ui::icon::favourite)) << session.text();
}

TEST_F(FloorPlanTest, ASmallSpotShowsItsStateIconButNoName) {
  // 400 × 200 m: a 2 × 1 m desk is a few pixels tall, too small for its name.
  floor_width = 400.0f;
  floor_height = 200.0f;
  spots = {spot("X-417", 10, 10, 2.0f, 1.0f, ui::SpotState::booked)};
  session.frame(draw());
  EXPECT_TRUE(session.shows("floor-spot-X-417"));
  EXPECT_FALSE(session.shows_text("X-417")) << session.text();
  EXPECT_EQ(occurrences(session.text(), "gebucht"), 1u) << "only the legend says it: " << session.text();
}

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
