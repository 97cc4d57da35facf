// Settings → "Kiosks", for facility admins only: the shared screens in the city's buildings, each
// with its building, its last contact and version, so that a kiosk that has gone quiet is noticed
// ("not seen for 10 minutes", core's kiosk_contact); registering a kiosk (its device token is shown
// here once and never again) and revoking one. The list is the server's, read when Settings opens
// and again each minute while it is shown; nothing of it is stored.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "settings/settings_view.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;
using i18n::trn;

constexpr auto kReadAgainAfter = std::chrono::minutes{1};  // the kiosks' heartbeat

const std::string* building_name(const AppState& state, const Id& id) {
  for (const KioskBuilding& b : state.kiosks.buildings) {
    if (b.id == id) return &b.name;
  }
  return nullptr;
}

// An icon in the tone's colour and the words on one line, shortened with a tooltip where the
// column is narrow: a row of the list stays one line high.
void contact_cell(const char* icon, const std::string& words, ui::Tone tone) {
  ImGui::PushStyleColor(ImGuiCol_Text, ui::tone_color(tone));
  ImGui::TextUnformatted(icon);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ui::TextFitted(words);
}

// The last contact in words and an icon, so that a quiet kiosk does not rely on colour.
void draw_contact(const KioskRow& kiosk, Instant now) {
  if (kiosk.revoked) {
    contact_cell(ui::icon::cancel, tr("revoked"), ui::Tone::neutral);
    return;
  }
  switch (kiosk_contact(kiosk.last_seen, now)) {
    case KioskContact::never:
      contact_cell(ui::icon::clock, tr("not seen yet"), ui::Tone::warning);
      break;
    case KioskContact::recent:
      contact_cell(ui::icon::online, fmt::format(fmt::runtime(tr("seen {}")), relative_time(kiosk.last_seen, now)),
                   ui::Tone::ok);
      break;
    case KioskContact::silent:
      contact_cell(ui::icon::warning,
                   fmt::format(fmt::runtime(tr("not seen for 10 minutes (last {})")), relative_time(kiosk.last_seen, now)),
                   ui::Tone::danger);
      break;
  }
}

// Kiosks that need someone first: quiet ones, then never seen, then the rest; revoked ones last.
std::vector<const KioskRow*> in_order_of_attention(const std::vector<KioskRow>& kiosks, Instant now) {
  const auto rank = [now](const KioskRow& k) {
    if (k.revoked) return 3;
    switch (kiosk_contact(k.last_seen, now)) {
      case KioskContact::silent: return 0;
      case KioskContact::never: return 1;
      case KioskContact::recent: return 2;
    }
    return 2;
  };
  std::vector<const KioskRow*> rows;
  for (const KioskRow& k : kiosks) rows.push_back(&k);
  std::stable_sort(rows.begin(), rows.end(), [&](const KioskRow* a, const KioskRow* b) { return rank(*a) < rank(*b); });
  return rows;
}

}  // namespace

bool shows_kiosk_registry(const AppState& state) {
  return state.session.signed_in && state.data.me && has_role(*state.data.me, Role::facility_admin);
}

void SettingsView::draw_kiosks(const AppState& state, Intents& out) {
  const KioskRegistry& registry = state.kiosks;
  const Instant now = now_of(state);
  // Read when Settings first shows it, then again each minute while it is on screen.
  if (!registry.busy && (!registry.requested || (registry.loaded_at && now - *registry.loaded_at >= kReadAgainAfter))) {
    out.push_back(RefreshKiosks{});
  }

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::building, tr("Kiosks")).c_str());
  ImGui::SameLine();
  if (registry.busy) ImGui::BeginDisabled();
  if (ui::Button(fmt::format("{} {}###kiosks-refresh", ui::icon::pending, tr("Refresh")).c_str())) {
    out.push_back(RefreshKiosks{});
  }
  if (registry.busy) ImGui::EndDisabled();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr("The shared screens in the city's buildings. A kiosk reports every minute; one that has "
                              "not been seen for 10 minutes needs a look."));
  ImGui::PopStyleColor();
  if (registry.busy) ui::StatusLine(ui::icon::pending, tr("Asking the server…"), ui::Tone::accent);
  if (!registry.error.empty()) ui::StatusLine(ui::icon::error, registry.error, ui::Tone::danger);

  if (!registry.new_token.empty()) draw_new_token(state, out);
  draw_kiosk_list(state, out);
  draw_kiosk_registration(state, out);
}

