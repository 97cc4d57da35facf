// Applies Schedule's intents (the week shown, the cell edited, a planned mode queued as a local
// change and the desk offer after it, the calendar export, "my usual week") and loads Schedule's part of ClientData: the
// person's workdays around the week shown and the usual week.
#pragma once

#include <set>
#include <string>

#include "handler_context.hpp"
#include "schedule/schedule_intents.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const ShowWeek& intent);
// Shows the month and loads it whole: the week of its first working day becomes week_start, whose
// months load_schedule reads to their ends.
void handle(HandlerContext& context, const ShowMonth& intent);
void handle(HandlerContext& context, const EditWorkday& intent);
void handle(HandlerContext& context, const CancelEdit& intent);
// Queues the plan and decides the offer that follows it (plan_offer.hpp) from the bookings shown.
void handle(HandlerContext& context, const PlanWorkday& intent);
void handle(HandlerContext& context, const DismissPlanOffer& intent);
// Writes the calendar export (calendar_export.hpp) on the worker: the week shown and the eight
// weeks after it, to ScheduleState::calendar_file; a notice says where and how many events.
void handle(HandlerContext& context, const ExportCalendar& intent);
// On the worker: the planned entries of the week shown become the usual week (a notice when the
// week holds none); applying it queues each day it plans as a planned workday, all in one
// transaction, and a notice counts them and names every day left alone, with the reason.
void handle(HandlerContext& context, const SaveUsualWeek& intent);
void handle(HandlerContext& context, const ApplyUsualWeek& intent);

// Queue the day's working time (or its removal) as a local change, with a notice as for a plan.
void handle(HandlerContext& context, const SaveWorkTime& intent);
void handle(HandlerContext& context, const RemoveWorkTime& intent);

// On the worker thread, from the store's plan subject: the weeks around `week_start` and the
// whole months they touch, which planned days wait to be sent, the usual week and the working times.
void load_schedule(const store::PlanCache& store, Date week_start, const std::set<std::string>& pending,
                   ClientData& data);

}  // namespace stellwerk::client
