// Schedule: the person's week plan (schedule_view.cpp).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class ScheduleView {
 public:
  void draw(const AppState& state, Intents& out);
};

}  // namespace stellwerk::client
