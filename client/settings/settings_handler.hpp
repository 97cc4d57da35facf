// Applies Settings' intents. They only change AppState::settings; the App notices the change and
// applies fonts, theme and language before the next frame (they need the renderer).
#pragma once

#include "handler_context.hpp"
#include "settings/settings_intents.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const ChangeLanguage& intent);
void handle(HandlerContext& context, const ChangeTheme& intent);
void handle(HandlerContext& context, const ChangeScale& intent);

}  // namespace stellwerk::client
