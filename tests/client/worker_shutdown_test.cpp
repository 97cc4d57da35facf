// Tests of what closing the window does to local changes still on their way to disk: the
// person clicked, the change job is queued behind other work, and the window closes at once.
// The change must be in the store afterwards (and so in the outbox, to be sent later).
#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "test_server.hpp"
#include "worker.hpp"

namespace stellwerk::client {
namespace {

using namespace std::chrono_literals;
using server::testing::TempDir;

TEST(WorkerShutdown, AChangeQueuedJustBeforeTheWindowClosesIsWrittenNotDropped) {
  TempDir data("stellwerk-worker-shutdown");
  const Date day{date::year{2026} / 3 / 12};
  // A job in progress (a load, say) holds the worker while the click's change queues behind it
  // and the window closes. It is let go once the destructor is waiting; the change must end up
  // written.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::thread releaser;
  {
    Worker worker(data.path(), [] {});
    worker.post([released](store::LocalStore*) -> UiUpdate {
      released.wait();
      return {};
    });
    worker.post([day](store::LocalStore* store) -> UiUpdate {
      if (store) sync::queue_workday(*store, Workday{day, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
      return {};
    });
    // The job is let go once ~Worker waits for it (the destructor cannot end before), with a
    // generous deadline so that a worker that never stops fails the test instead of hanging it.
    releaser = std::thread([&release, &worker] {
      const auto give_up = std::chrono::steady_clock::now() + 60s;
      while (!worker.stopping() && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(1ms);
      EXPECT_TRUE(worker.stopping()) << "~Worker never began";
      release.set_value();
    });
    // ~Worker runs here, with the change still queued.
  }
  releaser.join();
  auto store = store::LocalStore::open(data.path());
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->pending_outbox().size(), 1U) << "the change clicked before closing was dropped";
  EXPECT_EQ(store->my_workdays(day, day).size(), 1U);
}

}  // namespace
}  // namespace stellwerk::client
