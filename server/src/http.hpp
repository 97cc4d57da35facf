// What every handler works with: the Call (request, caller, language, database, clock), the
// Reply it returns, and Problem, the exception a handler throws for any client mistake or
// refused rule. The router (server.cpp) turns a Problem into an RFC 9457 problem+json response
// in the caller's language; a Problem thrown inside Database::write() also rolls back
// everything that job wrote, so "refused" always means "nothing stored".
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "clock.hpp"
#include "database.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/wire/codec.hpp"

namespace stellwerk::server {

using Json = nlohmann::json;

// A refusal with a stable code (see messages.cpp for the list and the texts).
struct Problem {
  int status = 400;
  std::string code;
  std::string field;              // the offending field or parameter, when there is one
  int retry_after_seconds = 0;    // 429: sent as Retry-After
  Json extension = Json::object(); // members added to the problem, e.g. the import's report
};

// The Problem for `reason`, for the places that write one instead of throwing it.
inline Problem problem_for(int status, Refusal reason) {
  return Problem{status, std::string{wire_code(reason)}, {}, 0};
}

// Throws the Problem for `reason`: the one way handlers refuse. The reason is core's enum, so a
// refusal code is never spelled as a string literal in the server (core/refusal.hpp).
[[noreturn]] inline void fail(int status, Refusal reason, std::string field = {}) {
  throw Problem{status, std::string{wire_code(reason)}, std::move(field), 0};
}

// The decoded value, or the 422 Problem that names the member decode refused.
[[noreturn]] void fail_decode(const wire::DecodeError& error);
template <typename T>
T decoded_or_fail(wire::Decoded<T> decoded) {
  if (!decoded) fail_decode(decoded.error());
  return std::move(*decoded);
}

struct Reply {
  Reply() = default;
  Reply(int status_, Json body_) : status(status_), body(std::move(body_)) {}
  static Reply plain(std::string text, std::string content_type) {
    Reply reply{200, Json{}};
    reply.content_type = std::move(content_type);
    reply.text = std::move(text);
    return reply;
  }

  int status = 200;
  Json body;                      // null: no body (204)
  std::string content_type = "application/json";
  std::string text;               // used instead of body for non-JSON replies
};

// Who is calling. A personal or kiosk session of an employee, or a registered kiosk device
// (which may only open kiosk sessions, send its heartbeat and read its idle screen).
struct Principal {
  enum class Kind { employee, kiosk_device };
  Kind kind = Kind::employee;
  Id employee_id;
  Id department_id;
  Id home_building_id;
  std::vector<Role> roles;
  bool needs_accessible_desk = false;
  bool kiosk_session = false;     // an employee signed in at a kiosk
  Id device_id;                   // kiosk device, or the kiosk the session was opened at
  Id device_building_id;
  bool has(Role role) const;
};

class ServerContext;

struct Call {
  const httplib::Request& request;
  i18n::Language language = i18n::Language::de;
  std::optional<Principal> caller;
  ServerContext& context;
  Database& db;
  const Clock& clock;
  std::vector<std::string> params;   // values of the route template's {parameters}, in order

  // Path parameter i (0-based) of the route template, e.g. {id}.
  std::string param(std::size_t i) const { return params.at(i); }
  // The signed-in employee, or the kiosk device on Auth::kiosk_device routes; the router
  // guarantees one for both.
  const Principal& me() const { return *caller; }

  // The request body as a JSON object. 400 invalid_json when it is not JSON (or not UTF-8),
  // 422 invalid_body when it is JSON but not an object.
  Json body() const;
  // The request body decoded as the wire type T (stellwerk/wire/types.hpp). A body T refuses
  // fails 422, naming the member: unknown_field, missing_field (absent or null) or
  // invalid_field (wrong type or value).
  template <wire::Described T>
  T body_as() const {
    return decoded_or_fail(wire::decode<T>(body()));
  }
  // A query parameter; nullopt when absent.
  std::optional<std::string> query(const std::string& name) const;
  // A required 'YYYY-MM-DD' query parameter: 400 invalid_parameter when absent or impossible.
  Date date_query(const std::string& name) const;
  // A required RFC 3339 query parameter: 400 invalid_parameter when absent or unreadable.
  Instant instant_query(const std::string& name) const;
  // An optional flag: `true`, or `false` when absent or `false`; any other value is 400
  // invalid_parameter.
  bool flag_query(const std::string& name) const;

  // Runs fn(connection) as one write job. When the request carries an Idempotency-Key, a
  // successful reply is stored under (caller, key); the same key with the same request replays
  // it without running fn again, and with a different request fails with 422
  // idempotency_key_reused. Only successful replies are stored: a refusal stored nothing, so
  // repeating it is safe.
  Reply write(const std::function<Reply(sql::Connection&)>& fn) const;
};

// 400 invalid_parameter when the request carries an Idempotency-Key that is empty or longer than
// 200 characters. The router checks it for every operation that may carry one (all but GET),
// also those that do not replay it, such as sign-in.
void check_idempotency_key(const httplib::Request& request);

// Who may call a route. A kiosk device's token is good only for the kiosk_device routes (and the
// readiness probe): the router refuses it everywhere else, public routes included, so a device
// never opens a personal session or reads anything a kiosk has no use for, whatever routes are
// added later.
enum class Auth {
  open,           // anyone, whatever the request carries: the readiness probe
  none,           // no sign-in needed; a kiosk device's token is refused (401)
  employee,       // a personal or kiosk session of an employee
  kiosk_device,   // a registered kiosk's own token, not revoked
};

// The largest request body: 64 KiB for every route but the import's, which takes a city's file.
inline constexpr std::size_t kMaxRequestBody = 64 * 1024;
inline constexpr std::size_t kMaxImportBody = 16 * 1024 * 1024;

struct Route {
  std::string method;      // GET, POST, PUT, DELETE
  std::string path;        // OpenAPI template: /api/v1/bookings/{id}
  Auth auth = Auth::employee;
  std::function<Reply(Call&)> handler;
  std::size_t max_body = kMaxRequestBody;
};

}  // namespace stellwerk::server
