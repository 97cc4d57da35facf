// Courses, enrolments and signed certificates. Certificates are checked the way anyone outside
// would check them: with the public key from the API and the real `openssl` command line.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "certificates.hpp"
#include "crypto.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

namespace fs = std::filesystem;
using namespace date::literals;


void write_file(const fs::path& file, const std::string& bytes) { std::ofstream{file, std::ios::binary} << bytes; }

std::string read_file(const fs::path& file) {
  std::ifstream in{file, std::ios::binary};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct OpensslResult {
  int exit_code = -1;
  std::string output;
};

// `openssl pkeyutl -verify` exactly as docs/api/README.md tells people to run it.
OpensslResult openssl_verify(const std::string& public_key_pem, const std::string& text, const std::string& signature) {
  const TempDir dir;
  write_file(dir.path() / "pub.pem", public_key_pem);
  write_file(dir.path() / "cert.txt", text);
  write_file(dir.path() / "cert.sig", signature);
  const fs::path out = dir.path() / "out.txt";
  const std::string command = "openssl pkeyutl -verify -pubin -inkey '" + (dir.path() / "pub.pem").string() +
                              "' -rawin -in '" + (dir.path() / "cert.txt").string() + "' -sigfile '" +
                              (dir.path() / "cert.sig").string() + "' > '" + out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  return OpensslResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out)};
}

std::string enroll(ApiClient& client, const std::string& course) {
  const auto response = client.post("/api/v1/enrollments", Json{{"course_id", course}});
  EXPECT_EQ(response.status, 201) << response.raw;
  return response.body.value("id", "");
}

TEST(Training, CoursesAreFiledUnderDigComp) {
  TestServer server;
  const auto response = server.client_for("demo").get("/api/v1/courses");
  ASSERT_EQ(response.status, 200) << response.raw;
  ASSERT_GE(response.body.size(), 12u);
  EXPECT_EQ(response.body[0]["id"], "crs_privacy");  // the catalogue's own order
  for (const auto& course : response.body) {
    EXPECT_TRUE(is_valid_competence_id(course["competence_id"].get<std::string>())) << course;
    EXPECT_TRUE(is_valid_level(course["level"].get<int>())) << course;
    EXPECT_EQ(course.size(), 17u) << course;
    EXPECT_EQ(course["seats"].is_null(), course["seats_left"].is_null()) << course;
  }
  EXPECT_EQ(response.body[0]["mandatory"], true);
  EXPECT_EQ(response.body[0]["validity_months"], 12);
}

TEST(Training, EnrolOnceAndMandatoryCoursesAreDueInThirtyDays) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto privacy = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_privacy"}});
  ASSERT_EQ(privacy.status, 201) << privacy.raw;
  EXPECT_EQ(privacy.body["course_id"], "crs_privacy");
  EXPECT_EQ(privacy.body["state"], "enrolled");
  EXPECT_EQ(privacy.body["enrolled_at"], "2026-12-01T07:00:00+01:00");
  EXPECT_EQ(privacy.body["due_on"], "2026-12-31");
  EXPECT_TRUE(privacy.body["completed_on"].is_null());
  EXPECT_TRUE(privacy.body["valid_until"].is_null());
  EXPECT_TRUE(privacy.body["certificate"].is_null());

  const auto twice = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_privacy"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.code(), "already_enrolled");
  const auto optional = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_search"}});
  ASSERT_EQ(optional.status, 201);
  EXPECT_TRUE(optional.body["due_on"].is_null());

  const auto unknown = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_juggling"}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.code(), "course_not_found");
  EXPECT_EQ(demo.post("/api/v1/enrollments", Json::object()).code(), "missing_field");
  EXPECT_EQ(demo.post("/api/v1/enrollments", Json{{"course", "crs_search"}}).code(), "unknown_field");

  const auto mine = demo.get("/api/v1/enrollments");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body.size(), 2u);
  EXPECT_EQ(mine.body[0], privacy.body);
  EXPECT_TRUE(server.client_for("employee0001").get("/api/v1/enrollments").body.empty());
}

