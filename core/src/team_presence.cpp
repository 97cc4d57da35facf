// Team presence (contracts in team_presence.hpp): what a team member may see of the others.
#include "stellwerk/core/team_presence.hpp"

#include <algorithm>
#include <map>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk {

bool team_large_enough(int size) { return size >= kMinimumTeamSize; }

bool reports_large_enough(int reports) { return reports >= kMinimumReports; }

bool shareable_mode(WorkMode mode) { return mode == WorkMode::office || mode == WorkMode::remote; }

std::vector<TeamPresenceHalf> team_presence(const std::vector<TeamColleague>& colleagues,
                                            const std::vector<ColleagueHalf>& plans, Date from, Date to) {
  std::map<Id, const TeamColleague*> by_id;
  for (const TeamColleague& c : colleagues) by_id[c.id] = &c;
  const auto unshared = std::count_if(colleagues.begin(), colleagues.end(), [](const auto& c) { return !c.shares; });
  const bool counted = unshared >= kMinimumUncountedGroup;

  std::vector<TeamPresenceHalf> halves;
  for (auto day = date::sys_days{from}; day <= date::sys_days{to}; day += date::days{1}) {
    const Date date{day};
    if (!is_working_day(date)) continue;
    for (const HalfDay half : {HalfDay::am, HalfDay::pm}) {
      TeamPresenceHalf cell{date, half, {}, std::nullopt, std::nullopt};
      if (counted) cell.office = cell.remote = 0;
      for (const ColleagueHalf& plan : plans) {
        if (plan.date != date || plan.half != half || !shareable_mode(plan.mode)) continue;
        const auto found = by_id.find(plan.colleague);
        if (found == by_id.end()) continue;
        if (found->second->shares) {
          cell.named.push_back(NamedPresence{found->second->display_name, plan.mode});
        } else if (counted) {
          ++*(plan.mode == WorkMode::office ? cell.office : cell.remote);
        }
      }
      std::ranges::sort(cell.named, {}, &NamedPresence::display_name);
      halves.push_back(std::move(cell));
    }
  }
  return halves;
}

}  // namespace stellwerk