void SettingsView::draw_new_token(const AppState& state, Intents& out) {
  const KioskRegistry& registry = state.kiosks;
  std::string name = registry.new_kiosk;
  for (const KioskRow& k : registry.kiosks) {
    if (k.id == registry.new_kiosk) name = k.name;
  }
  ui::StatusLine(ui::icon::check, fmt::format(fmt::runtime(tr("Kiosk “{}” is registered.")), name), ui::Tone::ok);
  ImGui::TextWrapped("%s", tr("Its device token is shown only now. Put it into the kiosk's settings file as "
                              "[kiosk] token, or into STELLWERK_KIOSK_TOKEN (see docs/kiosk.md):"));
  ImGui::TextUnformatted(registry.new_token.view().data(), registry.new_token.view().data() + registry.new_token.view().size());
  ui::testing::record_last_item("kiosk-token");
  if (ui::Button(fmt::format("{}###kiosk-token-copy", tr("Copy token")).c_str())) {
    ImGui::SetClipboardText(std::string{registry.new_token.view()}.c_str());
  }
  ImGui::SameLine();
  if (ui::Button(fmt::format("{} {}###kiosk-token-done", ui::icon::check, tr("Done, hide the token")).c_str())) {
    out.push_back(CloseKioskToken{});
  }
  ImGui::Spacing();
}

