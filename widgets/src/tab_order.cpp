// The Tab cycle of tab_order.hpp. One scope per frame, on the UI thread only, like ImGui itself.
#include "stellwerk/widgets/tab_order.hpp"

#include <utility>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>  // SetFocusID, FocusWindow, ScrollToBringRectIntoView: focus by id

namespace ui {
namespace {

struct Stop {
  ImGuiID id = 0;
  ImGuiWindow* window = nullptr;
};

struct TabState {
  ImGuiWindow* scope = nullptr;  // the window of BeginTabScope; nullptr outside a scope
  std::vector<Stop> stops;       // this frame's, in the order drawn
  ImGuiID pending = 0;           // focus this stop when it is drawn next
  bool pending_text_field = false;  // TextFieldTabFocus took `pending` into editing
};

TabState g_tab;

// Whether `window` is `scope` or a child region inside it. A popup names its opener as parent but
// is a root window of its own, so it is not inside.
bool inside(const ImGuiWindow* window, const ImGuiWindow* scope) {
  if (window->RootWindow != scope->RootWindow) return false;
  for (; window != nullptr; window = window->ParentWindow) {
    if (window == scope) return true;
  }
  return false;
}

}  // namespace

void BeginTabScope() {
  g_tab.scope = ImGui::GetCurrentWindow();
  g_tab.stops.clear();
}

void TextFieldTabFocus(const char* label) {
  // ImGui's own keyboard focus takes a text field into editing the way its Tab does, so that the
  // next keys typed land in it (ActivateItem alone lets the first frame's typing go astray).
  if (g_tab.scope == nullptr || g_tab.pending == 0 || g_tab.pending != ImGui::GetID(label)) return;
  ImGui::SetKeyboardFocusHere();
  g_tab.pending_text_field = true;
}

void TabStop() {
  ImGuiContext& g = *GImGui;
  const ImGuiID id = g.LastItemData.ID;
  if (g_tab.scope == nullptr || id == 0 || (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0) return;
  ImGuiWindow* window = g.CurrentWindow;
  // A popup drawn by the view (a combo's list, a dialog) has its own keyboard handling.
  if (!inside(window, g_tab.scope)) return;
  g_tab.stops.push_back({id, window});
  if (id == g_tab.pending) {
    // Drawn now, so ImGui also learns where the item is, which the arrow keys start from.
    g_tab.pending = 0;
    const bool editing_already = std::exchange(g_tab.pending_text_field, false);
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(id, window);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    ImGui::ScrollToBringRectIntoView(window, g.LastItemData.Rect);
    // A text field reached by Tab takes typing at once, as in any form (TextFieldTabFocus asked
    // for it before the field was drawn; other inputable items are activated here).
    const bool inputable = (g.LastItemData.InFlags & ImGuiItemFlags_Inputable) != 0;
    if (inputable && !editing_already) ImGui::ActivateItem(id);
  }
}

void EndTabScope() {
  ImGuiContext& g = *GImGui;
  ImGuiWindow* scope = g_tab.scope;
  g_tab.scope = nullptr;
  if (scope == nullptr || g_tab.stops.empty()) return;
  // A popup or dialog has the keyboard to itself.
  if (g.IO.KeyCtrl || g.IO.KeyAlt) return;
  if (g.NavWindow != nullptr && g.NavWindow->RootWindow != scope->RootWindow) return;
  if (!ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab))) return;
  const int count = static_cast<int>(g_tab.stops.size());
  // While one of our text fields is being edited, Tab leaves it for the next stop like any other
  // control: ImGui's own Tab would jump to the next text field only, skipping the buttons between
  // (the Team page's "Decline" after its reason). Its edit is kept; ImGui's move is cancelled.
  const bool editing = g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
  const ImGuiID at = editing ? g.ActiveId : g.NavId;
  int current = -1;
  for (int i = 0; i < count; ++i) {
    if (g_tab.stops[static_cast<std::size_t>(i)].id == at) current = i;
  }
  if (editing) {
    if (current < 0) return;  // a text field outside the cycle keeps Tab for ImGui
    ImGui::ClearActiveID();
    ImGui::NavMoveRequestCancel();
  }
  int next = 0;
  if (g.IO.KeyShift) {
    next = current < 0 ? count - 1 : (current + count - 1) % count;
  } else {
    next = current < 0 ? 0 : (current + 1) % count;
  }
  // From outside the scope (the side bar) Tab enters the view at its first control.
  if (current < 0 && g.NavWindow != nullptr && !inside(g.NavWindow, scope)) next = g.IO.KeyShift ? count - 1 : 0;
  g_tab.pending = g_tab.stops[static_cast<std::size_t>(next)].id;
}

}  // namespace ui
