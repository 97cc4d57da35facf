// Settings ("Einstellungen"): language, theme and text size; the account — server, who is signed
// in, how synchronisation stands, "Sync now" and "Sign out" — whether my team sees my office or
// remote days (presence/presence_view.cpp), the kiosk registry for facility
// admins (kiosk_registry_view.cpp) and where Stellwerk keeps its data.
// Changes apply at once and are saved to the configuration file on personal machines. Signing out
// with changes still queued asks once more, because those changes are then sent only after the
// next sign-in.
#include <array>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "presence/presence_view.hpp"
#include "settings/settings_view.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;
using i18n::trn;

constexpr std::array<int, 5> kScalePercents{100, 125, 150, 175, 200};

std::string labelled(const char* icon, const char* text, const char* identity) {
  return fmt::format("{} {}###{}", icon, text, identity);
}

void draw_sync_state(const AppState& state) {
  const SyncSummary& sync = state.data.sync;
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  if (state.connection.syncing) {
    ui::StatusLine(ui::icon::pending, tr("Synchronising now…"), ui::Tone::accent);
  } else if (state.connection.state == Connection::offline) {
    ui::StatusLine(ui::icon::offline,
                   state.connection.offline_reason.empty()
                       ? std::string(tr("The server cannot be reached. Changes are kept and sent later."))
                       : fmt::format(fmt::runtime(tr("Offline: {}")), state.connection.offline_reason),
                   ui::Tone::danger);
  } else if (sync.last_sync) {
    ui::StatusLine(ui::icon::online, fmt::format(fmt::runtime(tr("Synced {}")), relative_time(sync.last_sync, now)),
                   ui::Tone::ok);
  } else {
    ui::StatusLine(ui::icon::clock, tr("Not synced yet"), ui::Tone::neutral);
  }
  const auto pending = static_cast<unsigned long>(sync.pending);
  ui::StatusLine(ui::icon::pending,
                 fmt::format(fmt::runtime(trn("{} change waits to be sent.", "{} changes wait to be sent.", pending)),
                             pending),
                 pending > 0 ? ui::Tone::warning : ui::Tone::neutral);
  if (sync.rejected > 0) {
    const auto rejected = static_cast<unsigned long>(sync.rejected);
    ui::StatusLine(ui::icon::error,
                   fmt::format(fmt::runtime(trn("{} change rejected", "{} changes rejected", rejected)), rejected),
                   ui::Tone::danger);
  }
}

}  // namespace

void SettingsView::draw_account(const AppState& state, Intents& out) {
  const SessionInfo& session = state.session;
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::user, tr("Account")).c_str());
  if (!session.signed_in) {
    confirming_sign_out_ = false;
    ImGui::TextDisabled("%s", tr("Not signed in – working with local data."));
    if (ui::Button(labelled(ui::icon::sign_in, tr("Sign in…"), "settings-sign-in").c_str())) out.push_back(ShowSignIn{});
    return;
  }
  ImGui::TextUnformatted(tr("Server"));
  ImGui::TextDisabled("%s", session.server_url.c_str());
  ImGui::TextUnformatted(tr("Signed in as"));
  const std::string who = state.data.me && !state.data.me->display_name.empty()
                              ? fmt::format("{} ({})", state.data.me->display_name, session.username)
                              : session.username;
  ImGui::TextDisabled("%s", who.c_str());
  draw_sync_state(state);

  const bool busy = state.connection.syncing || session.signing_in;
  if (busy) ImGui::BeginDisabled();
  if (ui::Button(labelled(ui::icon::pending, tr("Sync now"), "sync-now").c_str())) out.push_back(SyncNow{});
  if (busy) ImGui::EndDisabled();
  ImGui::SameLine();
  if (!confirming_sign_out_) {
    if (ui::Button(labelled(ui::icon::sign_out, tr("Sign out"), "sign-out").c_str())) {
      if (state.data.sync.pending > 0) {
        confirming_sign_out_ = true;
      } else {
        out.push_back(SignOut{});
      }
    }
    return;
  }
  ImGui::NewLine();
  const auto pending = static_cast<unsigned long>(state.data.sync.pending);
  ui::StatusLine(ui::icon::warning,
                 fmt::format(fmt::runtime(trn("{} change has not been sent yet. It stays queued on this computer and is "
                                              "sent after the next sign-in.",
                                              "{} changes have not been sent yet. They stay queued on this computer and "
                                              "are sent after the next sign-in.",
                                              pending)),
                             pending),
                 ui::Tone::warning);
  if (ui::Button(labelled(ui::icon::sign_out, tr("Sign out anyway"), "sign-out-confirm").c_str())) {
    confirming_sign_out_ = false;
    out.push_back(SignOut{});
  }
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###sign-out-cancel", tr("Stay signed in")).c_str())) confirming_sign_out_ = false;
}

