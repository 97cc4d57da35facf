// Schedule's view state: the week or month shown, the cell being edited, the offer to book or cancel a desk
// after a day was planned, and the answers about going over the department's remote limit.
#pragma once

#include <optional>
#include <string>

#include "schedule/plan_offer.hpp"
#include "stellwerk/core/approvals.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

struct ScheduleState {
  Date week_start{};         // Monday of the week shown
  // Set while the month view is shown (ShowMonth), plan and actual day by day; the week view otherwise.
  // week_start is then a week of that month, so the month is loaded whole (load_schedule).
  std::optional<date::year_month> month;
  std::optional<Date> editing_day;
  HalfDay editing_half = HalfDay::day;
  // Where "Export calendar…" writes (the app sets it from default_calendar_file(); no file dialog).
  std::string calendar_file;
  bool exporting = false;  // an export runs on the worker: the button waits for it
  // Set by planning a day (plan_offer.hpp); gone when the person answers it, plans again without
  // an offer, or shows another week.
  std::optional<PlanOffer> plan_offer;
};


}  // namespace stellwerk::client
