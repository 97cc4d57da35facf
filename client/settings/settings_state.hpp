// Settings' view state: how the window looks and speaks, and — for facility admins — the
// registry of the building kiosks. The App applies a change of looks between frames (fonts need
// the renderer) and saves it to the settings file; the registry is asked of the server by the
// sync thread (SyncLoop::kiosk_registry) and lives in memory only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/secret.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

struct Settings {
  i18n::Language language = i18n::Language::de;
  ui::ThemeId theme = ui::ThemeId::light;
  float scale = 1.0f;  // 1.0 … 2.0
};

// One registered kiosk as the server listed it.
struct KioskRow {
  Id id;
  std::string name;
  Id building_id;
  Instant registered_at{};
  std::optional<Instant> last_seen;  // the last heartbeat
  std::string version;
  bool revoked = false;
};

struct KioskBuilding {
  Id id;
  std::string name;
};

struct KioskRegistry {
  bool requested = false;          // asked for at least once since signing in
  bool busy = false;               // a request is on its way
  std::optional<Instant> loaded_at;  // when the list below was the server's answer
  std::vector<KioskRow> kiosks;
  std::vector<KioskBuilding> buildings;  // every building of the city, by name: where a kiosk may stand
  std::string error;               // why the last request failed, in words
  // A kiosk just registered and its device token, shown once until the admin closes it.
  Id new_kiosk;
  Secret new_token;
};

}  // namespace stellwerk::client
