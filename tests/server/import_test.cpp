// The city's own data through POST /api/v1/import/{kind} on the real server (the command line runs
// the same code: server_binary_test). Files as HR and facility systems export them, every kind of
// bad file, the same file twice, dry runs, and people who left.
#include <gtest/gtest.h>

#include "import.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

ApiResponse import(ApiClient& admin, const std::string& kind, const std::string& content,
                   const std::string& query = "", const std::string& type = "text/csv") {
  return admin.send("POST", "/api/v1/import/" + kind + query, content, {}, type);
}

// A refused file is a 422 invalid_body problem whose report lists every problem of the file.
const Json& problems_of(const ApiResponse& response) {
  EXPECT_EQ(response.status, 422) << response.raw;
  EXPECT_EQ(response.code(), "invalid_body");
  return response.body["report"]["problems"];
}

std::vector<std::string> problem_texts(const ApiResponse& response) {
  std::vector<std::string> texts;
  for (const auto& problem : problems_of(response)) texts.push_back(problem["where"].get<std::string>() + ": " + problem["message"].get<std::string>());
  return texts;
}

std::string joined_problems(const ApiResponse& response) {
  std::string text;
  for (const auto& line : problem_texts(response)) text += line + "\n";
  return text;
}

Json course_named(ApiClient& client, const std::string& id) {
  for (const auto& course : client.get("/api/v1/courses").body) {
    if (course["id"] == id) return course;
  }
  return Json{};
}

// A German export: BOM, ';', German headers, a decimal comma, a quoted title with a ';' in it, a
// date as 15.01.2027 and "ja"; a column Stellwerk does not know is ignored, never stored.
constexpr const char* kGermanCourses =
    "\xEF\xBB\xBFKurs-ID;Titel;Kompetenz;Niveau;Lernform;Beginn;Ort;Plätze;Pflicht;Pflicht für Ämter;Frist;Bemerkung\r\n"
    "crs_ki;\"KI im Amt; Grundlagen\";5.2;3;Präsenz;15.01.2027;Rathaus, Raum 101;12;nein;;;intern\r\n"
    "crs_dsgvo;Datenschutz 2027;4.2;2;e-learning;;;;ja;dep_citizens;31.03.2027;\r\n";

TEST(ImportCourses, GermanFileAddsCoursesAndTheSameFileAgainChangesNothing) {
  TestServer server;
  auto admin = server.client_for("facility");
  const auto first = import(admin, "courses", kGermanCourses);
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["added"].size(), 2u);
  EXPECT_EQ(first.body["ignored_columns"], Json::array({"Bemerkung"}));

  auto demo = server.client_for("demo");
  const Json ki = course_named(demo, "crs_ki");
  EXPECT_EQ(ki["title"], "KI im Amt; Grundlagen");
  EXPECT_EQ(ki["format"], "classroom");
  EXPECT_EQ(ki["starts_on"], "2027-01-15");
  EXPECT_EQ(ki["seats"], 12);
  const Json privacy = course_named(demo, "crs_dsgvo");
  EXPECT_EQ(privacy["mandatory"], true);
  EXPECT_EQ(privacy["mandatory_departments"], Json::array({"dep_citizens"}));
  EXPECT_EQ(privacy["complete_by"], "2027-03-31");

  // Everyone's clients learn it from the feed.
  const auto feed = read_feed(demo);
  bool in_feed = false;
  for (const auto& change : changes_of(feed, "course")) in_feed = in_feed || change["id"] == "crs_ki";
  EXPECT_TRUE(in_feed);

  const auto again = import(admin, "courses", kGermanCourses);
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_TRUE(again.body["added"].empty());
  EXPECT_TRUE(again.body["changed"].empty());
}

