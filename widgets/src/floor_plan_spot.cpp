// The spots of the floor plan (floor_plan_spot.hpp): their words, icons, backplates and tooltips,
// the legend that draws each state as a small spot, and the spot the arrow keys go to next.
// IMGUI_DEFINE_MATH_OPERATORS must precede the first include of imgui.h.
#define IMGUI_DEFINE_MATH_OPERATORS
#include "floor_plan_spot.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <string_view>

#include <imgui_internal.h>  // ImRect, GImGui->LogEnabled, ImDrawList internals of the backplate

#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace ui::plan_detail {

Metrics frame_metrics() {
  Metrics metrics;
  metrics.font = ImGui::GetFont();
  metrics.font_size = ImGui::GetFontSize();
  metrics.pad = em(0.2f);
  metrics.gap = em(0.25f);
  metrics.line_gap = em(0.15f);
  metrics.min_icon_size = std::max(11.0f, 0.7f * metrics.font_size);
  metrics.plate_pad = std::max(2.0f, std::round(em(0.1f)));
  metrics.star_width = metrics.font->CalcTextSizeA(metrics.font_size, FLT_MAX, 0.0f, icon::favourite).x;
  metrics.border = std::max(1.0f, ImGui::GetStyle().FrameBorderSize);
  // Clearly heavier than any spot border, also in high contrast, whose borders are 2 px and
  // whose focus colour is the yellow of pending spots.
  metrics.focus_frame = std::max({3.0f, 2.0f * metrics.border + 1.0f, em(0.2f)});
  metrics.rounding = em(0.25f);
  metrics.round_from = em(1.5f);
  return metrics;
}

// Draws text on the plan and hands it to ImGui's log as ImGui::Text would, so that "log to
// clipboard" and the headless tests read what a spot says.
void plan_text(ImDrawList* draw, const ImVec2& pos, ImU32 colour, const char* text, const char* text_end) {
  draw->AddText(pos, colour, text, text_end);
  if (GImGui->LogEnabled) ImGui::LogRenderedText(&pos, text, text_end);
}

namespace {

// The state icon at `size` pixels with its ink centred on `centre`, handed to ImGui's log as well.
void icon_centred(ImDrawList* draw, const Metrics& m, float size, const ImVec2& centre, ImU32 colour,
                  const StateLook& look) {
  const float k = size / m.font_size;
  const ImVec2 pos = centre - (look.ink_min + look.ink_max) * (0.5f * k);
  draw->AddText(m.font, size, pos, colour, look.icon);
  if (GImGui->LogEnabled) ImGui::LogRenderedText(&pos, look.icon);
}

// The part of a name that tells the places of a floor apart, for a spot too small for the whole
// name: "07" of "EG-07", "Elbe" of "Besprechungsraum Elbe". A name without a space or dash is
// its own short name.
std::string_view short_label(std::string_view label) {
  const std::size_t cut = label.find_last_of(" -");
  if (cut == std::string_view::npos || cut + 1 >= label.size()) return label;
  return label.substr(cut + 1);
}

// The whole name where it fits in `room` pixels, else its short name where that fits; empty when
// neither does (the tooltip names the place).
std::string_view fitting_label(std::string_view label, float room, const Metrics& m) {
  if (label.empty()) return label;
  if (m.font->CalcTextSizeA(m.font_size, FLT_MAX, 0.0f, label.data(), label.data() + label.size()).x <= room) {
    return label;
  }
  const std::string_view part = short_label(label);
  if (part.size() < label.size() &&
      m.font->CalcTextSizeA(m.font_size, FLT_MAX, 0.0f, part.data(), part.data() + part.size()).x <= room) {
    return part;
  }
  return {};
}

}  // namespace

