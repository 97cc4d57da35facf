// Desks' intents. What is shown changes AppState::desks on the UI thread (and loads the floor when
// it changes); a booking, cancellation, check-in or favourite is written by the worker through
// sync/local_changes.hpp and then handed to the sync thread (HandlerContext's queue_* helpers).
#include "desks/desks_handler.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "labels.hpp"
#include "notices.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/desk_booking.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {
namespace {

// The local minutes a booking covers: the person's own range, or the department's slot.
SlotTimes booking_times(const store::LocalStore& store, HalfDay half, const std::optional<MinuteRange>& range) {
  if (range) return SlotTimes{range->start, range->end};
  return sync::slot_times(store, half);
}

// A change of several bookings, written on the worker thread; its report is shown in Desks.
void queue_report(HandlerContext& context, std::function<BookingReport(store::LocalStore&)> change) {
  context.worker.post([change = std::move(change)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    BookingReport report = change(*store);
    return [report = std::move(report)](AppState& state) mutable {
      state.desks.report = std::move(report);
      state.requests.sync_soon = true;
    };
  });
  context.reload();
}

// The floor shown changed: nothing of the old one stays on screen while the new one loads.
void show_floor(HandlerContext& context, const Id& floor_id) {
  DesksState& desks = context.state.desks;
  desks.floor_id = floor_id;
  desks.resources.clear();
  desks.busy.clear();
  desks.selected.clear();
  desks.drawing_problem.reset();  // it named a file chosen for the floor shown before
}

}  // namespace

void handle(HandlerContext& context, const SelectBuilding& intent) {
  for (const Building& b : context.state.data.buildings) {
    if (b.id != intent.building_id) continue;
    context.state.desks.building_id = b.id;
    show_floor(context, b.floors.empty() ? Id{} : b.floors.front().id);
    if (!context.state.desks.floor_id.empty()) load_floor(context, context.state.desks.floor_id);
  }
}

void handle(HandlerContext& context, const SelectFloor& intent) {
  show_floor(context, intent.floor_id);
  load_floor(context, intent.floor_id);
}

void handle(HandlerContext& context, const ShowDay& intent) {
  if (!intent.day.ok()) return;
  context.state.desks.day = intent.day;
  context.state.desks.busy.clear();
  if (!context.state.desks.floor_id.empty()) load_floor(context, context.state.desks.floor_id);
}

void handle(HandlerContext& context, const ChooseTime& intent) {
  DesksState& desks = context.state.desks;
  desks.time = intent.time;
  // A range that is empty or outside the day would book nothing: keep the old one.
  if (intent.time == TimeChoice::range && intent.range.start < intent.range.end && intent.range.start >= 0 &&
      intent.range.end <= 24 * 60) {
    desks.range = intent.range;
  }
}

void handle(HandlerContext& context, const ChooseLayout& intent) { context.state.desks.layout = intent.layout; }

void handle(HandlerContext& context, const ToggleFeatureFilter& intent) {
  auto& features = context.state.desks.required_features;
  if (std::erase(features, intent.feature) == 0) features.push_back(intent.feature);
}

void handle(HandlerContext& context, const ToggleOnlyFree&) { context.state.desks.only_free = !context.state.desks.only_free; }

void handle(HandlerContext& context, const SelectResource& intent) {
  context.state.desks.selected = intent.resource_id;
  context.state.desks.removal.reset();  // the editor's question was about the place before
}

void handle(HandlerContext& context, const CloseReport&) { context.state.desks.report.reset(); }

void handle(HandlerContext& context, const BookResource& intent) {
  std::string what = fmt::format("{}, {}", resource_name(context.state, intent.resource_id), long_date(intent.day));
  if (intent.range) {
    what += fmt::format(" {:02}:{:02}–{:02}:{:02}", intent.range->start / 60, intent.range->start % 60,
                        intent.range->end / 60, intent.range->end % 60);
  } else if (intent.half != HalfDay::day) {
    what += fmt::format(" ({})", label(intent.half));
  }
  context.queue_awaited(ChangeKind::booking, std::move(what),
                        [intent, now = now_of(context.state)](store::LocalStore& store) {
                          const SlotTimes times = booking_times(store, intent.half, intent.range);
                          // Starts as the server will start it, so the pending booking's check-in
                          // window is the one the server will give it.
                          const Instant end = to_instant(intent.day, times.end);
                          const Booking booking = sync::queue_booking(
                              store, intent.resource_id, booking_start(to_instant(intent.day, times.start), end, now), end);
                          return mutation_of(store, store::booking_key(booking.id));
                        });
}

void handle(HandlerContext& context, const BookRecurring& intent) {
  const std::vector<Date> days = weekly_dates(intent.first, intent.until, intent.weekdays);
  std::string name = intent.resource_id;
  for (const Resource& r : context.state.desks.resources) {
    if (r.id == intent.resource_id) name = r.name;
  }
  queue_report(context, [intent, days, name, now = now_of(context.state)](store::LocalStore& store) {
    const auto queued = sync::queue_bookings_on_days(store, intent.resource_id, days,
                                                     booking_times(store, intent.half, intent.range), now);
    BookingReport report{BookingReport::Kind::recurring, name, {}, {}};
    for (const Booking& b : queued.queued) report.done.push_back(local_date(b.start));
    for (const sync::SkippedDay& s : queued.skipped) report.skipped.push_back({s.day, std::string{wire_code(s.problem)}});
    return report;
  });
}