TEST(ImportCourses, DryRunReportsAndWritesNothingAndAChangeNamesItsColumns) {
  TestServer server;
  auto admin = server.client_for("facility");
  ASSERT_EQ(import(admin, "courses", kGermanCourses).status, 200);
  // A file of two columns changes only the title: the rest stays as stored.
  const std::string retitle = "id,title\ncrs_ki,KI im Amt – Einstieg\n";
  const auto dry = import(admin, "courses", retitle, "?dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.raw;
  EXPECT_EQ(dry.body["applied"], false);
  ASSERT_EQ(dry.body["changed"].size(), 1u);
  EXPECT_EQ(dry.body["changed"][0]["what"], "title");
  auto demo = server.client_for("demo");
  EXPECT_EQ(course_named(demo, "crs_ki")["title"], "KI im Amt; Grundlagen");

  ASSERT_EQ(import(admin, "courses", retitle).status, 200);
  const Json ki = course_named(demo, "crs_ki");
  EXPECT_EQ(ki["title"], "KI im Amt – Einstieg");
  EXPECT_EQ(ki["seats"], 12);
}

TEST(ImportCourses, EveryProblemIsListedWithItsPlaceAndNothingIsWritten) {
  TestServer server;
  auto admin = server.client_for("facility");
  const std::string file =
      "id;title;competence;level;mandatory_departments\n"
      "crs_good;Gut;1.1;2;\n"          // would be fine, but the file is refused as a whole
      "crs_bad;Schlecht;9.9;12;\n"
      "crs_good;Noch einmal;1.1;2;\n"
      "crs_x;Pflicht;1.1;2;dep_nowhere\n";
  const auto refused = import(admin, "courses", file);
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(joined_problems(refused),
            "line 3, column 3 (competence): \"9.9\" is not a DigComp 2.2 competence (such as 1.1 or 4.2)\n"
            "line 3, column 4 (level): \"12\" is not a whole number from 1 to 8\n"
            "line 4, column 1 (id): the course \"crs_good\" is in the file twice\n"
            "line 5, column 5 (mandatory_departments): unknown department \"dep_nowhere\"\n");
  auto demo = server.client_for("demo");
  EXPECT_TRUE(course_named(demo, "crs_good").is_null());
}

TEST(ImportFiles, BadEncodingsAndBrokenFilesAreRefusedWithTheirPlace) {
  TestServer server;
  auto admin = server.client_for("facility");
  // "Prüfung" in Windows-1252: the ü is one byte 0xFC.
  const auto latin1 = import(admin, "courses", "id;title\ncrs_p;Pr\xFC" "fung\n");
  ASSERT_EQ(latin1.status, 422);
  EXPECT_EQ(problem_texts(latin1).at(0),
            "line 2, column 9: this is not UTF-8 (perhaps Windows-1252); save the file as UTF-8 (\"CSV UTF-8\")");
  const auto utf16 = import(admin, "courses", std::string{"\xFF\xFEi\0d\0", 6});
  EXPECT_EQ(problem_texts(utf16).at(0), "line 1, column 1: the file is UTF-16; save it as UTF-8 (\"CSV UTF-8\")");
  const auto unclosed = import(admin, "courses", "id,title\ncrs_q,\"Offen\n");
  EXPECT_EQ(problem_texts(unclosed).at(0), "line 2, column 2: this quote is never closed");
  const auto short_row = import(admin, "courses", "id,title,level\ncrs_r,Kurz\n");
  EXPECT_EQ(problem_texts(short_row).at(0), "line 2: 2 fields, but the header line has 3");
  const auto no_id = import(admin, "courses", "Titel;Niveau\nKurs;2\n");
  EXPECT_EQ(problem_texts(no_id).at(0), "line 1 (id): the required column \"id\" is missing");
  const auto header_only = import(admin, "people", "id;username\n", "?deactivate_missing=true");
  EXPECT_EQ(problem_texts(header_only).at(0), "line 1: the file has a header line but no records");
  const auto json = import(admin, "courses", "{\"id\": 1}", "", "application/json");
  EXPECT_EQ(problem_texts(json).at(0), "line 1, column 1: expected a JSON array of records");
  const auto bad_json = import(admin, "courses", "[\n {\"id\": \"a\",}\n]", "", "application/json");
  EXPECT_EQ(problem_texts(bad_json).at(0), "line 2, column 13: this is not JSON");
  // Only facility admins import; the kind must be one of three.
  auto demo = server.client_for("demo");
  expect_problem(import(demo, "courses", kGermanCourses), 403, "forbidden");
  expect_problem(import(admin, "pets", kGermanCourses), 404, "not_found");
}

TEST(ImportCourses, JsonRecordsAreReadLikeCsvRows) {
  TestServer server;
  auto admin = server.client_for("facility");
  const std::string file = R"([
    {"id": "crs_json", "title": "Aus JSON", "competence": "3.1", "level": 4, "format": "blended",
     "mandatory_roles": ["manager"], "complete_by": "2027-02-01"},
    {"id": "crs_json2", "title": "Zweiter", "competence": "3.1", "level": "vier"}
  ])";
  const auto refused = import(admin, "courses", file, "", "application/json");
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(problem_texts(refused), std::vector<std::string>{"record 2, line 4, column 75 (level): \"vier\" is not a whole number from 1 to 8"});
  const auto applied = import(admin, "courses", file.substr(0, file.find("},") + 1) + "]", "", "application/json");
  ASSERT_EQ(applied.status, 200) << applied.raw;
  auto demo = server.client_for("demo");
  const Json course = course_named(demo, "crs_json");
  EXPECT_EQ(course["mandatory"], true);  // roles and a deadline make it mandatory
  EXPECT_EQ(course["mandatory_roles"], Json::array({"manager"}));
}

