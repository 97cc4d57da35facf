// The test locator's single global hook; see item_locator.hpp for why it exists.
#include "stellwerk/widgets/item_locator.hpp"

namespace ui::testing {
namespace {
ItemLocator* g_locator = nullptr;
}

std::optional<ItemRect> ItemLocator::find(std::string_view identity) const {
  const auto it = items_.find(std::string(identity));
  if (it == items_.end()) return std::nullopt;
  return it->second;
}

void install_locator(ItemLocator* locator) { g_locator = locator; }

bool recording() { return g_locator != nullptr; }

void record_last_item(std::string_view label) {
  if (g_locator == nullptr) return;
  const auto marker = label.find("###");
  const std::string_view identity = marker == std::string_view::npos ? label : label.substr(marker + 3);
  g_locator->record(identity, {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
  if (ImGui::IsItemFocused()) g_locator->record_focus(identity);
}

}  // namespace ui::testing
