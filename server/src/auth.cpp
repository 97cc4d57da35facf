// Sign-in and sign-out. Personal sessions last kPersonalSession; kiosk sessions, opened with a
// badge and PIN at a registered kiosk, last kKioskSession, because a person walks away from a
// shared screen. Only SHA-256 digests of tokens are stored, so a copy of the database signs
// nobody in; sessions are rows, so they survive a restart.
//
// Kiosk sign-in (badge and PIN, or the fallback of user name and password) is throttled per badge
// or user name and per device: from the 5th consecutive failure each further try waits 2^(n-5)
// seconds (capped at 15 minutes), and after 100 failures the badge, name or device is locked until
// a successful sign-in elsewhere resets the count (badge, name) or an operator clears it (device).
// An unknown badge and a wrong PIN get the same answer after the same work; so do an unknown name
// and a wrong password.
//
// With [auth] method = "ldap" the directory checks user names and passwords (directory.hpp), at
// the desk and at the kiosk alike, and the person is the imported record with that user name; badge
// and PIN stay local. The directory is asked outside every database transaction. A wrong password,
// an unknown or a locked account are one answer (401 invalid_credentials); a right password for an
// account without a person record here is 403 no_person_record, which tells only the one who
// proved the password that the account exists; a directory that cannot answer is 503
// directory_unavailable, after at most the configured timeout.
#include <algorithm>
#include <chrono>
#include <functional>

#include <fmt/format.h>

#include "changes.hpp"
#include "crypto.hpp"
#include "directory.hpp"
#include "messages.hpp"
#include "routes.hpp"
#include "server.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/secret.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr auto kPersonalSession = hours{12};
constexpr auto kKioskSession = minutes{15};
constexpr int kFreeFailures = 4;      // the 5th failure starts the delay
constexpr int kMaxFailures = 100;     // then locked
constexpr seconds kMaxDelay{15 * 60};

// A hash of a password nobody has, checked when the user or badge is unknown so that the
// answer takes as long as for a known one.
const std::string& dummy_hash() {
  static const std::string hash = crypto::hash_password(crypto::random_token(16));
  return hash;
}

// The stored hash, or the dummy one for an unknown name and for an account without a password (an
// imported person, someone who left): all three then take equally long to refuse.
const std::string& hash_to_check(const std::optional<std::pair<Id, std::string>>& account) {
  return account && !account->second.empty() ? account->second : dummy_hash();
}

wire::User read_user(sql::Connection& db, const Id& employee_id) {
  sql::Statement row{db,
                     "SELECT id, username, display_name, department_id, home_building_id, roles, "
                     "needs_accessible_desk, manager_id, presence_opt_in FROM employees WHERE id = ?"};
  row.bind_all(employee_id);
  if (!row.step()) fail(401, Refusal::invalid_credentials);
  wire::User user{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), {}, row.integer(6) != 0,
                  row.is_null(7) ? std::nullopt : std::optional<Id>{row.text(7)}, row.integer(8) != 0};
  user.roles = parse_roles(row.text(5));
  return user;
}

Reply open_session(const Call& call, const Id& employee_id, bool kiosk, const Id& device_id) {
  const Instant now = call.clock.now();
  const Instant expires = now + (kiosk ? std::chrono::duration_cast<seconds>(kKioskSession)
                                       : std::chrono::duration_cast<seconds>(kPersonalSession));
  const std::string token = crypto::random_token();
  return call.db.write([&](sql::Connection& db) {
    sql::Statement{db,
                   "INSERT INTO sessions (token_hash, employee_id, kind, device_id, created_at, expires_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)"}
        .bind_all(sql::Blob{crypto::sha256(token)}, employee_id, kiosk ? "kiosk" : "personal",
                  kiosk ? std::optional<std::string>{device_id} : std::nullopt, unix_seconds(now),
                  unix_seconds(expires))
        .run();
    return Reply{201, wire::encode(wire::Session{token, expires, read_user(db, employee_id)})};
  });
}