// --- places ---

constexpr const char* kNewBuilding =
    "Gebäude;Gebäudename;Adresse;öffnet;schließt;Etage;Etagenname;Ebene;ID;Art;Bezeichnung;x;y;Breite;Tiefe;"
    "Ausstattung;barrierefrei\n"
    "bld_sued;Bürgerbüro Süd;Südring 4;07:30;18:00;flr_sued_1;1. OG;1;sued-101;Schreibtisch;S-101;2;2;1,6;0,8;"
    "Bildschirm, höhenverstellbar;ja\n"
    "bld_sued;;;;;flr_sued_1;;;sued-102;desk;S-102;4,2;2;1,6;0,8;monitor;nein\n"
    "bld_sued;;;;;flr_sued_1;;;sued-r1;Raum;Besprechung Süd;2;6;4;3;video;ja\n";

TEST(ImportPlaces, ANewBuildingWithItsFloorAndPlacesReachesEveryone) {
  TestServer server;
  auto admin = server.client_for("facility");
  const auto applied = import(admin, "places", kNewBuilding);
  ASSERT_EQ(applied.status, 200) << applied.raw;
  EXPECT_EQ(applied.body["added"].size(), 5u);  // building, floor, three places

  auto demo = server.client_for("demo");
  Json sued;
  for (const auto& building : demo.get("/api/v1/buildings").body) {
    if (building["id"] == "bld_sued") sued = building;
  }
  ASSERT_FALSE(sued.is_null());
  EXPECT_EQ(sued["name"], "Bürgerbüro Süd");
  ASSERT_EQ(sued["floors"].size(), 1u);
  EXPECT_EQ(sued["floors"][0]["name"], "1. OG");
  EXPECT_EQ(sued["floors"][0]["width_m"], 7.0);  // the plan the places need, a metre to spare

  // The places are what the file says; clients with the building in their window get them from the feed.
  auto db = sql::Connection::open(server.data_dir() / "stellwerk-server.db", sql::Connection::Mode::read_only);
  sql::Statement desk{db, "SELECT w, features, accessible, type FROM resources WHERE id = 'sued-101'"};
  ASSERT_TRUE(desk.step());
  EXPECT_EQ(desk.real(0), 1.6);
  EXPECT_EQ(desk.text(1), R"(["monitor","sit_stand"])");
  EXPECT_EQ(desk.integer(2), 1);
  EXPECT_EQ(desk.text(3), "desk");
  EXPECT_EQ(db.query_int("SELECT COUNT(*) FROM changes WHERE entity = 'resource' AND audience_building = 'bld_sued'"), 3);

  const auto again = import(admin, "places", kNewBuilding);
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_TRUE(again.body["added"].empty());
  EXPECT_TRUE(again.body["changed"].empty());
  // Moving one desk changes its position only.
  const auto moved = import(admin, "places", "building,floor,id,x\nbld_sued,flr_sued_1,sued-102,4.5\n");
  ASSERT_EQ(moved.status, 200) << moved.raw;
  ASSERT_EQ(moved.body["changed"].size(), 1u) << moved.raw;
  EXPECT_EQ(moved.body["changed"][0]["what"], "position");
}

