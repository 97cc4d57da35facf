// What the person asks for in Settings (settings_handler.hpp applies it).
#pragma once

#include <string>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

struct ChangeLanguage { i18n::Language language; };
struct ChangeTheme { ui::ThemeId theme; };
struct ChangeScale { float scale; };
// Facility admins' kiosk registry: read it again, register a kiosk, revoke one, and close the
// one-time display of a new kiosk's token (which wipes it).
struct RefreshKiosks {};
struct RegisterKiosk { std::string name; Id building_id; };
struct RevokeKiosk { Id kiosk_id; };
struct CloseKioskToken {};
// "What is stored about me": the server's record and this device's, as one file in the documents.
struct ExportMyData {};

}  // namespace stellwerk::client
