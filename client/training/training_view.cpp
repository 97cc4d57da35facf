// Training ("Schulungen"): every course with its DigComp 2.2 competence and level, whether it is
// mandatory, and where the person stands — enrolled, completed (valid until), due or overdue —
// with "Enrol" and "Mark as completed". Both are queued at once and shown as pending until sent.
// "Mandatory only" narrows the list to the courses the person must take.
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "training/training_status.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "training/training_view.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

void draw_status(const TrainingItem& item) {
  switch (item.urgency) {
    case TrainingUrgency::overdue:
      ui::StatusLine(ui::icon::warning, fmt::format(fmt::runtime(tr("Overdue since {}")), display_date(*item.due_on)),
                     ui::Tone::danger);
      return;
    case TrainingUrgency::expired:
      ui::StatusLine(ui::icon::warning, fmt::format(fmt::runtime(tr("Expired on {}")), display_date(*item.due_on)),
                     ui::Tone::danger);
      return;
    case TrainingUrgency::due:
      ui::StatusLine(ui::icon::clock,
                     item.due_on ? fmt::format(fmt::runtime(tr("Due by {}")), display_date(*item.due_on))
                                 : std::string(tr("Mandatory, not yet done")),
                     ui::Tone::warning);
      return;
    case TrainingUrgency::none:
    case TrainingUrgency::COUNT:
      break;
  }
  if (item.enrollment == nullptr) {
    ImGui::TextDisabled("%s", tr("Not enrolled"));
  } else if (item.enrollment->state == EnrollmentState::completed) {
    ui::StatusLine(ui::icon::certificate,
                   item.valid_until
                       ? fmt::format(fmt::runtime(tr("Completed, valid until {}")), display_date(*item.valid_until))
                       : std::string(label(EnrollmentState::completed)),
                   ui::Tone::ok);
  } else {
    ui::StatusLine(ui::icon::check, label(item.enrollment->state), ui::Tone::accent);
  }
}

bool is_pending(const AppState& state, const Enrollment* enrollment) {
  if (enrollment == nullptr) return false;
  const auto& ids = state.data.pending_enrollments;
  return std::find(ids.begin(), ids.end(), enrollment->id) != ids.end();
}

void draw_actions(const AppState& state, const TrainingItem& item, Intents& out) {
  if (is_pending(state, item.enrollment)) ui::StatusLine(ui::icon::pending, tr("pending"), ui::Tone::warning);
  if (item.enrollment == nullptr) {
    if (ui::Button(fmt::format("{}###enrol-{}", tr("Enrol"), item.course->id).c_str())) out.push_back(Enroll{item.course->id});
  } else if (item.enrollment->state == EnrollmentState::enrolled) {
    // A short label: the status column is narrow at 200 %; the tooltip says it in full.
    const std::string identity = fmt::format("{}###complete-{}", tr("Complete"), item.enrollment->id);
    if (ui::Button(identity.c_str())) out.push_back(CompleteCourse{item.enrollment->id});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Mark this course as completed"));
  }
}

}  // namespace

void TrainingView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::training, label(ViewId::training));
  if (state.data.courses.empty()) {
    ui::EmptyState(tr("No courses are known yet. They appear after the first sync with the server."));
    return;
  }
  const std::string mandatory_only = fmt::format("{}###mandatory-only", tr("Mandatory only"));
  bool checked = state.training.mandatory_only;
  if (ImGui::Checkbox(mandatory_only.c_str(), &checked)) out.push_back(ToggleMandatoryOnly{});
  ui::TabStop();
  ui::testing::record_last_item(mandatory_only);
  auto items = training_items(state.data.courses, state.data.enrollments, state.today);
  if (state.training.mandatory_only) std::erase_if(items, [](const TrainingItem& item) { return !item.course->mandatory; });
  if (items.empty()) {
    ui::EmptyState(tr("No course is mandatory for you."));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("###courses", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Course"), ImGuiTableColumnFlags_None, 3.0f);
  ImGui::TableSetupColumn(tr("Competence (DigComp 2.2)"), ImGuiTableColumnFlags_None, 2.8f);
  ImGui::TableSetupColumn(tr("Level"), ImGuiTableColumnFlags_None, 1.3f);
  ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_None, 2.7f);
  ui::TableHeadersRow();
  for (const TrainingItem& item : items) {
    const Course& course = *item.course;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", course.title.c_str());
    if (course.mandatory) ImGui::TextDisabled("%s", tr("Mandatory"));
    ImGui::TableNextColumn();
    if (const auto* competence = find_competence(course.competence_id)) {
      ImGui::TextWrapped("%s %s", course.competence_id.c_str(), tr(competence->title_en.data()));
    } else {
      ImGui::TextWrapped("%s", course.competence_id.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%d · %s", course.level, tr(proficiency_band_en(course.level).data()));
    ImGui::TableNextColumn();
    ImGui::PushID(course.id.c_str());
    draw_status(item);
    draw_actions(state, item, out);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace stellwerk::client
