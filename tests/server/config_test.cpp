// The server's config file (server/src/config.hpp): every key read, and every mistake named with
// its file, key or line, so a typo never silently does nothing.
#include <fstream>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "config.hpp"
#include "crypto.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

std::expected<ServerConfig, std::string> read_text(const TempDir& dir, const std::string& text) {
  const auto file = dir / "server.toml";
  std::ofstream{file} << text;
  return read_server_config(file);
}

TEST(ServerConfig, ReadsEveryKey) {
  TempDir dir;
  std::ofstream{dir / "metrics-token"} << "metrics-7f2c9a41d0e8b3\n";
  auto text = std::string{R"(
data = "/var/lib/stellwerk"
listen = "0.0.0.0:8443"
log_level = "warn"
[tls]
cert = "/etc/stellwerk/tls/cert.pem"
key = "/etc/stellwerk/tls/key.pem"
[connections]
workers = 16
idle_seconds = 120
read_seconds = 10
write_seconds = 20
[log]
access = "/var/log/stellwerk"
[retention]
access_log_days = 90
bookings_days = 120
plans_days = 200
working_times_days = 800
[metrics]
allow_loopback = false
token_file = "TOKEN"
)"};
  text.replace(text.find("TOKEN"), 5, (dir / "metrics-token").string());
  const auto config = read_text(dir, text);
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->data, "/var/lib/stellwerk");
  EXPECT_EQ(config->listen, "0.0.0.0:8443");
  EXPECT_EQ(config->log_level, "warn");
  EXPECT_EQ(config->tls_cert, "/etc/stellwerk/tls/cert.pem");
  EXPECT_EQ(config->tls_key, "/etc/stellwerk/tls/key.pem");
  EXPECT_EQ(config->connections.workers, 16);
  EXPECT_EQ(config->connections.idle, std::chrono::seconds{120});
  EXPECT_EQ(config->connections.read, std::chrono::seconds{10});
  EXPECT_EQ(config->connections.write, std::chrono::seconds{20});
  EXPECT_EQ(config->access_log.target, AccessLogOptions::Target::folder);
  EXPECT_EQ(config->access_log.folder, "/var/log/stellwerk");
  EXPECT_EQ(config->access_log.keep_days, 90);
  EXPECT_EQ(config->retention.bookings_days, 120);
  EXPECT_EQ(config->retention.plans_days, 200);
  EXPECT_EQ(config->retention.working_times_days, 800);
  EXPECT_FALSE(config->metrics.allow_loopback);
  EXPECT_EQ(config->metrics.token_sha256, crypto::sha256("metrics-7f2c9a41d0e8b3"));
}

TEST(ServerConfig, AnEmptyFileKeepsTheDefaults) {
  TempDir dir;
  const auto config = read_text(dir, "");
  ASSERT_TRUE(config) << config.error();
  EXPECT_FALSE(config->data);
  EXPECT_EQ(config->connections.workers, ConnectionLimits{}.workers);
  EXPECT_EQ(config->connections.idle, ConnectionLimits{}.idle);
  EXPECT_EQ(config->access_log.target, AccessLogOptions::Target::stderr_stream);
  EXPECT_EQ(config->retention.bookings_days, 365);
  EXPECT_EQ(config->retention.plans_days, 365);
  EXPECT_EQ(config->retention.working_times_days, 730);
  EXPECT_TRUE(config->metrics.allow_loopback);
  EXPECT_TRUE(config->metrics.token_sha256.empty());
}

