// The city's own data: people (with their departments' policies), places (buildings, floors,
// desks, rooms, parking) and courses, from the files HR and facility systems export
// (docs/import.md). Used by `stellwerk-server import` and by POST /api/v1/import/{kind}.
//
// Rules:
// - Upsert by the city's ids: a record whose id is stored changes it, any other adds one; the
//   same file twice changes nothing the second time. A column the file does not have keeps the
//   stored value, so a file may carry only what it knows.
// - All or nothing: every record is read and checked against the stored data before anything is
//   written; one problem anywhere and nothing is written, and the report lists every problem with
//   its line and column (JSON: the record and where its value begins) in the file's order.
// - People import only: with `deactivate_missing` the file is the whole staff, and a stored person
//   missing from it has left: they cannot sign in any more (password, badge and PIN are cleared),
//   their sessions end and their future bookings are released. A person who comes back in a later
//   file is active again, without a password until one is set.
// - A dry run reports what would be added, changed and removed, and writes nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http.hpp"
#include "import_table.hpp"

namespace stellwerk::server {

enum class ImportKind { people, places, courses };
std::optional<ImportKind> parse_import_kind(std::string_view text);
std::string_view to_string(ImportKind kind);

struct ImportOptions {
  ImportFormat format = ImportFormat::csv;
  bool dry_run = false;
  bool deactivate_missing = false;  // people only
};

struct ImportChange {
  std::string id;
  std::string what;  // added: its name; changed: the columns that changed; removed: why
};

struct ImportReport {
  ImportKind kind = ImportKind::people;
  bool dry_run = false;
  bool applied = false;  // written (not a dry run, no problems)
  std::vector<ImportChange> added;
  std::vector<ImportChange> changed;
  std::vector<ImportChange> removed;
  std::vector<ImportProblem> problems;
  std::vector<std::string> ignored_columns;  // headers no known column matched; never stored
};

// Reads `content`, checks every record against what `db` holds and, unless it is a dry run or a
// problem was found, writes the changes and their changes-feed records on `db`. The caller runs
// it inside one write transaction (a dry run may use a read-only one), so an exception leaves
// nothing half-written.
ImportReport run_import(sql::Connection& db, ImportKind kind, std::string_view content, const ImportOptions& options,
                        Instant now);

// `stellwerk-server import`: runs the import on the server's database file beside a server that may
// be running. It opens its own connection as a guest: it never creates or migrates the file (a
// database of another schema version is refused with StorageError), waits for the server's
// writer, writes in one transaction and leaves checkpoints to the server.
ImportReport import_into_database(const std::filesystem::path& database, ImportKind kind, std::string_view content,
                                  const ImportOptions& options, Instant now);

// The report for a person at a terminal: a summary line, then one line per change and problem.
std::string report_text(const ImportReport& report);
Json report_json(const ImportReport& report);

// Each kind's reading, checking and writing (import_people.cpp, import_places.cpp,
// import_courses.cpp).
void import_people(sql::Connection& db, const ImportTable& table, const ImportOptions& options, Instant now,
                   ImportReport& report);
void import_places(sql::Connection& db, const ImportTable& table, const ImportOptions& options, Instant now,
                   ImportReport& report);
void import_courses(sql::Connection& db, const ImportTable& table, const ImportOptions& options, Instant now,
                    ImportReport& report);

}  // namespace stellwerk::server
