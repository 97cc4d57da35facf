// The calendar export (see calendar_export.hpp for what becomes an event), written whole through
// write_file_atomically.
#include "calendar_export.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "file_write.hpp"
#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

constexpr std::string_view kUidDomain = "@stellwerk";

// "EG-07, Erdgeschoss, Rathaus": the place as the person finds it, from the cache.
std::string place_text(const store::LocalStore& store, const Booking& booking, std::string& summary) {
  const auto resource = store.resource(booking.resource_id);
  if (!resource) {
    summary = booking.resource_id;
    return booking.resource_id;
  }
  summary = fmt::format("{} {}", label(resource->type), resource->name);
  for (const Building& building : store.buildings()) {
    for (const Floor& floor : building.floors) {
      if (floor.id == resource->floor_id) return fmt::format("{}, {}, {}", resource->name, floor.name, building.name);
    }
  }
  return resource->name;
}

void add_bookings(const store::LocalStore& store, DateRange range, std::vector<CalendarEvent>& out) {
  for (const Booking& booking : store.my_bookings(range.first, range.last)) {
    if (booking.state != BookingState::booked && booking.state != BookingState::checked_in) continue;
    CalendarEvent event;
    event.uid = fmt::format("booking-{}{}", booking.id, kUidDomain);
    event.start = booking.start;
    event.end = booking.end;
    event.location = place_text(store, booking, event.summary);
    out.push_back(std::move(event));
  }
}

CalendarEvent plan_event(const store::LocalStore& store, Date day, HalfDay half, WorkMode mode) {
  CalendarEvent event;
  event.uid = fmt::format("plan-{}-{}{}", format_date(day), to_string(half), kUidDomain);
  // TRANSLATORS: a planned day in the person's own calendar; {0} the mode ("Remote", "Office").
  const std::string planned = fmt::format(fmt::runtime(tr("Planned: {0}")), label(mode));
  if (half == HalfDay::day) {
    event.all_day = day;
    event.summary = planned;
  } else {
    const SlotTimes slot = sync::slot_times(store, half);
    event.start = to_instant(day, slot.start);
    event.end = to_instant(day, slot.end);
    event.summary = fmt::format("{} ({})", planned, label(half));
  }
  // As issue 15 asks: a remote or off day does not make the person busy in a free/busy lookup;
  // office, leave, training and travel days do.
  event.transparent = mode == WorkMode::remote || mode == WorkMode::off;
  return event;
}

// One event per planned half or whole day. A day that has half-day plans next to a whole-day one
// (a cache between two syncs can hold both) is shown as the view shows it: each half's own plan,
// else the whole day's.
void add_plan(const store::LocalStore& store, DateRange range, std::vector<CalendarEvent>& out) {
  struct DayPlan {
    std::optional<WorkMode> day, am, pm;
  };
  std::map<date::sys_days, DayPlan> days;
  for (const Workday& w : store.my_workdays(range.first, range.last)) {
    if (w.kind != WorkdayKind::planned) continue;
    DayPlan& plan = days[date::sys_days{w.date}];
    (w.half == HalfDay::day ? plan.day : w.half == HalfDay::am ? plan.am : plan.pm) = w.mode;
  }
  for (const auto& [day, plan] : days) {
    if (!plan.am && !plan.pm) {
      out.push_back(plan_event(store, Date{day}, HalfDay::day, *plan.day));
      continue;
    }
    if (const auto am = plan.am ? plan.am : plan.day) out.push_back(plan_event(store, Date{day}, HalfDay::am, *am));
    if (const auto pm = plan.pm ? plan.pm : plan.day) out.push_back(plan_event(store, Date{day}, HalfDay::pm, *pm));
  }
}

// A training's due date: all day, and a date to keep in mind, not time taken.
CalendarEvent due_event(std::string uid, Date due, const std::string& title, std::string description) {
  CalendarEvent event;
  event.uid = std::move(uid);
  event.all_day = due;
  // TRANSLATORS: a training's due date in the person's own calendar; {0} the course title.
  event.summary = fmt::format(fmt::runtime(tr("Training due: {0}")), title);
  event.description = std::move(description);
  event.transparent = true;
  return event;
}

void add_due_trainings(const store::LocalStore& store, DateRange range, std::vector<CalendarEvent>& out) {
  std::map<Id, Course> courses;
  for (Course& course : store.courses()) courses.emplace(course.id, std::move(course));
  // Due dates are for the courses mandatory for the person (core's mandatory_for and
  // mandatory_due_on), as on Home: a course that has become optional for them is due no more.
  const auto me = store.me();
  const Learner learner = me ? learner_of(*me) : Learner{};
  const auto in_range = [&](Date day) {
    return date::sys_days{range.first} <= date::sys_days{day} && date::sys_days{day} <= date::sys_days{range.last};
  };
  const std::vector<Enrollment> mine = store.my_enrollments();
  for (const Enrollment& e : mine) {
    const auto course = courses.find(e.course_id);
    if (e.state != EnrollmentState::enrolled || (course != courses.end() && !mandatory_for(course->second, learner))) {
      continue;
    }
    const auto due = course != courses.end() ? mandatory_due_on(course->second, &e) : e.due_on;
    if (!due || !in_range(*due)) continue;
    const bool known = course != courses.end();
    out.push_back(due_event(fmt::format("training-{}{}", e.id, kUidDomain), *due, known ? course->second.title : e.course_id,
                            known ? course->second.description : std::string{}));
  }
  // A mandatory course the person has not enrolled in yet is due by the course's own date.
  for (const auto& [id, course] : courses) {
    if (!mandatory_for(course, learner) || std::ranges::any_of(mine, [&](const Enrollment& e) { return e.course_id == id; })) {
      continue;
    }
    const auto due = mandatory_due_on(course, nullptr);
    if (!due || !in_range(*due)) continue;
    out.push_back(due_event(fmt::format("training-due-{}{}", id, kUidDomain), *due, course.title, course.description));
  }
}

}  // namespace

DateRange calendar_export_range(Date first) { return DateRange{first, add_days(first, kCalendarExportDays)}; }

std::filesystem::path default_calendar_file() { return in_documents("stellwerk.ics"); }

std::vector<CalendarEvent> calendar_events(const store::LocalStore& store, DateRange range) {
  std::vector<CalendarEvent> events;
  add_bookings(store, range, events);
  add_plan(store, range, events);
  add_due_trainings(store, range, events);
  return events;
}

std::expected<std::size_t, std::string> export_calendar(const store::LocalStore& store, DateRange range,
                                                        const std::filesystem::path& file, Instant now) {
  const std::vector<CalendarEvent> events = calendar_events(store, range);
  const std::string product = fmt::format("-//Stellwerk//Stellwerk {}//EN", STELLWERK_VERSION);
  if (auto written = write_file_atomically(file, icalendar(events, now, product)); !written) {
    return std::unexpected(written.error());
  }
  return events.size();
}

}  // namespace stellwerk::client
