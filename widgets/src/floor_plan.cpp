// The floor plan of floor_plan.hpp: a bordered child region that maps plan metres to pixels, draws
// each spot in view with its icons and words, and turns clicks, drags, the wheel and keys into a
// new PlanView and a PlanResult. ImGui sees each spot in view as one item (so a click activates
// it and the test locator finds "floor-spot-<identity>"), but not as a navigation target: the
// arrow keys are the plan's own, because ImGui's navigation knows only the items on screen and
// would neither skip dimmed spots nor pan to one that is off screen.
//
// [SECTION] Colours
// [SECTION] Mapping metres to pixels
// (The spot in a direction for the arrow keys, and drawing one spot: floor_plan_spot.cpp)
// [SECTION] Toolbar, plan and legend
//
// IMGUI_DEFINE_MATH_OPERATORS must precede the first include of imgui.h (our header includes it).
#define IMGUI_DEFINE_MATH_OPERATORS
#include "stellwerk/widgets/floor_plan.hpp"

#include "floor_plan_spot.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include <imgui_internal.h>  // ItemAdd/ButtonBehavior: spots are placed by coordinates, not by layout

#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/theme.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace ui {
namespace {

using plan_detail::draw_backplate;
using plan_detail::draw_spot_text;
using plan_detail::frame_metrics;
using plan_detail::Metrics;
using plan_detail::plan_text;
using plan_detail::SharedWidths;
using plan_detail::spot_in_direction;
using plan_detail::spot_nearest;
using plan_detail::spot_tooltip;
using plan_detail::StateLook;
using plan_detail::StateLooks;

constexpr float kZoomStep = 1.25f;   // one button press or one + / - key
constexpr float kWheelStep = 1.15f;  // one notch of the mouse wheel: finer, wheels send many
constexpr float kDimmedAlpha = 0.35f;

// --- [SECTION] Colours -------------------------------------------------------------------------

ImVec4 mix(const ImVec4& from, const ImVec4& to, float share) {
  return ImVec4(from.x + (to.x - from.x) * share, from.y + (to.y - from.y) * share, from.z + (to.z - from.z) * share,
                1.0f);
}

// How much of the state colour goes into a fill. On a dark surface a small share hardly shows, so
// dark themes take more; the fill stays dark enough (or light enough) for the theme's text to
// keep 4.5:1 on it, which tests/widgets checks for every theme.
float fill_share() {
  const ImVec4 surface = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
  const float brightness = 0.2126f * surface.x + 0.7152f * surface.y + 0.0722f * surface.z;
  return brightness < 0.5f ? 0.30f : 0.20f;
}

StateLooks state_looks(const SpotStyles& styles) {
  StateLooks looks;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const ImVec4 surface = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
  const float share = fill_share();
  for (std::size_t i = 0; i < looks.size(); ++i) {
    const ImVec4 strong = spot_color(static_cast<SpotState>(i));
    const ImVec4 fill = mix(surface, strong, share);
    StateLook& look = looks[i];
    look.fill = ImGui::GetColorU32(fill);
    look.border = ImGui::GetColorU32(strong);
    look.fill_dimmed = ImGui::GetColorU32(ImVec4(fill.x, fill.y, fill.z, kDimmedAlpha));
    look.border_dimmed = ImGui::GetColorU32(ImVec4(strong.x, strong.y, strong.z, kDimmedAlpha));
    look.icon = styles[i].icon != nullptr ? styles[i].icon : "";
    look.word = styles[i].word != nullptr ? styles[i].word : "";
    look.icon_width = font->CalcTextSizeA(size, FLT_MAX, 0.0f, look.icon).x;
    look.word_width = font->CalcTextSizeA(size, FLT_MAX, 0.0f, look.word).x;
    look.ink_max = ImVec2(look.icon_width, size);
    unsigned int codepoint = 0;
    const int length = *look.icon != '\0' ? ImTextCharFromUtf8(&codepoint, look.icon, nullptr) : 0;
    if (length > 0 && look.icon[length] == '\0') {
      if (const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint))) {
        const float k = size / font->FontSize;
        look.ink_min = ImVec2(glyph->X0 * k, glyph->Y0 * k);
        look.ink_max = ImVec2(glyph->X1 * k, glyph->Y1 * k);
      }
    }
  }
  return looks;
}

}  // namespace

