// What the person asks for in Settings (settings_handler.hpp applies it).
#pragma once

#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

struct ChangeLanguage { i18n::Language language; };
struct ChangeTheme { ui::ThemeId theme; };
struct ChangeScale { float scale; };

}  // namespace stellwerk::client
