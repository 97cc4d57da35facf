// The Team page's state, for managers: their team's open requests to go over the remote share
// and each person's totals of one month. Read from the server when the page shows and after
// every sync round while it has been asked for; never stored, like the person's own approvals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schedule/schedule_state.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

// A request of someone in the team: who, which month, the month's totals; never a day.
struct TeamRequestRow {
  Id id;
  std::string display_name;
  date::year_month month{};
  double remote_days = 0;
  double allowed_days = 0;
};

// One person with a month's remote share, as they see it themselves.
struct TeamMemberRow {
  Id employee_id;
  std::string display_name;
  int working_days = 0;
  double remote_days = 0;
  double allowed_days = 0;
  double share_percent = 0;
  int max_percent = 0;
  ApprovalState approval = ApprovalState::none;
};

struct TeamState {
  date::year_month month{};          // the month of the totals; unset (!ok) until the page first shows
  bool requested = false;            // asked for at least once since signing in
  bool busy = false;                 // a request is on its way
  std::optional<Instant> loaded_at;  // when the lists below were the server's answer
  std::vector<TeamRequestRow> requests;  // open ones, oldest first
  std::vector<TeamMemberRow> members;    // of `month`, by name
  std::string error;                 // why the last request failed, in words
};

}  // namespace stellwerk::client