ImVec4 spot_color(SpotState state) {
  const StatusColors& c = status_colors();
  switch (state) {
    case SpotState::free: return c.ok;
    case SpotState::booked: return c.danger;
    case SpotState::mine: return c.accent;
    case SpotState::pending: return c.warning;
    case SpotState::unavailable: return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    case SpotState::reserved_accessible: return c.reserved;
    case SpotState::COUNT: break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

ImVec4 spot_fill_color(SpotState state) {
  return mix(ImGui::GetStyleColorVec4(ImGuiCol_ChildBg), spot_color(state), fill_share());
}

namespace {

// --- [SECTION] Mapping metres to pixels --------------------------------------------------------

// screen = anchor + (plan - pan) * scale. At zoom 1 and pan 0 the floor is fitted and centred in
// the canvas; `anchor` is where the fitted floor's top-left corner is drawn.
struct Mapping {
  ImVec2 anchor;
  ImVec2 pan;
  float base = 1.0f;   // pixels per metre at zoom 1
  float scale = 1.0f;  // pixels per metre now

  ImVec2 to_screen(float x, float y) const { return ImVec2(anchor.x + (x - pan.x) * scale, anchor.y + (y - pan.y) * scale); }
  ImVec2 to_plan(const ImVec2& p) const { return ImVec2(pan.x + (p.x - anchor.x) / scale, pan.y + (p.y - anchor.y) / scale); }
};

Mapping mapping_for(const ImRect& canvas, const ImVec2& floor, const PlanView& view) {
  Mapping m;
  m.base = std::max(1e-3f, std::min(canvas.GetWidth() / floor.x, canvas.GetHeight() / floor.y));
  m.anchor = canvas.Min + (canvas.GetSize() - floor * m.base) * 0.5f;
  m.pan = view.pan;
  m.scale = m.base * view.zoom;
  return m;
}

// The floor's size, or the spots' extent when the caller does not know it.
ImVec2 floor_size(float width, float height, std::span<const PlanSpot> spots) {
  if (width > 0.0f && height > 0.0f) return ImVec2(width, height);
  ImVec2 extent(1.0f, 1.0f);
  for (const PlanSpot& spot : spots) {
    extent.x = std::max(extent.x, spot.x + spot.w);
    extent.y = std::max(extent.y, spot.y + spot.h);
  }
  return extent;
}

void zoom_at(PlanView& view, const Mapping& m, const ImVec2& screen_point, float factor) {
  const float zoom = std::clamp(view.zoom * factor, kPlanMinZoom, kPlanMaxZoom);
  const ImVec2 under_point = m.to_plan(screen_point);  // stays under the point
  view.pan = under_point - (screen_point - m.anchor) / (m.base * zoom);
  view.zoom = zoom;
}

// The middle of the canvas never shows a place beyond the floor's edge, so the floor cannot be
// panned out of sight.
void keep_floor_in_view(PlanView& view, const ImRect& canvas, const ImVec2& floor) {
  const ImVec2 centre = mapping_for(canvas, floor, view).to_plan(canvas.GetCenter());
  view.pan.x += std::clamp(centre.x, 0.0f, floor.x) - centre.x;
  view.pan.y += std::clamp(centre.y, 0.0f, floor.y) - centre.y;
}

// Pans the least that shows the whole spot (its top-left corner when it is larger than the view).
void scroll_into_view(PlanView& view, const ImRect& canvas, const ImVec2& floor, const PlanSpot& spot, float margin) {
  const Mapping m = mapping_for(canvas, floor, view);
  const ImVec2 a = m.to_screen(spot.x, spot.y);
  const ImVec2 b = m.to_screen(spot.x + spot.w, spot.y + spot.h);
  const ImRect inner(canvas.Min + ImVec2(margin, margin), canvas.Max - ImVec2(margin, margin));
  ImVec2 shift(0, 0);
  if (b.x > inner.Max.x) shift.x = b.x - inner.Max.x;
  if (a.x - shift.x < inner.Min.x) shift.x = a.x - inner.Min.x;
  if (b.y > inner.Max.y) shift.y = b.y - inner.Max.y;
  if (a.y - shift.y < inner.Min.y) shift.y = a.y - inner.Min.y;
  view.pan += shift / m.scale;
}

// --- [SECTION] Toolbar, plan and legend --------------------------------------------------------

struct ToolbarRequest {
  float factor = 1.0f;
  bool fit = false;
};

void button_tooltip(const char* words, const char* key) {
  if (words != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)", words, key);
}

ToolbarRequest toolbar(const PlanView& view, const PlanLabels& labels) {
  ToolbarRequest request;
  const float touch = em(2.75f);  // 44 px at 100 %: the smallest comfortable touch target
  // "+" and "–" in the heading size: on a 44 px button the body size looks like a speck.
  ImGui::PushFont(fonts().heading != nullptr ? fonts().heading : ImGui::GetFont());
  const bool zoom_in = Button("+###plan-zoom-in", ImVec2(touch, touch));
  ImGui::PopFont();
  if (zoom_in) request.factor *= kZoomStep;
  button_tooltip(labels.zoom_in, "+");
  ImGui::SameLine();
  ImGui::PushFont(fonts().heading != nullptr ? fonts().heading : ImGui::GetFont());
  const bool zoom_out = Button("\xe2\x80\x93###plan-zoom-out", ImVec2(touch, touch));  // "–"
  ImGui::PopFont();
  if (zoom_out) request.factor /= kZoomStep;
  button_tooltip(labels.zoom_out, "-");
  char fit_label[192];
  std::snprintf(fit_label, sizeof fit_label, "%s%s%s###plan-fit", icon::fit, labels.fit != nullptr ? "  " : "",
                labels.fit != nullptr ? labels.fit : "");
  const float fit_width = std::max(touch, ButtonWidth(fit_label));
  SameLineIfFits(fit_width);
  if (Button(fit_label, ImVec2(fit_width, touch))) request.fit = true;
  button_tooltip(labels.fit, "0");
  char zoom_text[16];
  std::snprintf(zoom_text, sizeof zoom_text, "%d %%", static_cast<int>(std::lround(view.zoom * 100.0f)));
  SameLineIfFits(ImGui::CalcTextSize(zoom_text).x);
  // Centred on the buttons. ImGui already lowers text next to a framed widget by FramePadding.y.
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (touch - ImGui::GetTextLineHeight()) * 0.5f -
                       ImGui::GetStyle().FramePadding.y);
  ImGui::TextUnformatted(zoom_text);
  return request;
}

struct PlanInput {
  std::span<const PlanSpot> spots;
  ImVec2 floor;
  ToolbarRequest toolbar;
  ImTextureID drawing = nullptr;
};

// The floor's drawing, corner to corner under the places. Drawn as it is on a light surface; on a
// dark one at a quarter of its strength, so that a near-white drawing does not outshine the places
// (whose fills are measured against the surface).
void draw_drawing(const PlanInput& in, const Mapping& m) {
  if (in.drawing == nullptr) return;
  const ImVec4 surface = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
  const float lightness = 0.2126f * surface.x + 0.7152f * surface.y + 0.0722f * surface.z;
  const ImU32 tint = lightness > 0.5f ? IM_COL32_WHITE : IM_COL32(255, 255, 255, 64);
  ImGui::GetWindowDrawList()->AddImage(in.drawing, m.to_screen(0, 0), m.to_screen(in.floor.x, in.floor.y),
                                       ImVec2(0, 0), ImVec2(1, 1), tint);
}

// What draw_plan's steps share in one frame: where the plan is and what it shows.
struct PlanFrame {
  const PlanInput& in;
  ImRect canvas;
  PlanView& view;
  PlanResult& result;
  bool keyboard = false;  // the plan is being used with the keys (the focused spot shows its tooltip)
  ImU32 text = 0, text_dimmed = 0;
  float scale = 1.0f;     // pixels per metre, once the view is settled for this frame
};

// Keys count only when the plan had the focus in the previous frame as well: the Space that
// enters the plan (or the click that focuses it) must not also activate a spot.
void keyboard_input(PlanFrame& f) {
  ImGuiIO& io = ImGui::GetIO();
  PlanView& view = f.view;
  // Characters rather than key codes: "+" sits on different keys in German and US layouts and
  // on the keypad, and ImGui 1.86 names no key for it.
  for (const ImWchar c : io.InputQueueCharacters) {
    if (c == '+' || c == '=') zoom_at(view, mapping_for(f.canvas, f.in.floor, view), f.canvas.GetCenter(), kZoomStep);
    if (c == '-') zoom_at(view, mapping_for(f.canvas, f.in.floor, view), f.canvas.GetCenter(), 1.0f / kZoomStep);
    if (c == '0') {
      view.zoom = 1.0f;
      view.pan = ImVec2(0, 0);
    }
  }
  const struct {
    ImGuiKey key;
    ImVec2 dir;
  } arrows[] = {{ImGuiKey_RightArrow, ImVec2(1, 0)},
                {ImGuiKey_LeftArrow, ImVec2(-1, 0)},
                {ImGuiKey_DownArrow, ImVec2(0, 1)},
                {ImGuiKey_UpArrow, ImVec2(0, -1)}};
  for (const auto& arrow : arrows) {
    if (!ImGui::IsKeyPressed(ImGui::GetKeyIndex(arrow.key))) continue;
    f.keyboard = true;
    if (view.editing && view.focused) {
      const PlanSpot& spot = f.in.spots[*view.focused];
      const float step = io.KeyShift ? kPlanShiftKeyStep : kPlanKeyStep;
      f.result.moved = view.focused;
      f.result.moved_to = ImVec2(spot.x + arrow.dir.x * step, spot.y + arrow.dir.y * step);
      continue;
    }
    if (!view.focused) {
      const Mapping m = mapping_for(f.canvas, f.in.floor, view);
      view.focused = spot_nearest(f.in.spots, m.to_plan(f.canvas.GetCenter()));
    } else if (const auto next = spot_in_direction(f.in.spots, *view.focused, arrow.dir)) {
      view.focused = next;
    }
    if (view.focused) scroll_into_view(view, f.canvas, f.in.floor, f.in.spots[*view.focused], em(0.75f));
  }
  const bool activate = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false) ||
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
  if (activate && view.focused) {
    f.result.activated = view.focused;
    f.keyboard = true;
  }
}

// The wheel zooms around the pointer; a drag with the left or middle button pans. A drag is
// told from a click by ImGui's drag threshold, so a click that wobbles a little still activates.
// Returns whether the left button's last press was a drag rather than a click.
bool mouse_input(PlanFrame& f) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGuiStorage* storage = ImGui::GetStateStorage();
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiID drag_button_key = window->GetID("drag-button");
  const ImGuiID panning_key = window->GetID("panning");
  const bool hovered_window = ImGui::IsWindowHovered();
  if (hovered_window && io.MouseWheel != 0.0f) {
    zoom_at(f.view, mapping_for(f.canvas, f.in.floor, f.view), io.MousePos, std::pow(kWheelStep, io.MouseWheel));
  }
  int drag_button = storage->GetInt(drag_button_key, -1);
  bool panning = storage->GetBool(panning_key);
  if (hovered_window) {
    for (const int button : {ImGuiMouseButton_Left, ImGuiMouseButton_Middle}) {
      if (!ImGui::IsMouseClicked(button)) continue;
      drag_button = button;
      panning = false;
      f.keyboard = false;
    }
  }
  if (drag_button >= 0 && !ImGui::IsMouseDown(drag_button)) {
    drag_button = -1;
    panning = false;
  }
  // Editing: a drag that started on a spot moves the spot (draw_spot), not the view.
  const ImGuiID canvas_id = window->GetID("##canvas");
  const bool spot_held = f.view.editing && ImGui::GetActiveID() != 0 && ImGui::GetActiveID() != canvas_id &&
                         ImGui::GetCurrentContext()->ActiveIdWindow == window;
  if (drag_button >= 0 && ImGui::IsMouseDragging(drag_button) && !spot_held) {
    const Mapping m = mapping_for(f.canvas, f.in.floor, f.view);
    // The first moving frame catches up with the threshold's worth of movement ImGui held back.
    const ImVec2 moved = panning ? io.MouseDelta : io.MousePos - io.MouseClickedPos[drag_button];
    f.view.pan -= moved / m.scale;
    panning = true;
  }
  storage->SetInt(drag_button_key, drag_button);
  storage->SetBool(panning_key, panning);
  const float threshold = io.MouseDragThreshold;
  return io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] > threshold * threshold;
}