// A spot too small for a readable icon shows it on a backplate: a small rounded rectangle in the
// state's fill and border, centred on the spot and free to overflow it, with the icon at the
// smallest readable size. The plates are drawn above all spots (see draw_plan), so a neighbour
// drawn later never covers one.
//
// Cost: a whole floor at the smallest zoom puts one plate on every desk, so a plate is one path of
// three points per corner (ImGui's own rounding takes four or more) that is filled without
// anti-aliasing (its border, drawn over the edge, smooths it) and stroked: 40 vertices instead of
// the 68 of AddRectFilled and AddRect with rounding. It keeps a 500-desk floor far below the
// 65,536 vertices one draw list may hold with 16-bit indices.
void draw_backplate(ImDrawList* draw, const Metrics& m, const ImVec2& centre, const StateLook& look, bool dimmed,
                    bool hovered, ImU32 text_colour) {
  const float k = m.min_icon_size / m.font_size;
  const ImVec2 ink = (look.ink_max - look.ink_min) * k;
  const float half = std::floor(std::max(ink.x, ink.y) * 0.5f + m.plate_pad + 0.5f);
  const ImVec2 middle(std::floor(centre.x) + 0.5f, std::floor(centre.y) + 0.5f);
  const float border = hovered ? m.border * 2.0f : m.border;
  // The path runs along the middle of the border, which the stroke then covers on both sides.
  const float edge = half - border * 0.5f;
  const float radius = std::min(m.rounding, edge * 0.5f);
  const ImVec2 a = middle - ImVec2(edge - radius, edge - radius);  // centres of the corner arcs
  const ImVec2 b = middle + ImVec2(edge - radius, edge - radius);
  // _PathArcToFastEx counts 48 samples to the circle, clockwise from +x (ImGui's PathRect order).
  draw->_PathArcToFastEx(ImVec2(a.x, a.y), radius, 24, 36, 6);
  draw->_PathArcToFastEx(ImVec2(b.x, a.y), radius, 36, 48, 6);
  draw->_PathArcToFastEx(ImVec2(b.x, b.y), radius, 0, 12, 6);
  draw->_PathArcToFastEx(ImVec2(a.x, b.y), radius, 12, 24, 6);
  const ImDrawListFlags flags = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  draw->AddConvexPolyFilled(draw->_Path.Data, draw->_Path.Size, dimmed ? look.fill_dimmed : look.fill);
  draw->Flags = flags;
  draw->PathStroke(dimmed ? look.border_dimmed : look.border, ImDrawFlags_Closed, border);
  icon_centred(draw, m, m.min_icon_size, middle, text_colour, look);
}

