// Working time of a remote day through the outbox and the real server (issue 15): the Wochenplan
// saves it on this computer at once (shown as not sent yet), the next sync round sends it after the
// day's remote plan, the server keeps it as the person's own, and a second computer signed in as
// the same person gets it from the changes feed. Worker, SyncLoop and Controller run as in the
// app; the test waits for conditions, never for a fixed time.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "live_window.hpp"
#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using testing::kServerDay;
using testing::LiveWindow;

bool shows(const AppState& state, const WorkTime& record) {
  return std::ranges::find(state.data.work_times, record) != state.data.work_times.end();
}

TEST(WorkTimeSync, SavedOfflineSentWithThePlanAndOnTheSecondComputer) {
  TestServer server;
  const Date today = kServerDay;  // a day still to come could carry no time yet
  const WorkTime record{today, 8 * 60, 16 * 60 + 30, 30};

  TempDir first_dir("stellwerk-worktime-1");
  LiveWindow first(first_dir.path());
  ASSERT_NO_FATAL_FAILURE(first.sign_in(server.port()));
  // Both wait in the outbox; the cache shows them at once.
  first.controller.apply(PlanWorkday{Workday{today, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
  first.controller.apply(SaveWorkTime{record});
  ASSERT_TRUE(first.pump_until([&](const AppState& s) {
    return shows(s, record) && std::ranges::find(s.data.pending_work_time_days, today) != s.data.pending_work_time_days.end();
  }));

  first.controller.apply(SyncNow{});
  ASSERT_TRUE(first.pump_until([&](const AppState& s) {
    return s.data.sync.pending == 0 && s.data.pending_work_time_days.empty() && shows(s, record);
  })) << "pending changes: " << first.state.data.sync.pending;
  EXPECT_TRUE(first.state.data.conflicts.empty());

  auto demo = server.client_for("demo");
  const auto stored = demo.get("/api/v1/worktimes?from=2026-11-30&to=2026-12-06");
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body["work_times"],
            Json::parse(R"([{"date": "2026-12-01", "start": "08:00", "end": "16:30", "break_minutes": 30}])"));

  TempDir second_dir("stellwerk-worktime-2");
  LiveWindow second(second_dir.path());
  ASSERT_NO_FATAL_FAILURE(second.sign_in(server.port()));
  second.controller.apply(SyncNow{});
  EXPECT_TRUE(second.pump_until([&](const AppState& s) { return shows(s, record); }));

  // Removed on the second computer: gone on the server and, after its next round, on the first.
  second.controller.apply(RemoveWorkTime{today});
  second.controller.apply(SyncNow{});
  ASSERT_TRUE(second.pump_until([&](const AppState& s) { return s.data.sync.pending == 0 && s.data.work_times.empty(); }));
  // The window's count may briefly lag a change queued during a round (the round's count and the
  // load after the change arrive in either order), so the server is asked directly before the
  // first computer's round.
  const auto gone = [&] {
    const auto answer = demo.get("/api/v1/worktimes?from=2026-11-30&to=2026-12-06");
    return answer.status == 200 && answer.body["work_times"].empty();
  };
  for (int i = 0; i < 600 && !gone(); ++i) second.pump_until([](const AppState&) { return false; }, std::chrono::milliseconds{100});
  ASSERT_TRUE(gone()) << "the second computer never sent the removal";
  first.controller.apply(SyncNow{});
  EXPECT_TRUE(first.pump_until([](const AppState& s) { return s.data.work_times.empty(); }));
}

// The person was at the office after all (recorded from another device) before this computer sent
// its time: the server refuses it, and Home names the refused change with its day.
TEST(WorkTimeSync, ARefusedTimeIsNamedWithItsDay) {
  TestServer server;
  const Date today = kServerDay;
  TempDir dir("stellwerk-worktime-refused");
  LiveWindow window(dir.path());
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port()));
  window.controller.apply(PlanWorkday{Workday{today, HalfDay::day, WorkMode::remote, WorkdayKind::planned}});
  window.controller.apply(SyncNow{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.data.sync.pending == 0; }));
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.put("/api/v1/workdays/2026-12-01", Json{{"half", "day"}, {"mode", "office"}, {"kind", "actual"}}).status,
            200);

  window.controller.apply(SaveWorkTime{WorkTime{today, 8 * 60, 16 * 60, 30}});
  window.controller.apply(SyncNow{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.data.conflicts.empty(); }));
  const ConflictSummary& refused = window.state.data.conflicts.front();
  EXPECT_EQ(refused.kind, ChangeKind::work_time);
  EXPECT_EQ(refused.problem_code, "not_a_remote_day");
  EXPECT_EQ(refused.day, today) << "Home says which day's time was refused";
}

}  // namespace
}  // namespace stellwerk::client
