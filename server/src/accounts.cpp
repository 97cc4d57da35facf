#include "accounts.hpp"

#include <algorithm>
#include <string>

#include "crypto.hpp"
#include "database.hpp"

namespace stellwerk::server {

SecretResult set_secret(const std::filesystem::path& database, std::string_view username, std::string_view secret,
                        bool pin) {
  if (pin && (secret.size() < 4 || secret.size() > 8 ||
              !std::ranges::all_of(secret, [](char c) { return c >= '0' && c <= '9'; }))) {
    return SecretResult::not_a_pin;
  }
  if (!pin && secret.size() < 8) return SecretResult::too_short;
  auto db = open_guest_connection(database);
  // The hash is computed before the write lock is taken: it takes a noticeable fraction of a second.
  const std::string hash = crypto::hash_password(secret);
  sql::Transaction transaction{db, sql::Transaction::Kind::immediate};
  sql::Statement person{db, "SELECT left_at IS NOT NULL, badge IS NOT NULL FROM employees WHERE username = ?"};
  person.bind_all(std::string{username});
  if (!person.step()) return SecretResult::unknown_user;
  if (person.integer(0) != 0) return SecretResult::has_left;
  if (pin && person.integer(1) == 0) return SecretResult::no_badge;
  sql::Statement{db, pin ? "UPDATE employees SET pin_hash = ? WHERE username = ?"
                         : "UPDATE employees SET password_hash = ? WHERE username = ?"}
      .bind_all(hash, std::string{username})
      .run();
  // A secret is set anew when it was lost or may be known to someone else: the sessions it opened
  // end with it (a password's personal sessions, a PIN's kiosk sessions), as the person's next
  // request shows.
  sql::Statement{db, "DELETE FROM sessions WHERE kind = ? AND employee_id = (SELECT id FROM employees WHERE username = ?)"}
      .bind_all(std::string{pin ? "kiosk" : "personal"}, std::string{username})
      .run();
  transaction.commit();
  return SecretResult::set;
}

}  // namespace stellwerk::server
