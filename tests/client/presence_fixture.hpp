// A team presence answer for the fixture's week (fixture_state.hpp), for the team section's tests
// and its layout page.
#pragma once

#include <chrono>

#include "app_state.hpp"
#include "fixture_state.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client::testing {

// The week of the fixture: Monday named colleagues and counts, Tuesday counts withheld, the rest
// of the week nobody planned.
inline TeamPresenceSnapshot fixture_presence(const AppState& state) {
  TeamPresenceSnapshot snapshot;
  snapshot.from = kMonday;
  snapshot.to = add_days(kMonday, 34);
  snapshot.team_size = 12;
  snapshot.fetched_at = *state.now - std::chrono::hours{2};
  for (int d = 0; d < 5; ++d) {
    for (const HalfDay half : {HalfDay::am, HalfDay::pm}) {
      TeamPresenceHalf cell{add_days(kMonday, d), half, {}, 0, 0};
      if (d == 0) {
        cell.named = {{"Noah Richter", WorkMode::office}, {"Paul Klein", WorkMode::remote}};
        cell.office = 3;
        cell.remote = half == HalfDay::am ? 2 : 1;
      } else if (d == 1) {
        cell.office = cell.remote = std::nullopt;
      }
      snapshot.halves.push_back(cell);
    }
  }
  return snapshot;
}

}  // namespace stellwerk::client::testing
