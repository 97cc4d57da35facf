// PlanCache: the person's planned and actual workdays (see plan_cache.hpp).
#include <fmt/format.h>

#include "codec.hpp"
#include "stellwerk/sync/store/plan_cache.hpp"
#include "store_database.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

using sql::Statement;
using sql::Transaction;

}  // namespace

std::vector<Workday> PlanCache::my_workdays(Date from, Date to) const {
  std::vector<Workday> workdays;
  Statement s{db_->connection,
              "SELECT date, half, mode, kind FROM workdays WHERE date BETWEEN ? AND ? ORDER BY date, "
              "CASE half WHEN 'day' THEN 0 WHEN 'am' THEN 1 ELSE 2 END, CASE kind WHEN 'planned' THEN 0 ELSE 1 END"};
  s.bind_all(codec::date_text(from), codec::date_text(to));
  while (s.step()) {
    workdays.push_back({*rows::stored_date(s, 0), rows::stored_enum<HalfDay>(s, 1), rows::stored_enum<WorkMode>(s, 2),
                        rows::stored_enum<WorkdayKind>(s, 3)});
  }
  return workdays;
}

void PlanCache::upsert_workday(const Workday& workday) {
  Transaction transaction{db_->connection, Transaction::Kind::immediate};
  rows::write_workday(db_->connection, workday);
  transaction.commit();
}

void PlanCache::plan_workday(const Workday& workday) {
  auto& db = db_->connection;
  const std::string day = codec::date_text(workday.date);
  const std::string_view kind = to_string(workday.kind);
  Transaction transaction{db, Transaction::Kind::immediate};
  if (workday.half == HalfDay::day) {
    Statement{db, "DELETE FROM workdays WHERE date = ? AND kind = ? AND half IN ('am', 'pm')"}
        .bind_all(day, kind)
        .run();
  } else {
    Statement whole{db, "SELECT mode FROM workdays WHERE date = ? AND kind = ? AND half = 'day'"};
    whole.bind_all(day, kind);
    if (whole.step()) {
      // Split the whole-day plan: the other half keeps the mode the day had.
      const WorkMode previous = rows::stored_enum<WorkMode>(whole, 0);
      const HalfDay other = workday.half == HalfDay::am ? HalfDay::pm : HalfDay::am;
      Statement{db, "DELETE FROM workdays WHERE date = ? AND kind = ? AND half = 'day'"}.bind_all(day, kind).run();
      Statement{db, "INSERT OR IGNORE INTO workdays (date, half, kind, mode) VALUES (?, ?, ?, ?)"}
          .bind_all(day, to_string(other), kind, to_string(previous))
          .run();
    }
  }
  rows::write_workday(db, workday);
  transaction.commit();
}

void PlanCache::remove_workday(Date date, HalfDay half, WorkdayKind kind) {
  db_->run("DELETE FROM workdays WHERE date = ? AND half = ? AND kind = ?", codec::date_text(date), to_string(half),
           to_string(kind));
}

std::vector<WorkTime> PlanCache::my_work_times(Date from, Date to) const {
  std::vector<WorkTime> records;
  Statement s{db_->connection,
              "SELECT date, start_minute, end_minute, break_minutes FROM work_times WHERE date BETWEEN ? AND ? "
              "ORDER BY date"};
  s.bind_all(codec::date_text(from), codec::date_text(to));
  while (s.step()) records.push_back(WorkTime{*rows::stored_date(s, 0), s.integer(1), s.integer(2), s.integer(3)});
  return records;
}

void PlanCache::upsert_work_time(const WorkTime& record) {
  db_->run("INSERT OR REPLACE INTO work_times (date, start_minute, end_minute, break_minutes) VALUES (?, ?, ?, ?)",
           codec::date_text(record.date), record.start, record.end, record.break_minutes);
}

void PlanCache::remove_work_time(Date date) { db_->run("DELETE FROM work_times WHERE date = ?", codec::date_text(date)); }

UsualWeek PlanCache::usual_week() const {
  UsualWeek week;
  Statement s{db_->connection,
              "SELECT weekday, half, mode FROM usual_week ORDER BY weekday, CASE half WHEN 'day' THEN 0 WHEN 'am' THEN 1 "
              "ELSE 2 END"};
  while (s.step()) week.push_back(UsualSlot{s.integer(0), rows::stored_enum<HalfDay>(s, 1), rows::stored_enum<WorkMode>(s, 2)});
  return week;
}

void PlanCache::save_usual_week(const UsualWeek& week) {
  auto& db = db_->connection;
  Transaction transaction{db, Transaction::Kind::immediate};
  db.exec("DELETE FROM usual_week");
  for (const UsualSlot& slot : week) {
    Statement{db, "INSERT OR REPLACE INTO usual_week (weekday, half, mode) VALUES (?, ?, ?)"}
        .bind_all(slot.weekday, to_string(slot.half), to_string(slot.mode))
        .run();
  }
  transaction.commit();
}

}  // namespace stellwerk::store