// Editing: while the spot is held, where the drag takes it, from where it stood when the button
// went down (kept in the window's storage), so that small steps at a high zoom add up.
void drag_spot(PlanFrame& f, std::size_t i, ImGuiID id) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  ImGuiIO& io = ImGui::GetIO();
  const PlanSpot& spot = f.in.spots[i];
  const ImGuiID x_key = ImHashStr("drag-x", 0, id);
  const ImGuiID y_key = ImHashStr("drag-y", 0, id);
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    storage->SetFloat(x_key, spot.x);
    storage->SetFloat(y_key, spot.y);
  }
  if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left)) return;
  const ImVec2 moved = (io.MousePos - io.MouseClickedPos[ImGuiMouseButton_Left]) / f.scale;
  f.result.moved = i;
  f.result.moved_to = ImVec2(storage->GetFloat(x_key, spot.x) + moved.x, storage->GetFloat(y_key, spot.y) + moved.y);
  f.view.focused = i;
}

// One spot in view: its ImGui item (hover, click), its fill, border and text; a backplate goes to
// the plates channel when the spot is too small for its icon.
void draw_spot(PlanFrame& f, std::size_t i, const ImRect& r, const Metrics& metrics, SharedWidths& widths,
               const StateLooks& looks, bool click_was_drag) {
  enum Channel { kSpots = 0, kPlates = 1 };
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* draw = window->DrawList;
  const PlanSpot& spot = f.in.spots[i];
  const char* identity = spot.identity.c_str();
  const ImGuiID id = window->GetID(identity, identity + spot.identity.size());
  // ImGui's arrow-key navigation must not compete with the plan's own (see the top): NoNav keeps
  // spots out of its moves, NoNavDefaultFocus out of the item it picks on entering the plan
  // (that is the canvas below), NoNavFocus keeps a click from making a spot its focus, and
  // NoHoveredOnFocus keeps a spot from counting as hovered because of the keyboard.
  if (!ImGui::ItemAdd(r, id, nullptr, ImGuiItemFlags_NoNav | ImGuiItemFlags_NoNavDefaultFocus)) return;
  bool hovered = false, held = false;
  const bool pressed =
      ImGui::ButtonBehavior(r, id, &hovered, &held, ImGuiButtonFlags_NoNavFocus | ImGuiButtonFlags_NoHoveredOnFocus);
  ImGui::SetItemUsingMouseWheel();  // the wheel zooms the plan instead of scrolling the view around it
  if (testing::recording()) testing::record_last_item(std::string("floor-spot-").append(spot.identity));
  if (pressed && !click_was_drag) {
    f.result.activated = i;
    f.view.focused = i;
    f.keyboard = false;
  }
  if (hovered) f.result.hovered = i;
  if (f.view.editing && held) drag_spot(f, i, id);

  const StateLook& look = looks[static_cast<std::size_t>(spot.state)];
  // Square corners below 1.5 em: fill and border take 12 vertices square and 64 rounded, and
  // at that size nobody sees the difference (see bench/README.md, floor plan).
  const float rounding = std::min(r.GetWidth(), r.GetHeight()) >= metrics.round_from ? metrics.rounding : 0.0f;
  draw->AddRectFilled(r.Min, r.Max, spot.dimmed ? look.fill_dimmed : look.fill, rounding);
  // Under the pointer the border doubles rather than the fill changing, so the text keeps the
  // contrast that was checked for the fill.
  const float border = (hovered || held || spot.selected) ? metrics.border * 2.0f : metrics.border;
  const float inset = border * 0.5f;
  draw->AddRect(r.Min + ImVec2(inset, inset), r.Max - ImVec2(inset, inset),
                spot.dimmed ? look.border_dimmed : look.border, rounding, 0, border);
  const ImU32 text = spot.dimmed ? f.text_dimmed : f.text;
  if (!draw_spot_text(draw, r, spot, look, text, metrics, widths)) {
    draw->ChannelsSetCurrent(kPlates);
    draw_backplate(draw, metrics, r.GetCenter(), look, spot.dimmed, hovered || held, text);
    draw->ChannelsSetCurrent(kSpots);
  }
}

