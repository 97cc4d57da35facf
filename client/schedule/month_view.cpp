// Schedule's month view: every working day of one month as a row, the plan and what actually
// happened side by side, public holidays named, the month's remote share as a gauge above and the
// month's totals below. A row opens that day in the week view's editor (click, or arrows and
// Space), where the plan is changed and the actual day confirmed or corrected.
#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "schedule/schedule_parts.hpp"
#include "schedule/schedule_view.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/tab_order.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

// A day's modes of one kind in words: "Office" when both halves agree, "Morning: Office ·
// Afternoon: Remote" when they differ; "" when neither half has one.
std::string day_words(const std::vector<Workday>& workdays, Date day, WorkdayKind kind) {
  const auto am = mode_of(workdays, day, HalfDay::am, kind);
  const auto pm = mode_of(workdays, day, HalfDay::pm, kind);
  if (!am && !pm) return {};
  if (am == pm) return fmt::format("{} {}", icon(*am), label(*am));
  const auto half = [](HalfDay h, std::optional<WorkMode> mode) {
    return fmt::format("{}: {}", label(h), mode ? label(*mode) : tr("Not planned"));
  };
  return fmt::format("{} · {}", half(HalfDay::am, am), half(HalfDay::pm, pm));
}

// What actually happened on a day gone by, beside the plan: "✓ as planned" when both halves were
// confirmed as planned, the modes recorded when they differ, and "not confirmed" before anything
// was recorded (the plan stands as the default until then).
std::string actual_words(const std::vector<Workday>& workdays, Date day) {
  const std::string actual = day_words(workdays, day, WorkdayKind::actual);
  if (actual.empty()) return tr("not confirmed");
  const bool as_planned = mode_of(workdays, day, HalfDay::am, WorkdayKind::actual) == mode_of(workdays, day, HalfDay::am) &&
                          mode_of(workdays, day, HalfDay::pm, WorkdayKind::actual) == mode_of(workdays, day, HalfDay::pm);
  if (as_planned) return fmt::format("{} {}", ui::icon::check, tr("as planned"));
  return fmt::format(fmt::runtime(tr("actually: {}")), actual);
}

// Half days per mode in the month, of one kind: the totals line below the table.
std::array<int, static_cast<std::size_t>(WorkMode::COUNT)> half_days_by_mode(const std::vector<Workday>& workdays,
                                                                            date::year_month month, WorkdayKind kind) {
  std::array<int, static_cast<std::size_t>(WorkMode::COUNT)> counts{};
  const date::sys_days last{month / date::last};
  for (Date day = month / 1; date::sys_days{day} <= last; day = add_days(day, 1)) {
    for (const HalfDay half : {HalfDay::am, HalfDay::pm}) {
      if (const auto mode = mode_of(workdays, day, half, kind)) ++counts[static_cast<std::size_t>(*mode)];
    }
  }
  return counts;
}

// "Office 9 days · Remote 5,5 days", the modes with any days in the order of WorkMode.
std::string totals_words(const std::array<int, static_cast<std::size_t>(WorkMode::COUNT)>& half_days,
                         i18n::Language language) {
  std::string words;
  for (int m = 0; m < static_cast<int>(WorkMode::COUNT); ++m) {
    const int halves = half_days[static_cast<std::size_t>(m)];
    if (halves == 0) continue;
    if (!words.empty()) words += " · ";
    // One whole day is singular; half days and more are plural ("0,5 Tage", "1,5 Tage").
    const unsigned long plural_of = halves == 2 ? 1 : 2;
    // TRANSLATORS: {0} a mode ("Office"), {1} a number of days ("5,5").
    words += fmt::format(fmt::runtime(i18n::trn("{0} {1} day", "{0} {1} days", plural_of)),
                         label(static_cast<WorkMode>(m)), day_count(halves / 2.0, language));
  }
  return words.empty() ? tr("nothing") : words;
}

void draw_month_navigation(const AppState& state, date::year_month shown, Intents& out) {
  if (ui::Button(fmt::format("{} {}###prev-month", ui::icon::left, tr("Previous month")).c_str())) {
    out.push_back(ShowMonth{shown - date::months{1}});
  }
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###this-month", tr("This month")).c_str())) {
    out.push_back(ShowMonth{state.today.year() / state.today.month()});
  }
  ImGui::SameLine();
  if (ui::Button(fmt::format("{} {}###next-month", tr("Next month"), ui::icon::right).c_str())) {
    out.push_back(ShowMonth{shown + date::months{1}});
  }
  const std::string title = fmt::format("{} {}", month_name(static_cast<unsigned>(shown.month())), int{shown.year()});
  ui::SameLineIfFits(ImGui::CalcTextSize(title.c_str()).x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title.c_str());
}

