// Test support: where each ui:: widget was drawn in the last frame, so that a headless test can
// move the simulated mouse onto "###book" and click it like a person would. The window installs one
// only when STELLWERK_UI_MAP asks for a map of its controls (client/app.cpp), for automation with
// real mouse clicks; otherwise recording is a single null-pointer check.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <imgui.h>

namespace ui::testing {

struct ItemRect {
  ImVec2 min;
  ImVec2 max;
  ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

class ItemLocator {
 public:
  std::optional<ItemRect> find(std::string_view identity) const;
  void clear() {
    items_.clear();
    focused_.clear();
  }
  void record(std::string_view identity, ItemRect rect) { items_[std::string(identity)] = rect; }
  // The identity of the recorded item that has the keyboard focus ("" when none has), so that a
  // keyboard-only test can tell where its arrow keys got to.
  const std::string& focused() const { return focused_; }
  void record_focus(std::string_view identity) { focused_ = identity; }
  std::size_t size() const { return items_.size(); }
  const std::unordered_map<std::string, ItemRect>& items() const { return items_; }

 private:
  std::unordered_map<std::string, ItemRect> items_;
  std::string focused_;
};

// Installs (or, with nullptr, removes) the locator that ui:: widgets report to.
void install_locator(ItemLocator* locator);

// Records the last ImGui item under the identity part of `label` (after "###", else all of it).
void record_last_item(std::string_view label);

// Whether a locator is installed: widgets that build an identity string per item (a floor plan
// of 500 desks) check this first, so that production frames never pay for those strings.
bool recording();

}  // namespace ui::testing
