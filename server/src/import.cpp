#include "import.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "import_cells.hpp"
#include "reference.hpp"
#include "routes.hpp"
#include "stellwerk/wire/types_import.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/working_time.hpp"

namespace stellwerk::server {
namespace {

// Every column of every kind, with the headers German exports use (docs/import.md lists them).
const std::vector<ImportColumn> kPeopleColumns{
    {"id", {"person_id", "personalnummer", "personal-nr", "pers-nr"}},
    {"username", {"benutzername", "kennung", "login"}},
    {"display_name", {"name", "anzeigename"}},
    {"department", {"department_id", "abteilung", "amt", "dienststelle", "organisationseinheit"}},
    {"department_name", {"abteilungsname", "amtsname", "bezeichnung_amt", "name_amt"}},
    {"days_ahead", {"tage_im_voraus", "buchbar_tage_voraus", "vorlauf_tage"}},
    {"remote_share_percent", {"remote_share", "anteil_mobil", "mobile_arbeit_prozent", "anteil_mobile_arbeit"}},
    {"over_quota", {"approval", "genehmigung", "ueber_anteil"}},
    {"manager", {"manager_id", "vorgesetzte", "vorgesetzter", "fuehrungskraft"}},
    {"roles", {"rollen", "rolle", "role"}},
    {"home_building", {"home_building_id", "stammgebaeude", "gebaeude", "dienstort"}},
    {"badge", {"badge_number", "ausweis", "ausweisnummer", "dienstausweis"}},
};
const std::array<std::string_view, 1> kPeopleRequired{"id"};

const std::vector<ImportColumn> kPlacesColumns{
    {"building", {"building_id", "gebaeude", "gebaeude_id", "liegenschaft"}},
    {"building_name", {"gebaeudename", "name_gebaeude", "bezeichnung_gebaeude"}},
    {"address", {"adresse", "anschrift"}},
    {"opens", {"oeffnet", "oeffnung_ab", "geoeffnet_ab"}},
    {"closes", {"schliesst", "oeffnung_bis", "geoeffnet_bis"}},
    {"floor", {"floor_id", "etage", "geschoss", "etage_id"}},
    {"floor_name", {"etagenname", "name_etage", "bezeichnung_etage"}},
    {"level", {"ebene", "stockwerk"}},
    {"floor_width", {"etage_breite", "breite_etage"}},
    {"floor_height", {"etage_tiefe", "tiefe_etage", "etage_hoehe"}},
    {"id", {"place_id", "platz", "platz_id", "raum_id", "ressource"}},
    {"type", {"art", "typ"}},
    {"name", {"bezeichnung", "platzname"}},
    {"x", {}},
    {"y", {}},
    {"w", {"width", "breite"}},
    {"h", {"height", "depth", "tiefe", "hoehe"}},
    {"features", {"ausstattung", "merkmale"}},
    {"capacity", {"kapazitaet", "personen", "sitzplaetze"}},
    {"accessible", {"barrierefrei", "rollstuhlgerecht"}},
};
const std::array<std::string_view, 3> kPlacesRequired{"building", "floor", "id"};

const std::vector<ImportColumn> kCourseColumns{
    {"id", {"course_id", "kurs_id", "kursnummer", "schulung_id"}},
    {"title", {"titel", "kurs", "schulung"}},
    {"description", {"beschreibung"}},
    {"competence", {"competence_id", "kompetenz", "digcomp"}},
    {"level", {"niveau", "stufe"}},
    {"format", {"form", "lernform"}},
    {"language", {"sprache"}},
    {"starts_on", {"beginn", "termin", "datum"}},
    {"place", {"ort", "veranstaltungsort"}},
    {"seats", {"plaetze", "teilnehmende_max"}},
    {"mandatory", {"pflicht", "pflichtschulung"}},
    {"mandatory_roles", {"pflicht_fuer_rollen", "pflichtrollen"}},
    {"mandatory_departments", {"pflicht_fuer_aemter", "pflicht_fuer_abteilungen", "pflichtaemter"}},
    {"complete_by", {"frist", "erledigen_bis", "abschluss_bis"}},
    {"validity_months", {"gueltigkeit_monate", "gueltig_monate"}},
    {"duration_minutes", {"dauer_minuten", "dauer"}},
};
const std::array<std::string_view, 1> kCourseRequired{"id"};

std::string lower(std::string_view text) {
  std::string out{text};
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<double> read_number(std::string text) {
  std::ranges::replace(text, ',', '.');
  if (text.empty() || text.find_first_not_of("0123456789.-+") != std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<int> read_integer(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789-") != std::string::npos) {
    return std::nullopt;
  }
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used != text.size()) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// 2027-01-15 or 15.01.2027 (also 15.1.2027).
std::optional<Date> read_date(const std::string& text) {
  if (auto iso = parse_date(text)) return iso;
  int day = 0, month = 0, year = 0;
  char after = 0;
  if (std::sscanf(text.c_str(), "%2d.%2d.%4d%c", &day, &month, &year, &after) != 3 || year < 1000) return std::nullopt;
  return parse_date(fmt::format("{:04}-{:02}-{:02}", year, month, day));
}

}  // namespace

std::optional<ImportKind> parse_import_kind(std::string_view text) {
  if (text == "people") return ImportKind::people;
  if (text == "places") return ImportKind::places;
  if (text == "courses") return ImportKind::courses;
  return std::nullopt;
}

std::string_view to_string(ImportKind kind) {
  switch (kind) {
    case ImportKind::people: return "people";
    case ImportKind::places: return "places";
    case ImportKind::courses: return "courses";
  }
  return "people";
}

ImportReport run_import(sql::Connection& db, ImportKind kind, std::string_view content, const ImportOptions& options,
                        Instant now) {
  ImportReport report;
  report.kind = kind;
  report.dry_run = options.dry_run;
  const ImportTable table = [&] {
    switch (kind) {
      case ImportKind::people: return read_import_table(content, options.format, kPeopleColumns, kPeopleRequired);
      case ImportKind::places: return read_import_table(content, options.format, kPlacesColumns, kPlacesRequired);
      case ImportKind::courses: break;
    }
    return read_import_table(content, options.format, kCourseColumns, kCourseRequired);
  }();
  report.ignored_columns = table.ignored_columns;
  report.problems = table.problems;
  if (!report.problems.empty()) return report;
  report.problems = table.cell_problems;
  switch (kind) {
    case ImportKind::people: import_people(db, table, options, now, report); break;
    case ImportKind::places: import_places(db, table, options, now, report); break;
    case ImportKind::courses: import_courses(db, table, options, now, report); break;
  }
  // Each kind finds problems record by record and then over the whole; the report reads in the
  // file's order.
  std::ranges::stable_sort(report.problems, {}, [](const ImportProblem& p) {
    return std::tuple{p.place.line, p.place.record, p.place.column};
  });
  return report;
}

namespace {

// POST /api/v1/import/{kind}: the file is the body, CSV (text/csv) or JSON (application/json).
// 200 with the report when the file was applied or the dry run found nothing wrong; a file with
// problems is a 422 invalid_body problem whose `report` lists every one (nothing was written).
Reply import_route(Call& call) {
  require_facility_admin(call);
  const auto kind = parse_import_kind(call.param(0));
  if (!kind) fail(404, Refusal::not_found);
  ImportOptions options;
  options.dry_run = call.flag_query("dry_run");
  options.deactivate_missing = call.flag_query("deactivate_missing");
  if (options.deactivate_missing && kind != ImportKind::people) fail(400, Refusal::invalid_parameter, "deactivate_missing");
  const std::string type = call.request.get_header_value("Content-Type");
  if (type.starts_with("application/json")) {
    options.format = ImportFormat::json;
  } else if (!type.starts_with("text/csv")) {
    fail(400, Refusal::invalid_parameter, "Content-Type");
  }
  const Instant now = call.clock.now();
  const auto run = [&](sql::Connection& db) {
    const ImportReport report = run_import(db, *kind, call.request.body, options, now);
    if (!report.problems.empty()) {
      throw Problem{422, std::string{wire_code(Refusal::invalid_body)}, {}, 0, Json{{"report", report_json(report)}}};
    }
    return Reply{200, report_json(report)};
  };
  return options.dry_run ? call.db.read(run) : call.write(run);
}

}  // namespace

std::vector<Route> import_routes() {
  return {Route{"POST", "/api/v1/import/{kind}", Auth::employee, import_route, kMaxImportBody}};
}

ImportReport import_into_database(const std::filesystem::path& database, ImportKind kind, std::string_view content,
                                  const ImportOptions& options, Instant now) {
  auto db = open_guest_connection(database);
  // Read and check first on a snapshot, holding no lock: a file with problems (the usual first
  // try) never makes the running server's writer wait, and a good one holds the lock only for the
  // run below, well under a second for a city-sized file (docs/performance.md; the server's writer
  // waits up to 5 s).
  ImportOptions check = options;
  check.dry_run = true;
  {
    sql::Transaction snapshot{db, sql::Transaction::Kind::deferred};
    ImportReport report = run_import(db, kind, content, check, now);
    if (!report.problems.empty() || options.dry_run) return report;
  }
  // Checked again under the lock, as something may have changed in between.
  sql::Transaction transaction{db, sql::Transaction::Kind::immediate};
  ImportReport report = run_import(db, kind, content, options, now);
  if (report.applied) transaction.commit();
  return report;
}

std::string report_text(const ImportReport& report) {
  std::string text;
  if (!report.problems.empty()) {
    text += fmt::format("{} import refused: {} problem{}; nothing was written\n", to_string(report.kind),
                        report.problems.size(), report.problems.size() == 1 ? "" : "s");
    for (const auto& problem : report.problems) text += fmt::format("  {}: {}\n", problem.place.text(), problem.message);
  } else {
    const char* removed = report.kind == ImportKind::people ? "deactivated" : "removed";
    text += fmt::format("{} import{}: {} added, {} changed, {} {}{}\n", to_string(report.kind),
                        report.dry_run ? " (dry run)" : "", report.added.size(), report.changed.size(),
                        report.removed.size(), removed, report.dry_run ? "; nothing was written" : "");
    for (const auto& change : report.added) text += fmt::format("  added    {} ({})\n", change.id, change.what);
    for (const auto& change : report.changed) text += fmt::format("  changed  {}: {}\n", change.id, change.what);
    for (const auto& change : report.removed) text += fmt::format("  {} {} ({})\n", removed, change.id, change.what);
  }
  if (!report.ignored_columns.empty()) {
    text += fmt::format("ignored columns (not stored): {}\n", joined(report.ignored_columns));
  }
  return text;
}

Json report_json(const ImportReport& report) {
  const auto changes = [](const std::vector<ImportChange>& list) {
    std::vector<wire::ImportChange> out;
    for (const auto& change : list) out.push_back({change.id, change.what});
    return out;
  };
  const auto positive = [](int n) { return n > 0 ? std::optional<int>{n} : std::nullopt; };
  std::vector<wire::ImportProblem> problems;
  for (const auto& [place, message] : report.problems) {
    problems.push_back({place.text(), message, positive(place.line), positive(place.column), positive(place.record),
                        place.field.empty() ? std::nullopt : std::optional<std::string>{place.field}});
  }
  return wire::encode(wire::ImportReport{std::string{to_string(report.kind)}, report.dry_run, report.applied,
                                         changes(report.added), changes(report.changed), changes(report.removed),
                                         std::move(problems), report.ignored_columns});
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += ", ";
    text += item;
  }
  return text;
}

ImportPlace place_in(const ImportRecord& record, std::string_view column) {
  if (const auto* c = record.find(column)) return c->place;
  return record.place.with_field(std::string{column});
}

ImportPlace CellReader::place_of(std::string_view column) const { return place_in(record_, column); }

void CellReader::problem(std::string_view column, std::string message) { problem(place_of(column), std::move(message)); }

void CellReader::problem(const ImportPlace& place, std::string message) {
  problems_.push_back({place, std::move(message)});
}

void CellReader::text(std::string_view column, std::string& value, bool required) {
  const auto* c = cell(column);
  if (!c) return;
  if (required && c->text.empty()) return problem(c->place, "must not be empty");
  if (c->text.size() > 1000) return problem(c->place, "longer than 1000 characters");
  value = c->text;
}

void CellReader::id(std::string_view column, std::string& value, bool required) {
  const auto* c = cell(column);
  if (!c) {
    if (required) problem(column, fmt::format("the required column \"{}\" is missing", column));
    return;
  }
  if (c->text.empty()) return problem(c->place, "must not be empty");
  if (c->text.front() == ' ' || c->text.back() == ' ') {
    return problem(c->place, fmt::format("\"{}\" begins or ends with a space", c->text));
  }
  if (c->text.find(',') != std::string::npos || c->text.find('|') != std::string::npos) {
    return problem(c->place, fmt::format("\"{}\" holds a comma or '|', which an id must not", c->text));
  }
  if (c->text.size() > 100) return problem(c->place, "an id is at most 100 characters long");
  value = c->text;
}

void CellReader::optional_id(std::string_view column, std::optional<std::string>& value) {
  const auto* c = cell(column);
  if (!c) return;
  if (c->text.empty()) {
    value.reset();
    return;
  }
  std::string id_value;
  const auto before = problem_count();
  id(column, id_value);
  if (problem_count() == before) value = id_value;
}

void CellReader::integer(std::string_view column, int& value, int min, int max) {
  const auto* c = cell(column);
  if (!c) return;
  const auto number = read_integer(c->text);
  if (!number || *number < min || *number > max) {
    return problem(c->place, fmt::format("\"{}\" is not a whole number from {} to {}", c->text, min, max));
  }
  value = *number;
}

void CellReader::optional_integer(std::string_view column, std::optional<int>& value, int min, int max) {
  const auto* c = cell(column);
  if (!c) return;
  if (c->text.empty()) {
    value.reset();
    return;
  }
  int number = 0;
  const auto before = problem_count();
  integer(column, number, min, max);
  if (problem_count() == before) value = number;
}

void CellReader::number(std::string_view column, double& value) {
  const auto* c = cell(column);
  if (!c) return;
  const auto number = read_number(c->text);
  if (!number) return problem(c->place, fmt::format("\"{}\" is not a number (such as 2.5 or 2,5)", c->text));
  value = *number;
}

void CellReader::boolean(std::string_view column, bool& value) {
  const auto* c = cell(column);
  if (!c) return;
  const std::string word = lower(c->text);
  if (word == "ja" || word == "yes" || word == "true" || word == "x" || word == "1" || word == "wahr") {
    value = true;
  } else if (word.empty() || word == "nein" || word == "no" || word == "false" || word == "0" || word == "falsch") {
    value = false;
  } else {
    problem(c->place, fmt::format("\"{}\" is neither ja nor nein", c->text));
  }
}

void CellReader::date(std::string_view column, std::optional<Date>& value) {
  const auto* c = cell(column);
  if (!c) return;
  if (c->text.empty()) {
    value.reset();
    return;
  }
  const auto day = read_date(c->text);
  if (!day) return problem(c->place, fmt::format("\"{}\" is not a date (2027-01-15 or 15.01.2027)", c->text));
  value = day;
}

void CellReader::clock_time(std::string_view column, MinuteOfDay& value) {
  const auto* c = cell(column);
  if (!c) return;
  const auto minute = parse_clock_time(c->text);
  if (!minute) return problem(c->place, fmt::format("\"{}\" is not a time of day (07:30)", c->text));
  value = *minute;
}

void CellReader::list(std::string_view column, std::vector<std::string>& value) {
  const auto* c = cell(column);
  if (!c) return;
  std::string text = c->text;
  std::ranges::replace(text, '|', ',');
  std::vector<std::string> items;
  for (auto& item : comma_split(text)) {
    const auto first = item.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    items.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
  }
  value = std::move(items);
}

void CellReader::roles(std::string_view column, std::vector<Role>& value) {
  std::vector<std::string> names;
  list(column, names);
  if (!cell(column)) return;
  std::vector<Role> roles;
  for (const auto& name : names) {
    const std::string folded = fold_column_name(name);
    std::optional<Role> role;
    if (folded == "employee" || folded == "mitarbeiter" || folded == "mitarbeiterin" || folded == "beschaeftigte") {
      role = Role::employee;
    } else if (folded == "manager" || folded == "fuehrungskraft" || folded == "vorgesetzte") {
      role = Role::manager;
    } else if (folded == "facilityadmin" || folded == "facility" || folded == "gebaeudeverwaltung") {
      role = Role::facility_admin;
    }
    if (!role) return problem(column, fmt::format("\"{}\" is not a role (employee, manager, facility_admin)", name));
    if (std::ranges::find(roles, *role) == roles.end()) roles.push_back(*role);
  }
  value = std::move(roles);
}

}  // namespace stellwerk::server
