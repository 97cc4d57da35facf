#include "settings/settings_handler.hpp"

#include <algorithm>

namespace stellwerk::client {

void handle(HandlerContext& context, const ChangeLanguage& intent) { context.state.settings.language = intent.language; }

void handle(HandlerContext& context, const ChangeTheme& intent) { context.state.settings.theme = intent.theme; }

void handle(HandlerContext& context, const ChangeScale& intent) {
  context.state.settings.scale = std::clamp(intent.scale, 1.0f, 2.0f);
}

}  // namespace stellwerk::client
