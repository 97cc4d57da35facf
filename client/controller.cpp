// The controller's jobs read and write the store on the worker thread and return plain values to
// the UI thread. Loading is coarse on purpose: a person's data is small (a month of bookings, a
// few weeks of plans, a course list), and one load after each change keeps every view consistent.
// A load also reads what waits in the outbox (shown as pending) and the changes the server refused
// (shown as conflicts, with names a person recognises instead of ids and paths).
#include "controller.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "labels.hpp"
#include "notices.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/desk_booking.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::client {
namespace {

template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

constexpr int kBookingDaysShown = 28;

using FloorNames = std::map<Id, std::pair<std::string, std::string>>;  // floor id -> (building, floor)

// The path segment after `prefix` up to the next '/', or empty when the path does not start so.
std::string segment_after(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return {};
  path.remove_prefix(prefix.size());
  return std::string(path.substr(0, path.find('/')));
}

BookingSummary summarise_booking(const store::LocalStore& store, const FloorNames& floor_names,
                                 const std::set<std::string>& pending, Booking booking) {
  BookingSummary summary;
  if (const auto resource = store.resource(booking.resource_id)) {
    summary.resource_name = resource->name;
    summary.resource_type = resource->type;
    if (const auto it = floor_names.find(resource->floor_id); it != floor_names.end()) {
      summary.building_name = it->second.first;
      summary.floor_name = it->second.second;
    }
  } else {
    summary.resource_name = booking.resource_id;  // not cached yet: the id is all we know
  }
  summary.pending = pending.contains(store::booking_key(booking.id));
  summary.booking = std::move(booking);
  return summary;
}

// The person's active desk booking that overlaps [start, end) and is not the refused one itself:
// what an "already_booked" refusal is about.
std::optional<BookingSummary> holding_booking(const store::LocalStore& store, const FloorNames& floors,
                                              const sync::Conflict& conflict) {
  if (!conflict.start || !conflict.end) return std::nullopt;
  const Date day = local_date(*conflict.start);
  for (Booking& b : store.my_bookings(day, day)) {
    if (!is_active(b.state) || b.start >= *conflict.end || *conflict.start >= b.end) continue;
    const bool refused_itself = conflict.resource_id && b.resource_id == *conflict.resource_id && sync::is_local_id(b.id);
    if (refused_itself) continue;
    return summarise_booking(store, floors, store.pending_entities(), std::move(b));
  }
  return std::nullopt;
}

ConflictSummary summarise(const sync::Conflict& conflict, const store::LocalStore& store, const FloorNames& floors) {
  ConflictSummary summary;
  summary.mutation_id = conflict.mutation_id;
  summary.problem_title = conflict.problem.title;
  summary.problem_code = conflict.problem.code;
  summary.start = conflict.start;
  summary.end = conflict.end;
  const auto resource_name = [&](const Id& id) {
    const auto resource = store.resource(id);
    return resource ? resource->name : id;
  };
  const auto describe_booking = [&](const Id& booking_id) {
    if (const auto booking = store.booking(booking_id)) {
      summary.subject = resource_name(booking->resource_id);
      summary.start = booking->start;
      summary.end = booking->end;
    }
  };
  const std::string_view path = conflict.path;
  if (conflict.method == "POST" && path == "/api/v1/bookings") {
    summary.kind = ChangeKind::booking;
    if (conflict.resource_id) {
      summary.resource_id = *conflict.resource_id;
      summary.subject = resource_name(*conflict.resource_id);
    }
  } else if (conflict.method == "POST" && path.starts_with("/api/v1/bookings/") && path.ends_with("/move")) {
    summary.kind = ChangeKind::move;
    if (conflict.resource_id) {
      summary.resource_id = *conflict.resource_id;
      summary.subject = resource_name(*conflict.resource_id);
    }
  } else if (conflict.method == "DELETE" && path.starts_with("/api/v1/bookings/")) {
    summary.kind = ChangeKind::cancel;
    describe_booking(segment_after(path, "/api/v1/bookings/"));
  } else if (conflict.method == "POST" && path.ends_with("/check-in")) {
    summary.kind = ChangeKind::check_in;
    describe_booking(segment_after(path, "/api/v1/bookings/"));
  } else if (conflict.method == "PUT" && path.starts_with("/api/v1/workdays/")) {
    summary.kind = ChangeKind::workday;
    summary.day = parse_date(segment_after(path, "/api/v1/workdays/"));
  } else if (conflict.method == "POST" && path == "/api/v1/enrollments") {
    summary.kind = ChangeKind::enrollment;
    for (const Course& course : store.courses()) {
      if (conflict.course_id && course.id == *conflict.course_id) summary.subject = course.title;
    }
  } else if (conflict.method == "POST" && path.ends_with("/completion")) {
    summary.kind = ChangeKind::completion;
    const std::string enrollment_id = segment_after(path, "/api/v1/enrollments/");
    for (const Enrollment& enrollment : store.my_enrollments()) {
      if (enrollment.id != enrollment_id) continue;
      for (const Course& course : store.courses()) {
        if (course.id == enrollment.course_id) summary.subject = course.title;
      }
    }
  }
  if (summary.kind == ChangeKind::booking && parse_refusal(conflict.problem.code) == Refusal::already_booked) {
    summary.existing = holding_booking(store, floors, conflict);
  }
  // The engine finds alternatives only where another place helps (core's another_place_helps).
  for (const Resource& alternative : conflict.alternatives) {
    AlternativeSummary named{alternative.id, alternative.name, alternative.type, {}, {}};
    if (const auto it = floors.find(alternative.floor_id); it != floors.end()) {
      named.building_name = it->second.first;
      named.floor_name = it->second.second;
    }
    summary.alternatives.push_back(std::move(named));
  }
  return summary;
}

// Others' bookings of the floor's resources on `day` (the person's own are shown from
// ClientData::bookings instead).
std::vector<BusyTime> others_on_floor(const store::LocalStore& store, const Id& floor_id, Date day) {
  std::vector<BusyTime> busy;
  for (store::Occupancy& o : store.others_on_floor(floor_id, to_instant(day, 0), to_instant(day, 24 * 60))) {
    busy.push_back(BusyTime{std::move(o.resource_id), o.start, o.end});
  }
  return busy;
}

ClientData read_client_data(store::LocalStore& store, Date today, Date week_start, const std::vector<std::int64_t>& awaited) {
  ClientData data;
  data.loaded = true;
  data.me = store.me();
  if (data.me) data.department = store.department(data.me->department_id);
  data.buildings = store.buildings();

  // Names for the bookings: index floors and buildings once rather than per booking.
  FloorNames floor_names;
  for (const Building& b : data.buildings) {
    for (const Floor& f : b.floors) floor_names[f.id] = {b.name, f.name};
  }
  const std::set<std::string> pending = store.pending_entities();
  // Up to the end of the booking horizon, so that every booking the person can hold is listed.
  const int horizon = data.department ? data.department->policy.days_ahead : DepartmentPolicy{}.days_ahead;
  for (Booking& booking : store.my_bookings(today, add_days(today, std::max(kBookingDaysShown - 1, horizon)))) {
    data.bookings.push_back(summarise_booking(store, floor_names, pending, std::move(booking)));
  }
  // The weeks around the one shown, and the whole month, so the month's remote share is complete.
  const Date month_first = week_start.year() / week_start.month() / 1;
  // A week that spans two months shows both months' shares: read to the end of the later one.
  const Date friday = add_days(week_start, 4);
  const Date month_last = friday.year() / friday.month() / date::last;
  const Date from = std::min(add_days(week_start, -7), month_first, [](Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; });
  const Date to = std::max(add_days(week_start, 13), month_last, [](Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; });
  data.workdays = store.my_workdays(from, to);
  for (const Workday& w : data.workdays) {
    const bool planned_pending = w.kind == WorkdayKind::planned && pending.contains(store::workday_key(w.date, w.kind));
    if (planned_pending && std::find(data.pending_plan_days.begin(), data.pending_plan_days.end(), w.date) ==
                               data.pending_plan_days.end()) {
      data.pending_plan_days.push_back(w.date);
    }
  }
  for (Booking& booking : store.my_bookings(add_days(today, -kRecentBookingDays), add_days(today, -1))) {
    BookingSummary summary = summarise_booking(store, floor_names, pending, std::move(booking));
    data.recent_bookings.insert(data.recent_bookings.begin(), std::move(summary));  // newest first
  }
  data.favourites = store.favourites();
  for (const Favourite& f : data.favourites) {
    if (pending.contains(store::favourite_key(f.resource_id))) data.pending_favourites.push_back(f.resource_id);
  }
  for (store::Closure& c : store.closures(today, add_days(today, horizon))) {
    data.closures.push_back(ClosedDay{std::move(c.building_id), c.date, std::move(c.reason)});
  }
  data.courses = store.courses();
  data.enrollments = store.my_enrollments();
  for (const Enrollment& e : data.enrollments) {
    if (pending.contains(store::enrollment_key(e.id))) data.pending_enrollments.push_back(e.id);
  }
  for (const sync::Conflict& conflict : sync::conflicts(store)) {
    data.conflicts.push_back(summarise(conflict, store, floor_names));
  }
  for (const std::int64_t id : awaited) {
    const auto entry = store.outbox_entry(id);
    const ChangeOutcome outcome = !entry                                          ? ChangeOutcome::gone
                                  : entry->state == store::OutboxState::pending    ? ChangeOutcome::pending
                                  : entry->state == store::OutboxState::rejected ? ChangeOutcome::refused
                                                                                 : ChangeOutcome::confirmed;
    data.outcomes.emplace_back(id, outcome);
  }
  const store::SyncStatus sync = store.sync_status();
  const auto session = store.session();
  data.sync = SyncSummary{!sync.server_url.empty() || (session && !session->server_url.empty()), sync.pending,
                          sync.rejected, sync.last_sync};
  return data;
}

// The local minutes a booking covers: the person's own range, or the department's slot.
SlotTimes booking_times(const store::LocalStore& store, HalfDay half, const std::optional<MinuteRange>& range) {
  if (range) return SlotTimes{range->start, range->end};
  return sync::slot_times(store, half);
}


}  // namespace

