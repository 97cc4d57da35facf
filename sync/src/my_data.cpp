// "What is stored about me" on this device: the server's document (GET /api/v1/me/data) and,
// beside it, every row the local store holds about the signed-in person — their own records,
// the queued changes, the session (without its token) and the sync state. The store is read
// through a read-only connection of its own, so that the export never waits for or blocks a
// window or command working on the same folder. Reference data (buildings, places, courses) is
// the city's, not the person's, and colleagues' presence is theirs: neither is part of it.
#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::sync {
namespace {

using detail::Json;

// The person's tables of the store (sync/src/schema.cpp), with the rows that are theirs.
struct PersonalTable {
  std::string_view name;
  std::string_view rows;  // a WHERE clause, or empty for every row
};
constexpr PersonalTable kPersonalTables[] = {
    {"session", ""},
    {"me", ""},
    {"employees", "WHERE id IN (SELECT employee_id FROM me)"},
    {"device", ""},
    {"sync_state", ""},
    {"outbox", ""},
    {"bookings", ""},
    {"workdays", ""},
    {"usual_week", ""},
    {"work_times", ""},
    {"enrollments", ""},
    {"self_assessments", ""},
    {"favourites", ""},
    {"team_presence_state", ""},
};

// Columns never exported: the session's bearer token opens the person's account.
bool secret_column(std::string_view column) { return column == "token"; }

// One table as a JSON array of objects, every column but the secret ones. A JSON body (the
// outbox's) is shown as JSON; other binary values only by their size.
Json table_rows(sql::Connection& db, const PersonalTable& table) {
  sql::Statement exists{db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"};
  exists.bind_all(table.name);
  if (!exists.step()) return Json::array();
  std::string members;
  sql::Statement columns{db, "SELECT name FROM pragma_table_info(?) ORDER BY cid"};
  columns.bind_all(table.name);
  while (columns.step()) {
    const std::string column = columns.text(0);
    if (secret_column(column)) continue;
    if (!members.empty()) members += ", ";
    members += fmt::format(
        "'{0}', CASE WHEN typeof(\"{0}\") <> 'blob' THEN \"{0}\" "
        "WHEN json_valid(CAST(\"{0}\" AS TEXT)) THEN json(CAST(\"{0}\" AS TEXT)) "
        "ELSE 'binary, ' || length(\"{0}\") || ' bytes' END",
        column);
  }
  sql::Statement rows{db, fmt::format("SELECT json_group_array(json_object({})) FROM \"{}\" {}", members, table.name,
                                      table.rows)};
  return rows.step() ? Json::parse(rows.text(0)) : Json::array();
}

Json store_rows(const std::filesystem::path& store_file) {
  auto db = sql::Connection::open(store_file, sql::Connection::Mode::read_only);
  sql::Transaction snapshot{db, sql::Transaction::Kind::deferred};  // one consistent view of every table
  Json tables = Json::object();
  for (const PersonalTable& table : kPersonalTables) tables[std::string{table.name}] = table_rows(db, table);
  return tables;
}

}  // namespace

MyDataAnswer SyncEngine::my_data() {
  MyDataAnswer answer;
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) {
    answer.problem = Problem{401, "unauthorized", "", ""};
    return answer;
  }
  SyncReport ignored;
  const net::HttpResult result =
      impl_->send(session->server_url, net::HttpRequest{"GET", "/api/v1/me/data", "", {}}, session->token, ignored);
  if (!result || result->status != 200) {
    detail::refused_or_failed(result, answer);
    return answer;
  }
  Json server;
  try {
    server = detail::parse_json(result->body);
    if (!server.is_object() || !server.contains("server") || !server["server"].is_object()) {
      throw store::codec::FieldError("/api/v1/me/data: not a document about the person");
    }
  } catch (const store::codec::FieldError&) {
    answer.failure = Failure{std::nullopt, result->status};
    return answer;
  }
  const Json document{{"exported_at", to_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now()))},
                      {"server_url", session->server_url},
                      {"server", std::move(server["server"])},
                      {"this_device", store_rows(impl_->store.file_path())}};
  answer.document = document.dump(2);
  return answer;
}

}  // namespace stellwerk::sync