void SettingsView::draw_my_data(const AppState& state, Intents& out) {
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::user, tr("What is stored about me")).c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr("Everything the server and this computer store about you – bookings, plans, working "
                              "times, trainings, sessions – as one JSON file in your documents."));
  ImGui::PopStyleColor();
  const bool can_export = state.session.signed_in && !state.exporting_my_data;
  if (!can_export) ImGui::BeginDisabled();
  if (ui::Button(labelled(ui::icon::download, tr("Export my data"), "export-my-data").c_str())) out.push_back(ExportMyData{});
  if (!can_export) ImGui::EndDisabled();
  if (state.exporting_my_data) {
    ImGui::SameLine();
    ui::StatusLine(ui::icon::pending, tr("Exporting…"), ui::Tone::accent);
  } else if (!state.session.signed_in) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("Sign in to export your data."));
    ImGui::PopStyleColor();
  }
}

void SettingsView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::settings, label(ViewId::settings));

  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::language, tr("Language")).c_str());
  for (int i = 0; i < static_cast<int>(i18n::Language::COUNT); ++i) {
    const auto language = static_cast<i18n::Language>(i);
    const std::string text = fmt::format("{}###lang-{}", language_name(language), i18n::to_code(language));
    if (ui::RadioOption(text.c_str(), state.settings.language == language)) out.push_back(ChangeLanguage{language});
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::Spacing();

  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::palette, tr("Theme")).c_str());
  for (int i = 0; i < static_cast<int>(ui::ThemeId::COUNT); ++i) {
    const auto theme = static_cast<ui::ThemeId>(i);
    const std::string text = fmt::format("{}###theme-{}", label(theme), ui::to_string(theme));
    if (ui::RadioOption(text.c_str(), state.settings.theme == theme)) out.push_back(ChangeTheme{theme});
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::Spacing();

  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::text_size, tr("Text size")).c_str());
  const int current = static_cast<int>(state.settings.scale * 100.0f + 0.5f);
  for (const int percent : kScalePercents) {
    const std::string text = fmt::format("{} %###scale-{}", percent, percent);
    if (ui::RadioOption(text.c_str(), current == percent)) out.push_back(ChangeScale{static_cast<float>(percent) / 100.0f});
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::Spacing();
  ImGui::Separator();

  draw_account(state, out);
  ImGui::Spacing();
  ImGui::Separator();
  if (shows_kiosk_registry(state)) {
    draw_kiosks(state, out);
    ImGui::Spacing();
    ImGui::Separator();
  }
  draw_presence_sharing(state, out);
  ImGui::Spacing();
  ImGui::Separator();

  draw_my_data(state, out);
  ImGui::Spacing();
  ImGui::Separator();

  ImGui::TextUnformatted(tr("Data folder"));
  ImGui::TextDisabled("%s", state.data_folder.c_str());
  ImGui::TextUnformatted(tr("Settings file"));
  ImGui::TextDisabled("%s", state.config_file.empty() ? tr("not saved on this device") : state.config_file.c_str());
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr("Keyboard: Ctrl+1 … Ctrl+5 switch views, arrow keys move, Space or Enter activates."));
  ImGui::PopStyleColor();
}

}  // namespace stellwerk::client
