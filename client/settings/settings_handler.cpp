#include "settings/settings_handler.hpp"

#include <algorithm>
#include <utility>

#include "my_data_export.hpp"
#include "notices.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"

namespace stellwerk::client {
namespace {

using Request = SyncLoop::KioskRegistryRequest;

void ask_registry(HandlerContext& context, Request request) {
  KioskRegistry& registry = context.state.kiosks;
  registry.requested = true;
  registry.error.clear();
  if (context.sync == nullptr) {
    registry.error = i18n::tr("The kiosk list needs the server.");
    return;
  }
  registry.busy = true;
  context.sync->kiosk_registry(std::move(request));
}

}  // namespace

void handle(HandlerContext& context, const ChangeLanguage& intent) { context.state.settings.language = intent.language; }

void handle(HandlerContext& context, const ChangeTheme& intent) { context.state.settings.theme = intent.theme; }

void handle(HandlerContext& context, const ChangeScale& intent) {
  context.state.settings.scale = std::clamp(intent.scale, 1.0f, 2.0f);
}

void handle(HandlerContext& context, const RefreshKiosks&) { ask_registry(context, Request{}); }

void handle(HandlerContext& context, const RegisterKiosk& intent) {
  ask_registry(context, Request{Request::Action::register_kiosk, intent.name, intent.building_id});
}

void handle(HandlerContext& context, const RevokeKiosk& intent) {
  ask_registry(context, Request{Request::Action::revoke, {}, intent.kiosk_id});
}

void handle(HandlerContext& context, const ExportMyData&) {
  AppState& state = context.state;
  if (state.exporting_my_data) return;
  if (context.sync == nullptr) {
    add_toast(state, ToastKind::refused, i18n::tr("Your data can be exported only with the server."));
    return;
  }
  state.exporting_my_data = true;
  context.sync->export_my_data(default_my_data_file(local_date(now_of(state))));
}

void handle(HandlerContext& context, const CloseKioskToken&) {
  context.state.kiosks.new_token.clear();
  context.state.kiosks.new_kiosk.clear();
}

}  // namespace stellwerk::client
