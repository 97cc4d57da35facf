// Home ("Start"): today at a glance — the person's booking, their plan, trainings that are due and
// the state of synchronisation — each card with a button that leads to the view where it is changed.
// Above the cards, the changes the server refused (conflicts), each with what the person can do
// about it; below them, the coming bookings with check-in and cancel. Changes not yet sent are
// marked "pending" in words and with an icon, never by colour alone.
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "desks/desk_states.hpp"
#include "labels.hpp"
#include "training/training_status.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "home/home_view.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;
using i18n::trn;

std::string labelled(const char* text, const char* identity) { return std::string(text) + "###" + identity; }

Instant now_seconds() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

// "Booked" or "Booked · pending" with the pending icon: the state the person will see once the
// change is sent, and that it has not been sent yet.
void booking_state_line(const BookingSummary& summary) {
  if (summary.pending) {
    ui::StatusLine(ui::icon::pending, fmt::format("{} · {}", label(summary.booking.state), tr("pending")),
                   ui::Tone::warning);
  } else {
    ui::StatusLine(ui::icon::check, label(summary.booking.state),
                   summary.booking.state == BookingState::checked_in ? ui::Tone::ok : ui::Tone::accent);
  }
}

// The heading of a refused change: what it was, about what, and when.
std::string conflict_heading(const ConflictSummary& conflict) {
  std::string text = label(conflict.kind);
  if (!conflict.subject.empty()) text += ": " + conflict.subject;
  if (conflict.start && conflict.end) {
    text += fmt::format(", {} {}", display_date(local_date(*conflict.start)), time_range(*conflict.start, *conflict.end));
  } else if (conflict.day) {
    text += ", " + display_date(*conflict.day);
  }
  return text;
}

const char* nearest_free_text(ResourceType type) {
  switch (type) {
    case ResourceType::room: return tr("Nearest free meeting room with the same features:");
    case ResourceType::parking: return tr("Nearest free parking space with the same features:");
    case ResourceType::desk:
    case ResourceType::COUNT: break;
  }
  return tr("Nearest free desk with the same features:");
}

void draw_conflicts(const AppState& state, Intents& out) {
  const auto& conflicts = state.data.conflicts;
  if (conflicts.empty()) return;
  const auto count = static_cast<unsigned long>(conflicts.size());
  ImGui::Separator();
  ui::StatusLine(ui::icon::error,
                 fmt::format(fmt::runtime(trn("The server refused {} change", "The server refused {} changes", count)), count),
                 ui::Tone::danger);
  for (const ConflictSummary& conflict : conflicts) {
    const std::string id = std::to_string(conflict.mutation_id);
    ImGui::PushID(id.c_str());
    ImGui::Indent();
    ImGui::TextWrapped("%s", conflict_heading(conflict).c_str());
    const std::string problem = refusal_text(conflict.problem_code, conflict.problem_title);
    if (conflict.kind == ChangeKind::booking && conflict.start && conflict.end && conflict.existing) {
      // "You already have a desk": another place would be refused the same way; moving the booking helps.
      const BookingSummary& held = *conflict.existing;
      ui::StatusLine(ui::icon::warning, problem, ui::Tone::danger);
      ImGui::AlignTextToFramePadding();
      ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Your booking that day: {0}, {1}")), held.resource_name,
                                           time_range(held.booking.start, held.booking.end))
                                   .c_str());
      const std::string move = fmt::format("{}###conflict-{}-move",
                                           fmt::format(fmt::runtime(tr("Move it to {}")), conflict.subject), id);
      ui::SameLineIfFits(ui::ButtonWidth(move.c_str()));
      if (ui::Button(move.c_str())) {
        out.push_back(MoveBooking{conflict.mutation_id, held.booking.id, conflict.resource_id, *conflict.start, *conflict.end});
      }
    } else if (conflict.kind == ChangeKind::booking && conflict.start && conflict.end &&
               another_place_helps(conflict.problem_code)) {
      if (conflict.alternatives.empty()) {
        ui::StatusLine(ui::icon::warning,
                       fmt::format("{} — {}", problem, tr("no free place with the same features was found for that time.")),
                       ui::Tone::danger);
      } else {
        ui::StatusLine(ui::icon::warning, fmt::format("{} — {}", problem, nearest_free_text(conflict.alternatives.front().type)),
                       ui::Tone::danger);
        for (std::size_t i = 0; i < conflict.alternatives.size(); ++i) {
          const AlternativeSummary& alternative = conflict.alternatives[i];
          ImGui::AlignTextToFramePadding();
          ImGui::Text("%s %s (%s, %s)", icon(alternative.type), alternative.name.c_str(),
                      alternative.building_name.c_str(), alternative.floor_name.c_str());
          const std::string identity = fmt::format("conflict-{}-book-{}", id, i);
          const std::string book = labelled(tr("Book this instead"), identity.c_str());
          ui::SameLineIfFits(ui::ButtonWidth(book.c_str()));
          if (ui::Button(book.c_str())) {
            out.push_back(BookAlternative{conflict.mutation_id, alternative.resource_id, *conflict.start, *conflict.end});
          }
        }
      }
    } else {
      ui::StatusLine(ui::icon::warning, problem, ui::Tone::danger);
    }
    const std::string dismiss = fmt::format("conflict-{}-dismiss", id);
    if (ui::Button(labelled(tr("Dismiss"), dismiss.c_str()).c_str())) out.push_back(DismissConflict{conflict.mutation_id});
    ImGui::Unindent();
    ImGui::PopID();
    ImGui::Spacing();
  }
  ImGui::Separator();
}