// A course mandatory for a role or a department is due for those people, and an optional course
// (to enrol, to withdraw from) for everyone else: the same core rule on every side.
TEST(Training, ACourseMandatoryForSomeIsDueForThemAndOptionalForOthers) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto courses = demo.get("/api/v1/courses?limit=1000");
  ASSERT_EQ(courses.status, 200) << courses.raw;
  Json leading;
  for (const auto& course : courses.body) {
    if (course["id"] == "crs_leading") leading = course;
    if (course["id"] == "crs_privacy") {
      EXPECT_EQ(course["mandatory_roles"], Json::array()) << "for everyone";
    }
    if (course["id"] == "crs_eid") {
      EXPECT_EQ(course["mandatory_departments"], Json::array({"dep_citizens"}));
    }
  }
  EXPECT_EQ(leading["mandatory"], true) << courses.raw;
  EXPECT_EQ(leading["mandatory_roles"], Json::array({"manager"}));
  EXPECT_EQ(leading["mandatory_departments"], Json::array());

  // Alex Demir is no manager: optional, no due date, may withdraw.
  const auto optional = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_leading"}});
  ASSERT_EQ(optional.status, 201) << optional.raw;
  EXPECT_TRUE(optional.body["due_on"].is_null());
  EXPECT_EQ(demo.del("/api/v1/enrollments/" + optional.body["id"].get<std::string>()).status, 204);

  // Maria Brandt is: due in thirty days, and no withdrawing.
  auto manager = server.client_for("manager");
  const auto mandatory = manager.post("/api/v1/enrollments", Json{{"course_id", "crs_leading"}});
  ASSERT_EQ(mandatory.status, 201) << mandatory.raw;
  EXPECT_EQ(mandatory.body["due_on"], "2026-12-31");
  expect_problem(manager.del("/api/v1/enrollments/" + mandatory.body["id"].get<std::string>()), 409,
                 "mandatory_course");

  // The citizens' office must take the eID course by the city's date; the digital office may.
  const auto citizens = server.client_for("citizens01").post("/api/v1/enrollments", Json{{"course_id", "crs_eid"}});
  ASSERT_EQ(citizens.status, 201) << citizens.raw;
  EXPECT_EQ(citizens.body["due_on"], "2027-01-15") << "the course's complete_by, not thirty days";
  const auto digital = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_eid"}});
  ASSERT_EQ(digital.status, 201) << digital.raw;
  EXPECT_TRUE(digital.body["due_on"].is_null());
}

// A mandatory course with the city's deadline (complete_by): due by it for whoever enrols before
// it, and overdue in the manager's counts for whoever has not enrolled once it has passed; someone
// who enrols after it gets the usual thirty days.
TEST(Training, ACourseWithADeadlineIsDueByItAndOverdueAfterItEvenWithoutEnrolment) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto courses = demo.get("/api/v1/courses?limit=1000");
  ASSERT_EQ(courses.status, 200) << courses.raw;
  std::map<std::string, Json> by_id;
  for (const auto& course : courses.body) by_id.emplace(course["id"].get<std::string>(), course);
  ASSERT_TRUE(by_id.contains("crs_ergonomics") && by_id.contains("crs_privacy")) << courses.raw;
  EXPECT_EQ(by_id["crs_ergonomics"]["complete_by"], "2026-12-22");
  EXPECT_TRUE(by_id["crs_privacy"]["complete_by"].is_null()) << "thirty days from each enrolment";
  const auto early = demo.post("/api/v1/enrollments", Json{{"course_id", "crs_ergonomics"}});
  ASSERT_EQ(early.status, 201) << early.raw;
  EXPECT_EQ(early.body["due_on"], "2026-12-22");

  const auto ergonomics = [&] {
    const auto answer = signed_in(server, "manager").get("/api/v1/team/trainings?limit=1000");
    EXPECT_EQ(answer.status, 200) << answer.raw;
    for (const auto& course : answer.body) {
      if (course["course_id"] == "crs_ergonomics") return course;
    }
    ADD_FAILURE() << "no counts for crs_ergonomics: " << answer.raw;
    return Json{};
  };
  const Json before = ergonomics();
  EXPECT_EQ(before["open"], 1) << before;
  EXPECT_EQ(before["overdue"], 0);
  EXPECT_EQ(before["not_enrolled"], before["team_size"].get<int>() - 1);

  server.clock().advance(std::chrono::days{22});  // 23 December: the deadline has passed
  const Json after = ergonomics();
  EXPECT_EQ(after["open"], 0) << after;
  EXPECT_EQ(after["overdue"], after["team_size"]) << "the one enrolled and everyone not enrolled";
  EXPECT_EQ(after["not_enrolled"], 0);

  const auto late = signed_in(server, "employee0003").post("/api/v1/enrollments", Json{{"course_id", "crs_ergonomics"}});
  ASSERT_EQ(late.status, 201) << late.raw;
  EXPECT_EQ(late.body["due_on"], "2027-01-22") << "thirty days from enrolling late";
}

