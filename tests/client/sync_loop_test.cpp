// The window's threads together against the real server: Worker, SyncLoop and Controller on a
// temporary --data folder, and stellwerk-server in-process on a free loopback port
// (tests/server/test_server.hpp) — no mock of HTTP anywhere. The test plays the UI thread: it
// applies intents and pumps apply_worker_updates() as the app's loop does, and it reads only
// AppState, which is all a person can see. It proves that signing in, a local booking, its trip
// to the server, a refusal with alternatives, a revoked session and an unreachable server all
// reach the UI through the one queue, and that the sync thread stops promptly. It is its own
// executable (client_sync_tests) so that it can also be built and run under ThreadSanitizer.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "controller.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "sync_loop.hpp"
#include "test_server.hpp"
#include "worker.hpp"

namespace stellwerk::client {
namespace {

namespace fs = std::filesystem;
using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using namespace std::chrono_literals;

// The test server's day (default_test_start: Tuesday 1 December 2026, 07:00 in Berlin).
const Date kServerDay = date::year{2026} / 12 / 1;

std::string url_of(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// A loopback port nothing listens on: bound once to learn a free number, then closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    return 9;  // discard: nothing listens there on a test machine either
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

SyncLoopOptions quick_options(const fs::path& data_dir) {
  SyncLoopOptions options;
  options.data_dir = data_dir;
  options.language = "en";
  options.change_delay = 20ms;
  return options;
}

// The application without a window: the members in the order run_app() creates them, so they
// are destroyed in the same order (the sync thread stops before the worker it delivers to).
struct Window {
  explicit Window(const fs::path& data_dir, SyncLoopOptions options)
      : worker(data_dir, [] {}), sync(std::move(options), worker), controller(state, worker, &sync) {
    state.today = kServerDay;
    state.schedule.week_start = week_start(kServerDay);
  }
  explicit Window(const fs::path& data_dir) : Window(data_dir, quick_options(data_dir)) {}

  bool pump_until(const std::function<bool(const AppState&)>& done, std::chrono::milliseconds timeout = 60s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      controller.apply_worker_updates();
      if (done(state)) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

  bool sign_in(int port, const std::string& username) {
    controller.apply(SignIn{url_of(port), username, "demo"});
    return pump_until([](const AppState& s) {
      return s.session.signed_in && !s.session.signing_in && s.data.me && !s.requests.reload_data &&
             s.desks.resources_loaded;
    });
  }

  const BookingSummary* booking_of(const Id& resource_id) const {
    for (const BookingSummary& b : state.data.bookings) {
      if (b.booking.resource_id == resource_id && b.booking.state == BookingState::booked) return &b;
    }
    return nullptr;
  }

  AppState state;
  Worker worker;
  SyncLoop sync;
  Controller controller;
};

const Resource* first_desk(const AppState& state, std::size_t skip = 0) {
  for (const Resource& r : state.desks.resources) {
    if (r.type == ResourceType::desk && !r.accessible && skip-- == 0) return &r;
  }
  return nullptr;
}

bool server_has_booking(TestServer& server, const std::string& username, const Id& resource_id) {
  auto api = server.client_for(username);
  const auto response = api.get("/api/v1/bookings?from=2026-12-01&to=2026-12-01");
  if (response.status != 200 || !response.body.is_array()) return false;
  return std::any_of(response.body.begin(), response.body.end(), [&](const Json& booking) {
    return booking.value("resource_id", "") == resource_id && booking.value("state", "") == "booked";
  });
}

TEST(SyncLoop, SignInBookAndSeeTheBookingSentToTheServer) {
  TestServer server;
  TempDir data("stellwerk-sync-loop");
  Window window(data.path());
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.session.known && s.data.loaded; }));
  EXPECT_TRUE(needs_sign_in(window.state)) << "a first start without a session asks to sign in";

