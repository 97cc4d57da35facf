// Team presence: who of my team plans to work in the office or remotely, shown only as far as
// each person agreed. The rules live here once; the server applies them (server/src/presence.cpp)
// and the client only explains them.
//
// - A team is the people who have the same manager as the caller. Somebody without a manager has
//   no team. A team of fewer than kMinimumTeamSize people (the caller included) sees nothing at
//   all: the server refuses with team_too_small.
// - Only the two modes "office" and "remote" of the *plan* are ever shared. Leave, training,
//   travel, off and an unplanned day are never shown, not even as a count: an opted-in person on
//   leave simply does not appear that day.
// - Colleagues who opted in are named with their mode. Everyone else is only counted (office,
//   remote), and only when at least kMinimumUncountedGroup colleagues did not opt in: with one or
//   two, a count would tell exactly what those one or two do, so the counts are withheld.
// - The caller is never in the answer, neither named nor counted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

inline constexpr int kMinimumTeamSize = 5;          // people, the caller included
inline constexpr int kMinimumReports = kMinimumTeamSize - 1;  // a manager's reports, the manager not counted
inline constexpr int kMinimumUncountedGroup = 3;     // colleagues without opt-in before counts are given
inline constexpr int kMaxTeamPresenceDays = 42;      // the longest range one request may ask for

// Whether a team of `size` people (the caller included) may see its presence at all.
bool team_large_enough(int size);
// Whether a manager may see counts over `reports` people who report to them (the manager not
// among them): the same group as team_large_enough with the manager, so that no count singles
// one person out. The server asks it for the whole team (403 team_too_small) and for each
// mandatory course's people (a course mandatory for fewer is left out of the counts).
bool reports_large_enough(int reports);
// Whether a mode is one that may be shared: office or remote.
bool shareable_mode(WorkMode mode);

struct TeamColleague {
  Id id;
  std::string display_name;
  bool shares = false;  // opted in to show office or remote by name
};

// One colleague's planned mode for one half day (am or pm).
struct ColleagueHalf {
  Id colleague;
  Date date{};
  HalfDay half = HalfDay::am;
  WorkMode mode = WorkMode::office;
};

struct NamedPresence {
  std::string display_name;
  WorkMode mode = WorkMode::office;  // office or remote, nothing else
};

struct TeamPresenceHalf {
  Date date{};
  HalfDay half = HalfDay::am;
  std::vector<NamedPresence> named;   // by name
  // The colleagues who did not opt in, counted; nullopt when there are too few to count them.
  std::optional<int> office;
  std::optional<int> remote;
};

// The halves (am, pm) of every working day in [from, to] with what `colleagues` (never the
// caller) may show of `plans`. Plans of people not in `colleagues` are ignored.
std::vector<TeamPresenceHalf> team_presence(const std::vector<TeamColleague>& colleagues,
                                            const std::vector<ColleagueHalf>& plans, Date from, Date to);

}  // namespace stellwerk

namespace stellwerk {

// What a client last heard from the server about its team, kept for offline use: either the
// halves of [from, to] or the refusal that the team is too small.
struct TeamPresenceSnapshot {
  Date from{};
  Date to{};
  bool team_too_small = false;
  int team_size = 0;  // the caller included; 0 when refused
  Instant fetched_at{};
  std::vector<TeamPresenceHalf> halves;
};

}  // namespace stellwerk
