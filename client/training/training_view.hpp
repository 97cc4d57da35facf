// Training: the catalogue with its search and filters, and the person's own enrolments
// (training_view.cpp).
#pragma once

#include <array>

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class TrainingView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_filters(const AppState& state, Intents& out);

  std::array<char, 121> search_{};  // what is typed into the search field
  bool editing_search_ = false;     // the field has the keyboard focus
};

}  // namespace stellwerk::client
