// The background worker: one thread that owns the local store and does all disk work, so the UI
// thread never waits on SQLite. The UI posts jobs; each job returns an update (a function that
// changes AppState), and the UI thread applies the updates at the start of its next frame. This
// is the one queue through which results reach the UI: the sync thread (sync_loop.hpp) hands its
// results over with deliver(), so they arrive in the same order and wake the UI the same way.
//
// Thread-safety: post(), deliver() and take_updates() may be called from any thread; jobs run one
// at a time on the worker thread in the order posted; updates are applied only by whoever calls
// take_updates() (the UI thread).
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app_state.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

using UiUpdate = std::function<void(AppState&)>;
// A job receives the store, or nullptr when the store could not be opened.
using Job = std::function<UiUpdate(store::LocalStore*)>;

// One plain sentence for the person when opening the store had to rebuild a damaged file: what
// was kept (the waiting changes) and what comes again from the server; "" when nothing happened.
// Whichever of the window's two stores did the rebuild reports it, so the person reads it once.
std::string rebuilt_notice(const store::OpenReport& report);

class Worker {
 public:
  // Opens the store in `data_dir` on the worker thread; `wake` is called (from the worker thread)
  // whenever an update is ready, so an event-driven UI loop can wake up and apply it.
  Worker(std::filesystem::path data_dir, std::function<void()> wake);
  ~Worker();  // finishes the job in progress and every queued one (a change is never dropped), joins
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void post(Job job);
  // Queues an update computed elsewhere (the sync thread) and wakes the UI.
  void deliver(UiUpdate update);
  std::vector<UiUpdate> take_updates();
  // True while jobs are queued or running (the screenshot mode waits for this to clear).
  bool busy() const;
  // True once ~Worker has begun and only finishes the queue: a test waits for this instead of
  // sleeping, to let a job go exactly while the destructor waits for it.
  bool stopping() const;

 private:
  void run(std::filesystem::path data_dir);

  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<Job> jobs_;
  std::vector<UiUpdate> updates_;
  bool running_job_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace stellwerk::client
