// Tests of what the window shows when the local store is in trouble: a damaged file rebuilt at
// start is told once, in one plain sentence that says what was kept; a store that cannot be
// opened at all still leaves the window with today's date (never "Dienstag, 0. April 0").
// The window runs without a screen: worker, sync thread and controller as run_app() makes them.
#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include <gtest/gtest.h>

#include "controller.hpp"
#include "labels.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "sync_loop.hpp"
#include "test_server.hpp"
#include "worker.hpp"

namespace stellwerk::client {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using server::testing::TempDir;

struct Window {
  explicit Window(const fs::path& data_dir)
      : worker(data_dir, [] {}), sync(options_for(data_dir), worker), controller(state, worker, &sync) {}

  static SyncLoopOptions options_for(const fs::path& data_dir) {
    SyncLoopOptions options;
    options.data_dir = data_dir;
    options.language = "en";
    return options;
  }

  // Applies updates until `done` holds; false when the (generous) deadline passed first.
  bool pump_until(const std::function<bool(const AppState&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      controller.apply_worker_updates();
      if (done(state)) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

  AppState state;
  Worker worker;
  SyncLoop sync;
  Controller controller;
};

// Overwrites the page headers of the last pages of `file` (cache pages: they were written
// last) with bytes no page type has.
void damage_cache_pages(const fs::path& file) {
  constexpr std::streamoff kPage = 4096;
  const auto size = static_cast<std::streamoff>(fs::file_size(file));
  std::fstream out{file, std::ios::in | std::ios::out | std::ios::binary};
  const std::string garbage(64, static_cast<char>(0xA5));
  for (std::streamoff page = size / kPage - 3; page < size / kPage; ++page) {
    out.seekp(page * kPage);
    out.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
}

TEST(StoreTrouble, ARebuiltStoreIsToldOnceInOneSentenceThatSaysWhatWasKept) {
  assets::activate_language(i18n::Language::en);
  TempDir data("stellwerk-store-trouble");
  {
    auto store = store::LocalStore::open(data.path());
    ASSERT_TRUE(store) << store.error();
    for (unsigned day = 10; day < 13; ++day) {
      sync::queue_workday(*store, Workday{date::year{2026} / 3 / day, HalfDay::day, WorkMode::remote,
                                          WorkdayKind::planned});
    }
    store->upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-0", "bld-1", "EG", 0, 40, 20}}});
    for (int i = 0; i < 300; ++i) {
      store->upsert_resource({"res-" + std::to_string(i), ResourceType::desk, "Platz " + std::to_string(i), "flr-0",
                              1.0 * i, 2, 1.6, 0.8, {"monitor", "docking"}, 1, false});
    }
  }
  damage_cache_pages(data.path() / "stellwerk.sqlite");

  {
    Window window(data.path());
    window.controller.start(std::nullopt);
    ASSERT_TRUE(window.pump_until(
        [](const AppState& s) { return s.data.loaded && s.session.known && !s.notice.empty(); }))
        << "no notice: " << window.state.error;
    EXPECT_TRUE(window.state.error.empty()) << window.state.error;
    EXPECT_EQ(window.state.notice,
              "The local data was damaged and has been rebuilt: your 3 waiting changes were kept, and everything "
              "else is fetched again from the server after you sign in.");
    EXPECT_EQ(window.state.data.sync.pending, 3);

    // Once: dismissed, it does not come back from the other store of the window.
    window.controller.apply(DismissNotice{});
    ASSERT_TRUE(window.pump_until([&](const AppState&) { return !window.worker.busy(); }));
    window.controller.apply(SyncNow{});
    ASSERT_TRUE(window.pump_until([&](const AppState&) { return !window.worker.busy(); }));
    EXPECT_EQ(window.state.notice, "");
  }
  // Rebuilt once: the next start opens it plainly.
  auto store = store::LocalStore::open(data.path());
  ASSERT_TRUE(store) << store.error();
  EXPECT_FALSE(store->open_report().rebuilt_after_corruption);
  EXPECT_EQ(store->pending_outbox().size(), 3U);
}

TEST(StoreTrouble, AStoreThatCannotBeOpenedStillLeavesTodaysDateOnScreen) {
  assets::activate_language(i18n::Language::de);
  TempDir data("stellwerk-store-trouble");
  const fs::path not_a_folder = data.path() / "file";
  std::ofstream{not_a_folder} << "not a folder";
  Window window(not_a_folder);
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.pump_until([&](const AppState& s) { return s.data.loaded && !s.error.empty() && !window.worker.busy(); }));
  EXPECT_TRUE(window.state.today.ok()) << "the date stayed unset";
  EXPECT_NE(long_date(window.state.today), "");
  EXPECT_EQ(long_date(window.state.today).find(" 0 "), std::string::npos);
}

}  // namespace
}  // namespace stellwerk::client
