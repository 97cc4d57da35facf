// The server's config file: /etc/stellwerk/server.toml when it exists, or the file given with
// --config. Every key is documented in docs/configuration.md#the-server-servertoml; a flag on the
// command line wins over the file's key.
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include "access_log.hpp"
#include "connections.hpp"
#include "metrics.hpp"
#include "retention.hpp"
#include "directory.hpp"

namespace stellwerk::server {

inline constexpr const char* kDefaultServerConfig = "/etc/stellwerk/server.toml";

struct ServerConfig {
  std::optional<std::string> data;
  std::optional<std::string> listen;
  std::optional<std::string> log_level;
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
  ConnectionLimits connections;
  AccessLogOptions access_log{.target = AccessLogOptions::Target::stderr_stream, .folder = {}, .keep_days = 30};
  RetentionOptions retention;
  MetricsOptions metrics;
  AuthOptions auth;  // [auth]: local passwords unless method = "ldap"
};

// Reads `file`. A syntax error names the line; an unknown key (so a typo never silently does
// nothing), a wrong type or a value out of range names the key and what it must be.
std::expected<ServerConfig, std::string> read_server_config(const std::filesystem::path& file);

}  // namespace stellwerk::server
