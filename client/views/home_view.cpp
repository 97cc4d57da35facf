// Home ("Start"): today at a glance — the person's booking, their plan, trainings that are due and
// the state of synchronisation — each card with a button that leads to the view where it is changed.
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "../labels.hpp"
#include "../training_status.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "views.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;
using i18n::trn;

std::string labelled(const char* text, const char* identity) { return std::string(text) + "###" + identity; }

void draw_booking_card(const AppState& state, Intents& out) {
  if (!ui::BeginCard("###card-booking", ui::icon::desk, tr("My booking today"), 10.0f)) {
    ui::EndCard();
    return;
  }
  const BookingSummary* today = nullptr;
  for (const BookingSummary& b : state.data.bookings) {
    if (local_date(b.booking.start) == state.today && b.booking.state != BookingState::cancelled &&
        b.booking.state != BookingState::released) {
      today = &b;
      break;
    }
  }
  if (today != nullptr) {
    ImGui::Text("%s %s", icon(today->resource_type), today->resource_name.c_str());
    ImGui::TextUnformatted(fmt::format("{} · {}", today->building_name, today->floor_name).c_str());
    ImGui::TextUnformatted(time_range(today->booking.start, today->booking.end).c_str());
    ui::StatusLine(ui::icon::check, label(today->booking.state),
                   today->booking.state == BookingState::checked_in ? ui::Tone::ok : ui::Tone::accent);
  } else {
    ui::EmptyState(tr("You have no desk booked for today."));
    if (ui::Button(labelled(tr("Find a desk"), "home-find-desk").c_str())) out.push_back(Navigate{ViewId::desks});
  }
  ui::EndCard();
}

void draw_plan_card(const AppState& state, Intents& out) {
  if (!ui::BeginCard("###card-plan", ui::icon::calendar, tr("My plan today"), 10.0f)) {
    ui::EndCard();
    return;
  }
  if (const auto holiday = nrw_holiday(state.today)) {
    ui::StatusLine(ui::icon::holiday, fmt::format(fmt::runtime(tr("Public holiday: {}")), label(*holiday)),
                   ui::Tone::accent);
  } else if (!is_working_day(state.today)) {
    ui::StatusLine(ui::icon::off, tr("Weekend"), ui::Tone::neutral);
  }
  bool any = false;
  for (const Workday& w : state.data.workdays) {
    if (w.date != state.today || w.kind != WorkdayKind::planned) continue;
    any = true;
    ImGui::Text("%s %s: %s", icon(w.mode), label(w.half), label(w.mode));
  }
  if (!any) ui::EmptyState(tr("Nothing planned for today."));
  if (ui::Button(labelled(tr("Plan my week"), "home-plan-week").c_str())) out.push_back(Navigate{ViewId::schedule});
  ui::EndCard();
}

void draw_training_card(const AppState& state, Intents& out) {
  if (!ui::BeginCard("###card-training", ui::icon::training, tr("Due trainings"), 11.0f)) {
    ui::EndCard();
    return;
  }
  const auto items = training_items(state.data.courses, state.data.enrollments, state.today);
  const auto due = due_trainings(items);
  if (due.empty()) ui::EmptyState(tr("No trainings are due. Well done!"));
  for (std::size_t i = 0; i < due.size() && i < 4; ++i) {
    const TrainingItem& item = due[i];
    std::string when;
    if (item.urgency == TrainingUrgency::expired) {
      when = fmt::format(fmt::runtime(tr("expired on {}")), display_date(*item.due_on));
    } else if (item.urgency == TrainingUrgency::overdue) {
      when = fmt::format(fmt::runtime(tr("overdue since {}")), display_date(*item.due_on));
    } else if (item.due_on) {
      when = fmt::format(fmt::runtime(tr("due by {}")), display_date(*item.due_on));
    } else {
      when = tr("mandatory");
    }
    const bool late = item.urgency != TrainingUrgency::due;
    ui::StatusLine(late ? ui::icon::warning : ui::icon::clock, fmt::format("{} – {}", item.course->title, when),
                   late ? ui::Tone::danger : ui::Tone::warning);
  }
  if (ui::Button(labelled(tr("Open trainings"), "home-trainings").c_str())) out.push_back(Navigate{ViewId::training});
  ui::EndCard();
}

void draw_sync_card(const AppState& state) {
  if (!ui::BeginCard("###card-sync", ui::icon::pending, tr("Synchronisation"), 11.0f)) {
    ui::EndCard();
    return;
  }
  const SyncSummary& sync = state.data.sync;
  if (!sync.server_configured) {
    ui::StatusLine(ui::icon::local, tr("Working with local data. No server is connected yet."), ui::Tone::warning);
  } else {
    ui::StatusLine(ui::icon::online, tr("Connected to the booking server."), ui::Tone::ok);
  }
  const auto pending = static_cast<unsigned long>(sync.pending);
  ImGui::TextUnformatted(fmt::format(fmt::runtime(trn("{} change waits to be sent.", "{} changes wait to be sent.",
                                                      pending)),
                                     pending)
                             .c_str());
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  ImGui::TextUnformatted(fmt::format(fmt::runtime(tr("Last sync: {}")), relative_time(sync.last_sync, now)).c_str());
  ui::EndCard();
}

}  // namespace

void HomeView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::home, label(ViewId::home));
  if (state.data.me) {
    ImGui::TextUnformatted(fmt::format(fmt::runtime(tr("Hello, {}!")), state.data.me->display_name).c_str());
  }
  ImGui::TextUnformatted(long_date(state.today).c_str());
  ImGui::Spacing();

  // Two columns of cards; the table keeps them aligned at every scale.
  if (ImGui::BeginTable("###home-cards", 2, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    draw_booking_card(state, out);
    ImGui::TableNextColumn();
    draw_plan_card(state, out);
    ImGui::TableNextColumn();
    draw_training_card(state, out);
    ImGui::TableNextColumn();
    draw_sync_card(state);
    ImGui::EndTable();
  }
}

}  // namespace stellwerk::client
