// Reading and writing the TOML configuration with toml++.
#include "config.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <set>
#include <system_error>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace stellwerk::client {
namespace {

std::filesystem::path xdg_dir(const char* variable, const char* fallback_below_home) {
  if (const char* value = std::getenv(variable); value != nullptr && *value == '/') return value;
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr && *home != '\0' ? home : "/tmp") / fallback_below_home;
}

// The [kiosk] table. A device token in a file that others may read is noted, not refused here:
// only kiosk mode uses the token, and it refuses to start then (kiosk_app.cpp).
std::expected<KioskConfig, std::string> kiosk_config(const toml::table& table, const std::filesystem::path& file) {
  KioskConfig kiosk;
  const auto bad = [&](std::string_view key, std::string_view expected) {
    return std::unexpected(fmt::format("{}: key 'kiosk.{}' must be {}", file.string(), key, expected));
  };
  for (const auto& [key, node] : table) {
    const std::string_view name = key.str();
    if (name == "token") {
      const auto value = node.value<std::string>();
      if (!value || value->empty()) return bad(name, "the device token from the kiosk's registration");
      kiosk.token = *value;
      std::error_code ec;
      const auto permissions = std::filesystem::status(file, ec).permissions();
      kiosk.token_readable_by_others =
          ec || (permissions & (std::filesystem::perms::group_read | std::filesystem::perms::others_read)) !=
                    std::filesystem::perms::none;
    } else if (name == "idle_seconds") {
      const auto value = node.value<std::int64_t>();
      if (!value || *value < 30 || *value > 3600) return bad(name, "a number of seconds from 30 to 3600");
      kiosk.idle_seconds = static_cast<int>(*value);
    } else if (name == "facility_pin") {
      const auto value = node.value<std::string>();
      if (!value || value->size() < 4 || value->size() > 12 ||
          !std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return bad(name, "4 to 12 digits");
      }
      kiosk.facility_pin = *value;
    } else if (name == "speech") {
      const auto value = node.value<bool>();
      if (!value) return bad(name, "true or false");
      kiosk.speech = *value;
    } else {
      return std::unexpected(fmt::format("{}: unknown key 'kiosk.{}' (known keys: token, idle_seconds, facility_pin, speech)",
                                         file.string(), name));
    }
  }
  return kiosk;
}

}  // namespace

std::filesystem::path default_config_file() { return xdg_dir("XDG_CONFIG_HOME", ".config") / "stellwerk" / "config.toml"; }
std::filesystem::path default_data_dir() { return xdg_dir("XDG_DATA_HOME", ".local/share") / "stellwerk"; }

bool valid_scale(double scale) { return scale >= 1.0 && scale <= 2.0; }

std::expected<Config, std::string> load_config(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return Config{};
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return std::unexpected(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line, e.source().begin.column,
                                       e.description()));
  }
  Config config;
  const auto bad = [&](std::string_view key, std::string_view expected) {
    return std::unexpected(fmt::format("{}: key '{}' must be {}", file.string(), key, expected));
  };
  for (const auto& [key, node] : table) {
    const std::string_view name = key.str();
    if (name == "language") {
      const auto value = node.value<std::string>();
      const auto language = value ? i18n::parse_language(*value) : std::nullopt;
      if (!language) return bad(name, "\"de\" or \"en\"");
      config.language = language;
    } else if (name == "theme") {
      const auto value = node.value<std::string>();
      const auto theme = value ? ui::parse_theme(*value) : std::nullopt;
      if (!theme) return bad(name, "\"light\", \"dark\" or \"high-contrast\"");
      config.theme = theme;
    } else if (name == "scale") {
      const auto value = node.value<double>();  // toml++ converts integers too
      if (!value || !valid_scale(*value)) return bad(name, "a number from 1.0 to 2.0");
      config.scale = static_cast<float>(*value);
    } else if (name == "server") {
      const auto value = node.value<std::string>();
      if (!value || value->empty()) return bad(name, "a URL such as \"https://stellwerk.example\"");
      config.server = *value;
    } else if (name == "data") {
      const auto value = node.value<std::string>();
      if (!value || value->empty()) return bad(name, "a folder path");
      config.data = *value;
    } else if (name == "pins") {
      const auto* list = node.as_array();
      if (list == nullptr) return bad(name, "a list of \"sha256//<base64>\" strings");
      for (const auto& item : *list) {
        const auto pin = item.value<std::string>();
        if (!pin || !pin->starts_with("sha256//") || pin->size() == 8) {
          return bad(name, "a list of \"sha256//<base64>\" strings");
        }
        config.pins.push_back(*pin);
      }
    } else if (name == "kiosk") {
      const auto* kiosk_table = node.as_table();
      if (kiosk_table == nullptr) return bad(name, "a table: [kiosk]");
      auto kiosk = kiosk_config(*kiosk_table, file);
      if (!kiosk) return std::unexpected(kiosk.error());
      config.kiosk = std::move(*kiosk);
    } else {
      return std::unexpected(fmt::format(
          "{}: unknown key '{}' (known keys: language, theme, scale, server, data, pins, kiosk)", file.string(), name));
    }
  }
  return config;
}

std::expected<void, std::string> save_config(const std::filesystem::path& file, const Config& config) {
  toml::table table;
  if (config.language) table.insert("language", std::string(i18n::to_code(*config.language)));
  if (config.theme) table.insert("theme", std::string(ui::to_string(*config.theme)));
  if (config.scale) table.insert("scale", static_cast<double>(*config.scale));
  if (config.server) table.insert("server", *config.server);
  if (config.data) table.insert("data", config.data->string());
  if (!config.pins.empty()) {
    toml::array pins;
    for (const std::string& pin : config.pins) pins.push_back(pin);
    table.insert("pins", std::move(pins));
  }
  // Kept as read, so that saving the window's settings never drops a kiosk's own.
  toml::table kiosk;
  if (config.kiosk.token) kiosk.insert("token", *config.kiosk.token);
  if (config.kiosk.idle_seconds) kiosk.insert("idle_seconds", *config.kiosk.idle_seconds);
  if (config.kiosk.facility_pin) kiosk.insert("facility_pin", *config.kiosk.facility_pin);
  if (config.kiosk.speech) kiosk.insert("speech", *config.kiosk.speech);
  if (!kiosk.empty()) table.insert("kiosk", std::move(kiosk));

  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) return std::unexpected(fmt::format("cannot create {}: {}", file.parent_path().string(), ec.message()));
  const std::filesystem::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "# Stellwerk settings. Written by the Settings view; see docs/configuration.md.\n" << table << '\n';
    if (!out) return std::unexpected(fmt::format("cannot write {}", temporary.string()));
  }
  std::filesystem::rename(temporary, file, ec);
  if (ec) return std::unexpected(fmt::format("cannot replace {}: {}", file.string(), ec.message()));
  return {};
}

}  // namespace stellwerk::client
