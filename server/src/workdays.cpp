// Day plans (workdays), the monthly remote-work share and its approvals.
//
// Entries: one row per (person, date, half, kind). A `day` entry replaces both halves of the
// same kind; a half entry splits an existing `day` entry of the same kind, the other half
// keeping its mode. Deleting one half of a `day` entry splits it the same way and removes that
// half. Planned and actual entries never touch each other.
//
// Working days: a *planned* office or remote entry on a weekend (409 not_a_working_day) or an
// NRW public holiday (409 holiday) is refused, because it would announce presence or remote
// work on a day nobody works and the quota would silently ignore it. Leave, training, travel
// and off may be planned on any day (weekend seminars and journeys happen), and *actual*
// entries record what really happened, so they are accepted on every day.
//
// Quota: only planned remote entries on working days count (core's remote_month, which the
// Wochenplan shows too). A change
// that raises the month's remote share above the department's max_percent is refused with 409
// quota_exceeded when the department says `refused` (nothing is stored: the Problem rolls back
// the write job), or saved and sent to the manager as a pending approval for that month when it
// says `needs_approval`; a decided request goes back to pending when the share rises further.
// A change that does not raise the share is never refused, so someone already over the limit
// can always move back under it; once the month is within the share again, a still-pending
// request is withdrawn. Managers see their own team's pending requests as monthly totals only,
// never which days someone works where.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "changes.hpp"
#include "crypto.hpp"
#include "messages.hpp"
#include "reference.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

constexpr int kMaxRangeDays = 366;

