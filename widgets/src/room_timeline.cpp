// The room timeline of room_timeline.hpp, as a two-column table: the room (title and detail) on the
// left, and on the right a strip of cell buttons laid out by minute. One strip per row rather than
// one table column per cell, because hour labels and the word of a booking span several cells and
// must not be cut at each cell's edge. Every cell is an ordinary ImGui button (InvisibleButton,
// drawn here), so ImGui's navigation walks the grid with the arrow keys and Space activates;
// Enter picks as well. Rows outside the visible area are skipped with ImGuiListClipper.
//
// Width: the strip fills the space it has, with cells no narrower than 2.25 em. When that does not
// fit (the longer days, 200 %), the table scrolls sideways with the room column kept in place;
// ImGui 1.86 makes a scrolling table a child region, which the keyboard enters with Space like
// any other (see FloorPlan).
#define IMGUI_DEFINE_MATH_OPERATORS
#include "stellwerk/widgets/room_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui_internal.h>  // RenderNavHighlight: the focus ring of the drawn cells

#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace ui {
namespace {

struct Cell {
  int start = 0;
  int end = 0;
  std::optional<SpotState> busy;
  bool past = false;
};

// When spans overlap one cell, the one that tells the person most wins: their own booking, then
// their pending one, then someone else's.
int weight(SpotState state) {
  switch (state) {
    case SpotState::mine: return 3;
    case SpotState::pending: return 2;
    case SpotState::booked: return 1;
    default: return 0;
  }
}

std::optional<SpotState> busy_state(const TimelineRow& row, int start, int end) {
  std::optional<SpotState> state;
  for (const TimelineSpan& span : row.spans) {
    if (span.start_minute >= end || span.end_minute <= start) continue;
    if (!state || weight(span.state) > weight(*state)) state = span.state;
  }
  return state;
}

struct Layout {
  int first = 0;
  int step = 30;
  float cell_width = 0;
  float row_height = 0;
  float gap = 2.0f;  // between cells, so that neighbouring free cells read as separate buttons
};

void format_time(char* out, std::size_t size, int minute) {
  std::snprintf(out, size, "%02d:%02d", (minute / 60) % 24, minute % 60);
}

// Text drawn over the strip, handed to ImGui's log as ImGui::Text would (for tests and the
// clipboard log).
void strip_text(ImDrawList* draw, const ImVec2& pos, ImU32 colour, const char* text) {
  draw->AddText(pos, colour, text);
  if (GImGui->LogEnabled) ImGui::LogRenderedText(&pos, text, nullptr);
}

void draw_hours(const Layout& layout, int last, float strip_width) {
  const ImVec2 strip = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
  const int first_hour = (layout.first + 59) / 60 * 60;
  for (int minute = first_hour; minute < last; minute += 60) {
    char label[8];
    std::snprintf(label, sizeof label, "%02d:00", (minute / 60) % 24);
    const float x = strip.x + static_cast<float>(minute - layout.first) * layout.cell_width / static_cast<float>(layout.step);
    strip_text(draw, ImVec2(x + layout.gap, strip.y), colour, label);
  }
  ImGui::Dummy(ImVec2(strip_width, ImGui::GetTextLineHeight()));
}

struct RowContext {
  const SpotStyles& styles;
  const TimelineOptions& options;
  const Layout& layout;
  std::vector<Cell>& cells;
  std::string& record_name;
};

void draw_row(std::size_t row_index, const TimelineRow& row, const RowContext& ctx, std::optional<TimelinePick>& pick) {
  const Layout& layout = ctx.layout;
  ImGui::TableSetColumnIndex(0);
  if (row.unavailable) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(row.title.c_str(), row.title.c_str() + row.title.size());
  if (row.unavailable) ImGui::PopStyleColor();
  if (!row.detail.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(row.detail.c_str(), row.detail.c_str() + row.detail.size());
    ImGui::PopStyleColor();
  }

  ImGui::TableSetColumnIndex(1);
  ImGui::PushID(row.identity.c_str(), row.identity.c_str() + row.identity.size());
  const ImVec2 strip = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
  const ImU32 free_fill = ImGui::GetColorU32(ImGuiCol_FrameBg);
  const ImU32 free_border = ImGui::GetColorU32(ImGuiCol_Border, 0.5f);
  const ImU32 hovered_fill = ImGui::GetColorU32(ImGuiCol_ButtonHovered);
  const float half_gap = layout.gap * 0.5f;
  const bool record = testing::recording();
  for (std::size_t c = 0; c < ctx.cells.size(); ++c) {
    Cell& cell = ctx.cells[c];
    cell.busy = busy_state(row, cell.start, cell.end);
    cell.past = ctx.options.now_minute >= 0 && cell.end <= ctx.options.now_minute;
    const float x = strip.x + static_cast<float>(c) * layout.cell_width;
    const ImRect bb(ImVec2(x + half_gap, strip.y), ImVec2(x + layout.cell_width - half_gap, strip.y + layout.row_height));
    const bool disabled = row.unavailable || cell.past;
    if (disabled) ImGui::BeginDisabled();
    ImGui::PushID(cell.start);
    ImGui::SetCursorScreenPos(bb.Min);
    bool pressed = ImGui::InvisibleButton("cell", bb.GetSize());
    const ImGuiID id = ImGui::GetItemID();
    if (record && ImGui::IsItemVisible()) {
      char minute[16];
      std::snprintf(minute, sizeof minute, "-%d", cell.start);
      ctx.record_name.assign("timeline-").append(row.identity).append(minute);
      testing::record_last_item(ctx.record_name);
    }
    // ImGui 1.86 activates a focused button with Space; Enter is what people try first.
    if (!disabled && enter && ImGui::IsItemFocused()) pressed = true;
    const bool hovered = ImGui::IsItemHovered();
    if (cell.busy || row.unavailable) {
      const SpotState state = cell.busy ? *cell.busy : SpotState::unavailable;
      draw->AddRectFilled(bb.Min, bb.Max, ImGui::GetColorU32(spot_fill_color(state)), style.FrameRounding);
      draw->AddRect(bb.Min, bb.Max, ImGui::GetColorU32(spot_color(state)), style.FrameRounding, 0,
                    std::max(1.0f, style.FrameBorderSize));
    } else {
      draw->AddRectFilled(bb.Min, bb.Max, hovered && !disabled ? hovered_fill : free_fill, style.FrameRounding);
      draw->AddRect(bb.Min, bb.Max, free_border, style.FrameRounding);
    }
    ImGui::RenderNavHighlight(bb, id);
    if (pressed && !disabled && !cell.busy) {
      pick = TimelinePick{row_index, cell.start, cell.end};
    }
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
      char from[8], to[8];
      format_time(from, sizeof from, cell.start);
      format_time(to, sizeof to, cell.end);
      const std::optional<SpotState> shown = row.unavailable ? SpotState::unavailable : cell.busy;
      if (shown) {
        const SpotStateStyle& s = ctx.styles[static_cast<std::size_t>(*shown)];
        ImGui::SetTooltip("%s\xe2\x80\x93%s  %s %s", from, to, s.icon != nullptr ? s.icon : "",
                          s.word != nullptr ? s.word : "");  // "–"
      } else {
        ImGui::SetTooltip("%s\xe2\x80\x93%s", from, to);
      }
    }
    ImGui::PopID();
    if (disabled) ImGui::EndDisabled();
  }