TEST(ImportPlaces, ImpossibleCoordinatesAndContradictionsAreRefused) {
  TestServer server;
  auto admin = server.client_for("facility");
  const std::string file =
      "building;floor;floor_width;floor_height;id;type;x;y;w;h;building_name\n"
      "bld_west;flr_west_0;20;10;west-1;desk;19;2;1,6;0,8;West\n"    // sticks out on the right
      "bld_west;flr_west_0;20;10;west-2;desk;-1;2;1,6;0,8;Westen\n"  // negative, and another name
      "bld_west;flr_west_0;20;10;west-3;sofa;2;2;0;0,8;West\n"
      "bld_rathaus;flr_west_0;20;10;west-4;desk;2;2;1;1;\n";         // the floor is in bld_west
  const auto refused = import(admin, "places", file);
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(joined_problems(refused),
            "line 2, column 7 (x): the place (1.6 × 0.8 m at 19, 2) does not lie inside the floor \"flr_west_0\" "
            "(20 × 10 m) or has no size\n"
            "line 3, column 1 (building): the building \"bld_west\" has other values on line 2\n"
            "line 4, column 6 (type): \"sofa\" is not a type (desk, room, parking)\n"
            "line 5, column 2 (floor): the floor \"flr_west_0\" belongs to the building \"bld_west\"\n");
  // With the other rows fixed, the coordinates of all three places are what is left.
  const std::string coordinates =
      "building;floor;floor_width;floor_height;id;type;x;y;w;h;building_name\n"
      "bld_west;flr_west_0;20;10;west-1;desk;19;2;1,6;0,8;West\n"
      "bld_west;flr_west_0;20;10;west-2;desk;-1;2;1,6;0,8;West\n"
      "bld_west;flr_west_0;20;10;west-3;desk;2;2;0;0,8;West\n";
  const auto outside = import(admin, "places", coordinates);
  ASSERT_EQ(outside.status, 422);
  ASSERT_EQ(problems_of(outside).size(), 3u) << outside.raw;
  EXPECT_EQ(problems_of(outside)[0]["where"], "line 2, column 7 (x)");
  EXPECT_EQ(problems_of(outside)[0]["message"],
            "the place (1.6 × 0.8 m at 19, 2) does not lie inside the floor \"flr_west_0\" (20 × 10 m) or has no size");
  auto demo = server.client_for("demo");
  for (const auto& building : demo.get("/api/v1/buildings").body) EXPECT_NE(building["id"], "bld_west");
}

// --- people ---

struct StoredPerson {
  std::string id, username, name, department, manager, roles, building;
};

// Everyone the server has, as HR's full export would list them.
std::vector<StoredPerson> everyone(TestServer& server) {
  auto db = sql::Connection::open(server.data_dir() / "stellwerk-server.db", sql::Connection::Mode::read_only);
  std::vector<StoredPerson> people;
  sql::Statement rows{db,
                      "SELECT id, username, display_name, department_id, COALESCE(manager_id, ''), roles, "
                      "home_building_id FROM employees WHERE left_at IS NULL ORDER BY id"};
  while (rows.step()) {
    people.push_back({rows.text(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4), rows.text(5), rows.text(6)});
  }
  return people;
}

std::string people_csv(const std::vector<StoredPerson>& people, const std::string& leave_out = "") {
  std::string csv = "Personalnummer;Benutzername;Name;Amt;Vorgesetzte;Rollen;Stammgebäude\n";
  for (const auto& p : people) {
    if (p.id == leave_out) continue;
    csv += p.id + ";" + p.username + ";" + p.name + ";" + p.department + ";" + p.manager + ";\"" + p.roles + "\";" +
           p.building + "\n";
  }
  return csv;
}

TEST(ImportPeople, NewPeopleWithANewDepartmentAndTheirManagerInAnyOrder) {
  TestServer server;
  auto admin = server.client_for("facility");
  const std::string file =
      "id;username;display_name;department;department_name;days_ahead;remote_share_percent;over_quota;manager;roles;"
      "home_building;badge\n"
      "p-2;jkeller;Jana Keller;dep_kultur;Kulturamt;14;50;nein;p-1;employee;bld_nord;4711\n"
      "p-1;ohahn;Olaf Hahn;dep_kultur;Kulturamt;14;50;nein;;Mitarbeiter, Führungskraft;bld_nord;\n";
  const auto applied = import(admin, "people", file);
  ASSERT_EQ(applied.status, 200) << applied.raw;
  EXPECT_EQ(applied.body["added"].size(), 3u);  // the department and two people
  // An imported person has no password until the city's directory or an admin gives them one.
  auto anonymous = server.anonymous();
  expect_problem(anonymous.post("/api/v1/session", Json{{"username", "jkeller"}, {"password", "demo"}}), 401,
                 "invalid_credentials");
  auto db = sql::Connection::open(server.data_dir() / "stellwerk-server.db", sql::Connection::Mode::read_only);
  EXPECT_EQ(db.query_int("SELECT days_ahead FROM departments WHERE id = 'dep_kultur'"), 14);
  EXPECT_EQ(db.query_int("SELECT COUNT(*) FROM employees WHERE id = 'p-2' AND manager_id = 'p-1' AND badge = '4711'"), 1);
  EXPECT_EQ(db.query_int("SELECT COUNT(*) FROM employees WHERE id = 'p-1' AND roles = 'employee,manager'"), 1);

  const auto again = import(admin, "people", file);
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_TRUE(again.body["added"].empty());
  EXPECT_TRUE(again.body["changed"].empty());
}

