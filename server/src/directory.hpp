// Signing in against the city's directory (LDAP, Active Directory) with OpenLDAP's libldap:
// a simple bind as the person, either to a DN made from a template or to the one entry a search
// finds (search-then-bind). The directory only says whether the password is right; who the person
// is in Stellwerk comes from the imported person records, matched by user name (auth.cpp).
// docs/configuration.md#auth describes the keys, docs/operations.md how to try them.
//
// Thread safety: every check opens its own connection and closes it again, so workers check at
// the same time without sharing a handle. A check never touches the database.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace stellwerk::server {

struct DirectoryOptions {
  std::string url;                             // ldap://host:port or ldaps://host:port
  bool starttls = false;                       // required for ldap:// to a host that is not loopback
  std::chrono::seconds timeout{5};             // the whole check, connecting included
  std::optional<std::filesystem::path> ca_file;
  // Either a DN made from a template ("uid={user},ou=people,dc=city,dc=example") …
  std::optional<std::string> bind_dn_template;
  // … or search-then-bind: a search below base_dn with user_filter ("(uid={user})"), as
  // search_bind_dn with its password (read from a file), or anonymously when there is none.
  std::optional<std::string> search_bind_dn;
  std::optional<std::string> search_bind_password;
  std::optional<std::string> base_dn;
  std::optional<std::string> user_filter;
};

enum class AuthMethod { local, ldap };

struct AuthOptions {
  AuthMethod method = AuthMethod::local;  // local: the PBKDF2 hashes in employees.password_hash
  DirectoryOptions directory;             // used when method is ldap
};

enum class DirectoryAnswer {
  accepted,     // the directory took this password for this user name
  refused,      // wrong password, no such account, a locked or disabled one: all alike
  unavailable,  // the directory could not be asked: down, too slow, TLS failed, misconfigured
};

// Asks the directory whether `password` is `username`'s. An empty user name or password is
// refused without asking (an empty simple bind is an anonymous bind, which many directories
// accept). Never takes longer than options.timeout plus a little; the reason for `unavailable`
// is logged as a warning, never the password.
DirectoryAnswer check_directory_password(const DirectoryOptions& options, std::string_view username,
                                         std::string_view password);

// `value` escaped for an attribute value in a DN (RFC 4514 section 2.4).
std::string escape_dn_value(std::string_view value);
// `value` escaped for an assertion value in a search filter (RFC 4515 section 3).
std::string escape_filter_value(std::string_view value);
// `pattern` with every "{user}" replaced by `escaped_user`.
std::string with_user(std::string_view pattern, std::string_view escaped_user);

// What is wrong with `options` for an operator, or nullopt: an unreadable URL, ldap:// without
// StartTLS to a host that is not loopback, neither or both ways to find the DN, a template or
// filter without {user}.
std::optional<std::string> directory_options_problem(const DirectoryOptions& options);

}  // namespace stellwerk::server
