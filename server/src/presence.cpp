// Team presence (issue 15): a person may let their team see whether they plan to work in the
// office or remotely; the team view names those who agreed and only counts the others. The rules
// are core's (core/team_presence.hpp); this file reads the team and its plans and applies them.
//
// The team is the people with the same manager as the caller (employees.manager_id), the one
// grouping the data model has below a department; a department is too large to be a team, and
// somebody without a manager has no team. The opt-in is employees.presence_opt_in, in the schema
// since version 1 and written 0 for everybody, so nobody shares until they say so. Both routes read
// and write the live row: a change of the opt-in shows in every colleague's next request.
//
//   GET /api/v1/team/presence?from&to  403 team_too_small under kMinimumTeamSize people (nothing
//                                      else is answered then); 403 forbidden at a kiosk, whose
//                                      screen is shared; 400 invalid_parameter for a range that is
//                                      unreadable, backwards or longer than kMaxTeamPresenceDays.
//   PUT /api/v1/me/presence-sharing    {share}: idempotent, answers what is now stored.
#include <map>
#include <string>
#include <vector>

#include "messages.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/team_presence.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

struct Team {
  std::vector<TeamColleague> colleagues;  // never the caller
  int size = 1;                           // the caller included
};

Team read_team(sql::Connection& db, const Id& me) {
  Team team;
  sql::Statement rows{db,
                      "SELECT e.id, e.display_name, e.presence_opt_in FROM employees e "
                      "JOIN employees mine ON mine.id = ? AND e.manager_id = mine.manager_id "
                      "WHERE e.id <> mine.id ORDER BY e.id"};
  rows.bind_all(me);
  while (rows.step()) team.colleagues.push_back(TeamColleague{rows.text(0), rows.text(1), rows.integer(2) != 0});
  team.size = static_cast<int>(team.colleagues.size()) + 1;
  return team;
}

// The colleagues' planned modes by half day; a `day` entry stands for both halves.
std::vector<ColleagueHalf> read_plans(sql::Connection& db, const Id& me, Date from, Date to) {
  sql::Statement rows{db,
                      "SELECT w.employee_id, w.date, w.half, w.mode FROM workdays w "
                      "JOIN employees e ON e.id = w.employee_id "
                      "JOIN employees mine ON mine.id = ? AND e.manager_id = mine.manager_id "
                      "WHERE w.employee_id <> mine.id AND w.kind = 'planned' AND w.date BETWEEN ? AND ?"};
  rows.bind_all(me, format_date(from), format_date(to));
  std::vector<ColleagueHalf> plans;
  while (rows.step()) {
    const auto date = parse_date(rows.text(1));
    const auto half = parse_enum<HalfDay>(rows.text(2));
    const auto mode = parse_enum<WorkMode>(rows.text(3));
    if (!date || !half || !mode) throw StorageError("unreadable workday row " + rows.text(0) + " " + rows.text(1));
    for (const HalfDay h : {HalfDay::am, HalfDay::pm}) {
      if (*half == HalfDay::day || *half == h) plans.push_back(ColleagueHalf{rows.text(0), *date, h, *mode});
    }
  }
  return plans;
}

wire::TeamPresenceHalf wire_half(const TeamPresenceHalf& cell) {
  wire::TeamPresenceHalf half{cell.date, cell.half, {}, std::nullopt};
  for (const NamedPresence& named : cell.named) half.colleagues.push_back({named.display_name, named.mode});
  if (cell.office && cell.remote) half.others = wire::PresenceCounts{*cell.office, *cell.remote};
  return half;
}

Reply team_presence_reply(Call& call) {
  const Date from = call.date_query("from");
  const Date to = call.date_query("to");
  if (to < from || date::sys_days{to} - date::sys_days{from} >= date::days{kMaxTeamPresenceDays}) {
    fail(400, Refusal::invalid_parameter, "to");
  }
  if (call.me().kiosk_session) fail(403, Refusal::forbidden);
  const Id me = call.me().employee_id;
  return call.db.read([&](sql::Connection& db) {
    const Team team = read_team(db, me);
    if (!team_large_enough(team.size)) fail(403, Refusal::team_too_small);
    wire::TeamPresence answer{from, to, team.size, {}};
    for (const TeamPresenceHalf& cell : team_presence(team.colleagues, read_plans(db, me, from, to), from, to)) {
      answer.halves.push_back(wire_half(cell));
    }
    return Reply{200, wire::encode(answer)};
  });
}

Reply put_presence_sharing(Call& call) {
  const auto request = call.body_as<wire::PresenceSharing>();
  const Id me = call.me().employee_id;
  return call.write([&](sql::Connection& db) {
    sql::Statement{db, "UPDATE employees SET presence_opt_in = ? WHERE id = ?"}.bind_all(request.share, me).run();
    return Reply{200, wire::encode(request)};
  });
}

}  // namespace

std::vector<Route> presence_routes() {
  return {
      Route{"GET", "/api/v1/team/presence", Auth::employee, team_presence_reply},
      Route{"PUT", "/api/v1/me/presence-sharing", Auth::employee, put_presence_sharing},
  };
}

}  // namespace stellwerk::server
