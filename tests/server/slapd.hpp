// A real OpenLDAP server (Debian's slapd) for the directory sign-in tests: a child process on a
// free loopback port with a throwaway mdb database in a temporary folder, filled with slapadd
// before it starts. People live under ou=people,dc=city,dc=example; a "locked" person carries
// the ppolicy overlay's pwdAccountLockedTime of 000001010000Z (locked until an administrator
// unlocks), so slapd refuses their right password with 49, as Active Directory does for a locked
// account. A service account for search-then-bind is cn=stellwerk,ou=services,dc=city,dc=example
// with kServicePassword. Also the two ways a directory fails: a port nobody listens on, and one
// that accepts connections and never answers.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "test_server.hpp"

namespace stellwerk::server::testing {

inline constexpr const char* kDirectoryBase = "dc=city,dc=example";
inline constexpr const char* kPeopleDnTemplate = "uid={user},ou=people,dc=city,dc=example";
inline constexpr const char* kServiceDn = "cn=stellwerk,ou=services,dc=city,dc=example";
inline constexpr const char* kServicePassword = "service-secret";

struct DirectoryPerson {
  std::string uid;
  std::optional<std::string> password;  // none: an entry no simple bind can succeed for
  bool locked = false;
};

class Slapd {
 public:
  // Starts slapd (/usr/sbin/slapd) and waits until it accepts connections. Throws
  // std::runtime_error with slapd's own words when it is missing or does not come up.
  explicit Slapd(const std::vector<DirectoryPerson>& people);
  ~Slapd();
  Slapd(const Slapd&) = delete;
  Slapd& operator=(const Slapd&) = delete;

  std::string url() const;  // ldap://127.0.0.1:PORT

 private:
  TempDir dir_{"stellwerk-slapd"};
  int port_ = 0;
  pid_t pid_ = -1;
};

// A loopback port that was free a moment ago and that nobody listens on.
int closed_loopback_port();

// A loopback socket that accepts connections (the kernel completes the handshake) and never
// reads or answers: a directory that hangs.
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  int port() const { return port_; }

 private:
  int socket_ = -1;
  int port_ = 0;
};

}  // namespace stellwerk::server::testing
