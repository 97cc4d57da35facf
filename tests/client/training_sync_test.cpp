// Enrolling and withdrawing through the outbox and the real server (issue 16): a course enrolled in
// and withdrawn from before the first sync sends both requests in order (the withdrawal names the
// enrolment's local id, which the push resolves once the enrolment is confirmed), and the server
// ends with no enrolment; a withdrawal the server refuses (a mandatory course) is named on Home and
// the enrolment comes back with the full copy that follows. A person's own level in a competence
// shows at once, reaches the server and their other computer. Worker, SyncLoop and Controller run as
// in the app; the test waits for conditions, never for a fixed time.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "live_window.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::TempDir;
using server::testing::TestServer;
using testing::LiveWindow;

// Signed in, with the catalogue the first sync brought.
void sign_in(LiveWindow& window, const TestServer& server) {
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port()));
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.data.courses.empty(); }));
}

const Enrollment* enrolment_in(const AppState& state, const Id& course) {
  const auto found = std::ranges::find(state.data.enrollments, course, &Enrollment::course_id);
  return found == state.data.enrollments.end() ? nullptr : &*found;
}

TEST(TrainingSync, EnrolledAndWithdrawnOfflineSendsBothAndTheServerKeepsNone) {
  TestServer server;
  TempDir dir("stellwerk-withdraw");
  LiveWindow window(dir.path());
  ASSERT_NO_FATAL_FAILURE(sign_in(window, server));

  window.controller.apply(Enroll{"crs_search"});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return enrolment_in(s, "crs_search") != nullptr; }));
  const Id local = enrolment_in(window.state, "crs_search")->id;
  window.controller.apply(WithdrawEnrollment{local});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return enrolment_in(s, "crs_search") == nullptr; }))
      << "withdrawn on this computer at once";

  window.controller.apply(SyncNow{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return s.data.sync.pending == 0 && s.data.sync.last_sync; }));
  EXPECT_TRUE(window.state.data.conflicts.empty());
  EXPECT_EQ(enrolment_in(window.state, "crs_search"), nullptr);
  const auto mine = server.client_for("demo").get("/api/v1/enrollments");
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(mine.body.empty()) << mine.raw;
}

TEST(TrainingSync, ARefusedWithdrawalIsNamedAndTheEnrolmentComesBack) {
  TestServer server;
  TempDir dir("stellwerk-withdraw-refused");
  LiveWindow window(dir.path());
  ASSERT_NO_FATAL_FAILURE(sign_in(window, server));
  window.controller.apply(Enroll{"crs_privacy"});  // mandatory
  window.controller.apply(SyncNow{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) {
    const Enrollment* e = enrolment_in(s, "crs_privacy");
    return s.data.sync.pending == 0 && e != nullptr && !e->id.starts_with("local-");
  }));
  const Id id = enrolment_in(window.state, "crs_privacy")->id;

  // The view offers no "Withdraw" here; another client (an older one) might still send it.
  window.controller.apply(WithdrawEnrollment{id});
  window.controller.apply(SyncNow{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.data.conflicts.empty(); }));
  const ConflictSummary& refused = window.state.data.conflicts.front();
  EXPECT_EQ(refused.kind, ChangeKind::withdrawal);
  EXPECT_EQ(refused.problem_code, "mandatory_course");
  EXPECT_TRUE(window.pump_until([&](const AppState& s) {
    const Enrollment* e = enrolment_in(s, "crs_privacy");
    return e != nullptr && e->id == id;
  })) << "the enrolment the server kept is shown again";
  EXPECT_EQ(server.client_for("demo").get("/api/v1/enrollments").body.size(), 1u);
}

std::optional<int> level_in(const AppState& state, const std::string& competence) {
  const auto found = std::ranges::find(state.data.self_assessments, competence, &SelfAssessment::competence_id);
  return found == state.data.self_assessments.end() ? std::nullopt : std::optional<int>{found->level};
}

TEST(TrainingSync, AnOwnLevelShowsAtOnceReachesTheServerAndThePersonsOtherComputer) {
  TestServer server;
  TempDir first_dir("stellwerk-assess-1");
  TempDir second_dir("stellwerk-assess-2");
  LiveWindow first(first_dir.path());
  ASSERT_NO_FATAL_FAILURE(sign_in(first, server));
  // The roles' targets came with the first sync: the profile can show them.
  EXPECT_EQ(competence_target(first.state.data.competence_targets, std::vector<Role>{Role::employee}, "1.3"), 3);

  first.controller.apply(AssessCompetence{"1.3", 2});
  ASSERT_TRUE(first.pump_until([](const AppState& s) { return level_in(s, "1.3") == 2; })) << "shown at once";
  first.controller.apply(AssessCompetence{"1.3", 4});
  first.controller.apply(SyncNow{});
  ASSERT_TRUE(first.pump_until([](const AppState& s) {
    return s.data.sync.pending == 0 && s.data.pending_assessments.empty() && level_in(s, "1.3") == 4;
  }));
  const auto stored = server.client_for("demo").get("/api/v1/me/self-assessments");
  ASSERT_EQ(stored.body.size(), 1U) << stored.raw;
  EXPECT_EQ(stored.body[0]["level"], 4) << "the later level, sent after the first";

  LiveWindow second(second_dir.path());
  ASSERT_NO_FATAL_FAILURE(sign_in(second, server));
  EXPECT_TRUE(second.pump_until([](const AppState& s) { return level_in(s, "1.3") == 4; }));
}

}  // namespace
}  // namespace stellwerk::client
