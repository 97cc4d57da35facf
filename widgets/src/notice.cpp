// ui::Notice (notice.hpp): a line with an icon, a state word and a text, and a close button beside
// it. The close button is an ordinary button so keyboard navigation reaches it without the notice
// ever moving the focus by itself.
#include "stellwerk/widgets/notice.hpp"

#include <string>

#include <imgui.h>

namespace ui {

NoticeResult Notice(const char* identity, const char* icon, Tone tone, std::string_view state_word,
                    std::string_view text, const char* close_label) {
  NoticeResult result;
  ImGui::PushID(identity);
  const std::string close = std::string(close_label) + "###" + identity + "-close";
  const float close_width = ButtonWidth(close.c_str());
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, tone_color(tone));
  ImGui::TextUnformatted(icon);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  // Leaves room for the close button on the first line, so the notice stays one or two lines high.
  const float wrap_at = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - close_width -
                        ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushTextWrapPos(wrap_at > ImGui::GetCursorPosX() + em(8.0f) ? wrap_at : 0.0f);
  const std::string line = std::string(state_word) + ": " + std::string(text);
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopTextWrapPos();
  SameLineIfFits(close_width);
  if (Button(close.c_str())) result.dismissed = true;
  const bool focused = ImGui::IsItemFocused();
  if (focused && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) result.dismissed = true;
  ImGui::EndGroup();
  result.holding = focused || ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  ImGui::PopID();
  return result;
}

}  // namespace ui