Instant from_unix_seconds(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

std::string month_text(date::year_month ym) { return fmt::format("{:04}-{:02}", int{ym.year()}, unsigned{ym.month()}); }

date::year_month month_of(Date day) { return date::year_month{day.year(), day.month()}; }

// A month as stored in approvals ("YYYY-MM", written by this file).
date::year_month parse_month(const std::string& text) {
  const auto first = parse_date(text + "-01");
  if (!first) throw StorageError(fmt::format("approval month {} is not YYYY-MM", text));
  return month_of(*first);
}

std::string workday_id(const Workday& w) {
  return fmt::format("{}/{}/{}", format_date(w.date), to_string(w.half), to_string(w.kind));
}

wire::Workday wire_workday(const Workday& w) { return wire::Workday{w.date, w.half, w.mode, w.kind}; }

template <typename Enum>
Enum stored_enum(const std::string& text) {
  const auto value = parse_enum<Enum>(text);
  if (!value) throw StorageError(fmt::format("unknown value {} in workdays", text));
  return *value;
}

Workday read_workday(const sql::Statement& row) {
  const auto day = parse_date(row.text(0));
  if (!day) throw StorageError(fmt::format("impossible date {} in workdays", row.text(0)));
  return Workday{*day, stored_enum<HalfDay>(row.text(1)), stored_enum<WorkMode>(row.text(2)),
                 stored_enum<WorkdayKind>(row.text(3))};
}

// Entries of one person between two dates (inclusive), by date, kind, then day/am/pm.
std::vector<Workday> workdays_between(sql::Connection& db, const Id& employee, Date from, Date to, bool planned_only) {
  sql::Statement rows{db,
                      "SELECT date, half, mode, kind FROM workdays WHERE employee_id = ? AND date BETWEEN ? AND ? "
                      "AND (? = 0 OR kind = 'planned') "
                      "ORDER BY date, kind, CASE half WHEN 'day' THEN 0 WHEN 'am' THEN 1 ELSE 2 END"};
  rows.bind_all(employee, format_date(from), format_date(to), planned_only);
  std::vector<Workday> result;
  while (rows.step()) result.push_back(read_workday(rows));
  return result;
}

std::vector<Workday> planned_in_month(sql::Connection& db, const Id& employee, date::year_month ym) {
  return workdays_between(db, employee, ym / 1, date::year_month_day{ym / date::last}, true);
}

// The month's remote share by core's one definition, which the Wochenplan shows as well.
RemoteMonth remote_month_of(sql::Connection& db, const Id& employee, const DepartmentPolicy& policy,
                            date::year_month ym) {
  return remote_month(policy, planned_in_month(db, employee, ym), int{ym.year()}, unsigned{ym.month()});
}

template <typename Enum>
Enum stored_wire_enum(const std::string& text) {
  const auto value = wire::EnumNames<Enum>::parse(text);
  if (!value) throw StorageError(fmt::format("unknown value {} in approvals", text));
  return *value;
}

// The month's request and, when declined, the manager's reason.
std::pair<wire::QuotaApproval, std::optional<std::string>> approval_state(sql::Connection& db, const Id& employee,
                                                                          date::year_month ym) {
  sql::Statement row{db, "SELECT state, reason FROM approvals WHERE employee_id = ? AND month = ?"};
  row.bind_all(employee, month_text(ym));
  if (!row.step()) return {wire::QuotaApproval::none, std::nullopt};
  return {stored_wire_enum<wire::QuotaApproval>(row.text(0)), row.optional_text(1)};
}

wire::Quota quota_of(sql::Connection& db, const Id& employee, const DepartmentPolicy& policy, date::year_month ym) {
  const RemoteMonth totals = remote_month_of(db, employee, policy, ym);
  auto [approval, reason] = approval_state(db, employee, ym);
  return wire::Quota{month_text(ym),
                     totals.working_days,
                     totals.remote_half_days / 2.0,
                     totals.allowed_days,
                     totals.share_percent,
                     policy.remote_share_percent,
                     policy.over_quota,
                     approval,
                     std::move(reason)};
}

// --- Entries -------------------------------------------------------------------------------

std::optional<WorkMode> stored_mode(sql::Connection& db, const Id& employee, Date day, HalfDay half, WorkdayKind kind) {
  sql::Statement row{db, "SELECT mode FROM workdays WHERE employee_id = ? AND date = ? AND half = ? AND kind = ?"};
  row.bind_all(employee, format_date(day), to_string(half), to_string(kind));
  if (!row.step()) return std::nullopt;
  return stored_enum<WorkMode>(row.text(0));
}

void store(sql::Connection& db, const Id& employee, const Workday& w, Instant now) {
  sql::Statement{db,
                 "INSERT INTO workdays (employee_id, date, half, kind, mode, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (employee_id, date, half, kind) DO UPDATE SET mode = excluded.mode, "
                 "updated_at = excluded.updated_at"}
      .bind_all(employee, format_date(w.date), to_string(w.half), to_string(w.kind), to_string(w.mode),
                unix_seconds(now))
      .run();
  record_change(db, "workday", workday_id(w), ChangeOp::upsert, wire::encode(wire_workday(w)), Audience{employee, std::nullopt}, now);
}

void erase(sql::Connection& db, const Id& employee, const Workday& w, Instant now) {
  sql::Statement{db, "DELETE FROM workdays WHERE employee_id = ? AND date = ? AND half = ? AND kind = ?"}
      .bind_all(employee, format_date(w.date), to_string(w.half), to_string(w.kind))
      .run();
  record_change(db, "workday", workday_id(w), ChangeOp::remove, Json{}, Audience{employee, std::nullopt}, now);
}

HalfDay other_half(HalfDay half) { return half == HalfDay::am ? HalfDay::pm : HalfDay::am; }

// Replaces a `day` entry of the same kind by its other half, so that `half` can be set or
// removed on its own. False when there is no `day` entry.
bool split_day(sql::Connection& db, const Id& employee, Date day, HalfDay half, WorkdayKind kind, Instant now) {
  const auto whole = stored_mode(db, employee, day, HalfDay::day, kind);
  if (!whole) return false;
  erase(db, employee, Workday{day, HalfDay::day, *whole, kind}, now);
  store(db, employee, Workday{day, other_half(half), *whole, kind}, now);
  return true;
}

void put_entry(sql::Connection& db, const Id& employee, const Workday& w, Instant now) {
  if (w.half == HalfDay::day) {
    for (const HalfDay half : {HalfDay::am, HalfDay::pm}) {
      if (const auto mode = stored_mode(db, employee, w.date, half, w.kind)) {
        erase(db, employee, Workday{w.date, half, *mode, w.kind}, now);
      }
    }
  } else {
    split_day(db, employee, w.date, w.half, w.kind, now);
  }
  store(db, employee, w, now);
}

void remove_entry(sql::Connection& db, const Id& employee, Date day, HalfDay half, WorkdayKind kind, Instant now) {
  if (const auto mode = stored_mode(db, employee, day, half, kind)) {
    erase(db, employee, Workday{day, half, *mode, kind}, now);
    return;
  }
  // One half of a `day` entry: what is left is the other half.
  if (half != HalfDay::day && split_day(db, employee, day, half, kind, now)) return;
  fail(404, Refusal::workday_not_found);
}

// --- Quota ---------------------------------------------------------------------------------

// Applies the department's rule after a change of planned entries in `ym` (see the top of the
// file). Throws 409 quota_exceeded to roll the change back.
void enforce_quota(sql::Connection& db, const Id& employee, const DepartmentPolicy& policy, date::year_month ym,
                   const RemoteMonth& before, Instant now) {
  const RemoteMonth after = remote_month_of(db, employee, policy, ym);
  if (!after.exceeded) {
    sql::Statement{db, "DELETE FROM approvals WHERE employee_id = ? AND month = ? AND state = 'pending'"}
        .bind_all(employee, month_text(ym))
        .run();
    return;
  }
  if (const auto refusal = quota_refusal(policy, before, after)) fail(409, *refusal);
  if (after.remote_half_days <= before.remote_half_days) return;
  sql::Statement{db,
                 "INSERT INTO approvals (id, employee_id, month, state, requested_at) VALUES (?, ?, ?, 'pending', ?) "
                 "ON CONFLICT (employee_id, month) DO UPDATE SET state = 'pending', "
                 "requested_at = excluded.requested_at, decided_at = NULL, decided_by = NULL, reason = NULL "
                 "WHERE state <> 'pending'"}
      .bind_all(crypto::random_id("apr"), employee, month_text(ym), unix_seconds(now))
      .run();
}

// Runs `change` on the caller's entries of `day` and applies the quota rule to its month.
template <typename Change>
wire::Quota change_month(sql::Connection& db, const Principal& me, Date day, WorkdayKind kind, Instant now,
                  const Change& change) {
  const DepartmentPolicy policy = department_policy(db, me.department_id);
  const date::year_month ym = month_of(day);
  const RemoteMonth before = remote_month_of(db, me.employee_id, policy, ym);
  change();
  if (kind == WorkdayKind::planned) enforce_quota(db, me.employee_id, policy, ym, before, now);
  return quota_of(db, me.employee_id, policy, ym);
}

Date path_date(const Call& call) {
  const auto day = parse_date(call.param(0));
  if (!day) fail(400, Refusal::invalid_parameter, "date");
  return *day;
}

template <typename Enum>
Enum enum_query(const Call& call, const std::string& name) {
  const auto text = call.query(name);
  const auto value = text ? parse_enum<Enum>(*text) : std::nullopt;
  if (!value) fail(400, Refusal::invalid_parameter, name);
  return *value;
}

Reply list_workdays(Call& call) {
  const Date from = call.date_query("from");
  const Date to = call.date_query("to");
  if (to < from || date::sys_days{to} - date::sys_days{from} >= date::days{kMaxRangeDays}) {
    fail(400, Refusal::invalid_parameter, "to");
  }
  const Principal& me = call.me();
  return call.db.read([&](sql::Connection& db) {
    wire::WorkdayList list;
    for (const Workday& w : workdays_between(db, me.employee_id, from, to, false)) {
      list.workdays.push_back(wire_workday(w));
    }
    const DepartmentPolicy policy = department_policy(db, me.department_id);
    for (auto ym = month_of(from); ym <= month_of(to); ym += date::months{1}) {
      list.months.push_back(quota_of(db, me.employee_id, policy, ym));
    }
    return Reply{200, wire::encode(list)};
  });
}

Reply put_workday(Call& call) {
  const Date day = path_date(call);
  const auto request = call.body_as<wire::WorkdayRequest>();
  const Workday entry{day, request.half, request.mode, request.kind};
  if (const auto refusal = plan_day_refusal(entry)) fail(409, *refusal);
  const Principal& me = call.me();
  const Instant now = call.clock.now();
  return call.write([&](sql::Connection& db) {
    wire::Quota month = change_month(db, me, day, entry.kind, now, [&] { put_entry(db, me.employee_id, entry, now); });
    return Reply{200, wire::encode(wire::WorkdaySaved{wire_workday(entry), month})};
  });
}

Reply delete_workday(Call& call) {
  const Date day = path_date(call);
  const auto half = enum_query<HalfDay>(call, "half");
  const auto kind = enum_query<WorkdayKind>(call, "kind");
  const Principal& me = call.me();
  const Instant now = call.clock.now();
  return call.write([&](sql::Connection& db) {
    change_month(db, me, day, kind, now, [&] { remove_entry(db, me.employee_id, day, half, kind, now); });
    return Reply{204, Json{}};
  });
}

// --- Approvals -----------------------------------------------------------------------------

void require_manager(const Call& call) {
  if (!call.me().has(Role::manager)) fail(403, Refusal::forbidden);
}

constexpr std::string_view kApprovalQuery =
    "SELECT a.id, a.employee_id, e.display_name, e.department_id, a.month, a.state, a.requested_at, a.decided_at, "
    "a.reason "
    "FROM approvals a JOIN employees e ON e.id = a.employee_id WHERE e.manager_id = ? ";

// A request as its manager sees it: who, which month and the month's totals, no dates.
wire::Approval read_approval(sql::Connection& db, const sql::Statement& row) {
  const Id employee = row.text(1);
  const date::year_month ym = parse_month(row.text(4));
  const RemoteMonth totals = remote_month_of(db, employee, department_policy(db, row.text(3)), ym);
  return wire::Approval{row.text(0),
                        employee,
                        row.text(2),
                        month_text(ym),
                        stored_wire_enum<wire::ApprovalState>(row.text(5)),
                        from_unix_seconds(row.int64(6)),
                        row.is_null(7) ? std::nullopt : std::optional<Instant>{from_unix_seconds(row.int64(7))},
                        totals.remote_half_days / 2.0,
                        totals.allowed_days,
                        row.optional_text(8)};
}

// The request `id` if it belongs to someone `manager` manages.
std::optional<wire::Approval> team_approval(sql::Connection& db, const Id& manager, const Id& id) {
  sql::Statement row{db, std::string{kApprovalQuery} + "AND a.id = ?"};
  row.bind_all(manager, id);
  if (!row.step()) return std::nullopt;
  return read_approval(db, row);
}

Reply list_approvals(Call& call) {
  require_manager(call);
  const Id me = call.me().employee_id;
  return call.db.read([&](sql::Connection& db) {
    Json approvals = Json::array();
    sql::Statement rows{db, std::string{kApprovalQuery} + "AND a.state = 'pending' ORDER BY a.requested_at, a.id"};
    rows.bind_all(me);
    while (rows.step()) approvals.push_back(wire::encode(read_approval(db, rows)));
    return Reply{200, std::move(approvals)};
  });
}

Reply decide_approval(Call& call) {
  require_manager(call);
  const Id approval_id = call.param(0);
  const auto request = call.body_as<wire::ApprovalDecision>();
  const bool decline = request.decision == wire::Decision::reject;
  if (const auto refusal = decision_refusal(decline, request.reason.value_or(""))) fail(422, *refusal, "reason");
  // An approval carries no reason: the employee reads "approved", nothing else.
  const std::optional<std::string> reason = decline ? request.reason : std::nullopt;
  const Id me = call.me().employee_id;
  const Instant now = call.clock.now();
  return call.write([&](sql::Connection& db) {
    const auto current = team_approval(db, me, approval_id);
    if (!current) fail(404, Refusal::approval_not_found);
    if (current->state != wire::ApprovalState::pending) fail(409, Refusal::approval_decided);
    sql::Statement{db, "UPDATE approvals SET state = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ?"}
        .bind_all(decline ? "rejected" : "approved", unix_seconds(now), me, reason, approval_id)
        .run();
    return Reply{200, wire::encode(*team_approval(db, me, approval_id))};
  });
}

// GET /api/v1/team/months?month=YYYY-MM: each person the manager manages with that month's
// totals (the Quota they see themselves), by name. Never a day: a manager decides on the share,
// not on where someone works on a Tuesday.
Reply team_months(Call& call) {
  require_manager(call);
  const auto text = call.query("month");
  const auto first = text && text->size() == 7 ? parse_date(*text + "-01") : std::nullopt;
  if (!first) fail(400, Refusal::invalid_parameter, "month");
  const date::year_month ym = month_of(*first);
  const Id me = call.me().employee_id;
  return call.db.read([&](sql::Connection& db) {
    Json members = Json::array();
    sql::Statement rows{db, "SELECT id, display_name, department_id FROM employees WHERE manager_id = ? "
                            "ORDER BY display_name, id"};
    rows.bind_all(me);
    while (rows.step()) {
      const Id employee = rows.text(0);
      const DepartmentPolicy policy = department_policy(db, rows.text(2));
      members.push_back(wire::encode(wire::TeamMember{employee, rows.text(1), quota_of(db, employee, policy, ym)}));
    }
    return Reply{200, std::move(members)};
  });
}

}  // namespace