  window.controller.apply(SignIn{url_of(server.port()), "demo", "wrong"});
  EXPECT_TRUE(window.state.session.signing_in);
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.session.signing_in; }));
  EXPECT_FALSE(window.state.session.signed_in);
  EXPECT_EQ(window.state.session.sign_in_error, "The user name or the password is not correct.");

  ASSERT_TRUE(window.sign_in(server.port(), "demo")) << window.state.session.sign_in_error;
  EXPECT_TRUE(window.state.session.sign_in_error.empty()) << window.state.session.sign_in_error;
  EXPECT_FALSE(needs_sign_in(window.state));
  EXPECT_EQ(window.state.session.username, "demo");
  EXPECT_EQ(window.state.session.server_url, url_of(server.port()));
  EXPECT_EQ(window.state.connection.state, Connection::online);
  EXPECT_EQ(window.state.data.me->username, "demo");
  EXPECT_FALSE(window.state.data.buildings.empty()) << "the first sync pulled the reference data";

  const Resource* desk = first_desk(window.state);
  ASSERT_NE(desk, nullptr);
  const Id desk_id = desk->id;
  window.controller.apply(BookResource{desk_id, kServerDay, HalfDay::day});
  // First the local copy, marked pending — before any answer from the server could have come.
  ASSERT_TRUE(window.pump_until([&](const AppState&) { return window.booking_of(desk_id) != nullptr; }));
  // Then the sync thread's round: sent, pulled back, nothing waiting.
  ASSERT_TRUE(window.pump_until([&](const AppState& s) {
    const BookingSummary* b = window.booking_of(desk_id);
    return s.data.sync.pending == 0 && b != nullptr && !b->pending && !s.requests.reload_data && !s.connection.syncing;
  })) << "pending: " << window.state.data.sync.pending;
  const BookingSummary* booked = window.booking_of(desk_id);
  ASSERT_NE(booked, nullptr);
  EXPECT_FALSE(booked->booking.id.starts_with("local-")) << "the server's id replaced the local one";
  EXPECT_EQ(local_minute(booked->booking.start), 8 * 60) << "the department's whole-day slot";
  EXPECT_EQ(local_minute(booked->booking.end), 17 * 60);
  EXPECT_TRUE(window.state.data.sync.last_sync.has_value());
  EXPECT_TRUE(server_has_booking(server, "demo", desk_id));
}

TEST(SyncLoop, ATakenDeskComesBackAsAConflictAndBookThisInsteadResolvesIt) {
  TestServer server;
  TempDir data("stellwerk-sync-loop");
  Window window(data.path());
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.sign_in(server.port(), "demo"));
  const Resource* desk = first_desk(window.state);
  ASSERT_NE(desk, nullptr);
  const Id desk_id = desk->id;

  // Someone else takes the desk on the server; this client does not know yet.
  auto colleague = server.client_for("employee0001");
  const auto taken = colleague.post("/api/v1/bookings", Json{{"resource_id", desk_id},
                                                             {"start", to_rfc3339(to_instant(kServerDay, 8 * 60))},
                                                             {"end", to_rfc3339(to_instant(kServerDay, 17 * 60))}});
  ASSERT_EQ(taken.status, 201) << taken.raw;

  window.controller.apply(BookResource{desk_id, kServerDay, HalfDay::day});
  ASSERT_TRUE(window.pump_until([](const AppState& s) {
    return !s.data.conflicts.empty() && s.data.sync.pending == 0 && !s.requests.reload_data;
  })) << "no conflict arrived";
  const ConflictSummary conflict = window.state.data.conflicts.front();
  EXPECT_EQ(conflict.kind, ChangeKind::booking);
  EXPECT_EQ(conflict.problem_code, "desk_taken");
  EXPECT_FALSE(conflict.problem_title.empty()) << "the server's words for the person";
  EXPECT_EQ(conflict.subject, desk->name);
  ASSERT_TRUE(conflict.start && conflict.end);
  ASSERT_FALSE(conflict.alternatives.empty()) << "a free desk with the same features exists";
  EXPECT_NE(conflict.alternatives.front().resource_id, desk_id);
  EXPECT_FALSE(conflict.alternatives.front().building_name.empty());
  EXPECT_EQ(window.state.data.sync.rejected, 1);
  EXPECT_EQ(window.booking_of(desk_id), nullptr) << "the refused booking no longer shows as the person's";

  const Id alternative = conflict.alternatives.front().resource_id;
  window.controller.apply(BookAlternative{conflict.mutation_id, alternative, *conflict.start, *conflict.end});
  ASSERT_TRUE(window.pump_until([&](const AppState& s) {
    const BookingSummary* b = window.booking_of(alternative);
    return s.data.conflicts.empty() && s.data.sync.pending == 0 && b != nullptr && !b->pending &&
           !s.requests.reload_data && !s.connection.syncing;
  }));
  EXPECT_EQ(window.state.data.sync.rejected, 0);
  EXPECT_TRUE(server_has_booking(server, "demo", alternative));
}

