#include "import_table.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace stellwerk::server {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The byte offset of the first byte that does not belong to a well-formed UTF-8 sequence (no
// overlong forms, no surrogates, nothing above U+10FFFF), or nullopt.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (byte < 0x80) length = 1;
    else if (byte >= 0xC2 && byte <= 0xDF) length = 2;
    else if (byte >= 0xE0 && byte <= 0xEF) {
      length = 3;
      if (byte == 0xE0) low = 0xA0;
      if (byte == 0xED) high = 0x9F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      length = 4;
      if (byte == 0xF0) low = 0x90;
      if (byte == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    for (int k = 1; k < length; ++k) {
      if (i + k >= text.size()) return i;
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) return i;
    }
    i += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

// Finds the 1-based line and column (in characters) of a byte offset, for the few places a file as a
// whole is refused at (the JSON records' cells get theirs in one walk, read_json).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  std::pair<int, int> at(std::size_t offset) const {
    const auto line = std::ranges::upper_bound(starts_, offset) - starts_.begin();  // starts_[0] == 0
    int column = 1;
    for (std::size_t i = starts_[static_cast<std::size_t>(line - 1)]; i < offset && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    }
    return {static_cast<int>(line), column};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_{0};
};

std::string trimmed(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string{text};
}

// The column a header names, or nullptr.
const ImportColumn* column_for(std::string_view header, std::span<const ImportColumn> columns) {
  const std::string folded = fold_column_name(header);
  for (const auto& column : columns) {
    if (fold_column_name(column.name) == folded) return &column;
    for (auto alias : column.aliases) {
      if (fold_column_name(alias) == folded) return &column;
    }
  }
  return nullptr;
}

struct CsvField {
  std::string text;
  int line = 0;
  int column = 0;
};

// Splits CSV text into rows of fields (RFC 4180: a quoted field may hold separators, doubled
// quotes and line breaks). An unclosed quote is a problem at the quote.
std::vector<std::vector<CsvField>> split_csv(std::string_view text, char separator, std::vector<ImportProblem>& problems) {
  std::vector<std::vector<CsvField>> rows;
  std::vector<CsvField> row;
  CsvField field{{}, 1, 1};
  int line = 1;
  bool quoted = false, was_quoted = false;
  int quote_line = 0, quote_column = 0;
  const auto end_field = [&] {
    field.text = was_quoted ? field.text : trimmed(field.text);
    row.push_back(std::move(field));
    field = CsvField{{}, line, static_cast<int>(row.size()) + 1};
    was_quoted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.text.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        continue;  // a line break inside quotes is kept as '\n', whichever the file uses
      } else {
        if (c == '\n') ++line;
        field.text.push_back(c);
      }
    } else if (c == '"' && trimmed(field.text).empty()) {
      quoted = was_quoted = true;
      field.text.clear();
      quote_line = line;
      quote_column = field.column;
    } else if (c == separator) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      rows.push_back(std::move(row));
      row.clear();
      ++line;
      field = CsvField{{}, line, 1};
    } else if (!was_quoted) {
      field.text.push_back(c);
    } else if (c == ' ' || c == '\t') {
      continue;  // spaces between a closing quote and the separator belong to no value
    } else {
      problems.push_back({ImportPlace{line, field.column, 0, {}}, "text after the closing quote of a field"});
      was_quoted = false;
    }
  }
  if (quoted) {
    problems.push_back({ImportPlace{quote_line, quote_column, 0, {}}, "this quote is never closed"});
    return {};
  }
  if (!field.text.empty() || was_quoted || !row.empty()) {
    end_field();
    rows.push_back(std::move(row));
  }
  // Spreadsheets leave rows of separators only ("; ; ;") after the data; they say nothing.
  std::erase_if(rows, [](const auto& r) { return std::ranges::all_of(r, [](const auto& f) { return f.text.empty(); }); });
  for (auto& r : rows) {
    for (auto& f : r) {
      if (f.line == 0) f.line = 1;
    }
  }
  return rows;
}

// The separator the header line uses most: ';' (German Excel), ',' or a tab.
char separator_of(std::string_view text) {
  const auto line = text.substr(0, text.find('\n'));
  const auto semicolons = std::ranges::count(line, ';');
  const auto commas = std::ranges::count(line, ',');
  const auto tabs = std::ranges::count(line, '\t');
  if (tabs > semicolons && tabs > commas) return '\t';
  return semicolons > commas ? ';' : ',';
}