// Every spot in view. Spots go to channel 0 and the backplates of spots too small for their icon
// to channel 1, so that every plate lies above every spot. The draw list's splitter keeps its
// buffers from frame to frame, so this allocates nothing; nothing else draws into the plan between
// here and the merge.
void draw_spots(PlanFrame& f, const Mapping& m, const Metrics& metrics, const StateLooks& looks, bool click_was_drag) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* draw = window->DrawList;
  SharedWidths widths(metrics);
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(0);
  // Culling happens in plan metres, before any pixel maths or ImGui item for a spot out of view.
  const ImRect view_rect(ImMax(f.canvas.Min, window->ClipRect.Min), ImMin(f.canvas.Max, window->ClipRect.Max));
  const ImVec2 seen_min = m.to_plan(view_rect.Min);
  const ImVec2 seen_max = m.to_plan(view_rect.Max);
  for (std::size_t i = 0; i < f.in.spots.size(); ++i) {
    const PlanSpot& spot = f.in.spots[i];
    if (spot.x > seen_max.x || spot.y > seen_max.y || spot.x + spot.w < seen_min.x || spot.y + spot.h < seen_min.y) continue;
    const ImRect r(m.to_screen(spot.x, spot.y), m.to_screen(spot.x + spot.w, spot.y + spot.h));
    draw_spot(f, i, r, metrics, widths, looks, click_was_drag);
  }
  draw->ChannelsMerge();
}

