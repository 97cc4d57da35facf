// What the week view (schedule_view.cpp) and the month view (month_view.cpp) share: reading a half
// day's mode from the entries shown, and the month's remote share with its gauge.
#pragma once

#include <optional>
#include <vector>

#include "app_state.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::client::schedule {

// The mode of `kind` for that half day: its own entry, else the whole day's.
std::optional<WorkMode> mode_of(const std::vector<Workday>& workdays, Date day, HalfDay half,
                                WorkdayKind kind = WorkdayKind::planned);

// The month's planned remote share against the department's limit, in words and as a gauge with the
// days left (or how far over), and what the department does with a month over it.
void draw_remote_share(const AppState& state, date::year_month month);

// The manager's answer to going over the limit in `month`, as the server last said: pending,
// approved or rejected with the manager's reason, in words and an icon; nothing without a request.
void draw_approval(const AppState& state, date::year_month month);

}  // namespace stellwerk::client::schedule
