// The Team page, for people who manage a team (Ctrl+6, shown only to them): the team's open
// requests to go over the remote share, each approved at once or declined with a reason, and
// every person's monthly totals with the month before and after, and the team's mandatory
// trainings in counts and shares. Never a single day: a manager decides on the share, not on
// where someone works on a Tuesday; and never who has not done a training.
#pragma once

#include <array>
#include <map>

#include "app_state.hpp"
#include "intents.hpp"

namespace stellwerk::client {

// Whether the Team page is offered: to a signed-in person with the manager role.
bool shows_team(const AppState& state);

class TeamView {
 public:
  void draw(const AppState& state, Intents& out);

 private:
  void draw_requests(const AppState& state, Intents& out);
  void draw_request(const AppState& state, const TeamRequest& request, Intents& out);
  void draw_members(const AppState& state, Intents& out);
  // The reason typed for each request; a reason is at most 500 bytes (ApprovalDecision allows
  // 500 characters, so it always fits).
  std::map<Id, std::array<char, 501>> reasons_;
};

}  // namespace stellwerk::client
