// Training ("Schulungen"), two lists. The catalogue: every course with its DigComp 2.2 competence
// and level, whether it is mandatory, and where the person stands — enrolled, completed (valid
// until), due or overdue — with "Enrol", "Complete" and "Withdraw", each queued at once and shown
// as pending until sent; searched by words and narrowed by area, level and "Mandatory only".
// "My trainings": the person's enrolments, open ones first, with their dates. A completion shows
// whether its certificate is the server's (checked against the pinned key) and can be saved. The
// competence profile is the third (profile_view.cpp).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "training/profile_view.hpp"
#include "training/training_status.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
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
  } else if (item.in_progress) {
    ui::StatusLine(ui::icon::clock, tr("In progress"), ui::Tone::accent);
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
    // core's rule: a full course offers no "Enrol" (its row says "Fully booked"), nor one that has begun.
    if (const auto refusal = enrolment_refusal(*item.course, signed_in_learner(state.data.me), state.today)) {
      if (*refusal == Refusal::course_started) draw_note(enrolment_closed_label(*refusal));
      return;
    }
    if (ui::Button(fmt::format("{}###enrol-{}", tr("Enrol"), item.course->id).c_str())) out.push_back(Enroll{item.course->id});
  } else if (item.enrollment->state == EnrollmentState::enrolled) {
    // A short label: the status column is narrow at 200 %; the tooltip says it in full.
    const std::string identity = fmt::format("{}###complete-{}", tr("Complete"), item.enrollment->id);
    if (ui::Button(identity.c_str())) out.push_back(CompleteCourse{item.enrollment->id});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Mark this course as completed"));
    // core's rule: never from a mandatory course, whose due date would move.
    if (!withdrawal_refusal(*item.course, signed_in_learner(state.data.me), item.enrollment->state)) {
      const std::string withdraw = fmt::format("{}###withdraw-{}", tr("Withdraw"), item.enrollment->id);
      ui::SameLineIfFits(ui::ButtonWidth(withdraw.c_str()));
      if (ui::Button(withdraw.c_str())) out.push_back(WithdrawEnrollment{item.enrollment->id});
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Withdraw from this course; you can enrol again later"));
    }
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

// The dates of an enrolment, one per line: when it begins or began, due by or completed on (the
// status says until when).
void draw_dates(const TrainingItem& item) {
  const Enrollment& e = *item.enrollment;
  if (e.state != EnrollmentState::completed && item.course->starts_on) {
    const std::string begins = display_date(*item.course->starts_on);
    ImGui::TextWrapped("%s", item.in_progress ? fmt::format(fmt::runtime(tr("In progress since {}")), begins).c_str()
                                              : fmt::format(fmt::runtime(tr("Begins on {}")), begins).c_str());
  }
  if (e.state != EnrollmentState::completed && item.due_on) {
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Due by {}")), display_date(*item.due_on)).c_str());
  }
  if (e.completed_on) {
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Completed on {}")), display_date(*e.completed_on)).c_str());
  }
  if (e.state != EnrollmentState::completed && !item.due_on) ImGui::TextDisabled("%s", tr("No due date"));
}

// How, in which language, when and where a course is taught, and its seats: under its title.
void draw_course_details(const Course& course) {
  // TRANSLATORS: {0} the format ("Classroom"), {1} the language ("German"), {2} minutes.
  draw_note(fmt::format(fmt::runtime(tr("{0} · {1} · {2} min")), label(course.format), language_name(course.language),
                        course.duration_minutes)
                .c_str());
  if (course.starts_on) {
    const std::string when = display_date(*course.starts_on);
    draw_note(course.place.empty() ? when.c_str() : fmt::format("{}, {}", when, course.place).c_str());
  }
  if (!course.seats) return;
  if (course.seats_left == 0) {
    ui::StatusLine(ui::icon::warning, enrolment_closed_label(Refusal::course_full), ui::Tone::warning);
  } else if (course.seats_left) {
    // TRANSLATORS: {0} seats left, {1} seats in all.
    draw_note(fmt::format(fmt::runtime(tr("{0} of {1} seats left")), *course.seats_left, *course.seats).c_str());
  }
}

void draw_competence(const Course& course) {
  if (const auto* competence = find_competence(course.competence_id)) {
    ImGui::TextWrapped("%s %s", course.competence_id.c_str(), tr(competence->title_en.data()));
  } else {
    ImGui::TextWrapped("%s", course.competence_id.c_str());
  }
}

// One course per row: its title, competence, level (or the enrolment's dates) and status.
void draw_table(const AppState& state, const std::vector<TrainingItem>& items, bool dates, Intents& out) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("###courses", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Course"), ImGuiTableColumnFlags_None, 3.0f);
  ImGui::TableSetupColumn(tr("Competence (DigComp 2.2)"), ImGuiTableColumnFlags_None, 2.8f);
  ImGui::TableSetupColumn(dates ? tr("Dates") : tr("Level"), ImGuiTableColumnFlags_None, dates ? 2.0f : 1.3f);
  ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_None, 2.7f);
  ui::TableHeadersRow();
  for (const TrainingItem& item : items) {
    const Course& course = *item.course;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", course.title.c_str());
    if (item.mandatory) ImGui::TextDisabled("%s", tr("Mandatory"));
    draw_course_details(course);
    ImGui::TableNextColumn();
    draw_competence(course);
    ImGui::TableNextColumn();
    if (dates && item.enrollment != nullptr) {
      draw_dates(item);
    } else {
      ImGui::TextWrapped("%d · %s", course.level, tr(proficiency_band_en(course.level).data()));
    }
    ImGui::TableNextColumn();
    ImGui::PushID(course.id.c_str());
    draw_status(item);
    if (item.enrollment != nullptr) draw_certificate(state, *item.enrollment);
    draw_actions(state, item, out);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void draw_list_switch(const AppState& state, Intents& out) {
  const std::string catalogue = fmt::format("{}###training-catalogue", tr("Catalogue"));
  if (ui::RadioOption(catalogue.c_str(), state.training.list == TrainingList::catalogue)) {
    out.push_back(ShowTrainingList{TrainingList::catalogue});
  }
  const std::string mine = fmt::format("{}###training-mine", tr("My trainings"));
  ui::SameLineIfFits(ui::ButtonWidth(mine.c_str()) + ImGui::GetFrameHeight());
  if (ui::RadioOption(mine.c_str(), state.training.list == TrainingList::mine)) {
    out.push_back(ShowTrainingList{TrainingList::mine});
  }
  const std::string profile = fmt::format("{}###training-profile", tr("Competence profile"));
  ui::SameLineIfFits(ui::ButtonWidth(profile.c_str()) + ImGui::GetFrameHeight());
  if (ui::RadioOption(profile.c_str(), state.training.list == TrainingList::profile)) {
    out.push_back(ShowTrainingList{TrainingList::profile});
  }
}

std::string area_name(int area) {
  if (area == 0) return tr("All areas");
  return fmt::format("{} {}", area, tr(kDigCompAreas[static_cast<std::size_t>(area - 1)].title_en.data()));
}

std::string format_name(int format) {
  return format == 0 ? std::string{tr("All formats")} : std::string{label(static_cast<CourseFormat>(format - 1))};
}

std::string band_name(int band) {
  if (band == 0) return tr("All levels");
  // TRANSLATORS: {0}–{1} DigComp levels, {2} their band ("Foundation" …).
  return fmt::format(fmt::runtime(tr("Levels {0}–{1}: {2}")), band * 2 - 1, band * 2,
                     tr(proficiency_band_en(band * 2).data()));
}

// A combo box of `count` + 1 choices (0: all); returns the one picked in this frame.
template <typename Name>
std::optional<int> choice_combo(const char* identity, int value, int count, Name name) {
  std::optional<int> picked;
  ImGui::SetNextItemWidth(ui::em(16.0f));
  if (ImGui::BeginCombo(fmt::format("###{}", identity).c_str(), name(value).c_str())) {
    for (int i = 0; i <= count; ++i) {
      if (ui::ComboOption(fmt::format("{}###{}-{}", name(i), identity, i).c_str(), i == value)) picked = i;
    }
    ImGui::EndCombo();
  } else {
    ui::TabStop();
    ui::testing::record_last_item(identity);
  }
  return picked;
}

}  // namespace

// Words, area, level and "Mandatory only": each change replaces the whole filter.
void TrainingView::draw_filters(const AppState& state, Intents& out) {
  CourseFilter filter = state.training.filter;
  // The field keeps what is typed; it follows the state only while nobody types in it.
  if (!editing_search_ && filter.words != search_.data()) {
    search_.fill('\0');
    filter.words.copy(search_.data(), search_.size() - 1);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Search"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ui::em(18.0f), ImGui::GetContentRegionAvail().x));
  const bool typed = ui::TextField("###course-search", search_.data(), search_.size());
  editing_search_ = ImGui::IsItemActive();
  if (typed) {
    filter.words = search_.data();
    out.push_back(FilterCourses{filter});  // the choices below start from the new words
  }
  ui::SameLineIfFits(ui::em(16.0f));
  if (const auto area = choice_combo("course-area", filter.area, 5, area_name)) {
    filter.area = *area;
    out.push_back(FilterCourses{filter});
  }
  ui::SameLineIfFits(ui::em(16.0f));
  if (const auto band = choice_combo("course-band", filter.band, 4, band_name)) {
    filter.band = *band;
    out.push_back(FilterCourses{filter});
  }
  ui::SameLineIfFits(ui::em(16.0f));
  const int format = filter.format ? static_cast<int>(*filter.format) + 1 : 0;
  if (const auto picked = choice_combo("course-format", format, static_cast<int>(CourseFormat::COUNT), format_name)) {
    filter.format = *picked == 0 ? std::nullopt : std::optional{static_cast<CourseFormat>(*picked - 1)};
    out.push_back(FilterCourses{filter});
  }
  // The languages the catalogue has; a filter by a language no course has any more still shows.
  std::vector<std::string> languages = course_languages(state.data.courses);
  if (!filter.language.empty() && std::ranges::find(languages, filter.language) == languages.end()) {
    languages.push_back(filter.language);
  }
  const auto language_at = [&](int i) {
    return i == 0 ? std::string{tr("All languages")} : language_name(languages[static_cast<std::size_t>(i - 1)]);
  };
  const auto chosen = std::ranges::find(languages, filter.language);
  const int language = filter.language.empty() ? 0 : static_cast<int>(chosen - languages.begin()) + 1;
  ui::SameLineIfFits(ui::em(16.0f));
  if (const auto picked = choice_combo("course-language", language, static_cast<int>(languages.size()), language_at)) {
    filter.language = *picked == 0 ? std::string{} : languages[static_cast<std::size_t>(*picked - 1)];
    out.push_back(FilterCourses{filter});
  }
  const std::string mandatory_only = fmt::format("{}###mandatory-only", tr("Mandatory only"));
  ui::SameLineIfFits(ui::ButtonWidth(mandatory_only.c_str()) + ImGui::GetFrameHeight());
  bool checked = filter.mandatory_only;
  if (ImGui::Checkbox(mandatory_only.c_str(), &checked)) {
    filter.mandatory_only = checked;
    out.push_back(FilterCourses{filter});
  }
  ui::TabStop();
  ui::testing::record_last_item(mandatory_only);
}

void TrainingView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::training, label(ViewId::training));
  if (state.data.courses.empty()) {
    ui::EmptyState(tr("No courses are known yet. They appear after the first sync with the server."));
    return;
  }
  draw_list_switch(state, out);
  if (state.training.saved_certificate) draw_saved_certificate(*state.training.saved_certificate);
  if (state.training.list == TrainingList::profile) {
    draw_competence_profile(state, out);
    return;
  }
  auto items = training_items(state.data.courses, state.data.enrollments, signed_in_learner(state.data.me), state.today);
  if (state.training.list == TrainingList::mine) {
    std::erase_if(items, [](const TrainingItem& item) { return item.enrollment == nullptr; });
    // Open enrolments first (in the catalogue's order), then the completed ones.
    std::stable_partition(items.begin(), items.end(), [](const TrainingItem& item) {
      return item.enrollment->state != EnrollmentState::completed;
    });
    if (items.empty()) {
      ui::EmptyState(tr("You are not enrolled in any course yet. Enrol in the catalogue."));
      return;
    }
    draw_table(state, items, true, out);
    return;
  }
  draw_filters(state, out);
  std::erase_if(items, [&](const TrainingItem& item) { return !course_matches(item, state.training.filter); });
  if (items.empty()) {
    ui::EmptyState(state.training.filter == CourseFilter{.mandatory_only = true} ? tr("No course is mandatory for you.")
                                                                                : tr("No course matches the search."));
    return;
  }
  draw_table(state, items, false, out);
}

}  // namespace stellwerk::client
