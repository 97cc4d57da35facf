// The floor plan: every desk, room and parking space of one floor drawn at its plan coordinates
// (metres), each with an icon and a short word for its state as well as the state's colour, so
// that nothing depends on telling colours apart, and with its name where it fits, else its short
// name ("07" of "EG-07", "Elbe" of "Besprechungsraum Elbe") where that fits. The icon is there at every zoom: a spot too small
// to hold it at a readable size (0.7 em, never below 11 px) carries it on a small backplate in the
// state's colours, centred on the spot and overflowing it; such a spot leaves out its name and
// word, which its tooltip gives. The person zooms and pans with the mouse wheel
// and drag, with the touch-size buttons above the plan, or with the keyboard (+, -, 0 to fit);
// the arrow keys move the focus to the nearest spot in that direction, and Enter (or a click)
// activates the focused spot. The widget draws; what activation means is the caller's business.
//
// Cost: the plan culls spots outside the visible area before submitting anything for them, so a
// frame costs the same whether a floor has 50 or 500 desks in view (bench/floor_plan_bench.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include <imgui.h>

namespace ui {

// What a spot is to the person looking at the plan.
enum class SpotState : unsigned char {
  free,                 // can be booked for the chosen time
  booked,               // someone else holds it (never says who)
  mine,                 // the person holds it
  pending,              // the person's booking waits to be sent
  unavailable,          // closed, a holiday, not bookable for this person, or unknown offline
  reserved_accessible,  // held for people who need an accessible desk
  COUNT
};

// Words and icons for the states, supplied by the caller in the person's language (widgets
// know no translations). Indexed by SpotState.
struct SpotStateStyle {
  const char* icon = "";
  const char* word = "";  // "frei", "gebucht", …
};
using SpotStyles = std::array<SpotStateStyle, static_cast<std::size_t>(SpotState::COUNT)>;

// The colour a state is drawn in, from the current theme (also used by the legend and lists): the
// border of a spot and the frame of a legend swatch. At least 3:1 against the surface (ChildBg).
ImVec4 spot_color(SpotState state);

// The muted fill inside a spot or swatch: spot_color blended into the surface, light enough that
// the theme's text colour keeps 4.5:1 on it.
ImVec4 spot_fill_color(SpotState state);

inline constexpr float kPlanMinZoom = 0.5f;
inline constexpr float kPlanMaxZoom = 8.0f;

struct PlanSpot {
  std::string identity;          // stable: the resource id ("floor-spot-<identity>" for the test locator)
  float x = 0, y = 0, w = 0, h = 0;  // metres on the plan
  const char* type_icon = "";    // desk, room, parking
  std::string label;             // the resource's short name, e.g. "3.14"
  SpotState state = SpotState::free;
  bool favourite = false;        // drawn with a star
  bool dimmed = false;           // filtered out: drawn faint and skipped by the arrow keys
  std::string tooltip;           // features, capacity: shown on hover and focus
  bool selected = false;         // the one being edited: drawn with a double border, as under the pointer
};

// The plan's view, kept by the caller from frame to frame.
struct PlanView {
  float zoom = 1.0f;           // 1 = the whole floor fits the widget; kept within [kPlanMinZoom, kPlanMaxZoom]
  ImVec2 pan{0, 0};            // plan metres at the widget's top-left corner, offset from the fitted origin
                               // (the plan point drawn where (0, 0) is drawn at zoom 1 and pan 0)
  std::optional<std::size_t> focused;  // index into the spots: the keyboard's position
  bool fit_requested = true;   // set by the caller when the floor changes: fit and clear focus
  // The floor-plan editor: the arrow keys move the focused spot (kPlanKeyStep metres, with Shift
  // kPlanShiftKeyStep) instead of the focus, and dragging a spot moves it instead of the view.
  bool editing = false;
};

inline constexpr float kPlanKeyStep = 0.1f;
inline constexpr float kPlanShiftKeyStep = 1.0f;

struct PlanResult {
  std::optional<std::size_t> activated;  // clicked, or Enter on the focused spot
  std::optional<std::size_t> hovered;
  // Editing: the spot the keys or a drag moved, and where its top-left corner is to go (metres,
  // not yet kept on the floor: that is the caller's rule).
  std::optional<std::size_t> moved;
  ImVec2 moved_to{0, 0};
};

// Words for the zoom buttons, in the person's language; shown as their tooltips (with the key
// that does the same) and, for fit, next to its icon. The buttons themselves read "+", "–" and
// the fit icon, so a caller without words still gets usable buttons.
struct PlanLabels {
  const char* zoom_in = nullptr;   // "Vergrößern"
  const char* zoom_out = nullptr;  // "Verkleinern"
  const char* fit = nullptr;       // "Ganze Etage"
};

// Draws the zoom buttons ("plan-zoom-in", "plan-zoom-out", "plan-fit" for the test locator), the
// plan area (`height` pixels tall, full width) and a legend line that names every state with its
// icon and word. `identity` makes the widget's ImGui ids unique.
//
// `drawing`, when not null, is the renderer's texture of the floor's drawing (walls, windows,
// stairs): it is drawn under the places from the floor's top-left to its bottom-right corner, so
// it pans and zooms with them. On a dark theme it is drawn faint, so that it stays background.
//
// Keyboard (Dear ImGui 1.86): the plan is one bordered child window. The arrow keys reach it like
// any other control and Space enters it, as with every child region; a click into it focuses it
// too. While it has the focus it keeps the arrow keys (ImGui's own navigation has nothing to move
// to inside it), Enter or Space activates the focused spot, + and - zoom, 0 fits, and Escape
// leaves it again. While `view.editing`, the arrow keys move the focused spot instead (see
// PlanView::editing) and a drag that starts on a spot moves that spot.
PlanResult FloorPlan(const char* identity, float floor_width_m, float floor_height_m, std::span<const PlanSpot> spots,
                     const SpotStyles& styles, PlanView& view, float height, const PlanLabels& labels = {},
                     ImTextureID drawing = nullptr);

// The legend alone (FloorPlan draws it too), for the list view: icon and word of every state.
void SpotLegend(const SpotStyles& styles);

}  // namespace ui
