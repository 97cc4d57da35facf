#include "stellwerk/widgets/competence_chart.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace ui {
namespace {

constexpr int kLevels = 8;

// Where the parts of every row go, the same for all rows of the chart.
struct Layout {
  float cell = 0;         // a level cell's side
  float gap = 0;          // between cells
  float line = 0;         // one line of the row
  float title_width = 0;  // the title's room on its line
  bool title_alone = false;   // the title has a line of its own
  bool values_alone = false;  // the values have a line of their own, under the scale
  int lines = 1;

  float scale_width() const { return kLevels * (cell + gap); }
};

Layout layout_for(std::span<const CompetenceGroup> groups, float width) {
  Layout l;
  l.cell = std::max(10.0f, ImGui::GetTextLineHeight() * 0.9f);
  l.gap = std::max(2.0f, l.cell * 0.2f);
  l.line = l.cell + l.cell * 0.45f + ImGui::GetStyle().ItemSpacing.y;  // room for the target's tick
  const float padding = ImGui::GetStyle().FramePadding.x;
  float values = 0.0f;
  float titles = 0.0f;
  for (const CompetenceGroup& group : groups) {
    for (const CompetenceBar& bar : group.bars) {
      values = std::max(values, ImGui::CalcTextSize(bar.values.c_str()).x);
      titles = std::max(titles, ImGui::CalcTextSize(bar.title.c_str()).x);
    }
  }
  const float scale_and_values = l.gap * 2.0f + l.scale_width() + l.gap * 2.0f + values + padding;
  const float min_title = ImGui::GetFontSize() * 16.0f;
  if (width - scale_and_values >= min_title) {
    l.title_width = std::min(titles + padding, width - scale_and_values);
  } else {
    l.title_alone = true;
    l.title_width = width - padding;
    l.values_alone = padding + l.scale_width() + l.gap * 2.0f + values > width;
    l.lines = l.values_alone ? 3 : 2;
  }
  return l;
}

ImU32 color(Tone tone, float alpha = 1.0f) {
  ImVec4 c = tone_color(tone);
  c.w *= alpha;
  return ImGui::GetColorU32(c);
}

// Diagonal strokes across the cell: the gap reads as a pattern, not only as a colour.
void hatch(ImDrawList* draw, const ImVec2& min, const ImVec2& max, ImU32 stroke) {
  const float step = std::max(3.0f, (max.x - min.x) / 3.0f);
  draw->PushClipRect(min, max, true);
  for (float x = min.x - (max.y - min.y); x < max.x; x += step) {
    draw->AddLine(ImVec2(x, max.y), ImVec2(x + (max.y - min.y), min.y), stroke, 1.0f);
  }
  draw->PopClipRect();
}

// The eight cells of one row, from `origin` (top left of the first cell).
void draw_scale(ImDrawList* draw, ImVec2 origin, const Layout& l, const CompetenceBar& bar) {
  const ImU32 frame = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 filled = color(Tone::accent);
  const ImU32 missing = color(Tone::warning, 0.9f);
  const ImU32 target_frame = ImGui::GetColorU32(ImGuiCol_Text);
  for (int level = 1; level <= kLevels; ++level) {
    const ImVec2 min(origin.x + static_cast<float>(level - 1) * (l.cell + l.gap), origin.y);
    const ImVec2 max(min.x + l.cell, min.y + l.cell);
    if (level <= bar.level) {
      draw->AddRectFilled(min, max, filled, 2.0f);
    } else if (level <= bar.target) {
      hatch(draw, min, max, missing);
    }
    draw->AddRect(min, max, frame, 2.0f);
    if (level == bar.target) {
      draw->AddRect(ImVec2(min.x - 1.5f, min.y - 1.5f), ImVec2(max.x + 1.5f, max.y + 1.5f), target_frame, 2.0f, 0, 2.5f);
      // A tick above the target cell: its place shows without the frame's colour.
      const float mid = (min.x + max.x) * 0.5f;
      const float tick = l.cell * 0.3f;
      draw->AddTriangleFilled(ImVec2(mid - tick, min.y - 2.0f - tick), ImVec2(mid + tick, min.y - 2.0f - tick),
                              ImVec2(mid, min.y - 2.0f), target_frame);
    }
  }
}

// One row: a selectable the width of the chart, with the title, the scale and the values on it.
bool draw_row(const CompetenceBar& bar, bool selected, const Layout& l) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::string identity = "###competence-" + bar.id;
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  // Without the half spacing ImGui pads a selectable with: the row stays within the view's edges.
  const bool clicked = ImGui::Selectable(identity.c_str(), selected, ImGuiSelectableFlags_NoPadWithHalfSpacing,
                                         ImVec2(0.0f, l.line * static_cast<float>(l.lines)));
  TabStop();
  testing::record_last_item(identity);
  const bool focused = ImGui::IsItemFocused();
  // ImGui 1.86 activates a selectable with Space only; Enter chooses the focused row as well.
  const bool enter = focused && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                                 ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
  const ImVec2 bottom_right = ImGui::GetItemRectMax();
  const float padding = ImGui::GetStyle().FramePadding.x;
  const auto text_y = [&](int line) {
    return top_left.y + static_cast<float>(line) * l.line + (l.line - ImGui::GetTextLineHeight()) * 0.5f;
  };

  // ImGui's own text calls, unlike the draw list's, also reach its log (what tests read).
  const float title_end = top_left.x + padding + l.title_width;
  const ImVec2 title_size = ImGui::CalcTextSize(bar.title.c_str());
  const bool title_cut = padding + title_size.x > l.title_width + padding + 0.5f;
  ImGui::RenderTextEllipsis(draw, ImVec2(top_left.x + padding, text_y(0)),
                            ImVec2(title_end, text_y(0) + ImGui::GetTextLineHeight()), title_end, title_end,
                            bar.title.c_str(), nullptr, &title_size);

  const int scale_line = l.title_alone ? 1 : 0;
  const float scale_x = l.title_alone ? top_left.x + padding : title_end + l.gap * 2.0f;
  const float scale_y = top_left.y + static_cast<float>(scale_line) * l.line + (l.line - l.cell) * 0.5f + l.cell * 0.2f;
  draw_scale(draw, ImVec2(scale_x, scale_y), l, bar);

  const int values_line = l.values_alone ? 2 : scale_line;
  const float values_x = l.values_alone ? top_left.x + padding : scale_x + l.scale_width() + l.gap * 2.0f;
  ImGui::RenderTextClipped(ImVec2(values_x, text_y(values_line)), bottom_right, bar.values.c_str(), nullptr, nullptr);

  if (title_cut && (ImGui::IsItemHovered() || focused)) ImGui::SetTooltip("%s\n%s", bar.title.c_str(), bar.values.c_str());
  return clicked || enter;
}

}  // namespace

std::optional<std::string> CompetenceChart(std::span<const CompetenceGroup> groups, std::string_view selected,
                                           const std::function<void()>& details) {
  std::optional<std::string> chosen;
  const Layout layout = layout_for(groups, ImGui::GetContentRegionAvail().x);
  for (const CompetenceGroup& group : groups) {
    ImGui::Spacing();
    ImGui::TextUnformatted(group.title.c_str());
    ImGui::Separator();
    for (const CompetenceBar& bar : group.bars) {
      const bool is_selected = bar.id == selected;
      if (draw_row(bar, is_selected, layout)) chosen = bar.id;
      if (is_selected && details) {
        ImGui::Indent();
        details();
        ImGui::Unindent();
        ImGui::Spacing();
      }
    }
  }
  return chosen;
}

}  // namespace ui
