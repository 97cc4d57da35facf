// What the week view (schedule_view.cpp) and the month view (month_view.cpp) share: the month's
// remote share with its gauge and the manager's answer. A half day's mode is core's mode_of.
#pragma once

#include "app_state.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::client::schedule {

// The month's planned remote share against the department's limit, in words and as a gauge with the
// days left (or how far over), and what the department does with a month over it.
void draw_remote_share(const AppState& state, date::year_month month);

// The manager's answer to going over the limit in `month`, as the server last said: pending,
// approved or rejected with the manager's reason, in words and an icon; nothing without a request.
void draw_approval(const AppState& state, date::year_month month);

}  // namespace stellwerk::client::schedule