TEST(Training, TheCertificateVerifiesWithOpenssl) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::string id = enroll(demo, "crs_privacy");
  const auto completed = demo.post("/api/v1/enrollments/" + id + "/completion", Json{});
  ASSERT_EQ(completed.status, 200) << completed.raw;
  EXPECT_EQ(completed.body["state"], "completed");
  EXPECT_EQ(completed.body["completed_on"], "2026-12-01");
  EXPECT_EQ(completed.body["valid_until"], "2027-12-01");
  const std::string text = completed.body["certificate"]["text"];
  const std::string signature = crypto::base64_decode(completed.body["certificate"]["signature"].get<std::string>());
  ASSERT_EQ(signature.size(), 64u);
  for (const char* part : {"Stadt Musterstadt – Stellwerk", "Alex Demir", "emp_demo", "crs_privacy",
                           "Datenschutz im Verwaltungsalltag", "4.2", "2026-12-01", "2027-12-01"}) {
    EXPECT_NE(text.find(part), std::string::npos) << part << " missing in\n" << text;
  }
  EXPECT_NE(text.find(id), std::string::npos);

  const auto key = server.anonymous().get("/api/v1/certificates/public-key");  // no sign-in needed
  ASSERT_EQ(key.status, 200);
  EXPECT_EQ(key.content_type.rfind("text/plain", 0), 0u) << key.content_type;
  EXPECT_EQ(key.raw.rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u) << key.raw;

  const auto valid = openssl_verify(key.raw, text, signature);
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
  EXPECT_NE(valid.output.find("Signature Verified Successfully"), std::string::npos) << valid.output;
  std::string tampered = text;
  tampered[tampered.find("2027-12-01")] = '3';
  const auto forged = openssl_verify(key.raw, tampered, signature);
  EXPECT_NE(forged.exit_code, 0) << forged.output;
  EXPECT_EQ(forged.output.find("Signature Verified Successfully"), std::string::npos) << forged.output;

  EXPECT_EQ(demo.post("/api/v1/enrollments/" + id + "/completion", Json{}).code(), "already_completed");
  EXPECT_EQ(demo.post("/api/v1/enrollments", Json{{"course_id", "crs_privacy"}}).code(), "already_completed");
  EXPECT_EQ(demo.get("/api/v1/enrollments").body[0], completed.body);
}

TEST(Training, WithdrawFromAnOpenOptionalCourseOnly) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::string optional = enroll(demo, "crs_search");
  const std::string mandatory = enroll(demo, "crs_privacy");
  const auto before = demo.get("/api/v1/changes?since=0&limit=1000");
  ASSERT_EQ(before.status, 200) << before.raw;
  const std::string cursor = before.body["cursor"];

  const auto withdrawn = demo.del("/api/v1/enrollments/" + optional);
  EXPECT_EQ(withdrawn.status, 204) << withdrawn.raw;
  const auto mine = demo.get("/api/v1/enrollments");
  ASSERT_EQ(mine.body.size(), 1u) << mine.raw;
  EXPECT_EQ(mine.body[0]["id"], mandatory);
  // The feed tells every device of the person that it is gone.
  const auto feed = demo.get("/api/v1/changes?since=" + cursor);
  ASSERT_EQ(feed.body["changes"].size(), 1u) << feed.raw;
  EXPECT_EQ(feed.body["changes"][0]["id"], optional);
  EXPECT_EQ(feed.body["changes"][0]["op"], "delete");
  EXPECT_EQ(demo.del("/api/v1/enrollments/" + optional).code(), "enrollment_not_found");
  EXPECT_EQ(demo.post("/api/v1/enrollments", Json{{"course_id", "crs_search"}}).status, 201)
      << "a withdrawn course can be enrolled in again";

  const auto refused = demo.del("/api/v1/enrollments/" + mandatory);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.code(), "mandatory_course");
  ASSERT_EQ(demo.post("/api/v1/enrollments/" + mandatory + "/completion", Json{}).status, 200);
  EXPECT_EQ(demo.del("/api/v1/enrollments/" + mandatory).code(), "already_completed");
  EXPECT_EQ(demo.get("/api/v1/enrollments").body.size(), 2u) << "refusals change nothing";
}

