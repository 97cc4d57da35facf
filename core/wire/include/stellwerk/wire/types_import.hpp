// The schemas of the import's report (POST /api/v1/import/{kind}, docs/import.md): what a file
// added, changed and removed, and every problem with where it stood. Not part of types.hpp: only
// the server writes a report and the registry checks it against the API document; no client
// reads one, so they need not be rebuilt for it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "stellwerk/wire/codec.hpp"

namespace stellwerk::wire {

struct ImportChange {
  std::string id;
  std::string what;  // added: its name; changed: the columns that changed; removed: who
};
template <> struct Schema<ImportChange> {
  static constexpr std::string_view name = "ImportChange";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("id", &ImportChange::id), field("what", &ImportChange::what)};
};

struct ImportProblem {
  std::string where;   // "line 4, column 3 (department)"
  std::string message; // English
  std::optional<int> line;
  std::optional<int> column;
  std::optional<int> record;
  std::optional<std::string> field;
};
template <> struct Schema<ImportProblem> {
  static constexpr std::string_view name = "ImportProblem";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{wire::field("where", &ImportProblem::where), wire::field("message", &ImportProblem::message),
                 wire::field("line", &ImportProblem::line), wire::field("column", &ImportProblem::column),
                 wire::field("record", &ImportProblem::record), wire::field("field", &ImportProblem::field)};
};

struct ImportReport {
  std::string kind;  // people, places, courses
  bool dry_run = false;
  bool applied = false;
  std::vector<ImportChange> added;
  std::vector<ImportChange> changed;
  std::vector<ImportChange> removed;
  std::vector<ImportProblem> problems;
  std::vector<std::string> ignored_columns;
};
template <> struct Schema<ImportReport> {
  static constexpr std::string_view name = "ImportReport";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("kind", &ImportReport::kind),       field("dry_run", &ImportReport::dry_run),
                 field("applied", &ImportReport::applied), field("added", &ImportReport::added),
                 field("changed", &ImportReport::changed), field("removed", &ImportReport::removed),
                 field("problems", &ImportReport::problems), field("ignored_columns", &ImportReport::ignored_columns)};
};

}  // namespace stellwerk::wire
