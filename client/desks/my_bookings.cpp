// The Desks view's "My bookings": the person's coming bookings with check-in (inside its window)
// and cancel, the release time of each booking not checked in, the bookings of the last two weeks,
// and a form to cancel every booking in a range of days (asked once more before it is sent).
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "desks/desks_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "desks/desks_view.hpp"

namespace stellwerk::client {
namespace {

using desks::Frame;
using desks::labelled;
using i18n::tr;
using i18n::trn;

bool within(Date day, Date from, Date to) {
  return date::sys_days{from} <= date::sys_days{day} && date::sys_days{day} <= date::sys_days{to};
}

// Cells stay one line per fact; what a narrow column cannot hold ends in "…" with a tooltip.
void place_cell(const BookingSummary& b) {
  ui::TextFitted(fmt::format("{} {}", icon(b.resource_type), b.resource_name));
  if (!b.building_name.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ui::TextFitted(fmt::format("{} · {}", b.building_name, b.floor_name));
    ImGui::PopStyleColor();
  }
}

void when_cell(const BookingSummary& b) {
  const Date day = local_date(b.booking.start);
  ui::TextFitted(fmt::format("{} {}", weekday_short(weekday_index(day)), display_date(day)));
  ui::TextFitted(time_range(b.booking.start, b.booking.end));
}

// A table of bookings: when, where and their state, and with `more` (upcoming bookings) what
// follows the state in its cell and an Actions column after it.
void booking_table(const char* identity, const std::vector<const BookingSummary*>& rows,
                   const std::function<void(const BookingSummary&)>& more) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(identity, more ? 4 : 3, flags)) return;
  ImGui::TableSetupColumn(tr("When"), ImGuiTableColumnFlags_None, 1.6f);
  ImGui::TableSetupColumn(tr("Place"), ImGuiTableColumnFlags_None, 2.2f);
  ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_None, 2.4f);
  if (more) ImGui::TableSetupColumn(tr("Actions"), ImGuiTableColumnFlags_None, 2.4f);
  ui::TableHeadersRow();
  for (const BookingSummary* b : rows) {
    ImGui::PushID(b->booking.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    when_cell(*b);
    ImGui::TableNextColumn();
    place_cell(*b);
    ImGui::TableNextColumn();
    desks::booking_state_line(*b);
    if (more) more(*b);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

// Long because it is one list drawn top to bottom (coming bookings, the date-range cancellation and
// its confirmation) whose ImGui Begin/End pairs must stay in one scope.
void DesksView::draw_my_bookings(const AppState& state, Intents& out) {
  const Frame frame = desks::frame_of(state);
  ui::StatusLine(ui::icon::calendar, tr("Upcoming"), ui::Tone::accent);
  std::vector<const BookingSummary*> upcoming;
  for (const BookingSummary& b : state.data.bookings) {
    // A pending cancellation stays in sight until it is sent; bookings over today move to "Recent".
    // One facility management released stays too, saying why.
    if ((is_active(b.booking.state) || b.pending || b.released_because) && b.booking.end > frame.now) {
      upcoming.push_back(&b);
    }
  }
  if (upcoming.empty()) {
    ui::EmptyState(tr("You have no upcoming bookings."));
  } else {
    booking_table("###my-upcoming", upcoming, [&](const BookingSummary& b) {
      desks::release_line(state, frame, b.booking);
      ImGui::TableNextColumn();
      desks::booking_buttons(state, frame, b, cancelling_, "my-", out);
    });
  }

  // --- Cancel a date range
  ImGui::Spacing();
  ImGui::Separator();
  ui::StatusLine(ui::icon::cancel, tr("Cancel a date range"), ui::Tone::accent);
  CancelRangeForm& form = cancel_range_;
  if (!form.from.ok() || !form.to.ok()) {
    form.from = state.today;
    form.to = add_days(state.today, 6);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("From"));
  ImGui::SameLine();
  if (const auto from = desks::day_stepper("cancel-from", form.from)) {
    form.from = *from;
    form.confirming = false;
  }
  ui::SameLineIfFits(ui::em(14.0f));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("to"));
  ImGui::SameLine();
  if (const auto to = desks::day_stepper("cancel-to", form.to)) {
    form.to = *to;
    form.confirming = false;
  }
  const auto count = static_cast<unsigned long>(std::count_if(upcoming.begin(), upcoming.end(), [&](const BookingSummary* b) {
    return is_active(b->booking.state) && within(local_date(b->booking.start), form.from, form.to);
  }));
  const bool backwards = date::sys_days{form.to} < date::sys_days{form.from};
  if (backwards) {
    ui::StatusLine(ui::icon::info, tr("The last day is before the first day."), ui::Tone::warning);
  } else if (count == 0) {
    ui::StatusLine(ui::icon::info, tr("You have no bookings on these days."), ui::Tone::neutral);
  }
  if (form.confirming && count > 0 && !backwards) {
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(trn("Cancel {0} booking from {1} to {2}?",
                                                           "Cancel {0} bookings from {1} to {2}?", count)),
                                         count, display_date(form.from), display_date(form.to))
                                 .c_str());
    if (ui::Button(labelled(tr("Yes, cancel"), "cancel-range-confirm").c_str())) {
      out.push_back(CancelBookingsBetween{form.from, form.to});
      form.confirming = false;
    }
    const std::string keep = labelled(tr("Keep"), "cancel-range-keep");
    ui::SameLineIfFits(ui::ButtonWidth(keep.c_str()));
    if (ui::Button(keep.c_str())) form.confirming = false;
  } else {
    const bool can = count > 0 && !backwards;
    if (!can) ImGui::BeginDisabled();
    const std::string cancel = labelled(
        fmt::format(fmt::runtime(trn("Cancel {} booking", "Cancel {} bookings", count)), count), "cancel-range");
    if (ui::Button(cancel.c_str())) form.confirming = true;
    if (!can) ImGui::EndDisabled();
  }

  // --- Recent
  ImGui::Spacing();
  ImGui::Separator();
  ui::StatusLine(ui::icon::clock, fmt::format(fmt::runtime(tr("Recent (the last {} days)")), kRecentBookingDays),
                 ui::Tone::accent);
  std::vector<const BookingSummary*> recent;
  // Earlier today's bookings that are over belong here as well: they are history now.
  for (const BookingSummary& b : state.data.bookings) {
    if (b.booking.end <= frame.now) recent.push_back(&b);
  }
  std::reverse(recent.begin(), recent.end());  // newest first, like recent_bookings
  for (const BookingSummary& b : state.data.recent_bookings) recent.push_back(&b);
  if (recent.empty()) {
    ui::EmptyState(tr("No bookings in the last two weeks."));
  } else {
    booking_table("###my-recent", recent, nullptr);
  }
}

}  // namespace stellwerk::client
