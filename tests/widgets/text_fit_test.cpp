// The text helpers of widgets.hpp that keep labels whole or say they are not: TextFitted in a cell
// too narrow for its text, TextInBox on a button face, and a side-bar entry whose label does not
// fit. What a person notices: the return value tells the caller the text was shortened, and
// resting the pointer on a shortened text shows it whole in a tooltip.
#include <string>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // ImGui::FindWindowByName: whether a tooltip window is shown

#include "stellwerk/widgets/widgets.hpp"
#include "widget_session.hpp"

namespace {

using widget_tests::WidgetSession;

// The tooltip window ImGui shows this frame, if any.
bool tooltip_shown() {
  const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
  const ImGuiWindow* override_tooltip = ImGui::FindWindowByName("##Tooltip_01");
  return (tooltip != nullptr && tooltip->Active) || (override_tooltip != nullptr && override_tooltip->Active);
}

TEST(TextFitted, ShortensOnlyWhatDoesNotFitAndShowsItWholeOnHover) {
  WidgetSession session;
  bool shortened = false;
  ImVec2 text_min, text_max;
  const auto draw = [&](float width, const char* text) {
    return [&, width, text] {
      ImGui::BeginChild("cell", ImVec2(width, ImGui::GetFontSize() * 3.0f), false);
      shortened = ui::TextFitted(text);
      text_min = ImGui::GetItemRectMin();
      text_max = ImGui::GetItemRectMax();
      ImGui::EndChild();
    };
  };
  session.frames(draw(400.0f, "Besprechungsraum (8)"), 2);
  EXPECT_FALSE(shortened) << "it fits 400 px";
  session.frames(draw(80.0f, "Besprechungsraum (8)"), 2);
  EXPECT_TRUE(shortened) << "it does not fit 80 px";
  EXPECT_LE(text_max.x - text_min.x, 80.0f);
  EXPECT_FALSE(tooltip_shown());
  ImGui::GetIO().MousePos = ImVec2((text_min.x + text_max.x) * 0.5f, (text_min.y + text_max.y) * 0.5f);
  session.frames(draw(80.0f, "Besprechungsraum (8)"), 3);
  EXPECT_TRUE(tooltip_shown()) << "the whole text is in a tooltip";
}

TEST(TextInBox, BreaksAtSpacesAndShortensOnlyAWordTooWide) {
  WidgetSession session;
  bool shortened = false;
  // `words`: the box's width in widths of the longer word; `lines`: its height in lines.
  const auto draw = [&](float words, float lines, const char* text) {
    return [&, words, lines, text] {
      const ImVec2 min = ImGui::GetCursorScreenPos();
      const float width = ImGui::CalcTextSize("Arbeiten").x * words;
      shortened = ui::TextInBox(min, ImVec2(min.x + width, min.y + ImGui::GetFontSize() * lines), text);
    };
  };
  session.frames(draw(1.2f, 2.2f, "Mobiles Arbeiten"), 2);
  EXPECT_FALSE(shortened) << "two lines hold both words";
  session.frames(draw(1.2f, 1.2f, "Mobiles Arbeiten"), 2);
  EXPECT_TRUE(shortened) << "one line holds only part";
  session.frames(draw(0.6f, 3.2f, "Mobiles Arbeiten"), 2);
  EXPECT_TRUE(shortened) << "a word is never split across lines";
}

TEST(NavItem, ALabelWiderThanTheSideBarEndsInAnEllipsisWithATooltip) {
  WidgetSession session;
  const auto draw = [](const char* label) {
    return [label] {
      ImGui::BeginChild("bar", ImVec2(ImGui::GetFontSize() * 9.0f, 0), false);
      ui::NavItem("", label, "nav-0", false, "Strg+5");
      ImGui::EndChild();
    };
  };
  session.frames(draw("Start"), 2);
  const auto entry = session.find("nav-0");
  ASSERT_TRUE(entry);
  ImGui::GetIO().MousePos = entry->center();
  session.frames(draw("Start"), 3);
  EXPECT_FALSE(tooltip_shown()) << "a label that fits needs no tooltip";
  session.frames(draw("Einstellungen und Barrierefreiheit"), 3);
  EXPECT_TRUE(tooltip_shown()) << "a shortened label shows whole on hover";
}

}  // namespace
