// Conflicts: the refused changes in the store, with what the person needs to decide, and the
// nearest free alternatives for a refused booking.
#include <algorithm>

#include "engine_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::sync {
namespace detail {
namespace {

// The nearest free resources like the refused one in its building (core/placement.hpp), as the
// server's alternatives route ranks them.
std::vector<Resource> alternatives_for(const store::LocalStore& store, const Id& resource_id, Instant start, Instant end) {
  const auto wanted = store.resource(resource_id);
  if (!wanted) return {};
  const auto building = store.building_of_floor(wanted->floor_id);
  if (!building) return {};
  const auto me = store.me();
  // As the server decides (server/src/bookings.cpp, accessible_held): accessible desks are held
  // for people who need one until accessible_hold_hours before the start; other types never are.
  DepartmentPolicy policy;
  if (me) {
    if (const auto department = store.department(me->department_id)) policy = department->policy;
  }
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  Resource accessible_like_wanted = *wanted;
  accessible_like_wanted.accessible = true;
  const bool may_take_accessible =
      wanted->accessible || !accessible_held(policy, accessible_like_wanted, me && me->needs_accessible_desk, start, now);
  const auto occupied = store.occupied_resources(start, end);
  const auto is_free = [&](const Resource& r) {
    return std::find(occupied.begin(), occupied.end(), r.id) == occupied.end();
  };
  return nearest_alike(*wanted, store.resources_in_building(*building), is_free, may_take_accessible, 3);
}

}  // namespace

Conflict conflict_for(const store::LocalStore& store, const store::OutboxEntry& entry, const Problem& problem) {
  Conflict c{entry.mutation_id, entry.method, entry.path, problem, {}, {}, {}, {}, {}};
  if (entry.method == "POST" && entry.path == "/api/v1/enrollments") {
    const Json body = Json::parse(entry.body, nullptr, false);
    if (body.is_object() && body.contains("course_id") && body["course_id"].is_string()) {
      c.course_id = body["course_id"].get<std::string>();
    }
  }
  // A move names its new place in the same body as a booking. It gets no alternatives: the old
  // booking holds the day again after the refusal, so booking another place would be refused as
  // already_booked.
  const bool move = entry.method == "POST" && is_move_path(entry.path);
  if ((entry.method == "POST" && entry.path == "/api/v1/bookings") || move) {
    const Json body = Json::parse(entry.body, nullptr, false);
    if (body.is_object() && body.contains("resource_id") && body["resource_id"].is_string()) {
      c.resource_id = body["resource_id"].get<std::string>();
      const auto start = body.contains("start") && body["start"].is_string() ? parse_rfc3339(body["start"].get<std::string>()) : std::nullopt;
      const auto end = body.contains("end") && body["end"].is_string() ? parse_rfc3339(body["end"].get<std::string>()) : std::nullopt;
      c.start = start;
      c.end = end;
      const auto reason = parse_refusal(problem.code);
      if (!move && start && end && reason && another_place_helps(*reason)) {
        c.alternatives = alternatives_for(store, *c.resource_id, *start, *end);
      }
    }
  }
  return c;
}

}  // namespace detail

std::vector<Conflict> conflicts(const store::LocalStore& store) {
  std::vector<Conflict> list;
  for (const store::OutboxEntry& entry : store.outbox()) {
    if (entry.state != store::OutboxState::rejected) continue;
    // The stored problem carries its status; a body that is not a problem still names one.
    const detail::Json stored = detail::Json::parse(entry.problem, nullptr, false);
    const int status = stored.is_object() && stored.contains("status") && stored["status"].is_number_integer()
                           ? stored["status"].get<int>()
                           : 0;
    list.push_back(detail::conflict_for(store, entry, parse_problem(status, entry.problem)));
  }
  return list;
}

}  // namespace stellwerk::sync
