// The manager's answer to going over the remote limit reaches the Wochenplan (issue 12): the
// person plans more remote days than the department allows, the server saves them and asks the
// manager, and after the next sync round the window knows the month's request is pending; when the
// manager rejects it, the next round says rejected. Worker, SyncLoop and Controller run as in the
// app against the real server in-process (tests/server/test_server.hpp); the test plays the UI
// thread and waits for conditions with a generous deadline, never for a fixed time.
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "live_window.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using testing::kServerDay;
using testing::LiveWindow;

std::optional<ApprovalState> december(const AppState& state) {
  for (const MonthApproval& a : state.approvals) {
    if (a.year == 2026 && a.month == 12) return a.state;
  }
  return std::nullopt;
}

TEST(MonthApprovals, GoingOverTheRemoteLimitShowsPendingThenTheManagersAnswer) {
  TestServer server;
  TempDir data("stellwerk-approvals");
  LiveWindow window(data.path());
  window.controller.start(std::nullopt);
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.session.known && s.data.loaded; }));
  window.controller.apply(SignIn{"http://127.0.0.1:" + std::to_string(server.port()), "demo", "demo"});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.session.signed_in && !s.session.signing_in; }))
      << window.state.session.sign_in_error;

  // The department (dep_digital) allows 40 % and asks the manager beyond it: plan remote work
  // for every weekday of two December weeks in the Wochenplan.
  for (int d = 0; d < 12; ++d) {
    const Date day = add_days(kServerDay, d);
    if (weekday_index(day) >= 5) continue;
    window.controller.apply(PlanWorkday{Workday{day, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
  }
  window.controller.apply(SyncNow{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) {
    return s.data.sync.pending == 0 && december(s) == ApprovalState::pending;
  })) << "pending changes: " << window.state.data.sync.pending;

  auto manager = server.client_for("manager");
  const auto pending = manager.get("/api/v1/approvals");
  ASSERT_EQ(pending.status, 200);
  ASSERT_TRUE(pending.body.is_array() && !pending.body.empty()) << pending.body.dump();
  const std::string id = pending.body.front().value("id", "");
  const auto decided = manager.post("/api/v1/approvals/" + id, Json{{"decision", "reject"}});
  ASSERT_EQ(decided.status, 200) << decided.body.dump();

  window.controller.apply(SyncNow{});
  EXPECT_TRUE(window.pump_until([](const AppState& s) { return december(s) == ApprovalState::rejected; }));
}

}  // namespace
}  // namespace stellwerk::client
