// Going over the department's remote share, as the client knows it from the server: the person's
// own request of a month (the Quota of GET /api/v1/workdays) and, for a manager, the team's open
// requests and each person's monthly totals (GET /api/v1/approvals, /api/v1/team/months). Read
// by the sync engine, shown by the Wochenplan and the Team page; never a single day.
#pragma once

#include <cstdint>
#include <string>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

// none, pending with the manager, approved, rejected.
enum class ApprovalState : std::uint8_t { none, pending, approved, rejected, COUNT };

struct MonthApproval {
  int year = 0;
  unsigned month = 0;  // 1..12
  ApprovalState state = ApprovalState::none;
  std::string reason{};  // the manager's reason of a rejection; "" otherwise
};

// A request of someone in a manager's team: who, which month, the month's totals.
struct TeamRequest {
  Id id;
  Id employee_id;
  std::string display_name;
  date::year_month month{};
  double remote_days = 0;
  double allowed_days = 0;
};

// One mandatory course in a manager's team (GET /api/v1/team/trainings): how many of the team
// stand where (core/rules.hpp: MandatoryStanding), never who. Teams too small for counts that
// single nobody out (core/team_presence.hpp: team_large_enough) get none.
struct TeamTraining {
  Id course_id;
  std::string title;
  int team_size = 0;  // the people counted: those who report to the manager and must take it
  int completed = 0;
  int open = 0;
  int overdue = 0;
  int expired = 0;
  int not_enrolled = 0;
};

// One person of a manager's team with one month's totals (the Quota they see themselves).
struct TeamMonth {
  Id employee_id;
  std::string display_name;
  int working_days = 0;
  double remote_days = 0;
  double allowed_days = 0;
  double share_percent = 0;
  int max_percent = 0;
  ApprovalState approval = ApprovalState::none;
};

}  // namespace stellwerk
