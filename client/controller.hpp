// Applies intents to the AppState and turns those that need data into worker jobs. Runs on the UI
// thread only. Settings intents only change AppState::settings; the App notices the change and
// applies fonts, theme and language before the next frame (they need the renderer). Local changes
// (book, cancel, check in, plan, enrol, complete) are written by the worker through
// sync/local_changes.hpp and then handed to the sync thread; sign-in, sign-out and "sync now" go to
// the sync thread directly.
#pragma once

#include <filesystem>
#include <optional>

#include "app_state.hpp"
#include "intents.hpp"
#include "sync_loop.hpp"
#include "worker.hpp"

namespace stellwerk::client {

class Controller {
 public:
  // `sync` may be null (tests of local behaviour): changes are then only stored and queued.
  Controller(AppState& state, Worker& worker, SyncLoop* sync = nullptr) : state_(state), worker_(worker), sync_(sync) {}

  // First loads: fills an empty store from `demo_file` when given, then loads everything shown.
  void start(const std::optional<std::filesystem::path>& demo_file);
  void apply(const Intent& intent);
  // Applies what the worker and the sync thread finished, and acts on the requests they left
  // (reload, sync soon); returns true when anything changed.
  bool apply_worker_updates();

 private:
  void load_all();
  void load_floor(const Id& floor_id);
  // Writes one local change on the worker thread, then reloads and asks the sync thread to send it.
  void queue_change(std::function<void(store::LocalStore&)> change);
  // The same for a booking, cancellation or plan whose answer the person is told about in a notice:
  // `change` returns the mutation id it queued (0: none), `what` names it in words.
  void queue_awaited(ChangeKind kind, std::string what, std::function<std::int64_t(store::LocalStore&)> change);
  // The same for a change of several bookings; its report is shown in Desks.
  void queue_report(std::function<BookingReport(store::LocalStore&)> change);

  AppState& state_;
  Worker& worker_;
  SyncLoop* sync_;
  Id requested_floor_;  // the floor whose resources were asked for last
  Date requested_day_{};  // and the day their occupancy was read for
};

}  // namespace stellwerk::client