void draw_booking_card(const AppState& state, Intents& out) {
  if (!ui::BeginCard("###card-booking", ui::icon::desk, tr("My booking today"), 10.0f)) {
    ui::EndCard();
    return;
  }
  // Today's active booking; else one facility management released, shown with the reason
  // (booking_state_line) so that the person learns why their desk is gone.
  const BookingSummary* today = nullptr;
  for (const BookingSummary& b : state.data.bookings) {
    if (local_date(b.booking.start) != state.today) continue;
    if (is_active(b.booking.state)) {
      today = &b;
      break;
    }
    if (today == nullptr && b.released_because) today = &b;
  }
  if (today != nullptr) {
    ImGui::Text("%s %s", icon(today->resource_type), today->resource_name.c_str());
    ImGui::TextUnformatted(fmt::format("{} · {}", today->building_name, today->floor_name).c_str());
    ImGui::TextUnformatted(time_range(today->booking.start, today->booking.end).c_str());
    booking_state_line(*today);
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
  const auto items = training_items(state.data.courses, state.data.enrollments, signed_in_learner(state.data.me),
                                    state.today);
  const auto due = due_trainings(items);
  if (due.empty()) ui::EmptyState(tr("No trainings are due. Well done!"));
  for (std::size_t i = 0; i < due.size() && i < 4; ++i) {
    const TrainingItem& item = due[i];
    // Days counted from today in Berlin: how long is left, or how long it has been late.
    const long days = item.due_on && state.today.ok()
                          ? (date::sys_days{*item.due_on} - date::sys_days{state.today}).count()
                          : 0;
    const auto late_by = static_cast<unsigned long>(days < 0 ? -days : 0);
    std::string when;
    if (item.urgency == TrainingUrgency::expired) {
      // TRANSLATORS: {0} a date, {1} how many days ago.
      when = fmt::format(fmt::runtime(i18n::trn("expired on {0}, {1} day ago", "expired on {0}, {1} days ago", late_by)),
                         display_date(*item.due_on), late_by);
    } else if (item.urgency == TrainingUrgency::overdue) {
      // TRANSLATORS: {0} a date, {1} how many days late.
      when = fmt::format(
          fmt::runtime(i18n::trn("overdue since {0}, {1} day late", "overdue since {0}, {1} days late", late_by)),
          display_date(*item.due_on), late_by);
    } else if (item.due_on && days == 0) {
      when = fmt::format(fmt::runtime(tr("due today, {}")), display_date(*item.due_on));
    } else if (item.due_on) {
      const auto left = static_cast<unsigned long>(days);
      // TRANSLATORS: {0} a date, {1} how many days are left.
      when = fmt::format(fmt::runtime(i18n::trn("due by {0}, {1} day left", "due by {0}, {1} days left", left)),
                         display_date(*item.due_on), left);
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

void draw_sync_card(const AppState& state, Intents& out) {
  if (!ui::BeginCard("###card-sync", ui::icon::pending, tr("Synchronisation"), 11.0f)) {
    ui::EndCard();
    return;
  }
  const SyncSummary& sync = state.data.sync;
  if (!sync.server_configured && !state.session.signed_in) {
    ui::StatusLine(ui::icon::local, tr("Working with local data. No server is connected yet."), ui::Tone::warning);
  } else if (state.connection.state == Connection::offline) {
    ui::StatusLine(ui::icon::offline, tr("The server cannot be reached. Changes are kept and sent later."),
                   ui::Tone::danger);
  } else {
    ui::StatusLine(ui::icon::online, tr("Connected to the booking server."), ui::Tone::ok);
  }
  const auto pending = static_cast<unsigned long>(sync.pending);
  ImGui::TextWrapped("%s", fmt::format(fmt::runtime(trn("{} change waits to be sent.", "{} changes wait to be sent.",
                                                         pending)),
                                        pending)
                                .c_str());
  const Instant now = now_seconds();
  ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Last sync: {}")), relative_time(sync.last_sync, now)).c_str());
  if (state.session.signed_in) {
    const bool busy = state.connection.syncing;
    if (busy) ImGui::BeginDisabled();
    if (ui::Button(fmt::format("{} {}###home-sync-now", ui::icon::pending, tr("Sync now")).c_str())) out.push_back(SyncNow{});
    if (busy) ImGui::EndDisabled();
  }
  ui::EndCard();
}

}  // namespace

void HomeView::draw_bookings(const AppState& state, Intents& out) {
  ImGui::Spacing();
  ui::Heading(ui::icon::desk, tr("My bookings"));
  std::vector<const BookingSummary*> shown;
  for (const BookingSummary& b : state.data.bookings) {
    const bool active = b.booking.state == BookingState::booked || b.booking.state == BookingState::checked_in;
    if (active || b.pending) shown.push_back(&b);  // a pending cancellation stays in sight until it is sent
  }
  if (shown.empty()) {
    ui::EmptyState(tr("No bookings in the next four weeks."));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("###bookings", 4, flags)) return;
  ImGui::TableSetupColumn(tr("Place"), ImGuiTableColumnFlags_None, 2.4f);
  ImGui::TableSetupColumn(tr("When"), ImGuiTableColumnFlags_None, 2.0f);
  ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_None, 1.8f);
  ImGui::TableSetupColumn(tr("Actions"), ImGuiTableColumnFlags_None, 2.6f);
  ui::TableHeadersRow();
  const Instant now = now_of(state);  // the view's clock, as the Desks view uses it
  for (const BookingSummary* summary : shown) {
    const Booking& booking = summary->booking;
    ImGui::PushID(booking.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%s %s", icon(summary->resource_type), summary->resource_name.c_str());
    if (!summary->building_name.empty()) {
      ImGui::TextDisabled("%s", fmt::format("{} · {}", summary->building_name, summary->floor_name).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(display_date(local_date(booking.start)).c_str());
    ImGui::TextUnformatted(time_range(booking.start, booking.end).c_str());
    ImGui::TableNextColumn();
    booking_state_line(*summary);
    ImGui::TableNextColumn();
    if (booking.state == BookingState::booked || booking.state == BookingState::checked_in) {
      if (cancelling_ == booking.id) {
        ImGui::TextWrapped("%s", tr("Cancel this booking?"));
        if (ui::Button(labelled(tr("Yes, cancel"), ("cancel-confirm-" + booking.id).c_str()).c_str())) {
          out.push_back(CancelBooking{booking.id});
          cancelling_.clear();
        }
        ImGui::SameLine();
        if (ui::Button(labelled(tr("Keep"), ("cancel-keep-" + booking.id).c_str()).c_str())) cancelling_.clear();
      } else {
        if (booking.state == BookingState::booked) {
          // core's window, as the server's check-in route and the Desks view use it, on the
          // view's clock (state.now), not the wall clock.
          const Instant opens = check_in_window(state, booking).opens;
          if (check_in_open(state, booking, now)) {
            if (ui::Button(labelled(tr("Check in"), ("check-in-" + booking.id).c_str()).c_str())) {
              out.push_back(CheckIn{booking.id});
            }
            ImGui::SameLine();
          } else if (now < opens && local_date(booking.start) == state.today) {
            // Wrapped: the Actions column is narrow at 200 %.
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Check-in from {}")), time_range(opens, opens).substr(0, 5)).c_str());
            ImGui::PopStyleColor();
          }
        }
        if (ui::Button(labelled(tr("Cancel booking"), ("cancel-" + booking.id).c_str()).c_str())) cancelling_ = booking.id;
      }
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void HomeView::draw(const AppState& state, Intents& out) {
  ui::Heading(ui::icon::home, label(ViewId::home));
  if (state.data.me) {
    ImGui::TextUnformatted(fmt::format(fmt::runtime(tr("Hello, {}!")), state.data.me->display_name).c_str());
  }
  ImGui::TextUnformatted(long_date(state.today).c_str());
  ImGui::Spacing();
  draw_conflicts(state, out);

  // Two columns of cards; the table keeps them aligned at every scale.
  if (ImGui::BeginTable("###home-cards", 2, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    draw_booking_card(state, out);
    ImGui::TableNextColumn();
    draw_plan_card(state, out);
    ImGui::TableNextColumn();
    draw_training_card(state, out);
    ImGui::TableNextColumn();
    draw_sync_card(state, out);
    ImGui::EndTable();
  }
  draw_bookings(state, out);
}

}  // namespace stellwerk::client