void Controller::start(const std::optional<std::filesystem::path>& demo_file) {
  if (demo_file) {
    worker_.post([file = *demo_file, known_today = state_.today](store::LocalStore* store) -> UiUpdate {
      if (store == nullptr) return {};
      const Date today = known_today.ok() ? known_today : today_in_berlin();
      if (auto imported = store->import_demo(file, today); !imported) {
        return [message = imported.error()](AppState& state) {
          state.error = fmt::format(fmt::runtime(i18n::tr("The demo data could not be loaded: {}")), message);
        };
      }
      return {};
    });
  }
  load_all();
}

void Controller::load_all() {
  std::vector<std::int64_t> awaited;
  for (const AwaitedChange& change : state_.awaited) awaited.push_back(change.mutation_id);
  worker_.post([known_today = state_.today, known_week = state_.schedule.week_start,
                awaited = std::move(awaited)](store::LocalStore* store) -> UiUpdate {
    // Until the first load the UI has no date yet (see app.cpp): the worker finds it, also when
    // the store could not be opened, so the screen never shows an unset date.
    const Date today = known_today.ok() ? known_today : today_in_berlin();
    const Date week = known_week.ok() ? known_week : week_start(today);
    if (store == nullptr) {
      return [today, week](AppState& state) {
        if (!state.today.ok()) state.today = today;
        if (!state.schedule.week_start.ok()) state.schedule.week_start = week;
      };
    }
    return [data = read_client_data(*store, today, week, awaited), today, week](AppState& state) mutable {
      if (!state.today.ok()) state.today = today;
      if (!state.schedule.week_start.ok()) state.schedule.week_start = week;
      // The sync thread may have reported a later sync than this load read (see SyncSummary).
      const auto known_sync = state.data.sync.last_sync;
      state.data = std::move(data);
      if (known_sync && (!state.data.sync.last_sync || *state.data.sync.last_sync < *known_sync)) {
        state.data.sync.last_sync = known_sync;
      }
      report_outcomes(state);
      // Desks opens on the next day the person can book: today, unless it is a weekend, a
      // holiday, or the working day is over already.
      if (!state.desks.day.ok()) {
        const DepartmentPolicy policy = state.data.department ? state.data.department->policy : DepartmentPolicy{};
        const bool today_over = now_of(state) >= to_instant(state.today, policy.day.end);
        const auto next = next_bookable_day(policy, today_over ? add_days(state.today, 1) : state.today);
        state.desks.day = next.value_or(state.today);
      }
      // Open Desks on the home building's first floor, unless the person already chose one.
      const auto& buildings = state.data.buildings;
      const bool known = std::any_of(buildings.begin(), buildings.end(),
                                     [&](const Building& b) { return b.id == state.desks.building_id; });
      if (!known && !buildings.empty()) {
        const Building* home = &buildings.front();
        if (state.data.me) {
          for (const Building& b : buildings) {
            if (b.id == state.data.me->home_building_id) home = &b;
          }
        }
        state.desks.building_id = home->id;
        state.desks.floor_id = home->floors.empty() ? Id{} : home->floors.front().id;
        state.desks.resources_loaded = false;
      }
    };
  });
  // Occupancy shown in Desks may have changed with the data (a sync, a booking): read it again.
  if (!state_.desks.floor_id.empty() && state_.desks.floor_id == requested_floor_ && requested_day_.ok()) {
    worker_.post([floor = state_.desks.floor_id, day = requested_day_](store::LocalStore* store) -> UiUpdate {
      if (store == nullptr) return {};
      return [floor, day, busy = others_on_floor(*store, floor, day)](AppState& state) mutable {
        if (state.desks.floor_id != floor || state.desks.day != day) return;
        state.desks.busy = std::move(busy);
      };
    });
  }
}

