// The controller only dispatches: apply() hands each intent to its feature's handle() overload,
// and load_all() runs the features' loads in one worker job, so that every view sees one
// consistent ClientData after each change.
#include "controller.hpp"

#include <fmt/format.h>

#include "desks/desks_handler.hpp"
#include "home/home_handler.hpp"
#include "presence/presence_handler.hpp"
#include "notices.hpp"
#include "schedule/schedule_handler.hpp"
#include "settings/settings_handler.hpp"
#include "sign_in/sign_in_handler.hpp"
#include "team/team_handler.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "training/training_handler.hpp"

namespace stellwerk::client {

Controller::Controller(AppState& state, Worker& worker, SyncLoop* sync)
    : context_{state, worker, sync, [this] { load_all(); }, {}, {}} {}

void Controller::start(const std::optional<std::filesystem::path>& demo_file) {
  if (demo_file) {
    context_.worker.post([file = *demo_file, known_today = context_.state.today](store::LocalStore* store) -> UiUpdate {
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
  ++context_.data_loads;
  std::vector<std::int64_t> awaited;
  for (const AwaitedChange& change : context_.state.awaited) awaited.push_back(change.mutation_id);
  context_.worker.post([known_today = context_.state.today, known_week = context_.state.schedule.week_start,
                        awaited = std::move(awaited)](store::LocalStore* store) -> UiUpdate {
    // Until the first load the UI has no date yet (see app.cpp): the worker finds it, also when
    // the store could not be opened, so the screen never shows an unset date.
    const Date today = known_today.ok() ? known_today : today_in_berlin();
    const Date week = known_week.ok() ? known_week : week_start(today);
    const auto set_dates = [today, week](AppState& state) {
      if (!state.today.ok()) state.today = today;
      if (!state.schedule.week_start.ok()) state.schedule.week_start = week;
    };
    if (store == nullptr) return set_dates;
    ClientData data;
    data.loaded = true;
    const std::set<std::string> pending = store->pending_entities();
    load_desks(*store, today, pending, data);  // first: Home names its conflicts with the buildings
    load_schedule(*store, week, pending, data);
    load_training(*store, pending, data);
    load_presence(*store, data);
    load_team(pending, data);
    load_home(*store, awaited, data);
    return [data = std::move(data), set_dates](AppState& state) mutable {
      set_dates(state);
      // The sync thread may have reported a later sync than this load read (see SyncSummary).
      const auto known_sync = state.data.sync.last_sync;
      state.data = std::move(data);
      if (known_sync && (!state.data.sync.last_sync || *state.data.sync.last_sync < *known_sync)) {
        state.data.sync.last_sync = known_sync;
      }
      report_outcomes(state);
      settle_desks(state);
    };
  });
  refresh_occupancy(context_);
}

bool Controller::apply_worker_updates() {
  auto updates = context_.worker.take_updates();
  for (auto& update : updates) update(context_.state);
  if (std::exchange(context_.state.requests.reload_data, false)) load_all();
  if (std::exchange(context_.state.requests.sync_soon, false) && context_.sync != nullptr) context_.sync->poke();
  follow_floor(context_);
  return !updates.empty();
}

void Controller::apply(const Intent& intent) {
  std::visit([this](const auto& one) { handle(context_, one); }, intent);
}

}  // namespace stellwerk::client
