// The room timeline of room_timeline.hpp, as a two-column table: the room (title and detail) on the
// left, and on the right a strip of cell buttons laid out by minute. One strip per row rather than
// one table column per cell, because hour labels and the word of a booking span several cells and
// must not be cut at each cell's edge. Every cell is an ordinary ImGui button (InvisibleButton,
// drawn here), so ImGui's navigation walks the grid with the arrow keys and Space activates;
// Enter picks as well. Rows outside the visible area are skipped with ImGuiListClipper.
//
// Width: the room column is as wide as its longest title or detail, between 7 em and what the
// cells leave (at most 18 em), and wraps what is longer; every row is as tall as the tallest
// room's text needs (ImGuiListClipper wants rows of one height). The strip fills the rest, with
// cells no narrower than 2.25 em. When that does not fit (the longer days, 200 %), the table
// scrolls sideways with the room column kept in place; ImGui 1.86 makes a scrolling table a
// child region, which the keyboard enters with Space like any other (see FloorPlan).
//
// [SECTION] Cells and runs
// [SECTION] Drawing one row
// [SECTION] The table
#define IMGUI_DEFINE_MATH_OPERATORS
#include "stellwerk/widgets/room_timeline.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui_internal.h>  // RenderNavHighlight: the focus ring of the drawn cells; ImTextCharFromUtf8

