// Schedule → "My usual week": what the saved template plans, Monday to Friday ("Mon Office · Tue
// Remote · Wed Office / Remote"), a button that saves the week shown as the template, and one that
// plans the next weeks with it ("Apply to [4] weeks from this one"). The handler does the work
// and its notice names each day it left alone.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <imgui.h>

#include "labels.hpp"
#include "schedule/schedule_view.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

// "Mon Office · Tue Remote · Wed Office / Remote"; a weekday without an entry is left out.
std::string usual_week_words(const UsualWeek& week) {
  std::vector<std::string> days;
  for (int weekday = 0; weekday < 5; ++weekday) {
    std::vector<std::string> modes;
    for (const UsualSlot& slot : week) {
      if (slot.weekday == weekday) modes.emplace_back(label(slot.mode));
    }
    if (!modes.empty()) days.push_back(fmt::format("{} {}", weekday_short(weekday), fmt::join(modes, " / ")));
  }
  return fmt::format("{}", fmt::join(days, " · "));
}

}  // namespace

void ScheduleView::draw_usual_week(const AppState& state, Intents& out) {
  const UsualWeek& week = state.data.usual_week;
  ImGui::Spacing();
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::pending, tr("My usual week")).c_str());
  if (week.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("None saved yet. Plan a week, then save it as your usual week."));
    ImGui::PopStyleColor();
  } else {
    ImGui::TextWrapped("%s", usual_week_words(week).c_str());
  }
  if (ui::Button(fmt::format("{}###usual-save", tr("Save this week as my usual week")).c_str())) out.push_back(SaveUsualWeek{});
  ImGui::BeginDisabled(week.empty());
  const std::string apply = fmt::format("{}###usual-apply", tr("Apply it to"));
  ui::SameLineIfFits(ui::ButtonWidth(apply.c_str()) + ui::em(12.0f));
  const bool pressed = ui::Button(apply.c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(4.0f));
  if (ImGui::BeginCombo("###usual-weeks", fmt::format("{}", usual_weeks_).c_str())) {
    for (int weeks = 1; weeks <= kMostUsualWeeks; ++weeks) {
      if (ImGui::Selectable(fmt::format("{}###usual-weeks-{}", weeks, weeks).c_str(), weeks == usual_weeks_)) {
        usual_weeks_ = weeks;
      }
      ui::TabStop();
      ui::testing::record_last_item(fmt::format("usual-weeks-{}", weeks));
    }
    ImGui::EndCombo();
  } else {
    ui::TabStop();
    ui::testing::record_last_item("usual-weeks");
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("weeks from this one"));
  ImGui::EndDisabled();
  if (pressed) out.push_back(ApplyUsualWeek{usual_weeks_});
}

}  // namespace stellwerk::client