// One working day: its date (a selectable row that opens the day in the week's editor), the plan
// and the actual.
void draw_day_row(const AppState& state, Date day, Intents& out) {
  const std::vector<Workday>& workdays = state.data.workdays;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  std::string date_words = fmt::format("{} {}", weekday_short(weekday_index(day)), short_date(day));
  if (day == state.today) date_words += fmt::format(" · {}", tr("today"));
  const std::string identity = fmt::format("{}###month-day-{}", date_words, format_date(day));
  if (ImGui::Selectable(identity.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
    out.push_back(ShowWeek{day});
    out.push_back(EditWorkday{day, HalfDay::day});
  }
  ui::TabStop();
  ui::testing::record_last_item(identity);
  if (ImGui::IsItemHovered() || ImGui::IsItemFocused()) ImGui::SetTooltip("%s", tr("Open this day in the week to plan it or confirm it."));

  ImGui::TableNextColumn();
  const auto holiday = nrw_holiday(day);
  if (holiday) {
    // TRANSLATORS: {0} the holiday's name ("Christmas Day").
    ui::TextFitted(fmt::format("{} {}", ui::icon::holiday, fmt::format(fmt::runtime(tr("Public holiday: {0}")), label(*holiday))));
  } else {
    std::string plan = day_words(workdays, day, WorkdayKind::planned);
    if (plan.empty()) plan = tr("Not planned");
    const auto& pending = state.data.pending_plan_days;
    if (std::find(pending.begin(), pending.end(), day) != pending.end()) {
      plan += fmt::format(" · {} {}", ui::icon::pending, tr("pending"));
    }
    ui::TextFitted(plan);
  }

  ImGui::TableNextColumn();
  const bool gone_by = date::sys_days{day} <= date::sys_days{state.today};
  const bool planned = mode_of(workdays, day, HalfDay::am) || mode_of(workdays, day, HalfDay::pm);
  const bool recorded = mode_of(workdays, day, HalfDay::am, WorkdayKind::actual) ||
                        mode_of(workdays, day, HalfDay::pm, WorkdayKind::actual);
  // A day gone by without a plan has nothing to confirm until something is recorded for it.
  if (gone_by && !holiday && (planned || recorded)) ui::TextFitted(actual_words(workdays, day));
}

}  // namespace

void ScheduleView::draw_month(const AppState& state, Intents& out) {
  const date::year_month shown = *state.schedule.month;
  draw_month_navigation(state, shown, out);
  ImGui::Spacing();
  schedule::draw_remote_share(state, shown);
  schedule::draw_approval(state, shown);
  ImGui::Spacing();

  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("###month", 3, flags)) {
    // Wide enough for the longest date ("Mi 30.12. · heute", "Wed 30 Dec · today") at any scale.
    const std::string widest = fmt::format("{} {} · {}", weekday_short(2), short_date(date::year{2026} / 12 / 30), tr("today"));
    ImGui::TableSetupColumn(tr("Day"), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize(widest.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2);
    ImGui::TableSetupColumn(tr("Planned"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("Actually"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ui::TableHeadersRow();
    const date::sys_days last{shown / date::last};
    for (Date day = shown / 1; date::sys_days{day} <= last; day = add_days(day, 1)) {
      if (weekday_index(day) <= 4) draw_day_row(state, day, out);  // Monday to Friday
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  const i18n::Language language = state.settings.language;
  // TRANSLATORS: {0} the planned days per mode ("Office 9 days · Remote 5,5 days").
  ui::TextFitted(fmt::format(fmt::runtime(tr("Planned this month: {0}")),
                             totals_words(half_days_by_mode(state.data.workdays, shown, WorkdayKind::planned), language)));
  // TRANSLATORS: {0} the days recorded as they actually were, per mode.
  ui::TextFitted(fmt::format(fmt::runtime(tr("Actually this month: {0}")),
                             totals_words(half_days_by_mode(state.data.workdays, shown, WorkdayKind::actual), language)));
}

}  // namespace stellwerk::client