TEST(ServerConfig, MistakesAreNamed) {
  TempDir dir;
  const auto expect_error = [&](const std::string& text, const std::string& words) {
    const auto config = read_text(dir, text);
    ASSERT_FALSE(config) << text;
    EXPECT_NE(config.error().find(words), std::string::npos) << config.error();
    EXPECT_NE(config.error().find("server.toml"), std::string::npos) << config.error();
  };
  expect_error("lisen = \"127.0.0.1:1\"", "unknown key 'lisen'");
  expect_error("[tls]\ncertificate = \"x\"", "unknown key 'tls.certificate'");
  expect_error("log_level = \"loud\"", "key 'log_level' must be");
  expect_error("data = 5", "key 'data' must be the absolute path of a folder");
  expect_error("data = \"var/lib/stellwerk\"", "key 'data' must be the absolute path of a folder");
  expect_error("[tls]\ncert = \"cert.pem\"", "key 'tls.cert' must be the absolute path");
  expect_error("[log]\naccess = \"logs\"", "key 'log.access' must be");
  expect_error("[retention]\naccess_log_days = 0", "key 'retention.access_log_days' must be a whole number from 1");
  expect_error("[connections]\nworkers = 0", "key 'connections.workers' must be a whole number from 1 to 1024");
  expect_error("[connections]\nidle_seconds = 2.5", "key 'connections.idle_seconds' must be a whole number");
  expect_error("connections = 4", "key 'connections' must be a table");
  expect_error("[retention]\nplans_days = -1", "key 'retention.plans_days' must be a whole number from 1");
  expect_error("[metrics]\nallow_loopback = \"yes\"", "key 'metrics.allow_loopback' must be true or false");
  expect_error("[metrics]\ntoken_file = \"token\"", "key 'metrics.token_file' must be the absolute path");
  expect_error("[metrics]\ntoken_file = \"/nonexistent/token\"", "key 'metrics.token_file' must be a readable, non-empty file");
  std::ofstream{dir / "short-token"} << "short\n";
  expect_error("[metrics]\ntoken_file = \"" + (dir / "short-token").string() + "\"", "at least 16 characters");
  expect_error("data = \"/x\"\nlisten = ", "server.toml:2:");
}

TEST(ServerConfig, AuthChecksPasswordsLocallyUnlessTheDirectoryIsNamed) {
  TempDir dir;
  const auto none = read_text(dir, "");
  ASSERT_TRUE(none) << none.error();
  EXPECT_EQ(none->auth.method, AuthMethod::local);
  const auto local = read_text(dir, "[auth]\nmethod = \"local\"");
  ASSERT_TRUE(local) << local.error();
  EXPECT_EQ(local->auth.method, AuthMethod::local);
}

TEST(ServerConfig, ReadsTheDirectory) {
  TempDir dir;
  std::ofstream{dir / "ldap-password"} << "s3rvice\n";
  const auto search = read_text(dir, fmt::format(R"toml([auth]
method = "ldap"
url = "ldap://dc1.city.example:389"
starttls = true
timeout_seconds = 3
ca_file = "/etc/stellwerk/city-ca.pem"
search_bind_dn = "cn=stellwerk,ou=services,dc=city,dc=example"
search_bind_password_file = "{}"
base_dn = "ou=people,dc=city,dc=example"
user_filter = "(&(objectClass=person)(sAMAccountName={{user}}))"
)toml",
                                                 (dir / "ldap-password").string()));
  ASSERT_TRUE(search) << search.error();
  const auto& directory = search->auth.directory;
  EXPECT_EQ(search->auth.method, AuthMethod::ldap);
  EXPECT_EQ(directory.url, "ldap://dc1.city.example:389");
  EXPECT_TRUE(directory.starttls);
  EXPECT_EQ(directory.timeout, std::chrono::seconds{3});
  EXPECT_EQ(directory.ca_file, std::filesystem::path{"/etc/stellwerk/city-ca.pem"});
  EXPECT_EQ(directory.search_bind_dn, "cn=stellwerk,ou=services,dc=city,dc=example");
  EXPECT_EQ(directory.search_bind_password, "s3rvice");  // the file's line break is not part of it
  EXPECT_EQ(directory.base_dn, "ou=people,dc=city,dc=example");
  EXPECT_EQ(directory.user_filter, "(&(objectClass=person)(sAMAccountName={user}))");
  EXPECT_FALSE(directory.bind_dn_template);

  const auto bind = read_text(dir, R"([auth]
method = "ldap"
url = "ldaps://ldap.city.example"
bind_dn_template = "uid={user},ou=people,dc=city,dc=example"
)");
  ASSERT_TRUE(bind) << bind.error();
  EXPECT_EQ(bind->auth.directory.bind_dn_template, "uid={user},ou=people,dc=city,dc=example");
  EXPECT_FALSE(bind->auth.directory.starttls);
  EXPECT_EQ(bind->auth.directory.timeout, std::chrono::seconds{5});
  // Loopback needs no TLS: the password never leaves the machine.
  EXPECT_TRUE(read_text(dir, "[auth]\nmethod = \"ldap\"\nurl = \"ldap://127.0.0.1:3389\"\n"
                             "bind_dn_template = \"uid={user},dc=x\""));
}