// What a spot says, by the room it has on screen. Two lines: type icon, name and star above,
// state icon and word below. One line: state icon, then name, star and word while they fit.
// Smaller: the state icon alone, shrunk inside the spot as far as it stays readable. Returns false
// when even that does not fit: then the caller puts the icon on a backplate. The state's icon
// comes first at every size because the plan exists to show states, and colour alone must never
// carry one; the word it leaves out on a small spot is in the tooltip.
bool draw_spot_text(ImDrawList* draw, const ImRect& r, const PlanSpot& spot, const StateLook& look, ImU32 text_colour,
                    const Metrics& m, SharedWidths& widths) {
  const float inner_w = r.GetWidth() - 2.0f * m.pad;
  const float inner_h = r.GetHeight() - 2.0f * m.pad;
  const float line = m.font_size;
  if (*look.icon == '\0') return true;
  if (inner_h < line || inner_w < look.icon_width) {
    // The icon alone may use the padding too: on a whole floor at 100 % a desk is about 15 px tall.
    const ImVec2 ink = look.ink_max - look.ink_min;
    const float by_width = ink.x > 0.0f ? m.font_size * (r.GetWidth() - 4.0f) / ink.x : 0.0f;
    const float by_height = ink.y > 0.0f ? m.font_size * (r.GetHeight() - 4.0f) / ink.y : 0.0f;
    const float size = std::min({by_width, by_height, m.font_size});
    if (size < m.min_icon_size) return false;
    icon_centred(draw, m, size, r.GetCenter(), text_colour, look);
    return true;
  }
  const float left = r.Min.x + m.pad;
  float right = r.Max.x - m.pad;
  if (inner_h >= 2.0f * line + m.line_gap) {
    const float top = r.Min.y + m.pad;
    float x = left;
    if (spot.favourite && m.star_width <= inner_w) {
      plan_text(draw, ImVec2(right - m.star_width, top), text_colour, icon::favourite);
      right -= m.star_width + m.gap;
    }
    if (spot.type_icon != nullptr && *spot.type_icon != '\0') {
      const float w = widths.of(spot.type_icon);
      if (x + w <= right) {
        plan_text(draw, ImVec2(x, top), text_colour, spot.type_icon);
        x += w + m.gap;
      }
    }
    const std::string_view name = fitting_label(spot.label, right - x, m);
    if (!name.empty()) plan_text(draw, ImVec2(x, top), text_colour, name.data(), name.data() + name.size());
    const float second = top + line + m.line_gap;
    plan_text(draw, ImVec2(left, second), text_colour, look.icon);
    const float word_x = left + look.icon_width + m.gap;
    if (word_x + look.word_width <= r.Max.x - m.pad) plan_text(draw, ImVec2(word_x, second), text_colour, look.word);
    return true;
  }
  // One line: the name before the star, since the tooltip is the only other place that says
  // which desk this is.
  const float y = r.Min.y + (r.GetHeight() - line) * 0.5f;
  plan_text(draw, ImVec2(left, y), text_colour, look.icon);
  float x = left + look.icon_width + m.gap;
  const std::string_view name = fitting_label(spot.label, right - x, m);
  if (!name.empty()) {
    plan_text(draw, ImVec2(x, y), text_colour, name.data(), name.data() + name.size());
    x += m.font->CalcTextSizeA(m.font_size, FLT_MAX, 0.0f, name.data(), name.data() + name.size()).x + m.gap;
  }
  if (spot.favourite && x + m.star_width <= right) {
    plan_text(draw, ImVec2(right - m.star_width, y), text_colour, icon::favourite);
    right -= m.star_width + m.gap;
  }
  if (x + look.word_width <= right) plan_text(draw, ImVec2(x, y), text_colour, look.word);
  return true;
}