// The canvas: one item behind the spots (submitted after them, so a spot under the pointer wins
// the hover). It is what a click on empty floor hits, and the plan's one navigation target, which
// lets ImGui's arrow keys reach the plan from outside and Space enter it.
void canvas_item(const ImRect& canvas) {
  const ImGuiID canvas_id = ImGui::GetCurrentWindow()->GetID("##canvas");
  if (!ImGui::ItemAdd(canvas, canvas_id)) return;
  bool hovered = false, held = false;
  ImGui::ButtonBehavior(canvas, canvas_id, &hovered, &held,
                        ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  ImGui::SetItemUsingMouseWheel();
  TabStop();  // Tab reaches the plan like any control; then the arrow keys are the plan's
  if (testing::recording()) testing::record_last_item("floor-plan-canvas");
}

// The plan has the keyboard: a frame inside its border, and a thick one around the focused spot.
void focus_frames(const PlanFrame& f, const Mapping& m, const Metrics& metrics) {
  ImDrawList* draw = ImGui::GetCurrentWindow()->DrawList;
  const ImU32 focus_colour = ImGui::GetColorU32(ImGuiCol_NavHighlight);
  draw->AddRect(f.canvas.Min + ImVec2(1, 1), f.canvas.Max - ImVec2(1, 1), focus_colour, 0.0f, 0, 2.0f);
  if (!f.view.focused) return;
  const PlanSpot& spot = f.in.spots[*f.view.focused];
  const float out = metrics.focus_frame * 0.5f + 1.0f;
  const ImRect r(m.to_screen(spot.x, spot.y) - ImVec2(out, out),
                 m.to_screen(spot.x + spot.w, spot.y + spot.h) + ImVec2(out, out));
  draw->AddRect(r.Min, r.Max, focus_colour, metrics.rounding, 0, metrics.focus_frame);
}

// The tooltip of the spot under the pointer, or else of the focused one while the keys are used.
void plan_tooltip(const PlanFrame& f, const Mapping& m, const Metrics& metrics, const StateLooks& looks) {
  if (f.result.hovered) {
    const PlanSpot& spot = f.in.spots[*f.result.hovered];
    spot_tooltip(spot, looks[static_cast<std::size_t>(spot.state)]);
  } else if (f.keyboard && f.view.focused) {
    const PlanSpot& spot = f.in.spots[*f.view.focused];
    const ImVec2 below = m.to_screen(spot.x, spot.y + spot.h);
    if (f.canvas.Contains(below)) {
      ImGui::SetNextWindowPos(below + ImVec2(0, metrics.focus_frame + em(0.25f)));
      spot_tooltip(spot, looks[static_cast<std::size_t>(spot.state)]);
    }
  }
}

// The plan's inside: input first (so this frame draws its result), then every spot in view, the
// canvas item behind them, the focus frame and the tooltip.
void draw_plan(const PlanInput& in, const SpotStyles& styles, PlanView& view, PlanResult& result) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImRect canvas(origin, origin + ImGui::GetContentRegionAvail());
  if (canvas.GetWidth() < 1.0f || canvas.GetHeight() < 1.0f) return;
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID had_focus_key = window->GetID("had-focus");
  const ImGuiID keyboard_key = window->GetID("keyboard");

  if (in.toolbar.fit) {
    view.zoom = 1.0f;
    view.pan = ImVec2(0, 0);
  }
  if (in.toolbar.factor != 1.0f) zoom_at(view, mapping_for(canvas, in.floor, view), canvas.GetCenter(), in.toolbar.factor);

  const bool has_focus = ImGui::IsWindowFocused();
  const bool had_focus = storage->GetBool(had_focus_key);
  storage->SetBool(had_focus_key, has_focus);
  PlanFrame frame{in, canvas, view, result, has_focus && storage->GetBool(keyboard_key),
                  ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetColorU32(ImGuiCol_Text, kDimmedAlpha)};
  const bool modifiers = io.KeyCtrl || io.KeyAlt || io.KeySuper;
  if (has_focus && had_focus && !modifiers) keyboard_input(frame);
  const bool click_was_drag = mouse_input(frame);

  keep_floor_in_view(view, canvas, in.floor);
  const Mapping m = mapping_for(canvas, in.floor, view);
  frame.scale = m.scale;
  const Metrics metrics = frame_metrics();
  const StateLooks looks = state_looks(styles);
  draw_drawing(in, m);
  draw_spots(frame, m, metrics, looks, click_was_drag);
  canvas_item(canvas);
  if (has_focus) focus_frames(frame, m, metrics);
  storage->SetBool(keyboard_key, frame.keyboard);
  plan_tooltip(frame, m, metrics, looks);
}

}  // namespace

PlanResult FloorPlan(const char* identity, float floor_width_m, float floor_height_m, std::span<const PlanSpot> spots,
                     const SpotStyles& styles, PlanView& view, float height, const PlanLabels& labels,
                     ImTextureID drawing) {
  PlanResult result;
  ImGui::PushID(identity);
  if (view.fit_requested) {
    view.zoom = 1.0f;
    view.pan = ImVec2(0, 0);
    view.focused.reset();
    view.fit_requested = false;
  }
  if (view.focused && *view.focused >= spots.size()) view.focused.reset();
  view.zoom = std::isfinite(view.zoom) ? std::clamp(view.zoom, kPlanMinZoom, kPlanMaxZoom) : 1.0f;

  PlanInput in{spots, floor_size(floor_width_m, floor_height_m, spots), toolbar(view, labels), drawing};

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(0.25f), em(0.25f)));
  // No scrolling of its own: the plan pans and zooms, and the wheel belongs to the zoom.
  const bool open = ImGui::BeginChild("##plan", ImVec2(0, height), true,
                                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  if (open) draw_plan(in, styles, view, result);
  ImGui::EndChild();
  SpotLegend(styles);
  ImGui::PopID();
  return result;
}

}  // namespace ui