void read_csv(std::string_view text, std::span<const ImportColumn> columns, ImportTable& table) {
  // Blank lines (also before the header) are skipped by split_csv, which counts them; the
  // separator is the header line's.
  const auto header_start = text.find_first_not_of("\r\n");
  auto rows = split_csv(text, separator_of(text.substr(std::min(header_start, text.size()))), table.problems);
  if (rows.empty()) {
    if (table.problems.empty()) table.problems.push_back({ImportPlace{1, 0, 0, {}}, "the file is empty: no header line"});
    return;
  }
  const auto& header = rows.front();
  std::vector<const ImportColumn*> meaning;
  for (const auto& field : header) {
    const ImportColumn* column = column_for(field.text, columns);
    if (column && std::ranges::find(table.columns, column->name) != table.columns.end()) {
      table.problems.push_back({ImportPlace{field.line, field.column, 0, std::string{column->name}},
                                fmt::format("the column \"{}\" is there twice", column->name)});
      column = nullptr;
    } else if (column) {
      table.columns.emplace_back(column->name);
    } else if (!field.text.empty()) {
      table.ignored_columns.push_back(field.text);
    }
    meaning.push_back(column);
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ImportRecord record;
    record.place = ImportPlace{row.front().line, 0, 0, {}};
    if (row.size() != header.size()) {
      table.problems.push_back({record.place, fmt::format("{} fields, but the header line has {}", row.size(), header.size())});
      continue;
    }
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!meaning[c]) continue;
      const std::string name{meaning[c]->name};
      record.cells[name] = ImportCell{row[c].text, ImportPlace{row[c].line, static_cast<int>(c) + 1, 0, name}};
    }
    table.records.push_back(std::move(record));
  }
}

std::string cell_text(const nlohmann::json& value) {
  if (value.is_string()) return trimmed(value.get<std::string>());
  if (value.is_null()) return {};
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_array()) {  // of plain values only (read_json refuses anything nested)
    std::string joined;
    for (const auto& item : value) {
      if (!joined.empty()) joined += ",";
      joined += item.is_string() ? trimmed(item.get<std::string>()) : item.dump();
    }
    return joined;
  }
  return value.dump();  // numbers as JSON writes them
}

// Where each element of a JSON array starts, and where each member's value of an element that is an
// object starts (by the key as written), as byte offsets. nlohmann::json keeps no positions, so
// the text it has parsed is scanned once more for them.
struct JsonPositions {
  std::size_t start = 0;
  std::map<std::string, std::size_t, std::less<>> values;
};

std::vector<JsonPositions> json_positions(std::string_view text) {
  std::vector<JsonPositions> elements;
  int depth = 0;
  bool want_element = false, want_key = false, want_value = false;
  std::string key;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && want_value) {
      elements.back().values[key] = i;
      want_value = false;
    }
    if (!space && want_element && c != ']') {
      elements.push_back({i, {}});
      want_element = false;
    }
    if (c == '"') {
      const std::size_t begin = i + 1;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (depth == 2 && want_key) key = std::string{text.substr(begin, i - begin)};
      want_key = false;
    } else if (c == '{' || c == '[') {
      ++depth;
      want_element = depth == 1 && c == '[';
      want_key = depth == 2 && c == '{';
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',') {
      want_element = depth == 1;
      want_key = depth == 2;
    } else if (c == ':' && depth == 2) {
      want_value = true;
    }
  }
  return elements;
}

// Every position's line and column, in one walk over the text: a minified file is one long line,
// where counting the columns of each cell from the line's start would cost the file's size again
// for every cell.
std::map<std::size_t, std::pair<int, int>> line_columns_of(std::string_view text,
                                                           const std::vector<JsonPositions>& positions) {
  std::map<std::size_t, std::pair<int, int>> line_columns;
  for (const auto& element : positions) {
    line_columns[element.start];
    for (const auto& [key, offset] : element.values) line_columns[offset];
  }
  int line = 1, column = 1;
  std::size_t i = 0;
  for (auto& [offset, place] : line_columns) {
    for (; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    place = {line, column};
  }
  return line_columns;
}

void read_json(std::string_view text, std::span<const ImportColumn> columns, ImportTable& table) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, column] = LineIndex{text}.at(e.byte == 0 ? 0 : e.byte - 1);
    table.problems.push_back({ImportPlace{line, column, 0, {}}, "this is not JSON"});
    return;
  }
  if (!document.is_array()) {
    table.problems.push_back({ImportPlace{1, 1, 0, {}}, "expected a JSON array of records"});
    return;
  }
  const auto positions = json_positions(text);
  const auto line_columns = line_columns_of(text, positions);
  const auto place_at = [&](std::size_t offset, int number, std::string field) {
    const auto [line, column] = line_columns.at(offset);
    return ImportPlace{line, column, number, std::move(field)};
  };
  int number = 0;
  for (const auto& item : document) {
    ++number;
    const JsonPositions* where = static_cast<std::size_t>(number) <= positions.size() ? &positions[number - 1] : nullptr;
    const auto value_place = [&](const std::string& key, const std::string& field) {
      if (!where) return ImportPlace{0, 0, number, field};
      const auto it = where->values.find(key);
      return place_at(it != where->values.end() ? it->second : where->start, number, field);
    };
    ImportRecord record;
    record.place = where ? place_at(where->start, number, {}) : ImportPlace{0, 0, number, {}};
    if (!item.is_object()) {
      table.problems.push_back({record.place, "expected an object"});
      continue;
    }
    for (const auto& [key, value] : item.items()) {
      const ImportColumn* column = column_for(key, columns);
      if (!column) {
        if (std::ranges::find(table.ignored_columns, key) == table.ignored_columns.end()) table.ignored_columns.push_back(key);
        continue;
      }
      const std::string name{column->name};
      // A list holds plain values only: nothing nested is read (nor can it run deep enough to matter).
      const bool nested = value.is_object() || (value.is_array() && std::ranges::any_of(value, [](const auto& element) {
                            return element.is_structured();
                          }));
      if (nested) {
        table.cell_problems.push_back({value_place(key, name), "expected text, a number, true/false or a list of them"});
        continue;
      }
      if (record.cells.contains(name)) {
        table.cell_problems.push_back({value_place(key, name), fmt::format("the column \"{}\" is there twice", name)});
        continue;
      }
      record.cells[name] = ImportCell{cell_text(value), value_place(key, name)};
      if (std::ranges::find(table.columns, name) == table.columns.end()) table.columns.push_back(name);
    }
    table.records.push_back(std::move(record));
  }
}

}  // namespace

