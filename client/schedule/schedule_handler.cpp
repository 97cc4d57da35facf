#include "schedule/schedule_handler.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "calendar_export.hpp"
#include "labels.hpp"
#include "notices.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const ShowWeek& intent) {
  context.state.schedule.week_start = week_start(intent.week_start);
  context.state.schedule.month.reset();
  context.state.schedule.editing_day.reset();
  context.state.schedule.plan_offer.reset();
  context.reload();
}

void handle(HandlerContext& context, const ShowMonth& intent) {
  // The first Monday-to-Friday day: its week's Friday lies in the month too, so the load reads
  // from the month's first to its last day (a month starting on a Saturday would else load the
  // week before it and stop at the previous month's end).
  Date first = intent.month / 1;
  while (weekday_index(first) > 4) first = add_days(first, 1);
  context.state.schedule.week_start = week_start(first);
  context.state.schedule.month = intent.month;
  context.state.schedule.editing_day.reset();
  context.state.schedule.plan_offer.reset();
  context.reload();
}

void handle(HandlerContext& context, const EditWorkday& intent) {
  context.state.schedule.editing_day = intent.day;
  context.state.schedule.editing_half = intent.half;
}

void handle(HandlerContext& context, const CancelEdit&) { context.state.schedule.editing_day.reset(); }

void handle(HandlerContext& context, const PlanWorkday& intent) {
  static const DepartmentPolicy default_policy;
  const AppState& state = context.state;
  const DepartmentPolicy& policy = state.data.department ? state.data.department->policy : default_policy;
  context.state.schedule.plan_offer = plan_offer(intent.workday, state.data.bookings, policy, state.today, now_of(state));
  context.state.schedule.editing_day.reset();
  context.queue_awaited(ChangeKind::workday, fmt::format("{} ({})", long_date(intent.workday.date), label(intent.workday.half)),
                        [workday = intent.workday](store::LocalStore& store) {
                          sync::queue_workday(store, workday);
                          return mutation_of(store, store::workday_key(workday.date, workday.kind));
                        });
}

void handle(HandlerContext& context, const SaveWorkTime& intent) {
  context.queue_awaited(ChangeKind::work_time, long_date(intent.record.date), [record = intent.record](store::LocalStore& store) {
    sync::queue_work_time(store, record);
    return mutation_of(store, store::work_time_key(record.date));
  });
}

void handle(HandlerContext& context, const RemoveWorkTime& intent) {
  context.queue_awaited(ChangeKind::work_time_removal, long_date(intent.day), [day = intent.day](store::LocalStore& store) {
    sync::queue_work_time_removal(store, day);
    return mutation_of(store, store::work_time_key(day));
  });
}

void handle(HandlerContext& context, const DismissPlanOffer&) { context.state.schedule.plan_offer.reset(); }

void handle(HandlerContext& context, const ExportCalendar&) {
  if (context.state.schedule.exporting) return;
  if (context.state.schedule.calendar_file.empty()) context.state.schedule.calendar_file = default_calendar_file().string();
  context.state.schedule.exporting = true;
  const DateRange range = calendar_export_range(context.state.schedule.week_start);
  context.worker.post([range, file = context.state.schedule.calendar_file,
                       now = now_of(context.state)](store::LocalStore* store) -> UiUpdate {
    std::expected<std::size_t, std::string> written = std::unexpected(std::string{"the local store is not open"});
    try {
      if (store != nullptr) written = export_calendar(*store, range, file, now);
    } catch (const std::exception& e) {  // store::Error: the disk failed while reading
      written = std::unexpected(std::string{e.what()});
    }
    return [written, file](AppState& shown) {
      shown.schedule.exporting = false;
      if (!written) {
        // TRANSLATORS: {0} why, in the system's words ("cannot write /home/…: Permission denied").
        add_toast(shown, ToastKind::refused,
                  fmt::format(fmt::runtime(i18n::tr("Calendar not exported: {0}")), written.error()));
        return;
      }
      // TRANSLATORS: {0} the number of events, {1} the file's path.
      add_toast(shown, ToastKind::confirmed,
                fmt::format(fmt::runtime(i18n::trn("Calendar exported: {0} event in {1}",
                                                   "Calendar exported: {0} events in {1}", *written)),
                            *written, file));
    };
  });
}

