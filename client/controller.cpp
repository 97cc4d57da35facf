// The controller's jobs read and write the store on the worker thread and return plain values to
// the UI thread. Loading is coarse on purpose: a person's data is small (a month of bookings, a
// few weeks of plans, a course list), and one load after each change keeps every view consistent.
#include "controller.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"

namespace stellwerk::client {
namespace {

template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

constexpr int kBookingDaysShown = 28;

ClientData read_client_data(store::LocalStore& store, Date today, Date week_start) {
  ClientData data;
  data.loaded = true;
  data.me = store.me();
  if (data.me) data.department = store.department(data.me->department_id);
  data.buildings = store.buildings();

  // Names for the bookings: index floors and buildings once rather than per booking.
  std::map<Id, std::pair<std::string, std::string>> floor_names;  // floor id -> (building, floor)
  for (const Building& b : data.buildings) {
    for (const Floor& f : b.floors) floor_names[f.id] = {b.name, f.name};
  }
  for (Booking& booking : store.my_bookings(today, add_days(today, kBookingDaysShown - 1))) {
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
    summary.booking = std::move(booking);
    data.bookings.push_back(std::move(summary));
  }
  // The weeks around the one shown, and the whole month, so the month's remote share is complete.
  const Date month_first = week_start.year() / week_start.month() / 1;
  const Date month_last = week_start.year() / week_start.month() / date::last;
  const Date from = std::min(add_days(week_start, -7), month_first, [](Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; });
  const Date to = std::max(add_days(week_start, 13), month_last, [](Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; });
  data.workdays = store.my_workdays(from, to);
  data.courses = store.courses();
  data.enrollments = store.my_enrollments();
  const store::SyncStatus sync = store.sync_status();
  data.sync = SyncSummary{!sync.server_url.empty(), sync.pending, sync.rejected, sync.last_sync};
  return data;
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
  worker_.post([known_today = state_.today, known_week = state_.schedule.week_start](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    // Until the first load the UI has no date yet (see app.cpp): the worker finds it.
    const Date today = known_today.ok() ? known_today : today_in_berlin();
    const Date week = known_week.ok() ? known_week : week_start(today);
    return [data = read_client_data(*store, today, week), today, week](AppState& state) mutable {
      if (!state.today.ok()) state.today = today;
      if (!state.schedule.week_start.ok()) state.schedule.week_start = week;
      state.data = std::move(data);
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
}

void Controller::load_floor(const Id& floor_id) {
  requested_floor_ = floor_id;
  state_.desks.resources_loaded = false;
  worker_.post([floor_id](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    return [floor_id, resources = store->resources_on_floor(floor_id)](AppState& state) mutable {
      if (state.desks.floor_id != floor_id) return;  // the person moved on meanwhile
      state.desks.resources = std::move(resources);
      state.desks.resources_loaded = true;
    };
  });
}

bool Controller::apply_worker_updates() {
  auto updates = worker_.take_updates();
  for (auto& update : updates) update(state_);
  // A load may pick the floor (the home building's first); its resources follow in a job of their own.
  if (!state_.desks.floor_id.empty() && state_.desks.floor_id != requested_floor_) load_floor(state_.desks.floor_id);
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
                     if (!state_.desks.floor_id.empty()) load_floor(state_.desks.floor_id);
                   }
                 },
                 [&](const SelectFloor& i) {
                   state_.desks.floor_id = i.floor_id;
                   state_.desks.resources.clear();
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
                   worker_.post([workday = i.workday](store::LocalStore* store) -> UiUpdate {
                     if (store != nullptr) store->plan_workday(workday);
                     return {};
                   });
                   load_all();
                 },
                 [&](const DismissNotice&) {
                   state_.notice.clear();
                   state_.error.clear();
                 },
             },
             intent);
}

}  // namespace stellwerk::client

