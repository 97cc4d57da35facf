// The table of change kinds (see change_kinds.hpp). First the pieces several kinds share, then
// the table itself: one entry per kind, in ChangeKind order.
#include "stellwerk/sync/change_kinds.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::sync {
namespace {

using namespace detail;
namespace codec = store::codec;

constexpr std::string_view kLocalPrefix = "local-";

Id local_id_for(std::int64_t mutation_id) { return fmt::format("{}{}", kLocalPrefix, mutation_id); }

Id my_id(const store::LocalStore& store) {
  const auto me = store.me();
  return me ? me->id : Id{};  // queued before the first sign-in; the engine fills it in then
}

// The local id an entity key names when the change made it offline ("booking:local-7").
std::optional<Id> made_offline(const std::string& entity, std::string_view prefix) {
  if (!entity.starts_with(prefix)) return std::nullopt;
  const Id id = entity.substr(prefix.size());
  return is_local_id(id) ? std::optional<Id>{id} : std::nullopt;
}

std::string no_body(const Change&) { return {}; }
// The cache already shows what the server did (a cancel, a favourite).
void answer_already_shown(store::LocalStore&, const std::string&, std::string_view, const Id&) {}
void no_details(const store::LocalStore&, const store::OutboxEntry&, Conflict&) {}
void nothing_to_undo(store::LocalStore&, const std::string&) {}

std::string subject_booking(const Change& c, const Id&) { return store::booking_key(c.subject_id); }
std::string made_booking(const Change&, const Id& local_id) { return store::booking_key(local_id); }
std::string favourite_entity(const Change& c, const Id&) { return store::favourite_key(c.subject_id); }

std::string booking_body(const Change& c) {
  return wire::encode(wire::BookingRequest{c.resource_id, c.start, c.end}).dump();
}
std::string move_body(const Change& c) { return wire::encode(wire::MoveRequest{c.resource_id, c.start, c.end}).dump(); }

void set_booking_state(store::LocalStore& store, const Id& booking_id, BookingState state) {
  if (auto booking = store.booking(booking_id)) {
    booking->state = state;
    store.upsert_booking(*booking);
  }
}

// Caches the booking the change asks for, under its local id.
void cache_new_booking(store::LocalStore& store, const Change& c, const Id& local_id, QueuedChange& queued) {
  Booking booking;
  booking.id = local_id;
  booking.resource_id = c.resource_id;
  booking.employee_id = my_id(store);
  booking.start = c.start;
  booking.end = c.end;
  booking.state = BookingState::booked;
  store.upsert_booking(booking);
  queued.booking = booking;
}

// A booking or a move answers with the booking made; one made offline swaps its local id for
// the server's. A move's old booking the cache already shows cancelled.
void accept_new_booking(store::LocalStore& store, const std::string& entity, std::string_view answer, const Id& me) {
  const Booking booking = booking_from(decode_answer<wire::Booking>(answer, "booking"), me);
  if (const auto local = made_offline(entity, "booking:")) {
    store.remove_booking(*local);
    store.map_id(*local, booking.id);
  }
  store.upsert_booking(booking);
}

void accept_booking(store::LocalStore& store, const std::string&, std::string_view answer, const Id& me) {
  store.upsert_booking(booking_from(decode_answer<wire::Booking>(answer, "booking"), me));
}

void undo_new_booking(store::LocalStore& store, const std::string& entity) {
  if (const auto local = made_offline(entity, "booking:")) store.remove_booking(*local);
}

// The place and time a booking or a move asked for, from its stored body.
void describe_place(const store::OutboxEntry& entry, Conflict& c) {
  const Json body = Json::parse(entry.body, nullptr, false);
  if (!body.is_object() || !body.contains("resource_id") || !body["resource_id"].is_string()) return;
  c.resource_id = body["resource_id"].get<std::string>();
  const auto instant = [&](const char* key) -> std::optional<Instant> {
    return body.contains(key) && body[key].is_string() ? parse_rfc3339(body[key].get<std::string>()) : std::nullopt;
  };
  c.start = instant("start");
  c.end = instant("end");
}

void describe_booking(const store::LocalStore& store, const store::OutboxEntry& entry, Conflict& c) {
  describe_place(entry, c);
  const auto reason = parse_refusal(c.problem.code);
  if (c.resource_id && c.start && c.end && reason && another_place_helps(*reason)) {
    c.alternatives = alternatives_for(store, *c.resource_id, *c.start, *c.end);
  }
}

// A move gets no alternatives: the old booking holds the day again after the refusal, so booking
// another place would be refused as already_booked.
void describe_move(const store::LocalStore&, const store::OutboxEntry& entry, Conflict& c) { describe_place(entry, c); }

// --- enrolments ---

std::string subject_enrollment(const Change& c, const Id&) { return store::enrollment_key(c.subject_id); }

void accept_enrollment(store::LocalStore& store, const std::string& entity, std::string_view answer, const Id& me) {
  const Enrollment enrollment = enrollment_from(decode_answer<wire::Enrollment>(answer, "enrollment"), me);
  if (const auto local = made_offline(entity, "enrollment:")) {
    store.remove_enrollment(*local);
    store.map_id(*local, enrollment.id);
    // Withdrawn before it was sent: the withdrawal still waits. It now names the server's id, so
    // that a pull keeps the enrolment out of the cache until the withdrawal is sent, also when
    // the network fails in between.
    bool withdrawn = false;
    for (const store::OutboxEntry& queued : store.pending_outbox()) {
      if (queued.kind == ChangeKind::withdrawal && store.outbox_entity(queued.mutation_id) == entity) {
        store.set_entity(queued.mutation_id, store::enrollment_key(enrollment.id));
        withdrawn = true;
      }
    }
    if (withdrawn) return;
  }
  store.upsert_enrollment(enrollment);
}

void describe_enrollment(const store::LocalStore&, const store::OutboxEntry& entry, Conflict& c) {
  const Json body = Json::parse(entry.body, nullptr, false);
  if (body.is_object() && body.contains("course_id") && body["course_id"].is_string()) {
    c.course_id = body["course_id"].get<std::string>();
  }
}

// --- working time ---

std::string work_time_path(const Change& c) { return fmt::format("/api/v1/worktimes/{}", format_date(c.work_time.date)); }
std::string work_time_entity(const Change& c, const Id&) { return store::work_time_key(c.work_time.date); }

// The day is the path's last segment: "/api/v1/worktimes/2026-12-01".
void describe_work_time(const store::LocalStore&, const store::OutboxEntry& entry, Conflict& c) {
  c.day = parse_date(std::string_view{entry.path}.substr(entry.path.rfind('/') + 1));
}

// --- the floor-plan editor (facility admins) ---

std::string place_path(const Id& id) { return "/api/v1/resources/" + codec::percent_encode(id); }

std::string place_body(const Change& c) {
  const Resource& p = c.place;
  std::optional<wire::PlaceClosure> closure;
  if (p.closure) closure = wire::PlaceClosure{p.closure->from, p.closure->until, p.closure->reason};
  return wire::encode(wire::PlaceRequest{p.type, p.name, p.floor_id, p.x, p.y, p.w, p.h, p.features, p.capacity,
                                         p.accessible, closure})
      .dump();
}

// The place is the path's last segment, before any query: "/api/v1/resources/r_1?release_bookings=true".
void describe_place_edit(const store::LocalStore&, const store::OutboxEntry& entry, Conflict& c) {
  const std::string_view path = std::string_view{entry.path}.substr(0, entry.path.find('?'));
  c.resource_id = std::string{path.substr(path.rfind('/') + 1)};  // the editor makes ids that need no encoding
}

// The entity of an upload names the floor and the local version its image shows under
// ("floor_drawing:flr_1/local-7"), so that the server's answer re-keys exactly that image.
std::string_view local_drawing_version(std::string_view entity) { return entity.substr(entity.rfind('/') + 1); }

// --- the table: data, not a function; one entry per kind, each read on its own ---

const ChangeKindRules kTable[] = {
    {ChangeKind::booking, "POST", [](const Change&) { return std::string{"/api/v1/bookings"}; }, booking_body,
     made_booking, cache_new_booking, accept_new_booking, describe_booking, undo_new_booking},

    {ChangeKind::cancel, "DELETE",
     [](const Change& c) { return fmt::format("/api/v1/bookings/{}", codec::percent_encode(c.subject_id)); }, no_body,
     subject_booking,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) {
       set_booking_state(store, c.subject_id, BookingState::cancelled);
     },
     answer_already_shown, no_details, nothing_to_undo},

