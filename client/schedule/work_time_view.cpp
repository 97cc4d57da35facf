// Schedule → working time (Arbeitszeit) of a remote day: in the editor of a day planned or
// recorded as remote (whole or half), three text fields — start and end as HH:MM, the break in
// minutes — with Save and Remove, and as the person types, the time worked and the warnings of
// the German working-time act from core (core/working_time.hpp) in words with an icon. Below the
// week, each day's worked hours and the week's total. The fields are offered on remote days up to
// today only, because the server refuses a time on any other day (not_a_remote_day, day_in_future).
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <imgui.h>

#include "labels.hpp"
#include "schedule/schedule_view.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/working_time.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

std::optional<WorkTime> record_of(const std::vector<WorkTime>& records, Date day) {
  const auto it = std::ranges::find(records, day, &WorkTime::date);
  return it == records.end() ? std::nullopt : std::optional<WorkTime>{*it};
}

template <std::size_t N>
void fill(std::array<char, N>& buffer, const std::string& text) {
  buffer.fill('\0');
  std::copy_n(text.begin(), std::min(text.size(), N - 1), buffer.begin());
}

// Whole minutes, digits only ("30"); nullopt for anything else, an empty field included.
std::optional<int> parse_minutes(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// A label on its own and the field after it on the same line when it fits: keyboard reachable
// (Tab), identity fixed whatever the language.
template <std::size_t N>
void labelled_field(const char* words, const char* identity, std::array<char, N>& buffer, bool first) {
  const float width = ImGui::CalcTextSize(words).x + ImGui::GetStyle().ItemSpacing.x + ui::em(5.0f);
  if (!first) ui::SameLineIfFits(width);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(words);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(4.5f));
  ui::TextField(identity, buffer.data(), buffer.size(), ImGuiInputTextFlags_CharsNoBlank);
}

// "8:00 h" / "8:00 Std.": hours and minutes of work.
std::string hours_words(int minutes) {
  // TRANSLATORS: {0} hours and minutes of work ("38:30"); German "{0} Std.".
  return fmt::format(fmt::runtime(tr("{0} h")), format_duration(minutes));
}

}  // namespace

void ScheduleView::draw_work_time(const AppState& state, Date day, Intents& out) {
  if (!is_remote_day(state.data.workdays, day)) return;
  const std::optional<WorkTime> stored = record_of(state.data.work_times, day);
  // A day still to come has no working time yet (the server refuses it, day_in_future); one
  // recorded before stays removable.
  if (day > state.today && !stored) {
    ImGui::Spacing();
    ui::StatusLine(ui::icon::clock, tr("Working time: you can record it on the day and after it."), ui::Tone::neutral);
    return;
  }
  if (work_time_.day != day || work_time_.filled_from != stored) {
    work_time_.day = day;
    work_time_.filled_from = stored;
    fill(work_time_.start, stored ? format_clock_time(stored->start) : std::string{});
    fill(work_time_.end, stored ? format_clock_time(stored->end) : std::string{});
    fill(work_time_.pause, stored ? std::to_string(stored->break_minutes) : std::string{});
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(fmt::format("{} {}", ui::icon::clock, tr("Working time")).c_str());
  ImGui::PushID("work-time");
  labelled_field(tr("Start (HH:MM)"), "###work-time-start", work_time_.start, true);
  labelled_field(tr("End (HH:MM)"), "###work-time-end", work_time_.end, false);
  labelled_field(tr("Break (minutes)"), "###work-time-break", work_time_.pause, false);
  ImGui::PopID();

  const auto start = parse_clock_time(work_time_.start.data());
  const auto end = parse_clock_time(work_time_.end.data());
  const auto pause = parse_minutes(work_time_.pause.data());
  std::optional<WorkTime> typed;
  if (start && end && pause) {
    const WorkTime candidate{day, *start, *end, *pause};
    if (const auto refusal = work_time_refusal(candidate, state.data.workdays, state.today)) {
      ui::StatusLine(ui::icon::error, tr(refusal_message_en(*refusal)), ui::Tone::danger);
    } else {
      typed = candidate;
    }
  } else if (work_time_.start[0] != '\0' || work_time_.end[0] != '\0' || work_time_.pause[0] != '\0') {
    ui::StatusLine(ui::icon::info, tr("Enter start and end as HH:MM and the break in minutes."), ui::Tone::neutral);
  }
  if (typed) {
    // TRANSLATORS: {0} the time worked on the day ("8:00 h").
    ui::StatusLine(ui::icon::clock, fmt::format(fmt::runtime(tr("Worked: {0}")), hours_words(worked_minutes(*typed))),
                   ui::Tone::neutral);
    for (const WorkTimeWarning warning : work_time_warnings(*typed, previous_record(state.data.work_times, day))) {
      // TRANSLATORS: a warning of the working-time act; {0} what it says.
      ui::StatusLine(ui::icon::warning, fmt::format(fmt::runtime(tr("Warning: {0}")), tr(work_time_warning_en(warning))),
                     ui::Tone::warning);
    }
  }
  const auto& pending = state.data.pending_work_time_days;
  if (std::ranges::find(pending, day) != pending.end()) {
    ui::StatusLine(ui::icon::pending,
                   stored ? tr("Not sent to the server yet.") : tr("Removed on this computer; not sent to the server yet."),
                   ui::Tone::neutral);
  }
  ImGui::BeginDisabled(!typed || typed == stored);
  if (ui::Button(fmt::format("{} {}###work-time-save", ui::icon::check, tr("Save working time")).c_str())) {
    out.push_back(SaveWorkTime{*typed});
  }
  ImGui::EndDisabled();
  if (stored) {
    const std::string remove = fmt::format("{}###work-time-remove", tr("Remove working time"));
    ui::SameLineIfFits(ui::ButtonWidth(remove.c_str()));
    if (ui::Button(remove.c_str())) out.push_back(RemoveWorkTime{day});
  }
}

void ScheduleView::draw_week_hours(const AppState& state) {
  const Date monday = state.schedule.week_start;
  std::vector<std::string> days;
  std::vector<std::string> warned;
  for (int d = 0; d < 7; ++d) {
    const Date day = add_days(monday, d);
    const auto record = record_of(state.data.work_times, day);
    if (!record) continue;
    days.push_back(fmt::format("{} {}", weekday_short(d), format_duration(worked_minutes(*record))));
    if (!work_time_warnings(*record, previous_record(state.data.work_times, day)).empty()) {
      warned.emplace_back(weekday_short(d));
    }
  }
  if (days.empty()) return;
  // TRANSLATORS: {0} the week's hours ("38:30 h"), {1} each day's ("Mon 8:00 · Tue 7:30").
  ui::StatusLine(ui::icon::clock,
                 fmt::format(fmt::runtime(tr("Working time this week: {0} ({1})")),
                             hours_words(week_worked_minutes(state.data.work_times, monday)), fmt::join(days, " · ")),
                 ui::Tone::neutral);
  if (!warned.empty()) {
    // TRANSLATORS: {0} the weekdays ("Mon, Wed") whose working time the act warns about.
    ui::StatusLine(ui::icon::warning,
                   fmt::format(fmt::runtime(tr("The working-time act warns about: {0}")), fmt::join(warned, ", ")),
                   ui::Tone::warning);
  }
}

}  // namespace stellwerk::client
