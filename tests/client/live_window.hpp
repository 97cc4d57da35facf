// The window's parts as the app runs them — Worker, SyncLoop and Controller on one data folder —
// for tests against the real server in-process (tests/server/test_server.hpp). The test plays the
// UI thread: it applies intents and pumps the worker's updates until a condition holds, with a
// generous deadline, never for a fixed time.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "controller.hpp"
#include "stellwerk/core/calendar.hpp"
#include "sync_loop.hpp"
#include "worker.hpp"

namespace stellwerk::client::testing {

inline const Date kServerDay = date::year{2026} / 12 / 1;  // default_test_start: Tuesday 1 December 2026

struct LiveWindow {
  static SyncLoopOptions options_for(const std::filesystem::path& data_dir) {
    SyncLoopOptions options;
    options.data_dir = data_dir;
    options.language = "en";
    options.change_delay = std::chrono::milliseconds{20};
    options.today = kServerDay;
    return options;
  }
  explicit LiveWindow(const std::filesystem::path& data_dir)
      : worker(data_dir, [] {}), sync(options_for(data_dir), worker), controller(state, worker, &sync) {
    state.today = kServerDay;
    state.schedule.week_start = week_start(kServerDay);
  }

  bool pump_until(const std::function<bool(const AppState&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds{60}) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      controller.apply_worker_updates();
      if (done(state)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    return false;
  }

  // Starts the window and signs in to the server on loopback `port` as `username` (password
  // "demo", as the demo seed has it). Call it inside ASSERT_NO_FATAL_FAILURE.
  void sign_in(int port, const std::string& username = "demo") {
    controller.start(std::nullopt);
    ASSERT_TRUE(pump_until([](const AppState& s) { return s.session.known && s.data.loaded; }));
    controller.apply(SignIn{"http://127.0.0.1:" + std::to_string(port), username, "demo"});
    ASSERT_TRUE(pump_until([](const AppState& s) { return s.session.signed_in && !s.session.signing_in; }))
        << state.session.sign_in_error;
  }

  AppState state;
  Worker worker;
  SyncLoop sync;
  Controller controller;
};

}  // namespace stellwerk::client::testing
