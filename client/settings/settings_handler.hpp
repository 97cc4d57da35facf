// Applies Settings' intents. The looks only change AppState::settings; the App notices the change
// and applies fonts, theme and language before the next frame (they need the renderer). The kiosk
// registry's intents go to the sync thread, which answers into AppState::kiosks.
#pragma once

#include "handler_context.hpp"
#include "settings/settings_intents.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const ChangeLanguage& intent);
void handle(HandlerContext& context, const ChangeTheme& intent);
void handle(HandlerContext& context, const ChangeScale& intent);
void handle(HandlerContext& context, const RefreshKiosks& intent);
void handle(HandlerContext& context, const RegisterKiosk& intent);
void handle(HandlerContext& context, const RevokeKiosk& intent);
void handle(HandlerContext& context, const CloseKioskToken& intent);
void handle(HandlerContext& context, const ExportMyData& intent);

}  // namespace stellwerk::client
