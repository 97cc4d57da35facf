#include "home/home_handler.hpp"

#include <algorithm>

#include "desks/desks_handler.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::client {
namespace {

// The path segment after `prefix` up to the next '/', or empty when the path does not start so.
std::string segment_after(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return {};
  path.remove_prefix(prefix.size());
  return std::string(path.substr(0, path.find('/')));
}

// The person's active desk booking that overlaps [start, end) and is not the refused one itself:
// what an "already_booked" refusal is about.
std::optional<BookingSummary> holding_booking(const store::LocalStore& store, const FloorNames& floors,
                                              const sync::Conflict& conflict) {
  if (!conflict.start || !conflict.end) return std::nullopt;
  const Date day = local_date(*conflict.start);
  for (Booking& b : store.my_bookings(day, day)) {
    if (!is_active(b.state) || b.start >= *conflict.end || *conflict.start >= b.end) continue;
    const bool refused_itself = conflict.resource_id && b.resource_id == *conflict.resource_id && sync::is_local_id(b.id);
    if (refused_itself) continue;
    return summarise_booking(store, floors, store.pending_entities(), std::move(b));
  }
  return std::nullopt;
}

// What the refused change was about, named. The kind is the engine's (sync::Conflict::kind); the
// request's path still names the booking or enrolment a cancellation, check-in or completion was
// about.
void describe_subject(const sync::Conflict& conflict, const store::LocalStore& store, ConflictSummary& summary) {
  const auto resource_name = [&](const Id& id) {
    const auto resource = store.resource(id);
    return resource ? resource->name : id;
  };
  const auto describe_booking = [&](const Id& booking_id) {
    if (const auto booking = store.booking(booking_id)) {
      summary.subject = resource_name(booking->resource_id);
      summary.start = booking->start;
      summary.end = booking->end;
    }
  };
  const auto course_title = [&](const Id& course_id) {
    for (const Course& course : store.courses()) {
      if (course.id == course_id) summary.subject = course.title;
    }
  };
  summary.kind = conflict.kind;
  switch (conflict.kind) {
    case ChangeKind::booking:
    case ChangeKind::move:
      if (conflict.resource_id) {
        summary.resource_id = *conflict.resource_id;
        summary.subject = resource_name(*conflict.resource_id);
      }
      break;
    case ChangeKind::cancel:
    case ChangeKind::check_in:
      describe_booking(segment_after(conflict.path, "/api/v1/bookings/"));
      break;
    case ChangeKind::workday:
    case ChangeKind::work_time:
    case ChangeKind::work_time_removal:
      summary.day = conflict.day;  // the engine reads it from the request's path
      break;
    case ChangeKind::enrollment:
      if (conflict.course_id) course_title(*conflict.course_id);
      break;
    case ChangeKind::completion:
    case ChangeKind::withdrawal:  // the refused withdrawal's enrolment is back after the full copy
      for (const Enrollment& enrollment : store.my_enrollments()) {
        if (enrollment.id == segment_after(conflict.path, "/api/v1/enrollments/")) course_title(enrollment.course_id);
      }
      break;
    default:
      break;  // favourites and changes of no known kind: named by their kind alone
  }
}

ConflictSummary summarise(const sync::Conflict& conflict, const store::LocalStore& store, const FloorNames& floors) {
  ConflictSummary summary;
  summary.mutation_id = conflict.mutation_id;
  summary.problem_title = conflict.problem.title;
  summary.problem_code = conflict.problem.code;
  summary.start = conflict.start;
  summary.end = conflict.end;
  describe_subject(conflict, store, summary);
  if (summary.kind == ChangeKind::booking && parse_refusal(conflict.problem.code) == Refusal::already_booked) {
    summary.existing = holding_booking(store, floors, conflict);
  }
  // The engine finds alternatives only where another place helps (core's another_place_helps).
  for (const Resource& alternative : conflict.alternatives) {
    AlternativeSummary named{alternative.id, alternative.name, alternative.type, {}, {}};
    if (const auto it = floors.find(alternative.floor_id); it != floors.end()) {
      named.building_name = it->second.first;
      named.floor_name = it->second.second;
    }
    summary.alternatives.push_back(std::move(named));
  }
  return summary;
}

}  // namespace

void handle(HandlerContext& context, const Navigate& intent) { context.state.view = intent.view; }

void handle(HandlerContext& context, const DismissNotice&) {
  context.state.notice.clear();
  context.state.error.clear();
}

void handle(HandlerContext& context, const DismissToast& intent) {
  std::erase_if(context.state.toasts, [id = intent.id](const Toast& t) { return t.id == id; });
}

void handle(HandlerContext& context, const DismissConflict& intent) {
  const auto id = intent.mutation_id;
  // Gone from the panel at once; the reload confirms it.
  std::erase_if(context.state.data.conflicts, [id](const ConflictSummary& c) { return c.mutation_id == id; });
  context.worker.post([id](store::LocalStore* store) -> UiUpdate {
    if (store != nullptr) sync::dismiss_conflict(*store, id);
    return {};
  });
  context.reload();
}

void load_home(const store::LocalStore& store, const std::vector<std::int64_t>& awaited, ClientData& data) {
  const FloorNames floors = floor_names(data.buildings);
  for (const sync::Conflict& conflict : sync::conflicts(store)) data.conflicts.push_back(summarise(conflict, store, floors));
  for (const std::int64_t id : awaited) {
    const auto entry = store.outbox_entry(id);
    const ChangeOutcome outcome = !entry                                          ? ChangeOutcome::gone
                                  : entry->state == store::OutboxState::pending    ? ChangeOutcome::pending
                                  : entry->state == store::OutboxState::rejected ? ChangeOutcome::refused
                                                                                 : ChangeOutcome::confirmed;
    data.outcomes.emplace_back(id, outcome);
  }
  const store::SyncStatus sync = store.sync_status();
  const auto session = store.session();
  data.sync = SyncSummary{!sync.server_url.empty() || (session && !session->server_url.empty()), sync.pending,
                          sync.rejected, sync.last_sync};
}

}  // namespace stellwerk::client
