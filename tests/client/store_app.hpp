// A temporary --data folder and the app's UI-thread side (state, worker, controller) on it, for
// tests of the Controller against a real local store: the test plays the UI thread and pumps
// apply_worker_updates() the way the app's loop does, waiting for a condition with a generous
// deadline instead of for a fixed time.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "controller.hpp"
#include "fixture_state.hpp"
#include "worker.hpp"

namespace stellwerk::client::testing {

namespace fs = std::filesystem;

class TempFolder {
 public:
  TempFolder() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("stellwerk-client-test-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The app: state, worker and controller, started like run_app() starts them.
struct App {
  explicit App(const fs::path& data_dir) : worker(data_dir, [] {}), controller(state, worker) {
    state.today = kToday;
    state.schedule.week_start = kMonday;
  }

  // Applies worker updates until `done` holds; false after the timeout.
  bool pump_until(const std::function<bool(const AppState&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      controller.apply_worker_updates();
      if (done(state)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  // Applies updates until the worker has nothing left to do.
  bool settle() { return pump_until([this](const AppState&) { return !worker.busy(); }); }

  AppState state;
  Worker worker;
  Controller controller;
};


}  // namespace stellwerk::client::testing
