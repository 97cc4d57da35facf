// The competence profile as a person uses it: they say where they stand in a DigComp competence,
// change it later, and see it on their other devices; nobody else ever sees it. Every role's
// targets reach everyone through the feed, and the person's own target is the highest of their
// roles' (core's competence_target, the same rule the client uses). Enrolment closes once a
// course has begun.
//
// The test clock starts on Tuesday 2026-12-01 07:00 in Berlin.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

using namespace date::literals;

std::string assessment_path(const std::string& competence) { return "/api/v1/me/self-assessments/" + competence; }

TEST(Competences, AnAssessmentIsKeptReplacedAndRepeatingItChangesNothing) {
  TestServer server;
  auto demo = server.client_for("demo");
  EXPECT_EQ(demo.get("/api/v1/me/self-assessments").body, Json::array());

  const auto first = demo.put(assessment_path("1.3"), Json{{"level", 2}});
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["competence_id"], "1.3");
  EXPECT_EQ(first.body["level"], 2);
  ASSERT_EQ(demo.put(assessment_path("4.2"), Json{{"level", 5}}).status, 200);

  server.clock().advance(std::chrono::hours{1});
  const std::string cursor = read_feed(demo).cursor;
  const auto again = demo.put(assessment_path("1.3"), Json{{"level", 2}});
  EXPECT_EQ(again.body, first.body) << "the same level again keeps when it was said";
  EXPECT_TRUE(changes_of(read_feed(demo, cursor), "self_assessment").empty()) << "and tells no device anything";
  const auto higher = demo.put(assessment_path("1.3"), Json{{"level", 4}});
  ASSERT_EQ(higher.status, 200);
  EXPECT_EQ(higher.body["level"], 4);
  EXPECT_NE(higher.body["assessed_at"], first.body["assessed_at"]);
  const auto changed = changes_of(read_feed(demo, cursor), "self_assessment");
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_EQ(changed[0]["id"], "1.3");
  EXPECT_EQ(changed[0]["data"], higher.body);

  const auto listed = demo.get("/api/v1/me/self-assessments").body;
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_EQ(listed[0], higher.body);
  EXPECT_EQ(listed[1]["competence_id"], "4.2");
}

TEST(Competences, AnUnknownCompetenceOrALevelOutsideOneToEightIsRefusedAndStoresNothing) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto unknown = demo.put(assessment_path("6.1"), Json{{"level", 3}});
  EXPECT_EQ(unknown.status, 404) << unknown.raw;
  EXPECT_EQ(unknown.code(), "competence_not_found");
  for (const Json& level : {Json(0), Json(9), Json(-1), Json("3"), Json(2.5), Json(nullptr)}) {
    const auto refused = demo.put(assessment_path("1.1"), Json{{"level", level}});
    EXPECT_EQ(refused.status, 422) << level << ": " << refused.raw;
    EXPECT_EQ(refused.body.value("field", ""), "level") << refused.raw;
  }
  EXPECT_EQ(demo.put(assessment_path("1.1"), Json{{"level", 3}, {"note", "x"}}).code(), "unknown_field");
  EXPECT_EQ(demo.put(assessment_path("1.1"), Json::object()).code(), "missing_field");
  EXPECT_EQ(demo.get("/api/v1/me/self-assessments").body, Json::array());
  EXPECT_TRUE(changes_of(read_feed(demo), "self_assessment").empty());
}

TEST(Competences, OnlyThePersonSeesTheirAssessmentAlsoOnANewDevice) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.put(assessment_path("2.4"), Json{{"level", 3}}).status, 200);

  // Not a colleague, and not the manager either: the profile is for the person's own planning.
  for (const char* other : {"employee0001", "manager"}) {
    auto client = server.client_for(other);
    EXPECT_EQ(client.get("/api/v1/me/self-assessments").body, Json::array()) << other;
    EXPECT_TRUE(changes_of(read_feed(client), "self_assessment").empty()) << other;
  }
  auto new_device = server.client_for("demo");
  const auto snapshot = changes_of(read_feed(new_device), "self_assessment");
  ASSERT_EQ(snapshot.size(), 1U);
  EXPECT_EQ(snapshot[0]["data"]["level"], 3);
}

TEST(Competences, EveryoneGetsEveryRolesTargetsAndTheirOwnIsTheHighestOfTheirRoles) {
  TestServer server;
  auto demo = server.client_for("demo");
  std::vector<CompetenceTarget> targets;
  for (const auto& change : changes_of(read_feed(demo), "competence_target")) {
    const auto role = parse_enum<Role>(change["data"]["role"].get<std::string>());
    ASSERT_TRUE(role) << change;
    EXPECT_EQ(change["id"], change["data"]["role"].get<std::string>() + "/" +
                                change["data"]["competence_id"].get<std::string>());
    targets.push_back(CompetenceTarget{*role, change["data"]["competence_id"], change["data"]["level"]});
  }
  EXPECT_EQ(std::ranges::count(targets, Role::employee, &CompetenceTarget::role), 21)
      << "every employee has a target in each of the 21 competences";
  // The seed asks employees for level 3 in 2.4 and managers for 5.
  const std::vector<Role> employee{Role::employee};
  const std::vector<Role> manager{Role::employee, Role::manager};
  EXPECT_EQ(competence_target(targets, employee, "2.4"), 3);
  EXPECT_EQ(competence_target(targets, manager, "2.4"), 5);
  EXPECT_EQ(competence_target(targets, manager, "3.1"), 2);
  auto manager_client = server.client_for("manager");
  EXPECT_EQ(changes_of(read_feed(manager_client), "competence_target").size(), targets.size());
}

TEST(Competences, EnrolmentClosesTheDayAfterACourseBegan) {
  TestServer server;
  // Videokonferenzen leiten starts seven days after the seed day, on 2026-12-08.
  const auto sign_in_at = [&](Date day) {
    server.clock().set(to_instant(day, 8 * 60));
    return signed_in(server, "demo");
  };
  auto on_the_day = sign_in_at(2026_y / date::December / 8);
  const auto joined = on_the_day.post("/api/v1/enrollments", Json{{"course_id", "crs_video"}});
  EXPECT_EQ(joined.status, 201) << "a late-comer may still join on the day: " << joined.raw;
  auto after = sign_in_at(2026_y / date::December / 9);
  const auto later_course = after.post("/api/v1/enrollments", Json{{"course_id", "crs_english"}});
  EXPECT_EQ(later_course.status, 201) << "crs_english begins later: " << later_course.raw;
  auto colleague = signed_in(server, "employee0001");
  const auto late = colleague.post("/api/v1/enrollments", Json{{"course_id", "crs_video"}});
  EXPECT_EQ(late.status, 409) << late.raw;
  EXPECT_EQ(late.code(), "course_started");
  // A mandatory course never closes: nobody stays overdue for want of a date.
  server.clock().set(to_instant(2027_y / date::January / 4, 8 * 60));
  auto next_year = signed_in(server, "employee0001");
  EXPECT_EQ(next_year.post("/api/v1/enrollments", Json{{"course_id", "crs_security"}}).status, 201);
}

}  // namespace
}  // namespace stellwerk::server::testing
