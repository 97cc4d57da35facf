// Going over the remote limit, from the employee's Wochenplan to the manager's Team page and back
// (issues 12 and 15), with two windows as the app runs them (Worker, SyncLoop, Controller) against
// the real server in-process (tests/server/test_server.hpp): the employee plans more remote days
// than the department allows and the month shows "pending"; the manager's window lists the request
// with the month's totals, the manager declines it with a reason, the decision goes through the
// outbox, and the employee's window reads "rejected" with that reason. The test plays both UI
// threads and waits for conditions with a generous deadline, never for a fixed time.
#include <algorithm>
#include <optional>
#include <string>

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

std::optional<MonthApproval> december(const AppState& state) {
  for (const MonthApproval& a : state.approvals) {
    if (a.year == 2026 && a.month == 12) return a;
  }
  return std::nullopt;
}

bool in_state(const AppState& state, ApprovalState wanted) {
  const auto month = december(state);
  return month && month->state == wanted;
}

const TeamRequest* request_of(const AppState& state, const std::string& name) {
  const auto& requests = state.team.requests;
  const auto found = std::find_if(requests.begin(), requests.end(), [&](const TeamRequest& r) { return r.display_name == name; });
  return found == requests.end() ? nullptr : &*found;
}

class MonthApprovals : public ::testing::Test {
 protected:
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // The department (dep_digital) allows 40 % and asks the manager beyond it: remote work on every
  // weekday of two December weeks in the Wochenplan.
  void plan_over_the_limit() {
    for (int d = 0; d < 12; ++d) {
      const Date day = add_days(kServerDay, d);
      if (weekday_index(day) >= 5) continue;
      employee.controller.apply(PlanWorkday{Workday{day, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
    }
    employee.controller.apply(SyncNow{});
    ASSERT_TRUE(employee.pump_until([](const AppState& s) {
      return s.data.sync.pending == 0 && in_state(s, ApprovalState::pending);
    })) << "pending changes: " << employee.state.data.sync.pending;
  }

  TestServer server;
  TempDir employee_data{"stellwerk-approvals-employee"};
  TempDir manager_data{"stellwerk-approvals-manager"};
  LiveWindow employee{employee_data.path()};
  LiveWindow manager{manager_data.path()};
};

TEST_F(MonthApprovals, TheManagersDeclineWithAReasonReachesTheEmployeesWochenplan) {
  ASSERT_NO_FATAL_FAILURE(employee.sign_in(server.port(), "demo"));
  ASSERT_NO_FATAL_FAILURE(plan_over_the_limit());

  ASSERT_NO_FATAL_FAILURE(manager.sign_in(server.port(), "manager"));
  manager.controller.apply(RefreshTeam{});
  ASSERT_TRUE(manager.pump_until([](const AppState& s) { return s.team.loaded_at && !s.team.busy; }));
  ASSERT_EQ(manager.state.team.error, "");
  const TeamRequest* request = request_of(manager.state, "Alex Demir");
  ASSERT_NE(request, nullptr) << "the employee's request is on the manager's page";
  EXPECT_EQ(request->month, date::year{2026} / date::December);
  EXPECT_EQ(request->remote_days, 9.0);
  EXPECT_EQ(request->allowed_days, 8.8);
  const auto alex = std::find_if(manager.state.team.members.begin(), manager.state.team.members.end(),
                                 [](const TeamMonth& m) { return m.display_name == "Alex Demir"; });
  ASSERT_NE(alex, manager.state.team.members.end());
  EXPECT_EQ(alex->remote_days, 9.0);
  EXPECT_EQ(alex->approval, ApprovalState::pending);
  // The team's mandatory trainings came with the page: the demo's three, in counts of all 501.
  ASSERT_TRUE(manager.state.team.trainings.has_value());
  ASSERT_EQ(manager.state.team.trainings->size(), 3U);
  EXPECT_EQ(manager.state.team.trainings->front().team_size, 501);

  manager.controller.apply(DecideRequest{request->id, true, "Two of us are on leave that week.", "Alex Demir"});
  // Sent through the outbox; the page reads the team again after the round, and the request is gone.
  ASSERT_TRUE(manager.pump_until([](const AppState& s) {
    return s.data.sync.pending == 0 && s.data.sync.rejected == 0 && s.team.loaded_at && !s.team.busy &&
           request_of(s, "Alex Demir") == nullptr;
  })) << "pending " << manager.state.data.sync.pending << ", rejected " << manager.state.data.sync.rejected;

  employee.controller.apply(SyncNow{});
  ASSERT_TRUE(employee.pump_until([](const AppState& s) { return in_state(s, ApprovalState::rejected); }));
  EXPECT_EQ(december(employee.state)->reason, "Two of us are on leave that week.");
}

TEST_F(MonthApprovals, ADecisionSomebodyElseMadeFirstIsRefusedAndNamed) {
  ASSERT_NO_FATAL_FAILURE(employee.sign_in(server.port(), "demo"));
  ASSERT_NO_FATAL_FAILURE(plan_over_the_limit());
  ASSERT_NO_FATAL_FAILURE(manager.sign_in(server.port(), "manager"));
  manager.controller.apply(RefreshTeam{});
  ASSERT_TRUE(manager.pump_until([](const AppState& s) { return s.team.loaded_at && !s.team.busy; }));
  const TeamRequest* request = request_of(manager.state, "Alex Demir");
  ASSERT_NE(request, nullptr);
  const Id id = request->id;

  // Approved in another window of the same manager before this one's decision is sent.
  const auto elsewhere = server.client_for("manager").post("/api/v1/approvals/" + id, Json{{"decision", "approve"}});
  ASSERT_EQ(elsewhere.status, 200) << elsewhere.raw;
  manager.controller.apply(DecideRequest{id, true, "Not this month.", "Alex Demir"});
  // The refusal is listed like every refused change (Home, the conflict dialog).
  ASSERT_TRUE(manager.pump_until([](const AppState& s) { return s.data.sync.pending == 0 && s.data.conflicts.size() == 1; }));
  EXPECT_EQ(manager.state.data.conflicts.front().problem_code, "approval_decided");

  employee.controller.apply(SyncNow{});
  EXPECT_TRUE(employee.pump_until([](const AppState& s) { return in_state(s, ApprovalState::approved); }));
}

}  // namespace
}  // namespace stellwerk::client