namespace {

// "Fri 25.12. (Christmas Day)": a day the usual week left alone, and why.
std::string skipped_words(const SkippedDay& skipped) {
  const std::string day = fmt::format("{} {}", weekday_short(weekday_index(skipped.day)), short_date(skipped.day));
  switch (skipped.reason) {
    case SkipReason::past: return fmt::format("{} ({})", day, i18n::tr("in the past"));
    case SkipReason::holiday: {
      const auto holiday = nrw_holiday(skipped.day);
      return fmt::format("{} ({})", day, holiday ? label(*holiday) : i18n::tr("Public holiday"));
    }
    case SkipReason::already_planned: return fmt::format("{} ({})", day, i18n::tr("already planned"));
    case SkipReason::COUNT: break;
  }
  return day;
}

}  // namespace

void handle(HandlerContext& context, const SaveUsualWeek&) {
  const Date monday = context.state.schedule.week_start;
  context.worker.post([monday](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return [](AppState&) {};
    const UsualWeek week = usual_week_from(store->my_workdays(monday, add_days(monday, 4)), monday);
    if (!week.empty()) store->save_usual_week(week);
    return [saved = !week.empty()](AppState& shown) {
      if (!saved) {
        add_toast(shown, ToastKind::refused, i18n::tr("This week has no plan yet: plan it first, then save it as your usual week."));
        return;
      }
      add_toast(shown, ToastKind::confirmed, i18n::tr("Saved as your usual week."));
      shown.requests.reload_data = true;
    };
  });
}

void handle(HandlerContext& context, const ApplyUsualWeek& intent) {
  const Date monday = context.state.schedule.week_start;
  const int weeks = std::clamp(intent.weeks, 1, kMostUsualWeeks);
  context.worker.post([monday, weeks, today = context.state.today](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return [](AppState&) {};
    const UsualWeek week = store->usual_week();
    const UsualWeekPlan plan =
        apply_usual_week(week, monday, weeks, today, store->my_workdays(monday, add_days(monday, 7 * weeks - 1)));
    // All or nothing: a full disk halfway must not leave half the weeks planned.
    store->atomically([&] {
      for (const Workday& workday : plan.to_plan) sync::queue_workday(*store, workday);
    });
    std::set<date::sys_days> days;
    for (const Workday& w : plan.to_plan) days.insert(date::sys_days{w.date});
    return [planned = days.size(), skipped = plan.skipped, empty = week.empty()](AppState& shown) {
      if (empty) {
        add_toast(shown, ToastKind::refused, i18n::tr("No usual week is saved yet: plan a week, then save it as your usual week."));
        return;
      }
      std::string text = fmt::format(fmt::runtime(i18n::trn("Usual week applied: {} day planned.",
                                                            "Usual week applied: {} days planned.", planned)),
                                     planned);
      if (!skipped.empty()) {
        std::vector<std::string> words;
        for (const SkippedDay& s : skipped) words.push_back(skipped_words(s));
        text = fmt::format("{} {}", text, fmt::format(fmt::runtime(i18n::tr("Left alone: {}.")), fmt::join(words, ", ")));
      }
      add_toast(shown, planned > 0 ? ToastKind::confirmed : ToastKind::refused, std::move(text));
      shown.requests.reload_data = true;
      shown.requests.sync_soon = planned > 0;
    };
  });
}

void load_schedule(const store::PlanCache& store, Date week_start, const std::set<std::string>& pending,
                   ClientData& data) {
  // The weeks around the one shown, and the whole month, so the month's remote share is complete.
  const Date month_first = week_start.year() / week_start.month() / 1;
  // A week that spans two months shows both months' shares: read to the end of the later one.
  const Date friday = add_days(week_start, 4);
  const Date month_last = friday.year() / friday.month() / date::last;
  const auto earlier = [](Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; };
  const Date from = std::min(add_days(week_start, -7), month_first, earlier);
  const Date to = std::max(add_days(week_start, 13), month_last, earlier);
  data.workdays = store.my_workdays(from, to);
  data.usual_week = store.usual_week();
  data.work_times = store.my_work_times(from, to);
  // Every day whose time waits to be sent, a removal too: its record is already gone from the cache.
  for (Date day = from; !(to < day); day = add_days(day, 1)) {
    if (pending.contains(store::work_time_key(day))) data.pending_work_time_days.push_back(day);
  }
  for (const Workday& w : data.workdays) {
    const bool planned_pending = w.kind == WorkdayKind::planned && pending.contains(store::workday_key(w.date, w.kind));
    if (planned_pending && std::find(data.pending_plan_days.begin(), data.pending_plan_days.end(), w.date) ==
                               data.pending_plan_days.end()) {
      data.pending_plan_days.push_back(w.date);
    }
  }
}

}  // namespace stellwerk::client
