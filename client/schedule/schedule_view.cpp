// Schedule ("Wochenplan"): the week from Monday to Friday with a morning and an afternoon cell per
// day. Activating a cell opens a choice of modes (office, remote, leave, …) for that half day or
// the whole day; public holidays and weekends cannot be planned. Above the grid, the month(s) and
// calendar week shown. Right below the grid, after a day was planned, the offer that goes with it:
// book the usual desk for an office day, or cancel the desk booked on a day now planned otherwise
// (the Desks intents do it; the notices report it). Below that, the month's remote share against the department's limit, what the
// department does with a month over it, the manager's answer to going over it (ausstehend, genehmigt,
// abgelehnt), and every plan the server refused, with the reason. A plan
// that has not reached the server yet carries a "pending" mark (icon and word) in its cell. Last,
// "Export calendar…", which writes the person's bookings, plan and training due dates from the
// week shown on to an iCalendar file (the handler does it; its tooltip names the file).
#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/item_locator.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "schedule/schedule_parts.hpp"
#include "presence/presence_view.hpp"
#include "schedule/schedule_view.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

constexpr int kDaysShown = 5;  // Monday to Friday: the working week

// Lays buttons out left to right and starts a new line when the next one would not fit, so every
// choice stays reachable at 200 % and in the longer German labels.
bool flowing_button(const std::string& label, bool first) {
  if (!first) ui::SameLineIfFits(ui::ButtonWidth(label.c_str()));
  return ui::Button(label.c_str());
}

// Before the person picks a mode: what planning remote on this day would do to the month's
// remote share, with core's rules the server applies — still within the limit (and how many days
// are left after it), or over it and then refused or sent to the manager, as the department says.
void draw_remote_outlook(const AppState& state, Date day, HalfDay half) {
  if (!state.data.department || plan_day_refusal(Workday{day, half, WorkMode::remote, WorkdayKind::planned})) return;
  const DepartmentPolicy& policy = state.data.department->policy;
  const int year = static_cast<int>(day.year());
  const unsigned month = static_cast<unsigned>(day.month());
  const RemoteMonth before = remote_month(policy, state.data.workdays, year, month);
  const std::vector<Workday> planned = with_entry(state.data.workdays, Workday{day, half, WorkMode::remote, WorkdayKind::planned});
  const RemoteMonth after = remote_month(policy, planned, year, month);
  if (!after.exceeded) {
    ui::StatusLine(ui::icon::remote,
                   // xgettext:no-c-format
                   fmt::format(fmt::runtime(tr("Remote here: {0:.0f} % of {1} % in {2}, {3} remote days left.")),
                               after.share_percent, policy.remote_share_percent, month_name(month),
                               day_count(after.days_left(), state.settings.language)),
                   ui::Tone::neutral);
    return;
  }
  const bool refused = quota_refusal(policy, before, after).has_value();
  // xgettext:no-c-format
  const char* refuses = tr("Remote here: {0:.0f} % of {1} % in {2}, over the limit. Your department will refuse it.");
  // xgettext:no-c-format
  const char* asks = tr("Remote here: {0:.0f} % of {1} % in {2}, over the limit. It goes to your manager for approval.");
  ui::StatusLine(ui::icon::warning,
                 fmt::format(fmt::runtime(refused ? refuses : asks), after.share_percent, policy.remote_share_percent,
                             month_name(month)),
                 ui::Tone::warning);
}

// Below the plan in a cell: what actually happened, when it was recorded ("✓ as planned" or
// "actually: Remote"); nothing before it is, because the plan is the default.
std::string actual_words(const std::vector<Workday>& workdays, Date day, HalfDay half) {
  const auto actual = mode_of(workdays, day, half, WorkdayKind::actual);
  if (!actual) return {};
  if (actual == mode_of(workdays, day, half)) return fmt::format("\n{} {}", ui::icon::check, tr("as planned"));
  return fmt::format("\n{}", fmt::format(fmt::runtime(tr("actually: {}")), label(*actual)));
}

