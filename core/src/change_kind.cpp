#include "stellwerk/core/change_kind.hpp"

#include <array>

namespace stellwerk {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(ChangeKind::COUNT)> kNames = {
    "booking", "cancel", "move", "check_in", "workday", "enrollment", "completion", "favourite", "unfavourite",
    "presence_sharing", "work_time", "work_time_removal", "approval_decision", "withdrawal", "self_assessment",
    "place_edit", "place_removal", "floor_drawing", "other"};

}  // namespace

std::string_view change_kind_name(ChangeKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return index < kNames.size() ? kNames[index] : std::string_view("other");
}

std::optional<ChangeKind> parse_change_kind(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<ChangeKind>(i);
  }
  return std::nullopt;
}

}  // namespace stellwerk
