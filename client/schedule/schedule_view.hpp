// Schedule: the person's week plan (schedule_view.cpp), the month of plan and actual (month_view.cpp) and "my usual week" (usual_week_view.cpp).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class ScheduleView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_usual_week(const AppState& state, Intents& out);
  void draw_month(const AppState& state, Intents& out);  // month_view.cpp
  int usual_weeks_ = 4;  // how many weeks "Apply it to" plans
};

}  // namespace stellwerk::client
