// ui::FloorPlan driven like a person: where spots appear, clicking, dragging, the wheel, the zoom
// buttons, the keyboard (arrows, Enter, + - 0, entering and leaving the plan) and culling; how
// spots look is in floor_plan_looks_test.cpp.
#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "floor_plan_fixture.hpp"

namespace {

using namespace widget_tests;

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

// Where the plan drew the texture `texture`: the rectangle of its vertices, or nullopt when no
// command of the plan's draw list draws it. `after` tells whether other drawing follows it.
struct DrawnImage {
  ImRect rect;
  bool drawn_over = false;
};
std::optional<DrawnImage> image_drawn(ImTextureID texture) {
  ImGuiWindow* plan = plan_window();
  if (plan == nullptr) return std::nullopt;
  const ImDrawList& list = *plan->DrawList;
  for (int i = 0; i < list.CmdBuffer.Size; ++i) {
    const ImDrawCmd& cmd = list.CmdBuffer[i];
    if (cmd.TextureId != texture || cmd.ElemCount == 0) continue;
    ImRect rect(ImVec2(FLT_MAX, FLT_MAX), ImVec2(-FLT_MAX, -FLT_MAX));
    for (unsigned int e = 0; e < cmd.ElemCount; ++e) {
      rect.Add(list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + e)])].pos);
    }
    bool drawn_over = false;
    for (int later = i + 1; later < list.CmdBuffer.Size; ++later) drawn_over |= list.CmdBuffer[later].ElemCount > 0;
    return DrawnImage{rect, drawn_over};
  }
  return std::nullopt;
}

TEST_F(FloorPlanTest, TheDrawingCoversTheFloorUnderThePlacesAndZoomsWithThem) {
  spots = {spot("top-left", 0, 0), spot("bottom-right", 18, 9)};  // 2 × 1 m: together they span the 20 × 10 m floor
  session.frame(draw());
  EXPECT_FALSE(image_drawn(reinterpret_cast<ImTextureID>(0x5eed))) << "a floor without a drawing draws none";

  drawing = reinterpret_cast<ImTextureID>(0x5eed);
  session.frame(draw());
  const auto whole = image_drawn(drawing);
  ASSERT_TRUE(whole);
  EXPECT_TRUE(whole->drawn_over) << "the places are drawn over the drawing";
  const auto first = rect_of("top-left"), last = rect_of("bottom-right");
  EXPECT_NEAR(whole->rect.Min.x, first.min.x, 1.0f);
  EXPECT_NEAR(whole->rect.Min.y, first.min.y, 1.0f);
  EXPECT_NEAR(whole->rect.Max.x, last.max.x, 1.0f);
  EXPECT_NEAR(whole->rect.Max.y, last.max.y, 1.0f);

  session.click("plan-zoom-in", draw());
  session.frame(draw());
  const auto zoomed = image_drawn(drawing);
  ASSERT_TRUE(zoomed);
  EXPECT_NEAR(zoomed->rect.GetWidth() / whole->rect.GetWidth(), 1.25f, 0.01f);
  const auto first_zoomed = rect_of("top-left");
  EXPECT_NEAR(zoomed->rect.Min.x, first_zoomed.min.x, 1.0f) << "the places keep their place on the drawing";
  EXPECT_NEAR(zoomed->rect.Min.y, first_zoomed.min.y, 1.0f);
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

}  // namespace
