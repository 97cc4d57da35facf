#include "http.hpp"

#include <algorithm>

#include "crypto.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server {
namespace {

constexpr std::size_t kMaxIdempotencyKey = 200;
constexpr std::size_t kMaxInstantText = 64;

}  // namespace

bool Principal::has(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Json Call::body() const {
  Json parsed;
  try {
    // nlohmann rejects invalid UTF-8 inside strings, so such a body is invalid_json as well, and
    // so is a number beyond the range of a double (out_of_range rather than parse_error).
    parsed = Json::parse(request.body);
  } catch (const Json::exception&) {
    fail(400, Refusal::invalid_json);
  }
  if (!parsed.is_object()) fail(422, Refusal::invalid_body);
  return parsed;
}

void fail_decode(const wire::DecodeError& error) {
  switch (error.kind) {
    case wire::DecodeError::Kind::missing: fail(422, Refusal::missing_field, error.field());
    case wire::DecodeError::Kind::unknown_field: fail(422, Refusal::unknown_field, error.field());
    case wire::DecodeError::Kind::wrong_type:
    case wire::DecodeError::Kind::bad_value: fail(422, Refusal::invalid_field, error.field());
  }
  fail(422, Refusal::invalid_field, error.field());
}

std::optional<std::string> Call::query(const std::string& name) const {
  if (!request.has_param(name)) return std::nullopt;
  return request.get_param_value(name);
}

Date Call::date_query(const std::string& name) const {
  const auto text = query(name);
  if (!text) fail(400, Refusal::invalid_parameter, name);
  const auto day = parse_date(*text);
  if (!day) fail(400, Refusal::invalid_parameter, name);
  return *day;
}

bool Call::flag_query(const std::string& name) const {
  const auto value = query(name);
  if (!value || *value == "false") return false;
  if (*value != "true") fail(400, Refusal::invalid_parameter, name);
  return true;
}

Instant Call::instant_query(const std::string& name) const {
  auto text = query(name);
  if (!text || text->size() > kMaxInstantText) fail(400, Refusal::invalid_parameter, name);
  // A '+' offset sent unencoded in a query string arrives as a space ("…T08:00:00 01:00"); the
  // space can stand for nothing else there, so the time is still unambiguous.
  if (text->size() > 6 && (*text)[text->size() - 6] == ' ') (*text)[text->size() - 6] = '+';
  const auto value = parse_rfc3339(*text);
  if (!value) fail(400, Refusal::invalid_parameter, name);
  return *value;
}

void check_idempotency_key(const httplib::Request& request) {
  if (!request.has_header("Idempotency-Key")) return;
  const std::string key = request.get_header_value("Idempotency-Key");
  if (key.empty() || key.size() > kMaxIdempotencyKey) fail(400, Refusal::invalid_parameter, "Idempotency-Key");
}

Reply Call::write(const std::function<Reply(sql::Connection&)>& fn) const {
  const std::string key = request.get_header_value("Idempotency-Key");
  if (key.empty() || !caller || caller->kind != Principal::Kind::employee) {
    return db.write([&](sql::Connection& connection) { return fn(connection); });
  }
  const std::string request_hash = crypto::sha256(request.method + ' ' + request.path + '\n' + request.body);
  const Id employee = caller->employee_id;
  return db.write([&](sql::Connection& connection) -> Reply {
    sql::Statement previous{connection,
                            "SELECT request_hash, status, content_type, body FROM idempotency "
                            "WHERE employee_id = ? AND key = ?"};
    previous.bind_all(employee, key);
    if (previous.step()) {
      if (!crypto::equal_constant_time(previous.blob(0), request_hash)) fail(422, Refusal::idempotency_key_reused);
      Reply replay;
      replay.status = previous.integer(1);
      replay.content_type = previous.text(2);
      const std::string stored = previous.text(3);
      if (replay.content_type == "application/json") {
        replay.body = stored.empty() ? Json{} : Json::parse(stored);
      } else {
        replay.text = stored;
      }
      return replay;
    }
    Reply reply = fn(connection);
    if (reply.status >= 200 && reply.status < 300) {
      const std::string stored = reply.content_type == "application/json"
                                     ? (reply.body.is_null() ? std::string{} : reply.body.dump())
                                     : reply.text;
      sql::Statement{connection,
                     "INSERT INTO idempotency (employee_id, key, request_hash, status, content_type, body, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)"}
          .bind_all(employee, key, sql::Blob{request_hash}, reply.status, reply.content_type, stored,
                    static_cast<std::int64_t>(clock.now().time_since_epoch().count()))
          .run();
    }
    return reply;
  });
}

}  // namespace stellwerk::server
