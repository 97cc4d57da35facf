// Dispatches intents to the features' handlers (desks/desks_handler.hpp, schedule/…, training/…,
// home/…, settings/…, sign_in/…) and composes the features' loads into one ClientData. Runs on the
// UI thread only; the handlers hand disk work to the worker and network work to the sync thread.
#pragma once

#include <filesystem>
#include <optional>

#include "app_state.hpp"
#include "handler_context.hpp"
#include "intents.hpp"
#include "sync_loop.hpp"
#include "worker.hpp"

namespace stellwerk::client {

class Controller {
 public:
  // `sync` may be null (tests of local behaviour): changes are then only stored and queued.
  Controller(AppState& state, Worker& worker, SyncLoop* sync = nullptr);
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // First loads: fills an empty store from `demo_file` when given, then loads everything shown.
  void start(const std::optional<std::filesystem::path>& demo_file);
  void apply(const Intent& intent);
  // Applies what the worker and the sync thread finished, and acts on the requests they left
  // (reload, sync soon); returns true when anything changed.
  bool apply_worker_updates();

 private:
  void load_all();

  HandlerContext context_;
};

}  // namespace stellwerk::client
