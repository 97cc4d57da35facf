// The Desks view's bookings over several days: the "Book every week" dialog (weekdays, until when,
// how many days that makes, which rules will skip days) and the report shown after any booking or
// cancellation of several days, listing what was done and each skipped day with the rule's words.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "desks/desks_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "desks/desks_view.hpp"

namespace stellwerk::client {
namespace {

using desks::labelled;
using i18n::tr;
using i18n::trn;

// --- [SECTION] Report of a booking over several days ----------------------------------------------

std::string dates_text(const std::vector<Date>& days) {
  std::string text;
  for (const Date day : days) {
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", weekday_short(weekday_index(day)), display_date(day));
  }
  return text;
}

}  // namespace

namespace desks {

void draw_report(const BookingReport& report, Intents& out) {
  ImGui::Separator();
  std::string title;
  const char* done_label = tr("Booked:");
  switch (report.kind) {
    case BookingReport::Kind::recurring:
      title = fmt::format(fmt::runtime(tr("Recurring booking of {}")), report.resource_name);
      break;
    case BookingReport::Kind::cancel_range:
      title = tr("Cancel a date range");
      done_label = tr("Cancelled:");
      break;
  }
  ui::StatusLine(report.skipped.empty() ? ui::icon::check : ui::icon::warning, title,
                 report.skipped.empty() ? ui::Tone::ok : ui::Tone::warning);
  ImGui::Indent();
  if (report.done.empty()) {
    ImGui::TextWrapped("%s", report.kind == BookingReport::Kind::cancel_range
                                 ? tr("Nothing was cancelled: you had no bookings on these days.")
                                 : tr("Nothing was booked."));
  } else {
    ImGui::TextWrapped("%s %s", done_label, dates_text(report.done).c_str());
    if (report.kind != BookingReport::Kind::cancel_range) {
      ImGui::TextWrapped("%s", tr("They show as pending until the server has confirmed them."));
    }
  }
  if (!report.skipped.empty()) {
    const auto count = static_cast<unsigned long>(report.skipped.size());
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(trn("{} day could not be booked:", "{} days could not be booked:",
                                                           count)),
                                         count)
                                 .c_str());
    for (const BookingReport::Skipped& skipped : report.skipped) {
      ImGui::BulletText("%s – %s", dates_text({skipped.day}).c_str(), problem_text(skipped.problem_code));
    }
  }
  if (ui::Button(labelled(tr("Close"), "close-report").c_str())) out.push_back(CloseReport{});
  ImGui::Unindent();
  ImGui::Separator();
}

}  // namespace desks

// --- [SECTION] Recurring booking dialog ----------------------------------------------------------

void DesksView::open_recurring(const AppState& state, const Resource& resource) {
  const Date first = shown_day(state);
  RecurringForm form;
  form.resource_id = resource.id;
  form.resource_name = resource.name;
  // The shown day's weekday, when the department books it (its box is disabled otherwise, and a
  // tick there could not be taken back).
  const auto weekday = static_cast<std::size_t>(weekday_index(first));
  if (policy_of(state).bookable_weekdays[weekday]) form.weekdays[weekday] = true;
  form.until = add_days(first, 28);
  recurring_ = std::move(form);
  recurring_opening_ = true;
}

// Long because it is one modal dialog drawn top to bottom between BeginPopupModal and EndPopup,
// which must stay paired in one scope.
void DesksView::draw_recurring(const AppState& state, Intents& out) {
  constexpr const char* kPopup = "###recurring";
  if (recurring_opening_) {
    ImGui::OpenPopup(kPopup);
    recurring_opening_ = false;
  }
  const std::string title = labelled(tr("Book every week"), "recurring");
  if (!recurring_ || !ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    recurring_.reset();  // closed: the next "Book recurring…" starts afresh
    return;
  }
  RecurringForm& form = *recurring_;
  const Date first = shown_day(state);
  const DepartmentPolicy& policy = policy_of(state);
  const bool keyboard_cancel = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                               ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  ImGui::PushTextWrapPos(ui::em(32.0f));
  ImGui::TextWrapped("%s", form.resource_name.c_str());
  const Interval time = chosen_interval(state);
  ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("{0}, from {1}")), state.desks.time == TimeChoice::range
                                                                                ? time_range(time.start, time.end)
                                                                                : fmt::format("{} ({})", label(state.desks.time), time_range(time.start, time.end)),
                                       display_date(first))
                               .c_str());
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("On these weekdays:"));
  for (int d = 0; d < 7; ++d) {
    const auto index = static_cast<std::size_t>(d);
    const std::string box = labelled(weekday_name(d), fmt::format("weekday-{}", d));
    if (d > 0) ui::SameLineIfFits(ui::ButtonWidth(box.c_str()) + ImGui::GetFrameHeight());
    const bool bookable = policy.bookable_weekdays[index];
    if (!bookable) ImGui::BeginDisabled();
    if (desks::located_checkbox(box.c_str(), form.weekdays[index])) form.weekdays[index] = !form.weekdays[index];
    if (!bookable) ImGui::EndDisabled();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Until:"));
  ImGui::SameLine();
  if (ui::Button(labelled(tr("− 1 week"), "until-week-prev").c_str())) form.until = add_days(form.until, -7);
  ImGui::SameLine();
  if (const auto until = desks::day_stepper("until", form.until)) form.until = *until;
  ImGui::SameLine();
  if (ui::Button(labelled(tr("+ 1 week"), "until-week-next").c_str())) form.until = add_days(form.until, 7);
  if (date::sys_days{form.until} < date::sys_days{first}) form.until = first;

  const std::vector<Date> days = weekly_dates(first, form.until, form.weekdays);
  const auto count = static_cast<unsigned long>(days.size());
  if (days.empty()) {
    ui::StatusLine(ui::icon::info, tr("Choose at least one weekday."), ui::Tone::neutral);
  } else {
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(trn("This books {} day.", "This books {} days.", count)), count).c_str());
  }
  const Date horizon = add_days(state.today, policy.days_ahead);
  if (date::sys_days{form.until} > date::sys_days{horizon}) {
    ui::StatusLine(ui::icon::info,
                   fmt::format(fmt::runtime(tr("Days after {} are too far ahead to book yet; they will be listed as "
                                               "not booked.")),
                               display_date(horizon)),
                   ui::Tone::neutral);
  }
  ImGui::TextWrapped("%s", tr("Days a rule stops (holidays, closures, a taken desk) are skipped and listed afterwards."));
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  bool close = keyboard_cancel;
  if (days.empty()) ImGui::BeginDisabled();
  const std::string book =
      labelled(fmt::format(fmt::runtime(trn("Book {} day", "Book {} days", count)), count), "recurring-book");
  if (ui::Button(book.c_str())) {
    out.push_back(BookRecurring{form.resource_id, first, form.until, form.weekdays, chosen_half(state),
                                chosen_range(state)});
    close = true;
  }
  if (days.empty()) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::Button(labelled(tr("Cancel"), "recurring-cancel").c_str())) close = true;
  if (close) {
    ImGui::CloseCurrentPopup();
    recurring_.reset();
  }
  ImGui::EndPopup();
}

}  // namespace stellwerk::client
