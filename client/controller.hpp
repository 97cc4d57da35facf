// Applies intents to the AppState and turns those that need data into worker jobs. Runs on the UI
// thread only. Settings intents only change AppState::settings; the App notices the change and
// applies fonts, theme and language before the next frame (they need the renderer).
#pragma once

#include <filesystem>
#include <optional>

#include "app_state.hpp"
#include "intents.hpp"
#include "worker.hpp"

namespace stellwerk::client {

class Controller {
 public:
  Controller(AppState& state, Worker& worker) : state_(state), worker_(worker) {}

  // First loads: fills an empty store from `demo_file` when given, then loads everything shown.
  void start(const std::optional<std::filesystem::path>& demo_file);
  void apply(const Intent& intent);
  // Applies what the worker finished; returns true when anything changed.
  bool apply_worker_updates();

 private:
  void load_all();
  void load_floor(const Id& floor_id);

  AppState& state_;
  Worker& worker_;
  Id requested_floor_;  // the floor whose resources were asked for last
};

}  // namespace stellwerk::client
