// Private to the floor plan (floor_plan.cpp, floor_plan_spot.cpp): what one spot says and how it
// is drawn — its name, state icon and word by the room it has, the backplate of a spot too small
// for its icon, and its tooltip. Split from floor_plan.cpp to keep each file readable.
#pragma once

#include <array>
#include <cfloat>
#include <cstddef>
#include <optional>
#include <span>

#include <imgui.h>
#include <imgui_internal.h>  // ImRect

#include "stellwerk/widgets/floor_plan.hpp"

namespace ui::plan_detail {

// Everything a spot of one state needs per frame, worked out once per state instead of per spot.
struct StateLook {
  ImU32 fill = 0, border = 0;
  ImU32 fill_dimmed = 0, border_dimmed = 0;
  const char* icon = "";
  const char* word = "";
  float icon_width = 0, word_width = 0;
  // Where the icon's ink lies relative to the position it is drawn at, at the font size: the
  // glyph's own box for a one-glyph icon (FontAwesome glyphs sit off-centre in their advance),
  // else the whole text box. Small icons are centred by it, so they sit in the middle of a spot.
  ImVec2 ink_min{0, 0}, ink_max{0, 0};
};

using StateLooks = std::array<StateLook, static_cast<std::size_t>(SpotState::COUNT)>;

// Sizes that depend only on the font and scale, computed once per frame.
struct Metrics {
  ImFont* font = nullptr;
  float font_size = 16.0f;
  float pad = 3.0f;          // inside a spot's border
  float gap = 4.0f;          // between icon and word
  float line_gap = 2.0f;     // between the two lines of a large spot
  float min_icon_size = 11.0f;  // the smallest readable icon: 0.7 em, and never below 11 px
  float plate_pad = 2.0f;       // around an icon on its backplate
  float star_width = 16.0f;
  float border = 1.0f;
  float focus_frame = 3.0f;
  float rounding = 4.0f;
  float round_from = 24.0f;  // the smallest spot side that gets rounded corners
};

// Width of a short text the spots share (type icons): most spots point at the same few strings,
// so a handful of remembered pointers spare measuring each of 500 icons every frame.
class SharedWidths {
 public:
  explicit SharedWidths(const Metrics& m) : metrics_(m) {}
  float of(const char* text) {
    for (int i = 0; i < count_; ++i) {
      if (texts_[i] == text) return widths_[i];
    }
    const float width = metrics_.font->CalcTextSizeA(metrics_.font_size, FLT_MAX, 0.0f, text).x;
    const int slot = count_ < kSlots ? count_++ : 0;
    texts_[slot] = text;
    widths_[slot] = width;
    return width;
  }

 private:
  static constexpr int kSlots = 8;
  const Metrics& metrics_;
  const char* texts_[kSlots] = {};
  float widths_[kSlots] = {};
  int count_ = 0;
};

// The sizes of this frame's font and scale.
Metrics frame_metrics();

// Draws text on the plan and hands it to ImGui's log as ImGui::Text would, so that "log to
// clipboard" and the headless tests read what a spot says.
void plan_text(ImDrawList* draw, const ImVec2& pos, ImU32 colour, const char* text, const char* text_end = nullptr);

// A spot too small for a readable icon: the icon on a small plate in the state's colours, centred
// on the spot (see floor_plan_spot.cpp).
void draw_backplate(ImDrawList* draw, const Metrics& m, const ImVec2& centre, const StateLook& look, bool dimmed,
                    bool hovered, ImU32 text_colour);

// What a spot says in its rectangle; false when even its icon does not fit (then: a backplate).
bool draw_spot_text(ImDrawList* draw, const ImRect& r, const PlanSpot& spot, const StateLook& look, ImU32 text_colour,
                    const Metrics& m, SharedWidths& widths);

// The hover and keyboard-focus tooltip of a spot.
void spot_tooltip(const PlanSpot& spot, const StateLook& look);

// The spot the arrow key in direction `dir` goes to from spot `from` (dimmed spots skipped), or
// nullopt when none lies that way.
std::optional<std::size_t> spot_in_direction(std::span<const PlanSpot> spots, std::size_t from, const ImVec2& dir);
// The spot nearest `point` (plan metres), where the keyboard starts without a focus.
std::optional<std::size_t> spot_nearest(std::span<const PlanSpot> spots, const ImVec2& point);

}  // namespace ui::plan_detail
