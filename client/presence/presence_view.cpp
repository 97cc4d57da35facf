// Team presence's views (see presence_view.hpp). The rules what may be shown are the server's
// (core/team_presence.hpp); these views only say in words what the store holds: a colleague's
// mode as a word ("im Büro", "mobil"), never as a colour alone, and the counts as a sentence.
#include "presence/presence_view.hpp"

#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/core/team_presence.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

const char* mode_words(WorkMode mode) { return mode == WorkMode::office ? tr("in the office") : tr("remote"); }

// "Noah Richter in the office, Paul Klein remote · +3 in the office, 2 remote"
std::string half_words(const TeamPresenceHalf& half) {
  std::string words;
  for (const NamedPresence& named : half.named) {
    if (!words.empty()) words += ", ";
    words += fmt::format("{} {}", named.display_name, mode_words(named.mode));
  }
  std::string others;
  if (half.office && half.remote) {
    if (*half.office > 0 || *half.remote > 0) {
      others = fmt::format(fmt::runtime(half.named.empty() ? tr("{0} in the office, {1} remote")
                                                           : tr("+{0} in the office, {1} remote")),
                           *half.office, *half.remote);
    }
  } else {
    others = tr("the others are not counted: too few of them");
  }
  if (!words.empty() && !others.empty()) words += " · ";
  words += others;
  return words.empty() ? std::string{tr("nobody has planned office or remote")} : words;
}

const TeamPresenceHalf* find_half(const TeamPresenceSnapshot& snapshot, Date day, HalfDay half) {
  for (const TeamPresenceHalf& h : snapshot.halves) {
    if (h.date == day && h.half == half) return &h;
  }
  return nullptr;
}

void draw_days(const TeamPresenceSnapshot& snapshot, Date monday, Date friday) {
  for (Date day = monday; day <= friday; day = add_days(day, 1)) {
    const std::string date = fmt::format("{} {}", weekday_short(weekday_index(day)), short_date(day));
    if (const auto holiday = nrw_holiday(day)) {
      ImGui::TextWrapped("%s: %s", date.c_str(), label(*holiday));
      continue;
    }
    const TeamPresenceHalf* am = find_half(snapshot, day, HalfDay::am);
    const TeamPresenceHalf* pm = find_half(snapshot, day, HalfDay::pm);
    if (am == nullptr || pm == nullptr) continue;
    const std::string morning = half_words(*am);
    const std::string afternoon = half_words(*pm);
    if (morning == afternoon) {
      ImGui::TextWrapped("%s, %s: %s", date.c_str(), tr("all day"), morning.c_str());
    } else {
      ImGui::TextWrapped("%s, %s: %s", date.c_str(), label(HalfDay::am), morning.c_str());
      ImGui::TextWrapped("%s, %s: %s", date.c_str(), label(HalfDay::pm), afternoon.c_str());
    }
  }
}

}  // namespace

void draw_presence_sharing(const AppState& state, Intents& out) {
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::user, tr("My team")).c_str());
  const std::string text =
      fmt::format("{}###share-presence", tr("Show my team whether I work in the office or remotely"));
  bool sharing = state.data.me && state.data.me->presence_opt_in;
  if (ImGui::Checkbox(text.c_str(), &sharing)) out.push_back(SharePresence{sharing});
  ui::TabStop();
  ui::testing::record_last_item(text);
  ImGui::TextWrapped("%s", sharing ? tr("Colleagues with your manager see your name with office or remote for each "
                                        "half day you planned; leave and other absences are never shown.")
                                   : tr("When ticked, colleagues with your manager see your name with office or "
                                        "remote for each half day you planned. Until then you are only counted."));
}

void draw_team_presence(const AppState& state, Date monday, Date friday) {
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::user, tr("My team")).c_str());
  ui::testing::record_last_item("team-presence");
  const auto& snapshot = state.data.presence.snapshot;
  if (!snapshot) {
    ui::StatusLine(ui::icon::clock, tr("Not known yet: your team's plans come with the next synchronisation."),
                   ui::Tone::neutral);
    return;
  }
  const std::string age = relative_time(snapshot->fetched_at, now_of(state));
  if (state.connection.state == Connection::offline) {
    ui::StatusLine(ui::icon::offline, fmt::format(fmt::runtime(tr("Offline – as the server said {}")), age),
                   ui::Tone::warning);
  } else {
    ImGui::TextDisabled("%s", fmt::format(fmt::runtime(tr("As of {}")), age).c_str());
  }
  if (snapshot->team_too_small) {
    ui::StatusLine(ui::icon::info,
                   fmt::format(fmt::runtime(tr("{0} It takes at least {1} people, you included.")),
                               problem_text(Refusal::team_too_small), kMinimumTeamSize),
                   ui::Tone::neutral);
    return;
  }
  if (friday < snapshot->from || monday > snapshot->to) {
    ui::StatusLine(ui::icon::info, tr("Only this week and the next four are fetched for the team."), ui::Tone::neutral);
    return;
  }
  ImGui::TextWrapped("%s", tr("Named: colleagues who agreed. Everyone else only as a number. Leave and absences are "
                              "never shown."));
  draw_days(*snapshot, monday, friday);
}

}  // namespace stellwerk::client
