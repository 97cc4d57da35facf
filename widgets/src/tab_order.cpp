// The Tab cycle of tab_order.hpp. One scope per frame, on the UI thread only, like ImGui itself.
#include "stellwerk/widgets/tab_order.hpp"

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
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(id, window);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    ImGui::ScrollToBringRectIntoView(window, g.LastItemData.Rect);
    // A text field reached by Tab takes typing at once, as in any form.
    if ((g.LastItemData.InFlags & ImGuiItemFlags_Inputable) != 0) ImGui::ActivateItem(id);
  }
}

void EndTabScope() {
  ImGuiContext& g = *GImGui;
  ImGuiWindow* scope = g_tab.scope;
  g_tab.scope = nullptr;
  if (scope == nullptr || g_tab.stops.empty()) return;
  // A text field being edited keeps Tab for ImGui; a popup or dialog has the keyboard to itself.
  if (g.IO.WantTextInput || g.IO.KeyCtrl || g.IO.KeyAlt) return;
  if (g.NavWindow != nullptr && g.NavWindow->RootWindow != scope->RootWindow) return;
  if (!ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab))) return;
  const int count = static_cast<int>(g_tab.stops.size());
  int current = -1;
  for (int i = 0; i < count; ++i) {
    if (g_tab.stops[static_cast<std::size_t>(i)].id == g.NavId) current = i;
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
