// Schedule: the person's week plan (schedule_view.cpp), the month of plan and actual (month_view.cpp),
// "my usual week" (usual_week_view.cpp) and
// the working time of remote days (work_time_view.cpp).
#pragma once

#include <array>
#include <optional>

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
  // work_time_view.cpp: the editor's working time of a remote day, and the week's worked hours.
  void draw_work_time(const AppState& state, Date day, Intents& out);
  static void draw_week_hours(const AppState& state);
  struct WorkTimeFields {
    std::optional<Date> day;             // the day the fields were filled for
    std::optional<WorkTime> filled_from;  // the stored record they were filled from
    std::array<char, 6> start{}, end{};  // "HH:MM"
    std::array<char, 5> pause{};         // minutes
  } work_time_;
};

}  // namespace stellwerk::client