// For today and days gone by: confirm the plan as what happened, or record another mode.
void draw_actual_choices(const AppState& state, Date day, HalfDay half, Intents& out) {
  if (date::sys_days{day} > date::sys_days{state.today}) return;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("What actually happened:"));
  const auto planned = mode_of(state.data.workdays, day, half);
  bool first = true;
  if (planned) {
    ImGui::SameLine();
    first = false;
    if (ui::Button(fmt::format("{} {}###actual-as-planned", ui::icon::check, tr("As planned")).c_str())) {
      out.push_back(PlanWorkday{Workday{day, half, *planned, WorkdayKind::actual}});
    }
  }
  for (int m = 0; m < static_cast<int>(WorkMode::COUNT); ++m) {
    const auto mode = static_cast<WorkMode>(m);
    const std::string text = fmt::format("{} {}###actual-{}", icon(mode), label(mode), to_string(mode));
    if (flowing_button(text, first)) out.push_back(PlanWorkday{Workday{day, half, mode, WorkdayKind::actual}});
    first = false;
  }
}

void draw_editor(const AppState& state, Intents& out) {
  const Date day = *state.schedule.editing_day;
  const HalfDay half = state.schedule.editing_half;
  ImGui::Separator();
  ImGui::TextUnformatted(fmt::format("{} – {}", long_date(day), label(half)).c_str());
  draw_remote_outlook(state, day, half);
  for (int m = 0; m < static_cast<int>(WorkMode::COUNT); ++m) {
    const auto mode = static_cast<WorkMode>(m);
    const std::string text = fmt::format("{} {}###mode-{}", icon(mode), label(mode), to_string(mode));
    if (flowing_button(text, m == 0)) out.push_back(PlanWorkday{Workday{day, half, mode, WorkdayKind::planned}});
  }
  bool first = true;
  if (half != HalfDay::day) {
    if (flowing_button(fmt::format("{}###whole-day", tr("Apply to whole day")), first)) {
      out.push_back(EditWorkday{day, HalfDay::day});
    }
    first = false;
  }
  if (flowing_button(fmt::format("{}###cancel-edit", tr("Cancel")), first)) out.push_back(CancelEdit{});
  draw_actual_choices(state, day, half, out);
}

// "Thu 03.12." or "Thu 03.12., Morning": the day (and half) an offer is about.
std::string offer_day(const PlanOffer& offer) {
  std::string day = fmt::format("{} {}", weekday_short(weekday_index(offer.day)), short_date(offer.day));
  if (offer.half != HalfDay::day) day += fmt::format(", {}", label(offer.half));
  return day;
}

// The offer after planning a day (ScheduleState::plan_offer), with its two answers; accepting
// emits the Desks intent and dismisses the offer, whose result the notices then report.
void draw_plan_offer(const PlanOffer& offer, Intents& out) {
  ImGui::Spacing();
  const bool book = offer.kind == PlanOffer::Kind::book_usual;
  if (book) {
    // TRANSLATORS: {0} the day planned as office ("Thu 03.12." or "Thu 03.12., Morning").
    ui::StatusLine(ui::icon::desk, fmt::format(fmt::runtime(tr("Office on {0}: book your usual desk?")), offer_day(offer)),
                   ui::Tone::accent);
  } else {
    // TRANSLATORS: {0} the day now planned out of the office ("Thu 03.12."), {1} the desk booked ("EG-01").
    const char* question = tr("You have booked {1} on {0}. Cancel it so that colleagues can use it?");
    ui::StatusLine(ui::icon::desk, fmt::format(fmt::runtime(question), offer_day(offer), offer.resource_name),
                   ui::Tone::accent);
  }
  const std::string yes = book ? fmt::format("{} {}###offer-book-usual", ui::icon::check, tr("Book my usual"))
                               : fmt::format("{} {}###offer-cancel", ui::icon::cancel, tr("Cancel booking"));
  const std::string no = book ? fmt::format("{}###offer-dismiss", tr("No thanks")) : fmt::format("{}###offer-keep", tr("Keep"));
  if (flowing_button(yes, true)) {
    if (book) out.push_back(BookUsual{offer.day, offer.half});
    else out.push_back(CancelBooking{offer.booking_id});
    out.push_back(DismissPlanOffer{});
  }
  if (flowing_button(no, false)) out.push_back(DismissPlanOffer{});
}