    // The entity is the new booking, as for a booking, so the engine swaps its local id for the
    // server's when the move is accepted and drops it when refused. The old booking counts as
    // pending through the path (LocalStore::pending_entities), so a pull leaves it cancelled. The
    // server applies a move whole or not at all.
    {ChangeKind::move, "POST",
     [](const Change& c) { return fmt::format("/api/v1/bookings/{}/move", codec::percent_encode(c.subject_id)); },
     move_body, made_booking,
     [](store::LocalStore& store, const Change& c, const Id& local_id, QueuedChange& queued) {
       set_booking_state(store, c.subject_id, BookingState::cancelled);
       cache_new_booking(store, c, local_id, queued);
     },
     accept_new_booking, describe_move, undo_new_booking},

    {ChangeKind::check_in, "POST",
     [](const Change& c) { return fmt::format("/api/v1/bookings/{}/check-in", codec::percent_encode(c.subject_id)); },
     no_body, subject_booking,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) {
       set_booking_state(store, c.subject_id, BookingState::checked_in);
     },
     accept_booking, no_details, nothing_to_undo},

    {ChangeKind::workday, "PUT",
     [](const Change& c) { return fmt::format("/api/v1/workdays/{}", format_date(c.workday.date)); },
     [](const Change& c) {
       return wire::encode(wire::WorkdayRequest{c.workday.half, c.workday.mode, c.workday.kind}).dump();
     },
     [](const Change& c, const Id&) { return store::workday_key(c.workday.date, c.workday.kind); },
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) { store.plan_workday(c.workday); },
     [](store::LocalStore& store, const std::string&, std::string_view answer, const Id&) {
       store.plan_workday(workday_from(decode_answer<wire::WorkdaySaved>(answer, "answer").workday));
     },
     [](const store::LocalStore&, const store::OutboxEntry& entry, Conflict& c) {
       // The day is the path's last segment: "/api/v1/workdays/2026-12-01".
       c.day = parse_date(std::string_view{entry.path}.substr(entry.path.rfind('/') + 1));
     },
     nothing_to_undo},

    {ChangeKind::enrollment, "POST", [](const Change&) { return std::string{"/api/v1/enrollments"}; },
     [](const Change& c) { return wire::encode(wire::EnrollmentRequest{c.course_id}).dump(); },
     [](const Change&, const Id& local_id) { return store::enrollment_key(local_id); },
     [](store::LocalStore& store, const Change& c, const Id& local_id, QueuedChange& queued) {
       Enrollment enrollment;
       enrollment.id = local_id;
       enrollment.course_id = c.course_id;
       enrollment.employee_id = my_id(store);
       enrollment.state = EnrollmentState::enrolled;
       // Due as the server will make it, so that an enrolment made offline does not read as
       // overdue by a deadline that has passed (the server gives late-comers 30 days).
       const auto courses = store.courses();
       const auto course = std::ranges::find(courses, c.course_id, &Course::id);
       const auto me = store.me();
       if (course != courses.end() && me && c.today.ok()) enrollment.due_on = enrolment_due_on(*course, learner_of(*me), c.today);
       store.upsert_enrollment(enrollment);
       queued.enrollment = enrollment;
     },
     accept_enrollment, describe_enrollment,
     [](store::LocalStore& store, const std::string& entity) {
       if (const auto local = made_offline(entity, "enrollment:")) store.remove_enrollment(*local);
     }},

    {ChangeKind::completion, "POST",
     [](const Change& c) {
       return fmt::format("/api/v1/enrollments/{}/completion", codec::percent_encode(c.subject_id));
     },
     no_body, subject_enrollment,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) {
       for (Enrollment enrollment : store.my_enrollments()) {
         if (enrollment.id != c.subject_id) continue;
         enrollment.state = EnrollmentState::completed;
         enrollment.completed_on = c.today;
         store.upsert_enrollment(enrollment);
       }
     },
     [](store::LocalStore& store, const std::string&, std::string_view answer, const Id& me) {
       store.upsert_enrollment(enrollment_from(decode_answer<wire::Enrollment>(answer, "enrollment"), me));
     },
     no_details, nothing_to_undo},

    {ChangeKind::favourite, "PUT",
     [](const Change& c) { return "/api/v1/me/favourites/" + codec::percent_encode(c.subject_id); },
     [](const Change& c) { return wire::encode(wire::FavouriteRequest{c.usual}).dump(); }, favourite_entity,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) {
       Favourite favourite{c.subject_id, c.usual, c.now};
       // Marking an existing favourite as usual keeps when it was added, as the server does.
       for (const Favourite& existing : store.favourites()) {
         if (existing.resource_id == c.subject_id) favourite.added_at = existing.added_at;
       }
       store.upsert_favourite(favourite);
     },
     answer_already_shown, no_details, nothing_to_undo},

    {ChangeKind::unfavourite, "DELETE",
     [](const Change& c) { return "/api/v1/me/favourites/" + codec::percent_encode(c.subject_id); }, no_body,
     favourite_entity,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) { store.remove_favourite(c.subject_id); },
     answer_already_shown, no_details, nothing_to_undo},

    // The person's own opt-in; the server answers what it stored, which the cache then shows.
    {ChangeKind::presence_sharing, "PUT", [](const Change&) { return std::string{"/api/v1/me/presence-sharing"}; },
     [](const Change& c) { return wire::encode(wire::PresenceSharing{c.share}).dump(); },
     [](const Change&, const Id&) { return std::string{store::kPresenceSharingKey}; },
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) { store.set_presence_sharing(c.share); },
     [](store::LocalStore& store, const std::string&, std::string_view answer, const Id&) {
       store.set_presence_sharing(decode_answer<wire::PresenceSharing>(answer, "presence sharing").share);
     },
     no_details, nothing_to_undo},

    {ChangeKind::work_time, "PUT", work_time_path,
     [](const Change& c) {
       const WorkTime& w = c.work_time;
       return wire::encode(wire::WorkTimeRequest{format_clock_time(w.start), format_clock_time(w.end), w.break_minutes})
           .dump();
     },
     work_time_entity,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) { store.upsert_work_time(c.work_time); },
     answer_already_shown, describe_work_time, nothing_to_undo},

    {ChangeKind::work_time_removal, "DELETE", work_time_path, no_body, work_time_entity,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) {
       store.remove_work_time(c.work_time.date);
     },
     answer_already_shown, describe_work_time, nothing_to_undo},

    // A manager's decision. Nothing of it is cached: the team's requests are read online, and the
    // Team page marks a request as decided while this entry waits (its entity names the request).
    // Only a decline sends its reason (core's decision_refusal refuses one without).
    {ChangeKind::approval_decision, "POST",
     [](const Change& c) { return "/api/v1/approvals/" + codec::percent_encode(c.subject_id); },
     [](const Change& c) {
       const auto reason = c.decline ? std::optional<std::string>{c.reason} : std::nullopt;
       return wire::encode(wire::ApprovalDecision{c.decline ? wire::Decision::reject : wire::Decision::approve, reason})
           .dump();
     },
     [](const Change& c, const Id&) { return store::approval_key(c.subject_id); },
     [](store::LocalStore&, const Change&, const Id&, QueuedChange&) {}, answer_already_shown, no_details,
     nothing_to_undo},

    // The enrolment leaves the cache at once; a refusal brings it back with the full copy that
    // follows. One made offline and not sent yet is withdrawn after its enrolment is sent (the
    // path's local id resolves then), so both requests keep their order.
    {ChangeKind::withdrawal, "DELETE",
     [](const Change& c) { return fmt::format("/api/v1/enrollments/{}", codec::percent_encode(c.subject_id)); },
     no_body, subject_enrollment,
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) { store.remove_enrollment(c.subject_id); },
     answer_already_shown, no_details, nothing_to_undo},

    // The profile shows the new level at once. The answer is not written back: a later level of
    // the same competence may still wait, and the feed brings the server's record once none does.
    {ChangeKind::self_assessment, "PUT",
     [](const Change& c) { return "/api/v1/me/self-assessments/" + codec::percent_encode(c.subject_id); },
     [](const Change& c) { return wire::encode(wire::SelfAssessmentRequest{c.level}).dump(); },
     [](const Change& c, const Id&) { return store::self_assessment_key(c.subject_id); },
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) {
       store.upsert_self_assessment(SelfAssessment{c.subject_id, c.level, c.now});
     },
     answer_already_shown, no_details, nothing_to_undo},

    // A new or changed place: the request names the whole place, so a retry or a later edit of the
    // same place sends all of it again and the server keeps the last. The plan shows it at once; a
    // refusal brings the server's version back with the full copy that follows.
    {ChangeKind::place_edit, "PUT", [](const Change& c) { return place_path(c.place.id); }, place_body,
     [](const Change& c, const Id&) { return store::resource_key(c.place.id); },
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) {
       // queue_place_edit checked the floor; a place of a floor the cache lost meanwhile is sent
       // all the same and arrives with the feed.
       const auto buildings = store.buildings();
       const bool floor_known = std::ranges::any_of(buildings, [&](const Building& b) {
         return std::ranges::any_of(b.floors, [&](const Floor& f) { return f.id == c.place.floor_id; });
       });
       if (floor_known) store.upsert_resource(c.place);
     },
     [](store::LocalStore& store, const std::string&, std::string_view answer, const Id&) {
       store.upsert_resource(resource_from(decode_answer<wire::Resource>(answer, "resource")));
     },
     describe_place_edit, nothing_to_undo},

    // The place leaves the plan at once. Without release_bookings the server refuses a place that
    // still has bookings (place_has_bookings), and the full copy brings it back.
    {ChangeKind::place_removal, "DELETE",
     [](const Change& c) { return place_path(c.subject_id) + (c.release_bookings ? "?release_bookings=true" : ""); },
     no_body, [](const Change& c, const Id&) { return store::resource_key(c.subject_id); },
     [](store::LocalStore& store, const Change& c, const Id&, QueuedChange&) { store.remove_resource(c.subject_id); },
     answer_already_shown, describe_place_edit, nothing_to_undo},

    // A new drawing of the floor, the image itself the body. It shows at once under the change's
    // local id as its version; the server's answer names the version everybody else fetches, and
    // the cached image takes it on (no download of what was just sent). A refusal brings the
    // server's drawing back with the full copy that follows.
    {ChangeKind::floor_drawing, "PUT",
     [](const Change& c) { return "/api/v1/floors/" + codec::percent_encode(c.subject_id) + "/drawing"; },
     [](const Change& c) { return c.image; },
     [](const Change& c, const Id& local_id) { return store::floor_drawing_key(c.subject_id, local_id); },
     [](store::LocalStore& store, const Change& c, const Id& local_id, QueuedChange&) {
       store.show_uploaded_drawing(c.subject_id, local_id, c.image);
     },
     [](store::LocalStore& store, const std::string& entity, std::string_view answer, const Id&) {
       const auto floor = decode_answer<wire::Floor>(answer, "floor");
       store.adopt_uploaded_drawing(floor.id, local_drawing_version(entity), floor.drawing.value_or(""));
     },
     no_details, nothing_to_undo},
};
static_assert(std::size(kTable) == static_cast<std::size_t>(ChangeKind::other),
              "one entry per ChangeKind before `other`, in enumerator order");

}  // namespace