TEST(ServerConfig, DirectoryMistakesAreNamed) {
  TempDir dir;
  const auto expect_error = [&](const std::string& keys, const std::string& words) {
    const auto config = read_text(dir, "[auth]\n" + keys);
    ASSERT_FALSE(config) << keys;
    EXPECT_NE(config.error().find(words), std::string::npos) << config.error();
    EXPECT_NE(config.error().find("server.toml"), std::string::npos) << config.error();
  };
  const std::string ldap = "method = \"ldap\"\n";
  const std::string by_template = "bind_dn_template = \"uid={user},dc=x\"\n";
  expect_error(ldap + "url = \"ldap://dc1.city.example\"\n" + by_template, "starttls must be true for ldap://dc1.city.example");
  expect_error(ldap + "url = \"ldaps://dc1\"\nstarttls = true\n" + by_template, "starttls is for ldap://");
  expect_error(ldap + by_template, "needs url");
  expect_error(ldap + "url = \"http://dc1\"\n" + by_template, "url must be one URL");
  expect_error(ldap + "url = \"ldap://127.0.0.1 ldap://127.0.0.2\"\n" + by_template, "url must be one URL");
  expect_error(ldap + "url = \"ldap://127.0.0.1\"\n", "either bind_dn_template, or base_dn and user_filter");
  expect_error(ldap + "url = \"ldap://127.0.0.1\"\n" + by_template + "base_dn = \"dc=x\"\nuser_filter = \"(uid={user})\"\n",
               "either bind_dn_template");
  expect_error(ldap + "url = \"ldap://127.0.0.1\"\nbind_dn_template = \"uid=demo,dc=x\"\n", "must contain {user}");
  expect_error(ldap + "url = \"ldap://127.0.0.1\"\nbase_dn = \"dc=x\"\nuser_filter = \"(uid=demo)\"\n",
               "user_filter must contain {user}");
  expect_error(ldap + "url = \"ldap://127.0.0.1\"\nbase_dn = \"dc=x\"\n", "needs base_dn and user_filter");
  expect_error(ldap + "url = \"ldap://127.0.0.1\"\nbase_dn = \"dc=x\"\nuser_filter = \"(uid={user})\"\n"
                      "search_bind_dn = \"cn=s,dc=x\"\n",
               "search_bind_dn and search_bind_password_file go together");
  expect_error(ldap + "search_bind_password_file = \"/nonexistent/password\"\n",
               "key 'auth.search_bind_password_file' must be a readable, non-empty file");
  expect_error(ldap + "search_bind_password_file = \"password\"\n", "must be the absolute path");
  expect_error("method = \"kerberos\"\n", "key 'auth.method' must be \"local\" or \"ldap\"");
  expect_error("method = \"local\"\nurl = \"ldap://127.0.0.1\"\n", "method is not \"ldap\"");
  expect_error(ldap + "timeout_seconds = 0\n", "key 'auth.timeout_seconds' must be a whole number from 1 to 60");
  expect_error(ldap + "starttls = \"yes\"\n", "key 'auth.starttls' must be true or false");
  expect_error(ldap + "password = \"x\"\n", "unknown key 'auth.password'");
}

}  // namespace
}  // namespace stellwerk::server::testing
