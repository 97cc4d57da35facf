// Settings: language, theme, scale, the account and where the data lives (settings_view.cpp);
// for facility admins also the kiosk registry (kiosk_registry_view.cpp).
#pragma once

#include <array>

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

// Whether Settings shows the kiosk registry: to a signed-in facility admin only.
bool shows_kiosk_registry(const AppState& state);

class SettingsView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_account(const AppState& state, Intents& out);
  void draw_kiosks(const AppState& state, Intents& out);
  void draw_my_data(const AppState& state, Intents& out);
  void draw_new_token(const AppState& state, Intents& out);
  void draw_kiosk_list(const AppState& state, Intents& out);
  void draw_revoke_question(const KioskRow& kiosk, bool busy, Intents& out);
  void draw_kiosk_registration(const AppState& state, Intents& out);
  bool confirming_sign_out_ = false;  // changes are pending: "Sign out" asks once more
  Id revoking_;                       // the kiosk whose "Revoke" asks once more
  std::array<char, 101> new_kiosk_name_{};  // a kiosk name is at most 100 bytes (KioskRegistration)
  Id new_kiosk_building_;
};

}  // namespace stellwerk::client