std::span<const ChangeKindRules> change_kind_table() { return kTable; }

const ChangeKindRules* rules_for(ChangeKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return index < std::size(kTable) ? &kTable[index] : nullptr;
}

bool is_local_id(std::string_view id) { return id.starts_with(kLocalPrefix); }

std::string_view request_content_type(ChangeKind kind, std::string_view body) {
  if (kind == ChangeKind::floor_drawing) {
    if (const auto drawing = inspect_drawing(body)) return media_type(drawing->format);
  }
  return "application/json";
}

QueuedChange queue_change(store::LocalStore& store, const Change& change) {
  const ChangeKindRules* rules = rules_for(change.kind);
  if (!rules) throw std::invalid_argument("a change of kind `other` cannot be queued");
  QueuedChange queued;
  store.atomically([&] {
    queued.entry = store.enqueue(change.kind, rules->method, rules->path(change), rules->body(change));
    const Id local_id = local_id_for(queued.entry.mutation_id);
    store.set_entity(queued.entry.mutation_id, rules->entity(change, local_id));
    rules->apply_queued(store, change, local_id, queued);
  });
  return queued;
}

std::optional<std::string> resolve_local_ids(const store::LocalStore& store, std::string_view path) {
  std::string resolved;
  std::size_t start = 0;
  while (start < path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    const std::string segment{path.substr(start, end - start)};
    if (is_local_id(segment)) {
      const auto server = store.server_id(segment);
      if (!server) return std::nullopt;
      resolved += *server;
    } else {
      resolved += segment;
    }
    if (slash == std::string_view::npos) break;
    resolved += '/';
    start = slash + 1;
  }
  if (path.ends_with('/')) resolved += '/';
  return resolved;
}

}  // namespace stellwerk::sync
