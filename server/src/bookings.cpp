// Bookings of desks, rooms and parking spaces: the caller's policy, a building's availability on
// one day, one resource's timeline of a day, the nearest free alternatives to a resource,
// booking, cancelling and checking in, and the maintenance that releases no-shows and deletes
// old bookings.
//
// The rules of a new booking, checked in this order (the first that fails is the answer):
//   422 invalid_time_range  the end is not after the start, or not on the start's Berlin day
//                           (24:00 of that day is allowed);
//   404 resource_not_found  also for a place a facility admin removed;
//   403 outside_kiosk_building  a kiosk session books only in the kiosk's building;
//   409 past                the booking is already over. A booking for today that has begun
//                           but not ended is accepted and starts now, so that its check-in
//                           window and release time lie ahead instead of being over already;
//   409 the date rules of core/rules.hpp (too_far_ahead, weekday_not_bookable, holiday),
//       then building_closed, then too_many_upcoming: the same functions the client uses to
//       explain a rule, so client and server never disagree;
//   409 place_closed        the place is closed that day (core's closed_on): after the
//                           building's rules, which stop every place alike, and before the
//                           checks of who holds what, which another day would not change;
//   409 accessible_held     an accessible desk, before accessible_hold_hours ahead of its start,
//                           for someone who does not need one;
//   409 already_booked      the caller holds another desk for an overlapping time;
//   409 desk_taken / resource_taken  someone holds the resource for an overlapping time.
// All of them run inside one write job, so no two requests can both pass the overlap check
// (the database has a single writer), and an Idempotency-Key replays the whole answer.
//
// Privacy: a booking is only ever shown to the person who holds it. Availability says `taken`,
// a timeline `mine: false`, and the changes feed's `occupancy` names a resource and a time,
// never who; someone else's booking id gets the same 404 as an unknown one.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <unordered_set>

#include <fmt/format.h>

#include "availability.hpp"
#include "booking_rules.hpp"
#include "changes.hpp"
#include "crypto.hpp"
#include "messages.hpp"
#include "policy.hpp"
#include "reference.hpp"
#include "routes.hpp"
#include "server.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::server {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int kMaxListDays = 366;
constexpr std::int64_t kSecondsPerDay = 86'400;
// Alternatives: what a refusal dialog shows by default, and the most worth offering at once.
constexpr std::size_t kDefaultAlternatives = 3;
constexpr std::size_t kMaxAlternatives = 10;

Instant from_unix(std::int64_t value) { return Instant{seconds{value}}; }

// A stored booking with what its JSON needs. The check-in opening is not stored: it follows
// from the start and the holder's department policy.
struct StoredBooking {
  Id id;
  Id resource_id;
  Id building_id;
  Id employee_id;
  Instant start{};
  Instant end{};
  BookingState state = BookingState::booked;
  Instant release_at{};
  Instant created_at{};
  DepartmentPolicy holder_policy;  // only its check-in minutes are read from the database

  // Opens by the holder's department's current policy and closes at the stored release time.
  CheckInWindow check_in() const { return check_in_window(holder_policy, start, release_at); }
};

// Columns read by read_booking, in order; callers append their WHERE clause.
constexpr std::string_view kSelectBooking =
    "SELECT b.id, b.resource_id, r.building_id, b.employee_id, b.start, b.end, b.state, b.release_at, "
    "b.created_at, d.check_in_opens_minutes_before FROM bookings b JOIN resources r ON r.id = b.resource_id "
    "JOIN employees e ON e.id = b.employee_id JOIN departments d ON d.id = e.department_id ";

DepartmentPolicy policy_with_check_in_opens(int minutes_before) {
  DepartmentPolicy policy;
  policy.check_in_opens_minutes_before = minutes_before;
  return policy;
}

StoredBooking read_booking(const sql::Statement& row) {
  return StoredBooking{row.text(0),
                       row.text(1),
                       row.text(2),
                       row.text(3),
                       from_unix(row.int64(4)),
                       from_unix(row.int64(5)),
                       parse_enum<BookingState>(row.text(6)).value_or(BookingState::cancelled),
                       from_unix(row.int64(7)),
                       from_unix(row.int64(8)),
                       policy_with_check_in_opens(row.integer(9))};
}

std::vector<StoredBooking> select_bookings(sql::Connection& db, std::string_view where, auto&&... args) {
  sql::Statement rows{db, std::string{kSelectBooking} + std::string{where}};
  rows.bind_all(args...);
  std::vector<StoredBooking> bookings;
  while (rows.step()) bookings.push_back(read_booking(rows));
  return bookings;
}