  // The words of the busy spans, over the cells: the icon and word once at the start of each
  // run of cells with the same state, and the icon alone in every cell of the run that the word
  // does not reach, so that each busy cell says so without its colour. A closed room is one run
  // of the unavailable state.
  if (row.unavailable) {
    for (Cell& cell : ctx.cells) cell.busy = SpotState::unavailable;
  }
  const float line = ImGui::GetTextLineHeight();
  const float text_y = strip.y + (layout.row_height - line) * 0.5f;
  const float pad = std::max(2.0f, em(0.2f));
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 text_past = ImGui::GetColorU32(ImGuiCol_Text, style.DisabledAlpha);
  for (std::size_t c = 0; c < ctx.cells.size();) {
    if (!ctx.cells[c].busy) {
      ++c;
      continue;
    }
    std::size_t end = c + 1;
    while (end < ctx.cells.size() && ctx.cells[end].busy == ctx.cells[c].busy) ++end;
    const SpotStateStyle& s = ctx.styles[static_cast<std::size_t>(*ctx.cells[c].busy)];
    const char* icon = s.icon != nullptr ? s.icon : "";
    const char* word = s.word != nullptr ? s.word : "";
    const float run_left = strip.x + static_cast<float>(c) * layout.cell_width + half_gap + pad;
    const float run_right = strip.x + static_cast<float>(end) * layout.cell_width - half_gap - pad;
    const float icon_width = ImGui::CalcTextSize(icon).x;
    const float word_width = ImGui::CalcTextSize(word).x;
    float covered = run_left;  // right edge of the text drawn so far
    for (std::size_t k = c; k < end; ++k) {
      const float cell_left = strip.x + static_cast<float>(k) * layout.cell_width + half_gap + pad;
      if (cell_left < covered) continue;
      if (row.unavailable && k > c) break;  // once for a closed room: its cells cannot be picked anyway
      const ImU32 colour = row.unavailable || ctx.cells[k].past ? text_past : text;
      strip_text(draw, ImVec2(cell_left, text_y), colour, icon);
      covered = cell_left + icon_width;
      if (k == c && covered + pad + word_width <= run_right) {
        strip_text(draw, ImVec2(covered + pad, text_y), colour, word);
        covered += pad + word_width;
      }
    }
    c = end;
  }