// The hover and keyboard-focus tooltip: name and state in words (a small spot may show only its
// icon), then the caller's details.
void spot_tooltip(const PlanSpot& spot, const StateLook& look) {
  ImGui::BeginTooltip();
  if (spot.type_icon != nullptr && *spot.type_icon != '\0') {
    ImGui::TextUnformatted(spot.type_icon);
    ImGui::SameLine();
  }
  ImGui::TextUnformatted(spot.label.c_str(), spot.label.c_str() + spot.label.size());
  if (spot.favourite) {
    ImGui::SameLine();
    ImGui::TextUnformatted(icon::favourite);
  }
  ImGui::TextUnformatted(look.icon);
  ImGui::SameLine();
  ImGui::TextUnformatted(look.word);
  if (!spot.tooltip.empty()) {
    ImGui::PushTextWrapPos(em(24.0f));
    ImGui::TextUnformatted(spot.tooltip.c_str(), spot.tooltip.c_str() + spot.tooltip.size());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTooltip();
}

// --- The spot in a direction, for the plan's arrow keys ---

namespace {

ImVec2 centre_of(const PlanSpot& spot) { return ImVec2(spot.x + spot.w * 0.5f, spot.y + spot.h * 0.5f); }

}  // namespace

// The spot the arrow key in direction `dir` goes to from `from`, skipping dimmed spots. First
// choice: the nearest spot ahead that shares part of the row (or, going up and down, the
// column) with the current one, as in a grid of desks. Else the nearest by centre within 45° of
// the direction, where the distance across the direction counts double; else the nearest
// outside that cone, so that no spot that lies that way is out of reach.
std::optional<std::size_t> spot_in_direction(std::span<const PlanSpot> spots, std::size_t from, const ImVec2& dir) {
  const PlanSpot& current = spots[from];
  const ImVec2 origin = centre_of(current);
  const bool horizontal = dir.x != 0.0f;
  std::optional<std::size_t> best_in_line, best_in_cone, best_outside;
  float score_in_line = FLT_MAX, score_in_cone = FLT_MAX, score_outside = FLT_MAX;
  for (std::size_t i = 0; i < spots.size(); ++i) {
    const PlanSpot& candidate = spots[i];
    if (i == from || candidate.dimmed) continue;
    const ImVec2 d = centre_of(candidate) - origin;
    const float along = d.x * dir.x + d.y * dir.y;
    if (along <= 1e-3f) continue;
    const float across = std::fabs(d.x * dir.y - d.y * dir.x);
    const bool shares_line = horizontal ? candidate.y < current.y + current.h && current.y < candidate.y + candidate.h
                                        : candidate.x < current.x + current.w && current.x < candidate.x + candidate.w;
    const float score = along * along + 4.0f * across * across;
    if (shares_line) {
      if (score < score_in_line) {
        score_in_line = score;
        best_in_line = i;
      }
    } else if (across <= along) {
      if (score < score_in_cone) {
        score_in_cone = score;
        best_in_cone = i;
      }
    } else if (score < score_outside) {
      score_outside = score;
      best_outside = i;
    }
  }
  if (best_in_line) return best_in_line;
  return best_in_cone ? best_in_cone : best_outside;
}

// Where the keyboard starts when nothing has the focus yet: the spot nearest the middle of the view.
std::optional<std::size_t> spot_nearest(std::span<const PlanSpot> spots, const ImVec2& point) {
  std::optional<std::size_t> best;
  float best_distance = FLT_MAX;
  for (std::size_t i = 0; i < spots.size(); ++i) {
    if (spots[i].dimmed) continue;
    const ImVec2 d = centre_of(spots[i]) - point;
    const float distance = d.x * d.x + d.y * d.y;
    if (distance < best_distance) {
      best_distance = distance;
      best = i;
    }
  }
  return best;
}

}  // namespace ui::plan_detail

namespace ui {

using plan_detail::plan_text;

void SpotLegend(const SpotStyles& styles) {
  const float swatch_width = em(1.6f);
  const float line = ImGui::GetTextLineHeight();
  const float group_spacing = em(1.0f);
  // Inside a table column the column's edge counts, which the work rect gives (as in SameLineIfFits).
  const float right_edge = std::min(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x,
                                    ImGui::GetCurrentWindow()->WorkRect.Max.x);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImGui::PushID("legend");
  for (std::size_t i = 0; i < styles.size(); ++i) {
    const auto state = static_cast<SpotState>(i);
    const char* icon = styles[i].icon != nullptr ? styles[i].icon : "";
    const char* word = styles[i].word != nullptr ? styles[i].word : "";
    const float width = swatch_width + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(word).x;
    // Wraps like SameLineIfFits, with wider spacing so that each swatch reads with its own word.
    if (i > 0 && ImGui::GetItemRectMax().x + group_spacing + width <= right_edge) ImGui::SameLine(0, group_spacing);
    ImGui::BeginGroup();
    // The swatch is a small spot: the fill and border the plan uses, with the state's icon inside.
    ImGui::Dummy(ImVec2(swatch_width, line));
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(spot_fill_color(state)), em(0.2f));
    draw->AddRect(min, max, ImGui::GetColorU32(spot_color(state)), em(0.2f), 0,
                  std::max(1.0f, ImGui::GetStyle().FrameBorderSize));
    const ImVec2 icon_pos(min.x + (swatch_width - ImGui::CalcTextSize(icon).x) * 0.5f, min.y);
    plan_text(draw, icon_pos, ImGui::GetColorU32(ImGuiCol_Text), icon);
    ImGui::SameLine();
    ImGui::TextUnformatted(word);
    ImGui::EndGroup();
  }
  ImGui::PopID();
}

}  // namespace ui
