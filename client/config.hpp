// The configuration file: $XDG_CONFIG_HOME/stellwerk/config.toml (~/.config/… when unset). Every
// key is optional; command-line options win over the file. Unknown keys and bad values are
// errors that name the key, so a typo never silently does nothing.
//
//   language = "de"            # "de" or "en"
//   theme = "light"            # "light", "dark" or "high-contrast"
//   scale = 1.25               # 1.0 … 2.0
//   server = "https://stellwerk.example"
//   data = "/path/to/folder"
//   pins = ["sha256//…", "sha256//…"]   # the server's public key and its backup
//
//   [kiosk]                    # only read with --kiosk (docs/kiosk.md)
//   token = "…"                # the device token; refused when others may read the file
//   idle_seconds = 90          # 30 or more
//   facility_pin = "…"         # digits: leaving kiosk mode
//   speech = false
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

struct KioskConfig {
  std::optional<std::string> token;
  bool token_readable_by_others = false;  // the file is readable by group or others
  std::optional<int> idle_seconds;
  std::optional<std::string> facility_pin;
  std::optional<bool> speech;
};

struct Config {
  std::optional<i18n::Language> language;
  std::optional<ui::ThemeId> theme;
  std::optional<float> scale;
  std::optional<std::string> server;
  std::optional<std::filesystem::path> data;
  // Public-key pins of the server (curl's "sha256//<base64>"); empty: certificate checks only.
  std::vector<std::string> pins;
  KioskConfig kiosk;
};

std::filesystem::path default_config_file();
std::filesystem::path default_data_dir();  // $XDG_DATA_HOME/stellwerk (~/.local/share/stellwerk)

// A missing file is an empty Config; a file that cannot be read or parsed is an error message
// that names the file, and the line or key.
std::expected<Config, std::string> load_config(const std::filesystem::path& file);

// Writes atomically (temporary file + rename), creating the folder. Returns a message on failure.
std::expected<void, std::string> save_config(const std::filesystem::path& file, const Config& config);

bool valid_scale(double scale);

}  // namespace stellwerk::client