// The caller's booking with this id. Someone else's booking is "not found" as well, so that
// ids reveal nothing about other people.
StoredBooking own_booking(sql::Connection& db, const Id& id, const Principal& me) {
  auto found = select_bookings(db, "WHERE b.id = ? AND b.employee_id = ?", id, me.employee_id);
  if (found.empty()) fail(404, Refusal::booking_not_found);
  return found.front();
}

Json booking_json(const StoredBooking& b) {
  return wire::encode(wire::Booking{b.id, b.resource_id, b.building_id, b.start, b.end, b.state, b.check_in().opens,
                                    b.release_at, b.created_at});
}


void set_state(sql::Connection& db, StoredBooking& booking, BookingState state) {
  sql::Statement{db, "UPDATE bookings SET state = ? WHERE id = ?"}.bind_all(to_string(state), booking.id).run();
  booking.state = state;
}

// The holder's own record in the changes feed.
void record_booking(sql::Connection& db, const StoredBooking& b, Instant now) {
  record_change(db, "booking", b.id, ChangeOp::upsert, booking_json(b), Audience{b.employee_id, std::nullopt}, now);
}

// The anonymous occupancy everyone using the building sees: which resource, when, never who.
void record_occupancy(sql::Connection& db, const StoredBooking& b, ChangeOp op, Instant now) {
  record_change(db, "occupancy", "o_" + b.id, op, wire::encode(wire::Occupancy{b.resource_id, b.start, b.end}), Audience{std::nullopt, b.building_id}, now,
                local_date(b.start));
}

Reply get_policy(Call& call) {
  return call.db.read([&](sql::Connection& db) {
    return Reply{200, wire::encode(caller_policy(db, call.me(), call.language, call.clock.now()))};
  });
}

// Accessible desks are kept for the people who need one until accessible_hold_hours before
// the time in question; after that anyone may take them rather than leave them empty.
bool accessible_held(const Resource& resource, const Principal& me, const DepartmentPolicy& policy, Instant start,
                     Instant now) {
  return stellwerk::accessible_held(policy, resource, me.needs_accessible_desk, start, now);
}

// A day is closed to the caller when nobody may book it: a public holiday, a closure of the
// building, or a weekday the caller's department does not book. Availability and timelines
// use this one definition.
bool closed_for(sql::Connection& db, const DepartmentPolicy& policy, const Id& building, Date day) {
  return nrw_holiday(day) || !policy.bookable_weekdays[static_cast<std::size_t>(weekday_index(day))] ||
         find_closure(db, building, day);
}

// Every resource of a building on one day as the caller sees it (availability.hpp).
Reply get_availability(Call& call) {
  const Id building = call.param(0);
  const Date day = call.date_query("date");
  const Principal& me = call.me();
  const Instant now = call.clock.now();
  return call.db.read([&](sql::Connection& db) {
    require_building(db, building);
    const DepartmentPolicy policy = department_policy(db, me.department_id);
    const DayView view{day, policy, closed_for(db, policy, building, day),
                       Viewer{me.employee_id, me.needs_accessible_desk}, now};
    return Reply{200, wire::encode(building_availability(db, building, view))};
  });
}

// One resource's active bookings on one day, in time order, each only as "mine" or not.
Reply get_timeline(Call& call) {
  const Id resource_id = call.param(0);
  const Date day = call.date_query("date");
  const Principal& me = call.me();
  return call.db.read([&](sql::Connection& db) {
    const auto found = find_resource(db, resource_id);
    if (!found) fail(404, Refusal::resource_not_found);
    const DepartmentPolicy policy = department_policy(db, me.department_id);
    const bool closed = closed_for(db, policy, found->building_id, day) || closed_on(found->resource, day);
    return Reply{200, wire::encode(day_timeline(db, resource_id, day, closed, me.employee_id))};
  });
}

// `limit` of the alternatives: 1 to kMaxAlternatives, kDefaultAlternatives when absent.
std::size_t alternatives_limit(const Call& call) {
  const auto text = call.query("limit");
  if (!text) return kDefaultAlternatives;
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || value < 1 || value > kMaxAlternatives) {
    fail(400, Refusal::invalid_parameter, "limit");
  }
  return value;
}

