// Settings: language, theme, scale, the account and where the data lives (settings_view.cpp).
#pragma once

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class SettingsView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_account(const AppState& state, Intents& out);
  bool confirming_sign_out_ = false;  // changes are pending: "Sign out" asks once more
};

}  // namespace stellwerk::client
