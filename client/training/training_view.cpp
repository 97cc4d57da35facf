// Training ("Schulungen"): every course with its DigComp 2.2 competence and level, whether it is
// mandatory, and where the person stands — enrolled, completed (valid until), due or overdue —
// with "Enrol" and "Mark as completed". Both are queued at once and shown as pending until sent.
// "Mandatory only" narrows the list to the courses the person must take. A completion shows whether
// its certificate is the server's (checked against the pinned key) and can be saved as files.
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

// A quiet note that wraps: the status column is narrow at 150 % and 200 %.
void draw_note(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

// Whether the completion's certificate is the server's, in words and an icon (never colour alone).
void draw_certificate(const AppState& state, const Enrollment& enrollment) {
  if (enrollment.state != EnrollmentState::completed) return;
  const auto check = state.data.certificate_checks.find(enrollment.id);
  if (check == state.data.certificate_checks.end()) {
    draw_note(tr("Certificate follows after the next sync"));
    return;
  }
  switch (check->second) {
    case CertificateCheck::valid:
      ui::StatusLine(ui::icon::check, tr("Certificate verified: signed by the server"), ui::Tone::ok);
      return;
    case CertificateCheck::invalid:
      ui::StatusLine(ui::icon::error, tr("Certificate invalid: the signature does not match"), ui::Tone::danger);
      return;
    case CertificateCheck::no_key:
      draw_note(tr("Certificate not checked yet: the server's key is not known"));
      return;
    case CertificateCheck::unavailable:
      draw_note(tr("Certificate cannot be checked on this computer"));
      return;
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
  } else if (const auto check = state.data.certificate_checks.find(item.enrollment->id);
             check != state.data.certificate_checks.end() && check->second == CertificateCheck::valid) {
    const std::string identity = fmt::format("{}###save-certificate-{}", tr("Save certificate"), item.enrollment->id);
    if (ui::Button(identity.c_str())) out.push_back(SaveCertificate{item.enrollment->id});
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s", tr("Save the signed certificate, its signature and the server's key as files"));
    }
  }
}

// Where the last certificate went and the command that checks it, selectable to copy.
void draw_saved_certificate(const SavedCertificate& saved) {
  // TRANSLATORS: {0} a folder's path.
  ui::StatusLine(ui::icon::certificate, fmt::format(fmt::runtime(tr("Certificate saved in {0}. Anyone can check it with:")),
                                                    saved.folder),
                 ui::Tone::ok);
  std::string command = saved.verify_command;
  ImGui::SetNextItemWidth(-1.0f);
  ui::TextField("###verify-command", command.data(), command.size() + 1, ImGuiInputTextFlags_ReadOnly);
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
  if (state.training.saved_certificate) draw_saved_certificate(*state.training.saved_certificate);
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
    if (item.enrollment != nullptr) draw_certificate(state, *item.enrollment);
    draw_actions(state, item, out);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace stellwerk::client
