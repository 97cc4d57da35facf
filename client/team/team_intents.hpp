// What a manager asks for on the Team page (team_handler.hpp applies it).
#pragma once

#include <string>

#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

// Read the team's requests and the month's totals from the server again.
struct RefreshTeam {};
// Show the totals of another month.
struct ShowTeamMonth { date::year_month month; };
// Approve a request, or decline it with a reason the employee reads (core's decision_refusal).
// `what` names it in the notices ("Alex Demir, December 2026").
struct DecideRequest {
  Id request_id;
  bool decline = false;
  std::string reason;
  std::string what;
};

}  // namespace stellwerk::client
