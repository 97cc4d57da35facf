// Reading typed values out of one import record, for the import's kinds (import_*.cpp). Each
// reader leaves the value as it was when the record has no such cell (the stored value stays) and
// adds a problem, naming the cell's place, when the text cannot be read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "import.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::server {

class CellReader {
 public:
  CellReader(const ImportRecord& record, std::vector<ImportProblem>& problems) : record_(record), problems_(problems) {}

  const ImportCell* cell(std::string_view column) const { return record_.find(column); }
  // The record has the column and something in it.
  bool filled(std::string_view column) const { return cell(column) && !cell(column)->text.empty(); }
  const ImportPlace& place() const { return record_.place; }
  const ImportRecord& record() const { return record_; }
  // The place of a column's cell, or of the record when it has none.
  ImportPlace place_of(std::string_view column) const;
  void problem(std::string_view column, std::string message);
  void problem(const ImportPlace& place, std::string message);

  // Text; `required` refuses an empty cell.
  void text(std::string_view column, std::string& value, bool required = false);
  // An id of the city's: not empty, no comma or '|' (lists are written with them), no spaces at
  // either end, at most 100 characters. A record without the column is a problem when `required`
  // (a JSON record may leave out any member).
  void id(std::string_view column, std::string& value, bool required = false);
  // An empty cell is "none".
  void optional_id(std::string_view column, std::optional<std::string>& value);
  void integer(std::string_view column, int& value, int min, int max);
  void optional_integer(std::string_view column, std::optional<int>& value, int min, int max);
  // "1.6" or, as German spreadsheets write it, "1,6".
  void number(std::string_view column, double& value);
  // ja/nein, yes/no, true/false, x/empty, 1/0.
  void boolean(std::string_view column, bool& value);
  // 2027-01-15 or 15.01.2027; an empty cell is "none".
  void date(std::string_view column, std::optional<Date>& value);
  // 07:30.
  void clock_time(std::string_view column, MinuteOfDay& value);
  // Items separated by ',' or '|', each trimmed; empty items dropped.
  void list(std::string_view column, std::vector<std::string>& value);

  // Role names, wire (employee, manager, facility_admin) or German (Mitarbeiter, Führungskraft,
  // Gebäudeverwaltung); a kiosk is no person's role.
  void roles(std::string_view column, std::vector<Role>& value);

  // The number of problems added so far, to tell whether this record had any.
  std::size_t problem_count() const { return problems_.size(); }

 private:
  const ImportRecord& record_;
  std::vector<ImportProblem>& problems_;
};

// Appends `column` to `changed` when the two values differ: the report's "changed: a, b".
template <typename T>
void note_change(std::vector<std::string>& changed, std::string_view column, const T& before, const T& after) {
  if (!(before == after)) changed.emplace_back(column);
}

// Where a record's column stood: its cell, or the record when it has none.
ImportPlace place_in(const ImportRecord& record, std::string_view column);

// "a, b, c"
std::string joined(const std::vector<std::string>& items);

}  // namespace stellwerk::server