// 503 with Retry-After: a client comes back in a while instead of trying again at once, which
// would wait out the directory's timeout again and hold another worker for it.
[[noreturn]] void directory_down() {
  constexpr int kComeBackSeconds = 30;
  throw Problem{503, std::string{wire_code(Refusal::directory_unavailable)}, {}, kComeBackSeconds};
}

// Returns when the directory accepts `password` for `username`; refuses otherwise.
void check_with_directory(const Call& call, const std::string& username, const Secret& password) {
  switch (check_directory_password(call.context.auth.directory, username, password.view())) {
    case DirectoryAnswer::accepted:
      return;
    case DirectoryAnswer::refused:
      fail(401, Refusal::invalid_credentials);
    case DirectoryAnswer::unavailable:
      directory_down();
  }
  directory_down();
}

// The person record of a user name the directory accepted: someone who left has none any more.
constexpr const char* kPersonByUsername = "SELECT id, '' FROM employees WHERE username = ? AND left_at IS NULL";

bool uses_directory(const Call& call) { return call.context.auth.method == AuthMethod::ldap; }

Reply directory_sign_in(Call& call, const std::string& username, const Secret& password) {
  check_with_directory(call, username, password);
  const auto person = call.db.read([&](sql::Connection& db) -> std::optional<Id> {
    sql::Statement find{db, kPersonByUsername};
    find.bind_all(username);
    if (!find.step()) return std::nullopt;
    return find.text(0);
  });
  if (!person) fail(403, Refusal::no_person_record);
  return open_session(call, *person, false, {});
}

Reply sign_in(Call& call) {
  const auto [username, password] = call.body_as<wire::LoginRequest>();  // the password is wiped on return
  if (uses_directory(call)) return directory_sign_in(call, username, password);
  const auto account = call.db.read([&](sql::Connection& db) -> std::optional<std::pair<Id, std::string>> {
    sql::Statement find{db, "SELECT id, password_hash FROM employees WHERE username = ?"};
    find.bind_all(username);
    if (!find.step()) return std::nullopt;
    return std::pair{find.text(0), find.text(1)};
  });
  const bool valid = crypto::verify_password(password.view(), hash_to_check(account));
  if (!account || !valid) fail(401, Refusal::invalid_credentials);
  return open_session(call, account->first, false, {});
}

Reply sign_out(Call& call) {
  const std::string header = call.request.get_header_value("Authorization");
  const std::string token_hash = crypto::sha256(header.substr(std::string_view{"Bearer "}.size()));
  call.db.write([&](sql::Connection& db) {
    sql::Statement{db, "DELETE FROM sessions WHERE token_hash = ?"}.bind_all(sql::Blob{token_hash}).run();
  });
  return Reply{204, Json{}};
}

struct Throttle {
  int failures = 0;
  Instant last_failure{};
};

Throttle read_throttle(sql::Connection& db, const std::string& scope) {
  sql::Statement row{db, "SELECT failures, last_failure_at FROM kiosk_failures WHERE scope = ?"};
  row.bind_all(scope);
  if (!row.step()) return {};
  return Throttle{row.integer(0), Instant{seconds{row.int64(1)}}};
}

// Seconds until the next try is allowed; 0 when it is allowed now.
seconds wait_before_next_try(const Throttle& throttle, Instant now) {
  if (throttle.failures >= kMaxFailures) return kMaxDelay;
  if (throttle.failures <= kFreeFailures) return seconds{0};
  const int doublings = std::min(throttle.failures - kFreeFailures - 1, 20);
  const seconds delay = std::min(seconds{std::int64_t{1} << doublings}, kMaxDelay);
  const seconds left = throttle.last_failure + delay - now;
  return std::max(left, seconds{0});
}

using Holder = std::optional<std::pair<Id, std::string>>;

// Refuses unless `secret` matches the hash `holder` carries (the same work when there is none).
void check_local_secret(const Holder& holder, const Secret& secret) {
  const bool valid = crypto::verify_password(secret.view(), hash_to_check(holder));
  if (!holder || !valid) fail(401, Refusal::invalid_credentials);
}

