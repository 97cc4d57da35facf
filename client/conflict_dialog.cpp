// The dialog that opens over any view when the server refused a booking made earlier (perhaps
// offline): what was refused and when, the reason in the person's language, and what can be done
// about it. When another place helps (the desk was taken or is held), one button per nearest free
// place with the same features books it in one step. When the person already has a desk that day,
// another place would be refused the same way, so the dialog shows that booking and offers to move
// it here instead — never a choice that brings the same dialog back.
// "Decide later" closes it for this session and leaves the refusal on Home, where the same choices
// stay; "Dismiss" removes the refusal. Other refused changes (a cancellation, a plan) have no
// alternative to offer and are shown on Home only.
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "desks/desks_parts.hpp"
#include "conflict_dialog.hpp"

namespace stellwerk::client {
namespace {

using desks::labelled;
using i18n::tr;

}  // namespace

// Long because it is one modal dialog drawn top to bottom between BeginPopupModal and EndPopup,
// which must stay paired in one scope.
void ConflictDialog::draw(const AppState& state, Intents& out) {
  constexpr const char* kPopup = "###conflict-dialog";
  const ConflictSummary* conflict = nullptr;
  for (const ConflictSummary& c : state.data.conflicts) {
    if (c.kind == ChangeKind::booking && c.start && c.end && !put_aside_.contains(c.mutation_id)) {
      conflict = &c;
      break;
    }
  }
  if (conflict == nullptr) {
    shown_ = 0;
    return;
  }
  if (shown_ != conflict->mutation_id) {
    // Another dialog (a recurring booking being filled in) keeps its place: opening this one would
    // close it and lose the form. The refusal waits until it is closed.
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    shown_ = conflict->mutation_id;
    ImGui::OpenPopup(kPopup);
  }
  const std::string title = labelled(tr("A booking could not be made"), "conflict-dialog");
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    shown_ = 0;  // not open after all (another popup took its place): open it again next frame
    return;
  }
  const std::int64_t id = conflict->mutation_id;
  bool close = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
               ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  ImGui::PushTextWrapPos(ui::em(34.0f));
  const Date day = local_date(*conflict->start);
  ImGui::TextWrapped("%s", fmt::format("{} · {} {}", conflict->subject, long_date(day),
                                       time_range(*conflict->start, *conflict->end))
                               .c_str());
  ui::StatusLine(ui::icon::warning, refusal_text(conflict->problem_code, conflict->problem_title), ui::Tone::danger);
  ImGui::Spacing();
  if (conflict->existing) {
    const BookingSummary& held = *conflict->existing;
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Your booking that day: {0}, {1}")), held.resource_name,
                                         time_range(held.booking.start, held.booking.end))
                                 .c_str());
    const std::string move = labelled(fmt::format(fmt::runtime(tr("Move it to {}")), conflict->subject),
                                      "conflict-dialog-move");
    if (ui::Button(fmt::format("{} {}", icon(ResourceType::desk), move).c_str())) {
      out.push_back(MoveBooking{id, held.booking.id, conflict->resource_id, *conflict->start, *conflict->end});
      close = true;
    }
  } else if (!another_place_helps(conflict->problem_code)) {
    // A rule about the day or the person: no other place would be accepted either.
  } else if (conflict->alternatives.empty()) {
    ImGui::TextWrapped("%s", tr("No free place with the same features was found for that time."));
  } else {
    ImGui::TextWrapped("%s", tr("These places are free at that time and have the same features:"));
    for (std::size_t i = 0; i < conflict->alternatives.size(); ++i) {
      const AlternativeSummary& alternative = conflict->alternatives[i];
      const std::string text = fmt::format(fmt::runtime(tr("Book {0} instead ({1}, {2})")), alternative.name,
                                           alternative.building_name, alternative.floor_name);
      if (ui::Button(labelled(fmt::format("{} {}", icon(alternative.type), text), fmt::format("conflict-dialog-book-{}", i))
                         .c_str())) {
        out.push_back(BookAlternative{id, alternative.resource_id, *conflict->start, *conflict->end});
        close = true;
      }
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  ImGui::Separator();
  if (ui::Button(labelled(tr("Dismiss"), "conflict-dialog-dismiss").c_str())) {
    out.push_back(DismissConflict{id});
    close = true;
  }
  const std::string later = labelled(tr("Decide later"), "conflict-dialog-later");
  ui::SameLineIfFits(ui::ButtonWidth(later.c_str()));
  if (ui::Button(later.c_str())) close = true;
  if (close) {
    // Answered or put off: not asked again in this session; an answer removes it from the list
    // with the next load, a postponed one stays on Home.
    put_aside_.insert(id);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace stellwerk::client
