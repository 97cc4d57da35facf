// The Team page (team_view.hpp).
#include "team/team_view.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/core/team_presence.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

constexpr auto kReadAgainAfter = std::chrono::minutes{1};

std::string month_title(date::year_month month) {
  return fmt::format("{} {}", month_name(static_cast<unsigned>(month.month())), int{month.year()});
}

bool decision_waits(const AppState& state, const Id& request_id) {
  const auto& pending = state.data.pending_decisions;
  return std::find(pending.begin(), pending.end(), request_id) != pending.end();
}

// A person's request in words and an icon, so that it does not rely on colour.
void draw_approval_cell(ApprovalState approval) {
  switch (approval) {
    case ApprovalState::pending: ui::StatusLine(ui::icon::pending, tr("open request"), ui::Tone::accent); break;
    case ApprovalState::approved: ui::StatusLine(ui::icon::check, tr("approved"), ui::Tone::ok); break;
    case ApprovalState::rejected: ui::StatusLine(ui::icon::error, tr("declined"), ui::Tone::danger); break;
    case ApprovalState::none:
    case ApprovalState::COUNT: ImGui::TextUnformatted(tr("no request")); break;
  }
}

// The team's mandatory courses in counts and shares: how many completed, are enrolled, are late,
// need to repeat or have not enrolled. Never who, and in the catalogue's order, not ranked.
void draw_trainings(const AppState& state) {
  const TeamState& team = state.team;
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::training, tr("Mandatory trainings in the team")).c_str());
  ImGui::Separator();
  if (!team.loaded_at) return;
  if (!team.trainings || team.trainings->empty()) {
    if (team.busy) return;
    // The server's refusal (core's team_large_enough): counts of fewer people would single someone out.
    if (team.team_too_small) {
      ui::EmptyState(tr("Your team is too small to show counts without singling someone out."));
    } else if (!team.trainings) {
      ui::EmptyState(tr("The server did not give these counts. They are asked for again with the next sync."));
    } else {
      ui::EmptyState(tr("No course is mandatory for enough of your team to show counts."));
    }
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("###team-trainings", 6, flags)) return;
  ImGui::TableSetupColumn(tr("Course"), ImGuiTableColumnFlags_None, 2.4f);
  ImGui::TableSetupColumn(tr("Completed"), ImGuiTableColumnFlags_None, 1.6f);
  ImGui::TableSetupColumn(tr("Enrolled"), ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableSetupColumn(tr("Overdue"), ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableSetupColumn(tr("Expired"), ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableSetupColumn(tr("Not enrolled"), ImGuiTableColumnFlags_None, 1.2f);
  ui::TableHeadersRow();
  for (const TeamTraining& training : *team.trainings) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", training.title.c_str());
    ImGui::TableNextColumn();
    // Rounded down: 499 of 500 is not "100 %".
    const int percent = training.team_size == 0 ? 0 : 100 * training.completed / training.team_size;
    // TRANSLATORS: {0} people who completed it, {1} people in the team, {2} the share in per cent.
    ui::TextFitted(fmt::format(fmt::runtime(tr("{0} of {1} ({2} %)")), training.completed, training.team_size, percent));
    for (const int count : {training.open, training.overdue, training.expired, training.not_enrolled}) {
      ImGui::TableNextColumn();
      ui::TextFitted(std::to_string(count));
    }
  }
  ImGui::EndTable();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  // TRANSLATORS: {0} the fewest people of the team a course's counts are shown for (4).
  ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Counted are the people a course is mandatory for; a course "
                                                       "mandatory for fewer than {0} of your team is not shown.")),
                                       kMinimumReports)
                               .c_str());
  ImGui::PopStyleColor();
}

}  // namespace

bool shows_team(const AppState& state) {
  return state.session.signed_in && state.data.me && has_role(*state.data.me, Role::manager);
}

void TeamView::draw(const AppState& state, Intents& out) {
  const TeamState& team = state.team;
  const Instant now = now_of(state);
  // Read when the page first shows, then again each minute while it is on screen (and after every
  // sync round, by the sync thread).
  if (!team.busy && (!team.requested || (team.loaded_at && now - *team.loaded_at >= kReadAgainAfter))) {
    out.push_back(RefreshTeam{});
  }
  ui::Heading(ui::icon::room, label(ViewId::team));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr("Requests of your team to work remotely more than the department's share allows, "
                              "each person's month in totals, and the team's mandatory trainings in counts. You "
                              "never see single days, nor who has not done a training."));
  ImGui::PopStyleColor();
  if (team.busy) ui::StatusLine(ui::icon::pending, tr("Asking the server…"), ui::Tone::accent);
  if (!team.error.empty()) ui::StatusLine(ui::icon::error, team.error, ui::Tone::danger);
  if (team.loaded_at && !team.busy) {
    ui::StatusLine(ui::icon::clock, fmt::format(fmt::runtime(tr("As the server said {}")), relative_time(team.loaded_at, now)),
                   ui::Tone::neutral);
  }
  ImGui::Spacing();
  draw_requests(state, out);
  ImGui::Spacing();
  // The counts before the list of people, which can be long.
  draw_trainings(state);
  ImGui::Spacing();
  draw_members(state, out);
}

