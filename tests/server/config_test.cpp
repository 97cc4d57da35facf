// The server's config file (server/src/config.hpp): every key read, and every mistake named with
// its file, key or line, so a typo never silently does nothing.
#include <fstream>

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
  expect_error("[metrics]\ntoken_file = \"/nonexistent/token\"", "key 'metrics.token_file' must be a readable file");
  std::ofstream{dir / "short-token"} << "short\n";
  expect_error("[metrics]\ntoken_file = \"" + (dir / "short-token").string() + "\"", "at least 16 characters");
  expect_error("data = \"/x\"\nlisten = ", "server.toml:2:");
}

}  // namespace
}  // namespace stellwerk::server::testing