TEST(Training, AFullCourseRefusesAndAWithdrawalFreesTheSeatForEveryone) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto first = server.client_for("employee0001");
  auto late = server.client_for("employee0002");
  const auto seats_left = [&](ApiClient& client) {
    for (const auto& course : client.get("/api/v1/courses").body) {
      if (course["id"] == "crs_data") return course["seats_left"];
    }
    return Json{};
  };
  // Daten auswerten mit Tabellen: a classroom course with 2 seats, ten days after the seed day.
  EXPECT_EQ(seats_left(late), 2);
  const auto data = demo.get("/api/v1/courses").body[4];
  ASSERT_EQ(data["id"], "crs_data");
  EXPECT_EQ(data["format"], "classroom");
  EXPECT_EQ(data["starts_on"], "2026-12-11");
  EXPECT_EQ(data["place"], "Rathaus, Raum 2.14");
  const std::string cursor = late.get("/api/v1/changes?since=0&limit=1000").body["cursor"];

  const std::string mine = enroll(demo, "crs_data");
  enroll(first, "crs_data");
  EXPECT_EQ(seats_left(late), 0) << "every person sees the seats the others took, no names";
  const auto refused = late.post("/api/v1/enrollments", Json{{"course_id", "crs_data"}});
  EXPECT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.code(), "course_full");
  EXPECT_EQ(demo.post("/api/v1/enrollments", Json{{"course_id", "crs_data"}}).code(), "already_enrolled")
      << "someone already enrolled hears that, not that the course is full";
  const auto feed = late.get("/api/v1/changes?since=" + cursor);
  ASSERT_EQ(feed.status, 200);
  const Json& changes = feed.body["changes"];
  ASSERT_FALSE(changes.empty()) << feed.raw;
  EXPECT_EQ(changes.back()["entity"], "course");
  EXPECT_EQ(changes.back()["data"]["seats_left"], 0);
  EXPECT_EQ(feed.raw.find("emp_demo"), std::string::npos) << "the course's change names nobody";

  ASSERT_EQ(demo.del("/api/v1/enrollments/" + mine).status, 204);
  EXPECT_EQ(seats_left(late), 1);
  EXPECT_EQ(late.post("/api/v1/enrollments", Json{{"course_id", "crs_data"}}).status, 201);
}

TEST(Training, NobodyCompletesSomeoneElsesEnrolment) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::string id = enroll(demo, "crs_security");
  const auto other = server.client_for("employee0001").post("/api/v1/enrollments/" + id + "/completion", Json{});
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.code(), "enrollment_not_found");
  EXPECT_EQ(demo.get("/api/v1/enrollments").body[0]["state"], "enrolled");
  EXPECT_EQ(demo.post("/api/v1/enrollments/enr_0000000000000000/completion", Json{}).code(), "enrollment_not_found");
}

TEST(Training, AnExpiredMandatoryCourseIsTakenAgain) {
  TestServer server;
  auto demo = server.client_for("demo");
  const std::string first = enroll(demo, "crs_privacy");
  ASSERT_EQ(demo.post("/api/v1/enrollments/" + first + "/completion", Json{}).status, 200);

  // Still valid on its last day; expired the day after. (Sessions last 12 hours: sign in anew.)
  const auto sign_in_at = [&](Date day) {
    server.clock().set(to_instant(day, 8 * 60));
    auto client = server.anonymous();
    const auto session = client.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}});
    client.set_token(session.body["token"].get<std::string>());
    return client;
  };
  auto on_last_day = sign_in_at(2027_y / date::December / 1);
  EXPECT_EQ(on_last_day.post("/api/v1/enrollments", Json{{"course_id", "crs_privacy"}}).code(), "already_completed");
  auto after = sign_in_at(2027_y / date::December / 2);
  const auto again = after.post("/api/v1/enrollments", Json{{"course_id", "crs_privacy"}});
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_NE(again.body["id"], first);  // a new certificate id for a new certificate
  EXPECT_EQ(again.body["due_on"], "2028-01-01");
  const auto mine = after.get("/api/v1/enrollments");
  ASSERT_EQ(mine.body.size(), 1u);
  EXPECT_EQ(mine.body[0], again.body);
}

