// The city-sized import: 600 buildings with 12,000 desks, then 10,000 people in 30 departments,
// through the same code `stellwerk-server import` runs (import_into_database on a fresh server
// database), timed from the file's text to the commit. Prints figures, asserts nothing.
//
//   stellwerk-bench-import [--people 10000] [--desks 12000] [--folder DIR]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "clock.hpp"
#include "database.hpp"
#include "import.hpp"

namespace {

namespace fs = std::filesystem;
using stellwerk::server::ImportKind;
using stellwerk::server::ImportOptions;

constexpr int kBuildings = 600;
constexpr int kFloorsPerBuilding = 2;
constexpr int kDepartments = 30;

std::string places_csv(int desks) {
  std::string csv = "Gebäude;Gebäudename;Adresse;Etage;Etagenname;Ebene;ID;Art;Bezeichnung;x;y;Breite;Tiefe;Ausstattung\n";
  const int per_floor = (desks + kBuildings * kFloorsPerBuilding - 1) / (kBuildings * kFloorsPerBuilding);
  for (int i = 0; i < desks; ++i) {
    const int floor_index = i / per_floor;
    const int building = floor_index / kFloorsPerBuilding;
    const int n = i % per_floor;
    csv += fmt::format("b{0:03};Gebäude {0};Straße {0};b{0:03}-{1};{1}. OG;{1};d{2:05};Schreibtisch;P-{2:05};{3},{4};{5};1,6;0,8;"
                       "{6}\n",
                       building, floor_index % kFloorsPerBuilding, i, 2 + (n % 8) * 2, (n % 5) * 2, 2 + (n / 8) * 3,
                       n % 3 == 0 ? "Bildschirm" : "");
  }
  return csv;
}

// Every tenth person manages the nine after them; `leave_out` people at the end are missing.
std::string people_csv(int people, int leave_out = 0) {
  std::string csv = "Personalnummer;Benutzername;Name;Amt;Amtsname;Tage im Voraus;Anteil mobil;Vorgesetzte;Rollen;"
                    "Stammgebäude;Ausweisnummer\n";
  for (int i = 0; i < people - leave_out; ++i) {
    const int department = i % kDepartments;
    const bool manager = i % 10 == 0;
    csv += fmt::format("p{0:05};user{0:05};Person {0};dep{1:02};Amt {1};{2};40;{3};{4};b{5:03};{6}\n", i, department,
                       14 + department % 3 * 7, manager ? "" : fmt::format("p{:05}", i - i % 10),
                       manager ? "\"employee,manager\"" : "employee", i % kBuildings, 100000 + i);
  }
  return csv;
}

// The same people as one line of JSON, as JSON.stringify writes it.
std::string people_json(int people) {
  nlohmann::json records = nlohmann::json::array();
  for (int i = 0; i < people; ++i) {
    const int department = i % kDepartments;
    records.push_back({{"id", fmt::format("p{:05}", i)},
                       {"username", fmt::format("user{:05}", i)},
                       {"display_name", fmt::format("Person {}", i)},
                       {"department", fmt::format("dep{:02}", department)},
                       {"manager", i % 10 == 0 ? "" : fmt::format("p{:05}", i - i % 10)},
                       {"roles", i % 10 == 0 ? nlohmann::json{"employee", "manager"} : nlohmann::json{"employee"}},
                       {"home_building", fmt::format("b{:03}", i % kBuildings)},
                       {"badge", std::to_string(100000 + i)}});
  }
  return records.dump();
}

void run(const fs::path& database, const std::string& what, ImportKind kind, const std::string& content,
         ImportOptions options) {
  stellwerk::server::SystemClock clock;
  const auto started = std::chrono::steady_clock::now();
  const auto report = stellwerk::server::import_into_database(database, kind, content, options, clock.now());
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%-46s %8.2f s  %6zu added %6zu changed %5zu removed %zu problems  (%.1f MB file)\n", what.c_str(), seconds,
              report.added.size(), report.changed.size(), report.removed.size(), report.problems.size(),
              static_cast<double>(content.size()) / 1e6);
  if (!report.problems.empty()) std::printf("%s", stellwerk::server::report_text(report).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The city-sized import, timed"};
  int people = 10000;
  int desks = 12000;
  std::string folder = (fs::temp_directory_path() / "stellwerk-import-bench").string();
  app.add_option("--people", people)->check(CLI::Range(10, 1000000));
  app.add_option("--desks", desks)->check(CLI::Range(kBuildings * kFloorsPerBuilding, 1000000));
  app.add_option("--folder", folder, "where the fresh database goes (its disk is the one measured)");
  CLI11_PARSE(app, argc, argv);

  fs::remove_all(folder);
  fs::create_directories(folder);
  const fs::path database = fs::path{folder} / "stellwerk-server.db";
  { stellwerk::server::Database create{database}; }  // a fresh, migrated server database

  const std::string places = places_csv(desks);
  const std::string staff = people_csv(people);
  ImportOptions options;
  run(database, fmt::format("places: {} desks in {} buildings", desks, kBuildings), ImportKind::places, places, options);
  run(database, "places again (no change)", ImportKind::places, places, options);
  run(database, fmt::format("people: {} in {} departments", people, kDepartments), ImportKind::people, staff, options);
  run(database, "people again (no change)", ImportKind::people, staff, options);
  options.format = stellwerk::server::ImportFormat::json;
  run(database, "people again, as one line of JSON (no change)", ImportKind::people, people_json(people), options);
  options.format = stellwerk::server::ImportFormat::csv;
  options.deactivate_missing = true;
  options.dry_run = true;
  run(database, "people, 100 left, dry run", ImportKind::people, people_csv(people, 100), options);
  options.dry_run = false;
  run(database, "people, 100 left (deactivated)", ImportKind::people, people_csv(people, 100), options);
  std::printf("database: %.1f MB\n", static_cast<double>(fs::file_size(database)) / 1e6);
  fs::remove_all(folder);
  return 0;
}
