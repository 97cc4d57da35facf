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
#include "training/training_status.hpp"
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

// Whether the client, from what it synced, takes `course` as mandatory for the signed-in person.
bool mandatory_here(const AppState& state, const Id& course) {
  const auto items = training_items(state.data.courses, state.data.enrollments, signed_in_learner(state.data.me),
                                    state.today);
  const auto item = std::ranges::find_if(items, [&](const TrainingItem& i) { return i.course->id == course; });
  return item != items.end() && item->mandatory;
}

// "Hybride Teams führen" is mandatory for managers: the client and the server agree on it for a
// manager (due, and no withdrawing) and for anyone else (optional), from the same core rule.
TEST(TrainingSync, ACourseForManagersIsMandatoryForTheManagerOnBothSidesAndOptionalForOthers) {
  TestServer server;
  TempDir demo_dir("stellwerk-audience-demo");
  TempDir manager_dir("stellwerk-audience-manager");
  LiveWindow demo(demo_dir.path());
  ASSERT_NO_FATAL_FAILURE(sign_in(demo, server));
  LiveWindow manager(manager_dir.path());
  ASSERT_NO_FATAL_FAILURE(manager.sign_in(server.port(), "manager"));
  ASSERT_TRUE(manager.pump_until([](const AppState& s) { return !s.data.courses.empty() && s.data.me; }));

  EXPECT_FALSE(mandatory_here(demo.state, "crs_leading"));
  EXPECT_TRUE(mandatory_here(manager.state, "crs_leading"));
  EXPECT_TRUE(mandatory_here(demo.state, "crs_privacy")) << "a course for everyone";
  EXPECT_FALSE(mandatory_here(manager.state, "crs_eid")) << "for the citizens' office only";

  // The server says the same: due for the manager, no due date for Alex Demir.
  const server::testing::Json leading{{"course_id", "crs_leading"}};
  const auto for_manager = server.client_for("manager").post("/api/v1/enrollments", leading);
  EXPECT_FALSE(for_manager.body["due_on"].is_null()) << for_manager.raw;
  const auto for_demo = server.client_for("demo").post("/api/v1/enrollments", leading);
  EXPECT_TRUE(for_demo.body["due_on"].is_null()) << for_demo.raw;
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