// A manager sees each mandatory course of their team as counts (core's mandatory_standing),
// never who; nobody else sees them at all.
TEST(Training, AManagerSeesTheTeamsMandatoryTrainingsAsCountsOnly) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto first = server.client_for("employee0001");
  auto second = server.client_for("employee0002");
  enroll(demo, "crs_privacy");
  const std::string done = enroll(first, "crs_privacy");
  ASSERT_EQ(first.post("/api/v1/enrollments/" + done + "/completion", Json{}).status, 200);
  enroll(second, "crs_security");

  // Thirty-one days on, the open enrolments are past their due date. (Sessions last 12 hours.)
  server.clock().advance(std::chrono::hours{24 * 31});
  auto manager = server.anonymous();
  const auto session = manager.post("/api/v1/session", Json{{"username", "manager"}, {"password", "demo"}});
  ASSERT_EQ(session.status, 201) << session.raw;
  manager.set_token(session.body["token"].get<std::string>());
  const auto answer = manager.get("/api/v1/team/trainings?limit=1000");
  ASSERT_EQ(answer.status, 200) << answer.raw;
  ASSERT_EQ(answer.body.size(), 3U) << "the three mandatory courses, in the catalogue's order: " << answer.raw;
  const Json& privacy = answer.body[0];
  EXPECT_EQ(privacy["course_id"], "crs_privacy");
  EXPECT_EQ(privacy["team_size"], 501) << "Alex Demir and the 500 colleagues who report to Maria Brandt";
  EXPECT_EQ(privacy["completed"], 1);
  EXPECT_EQ(privacy["overdue"], 1);
  EXPECT_EQ(privacy["open"], 0);
  EXPECT_EQ(privacy["not_enrolled"], 499);
  EXPECT_EQ(answer.body[1]["course_id"], "crs_security");
  EXPECT_EQ(answer.body[1]["overdue"], 1);
  EXPECT_EQ(answer.raw.find("crs_eid"), std::string::npos) << "mandatory for another department only";
  EXPECT_EQ(answer.raw.find("crs_leading"), std::string::npos) << "mandatory for managers, and nobody here is one";
  EXPECT_EQ(answer.raw.find("emp_"), std::string::npos) << "nobody is named";
  EXPECT_EQ(answer.raw.find("Demir"), std::string::npos);

  auto colleague = server.anonymous();
  const auto other = colleague.post("/api/v1/session", Json{{"username", "employee0003"}, {"password", "demo"}});
  colleague.set_token(other.body["token"].get<std::string>());
  const auto refused = colleague.get("/api/v1/team/trainings");
  EXPECT_EQ(refused.status, 403) << refused.raw;
  EXPECT_EQ(refused.code(), "forbidden");
}