// The nearest free resources like the given one in its building for [start, end), ranked by
// core/placement.hpp as the sync engine ranks them offline. They are meant to be booked
// instead, so there are none on a day the caller cannot book there (a public holiday, a weekday
// their department does not book, a day the building is closed).
Reply get_alternatives(Call& call) {
  const Id resource_id = call.param(0);
  const Instant start = call.instant_query("start");
  const Instant end = call.instant_query("end");
  const std::size_t limit = alternatives_limit(call);
  const Date day = local_date(start);
  if (!valid_time_range(start, end) || end > to_instant(day, 24 * 60)) fail(422, Refusal::invalid_time_range);
  const Principal& me = call.me();
  const Instant now = call.clock.now();
  return call.db.read([&](sql::Connection& db) {
    const auto found = find_resource(db, resource_id);
    if (!found) fail(404, Refusal::resource_not_found);
    const Resource& wanted = found->resource;
    Json list = Json::array();
    const DepartmentPolicy policy = department_policy(db, me.department_id);
    if (closed_for(db, policy, found->building_id, day)) return Reply{200, std::move(list)};

    std::vector<Resource> candidates;
    sql::Statement rows{db, fmt::format("SELECT {} FROM resources WHERE building_id = ? AND {} ORDER BY sort_order",
                                        kResourceColumns, kNotRemoved)};
    rows.bind_all(found->building_id);
    while (rows.step()) candidates.push_back(read_resource(rows));

    // A booking lies within its day and so does [start, end), so the day column finds every
    // booking that can overlap.
    std::unordered_set<Id> taken;
    sql::Statement overlapping{db,
                               "SELECT b.resource_id FROM bookings b JOIN resources r ON r.id = b.resource_id "
                               "WHERE r.building_id = ? AND b.day = ? AND b.state IN ('booked', 'checked_in') "
                               "AND b.start < ? AND b.end > ?"};
    overlapping.bind_all(found->building_id, format_date(day), unix_seconds(end), unix_seconds(start));
    while (overlapping.step()) taken.insert(overlapping.text(0));

    // Accessible places may be offered when an accessible one of the wanted type would not be
    // held from the caller (they need one, the hold before the start is over, or the type is not
    // held at all), or when the wanted place was accessible itself.
    Resource accessible_like_wanted = wanted;
    accessible_like_wanted.accessible = true;
    const bool may_take_accessible =
        wanted.accessible || !accessible_held(accessible_like_wanted, me, policy, start, now);

    // A closed place is no way round a refusal: booking it would be refused as well.
    const auto is_free = [&](const Resource& r) { return !taken.contains(r.id) && !closed_on(r, day); };
    for (const Resource& resource : nearest_alike(wanted, candidates, is_free, may_take_accessible, limit)) {
      list.push_back(wire::encode(wire_resource(resource)));
    }
    return Reply{200, std::move(list)};
  });
}

Reply list_bookings(Call& call) {
  const Date from = call.date_query("from");
  const Date to = call.date_query("to");
  if (to < from || (date::sys_days{to} - date::sys_days{from}).count() + 1 > kMaxListDays) {
    fail(400, Refusal::invalid_parameter, "to");
  }
  return call.db.read([&](sql::Connection& db) {
    // A booking lies within its day, so the day column decides the overlap.
    Json list = Json::array();
    for (const auto& booking : select_bookings(db, "WHERE b.employee_id = ? AND b.day BETWEEN ? AND ? ORDER BY b.start",
                                               call.me().employee_id, format_date(from), format_date(to))) {
      list.push_back(booking_json(booking));
    }
    return Reply{200, std::move(list)};
  });
}

bool overlaps_active(sql::Connection& db, std::string_view where, auto&&... args) {
  sql::Statement row{db,
                     "SELECT 1 FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE "
                     "b.state IN ('booked', 'checked_in') AND b.start < ? AND b.end > ? AND " +
                         std::string{where} + " LIMIT 1"};
  row.bind_all(args...);
  return row.step();
}

}  // namespace

NewBooking checked_time_range(NewBooking wanted) {
  const Date day = local_date(wanted.start);
  if (!valid_time_range(wanted.start, wanted.end) || wanted.end > to_instant(day, 24 * 60)) {
    fail(422, Refusal::invalid_time_range);
  }
  return wanted;
}

