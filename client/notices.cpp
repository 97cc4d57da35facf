// The notices about the person's own changes (notices.hpp): what each says, and when a queued
// change's answer from the server becomes a notice.
#include "notices.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "labels.hpp"
#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"

namespace stellwerk::client {

void add_toast(AppState& state, ToastKind kind, std::string text) {
  state.toasts.push_back(Toast{state.next_toast_id++, kind, std::move(text), now_of(state)});
  if (state.toasts.size() > kToastsShown) state.toasts.erase(state.toasts.begin());
}


namespace {

// What a confirmed change of `kind` is told as; nullptr for kinds confirmed without a notice.
const char* confirmation_text(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::booking: return i18n::tr("Booking of {}: the server confirmed it.");
    case ChangeKind::cancel: return i18n::tr("Cancellation of {}: the server confirmed it.");
    case ChangeKind::move: return i18n::tr("Move to {}: the server confirmed it.");
    case ChangeKind::approval_decision: return i18n::tr("Decision on {}: the server confirmed it.");
    case ChangeKind::place_edit: return i18n::tr("Place {}: the server confirmed it.");
    case ChangeKind::place_removal: return i18n::tr("Removal of {}: the server confirmed it.");
    case ChangeKind::floor_drawing: return i18n::tr("Drawing of {}: the server confirmed it.");
    default: return nullptr;
  }
}

}  // namespace

// Tells the person what the server said to the changes they were told were pending, once a load
// shows the answer: confirmed, or refused with the reason (and the refusal stays on Home).
void report_outcomes(AppState& state) {
  std::erase_if(state.awaited, [&](const AwaitedChange& change) {
    const auto& outcomes = state.data.outcomes;
    const auto it = std::find_if(outcomes.begin(), outcomes.end(), [&](const auto& o) { return o.first == change.mutation_id; });
    if (it == outcomes.end() || it->second == ChangeOutcome::pending) return false;  // not asked yet, or no answer yet
    if (it->second == ChangeOutcome::gone) return true;  // a rebuilt store: nothing true to say
    if (it->second == ChangeOutcome::confirmed) {
      if (const char* text = confirmation_text(change.kind)) {
        add_toast(state, ToastKind::confirmed, fmt::format(fmt::runtime(text), change.what));
      }
      return true;
    }
    std::string reason = problem_text("");
    for (const ConflictSummary& c : state.data.conflicts) {
      if (c.mutation_id == change.mutation_id) reason = refusal_text(c.problem_code, c.problem_title);
    }
    // A refused move changed nothing on the server: the notice says the booking is kept, since
    // that is what a person who just moved it worries about.
    const char* text = change.kind == ChangeKind::booking ? i18n::tr("Booking of {0} – {1}")
                       : change.kind == ChangeKind::cancel ? i18n::tr("Cancellation of {0} – {1}")
                       : change.kind == ChangeKind::move   ? i18n::tr("Move to {0} – {1} Your booking stays as it was.")
                       : change.kind == ChangeKind::work_time || change.kind == ChangeKind::work_time_removal
                           ? i18n::tr("Working time of {0} – {1}")
                       : change.kind == ChangeKind::approval_decision ? i18n::tr("Decision on {0} – {1}")
                       : change.kind == ChangeKind::place_edit        ? i18n::tr("Place {0} – {1}")
                       : change.kind == ChangeKind::place_removal     ? i18n::tr("Removal of {0} – {1}")
                       : change.kind == ChangeKind::floor_drawing     ? i18n::tr("Drawing of {0} – {1}")
                                                           : i18n::tr("Plan for {0} – {1}");
    add_toast(state, ToastKind::refused, fmt::format(fmt::runtime(text), change.what, reason));
    return true;
  });
}

// The mutation id of the pending change that touches `entity` last (the one just queued).
std::int64_t mutation_of(const store::LocalStore& store, std::string_view entity) {
  std::int64_t found = 0;
  for (const store::OutboxEntry& entry : store.pending_outbox()) {
    if (store.outbox_entity(entry.mutation_id) == entity) found = entry.mutation_id;
  }
  return found;
}

void announce_queued(AppState& state, ChangeKind kind, const std::string& what, std::int64_t mutation_id) {
  state.awaited.push_back(AwaitedChange{mutation_id, kind, what});
  const char* text = kind == ChangeKind::booking ? i18n::tr("Booking of {} saved on this computer; the server has not confirmed it yet.")
                     : kind == ChangeKind::cancel ? i18n::tr("Cancellation of {} saved on this computer; the server has not confirmed it yet.")
                     : kind == ChangeKind::move ? i18n::tr("Move to {} saved on this computer; the server has not confirmed it yet.")
                     : kind == ChangeKind::work_time || kind == ChangeKind::work_time_removal
                         ? i18n::tr("Working time of {} saved on this computer; the server has not confirmed it yet.")
                     : kind == ChangeKind::approval_decision
                         ? i18n::tr("Decision on {} saved on this computer; the server has not confirmed it yet.")
                     : kind == ChangeKind::place_edit
                         ? i18n::tr("Place {} saved on this computer; the server has not confirmed it yet.")
                     : kind == ChangeKind::place_removal
                         ? i18n::tr("Removal of {} saved on this computer; the server has not confirmed it yet.")
                     : kind == ChangeKind::floor_drawing
                         ? i18n::tr("Drawing of {} saved on this computer; the server has not confirmed it yet.")
                                                  : i18n::tr("Plan for {} saved on this computer; the server has not confirmed it yet.");
  add_toast(state, ToastKind::pending, fmt::format(fmt::runtime(text), what));
}

// The name a person knows a resource by, from what the UI has loaded (the id when none).
std::string resource_name(const AppState& state, const Id& id) {
  for (const Resource& r : state.desks.resources) {
    if (r.id == id) return r.name;
  }
  for (const BookingSummary& b : state.data.bookings) {
    if (b.booking.resource_id == id) return b.resource_name;
  }
  for (const ConflictSummary& c : state.data.conflicts) {  // "Book this instead" may be on another floor
    for (const AlternativeSummary& a : c.alternatives) {
      if (a.resource_id == id) return a.name;
    }
  }
  return id;
}

// "EG-01, Thursday, 26 November 2026 08:00–17:00" for one of the person's bookings.
std::string booking_name(const AppState& state, const Id& booking_id) {
  for (const BookingSummary& b : state.data.bookings) {
    if (b.booking.id != booking_id) continue;
    return fmt::format("{}, {} {}", b.resource_name, long_date(local_date(b.booking.start)),
                       time_range(b.booking.start, b.booking.end));
  }
  return booking_id;
}

}  // namespace stellwerk::client
