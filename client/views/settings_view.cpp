// Settings ("Einstellungen"): language, theme and text size, plus where Stellwerk keeps its data.
// Changes apply at once and are saved to the configuration file on personal machines.
#include <array>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "../labels.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "views.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

constexpr std::array<int, 5> kScalePercents{100, 125, 150, 175, 200};

}  // namespace

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

  ImGui::TextUnformatted(tr("Server"));
  ImGui::TextDisabled("%s", state.server_url.empty() ? tr("none – working with local data") : state.server_url.c_str());
  ImGui::TextUnformatted(tr("Data folder"));
  ImGui::TextDisabled("%s", state.data_folder.c_str());
  ImGui::TextUnformatted(tr("Settings file"));
  ImGui::TextDisabled("%s", state.config_file.empty() ? tr("not saved on this device") : state.config_file.c_str());
  ImGui::Spacing();
  ImGui::TextDisabled("%s", tr("Keyboard: Ctrl+1 … Ctrl+5 switch views, arrow keys move, Space or Enter activates."));
}

}  // namespace stellwerk::client