void handle(HandlerContext& context, const BookUsual& intent) {
  context.worker.post([intent, now = now_of(context.state)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    const auto usual = sync::queue_usual_booking(*store, intent.day, booking_times(*store, intent.half, intent.range), now);
    const std::int64_t mutation = usual.resource ? mutation_of(*store, store::booking_key(usual.booking_id)) : 0;
    return [day = intent.day, usual, mutation](AppState& state) {
      // Reported by a notice wherever the person asked for it (Desks, or the Wochenplan's offer
      // after planning an office day): pending, then the server's answer; or why nothing was booked.
      if (usual.resource) {
        // TRANSLATORS: in brackets after the desk booked by "Book my usual", in "Booking of EG-07 (…), Thursday, …".
        const char* which = usual.nearest_alike ? i18n::tr("the nearest free desk like your usual one")
                                                // TRANSLATORS: in brackets after the desk booked, as above.
                                                : i18n::tr("your usual desk");
        if (mutation != 0) {
          announce_queued(state, ChangeKind::booking, fmt::format("{} ({}), {}", usual.resource->name, which, long_date(day)),
                          mutation);
        }
      } else {
        const Refusal why = usual.problem.value_or(Refusal::internal);
        // TRANSLATORS: {0} the day ("Thursday, 3 December 2026"), {1} why, a sentence of its own.
        const char* text = i18n::tr("No desk booked for {0}. {1}");
        add_toast(state, ToastKind::refused, fmt::format(fmt::runtime(text), long_date(day), problem_text(why)));
      }
      state.requests.sync_soon = true;
    };
  });
  context.reload();
}

void handle(HandlerContext& context, const ToggleFavourite& intent) {
  // Added or removed as the store has it when the job runs, so that two quick clicks add and then
  // remove instead of adding twice.
  context.queue_change([id = intent.resource_id, now = now_of(context.state)](store::LocalStore& store) {
    const auto favourites = store.favourites();
    const bool is_favourite =
        std::any_of(favourites.begin(), favourites.end(), [&](const Favourite& f) { return f.resource_id == id; });
    if (is_favourite) sync::queue_unfavourite(store, id);
    else sync::queue_favourite(store, id, false, now);
  });
}

void handle(HandlerContext& context, const MakeUsual& intent) {
  context.queue_change([id = intent.resource_id, now = now_of(context.state)](store::LocalStore& store) {
    sync::queue_favourite(store, id, true, now);
  });
}

void handle(HandlerContext& context, const CancelBooking& intent) {
  context.queue_awaited(ChangeKind::cancel, booking_name(context.state, intent.booking_id),
                        [id = intent.booking_id](store::LocalStore& store) {
                          sync::queue_cancel(store, id);
                          return mutation_of(store, store::booking_key(id));
                        });
}

void handle(HandlerContext& context, const CancelBookingsBetween& intent) {
  if (date::sys_days{intent.to} < date::sys_days{intent.from}) return;
  queue_report(context, [intent, now = now_of(context.state)](store::LocalStore& store) {
    return BookingReport{BookingReport::Kind::cancel_range, {}, sync::queue_cancel_between(store, intent.from, intent.to, now), {}};
  });
}

void handle(HandlerContext& context, const CheckIn& intent) {
  context.queue_change([id = intent.booking_id](store::LocalStore& store) { sync::queue_check_in(store, id); });
}

void handle(HandlerContext& context, const BookAlternative& intent) {
  const std::string what = fmt::format("{}, {} {}", resource_name(context.state, intent.resource_id),
                                       long_date(local_date(intent.start)), time_range(intent.start, intent.end));
  context.queue_awaited(ChangeKind::booking, what, [intent](store::LocalStore& store) {
    // One transaction: the new booking is never queued without the old refusal leaving the list,
    // nor the other way round.
    Booking booked;
    store.atomically([&] {
      booked = sync::queue_booking(store, intent.resource_id, intent.start, intent.end);
      sync::dismiss_conflict(store, intent.mutation_id);
    });
    return mutation_of(store, store::booking_key(booked.id));
  });
}

void handle(HandlerContext& context, const MoveBooking& intent) {
  const std::string what = fmt::format("{}, {} {}", resource_name(context.state, intent.resource_id),
                                       long_date(local_date(intent.start)), time_range(intent.start, intent.end));
  context.queue_awaited(ChangeKind::move, what, [intent](store::LocalStore& store) {
    // One change the server applies whole or not at all, so a refusal never costs the booking the
    // person had; queued in one transaction with the refusal leaving the list.
    Booking moved;
    store.atomically([&] {
      moved = sync::queue_move(store, intent.booking_id, intent.resource_id, intent.start, intent.end);
      sync::dismiss_conflict(store, intent.mutation_id);
    });
    return mutation_of(store, store::booking_key(moved.id));
  });
  std::erase_if(context.state.data.conflicts,
                [id = intent.mutation_id](const ConflictSummary& c) { return c.mutation_id == id; });
}

}  // namespace stellwerk::client
