#include "config.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <type_traits>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "crypto.hpp"

namespace stellwerk::server {
namespace {

// Reads the keys of one table; the first problem is kept and stops the reading.
class TableReader {
 public:
  TableReader(const std::filesystem::path& file, std::string prefix) : file_(file), prefix_(std::move(prefix)) {}

  void text(const toml::node& node, std::string_view key, std::optional<std::string>& into,
            std::string_view expected = "a non-empty string") {
    const auto value = node.value<std::string>();
    if (!value || value->empty()) return refuse(key, expected);
    into = *value;
  }
  void whole_number(const toml::node& node, std::string_view key, std::int64_t low, std::int64_t high, auto& into) {
    const auto value = node.value_exact<std::int64_t>();
    if (!value || *value < low || *value > high) return refuse(key, fmt::format("a whole number from {} to {}", low, high));
    into = static_cast<std::remove_reference_t<decltype(into)>>(*value);
  }
  void flag(const toml::node& node, std::string_view key, bool& into) {
    const auto value = node.value_exact<bool>();
    if (!value) return refuse(key, "true or false");
    into = *value;
  }
  void absolute_path(const toml::node& node, std::string_view key, std::optional<std::string>& into,
                     std::string_view expected) {
    text(node, key, into, expected);
    if (into && !into->starts_with('/')) refuse(key, expected);
  }
  void seconds(const toml::node& node, std::string_view key, std::int64_t high, std::chrono::seconds& into) {
    std::int64_t value = 0;
    whole_number(node, key, 1, high, value);
    into = std::chrono::seconds{value};
  }
  void unknown(std::string_view key, std::string_view known) {
    if (error.empty()) error = fmt::format("{}: unknown key '{}{}' (known keys: {})", file_.string(), prefix_, key, known);
  }
  void refuse(std::string_view key, std::string_view expected) {
    if (error.empty()) error = fmt::format("{}: key '{}{}' must be {}", file_.string(), prefix_, key, expected);
  }
  const toml::table* table(const toml::node& node, std::string_view key) {
    if (node.as_table() == nullptr) refuse(key, fmt::format("a table: [{}]", key));
    return node.as_table();
  }

  std::string error;

