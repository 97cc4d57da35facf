// The window says why the server could not be used in the person's language (issue 12): an invalid
// server address typed into the sign-in form, and a server that does not answer, reach the sign-in
// screen and the status bar in German, chosen by the kind of failure the sync engine reports
// (sync::Failure), not by matching its English words. Worker, SyncLoop and Controller run as in the
// app; the test plays the UI thread and waits for a condition with a generous deadline.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "controller.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "sync_loop.hpp"
#include "test_server.hpp"
#include "worker.hpp"

namespace stellwerk::client {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using server::testing::TempDir;

const Date kDay = date::year{2026} / 12 / 1;

// A loopback port nothing listens on: bound once to learn a free number, then closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  return bound ? ntohs(address.sin_port) : 9;
}

struct GermanWindow {
  static SyncLoopOptions options_for(const fs::path& data_dir) {
    SyncLoopOptions options;
    options.data_dir = data_dir;
    options.language = "de";
    options.change_delay = 20ms;
    return options;
  }
  explicit GermanWindow(const fs::path& data_dir)
      : worker(data_dir, [] {}), sync(options_for(data_dir), worker), controller(state, worker, &sync) {
    assets::activate_language(i18n::Language::de);
    state.today = kDay;
    state.schedule.week_start = week_start(kDay);
  }
  ~GermanWindow() { assets::activate_language(i18n::Language::de); }

  bool pump_until(const std::function<bool(const AppState&)>& done, std::chrono::milliseconds timeout = 60s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
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

TEST(ConnectionWords, AnInvalidServerAddressIsExplainedInGerman) {
  TempDir data("stellwerk-connection-words");
  GermanWindow window(data.path());
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.session.known; }));
  window.controller.apply(SignIn{"kein server", "demo", "demo"});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.session.signing_in && !s.session.sign_in_error.empty(); }));
  EXPECT_EQ(window.state.session.sign_in_error,
            "Die Serveradresse ist ungültig. Geben Sie sie als https://name oder http://name:port ein.");
}

TEST(ConnectionWords, AServerThatDoesNotAnswerIsExplainedInGermanOnSignInAndInTheStatusBar) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
  const std::string expected = "Der Server antwortet nicht. Er ist vielleicht ausgefallen, oder Adresse oder Port sind falsch.";
  TempDir data("stellwerk-connection-words");
  {
    GermanWindow window(data.path());
    window.controller.start(std::nullopt);
    ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.session.known; }));
    window.controller.apply(SignIn{url, "demo", "demo"});
    ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.session.signing_in && !s.session.sign_in_error.empty(); }));
    EXPECT_EQ(window.state.session.sign_in_error, expected);
  }
  {
    auto store = store::LocalStore::open(data.path());
    ASSERT_TRUE(store) << store.error();
    store->save_session(store::Session{url, "demo", "u_demo", "a-token", std::nullopt});
    sync::queue_workday(*store, Workday{kDay, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  }
  GermanWindow window(data.path());
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.connection.state == Connection::offline; }));
  EXPECT_EQ(window.state.connection.offline_reason, expected);
}

}  // namespace
}  // namespace stellwerk::client