void Controller::load_floor(const Id& floor_id) {
  requested_floor_ = floor_id;
  const Date day = state_.desks.day;
  requested_day_ = day;
  state_.desks.resources_loaded = false;
  worker_.post([floor_id, day](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    // Occupancy comes from the changes feed; on local demo data there is none and the view says so.
    auto busy = day.ok() ? others_on_floor(*store, floor_id, day) : std::vector<BusyTime>{};
    return [floor_id, day, resources = store->resources_on_floor(floor_id), busy = std::move(busy)](AppState& state) mutable {
      if (state.desks.floor_id != floor_id || state.desks.day != day) return;  // the person moved on meanwhile
      state.desks.resources = std::move(resources);
      state.desks.busy = std::move(busy);
      state.desks.resources_loaded = true;
    };
  });
}

void Controller::queue_report(std::function<BookingReport(store::LocalStore&)> change) {
  worker_.post([change = std::move(change)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    BookingReport report = change(*store);
    return [report = std::move(report)](AppState& state) mutable {
      state.desks.report = std::move(report);
      state.requests.sync_soon = true;
    };
  });
  load_all();
}

void Controller::queue_awaited(ChangeKind kind, std::string what, std::function<std::int64_t(store::LocalStore&)> change) {
  worker_.post([kind, what = std::move(what), change = std::move(change)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    const std::int64_t mutation = change(*store);  // store::Error: the worker shows it, and nothing was queued
    return [kind, what, mutation](AppState& state) {
      state.requests.sync_soon = true;
      if (mutation != 0) announce_queued(state, kind, what, mutation);
    };
  });
  load_all();
}

