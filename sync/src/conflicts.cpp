// Conflicts: the refused changes in the store, with what the person needs to decide, and the
// nearest free alternatives for a refused booking.
#include <algorithm>

#include "engine_parts.hpp"
#include "stellwerk/sync/change_kinds.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::sync {
namespace detail {

// As the server's alternatives route ranks them (core/placement.hpp).
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

Conflict conflict_for(const store::LocalStore& store, const store::OutboxEntry& entry, const Problem& problem) {
  Conflict c;
  c.mutation_id = entry.mutation_id;
  c.kind = entry.kind;
  c.method = entry.method;
  c.path = entry.path;
  c.problem = problem;
  if (const ChangeKindRules* rules = rules_for(entry.kind)) rules->describe_refusal(store, entry, c);
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
