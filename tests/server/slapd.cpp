// The test directory (contracts in slapd.hpp). slapd runs in the foreground (-d 0) as the current
// user, so the test owns it by pid: SIGTERM when done, SIGKILL if it lingers.
#include "slapd.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "crypto.hpp"

extern char** environ;

namespace stellwerk::server::testing {
namespace {

constexpr const char* kSlapd = "/usr/sbin/slapd";
constexpr const char* kSlapadd = "/usr/sbin/slapadd";

// A loopback TCP socket bound to a free port; -1 when none could be made.
int bound_loopback_socket(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  port = ntohs(address.sin_port);
  return fd;
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  if (fd >= 0) ::close(fd);
  return connected;
}

// Starts `arguments` with stdout and stderr into `log`; the child's pid.
pid_t spawn(const std::vector<std::string>& arguments, const std::filesystem::path& log) {
  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error(fmt::format("cannot start {}: {}", arguments[0], std::strerror(error)));
  return pid;
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in{file};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "{SSHA}" and base64 of SHA-1(password + salt) + salt, the hash slappasswd makes.
std::string ssha(const std::string& password) {
  const std::string salt = crypto::random_token(6).substr(0, 8);
  const std::string salted = password + salt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(salted.data(), salted.size(), digest, &length, EVP_sha1(), nullptr);
  return "{SSHA}" + crypto::base64(std::string{reinterpret_cast<const char*>(digest), length} + salt);
}

std::string config_text(const std::filesystem::path& dir) {
  return fmt::format(R"(include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile {0}/slapd.pid
database mdb
maxsize 16777216
suffix "{1}"
rootdn "cn=admin,{1}"
directory {0}/db
overlay ppolicy
ppolicy_default "cn=default,ou=policies,{1}"
access to attrs=userPassword by anonymous auth by * none
access to * by users read by * none
)",
                     dir.string(), kDirectoryBase);
}

std::string entries_text(const std::vector<DirectoryPerson>& people) {
  std::string ldif = fmt::format(R"(dn: {0}
objectClass: dcObject
objectClass: organization
o: City
dc: city

dn: ou=people,{0}
objectClass: organizationalUnit
ou: people

dn: ou=services,{0}
objectClass: organizationalUnit
ou: services

dn: {1}
objectClass: applicationProcess
objectClass: simpleSecurityObject
cn: stellwerk
userPassword: {2}

dn: ou=policies,{0}
objectClass: organizationalUnit
ou: policies

dn: cn=default,ou=policies,{0}
objectClass: applicationProcess
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdLockout: TRUE
)",
                                 kDirectoryBase, kServiceDn, ssha(kServicePassword));
  for (const auto& person : people) {
    ldif += fmt::format("\ndn: uid={0},ou=people,{1}\nobjectClass: inetOrgPerson\nuid: {0}\ncn: {0}\nsn: {0}\n",
                        person.uid, kDirectoryBase);
    if (person.password) ldif += fmt::format("userPassword: {}\n", ssha(*person.password));
    if (person.locked) ldif += "pwdAccountLockedTime: 000001010000Z\n";
  }
  return ldif;
}

}  // namespace

Slapd::Slapd(const std::vector<DirectoryPerson>& people) {
  if (::access(kSlapd, X_OK) != 0 || ::access(kSlapadd, X_OK) != 0) {
    throw std::runtime_error("slapd is not installed: scripts/setup installs Debian's slapd and ldap-utils");
  }
  std::filesystem::create_directories(dir_ / "db");
  std::ofstream{dir_ / "slapd.conf"} << config_text(dir_.path());
  std::ofstream{dir_ / "people.ldif"} << entries_text(people);
  const auto log = dir_ / "slapd.log";
  const pid_t add = spawn({kSlapadd, "-q", "-f", (dir_ / "slapd.conf").string(), "-l", (dir_ / "people.ldif").string()}, log);
  int status = 0;
  ::waitpid(add, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("slapadd failed:\n" + read_all(log));
  const int reserved = bound_loopback_socket(port_);
  if (reserved >= 0) ::close(reserved);
  pid_ = spawn({kSlapd, "-d", "0", "-f", (dir_ / "slapd.conf").string(), "-h", url() + "/"}, log);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{15};
  while (!accepts_connections(port_)) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_ || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("slapd did not start:\n" + read_all(log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
}

Slapd::~Slapd() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
}

std::string Slapd::url() const { return fmt::format("ldap://127.0.0.1:{}", port_); }

int closed_loopback_port() {
  int port = 0;
  const int fd = bound_loopback_socket(port);
  if (fd >= 0) ::close(fd);
  return port;
}

SilentListener::SilentListener() {
  socket_ = bound_loopback_socket(port_);
  if (socket_ < 0 || ::listen(socket_, 16) != 0) throw std::runtime_error("cannot listen on loopback");
}

SilentListener::~SilentListener() { ::close(socket_); }

}  // namespace stellwerk::server::testing
