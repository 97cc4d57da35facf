// The spot states as the German interface words them, shared by the floor-plan and
// room-timeline tests.
#pragma once

#include <cstddef>

#include "stellwerk/widgets/floor_plan.hpp"
#include "stellwerk/widgets/icons.hpp"

namespace widget_tests {

inline ui::SpotStyles german_styles() {
  ui::SpotStyles styles;
  styles[static_cast<std::size_t>(ui::SpotState::free)] = {ui::icon::check, "frei"};
  styles[static_cast<std::size_t>(ui::SpotState::booked)] = {ui::icon::user, "gebucht"};
  styles[static_cast<std::size_t>(ui::SpotState::mine)] = {ui::icon::home, "meine Buchung"};
  styles[static_cast<std::size_t>(ui::SpotState::pending)] = {ui::icon::pending, "ausstehend"};
  styles[static_cast<std::size_t>(ui::SpotState::unavailable)] = {ui::icon::cancel, "nicht verfügbar"};
  styles[static_cast<std::size_t>(ui::SpotState::reserved_accessible)] = {ui::icon::accessible, "barrierefrei"};
  return styles;
}

}  // namespace widget_tests
