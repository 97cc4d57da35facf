// The sign-in screen (sign_in_view.cpp), shown instead of the views while nobody is signed in
// (needs_sign_in in app_state.hpp).
#pragma once

#include <array>

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

class SignInView {
 public:
  void draw(const AppState& state, Intents& out);
  // The screen was not drawn this frame: the next time it appears it is filled in afresh.
  void hidden();

 private:
  void prefill(const AppState& state);
  void submit(Intents& out);

  std::array<char, 512> server_{};
  std::array<char, 256> username_{};
  std::array<char, 256> password_{};
  const char* hint_ = nullptr;  // untranslated: why the form was not sent (translated when drawn)
  bool shown_ = false;
  bool focus_ = false;          // put the keyboard focus into the first empty field
};

}  // namespace stellwerk::client
