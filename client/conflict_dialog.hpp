// A modal dialog over every view when the server refused a booking (conflict_dialog.cpp).
#pragma once

#include <cstdint>
#include <set>

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

// The server's reason and the nearest free places with the same features to book instead. A
// refusal the person answered or put off ("Decide later") is not asked about again in this
// session; it stays on Home until dismissed.
class ConflictDialog {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  std::set<std::int64_t> put_aside_;  // mutation ids
  std::int64_t shown_ = 0;            // the mutation id the open dialog is about; 0: none
};

}  // namespace stellwerk::client