MadeBooking make_booking(sql::Connection& db, const Principal& me, const NewBooking& wanted, Instant now) {
  const Date day = local_date(wanted.start);
  const Instant end = wanted.end;
  const auto found = find_resource(db, wanted.resource_id);
  if (!found) fail(404, Refusal::resource_not_found);
  const Resource& resource = found->resource;
  // A kiosk stands in one building: a person signed in there books only places in it.
  if (me.kiosk_session && found->building_id != me.device_building_id) fail(403, Refusal::outside_kiosk_building);
  if (end <= now) fail(409, Refusal::past);
  const Instant start = booking_start(wanted.start, end, now);

  const DepartmentPolicy policy = department_policy(db, me.department_id);
  // The day's own problems come before the closure, and the closure before the person's
  // count of bookings: the most fundamental reason is the one worth telling.
  const auto date_problem = booking_date_problem(policy, local_date(now), day, upcoming_count(db, me.employee_id, now));
  if (date_problem && date_problem != Refusal::too_many_upcoming) fail(409, *date_problem);
  if (find_closure(db, found->building_id, day)) fail(409, Refusal::building_closed);
  if (date_problem) fail(409, *date_problem);
  if (closed_on(resource, day)) fail(409, Refusal::place_closed);

  if (accessible_held(resource, me, policy, start, now)) fail(409, Refusal::accessible_held);
  const bool desk = resource.type == ResourceType::desk;
  if (desk && overlaps_active(db, "b.employee_id = ? AND r.type = 'desk'", unix_seconds(end), unix_seconds(start),
                              me.employee_id)) {
    fail(409, Refusal::already_booked);
  }
  if (overlaps_active(db, "b.resource_id = ? AND b.day = ?", unix_seconds(end), unix_seconds(start), resource.id,
                      format_date(day))) {
    fail(409, desk ? Refusal::desk_taken : Refusal::resource_taken);
  }

  const StoredBooking booking{crypto::random_id("bk"), resource.id, found->building_id, me.employee_id, start, end,
                              BookingState::booked, release_time(policy, start), now, policy};
  const auto next = next_release(db);
  sql::Statement{db,
                 "INSERT INTO bookings (id, resource_id, employee_id, day, start, end, state, release_at, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"}
      .bind_all(booking.id, booking.resource_id, booking.employee_id, format_date(day), unix_seconds(booking.start),
                unix_seconds(booking.end), to_string(booking.state), unix_seconds(booking.release_at),
                unix_seconds(booking.created_at))
      .run();
  record_booking(db, booking, now);
  record_occupancy(db, booking, ChangeOp::upsert, now);
  return MadeBooking{booking_json(booking), !next || booking.release_at < *next};
}

void cancel_own_booking(sql::Connection& db, const Id& id, const Principal& me, Instant now) {
  StoredBooking booking = own_booking(db, id, me);
  if (!is_active(booking.state) || booking.end <= now) fail(409, Refusal::booking_not_active);
  set_state(db, booking, BookingState::cancelled);
  record_booking(db, booking, now);
  record_occupancy(db, booking, ChangeOp::remove, now);
}

namespace {

// The one way a booking is released: its state, its holder's record and the occupancy's removal.
int release_all(sql::Connection& db, std::vector<StoredBooking> bookings, Instant now) {
  for (auto& booking : bookings) {
    set_state(db, booking, BookingState::released);
    record_booking(db, booking, now);
    record_occupancy(db, booking, ChangeOp::remove, now);
  }
  return static_cast<int>(bookings.size());
}

}  // namespace

int release_future_bookings(sql::Connection& db, const Id& employee_id, Instant now) {
  return release_all(db,
                     select_bookings(db, "WHERE b.employee_id = ? AND b.state IN ('booked', 'checked_in') AND b.end > ?",
                                     employee_id, unix_seconds(now)),
                     now);
}

int release_place_bookings(sql::Connection& db, const Id& resource_id, std::optional<DayRange> days, Instant now) {
  // Dates as YYYY-MM-DD compare as text in calendar order; no range is every day there is.
  const std::string first = days ? format_date(days->first) : std::string{};
  const std::string last = days ? format_date(days->last) : std::string{"9999-12-31"};
  return release_all(db,
                     select_bookings(db,
                                     "WHERE b.resource_id = ? AND b.state IN ('booked', 'checked_in') AND b.end > ? "
                                     "AND b.day BETWEEN ? AND ?",
                                     resource_id, unix_seconds(now), first, last),
                     now);
}

