// What the person asks for in Schedule (schedule_handler.hpp applies it).
#pragma once

#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

struct ShowWeek { Date week_start; };
struct EditWorkday { Date day; HalfDay half; };   // opens the plan editor for that cell
struct CancelEdit {};
struct PlanWorkday { Workday workday; };            // saves a planned mode: written to the store and the outbox
struct ExportCalendar {};  // writes the week shown and the eight weeks after it to ScheduleState::calendar_file

}  // namespace stellwerk::client
