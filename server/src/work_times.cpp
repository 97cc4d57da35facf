// Working time on remote days (Arbeitszeit): a person's start, end and break of each remote day,
// validated by core's rules (core/working_time.hpp). The act's warnings are the client's to show;
// the server stores what happened and refuses only what cannot have happened.
//
// Who sees what: a person's working times are theirs alone. Every route reads and writes only the
// caller's own rows, no role (manager, facility admin) opens anyone else's, and the changes feed
// carries each change to that person's devices only (Audience{employee}), id = the date.
//
// A day must be remote to carry a time: recorded as remote, or planned remote and not recorded
// otherwise, whole day or one half (409 not_a_remote_day otherwise), because the working time the
// issue asks for is that of remote days; office days are recorded at the office. A day after today
// (Berlin) has not happened yet (409 day_in_future). A time already recorded stays when the day's
// plan later changes: it is what happened.
//
// PUT replaces the day's record and is idempotent; DELETE of a day without a record is 204 too, so
// that an offline client can replay its queue safely.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "changes.hpp"
#include "routes.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/working_time.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

constexpr int kMaxRangeDays = 366;

wire::WorkTime wire_work_time(const WorkTime& w) {
  return wire::WorkTime{w.date, format_clock_time(w.start), format_clock_time(w.end), w.break_minutes};
}

std::vector<WorkTime> work_times_between(sql::Connection& db, const Id& employee, Date from, Date to) {
  sql::Statement rows{db,
                      "SELECT date, start_minute, end_minute, break_minutes FROM work_times "
                      "WHERE employee_id = ? AND date BETWEEN ? AND ? ORDER BY date"};
  rows.bind_all(employee, format_date(from), format_date(to));
  std::vector<WorkTime> found;
  while (rows.step()) {
    const auto day = parse_date(rows.text(0));
    if (!day) throw StorageError(fmt::format("impossible date {} in work_times", rows.text(0)));
    found.push_back(WorkTime{*day, rows.integer(1), rows.integer(2), rows.integer(3)});
  }
  return found;
}

// The caller's workday entries of one day, planned and actual: what decides a remote day.
std::vector<Workday> entries_of(sql::Connection& db, const Id& employee, Date day) {
  sql::Statement rows{db, "SELECT half, mode, kind FROM workdays WHERE employee_id = ? AND date = ?"};
  rows.bind_all(employee, format_date(day));
  std::vector<Workday> entries;
  while (rows.step()) {
    const auto half = parse_enum<HalfDay>(rows.text(0));
    const auto mode = parse_enum<WorkMode>(rows.text(1));
    const auto kind = parse_enum<WorkdayKind>(rows.text(2));
    if (!half || !mode || !kind) throw StorageError("unknown value in workdays");
    entries.push_back(Workday{day, *half, *mode, *kind});
  }
  return entries;
}

Date path_date(const Call& call) {
  const auto day = parse_date(call.param(0));
  if (!day) fail(400, Refusal::invalid_parameter, "date");
  return *day;
}

MinuteOfDay clock_field(const std::string& text, const char* field) {
  const auto minute = parse_clock_time(text);
  if (!minute) fail(422, Refusal::invalid_wall_time, field);
  return *minute;
}

[[noreturn]] void refuse(Refusal reason) {
  switch (reason) {
    case Refusal::not_a_remote_day:
    case Refusal::day_in_future: fail(409, reason);
    case Refusal::invalid_time_range: fail(422, reason, "end");
    case Refusal::break_too_long: fail(422, reason, "break_minutes");
    default: fail(422, reason);
  }
}

Reply list_work_times(Call& call) {
  const Date from = call.date_query("from");
  const Date to = call.date_query("to");
  if (to < from || date::sys_days{to} - date::sys_days{from} >= date::days{kMaxRangeDays}) {
    fail(400, Refusal::invalid_parameter, "to");
  }
  const Id me = call.me().employee_id;
  return call.db.read([&](sql::Connection& db) {
    wire::WorkTimeList list;
    for (const WorkTime& w : work_times_between(db, me, from, to)) list.work_times.push_back(wire_work_time(w));
    return Reply{200, wire::encode(list)};
  });
}

Reply put_work_time(Call& call) {
  const Date day = path_date(call);
  const auto request = call.body_as<wire::WorkTimeRequest>();
  const WorkTime record{day, clock_field(request.start, "start"), clock_field(request.end, "end"), request.break_minutes};
  const Id me = call.me().employee_id;
  const Instant now = call.clock.now();
  return call.write([&](sql::Connection& db) {
    if (const auto refusal = work_time_refusal(record, entries_of(db, me, day), local_date(now))) refuse(*refusal);
    sql::Statement{db,
                   "INSERT INTO work_times (employee_id, date, start_minute, end_minute, break_minutes, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (employee_id, date) DO UPDATE SET "
                   "start_minute = excluded.start_minute, end_minute = excluded.end_minute, "
                   "break_minutes = excluded.break_minutes, updated_at = excluded.updated_at"}
        .bind_all(me, format_date(day), record.start, record.end, record.break_minutes, unix_seconds(now))
        .run();
    const wire::WorkTime saved = wire_work_time(record);
    record_change(db, "work_time", format_date(day), ChangeOp::upsert, wire::encode(saved), Audience{me, std::nullopt},
                  now);
    return Reply{200, wire::encode(saved)};
  });
}

Reply delete_work_time(Call& call) {
  const Date day = path_date(call);
  const Id me = call.me().employee_id;
  return call.write([&](sql::Connection& db) {
    if (work_times_between(db, me, day, day).empty()) return Reply{204, Json{}};
    sql::Statement{db, "DELETE FROM work_times WHERE employee_id = ? AND date = ?"}.bind_all(me, format_date(day)).run();
    record_change(db, "work_time", format_date(day), ChangeOp::remove, Json{}, Audience{me, std::nullopt},
                  call.clock.now());
    return Reply{204, Json{}};
  });
}

}  // namespace

std::vector<Route> work_time_routes() {
  return {
      Route{"GET", "/api/v1/worktimes", Auth::employee, list_work_times},
      Route{"PUT", "/api/v1/worktimes/{date}", Auth::employee, put_work_time},
      Route{"DELETE", "/api/v1/worktimes/{date}", Auth::employee, delete_work_time},
  };
}

void delete_work_times_before(sql::Connection& db, Date first_kept, Instant now) {
  std::vector<std::pair<Id, std::string>> expired;
  sql::Statement rows{db, "SELECT employee_id, date FROM work_times WHERE date < ? LIMIT ?"};
  rows.bind_all(format_date(first_kept), kRetentionBatch);
  while (rows.step()) expired.emplace_back(rows.text(0), rows.text(1));
  sql::Statement remove{db, "DELETE FROM work_times WHERE employee_id = ? AND date = ?"};
  for (const auto& [employee, day] : expired) {
    remove.reset();
    remove.bind_all(employee, day);
    remove.run();
    record_change(db, "work_time", day, ChangeOp::remove, Json{}, Audience{employee, std::nullopt}, now);
  }
}

}  // namespace stellwerk::server
