// The PIN pad and the on-screen keyboard (see kiosk_view.hpp). What is typed reaches the kiosk's
// own buffers through KeyTyped intents; the screens show dots for secrets and never hold a copy.
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "kiosk_view.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::kiosk {
namespace {

using i18n::tr;
using ui::em;

std::string dots(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    text += ui::icon::dot;
    text += ' ';
  }
  return text;
}

// A box the width of the pad, showing `shown` (dots for a secret), framed when it takes the typing.
void field(const char* caption, const std::string& shown, bool active) {
  ImGui::TextUnformatted(caption);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, active ? 3.0f : 1.0f);
  ImGui::BeginChild(caption, ImVec2(em(24), touch_size()), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(shown.empty() ? " " : shown.c_str());
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleVar();
}

void back_and_submit(bool can_submit, Intents& out) {
  if (TouchButton(labelled(fmt::format("{} {}", ui::icon::left, tr("Back")).c_str(), "kiosk-back").c_str(), em(8))) {
    out.push_back(Back{});
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!can_submit);
  if (TouchButton(labelled(fmt::format("{} {}", ui::icon::check, tr("OK")).c_str(), "kiosk-submit").c_str(), em(8))) {
    out.push_back(Submit{});
  }
  ImGui::EndDisabled();
}

}  // namespace

void pin_pad(const KioskState& state, const char* title, std::size_t typed, Intents& out) {
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  field(tr("PIN"), dots(typed), true);
  const float key = std::max(touch_size(), em(4.5f));
  ImGui::BeginDisabled(state.busy);
  static constexpr const char* kRows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {nullptr, "0", nullptr}};
  for (const auto& row : kRows) {
    for (int column = 0; column < 3; ++column) {
      if (column > 0) ImGui::SameLine();
      const char* digit = row[column];
      if (digit == nullptr && column == 0) {
        if (ui::Button(labelled(tr("Erase"), "kiosk-erase").c_str(), ImVec2(key, key))) out.push_back(KeyErased{});
        note_focus(tr("Erase"));
        continue;
      }
      if (digit == nullptr) {
        if (ui::Button(labelled(tr("OK"), "kiosk-pin-ok").c_str(), ImVec2(key, key))) out.push_back(Submit{});
        note_focus(tr("OK"));
        continue;
      }
      if (ui::Button(labelled(digit, fmt::format("kiosk-digit-{}", digit).c_str()).c_str(), ImVec2(key, key))) {
        out.push_back(KeyTyped{digit[0]});
      }
      note_focus(tr("PIN key"));  // never the digit: speech must not tell bystanders the PIN
    }
  }
  ImGui::EndDisabled();
  if (state.busy) ui::StatusLine(ui::icon::pending, tr("Signing in…"), ui::Tone::neutral);
  MessageLine(state);
  // The pad has its own OK key; below it only the way back.
  if (TouchButton(labelled(fmt::format("{} {}", ui::icon::left, tr("Back")).c_str(), "kiosk-back").c_str(), em(8))) {
    out.push_back(Back{});
  }
}

void on_screen_keyboard(const KioskState& state, bool& shift, Intents& out) {
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(tr("Sign in with user name and password"));
  ImGui::PopFont();
  // The user name is shown as typed (it is on screen only while the person stands there); the
  // password as dots.
  const std::string user = state.username != nullptr ? std::string{state.username->view()} : std::string{};
  field(tr("User name"), user, !state.typing_password);
  field(tr("Password"), dots(state.password != nullptr ? state.password->size() : 0), state.typing_password);
  if (TouchButton(labelled(state.typing_password ? tr("Type the user name") : tr("Type the password"), "kiosk-switch-field").c_str(), em(16))) {
    out.push_back(SwitchField{});
  }
  ImGui::BeginDisabled(state.busy);
  static constexpr const char* kRows[] = {"1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm.-_"};
  const float key = touch_size();
  for (const char* row : kRows) {
    for (const char* c = row; *c != '\0'; ++c) {
      if (c != row) ImGui::SameLine();
      const char typed = shift && *c >= 'a' && *c <= 'z' ? static_cast<char>(*c - 'a' + 'A') : *c;
      const char text[2] = {typed, '\0'};
      if (ui::Button(labelled(text, fmt::format("kiosk-key-{}", static_cast<int>(*c)).c_str()).c_str(), ImVec2(key, key))) {
        out.push_back(KeyTyped{typed});
      }
      note_focus(state.typing_password ? tr("Key") : text);  // no letters of a password aloud
    }
  }
  if (ui::Button(labelled(shift ? "abc" : "ABC", "kiosk-shift").c_str(), ImVec2(key * 2, key))) shift = !shift;
  ImGui::SameLine();
  if (ui::Button(labelled(tr("Erase"), "kiosk-erase").c_str(), ImVec2(key * 2, key))) out.push_back(KeyErased{});
  ImGui::EndDisabled();
  if (state.busy) ui::StatusLine(ui::icon::pending, tr("Signing in…"), ui::Tone::neutral);
  MessageLine(state);
  back_and_submit(state.username != nullptr && !state.username->empty() && state.password != nullptr &&
                      !state.password->empty() && !state.busy,
                  out);
}

}  // namespace stellwerk::kiosk
