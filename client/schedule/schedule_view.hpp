// Schedule: the person's week plan (schedule_view.cpp) and "my usual week" (usual_week_view.cpp).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class ScheduleView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_usual_week(const AppState& state, Intents& out);
  int usual_weeks_ = 4;  // how many weeks "Apply it to" plans
};

}  // namespace stellwerk::client