#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace ui {
namespace {

// --- [SECTION] Cells and runs ------------------------------------------------------------------

struct Cell {
  int start = 0;
  int end = 0;
  std::optional<SpotState> busy;  // the unavailable state for every cell of a closed room
  bool past = false;
  std::size_t run_first = 0, run_end = 0;  // the cells of the same state around this one: [first, end)
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

// Works out every cell's state and the run of cells it belongs to, before anything is drawn: the
// tooltip of a busy cell names its whole run.
void classify_cells(const TimelineRow& row, const TimelineOptions& options, std::vector<Cell>& cells) {
  for (Cell& cell : cells) {
    cell.busy = row.unavailable ? std::optional<SpotState>(SpotState::unavailable)
                                : busy_state(row, cell.start, cell.end);
    cell.past = options.now_minute >= 0 && cell.end <= options.now_minute;
  }
  for (std::size_t c = 0; c < cells.size();) {
    std::size_t end = c + 1;
    while (end < cells.size() && cells[end].busy == cells[c].busy) ++end;
    for (std::size_t k = c; k < end; ++k) {
      cells[k].run_first = c;
      cells[k].run_end = end;
    }
    c = end;
  }
}

struct Layout {
  int first = 0;
  int step = 30;
  float room_width = 0;  // the room column's content: title and detail wrap here
  float cell_width = 0;
  float row_height = 0;
  float text_top = 0;  // of the line of icons and words in a row, below the row's top
  float gap = 2.0f;    // between cells, so that neighbouring free cells read as separate buttons
};

void format_time(char* out, std::size_t size, int minute) {
  std::snprintf(out, size, "%02d:%02d", (minute / 60) % 24, minute % 60);
}

// Text drawn over the strip, handed to ImGui's log as ImGui::Text would (for tests and the
// clipboard log).
void strip_text(ImDrawList* draw, const ImVec2& pos, ImU32 colour, const char* text, const char* text_end = nullptr) {
  draw->AddText(pos, colour, text, text_end);
  if (GImGui->LogEnabled) ImGui::LogRenderedText(&pos, text, text_end);
}

// The word cut to fit `width` with "…" after it ("meine B…"), or empty when fewer than three of
// its characters would be left: a stump like "m…" says nothing, and the tooltip has the word.
std::string shortened(const char* word, float width) {
  static constexpr const char* kEllipsis = "\xe2\x80\xa6";  // "…"
  constexpr int kMinCharacters = 3;
  const float room = width - ImGui::CalcTextSize(kEllipsis).x;
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  const char* end = word;  // end of the longest prefix that fits
  int characters = 0;
  float used = 0.0f;  // ImGui 1.86 lays text out by advances alone (no kerning), as CalcTextSize does
  while (*end != '\0') {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, end, nullptr);
    used += font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    if (used > room) break;
    end += length;
    ++characters;
  }
  while (end > word && end[-1] == ' ') {
    --end;
    --characters;
  }
  if (characters < kMinCharacters) return {};
  return std::string(word, end).append(kEllipsis);
}

// A past cell is hatched with thin diagonal lines over a muted fill, so that it reads as gone
// without its colour (it is disabled as well). The lines are placed on a grid fixed to the
// screen, so that the hatch of neighbouring cells lines up.
void hatch(ImDrawList* draw, const ImRect& r, float spacing, ImU32 colour) {
  const float w = r.GetWidth(), h = r.GetHeight();
  if (w <= 0.0f || h <= 0.0f) return;
  // A line is x' + y' = t, with x' to the right of r.Min.x and y' up from r.Max.y.
  const float phase = std::fmod(r.Min.x - r.Max.y, spacing);
  for (float t = spacing - (phase < 0.0f ? phase + spacing : phase); t < w + h; t += spacing) {
    const ImVec2 from(r.Min.x + std::max(0.0f, t - h), r.Max.y - std::min(t, h));
    const ImVec2 to(r.Min.x + std::min(t, w), r.Max.y - std::max(0.0f, t - w));
    draw->AddLine(from, to, colour);
  }
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

// --- [SECTION] Drawing one row -----------------------------------------------------------------

// Colours of one frame, worked out once instead of per cell. Taken outside BeginDisabled, which
// would fade them: a past cell has its own look rather than a faded free one.
struct Palette {
  ImU32 free_fill = 0, free_border = 0, hovered_fill = 0;
  ImU32 past_fill = 0, past_hatch = 0;
  ImU32 text = 0, text_past = 0;
};

Palette palette() {
  const ImGuiStyle& style = ImGui::GetStyle();
  Palette p;
  p.free_fill = ImGui::GetColorU32(ImGuiCol_FrameBg);
  p.free_border = ImGui::GetColorU32(ImGuiCol_Border, 0.5f);
  p.hovered_fill = ImGui::GetColorU32(ImGuiCol_ButtonHovered);
  p.past_fill = ImGui::GetColorU32(ImGuiCol_FrameBg, 0.35f);
  p.past_hatch = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  p.text = ImGui::GetColorU32(ImGuiCol_Text);
  p.text_past = ImGui::GetColorU32(ImGuiCol_Text, style.DisabledAlpha);
  return p;
}

struct RowContext {
  const SpotStyles& styles;
  const TimelineOptions& options;
  const Layout& layout;
  const Palette& colours;
  std::vector<Cell>& cells;
  std::string& record_name;
};

const char* icon_of(const SpotStyles& styles, SpotState state) {
  const char* icon = styles[static_cast<std::size_t>(state)].icon;
  return icon != nullptr ? icon : "";
}

const char* word_of(const SpotStyles& styles, SpotState state) {
  const char* word = styles[static_cast<std::size_t>(state)].word;
  return word != nullptr ? word : "";
}

// The room: title and detail, wrapped at the column's width (Layout::row_height has room for them).
void draw_room(const TimelineRow& row, const RowContext& ctx) {
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ctx.layout.room_width);
  if (row.unavailable) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(row.title.c_str(), row.title.c_str() + row.title.size());
  if (row.unavailable) ImGui::PopStyleColor();
  if (!row.detail.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(row.detail.c_str(), row.detail.c_str() + row.detail.size());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (testing::recording()) {
    ctx.record_name.assign("timeline-").append(row.identity).append("-room");
    testing::record_last_item(ctx.record_name);
  }
}

// The tooltip of a cell, on hover and on keyboard focus alike (ImGui 1.86's IsItemHovered answers
// for the focused item while the keyboard is in use): the time, and for a busy cell the icon and
// word of its state with the time of the whole run, so that a run too narrow for its word still
// says it.
void cell_tooltip(const RowContext& ctx, const Cell& cell) {
  char from[8], to[8];
  if (cell.busy) {
    format_time(from, sizeof from, ctx.cells[cell.run_first].start);
    format_time(to, sizeof to, ctx.cells[cell.run_end - 1].end);
    ImGui::SetTooltip("%s\xe2\x80\x93%s  %s %s", from, to, icon_of(ctx.styles, *cell.busy),
                      word_of(ctx.styles, *cell.busy));  // "–"
  } else {
    format_time(from, sizeof from, cell.start);
    format_time(to, sizeof to, cell.end);
    ImGui::SetTooltip("%s\xe2\x80\x93%s", from, to);
  }
}

// The words of one run of busy cells, over the cells: the icon and the word (shortened when the
// run is too narrow for all of it, left out when even that does not fit) at the run's start, and
// the icon alone in every cell of the run that the word does not reach, so that each busy cell
// says so without its colour. A closed room says it once.
void draw_run_words(const TimelineRow& row, const RowContext& ctx, std::size_t first, std::size_t end,
                    const ImVec2& strip, ImDrawList* draw) {
  const Layout& layout = ctx.layout;
  const SpotState state = *ctx.cells[first].busy;
  const char* icon = icon_of(ctx.styles, state);
  const char* word = word_of(ctx.styles, state);
  const float half_gap = layout.gap * 0.5f;
  const float pad = std::max(2.0f, em(0.2f));
  const float text_y = strip.y + layout.text_top;
  const float run_right = strip.x + static_cast<float>(end) * layout.cell_width - half_gap - pad;
  const float icon_width = ImGui::CalcTextSize(icon).x;
  float covered = -FLT_MAX;  // right edge of the text drawn so far
  for (std::size_t k = first; k < end; ++k) {
    const float cell_left = strip.x + static_cast<float>(k) * layout.cell_width + half_gap + pad;
    if (cell_left < covered) continue;
    if (row.unavailable && k > first) break;  // its cells cannot be picked anyway
    const ImU32 colour = row.unavailable || ctx.cells[k].past ? ctx.colours.text_past : ctx.colours.text;
    strip_text(draw, ImVec2(cell_left, text_y), colour, icon);
    covered = cell_left + icon_width;
    if (k != first || *word == '\0') continue;
    const float room = run_right - (covered + pad);
    if (const float word_width = ImGui::CalcTextSize(word).x; word_width <= room) {
      strip_text(draw, ImVec2(covered + pad, text_y), colour, word);
      covered += pad + word_width;
    } else if (const std::string shown = shortened(word, room); !shown.empty()) {
      strip_text(draw, ImVec2(covered + pad, text_y), colour, shown.c_str(), shown.c_str() + shown.size());
      covered += pad + ImGui::CalcTextSize(shown.c_str()).x;
    }
  }
}

// A cell's fill and border by what it is, and the hatching of a past one.
void paint_cell(ImDrawList* draw, const ImRect& bb, const Cell& cell, bool unavailable, bool hovered,
                const Palette& colours, float text_band_top, float text_band_bottom) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float border = std::max(1.0f, style.FrameBorderSize);
  const float hatch_spacing = std::max(6.0f, em(0.5f));
  if (cell.busy) {
    draw->AddRectFilled(bb.Min, bb.Max, ImGui::GetColorU32(spot_fill_color(*cell.busy)), style.FrameRounding);
    draw->AddRect(bb.Min, bb.Max, ImGui::GetColorU32(spot_color(*cell.busy)), style.FrameRounding, 0, border);
  } else if (cell.past) {
    draw->AddRectFilled(bb.Min, bb.Max, colours.past_fill, style.FrameRounding);
    draw->AddRect(bb.Min, bb.Max, colours.free_border, style.FrameRounding);
  } else {
    draw->AddRectFilled(bb.Min, bb.Max, hovered ? colours.hovered_fill : colours.free_fill, style.FrameRounding);
    draw->AddRect(bb.Min, bb.Max, colours.free_border, style.FrameRounding);
  }
  // Inside the border and clear of the rounded corners. A past busy cell keeps the line of its
  // icon and word clear, so that they stay readable. A closed room's row is not hatched: it says
  // what it is in words, and no cell of it was ever open.
  if (cell.past && !unavailable) {
    const float inset = border + std::max(1.0f, style.FrameRounding * 0.3f);
    const ImRect inside(bb.Min + ImVec2(inset, inset), bb.Max - ImVec2(inset, inset));
    if (cell.busy) {
      hatch(draw, ImRect(inside.Min, ImVec2(inside.Max.x, text_band_top)), hatch_spacing, colours.past_hatch);
      hatch(draw, ImRect(ImVec2(inside.Min.x, text_band_bottom), inside.Max), hatch_spacing, colours.past_hatch);
    } else {
      hatch(draw, inside, hatch_spacing, colours.past_hatch);
    }
  }
}

void draw_row(std::size_t row_index, const TimelineRow& row, const RowContext& ctx, std::optional<TimelinePick>& pick) {
  const Layout& layout = ctx.layout;
  ImGui::TableSetColumnIndex(0);
  draw_room(row, ctx);

  ImGui::TableSetColumnIndex(1);
  ImGui::PushID(row.identity.c_str(), row.identity.c_str() + row.identity.size());
  const ImVec2 strip = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
  const float half_gap = layout.gap * 0.5f;
  const float text_band_top = strip.y + layout.text_top - layout.gap;  // icons and words: see draw_run_words
  const float text_band_bottom = strip.y + layout.text_top + ImGui::GetTextLineHeight() + layout.gap;
  const bool record = testing::recording();
  classify_cells(row, ctx.options, ctx.cells);
  for (std::size_t c = 0; c < ctx.cells.size(); ++c) {
    const Cell& cell = ctx.cells[c];
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
    paint_cell(draw, bb, cell, row.unavailable, hovered, ctx.colours, text_band_top, text_band_bottom);
    ImGui::RenderNavHighlight(bb, id);
    if (pressed && !disabled && !cell.busy) {
      pick = TimelinePick{row_index, cell.start, cell.end};
    }
    ImGui::PopID();
    if (disabled) ImGui::EndDisabled();
    // After EndDisabled, which would fade the tooltip of a past cell along with the cell.
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) cell_tooltip(ctx, cell);
  }

