// The competence profile. The person says where they stand in each DigComp competence (levels
// 1–8, kept on the server and visible to nobody else); their roles' targets come from the city's
// data. The chart (widgets/competence_chart.hpp) shows both, in words as well; under the chosen
// competence's row, its level can be set and the courses that close its gap can be enrolled in.
#include "training/profile_view.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "training/training_status.hpp"
#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/widgets/competence_chart.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

std::optional<int> own_level(const AppState& state, std::string_view competence_id) {
  for (const SelfAssessment& a : state.data.self_assessments) {
    if (a.competence_id == competence_id) return a.level;
  }
  return std::nullopt;
}

std::optional<int> target_level(const AppState& state, std::string_view competence_id) {
  // A span, not a copy: this runs for each of the 21 rows in every frame.
  const std::span<const Role> roles = state.data.me ? std::span<const Role>{state.data.me->roles} : std::span<const Role>{};
  return competence_target(state.data.competence_targets, roles, competence_id);
}

bool is_pending(const AppState& state, std::string_view competence_id) {
  return std::ranges::find(state.data.pending_assessments, competence_id) != state.data.pending_assessments.end();
}

// "Level 2 · target 4 · 2 levels to go": what the chart's cells show, in words.
std::string values_text(std::optional<int> level, std::optional<int> target, bool pending) {
  std::string text = level ? fmt::format(fmt::runtime(tr("Level {0}")), *level) : std::string{tr("Not assessed")};
  if (target) {
    text += " · " + fmt::format(fmt::runtime(tr("target {0}")), *target);
    if (level && *level >= *target) {
      text += " · " + std::string{tr("reached")};
    } else if (level) {
      const int to_go = *target - *level;
      text += " · " + fmt::format(fmt::runtime(i18n::trn("{0} level to go", "{0} levels to go",
                                                          static_cast<unsigned long>(to_go))),
                                  to_go);
    }
  }
  if (pending) text += " · " + std::string{tr("pending")};
  return text;
}

std::string level_name(int level) {
  return fmt::format("{} · {}", level, tr(proficiency_band_en(level).data()));
}

// The competence chosen, or until the person chooses one the first whose target they do not reach.
const DigCompCompetence& chosen_competence(const AppState& state) {
  if (const DigCompCompetence* chosen = find_competence(state.training.chosen_competence)) return *chosen;
  for (const DigCompCompetence& competence : digcomp_competences()) {
    const auto target = target_level(state, competence.id);
    if (target && own_level(state, competence.id).value_or(0) < *target) return competence;
  }
  return digcomp_competences().front();
}

std::vector<ui::CompetenceGroup> chart_groups(const AppState& state) {
  std::vector<ui::CompetenceGroup> groups;
  for (const DigCompArea& area : digcomp_areas()) {
    ui::CompetenceGroup group{fmt::format("{} {}", area.number, tr(area.title_en.data())), {}};
    for (const DigCompCompetence& competence : digcomp_competences_in_area(area.number)) {
      const auto level = own_level(state, competence.id);
      const auto target = target_level(state, competence.id);
      group.bars.push_back(ui::CompetenceBar{std::string{competence.id},
                                             fmt::format("{} {}", competence.id, tr(competence.title_en.data())),
                                             level.value_or(0), target.value_or(0),
                                             values_text(level, target, is_pending(state, competence.id))});
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

// The level picker: 1..8 with their bands; "Not assessed" only until the person has said one.
void draw_level_choice(const AppState& state, const DigCompCompetence& competence, Intents& out) {
  const auto level = own_level(state, competence.id);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("My level"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(14.0f));
  const std::string shown = level ? level_name(*level) : std::string{tr("Not assessed")};
  if (ImGui::BeginCombo("###own-level", shown.c_str())) {
    for (int l = kDigCompMinLevel; l <= kDigCompMaxLevel; ++l) {
      if (ui::ComboOption(fmt::format("{}###own-level-{}", level_name(l), l).c_str(), level == l) && level != l) {
        out.push_back(AssessCompetence{std::string{competence.id}, l});
      }
    }
    ImGui::EndCombo();
  } else {
    ui::TabStop();
    ui::testing::record_last_item("own-level");
  }
}

// One course that closes the gap: its title, level and format, and where the person stands.
void draw_gap_course(const AppState& state, const Course& course, Intents& out) {
  ImGui::PushID(course.id.c_str());
  ImGui::Bullet();
  ImGui::TextWrapped("%s", course.title.c_str());
  ImGui::Indent();
  // TRANSLATORS: {0} a DigComp level, {1} the format ("Classroom"), {2} minutes.
  ImGui::TextDisabled("%s", fmt::format(fmt::runtime(tr("Level {0} · {1} · {2} min")), course.level,
                                        label(course.format), course.duration_minutes)
                                .c_str());
  const auto enrollment = std::ranges::find(state.data.enrollments, course.id, &Enrollment::course_id);
  if (enrollment != state.data.enrollments.end()) {
    ui::StatusLine(enrollment->state == EnrollmentState::completed ? ui::icon::certificate : ui::icon::check,
                   label(enrollment->state), ui::Tone::accent);
  } else if (const auto refusal = enrolment_refusal(course, signed_in_learner(state.data.me), state.today)) {
    ImGui::TextDisabled("%s", enrolment_closed_label(*refusal));
  } else if (ui::Button(fmt::format("{}###gap-enrol-{}", tr("Enrol"), course.id).c_str())) {
    out.push_back(Enroll{course.id});
  }
  ImGui::Unindent();
  ImGui::PopID();
}

void draw_chosen(const AppState& state, Intents& out) {
  const DigCompCompetence& competence = chosen_competence(state);
  draw_level_choice(state, competence, out);
  const auto level = own_level(state, competence.id);
  const auto target = target_level(state, competence.id);
  if (target) {
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Your role asks for level {0}.")), level_name(*target)).c_str());
  } else {
    ImGui::TextWrapped("%s", tr("Your role sets no target for this competence."));
  }
  if (!target) return;
  if (level && *level >= *target) {
    ui::StatusLine(ui::icon::check, tr("You reach your role's target."), ui::Tone::ok);
    return;
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("Courses that close the gap"));
  ImGui::Separator();
  const auto courses = courses_closing_gap(state.data.courses, competence.id, level, target);
  if (courses.empty()) {
    ImGui::TextWrapped("%s", tr("The catalogue has no course for this gap yet."));
    return;
  }
  for (const Course& course : courses) draw_gap_course(state, course, out);
}

}  // namespace

void draw_competence_profile(const AppState& state, Intents& out) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr("Where you stand in the 21 competences of DigComp 2.2 (levels 1 to 8), as you assess "
                              "yourself, and what your role asks for. Only you see your assessment."));
  ImGui::PopStyleColor();
  const auto groups = chart_groups(state);
  const std::string_view chosen_id = chosen_competence(state).id;
  const auto details = [&] {
    // Their own ids: the controls of another competence are other controls, also for the keyboard.
    ImGui::PushID(chosen_id.data(), chosen_id.data() + chosen_id.size());
    draw_chosen(state, out);
    ImGui::PopID();
  };
  if (const auto chosen = ui::CompetenceChart(groups, chosen_id, details)) {
    out.push_back(ChooseCompetence{*chosen});
  }
}

}  // namespace stellwerk::client
