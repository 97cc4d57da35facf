// Training: the courses, the person's enrolments and what is due (training_view.cpp).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class TrainingView {
 public:
  void draw(const AppState& state, Intents& out);
};

}  // namespace stellwerk::client