TEST(ImportPeople, ManagerCyclesUnknownDepartmentsAndTakenNamesAreRefused) {
  TestServer server;
  auto admin = server.client_for("facility");
  const std::string file =
      "id;username;display_name;department;manager;home_building\n"
      "p-1;eins;Eins;dep_digital;p-2;bld_rathaus\n"
      "p-2;zwei;Zwei;dep_digital;p-1;bld_rathaus\n"
      "p-3;drei;Drei;dep_nowhere;;bld_rathaus\n"
      "p-4;demo;Vier;dep_digital;;bld_mond\n";
  const auto refused = import(admin, "people", file);
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(joined_problems(refused),
            "line 2, column 5 (manager): the managers form a cycle: p-1 → p-2 → p-1\n"
            "line 3, column 5 (manager): the managers form a cycle: p-2 → p-1 → p-2\n"
            "line 4, column 4 (department): unknown department \"dep_nowhere\" (a new one needs its department_name)\n"
            "line 5, column 2 (username): the user name \"demo\" is already emp_demo's\n"
            "line 5, column 6 (home_building): unknown building \"bld_mond\"\n");
}

TEST(ImportPeople, SomeoneMissingFromAFullImportLeavesTheirSessionsAndBookings) {
  TestServer server;
  auto admin = server.client_for("facility");
  auto leaver = server.client_for("employee0003");
  const auto booked = leaver.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                                           {"start", "2026-12-02T08:00:00+01:00"},
                                                           {"end", "2026-12-02T17:00:00+01:00"}});
  ASSERT_EQ(booked.status, 201) << booked.raw;
  const auto people = everyone(server);
  const std::string file = people_csv(people, "emp_0003");

  const auto dry = import(admin, "people", file, "?dry_run=true&deactivate_missing=true");
  ASSERT_EQ(dry.status, 200) << dry.raw;
  ASSERT_EQ(dry.body["removed"].size(), 1u);
  EXPECT_EQ(dry.body["removed"][0]["id"], "emp_0003");
  EXPECT_EQ(leaver.get("/api/v1/me").status, 200);  // a dry run changes nothing

  // Without the flag, a missing person is simply not in this file.
  const auto partial = import(admin, "people", file);
  ASSERT_EQ(partial.status, 200) << partial.raw;
  EXPECT_TRUE(partial.body["removed"].empty());
  const auto applied = import(admin, "people", file, "?deactivate_missing=true");
  ASSERT_EQ(applied.status, 200) << applied.raw;
  EXPECT_EQ(applied.body["removed"].size(), 1u);
  EXPECT_EQ(leaver.get("/api/v1/me").status, 401);  // the session has ended
  auto anonymous = server.anonymous();
  expect_problem(anonymous.post("/api/v1/session", Json{{"username", "employee0003"}, {"password", "demo"}}), 401,
                 "invalid_credentials");
  // The desk is free for others again.
  auto colleague = server.client_for("employee0004");
  EXPECT_EQ(colleague.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                                    {"start", "2026-12-02T08:00:00+01:00"},
                                                    {"end", "2026-12-02T17:00:00+01:00"}})
                .status,
            201);
  // A manager missing from the file while their team stays is a problem, not a silent cut.
  const auto orphans = import(admin, "people", people_csv(everyone(server), "emp_manager"), "?deactivate_missing=true");
  ASSERT_EQ(orphans.status, 422);
  EXPECT_EQ(problems_of(orphans)[0]["message"], "\"emp_manager\" is not in the file and would be deactivated");
}

