// What a feature's handler works with when it applies an intent (desks/desks_handler.hpp, …): the
// state it changes on the UI thread, the worker that runs its store jobs, and the sync thread it
// wakes. The queue_* helpers are the one way a handler writes a local change: on the worker
// thread, then a reload of every feature's data and a nudge to the sync thread to send it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app_state.hpp"
#include "sync_loop.hpp"
#include "worker.hpp"

namespace stellwerk::client {

struct HandlerContext {
  AppState& state;
  Worker& worker;
  SyncLoop* sync;                  // null in tests of local behaviour: changes are only stored and queued
  std::function<void()> reload;    // reads every feature's data again (Controller::load_all)
  // Desks: the floor whose resources were asked for last, and the day their occupancy was read for.
  Id requested_floor;
  Date requested_day{};
  // Desks: the floor drawing asked for last, and after which of the data loads (a drawing not yet
  // cached when asked for is asked for again after the next load, which follows every sync that
  // fetched one).
  struct RequestedDrawing {
    Id floor_id;
    std::string version;
    int data_loads = 0;
  } requested_drawing{};
  int data_loads = 0;  // how many times Controller::load_all has run

  // Writes one local change on the worker thread, then reloads and asks the sync thread to send it.
  void queue_change(std::function<void(store::LocalStore&)> change);
  // The same for a booking, cancellation or plan whose answer the person is told about in a notice:
  // `change` returns the mutation id it queued (0: none), `what` names it in words.
  void queue_awaited(ChangeKind kind, std::string what, std::function<std::int64_t(store::LocalStore&)> change);
};

}  // namespace stellwerk::client