std::string ImportPlace::text() const {
  std::string where;
  if (record > 0) {
    where = line > 0 ? fmt::format("record {}, line {}, column {}", record, line, column) : fmt::format("record {}", record);
  } else if (line > 0) {
    where = column > 0 ? fmt::format("line {}, column {}", line, column) : fmt::format("line {}", line);
  } else {
    where = "the file";
  }
  if (!field.empty()) where += fmt::format(" ({})", field);
  return where;
}

const ImportCell* ImportRecord::find(std::string_view column) const {
  const auto it = cells.find(std::string{column});
  return it == cells.end() ? nullptr : &it->second;
}

std::string fold_column_name(std::string_view header) {
  std::string folded;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto c = static_cast<unsigned char>(header[i]);
    if (c == 0xC3 && i + 1 < header.size()) {
      switch (static_cast<unsigned char>(header[++i])) {
        case 0xA4: case 0x84: folded += "ae"; continue;  // ä Ä
        case 0xB6: case 0x96: folded += "oe"; continue;  // ö Ö
        case 0xBC: case 0x9C: folded += "ue"; continue;  // ü Ü
        case 0x9F: folded += "ss"; continue;             // ß
        default: folded.push_back(static_cast<char>(c)); folded.push_back(header[i]); continue;
      }
    }
    if (std::string_view{" _-./()\t"}.find(static_cast<char>(c)) != std::string_view::npos) continue;
    folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return folded;
}

ImportTable read_import_table(std::string_view content, ImportFormat format, std::span<const ImportColumn> columns,
                              std::span<const std::string_view> required) {
  ImportTable table;
  if (content.starts_with("\xFF\xFE") || content.starts_with("\xFE\xFF")) {
    table.problems.push_back({ImportPlace{1, 1, 0, {}}, "the file is UTF-16; save it as UTF-8 (\"CSV UTF-8\")"});
    return table;
  }
  if (content.starts_with(kUtf8Bom)) content.remove_prefix(kUtf8Bom.size());
  if (const auto bad = first_invalid_utf8(content)) {
    const auto [line, column] = LineIndex{content}.at(*bad);
    table.problems.push_back({ImportPlace{line, column, 0, {}},
                              "this is not UTF-8 (perhaps Windows-1252); save the file as UTF-8 (\"CSV UTF-8\")"});
    return table;
  }
  if (format == ImportFormat::csv) {
    read_csv(content, columns, table);
  } else {
    read_json(content, columns, table);
  }
  if (format == ImportFormat::csv && table.records.empty() && table.problems.empty()) {
    table.problems.push_back({ImportPlace{1, 0, 0, {}}, "the file has a header line but no records"});
  }
  for (auto name : required) {
    if (std::ranges::find(table.columns, name) == table.columns.end() && !(format == ImportFormat::json && table.records.empty())) {
      table.problems.push_back({ImportPlace{format == ImportFormat::csv ? 1 : 0, 0, 0, std::string{name}},
                                fmt::format("the required column \"{}\" is missing", name)});
    }
  }
  if (format == ImportFormat::json && table.records.empty() && table.problems.empty()) {
    table.problems.push_back({ImportPlace{1, 1, 0, {}}, "the file holds no records"});
  }
  return table;
}

}  // namespace stellwerk::server
