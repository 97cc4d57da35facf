// What the person asks for in Schedule (schedule_handler.hpp applies it).
#pragma once

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/working_time.hpp"

namespace stellwerk::client {

struct ShowWeek { Date week_start; };           // the week view, at the week that holds this day
struct ShowMonth { date::year_month month; };  // the month view of plan and actual
struct EditWorkday { Date day; HalfDay half; };   // opens the plan editor for that cell
struct CancelEdit {};
struct PlanWorkday { Workday workday; };            // saves a planned mode: written to the store and the outbox
struct ExportCalendar {};
// Working time of a remote day (work_time_view.cpp): saved or removed through the outbox.
struct SaveWorkTime { WorkTime record; };
struct RemoveWorkTime { Date day; };
// "No thanks" / "Keep" to the offer after planning (ScheduleState::plan_offer). Accepting it emits
// the Desks intent (BookUsual or CancelBooking) and this one, so the offer goes in both cases.
struct DismissPlanOffer {};
// "My usual week": save the week shown as the template, or plan `weeks` weeks from the week shown
// with it (days already planned, holidays and past days are left alone and reported).
inline constexpr int kMostUsualWeeks = 12;  // a quarter ahead at most, in one step
struct SaveUsualWeek {};
struct ApplyUsualWeek { int weeks = 4; };  // writes the week shown and the eight weeks after it to ScheduleState::calendar_file

}  // namespace stellwerk::client