int count_place_bookings(sql::Connection& db, const Id& resource_id, Instant now) {
  sql::Statement count{db,
                       "SELECT COUNT(*) FROM bookings WHERE resource_id = ? AND state IN ('booked', 'checked_in') "
                       "AND end > ?"};
  count.bind_all(resource_id, unix_seconds(now));
  count.step();
  return count.integer(0);
}

namespace {

Reply create_booking(Call& call) {
  const NewBooking wanted = checked_time_range(call.body_as<wire::BookingRequest>());
  bool releases_first = false;
  Reply reply = call.write([&](sql::Connection& db) {
    MadeBooking made = make_booking(db, call.me(), wanted, call.clock.now());
    releases_first = made.releases_first;
    return Reply{201, std::move(made.booking)};
  });
  // The maintenance thread sleeps until the earliest release time it knows of; a booking
  // released before that wakes it, so the desk becomes free on the minute.
  if (releases_first) call.context.wake_maintenance();
  return reply;
}

Reply cancel_booking(Call& call) {
  const Id id = call.param(0);
  return call.write([&](sql::Connection& db) {
    cancel_own_booking(db, id, call.me(), call.clock.now());
    return Reply{204, Json{}};
  });
}

Reply check_in(Call& call) {
  const Id id = call.param(0);
  const Principal& me = call.me();
  return call.write([&](sql::Connection& db) {
    const Instant now = call.clock.now();
    StoredBooking booking = own_booking(db, id, me);
    // A kiosk stands in one building and checks in only what is booked there.
    if (me.kiosk_session && booking.building_id != me.device_building_id) fail(404, Refusal::booking_not_found);
    // Checking in twice answers like the first time, so a retry without a key is harmless.
    if (booking.state == BookingState::checked_in) return Reply{200, booking_json(booking)};
    // core's window and order of checks, which the client uses to offer "Check in".
    if (const auto refusal = check_in_refusal(booking.check_in(), booking.state, booking.end, now)) {
      fail(409, *refusal);
    }
    sql::Statement{db, "UPDATE bookings SET state = ?, checked_in_at = ? WHERE id = ?"}
        .bind_all(to_string(BookingState::checked_in), unix_seconds(now), booking.id)
        .run();
    booking.state = BookingState::checked_in;
    record_booking(db, booking, now);
    return Reply{200, booking_json(booking)};
  });
}

}  // namespace

std::vector<Route> booking_routes() {
  return {
      Route{"GET", "/api/v1/me/policy", Auth::employee, get_policy},
      Route{"GET", "/api/v1/buildings/{id}/availability", Auth::employee, get_availability},
      Route{"GET", "/api/v1/resources/{id}/timeline", Auth::employee, get_timeline},
      Route{"GET", "/api/v1/resources/{id}/alternatives", Auth::employee, get_alternatives},
      Route{"GET", "/api/v1/bookings", Auth::employee, list_bookings},
      Route{"POST", "/api/v1/bookings", Auth::employee, create_booking},
      Route{"DELETE", "/api/v1/bookings/{id}", Auth::employee, cancel_booking},
      Route{"POST", "/api/v1/bookings/{id}/check-in", Auth::employee, check_in},
  };
}

void release_no_shows(sql::Connection& db, Instant now) {
  release_all(db, select_bookings(db, "WHERE b.state = 'booked' AND b.release_at <= ?", unix_seconds(now)), now);
}

std::optional<Instant> next_release(sql::Connection& db) {
  sql::Statement row{db, "SELECT MIN(release_at) FROM bookings WHERE state = 'booked'"};
  if (!row.step() || row.is_null(0)) return std::nullopt;
  return from_unix(row.int64(0));
}

void delete_expired_bookings(sql::Connection& db, Instant now, int max_days) {
  const auto expired = select_bookings(db, "WHERE b.end < ? - MIN(d.retention_days, ?) * ? LIMIT ?", unix_seconds(now),
                                       max_days, kSecondsPerDay, kRetentionBatch);
  sql::Statement remove{db, "DELETE FROM bookings WHERE id = ?"};
  for (const StoredBooking& booking : expired) {
    remove.reset();
    remove.bind_all(booking.id);
    remove.run();
    record_change(db, "booking", booking.id, ChangeOp::remove, Json{}, Audience{booking.employee_id, std::nullopt},
                  now);
    // Cancelled and released bookings already withdrew their occupancy.
    if (is_active(booking.state)) record_occupancy(db, booking, ChangeOp::remove, now);
  }
}

}  // namespace stellwerk::server