std::vector<Route> workday_routes() {
  return {
      Route{"GET", "/api/v1/workdays", Auth::employee, list_workdays},
      Route{"PUT", "/api/v1/workdays/{date}", Auth::employee, put_workday},
      Route{"DELETE", "/api/v1/workdays/{date}", Auth::employee, delete_workday},
      Route{"GET", "/api/v1/approvals", Auth::employee, list_approvals},
      Route{"POST", "/api/v1/approvals/{id}", Auth::employee, decide_approval},
      Route{"GET", "/api/v1/team/months", Auth::employee, team_months},
  };
}

void delete_plans_before(sql::Connection& db, Date first_kept, Instant now) {
  const std::string first = format_date(first_kept);
  std::vector<std::pair<Id, Workday>> expired;
  sql::Statement rows{db, "SELECT date, half, mode, kind, employee_id FROM workdays WHERE date < ? LIMIT ?"};
  rows.bind_all(first, kRetentionBatch);
  while (rows.step()) expired.emplace_back(rows.text(4), read_workday(rows));
  for (const auto& [employee, workday] : expired) erase(db, employee, workday, now);
  // A month's approval goes with the month's last day ("YYYY-MM" sorts before "YYYY-MM-DD").
  sql::Statement{db, "DELETE FROM approvals WHERE month || '-31' < ?"}.bind_all(first).run();
}

}  // namespace stellwerk::server