void Controller::queue_change(std::function<void(store::LocalStore&)> change) {
  worker_.post([change = std::move(change)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    change(*store);  // store::Error: the worker shows it, and nothing was queued
    // The sync thread is told on the UI thread, once the change is on disk: a job never holds a
    // pointer to the sync thread, which may be gone before the worker's last job ends.
    return [](AppState& state) { state.requests.sync_soon = true; };
  });
  load_all();
}

bool Controller::apply_worker_updates() {
  auto updates = worker_.take_updates();
  for (auto& update : updates) update(state_);
  if (std::exchange(state_.requests.reload_data, false)) load_all();
  if (std::exchange(state_.requests.sync_soon, false) && sync_ != nullptr) sync_->poke();
  // A load may pick the floor (the home building's first); its resources follow in a job of their own.
  const Date day = state_.desks.day;
  if (day.ok() && !state_.desks.floor_id.empty() &&
      (state_.desks.floor_id != requested_floor_ || day != requested_day_)) {
    load_floor(state_.desks.floor_id);
  }
  return !updates.empty();
}

void Controller::apply(const Intent& intent) {
  std::visit(Overloaded{
                 [&](const Navigate& i) { state_.view = i.view; },
                 [&](const ChangeLanguage& i) { state_.settings.language = i.language; },
                 [&](const ChangeTheme& i) { state_.settings.theme = i.theme; },
                 [&](const ChangeScale& i) { state_.settings.scale = std::clamp(i.scale, 1.0f, 2.0f); },
                 [&](const SelectBuilding& i) {
                   for (const Building& b : state_.data.buildings) {
                     if (b.id != i.building_id) continue;
                     state_.desks.building_id = b.id;
                     state_.desks.floor_id = b.floors.empty() ? Id{} : b.floors.front().id;
                     state_.desks.resources.clear();
                     state_.desks.busy.clear();
                     state_.desks.selected.clear();
                     if (!state_.desks.floor_id.empty()) load_floor(state_.desks.floor_id);
                   }
                 },
                 [&](const SelectFloor& i) {
                   state_.desks.floor_id = i.floor_id;
                   state_.desks.resources.clear();
                   state_.desks.busy.clear();
                   state_.desks.selected.clear();
                   load_floor(i.floor_id);
                 },
                 [&](const ShowWeek& i) {
                   state_.schedule.week_start = week_start(i.week_start);
                   state_.schedule.editing_day.reset();
                   load_all();
                 },
                 [&](const EditWorkday& i) {
                   state_.schedule.editing_day = i.day;
                   state_.schedule.editing_half = i.half;
                 },
                 [&](const CancelEdit&) { state_.schedule.editing_day.reset(); },
                 [&](const PlanWorkday& i) {
                   state_.schedule.editing_day.reset();
                   queue_awaited(ChangeKind::workday, fmt::format("{} ({})", long_date(i.workday.date), label(i.workday.half)),
                                 [workday = i.workday](store::LocalStore& store) {
                                   sync::queue_workday(store, workday);
                                   return mutation_of(store, store::workday_key(workday.date, workday.kind));
                                 });
                 },
                 [&](const DismissNotice&) {
                   state_.notice.clear();
                   state_.error.clear();
                 },
                 [&](const SignIn& i) {
                   if (state_.session.signing_in) return;  // one attempt at a time
                   state_.session.signing_in = true;
                   state_.session.sign_in_error.clear();
                   if (sync_ != nullptr) sync_->sign_in(i.server_url, i.username, i.password);
                 },
                 [&](const SignOut&) {
                   if (sync_ != nullptr) sync_->sign_out();
                 },
                 [&](const SyncNow&) {
                   if (sync_ != nullptr) sync_->sync_now();
                 },
                 [&](const ShowSignIn&) { state_.session.form_requested = true; },
                 [&](const CloseSignIn&) {
                   state_.session.form_requested = false;
                   state_.session.sign_in_error.clear();
                 },
                 [&](const ShowDay& i) {
                   if (!i.day.ok()) return;
                   state_.desks.day = i.day;
                   state_.desks.busy.clear();
                   if (!state_.desks.floor_id.empty()) load_floor(state_.desks.floor_id);
                 },
                 [&](const ChooseTime& i) {
                   state_.desks.time = i.time;
                   // A range that is empty or outside the day would book nothing: keep the old one.
                   if (i.time == TimeChoice::range && i.range.start < i.range.end && i.range.start >= 0 &&
                       i.range.end <= 24 * 60) {
                     state_.desks.range = i.range;
                   }
                 },
                 [&](const ChooseLayout& i) { state_.desks.layout = i.layout; },
                 [&](const ToggleFeatureFilter& i) {
                   auto& features = state_.desks.required_features;
                   if (std::erase(features, i.feature) == 0) features.push_back(i.feature);
                 },
                 [&](const ToggleOnlyFree&) { state_.desks.only_free = !state_.desks.only_free; },
                 [&](const SelectResource& i) { state_.desks.selected = i.resource_id; },
                 [&](const CloseReport&) { state_.desks.report.reset(); },
                 [&](const BookResource& i) {
                   std::string what = fmt::format("{}, {}", resource_name(state_, i.resource_id), long_date(i.day));
                   if (i.range) what += fmt::format(" {:02}:{:02}–{:02}:{:02}", i.range->start / 60, i.range->start % 60,
                                                    i.range->end / 60, i.range->end % 60);
                   else if (i.half != HalfDay::day) what += fmt::format(" ({})", label(i.half));
                   queue_awaited(ChangeKind::booking, std::move(what),
                                 [resource = i.resource_id, day = i.day, half = i.half, range = i.range,
                                  now = now_of(state_)](store::LocalStore& store) {
                                   const SlotTimes times = booking_times(store, half, range);
                                   // Starts as the server will start it, so the pending booking's
                                   // check-in window is the one the server will give it.
                                   const Instant end = to_instant(day, times.end);
                                   const Booking booking = sync::queue_booking(
                                       store, resource, booking_start(to_instant(day, times.start), end, now), end);
                                   return mutation_of(store, store::booking_key(booking.id));
                                 });
                 },
                 [&](const BookRecurring& i) {
                   const std::vector<Date> days = weekly_dates(i.first, i.until, i.weekdays);
                   std::string name = i.resource_id;
                   for (const Resource& r : state_.desks.resources) {
                     if (r.id == i.resource_id) name = r.name;
                   }
                   queue_report([i, days, name, now = now_of(state_)](store::LocalStore& store) {
                     const auto queued = sync::queue_bookings_on_days(store, i.resource_id, days,
                                                                      booking_times(store, i.half, i.range), now);
                     BookingReport report{BookingReport::Kind::recurring, name, {}, {}};
                     for (const Booking& b : queued.queued) report.done.push_back(local_date(b.start));
                     for (const sync::SkippedDay& s : queued.skipped) {
                       report.skipped.push_back({s.day, std::string{wire_code(s.problem)}});
                     }
                     return report;
                   });
                 },
                 [&](const BookUsual& i) {
                   queue_report([i, now = now_of(state_)](store::LocalStore& store) {
                     const auto usual = sync::queue_usual_booking(store, i.day, booking_times(store, i.half, i.range), now);
                     BookingReport report{BookingReport::Kind::usual, {}, {}, {}};
                     if (usual.resource) {
                       report.resource_name = usual.resource->name;
                       report.done.push_back(i.day);
                     } else {
                       const Refusal why = usual.problem.value_or(Refusal::internal);
                       report.skipped.push_back({i.day, std::string{wire_code(why)}});
                     }
                     return report;
                   });
                 },
                 [&](const ToggleFavourite& i) {
                   // Added or removed as the store has it when the job runs, so that two quick
                   // clicks add and then remove instead of adding twice.
                   queue_change([id = i.resource_id, now = now_of(state_)](store::LocalStore& store) {
                     const auto favourites = store.favourites();
                     const bool is_favourite = std::any_of(favourites.begin(), favourites.end(),
                                                           [&](const Favourite& f) { return f.resource_id == id; });
                     if (is_favourite) sync::queue_unfavourite(store, id);
                     else sync::queue_favourite(store, id, false, now);
                   });
                 },
                 [&](const MakeUsual& i) {
                   queue_change([id = i.resource_id, now = now_of(state_)](store::LocalStore& store) {
                     sync::queue_favourite(store, id, true, now);
                   });
                 },
                 [&](const CancelBooking& i) {
                   queue_awaited(ChangeKind::cancel, booking_name(state_, i.booking_id), [id = i.booking_id](store::LocalStore& store) {
                     sync::queue_cancel(store, id);
                     return mutation_of(store, store::booking_key(id));
                   });
                 },
                 [&](const CancelBookingsBetween& i) {
                   if (date::sys_days{i.to} < date::sys_days{i.from}) return;
                   queue_report([i, now = now_of(state_)](store::LocalStore& store) {
                     return BookingReport{BookingReport::Kind::cancel_range, {},
                                          sync::queue_cancel_between(store, i.from, i.to, now), {}};
                   });
                 },
                 [&](const CheckIn& i) {
                   queue_change([id = i.booking_id](store::LocalStore& store) { sync::queue_check_in(store, id); });
                 },
                 [&](const Enroll& i) {
                   queue_change([id = i.course_id](store::LocalStore& store) { sync::queue_enrollment(store, id); });
                 },
                 [&](const CompleteCourse& i) {
                   queue_change([id = i.enrollment_id, today = state_.today](store::LocalStore& store) {
                     sync::queue_completion(store, id, today.ok() ? today : today_in_berlin());
                   });
                 },
                 [&](const BookAlternative& i) {
                   const std::string what = fmt::format("{}, {} {}", resource_name(state_, i.resource_id),
                                                        long_date(local_date(i.start)), time_range(i.start, i.end));
                   queue_awaited(ChangeKind::booking, what, [i](store::LocalStore& store) {
                     // One transaction: the new booking is never queued without the old refusal
                     // leaving the list, nor the other way round.
                     Booking booked;
                     store.atomically([&] {
                       booked = sync::queue_booking(store, i.resource_id, i.start, i.end);
                       sync::dismiss_conflict(store, i.mutation_id);
                     });
                     return mutation_of(store, store::booking_key(booked.id));
                   });
                 },
                 [&](const MoveBooking& i) {
                   const std::string what = fmt::format("{}, {} {}", resource_name(state_, i.resource_id),
                                                        long_date(local_date(i.start)), time_range(i.start, i.end));
                   queue_awaited(ChangeKind::move, what, [i](store::LocalStore& store) {
                     // One change the server applies whole or not at all, so a refusal never
                     // costs the booking the person had; queued in one transaction with the
                     // refusal leaving the list.
                     Booking moved;
                     store.atomically([&] {
                       moved = sync::queue_move(store, i.booking_id, i.resource_id, i.start, i.end);
                       sync::dismiss_conflict(store, i.mutation_id);
                     });
                     return mutation_of(store, store::booking_key(moved.id));
                   });
                   std::erase_if(state_.data.conflicts, [id = i.mutation_id](const ConflictSummary& c) { return c.mutation_id == id; });
                 },
                 [&](const DismissToast& i) {
                   std::erase_if(state_.toasts, [id = i.id](const Toast& t) { return t.id == id; });
                 },
                 [&](const DismissConflict& i) {
                   const auto id = i.mutation_id;
                   // Gone from the panel at once; the reload confirms it.
                   std::erase_if(state_.data.conflicts, [id](const ConflictSummary& c) { return c.mutation_id == id; });
                   worker_.post([id](store::LocalStore* store) -> UiUpdate {
                     if (store != nullptr) sync::dismiss_conflict(*store, id);
                     return {};
                   });
                   load_all();
                 },
             },
             intent);
}

}  // namespace stellwerk::client