// The ISO 8601 week number ("KW" in German calendars): the week that holds the year's first Thursday
// is week 1, so the week's Thursday decides the year it belongs to.
unsigned iso_week(Date monday) {
  const Date thursday = add_days(monday, 3);
  const date::sys_days first{thursday.year() / 1 / 1};
  return static_cast<unsigned>((date::sys_days{thursday} - first).count() / 7 + 1);
}

// "November 2026, week 48 · 23 Nov 2026 – 27 Nov 2026": the month (both when the week spans two)
// comes first, so the person sees at once which month the remote share below is about.
std::string week_title(Date monday, Date friday) {
  const auto month_year = [](Date d) {
    return fmt::format("{} {}", month_name(static_cast<unsigned>(d.month())), static_cast<int>(d.year()));
  };
  std::string months = month_year(monday);
  if (friday.year() != monday.year()) {
    months = fmt::format("{} – {}", month_year(monday), month_year(friday));
  } else if (friday.month() != monday.month()) {
    months = fmt::format("{} – {} {}", month_name(static_cast<unsigned>(monday.month())),
                         month_name(static_cast<unsigned>(friday.month())), static_cast<int>(friday.year()));
  }
  // TRANSLATORS: {0} the month(s) and year, {1} the ISO week number ("KW" in German).
  return fmt::format("{} · {} – {}", fmt::format(fmt::runtime(tr("{0}, week {1}")), months, iso_week(monday)),
                     display_date(monday), display_date(friday));
}

// Plans the server refused (for example over the department's remote limit): the plan shown is
// the server's again, so the refused change is named here with its reason instead of vanishing.
void draw_refused_plans(const AppState& state, Intents& out) {
  for (const ConflictSummary& conflict : state.data.conflicts) {
    if (conflict.kind != ChangeKind::workday || !conflict.day) continue;
    ImGui::PushID(static_cast<int>(conflict.mutation_id));
    ui::StatusLine(ui::icon::error,
                   fmt::format(fmt::runtime(tr("Refused: your plan for {0} – {1}")), long_date(*conflict.day),
                               refusal_text(conflict.problem_code, conflict.problem_title)),
                   ui::Tone::danger);
    const std::string dismiss = fmt::format("{}###plan-conflict-{}-dismiss", tr("Dismiss"), conflict.mutation_id);
    ui::SameLineIfFits(ui::ButtonWidth(dismiss.c_str()));
    if (ui::Button(dismiss.c_str())) out.push_back(DismissConflict{conflict.mutation_id});
    ImGui::PopID();
  }
}

// "Export calendar…": no file dialog, so the file is a fixed one the tooltip and the notice name.
void draw_export(const AppState& state, Intents& out) {
  ImGui::Spacing();
  ImGui::BeginDisabled(state.schedule.exporting);
  const bool pressed =
      ui::Button(fmt::format("{} {}###export-calendar", ui::icon::calendar, tr("Export calendar…")).c_str());
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) || ImGui::IsItemFocused()) {
    // TRANSLATORS: the tooltip of "Export calendar…"; {0} the file's path.
    ImGui::SetTooltip("%s", fmt::format(fmt::runtime(tr("Your bookings, plan and training due dates from this week "
                                                        "for eight weeks, as an iCalendar file: {0}")),
                                        state.schedule.calendar_file)
                                .c_str());
  }
  if (pressed) out.push_back(ExportCalendar{});
}

// "Week" or "Month": the month opens at the month of the week shown, the week at the week of the
// month shown that holds today (else its first week).
void draw_layout_choice(const AppState& state, Intents& out) {
  const bool month = state.schedule.month.has_value();
  const std::string week_option = fmt::format("{}###layout-week", tr("Week"));
  if (ui::RadioOption(week_option.c_str(), !month) && month) {
    const date::year_month shown = *state.schedule.month;
    const bool holds_today = state.today.year() / state.today.month() == shown;
    out.push_back(ShowWeek{holds_today ? state.today : state.schedule.week_start});
  }
  const std::string month_option = fmt::format("{}###layout-month", tr("Month"));
  ui::SameLineIfFits(ui::ButtonWidth(month_option.c_str()) + ImGui::GetFrameHeight());
  if (ui::RadioOption(month_option.c_str(), month) && !month) {
    const Date thursday = add_days(state.schedule.week_start, 3);  // the month most of the week is in
    out.push_back(ShowMonth{thursday.year() / thursday.month()});
  }
}

}  // namespace