 private:
  const std::filesystem::path& file_;
  std::string prefix_;
};

void read_tls(const toml::table& table, const std::filesystem::path& file, ServerConfig& config, std::string& error) {
  TableReader reader{file, "tls."};
  for (const auto& [name, node] : table) {
    const std::string_view key = name.str();
    auto& into = key == "cert" ? config.tls_cert : config.tls_key;
    if (key != "cert" && key != "key") {
      reader.unknown(key, "cert, key");
      continue;
    }
    reader.text(node, key, into, "the absolute path of a PEM file");
    if (into && !into->starts_with('/')) reader.refuse(key, "the absolute path of a PEM file");
  }
  if (error.empty()) error = reader.error;
}

void read_connections(const toml::table& table, const std::filesystem::path& file, ServerConfig& config,
                      std::string& error) {
  TableReader reader{file, "connections."};
  auto& limits = config.connections;
  for (const auto& [name, node] : table) {
    const std::string_view key = name.str();
    if (key == "workers") reader.whole_number(node, key, 1, 1024, limits.workers);
    else if (key == "idle_seconds") reader.seconds(node, key, 3600, limits.idle);
    else if (key == "read_seconds") reader.seconds(node, key, 300, limits.read);
    else if (key == "write_seconds") reader.seconds(node, key, 300, limits.write);
    else reader.unknown(key, "workers, idle_seconds, read_seconds, write_seconds");
  }
  if (error.empty()) error = reader.error;
}

void read_log(const toml::table& table, const std::filesystem::path& file, ServerConfig& config, std::string& error) {
  TableReader reader{file, "log."};
  for (const auto& [name, node] : table) {
    const std::string_view key = name.str();
    if (key != "access") {
      reader.unknown(key, "access");
      continue;
    }
    std::optional<std::string> value;
    reader.text(node, key, value, "\"stderr\", \"off\" or the absolute path of a folder");
    auto& log = config.access_log;
    if (value == "stderr") {
      log.target = AccessLogOptions::Target::stderr_stream;
    } else if (value == "off") {
      log.target = AccessLogOptions::Target::off;
    } else if (value && value->starts_with('/')) {
      log.target = AccessLogOptions::Target::folder;
      log.folder = *value;
    } else {
      reader.refuse(key, "\"stderr\", \"off\" or the absolute path of a folder");
    }
  }
  if (error.empty()) error = reader.error;
}

void read_retention(const toml::table& table, const std::filesystem::path& file, ServerConfig& config,
                    std::string& error) {
  TableReader reader{file, "retention."};
  for (const auto& [name, node] : table) {
    const std::string_view key = name.str();
    if (key == "access_log_days") reader.whole_number(node, key, 1, 3650, config.access_log.keep_days);
    else if (key == "bookings_days") reader.whole_number(node, key, 1, 3650, config.retention.bookings_days);
    else if (key == "plans_days") reader.whole_number(node, key, 1, 3650, config.retention.plans_days);
    else if (key == "working_times_days") reader.whole_number(node, key, 1, 3650, config.retention.working_times_days);
    else reader.unknown(key, "access_log_days, bookings_days, plans_days, working_times_days");
  }
  if (error.empty()) error = reader.error;
}

// A secret from its own file (so that server.toml can be readable by more people than the secret):
// the whole file but a final line break; nullopt when unreadable or empty. The password of
// search_bind_dn and the metrics token.
std::optional<std::string> read_secret_file(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream content;
  if (!in || !(content << in.rdbuf())) return std::nullopt;
  std::string password = content.str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  if (password.empty()) return std::nullopt;
  return password;
}

// The token's digest, or what the file must be.
std::expected<std::string, std::string> metrics_token_digest(const std::string& file) {
  const auto token = read_secret_file(file);
  if (!token) return std::unexpected("a readable, non-empty file");
  if (token->size() < 16 || token->find_first_of(" \t\r\n") != std::string::npos) {
    return std::unexpected("a file holding one token of at least 16 characters and no spaces");
  }
  return crypto::sha256(*token);
}

void read_metrics(const toml::table& table, const std::filesystem::path& file, ServerConfig& config, std::string& error) {
  TableReader reader{file, "metrics."};
  for (const auto& [name, node] : table) {
    const std::string_view key = name.str();
    if (key == "allow_loopback") {
      reader.flag(node, key, config.metrics.allow_loopback);
    } else if (key == "token_file") {
      std::optional<std::string> path;
      reader.absolute_path(node, key, path, "the absolute path of a file");
      if (!path || !reader.error.empty()) continue;
      const auto digest = metrics_token_digest(*path);
      if (digest) config.metrics.token_sha256 = *digest;
      else reader.refuse(key, fmt::format("{} ({})", digest.error(), *path));
    } else {
      reader.unknown(key, "allow_loopback, token_file");
    }
  }
  if (error.empty()) error = reader.error;
}

void read_auth_key(TableReader& reader, std::string_view key, const toml::node& node, AuthOptions& auth) {
  auto& directory = auth.directory;
  std::optional<std::string> value;
  if (key == "method") {
    reader.text(node, key, value, "\"local\" or \"ldap\"");
    if (value == "ldap") auth.method = AuthMethod::ldap;
    else if (value && value != "local") reader.refuse(key, "\"local\" or \"ldap\"");
  } else if (key == "url") {
    std::optional<std::string> url;
    reader.text(node, key, url, "ldap://HOST:PORT or ldaps://HOST:PORT");
    directory.url = url.value_or("");
  } else if (key == "starttls") {
    reader.flag(node, key, directory.starttls);
  } else if (key == "timeout_seconds") {
    reader.seconds(node, key, 60, directory.timeout);
  } else if (key == "ca_file") {
    reader.absolute_path(node, key, value, "the absolute path of a PEM file");
    if (value) directory.ca_file = *value;
  } else if (key == "bind_dn_template") {
    reader.text(node, key, directory.bind_dn_template, "a DN with {user}, e.g. \"uid={user},ou=people,dc=city,dc=example\"");
  } else if (key == "search_bind_dn") {
    reader.text(node, key, directory.search_bind_dn, "a DN");
  } else if (key == "search_bind_password_file") {
    reader.absolute_path(node, key, value, "the absolute path of a file holding the password");
    if (value) {
      directory.search_bind_password = read_secret_file(*value);
      if (!directory.search_bind_password) reader.refuse(key, fmt::format("a readable, non-empty file ({})", *value));
    }
  } else if (key == "base_dn") {
    reader.text(node, key, directory.base_dn, "a DN");
  } else if (key == "user_filter") {
    reader.text(node, key, directory.user_filter, "an LDAP filter with {user}, e.g. \"(uid={user})\"");
  } else {
    reader.unknown(key, "method, url, starttls, timeout_seconds, ca_file, bind_dn_template, search_bind_dn, "
                        "search_bind_password_file, base_dn, user_filter");
  }
}

void read_auth(const toml::table& table, const std::filesystem::path& file, ServerConfig& config, std::string& error) {
  TableReader reader{file, "auth."};
  for (const auto& [name, node] : table) read_auth_key(reader, name.str(), node, config.auth);
  if (!reader.error.empty()) {
    if (error.empty()) error = reader.error;
    return;
  }
  const bool directory_keys = table.size() > (table.contains("method") ? 1U : 0U);
  if (config.auth.method == AuthMethod::local && directory_keys) {
    error = fmt::format("{}: [auth] has directory keys but method is not \"ldap\"", file.string());
  } else if (config.auth.method == AuthMethod::ldap && config.auth.directory.url.empty()) {
    error = fmt::format("{}: [auth] method = \"ldap\" needs url", file.string());
  } else if (config.auth.method == AuthMethod::ldap) {
    if (const auto problem = directory_options_problem(config.auth.directory)) {
      error = fmt::format("{}: [auth] {}", file.string(), *problem);
    }
  }
}

// The tables of the file, each read by its own function.
struct Section {
  std::string_view name;
  void (*read)(const toml::table&, const std::filesystem::path&, ServerConfig&, std::string&);
};
constexpr Section kSections[] = {{"tls", read_tls},           {"connections", read_connections},
                                 {"log", read_log},           {"retention", read_retention},
                                 {"metrics", read_metrics},   {"auth", read_auth}};

}  // namespace

std::expected<ServerConfig, std::string> read_server_config(const std::filesystem::path& file) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    if (e.source().begin.line == 0) return std::unexpected(fmt::format("{}: {}", file.string(), e.description()));
    return std::unexpected(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line, e.source().begin.column,
                                       e.description()));
  }
  ServerConfig config;
  TableReader reader{file, ""};
  std::string error;
  for (const auto& [name, node] : table) {
    const std::string_view key = name.str();
    if (key == "data") {
      reader.absolute_path(node, key, config.data, "the absolute path of a folder");
    } else if (key == "listen") {
      reader.text(node, key, config.listen, "HOST:PORT, e.g. \"127.0.0.1:8080\"");
    } else if (key == "log_level") {
      reader.text(node, key, config.log_level);
      if (config.log_level && *config.log_level != "error" && *config.log_level != "warn" &&
          *config.log_level != "info" && *config.log_level != "debug") {
        reader.refuse(key, "\"error\", \"warn\", \"info\" or \"debug\"");
      }
    } else if (const auto* section = std::ranges::find(kSections, key, &Section::name); section != std::end(kSections)) {
      if (const auto* table_of_key = reader.table(node, key)) section->read(*table_of_key, file, config, error);
    } else {
      reader.unknown(key, "data, listen, log_level, tls, connections, log, retention, metrics, auth");
    }
    if (!reader.error.empty()) return std::unexpected(reader.error);
    if (!error.empty()) return std::unexpected(error);
  }
  return config;
}

}  // namespace stellwerk::server
