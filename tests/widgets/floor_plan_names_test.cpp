// What a spot on the floor plan calls itself when its whole name does not fit: the short name
// ("Elbe" of "Besprechungsraum Elbe", "07" of "EG-07"), and the whole name wherever it fits.
// The text a person reads comes from ImGui's log of rendered text (WidgetSession::text).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "stellwerk/widgets/floor_plan.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "widget_session.hpp"

namespace {

using widget_tests::WidgetSession;

ui::SpotStyles styles() {
  ui::SpotStyles s;
  for (auto& style : s) style = {ui::icon::check, "frei"};
  return s;
}

ui::PlanSpot room(std::string name, float x, float w, float h) {
  ui::PlanSpot s;
  s.identity = name;
  s.label = std::move(name);
  s.x = x;
  s.y = 0.5f;
  s.w = w;
  s.h = h;
  s.type_icon = ui::icon::room;
  return s;
}

// Draws the spots on a 10 × 5 m floor, 500 px tall in a 1280 px window: about 100 px a metre.
std::string drawn_text(WidgetSession& session, const std::vector<ui::PlanSpot>& spots) {
  ui::PlanView view;
  const ui::SpotStyles look = styles();
  session.frames([&] { ui::FloorPlan("plan", 10.0f, 5.0f, spots, look, view, 500.0f); }, 2);
  return session.text();
}

TEST(FloorPlanNames, ASpotTooSmallForItsWholeNameShowsItsShortName) {
  WidgetSession session;
  // 1.6 m: room for the type icon and "Elbe", not for "Besprechungsraum Elbe".
  const std::string text = drawn_text(session, {room("Besprechungsraum Elbe", 0.5f, 1.6f, 1.2f)});
  EXPECT_NE(text.find("Elbe"), std::string::npos) << text;
  EXPECT_EQ(text.find("Besprechungsraum"), std::string::npos) << text;
}

TEST(FloorPlanNames, ASpotShowsItsWholeNameWhereItFits) {
  WidgetSession session;
  const std::string text = drawn_text(session, {room("Besprechungsraum Elbe", 0.5f, 6.0f, 1.2f)});
  EXPECT_NE(text.find("Besprechungsraum Elbe"), std::string::npos) << text;
}

TEST(FloorPlanNames, ANarrowDeskShowsItsNumber) {
  WidgetSession session;
  // One line (0.3 m ≈ 30 px tall), 0.55 m ≈ 54 px wide: state icon and "07", not "EG-07".
  const std::string text = drawn_text(session, {room("EG-07", 0.5f, 0.55f, 0.3f)});
  EXPECT_NE(text.find("07"), std::string::npos) << text;
  EXPECT_EQ(text.find("EG-07"), std::string::npos) << text;
}

}  // namespace