// A small team gets no counts (they would single someone out), and a course counts only the people
// it is mandatory for: the eID course only those of the citizens' office in a mixed team, and it is
// left out when it concerns fewer than four of them.
TEST(Training, ASmallTeamGetsNoCountsAndACourseCountsWhomItIsMandatoryFor) {
  TestServer server;
  const auto run = [&](const std::string& statement) {
    server.server().context().db.write([&](sql::Connection& db) { sql::Statement{db, statement}.run(); });
  };
  const auto report_to_citizens01 = [&](const std::string& id) {
    run(fmt::format("UPDATE employees SET manager_id = 'emp_citizens_01' WHERE id = '{}'", id));
  };
  run("UPDATE employees SET roles = 'employee,manager' WHERE id = 'emp_citizens_01'");
  for (const char* id : {"emp_citizens_02", "emp_citizens_03", "emp_citizens_04"}) report_to_citizens01(id);
  // Three reports: four people with the manager.
  expect_problem(signed_in(server, "citizens01").get("/api/v1/team/trainings"), 403, "team_too_small");

  // A mixed team of six: four of the citizens' office, two of the building office.
  for (const char* id : {"emp_citizens_05", "emp_building_01", "emp_building_02"}) report_to_citizens01(id);
  const auto courses_of = [&] {
    const auto answer = signed_in(server, "citizens01").get("/api/v1/team/trainings?limit=1000");
    EXPECT_EQ(answer.status, 200) << answer.raw;
    std::map<std::string, Json> by_id;
    for (const auto& course : answer.body) by_id.emplace(course["course_id"].get<std::string>(), course);
    return by_id;
  };
  auto courses = courses_of();
  EXPECT_FALSE(courses.contains("crs_leading")) << "mandatory for managers, and none of the six is one";
  ASSERT_TRUE(courses.contains("crs_privacy"));
  EXPECT_EQ(courses["crs_privacy"]["team_size"], 6) << "for everyone";
  ASSERT_TRUE(courses.contains("crs_eid"));
  EXPECT_EQ(courses["crs_eid"]["team_size"], 4) << "for the citizens' office only";
  EXPECT_EQ(courses["crs_eid"]["not_enrolled"], 4);

  // One of the four moves to the building office: three would single each other out.
  run("UPDATE employees SET department_id = 'dep_building' WHERE id = 'emp_citizens_05'");
  courses = courses_of();
  EXPECT_FALSE(courses.contains("crs_eid")) << "mandatory for three of the team only";
  ASSERT_TRUE(courses.contains("crs_privacy"));
  EXPECT_EQ(courses["crs_privacy"]["team_size"], 6);
}

TEST(Training, TheSigningKeySurvivesARestartAndOnlyItsOwnerCanReadIt) {
  TestServer server;
  const std::string before = server.anonymous().get("/api/v1/certificates/public-key").raw;
  ApiResponse completed;
  {
    // Closed before the restart: the server waits for open keep-alive connections.
    auto demo = server.client_for("demo");
    completed = demo.post("/api/v1/enrollments/" + enroll(demo, "crs_green_it") + "/completion", Json{});
  }
  ASSERT_EQ(completed.status, 200);

  server.restart();
  const std::string after = server.anonymous().get("/api/v1/certificates/public-key").raw;
  EXPECT_EQ(after, before);
  const auto check =
      openssl_verify(after, completed.body["certificate"]["text"].get<std::string>(),
                     crypto::base64_decode(completed.body["certificate"]["signature"].get<std::string>()));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_TRUE(completed.body["valid_until"].is_null());  // an optional course never expires

  struct stat info {};
  ASSERT_EQ(::stat((server.data_dir() / "certificate-key.pem").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(CertificateSigner, SignsVerifiesAndRefusesAKeyThatIsNotEd25519) {
  const TempDir dir;
  const auto signer = CertificateSigner::load_or_create(dir.path() / "key.pem");
  const std::string signature = signer->sign("Zertifikat für Jörg");
  EXPECT_EQ(signature.size(), 64u);
  EXPECT_EQ(signer->sign("Zertifikat für Jörg"), signature);  // Ed25519 is deterministic
  EXPECT_TRUE(signer->verify("Zertifikat für Jörg", signature));
  EXPECT_FALSE(signer->verify("Zertifikat für Jorg", signature));
  EXPECT_FALSE(signer->verify("Zertifikat für Jörg", "short"));
  EXPECT_EQ(CertificateSigner::load_or_create(dir.path() / "key.pem")->public_key_pem(), signer->public_key_pem());

  write_file(dir.path() / "garbage.pem", "not a key\n");
  EXPECT_THROW(CertificateSigner::load_or_create(dir.path() / "garbage.pem"), std::runtime_error);
  const std::string rsa = (dir.path() / "rsa.pem").string();
  ASSERT_EQ(
      std::system(
          ("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out '" + rsa + "' 2>/dev/null").c_str()),
      0);
  EXPECT_THROW(CertificateSigner::load_or_create(rsa), std::runtime_error);
  EXPECT_EQ(read_file(dir.path() / "garbage.pem"), "not a key\n");  // never overwritten
}

}  // namespace
}  // namespace stellwerk::server::testing
