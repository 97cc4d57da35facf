// The window's engine without the window, as a process of its own for the multi-process test
// (multi_process_e2e_test.cpp): the same Worker (local changes through sync/local_changes.hpp)
// and SyncLoop (its own LocalStore and SyncEngine, poked after each change) that run_app()
// starts, on the --data folder given. The test writes one command a line on stdin and reads
// one answer; it may kill this process with SIGKILL at any moment.
//
//   plan DATE MODE         queues a whole-day plan, answers "ok" once it is in the store
//   book RESOURCE DATE am|pm|day   queues a booking, answers "ok <id>" once it is in the store
//   settle                 syncs until nothing is pending, answers "settled" (or "unsettled")
//   workdays FROM TO       prints "DATE HALF MODE KIND" lines from this process's store, then "end"
//   bookings FROM TO       prints "RESOURCE START-UNIX STATE" lines, then "end"
//
// It answers "ready" once its store is open and "error <text>" when a command failed.
#include <chrono>
#include <cstdio>
#include <functional>
#include <future>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "app_state.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "sync_loop.hpp"
#include "worker.hpp"

namespace {

using namespace stellwerk;
using namespace std::chrono_literals;

void answer(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

// Runs `work` on the worker thread (like the controller's jobs) and waits until it is done.
std::string on_worker(client::Worker& worker, std::function<std::string(store::LocalStore&)> work) {
  std::promise<std::string> done;
  auto result = done.get_future();
  worker.post([&done, &work](store::LocalStore* store) -> client::UiUpdate {
    try {
      done.set_value(store ? work(*store) : std::string{"error the store is not open"});
    } catch (const std::exception& e) {
      done.set_value(std::string{"error "} + e.what());
    }
    return {};
  });
  return result.get();
}

std::optional<HalfDay> half_of(const std::string& text) {
  if (text == "day") return HalfDay::day;
  if (text == "am") return HalfDay::am;
  if (text == "pm") return HalfDay::pm;
  return std::nullopt;
}

std::optional<WorkMode> mode_of(const std::string& text) {
  for (int i = 0; i < static_cast<int>(WorkMode::COUNT); ++i) {
    const auto mode = static_cast<WorkMode>(i);
    if (to_string(mode) == text) return mode;
  }
  return std::nullopt;
}

// The window's threads on one data folder: the Worker and the SyncLoop as run_app() makes them,
// and the AppState the sync loop's updates change. One method per command.
struct Engine {
  explicit Engine(const std::filesystem::path& data_dir)
      : worker(data_dir, [] {}), sync(options_for(data_dir), worker) {}

  static client::SyncLoopOptions options_for(const std::filesystem::path& data_dir) {
    client::SyncLoopOptions options;
    options.data_dir = data_dir;
    options.language = "en";
    options.change_delay = 50ms;
    options.offline_first_retry = 200ms;
    options.offline_max_retry = 2s;
    return options;
  }

  void pump() {
    for (auto& update : worker.take_updates()) update(state);
  }

  void plan(const std::string& date, const std::string& mode_text) {
    const auto day = parse_date(date);
    const auto mode = mode_of(mode_text);
    if (!day || !mode) return answer("error bad plan");
    answer(on_worker(worker, [&](store::LocalStore& store) {
      sync::queue_workday(store, Workday{*day, HalfDay::day, *mode, WorkdayKind::planned});
      return std::string{"ok"};
    }));
    sync.poke();
  }

  void book(const std::string& resource, const std::string& date, const std::string& half_text) {
    const auto day = parse_date(date);
    const auto half = half_of(half_text);
    if (!day || !half) return answer("error bad booking");
    answer(on_worker(worker, [&](store::LocalStore& store) {
      const SlotTimes slot = sync::slot_times(store, *half);
      const Booking booking =
          sync::queue_booking(store, resource, to_instant(*day, slot.start), to_instant(*day, slot.end));
      return "ok " + booking.id;
    }));
    sync.poke();
  }

  // Waits for a condition with a generous bound: every change sent and the round over.
  void settle() {
    const auto give_up = std::chrono::steady_clock::now() + 120s;
    bool settled = false;
    while (!settled && std::chrono::steady_clock::now() < give_up) {
      sync.sync_now();
      const auto round_deadline = std::chrono::steady_clock::now() + 10s;
      do {
        std::this_thread::sleep_for(20ms);
        pump();
      } while (state.connection.syncing && std::chrono::steady_clock::now() < round_deadline);
      const std::string pending = on_worker(worker, [](store::LocalStore& store) {
        return std::to_string(store.sync_status().pending);
      });
      settled = pending == "0" && !state.connection.syncing;
    }
    answer(settled ? "settled" : "unsettled");
  }

  // Prints what `lines` makes of the store for the range FROM TO, then "end".
  void list(const std::string& from_text, const std::string& to_text,
            const std::function<std::string(store::LocalStore&, Date, Date)>& lines) {
    const auto from = parse_date(from_text);
    const auto to = parse_date(to_text);
    if (!from || !to) return answer("error bad range");
    std::fputs(on_worker(worker, [&](store::LocalStore& store) { return lines(store, *from, *to); }).c_str(), stdout);
    answer("end");
  }

  client::Worker worker;
  client::SyncLoop sync;
  client::AppState state;
};

std::string workday_lines(store::LocalStore& store, Date from, Date to) {
  std::string text;
  for (const Workday& w : store.my_workdays(from, to)) {
    text += fmt::format("{} {} {} {}\n", format_date(w.date), to_string(w.half), to_string(w.mode), to_string(w.kind));
  }
  return text;
}

std::string booking_lines(store::LocalStore& store, Date from, Date to) {
  std::string text;
  for (const Booking& booking : store.my_bookings(from, to)) {
    const auto start = std::chrono::duration_cast<std::chrono::seconds>(booking.start.time_since_epoch()).count();
    text += fmt::format("{} {} {}\n", booking.resource_id, start, to_string(booking.state));
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: e2e_window_engine DATA-DIR\n", stderr);
    return 2;
  }
  Engine engine{argv[1]};
  // The store opens first; its report arrives as an update, which counts as busy until taken.
  do {
    std::this_thread::sleep_for(1ms);
    engine.pump();
  } while (engine.worker.busy());
  if (!engine.state.error.empty()) {
    answer("error " + engine.state.error);
    return 1;
  }
  answer("ready");

  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in{line};
    std::string command, a, b, c;
    in >> command >> a >> b >> c;
    engine.pump();
    if (command == "plan") {
      engine.plan(a, b);
    } else if (command == "book") {
      engine.book(a, b, c);
    } else if (command == "settle") {
      engine.settle();
    } else if (command == "workdays") {
      engine.list(a, b, workday_lines);
    } else if (command == "bookings") {
      engine.list(a, b, booking_lines);
    } else {
      answer("error unknown command");
    }
  }
  engine.sync.stop();
  return 0;
}
