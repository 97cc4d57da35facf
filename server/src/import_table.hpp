// Reading an import file (docs/import.md) into records of named cells, before any meaning is
// given to them: CSV as HR and facility systems export it (UTF-8 with or without BOM, ';', ',' or
// tab separated as the header line shows, RFC 4180 quotes, German headers) or JSON (an array of
// objects). Every cell remembers where it stood, so every later error can name its place.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stellwerk::server {

enum class ImportFormat { csv, json };

// One column a kind of import knows: its name in docs/import.md and JSON, and the other headers
// that mean it (German ones among them). Headers are compared folded (see fold_column_name).
struct ImportColumn {
  std::string_view name;
  std::vector<std::string_view> aliases = {};
};

// Where something stood, with the column's name: "line 4, column 3 (department)" in CSV (the line
// and the field's number), "record 2, line 5, column 14 (level)" in JSON (the record's number in
// the array, and the line and character where its value begins).
struct ImportPlace {
  int line = 0;        // 1-based; 0 for the file as a whole
  int column = 0;      // CSV: 1-based field number; JSON: 1-based character in the line
  int record = 0;      // JSON: 1-based position in the array; CSV: 0
  std::string field;   // the column's name (ImportColumn::name), empty for a whole row or file
  std::string text() const;
  ImportPlace with_field(std::string name) const { return ImportPlace{line, column, record, std::move(name)}; }
};

struct ImportProblem {
  ImportPlace place;
  std::string message;
};

struct ImportCell {
  std::string text;  // trimmed; lists in JSON arrive joined by ','
  ImportPlace place;
};

struct ImportRecord {
  ImportPlace place;                       // the row or record as a whole
  std::map<std::string, ImportCell> cells; // by column name; only columns the file has
  const ImportCell* find(std::string_view column) const;
};

struct ImportTable {
  std::vector<std::string> columns;         // the known columns the file has, by name
  std::vector<std::string> ignored_columns; // headers no known column matched, as written
  std::vector<ImportRecord> records;
  std::vector<ImportProblem> problems;      // the file as a whole cannot be read: nothing more is checked
  std::vector<ImportProblem> cell_problems; // cells left out of their records, which are checked on
};

// "Gebäude-ID" → "gebaeudeid": lower case, umlauts and ß spelled out, spaces, '_', '-', '.', '/'
// and brackets dropped.
std::string fold_column_name(std::string_view header);

// Reads `content` as `format` with the given columns. Required columns missing from the file are
// problems; so is text that is not UTF-8, a CSV row with the wrong number of fields, an unclosed
// quote, JSON that is not an array of objects.
ImportTable read_import_table(std::string_view content, ImportFormat format, std::span<const ImportColumn> columns,
                              std::span<const std::string_view> required);

}  // namespace stellwerk::server
