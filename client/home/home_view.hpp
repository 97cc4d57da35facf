// Home ("Start"): today at a glance (home_view.cpp).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class HomeView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_bookings(const AppState& state, Intents& out);
  Id cancelling_;  // the booking whose cancellation waits for "Yes, cancel"
};

}  // namespace stellwerk::client