TEST(SyncLoop, ARevokedSessionAsksToSignInAgainAndKeepsTheChangeQueued) {
  TestServer server;
  TempDir data("stellwerk-sync-loop");
  Window window(data.path());
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.sign_in(server.port(), "demo"));

  // The server ends the session (as when it expires): revoke the stored token.
  std::string token;
  {
    auto store = store::LocalStore::open(data.path());
    ASSERT_TRUE(store) << store.error();
    token = store->session()->token;
  }
  auto api = server.anonymous();
  api.set_token(token);
  ASSERT_EQ(api.del("/api/v1/session").status, 204);

  window.controller.apply(PlanWorkday{Workday{kServerDay, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.session.expired; }));
  EXPECT_TRUE(needs_sign_in(window.state));
  EXPECT_FALSE(window.state.session.signed_in);
  EXPECT_EQ(window.state.session.username, "demo") << "kept for the sign-in form";
  EXPECT_EQ(window.state.data.sync.pending, 1) << "the plan stays queued";

  ASSERT_TRUE(window.sign_in(server.port(), "demo"));
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.data.sync.pending == 0; }))
      << "the queued plan is sent after signing in again";
  EXPECT_FALSE(window.state.session.expired);
}

TEST(SyncLoop, SigningOutForgetsTheSessionButNotTheQueuedChanges) {
  const int port = closed_port();  // sign-out works offline too
  TempDir data("stellwerk-sync-loop");
  {
    auto store = store::LocalStore::open(data.path());
    ASSERT_TRUE(store) << store.error();
    store->save_session(store::Session{url_of(port), "demo", "u_demo", "a-token", std::nullopt});
    sync::queue_workday(*store, Workday{kServerDay, HalfDay::am, WorkMode::office, WorkdayKind::planned});
  }
  Window window(data.path());
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.session.known && s.data.loaded; }));
  EXPECT_TRUE(window.state.session.signed_in);
  window.controller.apply(SignOut{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.session.signed_in; }));
  EXPECT_TRUE(needs_sign_in(window.state));
  EXPECT_FALSE(window.state.session.expired) << "signed out on purpose, not by the server";
  EXPECT_EQ(window.state.session.username, "demo");
  EXPECT_EQ(window.state.data.sync.pending, 1);
  auto store = store::LocalStore::open(data.path());
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->session()->token.empty());
  EXPECT_EQ(store->pending_outbox().size(), 1u);
}

TEST(SyncLoop, AnUnreachableServerIsReportedOfflineAndStoppingIsPrompt) {
  const int port = closed_port();
  TempDir data("stellwerk-sync-loop");
  {
    auto store = store::LocalStore::open(data.path());
    ASSERT_TRUE(store) << store.error();
    store->save_session(store::Session{url_of(port), "demo", "u_demo", "a-token", std::nullopt});
    sync::queue_workday(*store, Workday{kServerDay, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  }
  // Backoffs far longer than any machine needs to stop a thread: a stop that waited one out
  // would show, and a slow machine cannot fail the bounds below.
  SyncLoopOptions options = quick_options(data.path());
  options.offline_first_retry = 10min;
  options.offline_max_retry = 10min;
  auto window = std::make_unique<Window>(data.path(), options);
  window->controller.start(std::nullopt);
  ASSERT_TRUE(window->pump_until([](const AppState& s) { return s.connection.state == Connection::offline; }));
  EXPECT_FALSE(window->state.connection.offline_reason.empty()) << "the person is told why";
  EXPECT_TRUE(window->state.session.signed_in) << "being offline is no reason to sign in again";
  EXPECT_FALSE(needs_sign_in(window->state));
  EXPECT_EQ(window->state.data.sync.pending, 1);

  // Stop while the thread waits out its offline backoff (10 min here) ...
  auto started = std::chrono::steady_clock::now();
  window->sync.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, options.offline_first_retry / 2);
  window.reset();

  // ... and while a round is retrying against the closed port: the stop comes during one of the
  // engine's retry waits (250 ms doubling); waiting those out would take well over the second
  // allowed for a stop on any machine.
  auto retry_waiting = std::make_shared<std::atomic<bool>>(false);
  options.on_retry_wait = [retry_waiting](std::chrono::milliseconds) { *retry_waiting = true; };
  Window again(data.path(), options);
  again.controller.start(std::nullopt);
  ASSERT_TRUE(again.pump_until([&](const AppState& s) { return s.connection.syncing && *retry_waiting; }));
  started = std::chrono::steady_clock::now();
  again.sync.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  again.sync.stop();  // idempotent
}

}  // namespace
}  // namespace stellwerk::client