  for (std::size_t c = 0; c < ctx.cells.size(); c = ctx.cells[c].run_end) {
    if (ctx.cells[c].busy) draw_run_words(row, ctx, c, ctx.cells[c].run_end, strip, draw);
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

// --- [SECTION] The table -----------------------------------------------------------------------

// The room column's width: its longest title or detail, at least 7 em, at most 18 em and at most
// what the cells leave of `avail` at their narrowest (so that a day that fits without scrolling
// sideways still does); when even 7 em leaves too little, the grid scrolls sideways and the column
// keeps 30 % of the width, as it did before it fitted its text. Longer text wraps.
float room_column_width(std::span<const TimelineRow> rows, float avail, float cells_min, float overhead) {
  float longest = 0.0f;
  for (const TimelineRow& row : rows) {
    longest = std::max({longest, ImGui::CalcTextSize(row.title.c_str(), row.title.c_str() + row.title.size()).x,
                        ImGui::CalcTextSize(row.detail.c_str(), row.detail.c_str() + row.detail.size()).x});
  }
  const float left_by_cells = avail - overhead - cells_min;
  const float limit = left_by_cells >= em(7.0f) ? std::min(left_by_cells, em(18.0f))
                                                : std::clamp(avail * 0.3f, em(7.0f), em(13.0f));
  return std::floor(std::clamp(std::ceil(longest), em(7.0f), limit));
}

// The height the room column's text takes in the tallest row, wrapped at `width`.
float room_text_height(std::span<const TimelineRow> rows, float width) {
  const float line = ImGui::GetTextLineHeight();
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  float tallest = 0.0f;
  for (const TimelineRow& row : rows) {
    const auto height = [&](const std::string& text) {
      const char* begin = text.c_str();
      const char* end = begin + text.size();
      // Only text wider than the column wraps; measuring that once spares the wrapped measure.
      return ImGui::CalcTextSize(begin, end).x <= width ? line : ImGui::CalcTextSize(begin, end, false, width).y;
    };
    const float title = height(row.title);
    tallest = std::max(tallest, row.detail.empty() ? title : title + spacing + height(row.detail));
  }
  return tallest;
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
  // Column widths exclude the cells' padding and the borders between and around the columns.
  const float overhead = 4.0f * style.CellPadding.x + 3.0f;
  const float min_cell = em(2.25f);
  layout.room_width = room_column_width(rows, avail.x, min_cell * static_cast<float>(cell_count), overhead);
  const float room_width = layout.room_width;
  const float fitting = std::floor((avail.x - room_width - overhead) / static_cast<float>(cell_count));
  layout.cell_width = std::max(min_cell, fitting);
  layout.row_height = std::max({em(2.75f), 2.0f * ImGui::GetTextLineHeight() + style.ItemSpacing.y,
                                std::ceil(room_text_height(rows, room_width))});
  layout.text_top = (layout.row_height - ImGui::GetTextLineHeight()) * 0.5f;
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
  const Palette colours = palette();
  const RowContext ctx{styles, options, layout, colours, cells, record_name};
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
