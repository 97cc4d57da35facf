// Setting a person's password or kiosk PIN from the server's command line
// (`stellwerk-server set-password USER [--pin]`): how an administrator gives people the import added
// their first password, and their kiosk PIN. The directory sign-in comes with issue 18.
#pragma once

#include <filesystem>
#include <string_view>

namespace stellwerk::server {

enum class SecretResult {
  set,
  unknown_user,  // no person has this user name
  has_left,      // the person left (the people import): they sign in no more
  too_short,     // a password under 8 characters
  not_a_pin,     // a PIN is 4 to 8 digits
  no_badge,      // a PIN without a badge would open nothing
};

// Hashes `secret` (a password, or with `pin` a kiosk PIN) as sign-in checks it and stores it for
// `username` in the database file, beside a running server (open_guest_connection).
SecretResult set_secret(const std::filesystem::path& database, std::string_view username, std::string_view secret,
                        bool pin);

}  // namespace stellwerk::server