void TeamView::draw_requests(const AppState& state, Intents& out) {
  const TeamState& team = state.team;
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::info, tr("Open requests")).c_str());
  ImGui::Separator();
  if (team.requests.empty()) {
    if (team.loaded_at) ui::EmptyState(tr("No open requests. Nobody in your team has asked to go over the share."));
    return;
  }
  for (const TeamRequest& request : team.requests) draw_request(state, request, out);
  // Forget what was typed for requests that are no longer open.
  std::erase_if(reasons_, [&](const auto& entry) {
    return std::none_of(team.requests.begin(), team.requests.end(), [&](const TeamRequest& r) { return r.id == entry.first; });
  });
}

void TeamView::draw_request(const AppState& state, const TeamRequest& request, Intents& out) {
  ImGui::PushID(request.id.c_str());
  const std::string what = fmt::format("{}, {}", request.display_name, month_title(request.month));
  ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("{0}: {1} remote days planned, {2} allowed")), what,
                                       day_count(request.remote_days, state.settings.language),
                                       day_count(request.allowed_days, state.settings.language))
                               .c_str());
  if (decision_waits(state, request.id)) {
    ui::StatusLine(ui::icon::pending, tr("Your decision is saved on this computer and waits to be sent."), ui::Tone::accent);
    ImGui::PopID();
    ImGui::Spacing();
    return;
  }
  std::array<char, 501>& reason = reasons_[request.id];
  if (ui::Button(fmt::format("{} {}###approve-{}", ui::icon::check, tr("Approve"), request.id).c_str())) {
    out.push_back(DecideRequest{request.id, false, {}, what});
  }
  const float field = ui::em(20.0f);
  ui::SameLineIfFits(ImGui::CalcTextSize(tr("Reason")).x + field + ui::em(1.0f));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Reason"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(field, ImGui::GetContentRegionAvail().x));
  ui::TextField(fmt::format("###reason-{}", request.id).c_str(), reason.data(), reason.size());
  const std::string decline = fmt::format("{} {}###decline-{}", ui::icon::cancel, tr("Decline"), request.id);
  ui::SameLineIfFits(ui::ButtonWidth(decline.c_str()));
  const std::string typed{reason.data()};
  const bool can_decline = !decision_refusal(true, typed);
  if (!can_decline) ImGui::BeginDisabled();
  if (ui::Button(decline.c_str())) {
    out.push_back(DecideRequest{request.id, true, typed, what});
    reason.fill('\0');
  }
  if (!can_decline) ImGui::EndDisabled();
  if (!can_decline) {
    // Said in words, not only by a greyed button: why Decline cannot be pressed yet.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("To decline, write the reason your colleague will read."));
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
  ImGui::Spacing();
}

void TeamView::draw_members(const AppState& state, Intents& out) {
  const TeamState& team = state.team;
  if (!team.month.ok()) return;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::calendar, tr("Remote share by person")).c_str());
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###team-previous-month", ui::icon::left).c_str())) {
    out.push_back(ShowTeamMonth{team.month - date::months{1}});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Previous month"));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(month_title(team.month).c_str());
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###team-next-month", ui::icon::right).c_str())) {
    out.push_back(ShowTeamMonth{team.month + date::months{1}});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Next month"));
  ImGui::Separator();
  if (team.members.empty()) {
    if (team.loaded_at && !team.busy) ui::EmptyState(tr("Nobody reports to you in the city's records."));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("###team-months", 4, flags)) return;
  ImGui::TableSetupColumn(tr("Person"), ImGuiTableColumnFlags_None, 2.0f);
  ImGui::TableSetupColumn(tr("Remote days"), ImGuiTableColumnFlags_None, 1.6f);
  ImGui::TableSetupColumn(tr("Share"), ImGuiTableColumnFlags_None, 1.2f);
  ImGui::TableSetupColumn(tr("Request"), ImGuiTableColumnFlags_None, 1.4f);
  ui::TableHeadersRow();
  for (const TeamMonth& member : team.members) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::TextFitted(member.display_name);
    ImGui::TableNextColumn();
    ui::TextFitted(fmt::format(fmt::runtime(tr("{0} of {1} allowed")),
                                           day_count(member.remote_days, state.settings.language),
                                           day_count(member.allowed_days, state.settings.language)));
    ImGui::TableNextColumn();
    // Over the share is said with a word and an icon, not only a colour.
    const bool over = member.share_percent > member.max_percent;
    if (over) {
      ui::StatusLine(ui::icon::warning,
                     fmt::format(fmt::runtime(tr("{0:.0f} % (over {1} %)")), member.share_percent, member.max_percent),
                     ui::Tone::warning);
    } else {
      ui::TextFitted(fmt::format(fmt::runtime(tr("{0:.0f} % of {1} %")), member.share_percent, member.max_percent));
    }
    ImGui::TableNextColumn();
    draw_approval_cell(member.approval);
  }
  ImGui::EndTable();
}

}  // namespace stellwerk::client