// Opens a kiosk session at the calling kiosk for whoever `find_sql` finds by `key` (a badge or a
// user name), when `check` accepts the secret for that holder (id and stored hash, or nullopt when
// nobody was found); `check` refuses by throwing. `scope_kind` ("badge", "user") keeps the throttle
// counts of the two kinds of key apart.
Reply open_kiosk_session(Call& call, std::string_view scope_kind, const std::string& key, const char* find_sql,
                         const std::function<void(const Holder&)>& check) {
  const Instant now = call.clock.now();
  const std::string key_scope = fmt::format("{}:{}", scope_kind, key);
  const std::string device_scope = "device:" + call.me().device_id;

  // The try is counted as a failure before the secret is checked, inside the single writer: two
  // tries at once are both counted and both see the delay, so no burst gets past the limit.
  // A correct secret then clears the counts.
  const auto holder = call.db.write([&](sql::Connection& db) -> Holder {
    const seconds wait = std::max(wait_before_next_try(read_throttle(db, key_scope), now),
                                  wait_before_next_try(read_throttle(db, device_scope), now));
    if (wait > seconds{0}) {
      throw Problem{429, std::string{wire_code(Refusal::too_many_attempts)}, {}, static_cast<int>(wait.count())};
    }
    for (const auto& scope : {key_scope, device_scope}) {
      sql::Statement{db,
                     "INSERT INTO kiosk_failures (scope, failures, last_failure_at) VALUES (?, 1, ?) "
                     "ON CONFLICT(scope) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at"}
          .bind_all(scope, unix_seconds(now))
          .run();
    }
    sql::Statement find{db, find_sql};
    find.bind_all(key);
    if (!find.step()) return std::nullopt;
    return std::pair{find.text(0), find.text(1)};
  });
  check(holder);
  call.db.write([&](sql::Connection& db) {
    sql::Statement{db, "DELETE FROM kiosk_failures WHERE scope IN (?, ?)"}.bind_all(key_scope, device_scope).run();
  });
  return open_session(call, holder->first, true, call.me().device_id);
}

Reply kiosk_sign_in(Call& call) {
  const auto [badge, pin] = call.body_as<wire::KioskLoginRequest>();  // the PIN is wiped on return
  return open_kiosk_session(call, "badge", badge,
                            "SELECT id, pin_hash FROM employees WHERE badge = ? AND pin_hash IS NOT NULL",
                            [&](const Holder& holder) { check_local_secret(holder, pin); });
}

// The kiosk's fallback for a forgotten badge: user name and password, and still a kiosk session
// (15 minutes, bound to this kiosk and its building, throttled like the badge).
Reply kiosk_password_sign_in(Call& call) {
  const auto [username, password] = call.body_as<wire::LoginRequest>();  // the password is wiped on return
  if (uses_directory(call)) {
    // A try while the directory cannot answer still counts towards the throttle, like any other.
    return open_kiosk_session(call, "user", username, kPersonByUsername, [&](const Holder& holder) {
      check_with_directory(call, username, password);
      if (!holder) fail(403, Refusal::no_person_record);
    });
  }
  return open_kiosk_session(call, "user", username, "SELECT id, password_hash FROM employees WHERE username = ?",
                            [&](const Holder& holder) { check_local_secret(holder, password); });
}

Reply me(Call& call) {
  return call.db.read([&](sql::Connection& db) { return Reply{200, wire::encode(read_user(db, call.me().employee_id))}; });
}

}  // namespace

std::vector<Route> session_routes() {
  return {
      Route{"POST", "/api/v1/session", Auth::none, sign_in},
      Route{"DELETE", "/api/v1/session", Auth::employee, sign_out},
      Route{"POST", "/api/v1/session/kiosk", Auth::kiosk_device, kiosk_sign_in},
      Route{"POST", "/api/v1/session/kiosk/password", Auth::kiosk_device, kiosk_password_sign_in},
      Route{"GET", "/api/v1/me", Auth::employee, me},
  };
}

}  // namespace stellwerk::server
