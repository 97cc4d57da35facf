// Settings' view state: how the window looks and speaks. The App applies a change between frames
// (fonts need the renderer) and saves it to the settings file.
#pragma once

#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

struct Settings {
  i18n::Language language = i18n::Language::de;
  ui::ThemeId theme = ui::ThemeId::light;
  float scale = 1.0f;  // 1.0 … 2.0
};

}  // namespace stellwerk::client
