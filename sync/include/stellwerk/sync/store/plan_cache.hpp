// The person's week plan in the local store: planned and actual work modes by day and half day,
// "my usual week", the template the person plans other weeks with, and the working time of remote days.
#pragma once

#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/usual_week.hpp"
#include "stellwerk/core/working_time.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

class PlanCache {
 public:
  std::vector<Workday> my_workdays(Date from, Date to) const;  // both inclusive, by date, half

  void upsert_workday(const Workday& workday);
  // A person's planning: replaces what was planned for that day and kind. A whole day replaces
  // both halves; a half day splits an earlier whole-day plan, the other half keeping its mode.
  void plan_workday(const Workday& workday);
  void remove_workday(Date date, HalfDay half, WorkdayKind kind);

  // The person's working time on remote days (core/working_time.hpp), by date; both inclusive.
  std::vector<WorkTime> my_work_times(Date from, Date to) const;
  void upsert_work_time(const WorkTime& record);  // replaces the day's record
  void remove_work_time(Date date);

  // Empty when none was saved. Saving replaces the whole template.
  UsualWeek usual_week() const;
  void save_usual_week(const UsualWeek& week);

 protected:
  explicit PlanCache(Database& database) : db_(database) {}
  PlanCache(PlanCache&&) noexcept = default;
  PlanCache& operator=(PlanCache&&) noexcept = default;
  ~PlanCache() = default;

 private:
  DatabaseRef db_;
};

}  // namespace stellwerk::store