namespace schedule {

void draw_approval(const AppState& state, date::year_month shown) {
  for (const MonthApproval& a : state.approvals) {
    if (date::year{a.year} / date::month{a.month} != shown) continue;
    const std::string name = fmt::format("{} {}", month_name(a.month), a.year);
    switch (a.state) {
      case ApprovalState::pending:
        ui::StatusLine(ui::icon::pending,
                       fmt::format(fmt::runtime(tr("Going over the limit in {}: pending your manager's approval.")), name),
                       ui::Tone::accent);
        break;
      case ApprovalState::approved:
        ui::StatusLine(ui::icon::check,
                       fmt::format(fmt::runtime(tr("Going over the limit in {}: approved by your manager.")), name),
                       ui::Tone::ok);
        break;
      case ApprovalState::rejected:
        // The manager's reason, in their words: a decline always has one (core's decision_refusal).
        ui::StatusLine(ui::icon::error,
                       a.reason.empty()
                           ? fmt::format(fmt::runtime(tr("Going over the limit in {}: rejected by your manager. Plan "
                                                         "fewer remote days in this month.")),
                                         name)
                           : fmt::format(fmt::runtime(tr("Going over the limit in {0}: rejected by your manager: "
                                                         "“{1}” Plan fewer remote days in this month.")),
                                         name, a.reason),
                       ui::Tone::danger);
        break;
      case ApprovalState::none:
      case ApprovalState::COUNT:
        break;
    }
  }
}

void draw_remote_share(const AppState& state, date::year_month shown) {
  if (!state.data.department) return;
  const int year = static_cast<int>(shown.year());
  const unsigned month = static_cast<unsigned>(shown.month());
  const DepartmentPolicy& policy = state.data.department->policy;
  // core's one definition, which the server's quota uses: the same share and the same "over".
  const RemoteMonth totals = remote_month(policy, state.data.workdays, year, month);
  const bool exceeded = totals.exceeded;
  ui::StatusLine(exceeded ? ui::icon::warning : ui::icon::remote,
                 // xgettext:no-c-format
                 fmt::format(fmt::runtime(tr("Remote work in {}: {:.0f} % planned of {} % allowed")),
                             month_name(month), totals.share_percent, policy.remote_share_percent),
                 exceeded ? ui::Tone::warning : ui::Tone::neutral);
  // The gauge: full at the limit, its words saying the days left or how far over, so the bar is
  // never read by its colour alone.
  const double left = totals.days_left();
  const std::string gauge =
      left >= 0 ? fmt::format(fmt::runtime(tr("{0} remote days left")), day_count(left, state.settings.language))
                : fmt::format(fmt::runtime(tr("{0} remote days over the limit")), day_count(-left, state.settings.language));
  const float fraction = policy.remote_share_percent > 0
                             ? static_cast<float>(std::min(1.0, totals.share_percent / policy.remote_share_percent))
                             : 1.0f;
  // The words beside the bar, not on it: on a full bar they would stand on its colour.
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ui::tone_color(exceeded ? ui::Tone::warning : ui::Tone::accent));
  ImGui::ProgressBar(fraction, ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::em(14.0f)), 0.0f), "");
  ImGui::PopStyleColor();
  ui::testing::record_last_item(fmt::format("remote-gauge-{}-{:02}", year, month));
  ui::SameLineIfFits(ImGui::CalcTextSize(gauge.c_str()).x);
  ui::TextFitted(gauge);
  if (!exceeded) return;
  // What the department does with a month over its limit, so that a refusal or a wait for the
  // manager does not come as a surprise.
  ui::StatusLine(ui::icon::info,
                 policy.over_quota == OverQuotaRule::refused
                     ? tr("Over the limit: your department refuses further remote days in this month.")
                     : tr("Over the limit: your department asks your manager to approve this month."),
                 ui::Tone::neutral);
}

}  // namespace schedule

