// Test support: where each ui:: widget was drawn in the last frame, so that a headless test can
// move the simulated mouse onto "###book" and click it like a person would. Production code never
// installs a locator; then recording is a single null-pointer check.
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
  void clear() { items_.clear(); }
  void record(std::string_view identity, ItemRect rect) { items_[std::string(identity)] = rect; }
  std::size_t size() const { return items_.size(); }

 private:
  std::unordered_map<std::string, ItemRect> items_;
};

// Installs (or, with nullptr, removes) the locator that ui:: widgets report to.
void install_locator(ItemLocator* locator);

// Records the last ImGui item under the identity part of `label` (after "###", else all of it).
void record_last_item(std::string_view label);

}  // namespace ui::testing
