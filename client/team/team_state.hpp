// The Team page's state, for managers: their team's open requests to go over the remote share
// and each person's totals of one month. Read from the server when the page shows and after
// every sync round while it has been asked for; never stored, like the person's own approvals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/approvals.hpp"

namespace stellwerk::client {

struct TeamState {
  date::year_month month{};          // the month of the totals; unset (!ok) until the page first shows
  bool requested = false;            // asked for at least once since signing in
  bool busy = false;                 // a request is on its way
  std::optional<Instant> loaded_at;  // when the lists below were the server's answer
  std::vector<TeamRequest> requests;  // open ones, oldest first
  std::vector<TeamMonth> members;     // of `month`, by name
  std::optional<std::vector<TeamTraining>> trainings;  // the mandatory courses in counts; nullopt: not known
  bool team_too_small = false;       // the server keeps the counts from a team this small
  std::string error;                 // why the last request failed, in words
};

}  // namespace stellwerk::client