void ScheduleView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::calendar, label(ViewId::schedule));
  draw_layout_choice(state, out);
  if (state.schedule.month) {
    draw_month(state, out);
    return;
  }
  const Date monday = state.schedule.week_start;
  const Date friday = add_days(monday, kDaysShown - 1);

  if (ui::Button(fmt::format("{} {}###prev-week", ui::icon::left, tr("Previous week")).c_str())) {
    out.push_back(ShowWeek{add_days(monday, -7)});
  }
  ImGui::SameLine();
  if (ui::Button(fmt::format("{}###this-week", tr("This week")).c_str())) out.push_back(ShowWeek{state.today});
  ImGui::SameLine();
  if (ui::Button(fmt::format("{} {}###next-week", tr("Next week"), ui::icon::right).c_str())) {
    out.push_back(ShowWeek{add_days(monday, 7)});
  }
  // The title is long ("November – Dezember 2026, KW 49 · …"): on its own line when it would not fit.
  const std::string title = week_title(monday, friday);
  ui::SameLineIfFits(ImGui::CalcTextSize(title.c_str()).x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title.c_str());
  ImGui::Spacing();

  std::array<std::string, kDaysShown> titles;
  std::array<ui::WeekCell, kDaysShown * 2> cells;
  const std::vector<Date>& pending_days = state.data.pending_plan_days;
  for (int d = 0; d < kDaysShown; ++d) {
    const Date day = add_days(monday, d);
    titles[static_cast<std::size_t>(d)] = fmt::format("{} {}", weekday_short(d), short_date(day));
    const auto holiday = nrw_holiday(day);
    for (int h = 0; h < 2; ++h) {
      ui::WeekCell& cell = cells[static_cast<std::size_t>(d * 2 + h)];
      const HalfDay half = h == 0 ? HalfDay::am : HalfDay::pm;
      if (holiday) {
        cell.icon = ui::icon::holiday;
        cell.text = label(*holiday);
        cell.disabled = true;
        cell.tooltip = tr("Public holiday");
      } else if (const auto mode = mode_of(state.data.workdays, day, half)) {
        cell.icon = icon(*mode);
        cell.text = label(*mode);
        if (std::find(pending_days.begin(), pending_days.end(), day) != pending_days.end()) {
          cell.text += fmt::format("\n{} {}", ui::icon::pending, tr("pending"));
          cell.tooltip = tr("Not sent to the server yet.");
        }
      } else {
        cell.text = tr("Not planned");
      }
      cell.text += actual_words(state.data.workdays, day, half);
    }
  }
  const std::array<std::string, 2> halves{label(HalfDay::am), label(HalfDay::pm)};
  if (const auto cell = ui::WeekGrid("###week", titles, halves, cells)) {
    out.push_back(EditWorkday{add_days(monday, cell->day), cell->half == 0 ? HalfDay::am : HalfDay::pm});
  }
  if (const auto& offer = state.schedule.plan_offer) {
    static const DepartmentPolicy default_policy;
    const DepartmentPolicy& policy = state.data.department ? state.data.department->policy : default_policy;
    if (offer_still_open(*offer, state.data.bookings, policy, now_of(state))) draw_plan_offer(*offer, out);
  }
  if (state.schedule.editing_day) {
    draw_editor(state, out);
    draw_work_time(state, *state.schedule.editing_day, out);
  }
  draw_week_hours(state);
  ImGui::Spacing();
  // One line per month the week touches: the header names both months, so the shares follow suit.
  schedule::draw_remote_share(state, monday.year() / monday.month());
  if (friday.month() != monday.month()) schedule::draw_remote_share(state, friday.year() / friday.month());
  schedule::draw_approval(state, monday.year() / monday.month());
  if (friday.month() != monday.month()) schedule::draw_approval(state, friday.year() / friday.month());
  draw_refused_plans(state, out);
  draw_usual_week(state, out);
  draw_team_presence(state, monday, friday);
  draw_export(state, out);
}

}  // namespace stellwerk::client