  // Now: a line across the row where the past ends.
  const int now = ctx.options.now_minute;
  if (now > layout.first && now < layout.first + static_cast<int>(ctx.cells.size()) * layout.step) {
    const float x = strip.x + static_cast<float>(now - layout.first) * layout.cell_width / static_cast<float>(layout.step);
    draw->AddLine(ImVec2(x, strip.y), ImVec2(x, strip.y + layout.row_height), ImGui::GetColorU32(ImGuiCol_NavHighlight),
                  std::max(2.0f, em(0.12f)));
  }
  ImGui::PopID();
}

}  // namespace

std::optional<TimelinePick> RoomTimeline(const char* identity, std::span<const TimelineRow> rows,
                                         const TimelineOptions& options, const SpotStyles& styles) {
  std::optional<TimelinePick> pick;
  if (rows.empty()) return pick;
  Layout layout;
  layout.step = std::max(1, options.step_minutes);
  layout.first = options.first_minute;
  const int last = std::max(options.last_minute, layout.first + layout.step);
  const int cell_count = (last - layout.first + layout.step - 1) / layout.step;
  std::vector<Cell> cells(static_cast<std::size_t>(cell_count));
  for (int c = 0; c < cell_count; ++c) {
    cells[static_cast<std::size_t>(c)].start = layout.first + c * layout.step;
    cells[static_cast<std::size_t>(c)].end = std::min(last, layout.first + (c + 1) * layout.step);
  }

  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float room_width = std::clamp(avail.x * 0.3f, em(7.0f), em(13.0f));
  // Column widths exclude the cells' padding and the borders between and around the columns.
  const float overhead = 4.0f * style.CellPadding.x + 3.0f;
  const float min_cell = em(2.25f);
  const float fitting = std::floor((avail.x - room_width - overhead) / static_cast<float>(cell_count));
  layout.cell_width = std::max(min_cell, fitting);
  layout.row_height = std::max(em(2.75f), 2.0f * ImGui::GetTextLineHeight() + style.ItemSpacing.y);
  layout.gap = std::max(2.0f, em(0.125f));
  const float strip_width = layout.cell_width * static_cast<float>(cell_count);
  const bool scroll_x = room_width + strip_width + overhead > avail.x + 0.5f;

  ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingFixedFit;
  ImVec2 outer(0, 0);
  bool scroll_y = false;
  if (scroll_x) {
    // A scrolling table is a child region and needs a height: the header, every row and the
    // scroll bar, or the space left when that is less (then it scrolls down as well).
    const float header = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y + 1.0f;
    const float row = layout.row_height + 2.0f * style.CellPadding.y + 1.0f;
    outer.y = header + row * static_cast<float>(rows.size()) + style.ScrollbarSize + 2.0f;
    if (outer.y > avail.y && avail.y > em(10.0f)) {
      outer.y = avail.y;
      scroll_y = true;
    }
    flags |= ImGuiTableFlags_ScrollX | (scroll_y ? ImGuiTableFlags_ScrollY : 0);
  }
  if (!ImGui::BeginTable(identity, 2, flags, outer)) return pick;
  if (scroll_x) ImGui::TableSetupScrollFreeze(1, scroll_y ? 1 : 0);
  ImGui::TableSetupColumn("##room", ImGuiTableColumnFlags_WidthFixed, room_width);
  ImGui::TableSetupColumn("##cells", ImGuiTableColumnFlags_WidthFixed, strip_width);

  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetColumnIndex(1);
  draw_hours(layout, last, strip_width);

  std::string record_name;
  const RowContext ctx{styles, options, layout, cells, record_name};
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      ImGui::TableNextRow(ImGuiTableRowFlags_None, layout.row_height);
      draw_row(static_cast<std::size_t>(r), rows[static_cast<std::size_t>(r)], ctx, pick);
    }
  }
  ImGui::EndTable();
  return pick;
}

}  // namespace ui