// Names and badges may move between people in one file: a leaver's badge to a new hire, two people
// swapping user names. The checks see the end state; the writes must get there without a conflict.
TEST(ImportPeople, UserNamesAndBadgesMoveBetweenPeopleInOneFile) {
  TestServer server;
  auto admin = server.client_for("facility");
  const std::string two =
      "id;username;display_name;department;home_building;badge\n"
      "p-1;anna;Anna;dep_digital;bld_rathaus;5001\n"
      "p-2;bert;Bert;dep_digital;bld_rathaus;5002\n";
  ASSERT_EQ(import(admin, "people", two).status, 200);
  const std::string swapped =
      "id;username;display_name;department;home_building;badge\n"
      "p-1;bert;Anna;dep_digital;bld_rathaus;5002\n"
      "p-2;anna;Bert;dep_digital;bld_rathaus;5001\n";
  const auto swap = import(admin, "people", swapped);
  ASSERT_EQ(swap.status, 200) << swap.raw;
  EXPECT_EQ(swap.body["changed"].size(), 2u);
  auto db = sql::Connection::open(server.data_dir() / "stellwerk-server.db", sql::Connection::Mode::read_only);
  EXPECT_EQ(db.query_int("SELECT COUNT(*) FROM employees WHERE id = 'p-1' AND username = 'bert' AND badge = '5002'"), 1);

  // A full file without p-2, whose badge goes to the new p-3.
  std::string full = people_csv(everyone(server), "p-2");
  full.replace(full.find("\n") , 1, ";Ausweisnummer\n");
  std::string rows;
  for (std::size_t at = full.find('\n') + 1; at < full.size();) {
    const auto end = full.find('\n', at);
    const std::string row = full.substr(at, end - at);
    rows += row + (row.starts_with("p-1;") ? ";5002\n" : ";\n");
    at = end + 1;
  }
  full = full.substr(0, full.find('\n') + 1) + rows + "p-3;cem;Cem;dep_digital;;employee;bld_rathaus;5001\n";
  const auto handover = import(admin, "people", full, "?deactivate_missing=true");
  ASSERT_EQ(handover.status, 200) << handover.raw;
  EXPECT_EQ(handover.body["removed"].size(), 1u);
  EXPECT_EQ(db.query_int("SELECT COUNT(*) FROM employees WHERE id = 'p-3' AND badge = '5001'"), 1);
}

TEST(ImportFiles, SloppyCellsAreReadOrRefusedNeverMisread) {
  TestServer server;
  auto admin = server.client_for("facility");
  // Spaces after a closing quote belong to no value; "DE" is the language de; CRLF inside quotes
  // is kept as a line break; blank lines before the header do not shift the line numbers.
  const std::string sloppy =
      "\r\nid;title;competence;level;language;description\r\n"
      "\"crs_s\"  ;Sauber;1.1;2;DE;\"Zeile 1\r\nZeile 2\"\r\n"
      "\"crs_t \";Leer;1.1;2;de;\r\n"
      "crs_u;Fremd;1.1;2;Klingonisch;\r\n";
  const auto refused = import(admin, "courses", sloppy);
  EXPECT_EQ(problem_texts(refused),
            (std::vector<std::string>{"line 5, column 1 (id): \"crs_t \" begins or ends with a space",
                                      "line 6, column 5 (language): \"Klingonisch\" is not a language code such as de or en"}));
  const auto applied = import(admin, "courses", sloppy.substr(0, sloppy.find("\"crs_t")));
  ASSERT_EQ(applied.status, 200) << applied.raw;
  auto demo = server.client_for("demo");
  const Json course = course_named(demo, "crs_s");
  EXPECT_EQ(course["language"], "de");
  EXPECT_EQ(course["description"], "Zeile 1\nZeile 2");
  // A JSON record without its id is a problem, never skipped; nested values are refused.
  const auto no_id = import(admin, "people", R"([{"username": "x"}, {"id": "p-9", "roles": [["manager"]]}])", "",
                            "application/json");
  const auto no_id_problems = problem_texts(no_id);
  ASSERT_EQ(no_id_problems.size(), 6u);  // record 2 also lacks what a new person needs
  EXPECT_EQ(no_id_problems.front(), "record 1, line 1, column 2 (id): the required column \"id\" is missing");
  EXPECT_EQ(no_id_problems.back(),
            "record 2, line 1, column 44 (roles): expected text, a number, true/false or a list of them");
}

}  // namespace
}  // namespace stellwerk::server::testing