void SettingsView::draw_kiosk_list(const AppState& state, Intents& out) {
  const KioskRegistry& registry = state.kiosks;
  const Instant now = now_of(state);
  if (registry.kiosks.empty()) {
    if (registry.loaded_at) ui::EmptyState(tr("No kiosk is registered yet."));
    return;
  }
  const auto active = std::count_if(registry.kiosks.begin(), registry.kiosks.end(), [](const KioskRow& k) { return !k.revoked; });
  const auto quiet = std::count_if(registry.kiosks.begin(), registry.kiosks.end(), [now](const KioskRow& k) {
    return !k.revoked && kiosk_contact(k.last_seen, now) == KioskContact::silent;
  });
  ImGui::TextUnformatted(fmt::format(fmt::runtime(trn("{} kiosk in use", "{} kiosks in use", static_cast<unsigned long>(active))),
                                     active)
                             .c_str());
  if (quiet > 0) {
    ImGui::SameLine();
    ui::StatusLine(ui::icon::warning,
                   fmt::format(fmt::runtime(trn("{} not seen for 10 minutes", "{} not seen for 10 minutes",
                                                static_cast<unsigned long>(quiet))),
                               quiet),
                   ui::Tone::danger);
  }
  // The header and up to eight rows without scrolling; a city's hundreds scroll inside the table.
  const float rows = static_cast<float>(std::min<std::size_t>(registry.kiosks.size(), 8));
  const float padding = ImGui::GetStyle().CellPadding.y * 2.0f;
  const float height = ImGui::GetTextLineHeight() + padding + rows * (ImGui::GetFrameHeight() + padding) + 2.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("###kiosk-list", 4, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Kiosk"), ImGuiTableColumnFlags_None, 2.0f);
  ImGui::TableSetupColumn(tr("Last contact"), ImGuiTableColumnFlags_None, 2.6f);
  ImGui::TableSetupColumn(tr("Version"), ImGuiTableColumnFlags_None, 0.9f);
  const std::string revoke = fmt::format("{} {}", ui::icon::cancel, tr("Revoke"));
  ImGui::TableSetupColumn(tr("Actions"), ImGuiTableColumnFlags_WidthFixed, ui::ButtonWidth(revoke.c_str()));
  ui::TableHeadersRow();
  const KioskRow* revoking = nullptr;
  for (const KioskRow* kiosk : in_order_of_attention(registry.kiosks, now)) {
    if (kiosk->id == revoking_) revoking = kiosk;
    ImGui::PushID(kiosk->id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    const std::string* building = building_name(state, kiosk->building_id);
    ui::TextFitted(fmt::format("{}, {}", kiosk->name, building != nullptr ? *building : kiosk->building_id));
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    draw_contact(*kiosk, now);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ui::TextFitted(kiosk->version.empty() ? std::string{"–"} : kiosk->version);
    ImGui::TableNextColumn();
    if (!kiosk->revoked) {
      if (registry.busy) ImGui::BeginDisabled();
      if (ui::Button(fmt::format("{}###revoke-{}", revoke, kiosk->id).c_str())) revoking_ = kiosk->id;
      if (registry.busy) ImGui::EndDisabled();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (revoking != nullptr && !revoking->revoked) draw_revoke_question(*revoking, registry.busy, out);
}

// "Revoke" asks once more, below the list: the kiosk goes dark at once and cannot be brought back.
void SettingsView::draw_revoke_question(const KioskRow& kiosk, bool busy, Intents& out) {
  ui::StatusLine(ui::icon::warning,
                 fmt::format(fmt::runtime(tr("Revoke “{}”? Its token stops working at once and whoever is signed in "
                                             "at it is signed out.")),
                             kiosk.name),
                 ui::Tone::warning);
  if (busy) ImGui::BeginDisabled();
  if (ui::Button(fmt::format("{} {}###revoke-confirm-{}", ui::icon::cancel, tr("Revoke now"), kiosk.id).c_str())) {
    out.push_back(RevokeKiosk{kiosk.id});
    revoking_.clear();
  }
  if (busy) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###revoke-keep-{}", tr("Keep"), kiosk.id).c_str())) revoking_.clear();
}

void SettingsView::draw_kiosk_registration(const AppState& state, Intents& out) {
  const KioskRegistry& registry = state.kiosks;
  if (registry.buildings.empty()) return;  // not read yet
  if (building_name(state, new_kiosk_building_) == nullptr) new_kiosk_building_ = registry.buildings.front().id;
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("Register a kiosk"));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Name"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(14.0f));
  ui::TextField("###kiosk-name", new_kiosk_name_.data(), new_kiosk_name_.size());
  ui::SameLineIfFits(ImGui::CalcTextSize(tr("Building")).x + ui::em(17.0f));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Building"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(16.0f));
  if (ImGui::BeginCombo("###kiosk-building", building_name(state, new_kiosk_building_)->c_str())) {
    for (const KioskBuilding& b : registry.buildings) {
      const bool chosen = b.id == new_kiosk_building_;
      if (ImGui::Selectable(fmt::format("{}###kiosk-building-{}", b.name, b.id).c_str(), chosen)) new_kiosk_building_ = b.id;
      ui::TabStop();
      ui::testing::record_last_item("kiosk-building-" + b.id);
      if (chosen) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  } else {
    ui::TabStop();
    ui::testing::record_last_item("kiosk-building");
  }
  const std::string name{new_kiosk_name_.data()};
  const bool can_register = !registry.busy && name.find_first_not_of(' ') != std::string::npos;
  ui::SameLineIfFits(ui::ButtonWidth(tr("Register")) + ui::em(2.0f));
  if (!can_register) ImGui::BeginDisabled();
  if (ui::Button(fmt::format("{} {}###kiosk-register", ui::icon::check, tr("Register")).c_str())) {
    out.push_back(RegisterKiosk{name, new_kiosk_building_});
    new_kiosk_name_.fill('\0');
  }
  if (!can_register) ImGui::EndDisabled();
}

}  // namespace stellwerk::client
