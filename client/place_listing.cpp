// The place listing of `stellwerk resources`: one pass over the cached buildings and floors, with
// the day's own bookings, others' anonymous occupancy and the foreseeable refusal of sync/ — the same
// checks the window's Desks view and the sync engine use, so the terminal never tells another
// story than the window.
#include "place_listing.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/desk_booking.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {
namespace {

constexpr std::array<std::string_view, 5> kPlaceStateNames{"free", "mine", "pending", "taken", "unavailable"};
static_assert(kPlaceStateNames.size() == static_cast<std::size_t>(PlaceState::COUNT));

}  // namespace

std::string_view to_string(PlaceState state) { return kPlaceStateNames[static_cast<std::size_t>(state)]; }

std::optional<std::vector<PlaceRow>> list_places(const store::LocalStore& store, const std::optional<Id>& building_id,
                                                 Date day, Instant now) {
  std::vector<Building> buildings = store.buildings();
  if (building_id) {
    std::erase_if(buildings, [&](const Building& b) { return b.id != *building_id; });
    if (buildings.empty()) return std::nullopt;
  }
  const SlotTimes slot = sync::slot_times(store, HalfDay::day);
  const Instant start = to_instant(day, slot.start);
  const Instant end = to_instant(day, slot.end);
  const std::vector<Booking> mine = store.my_bookings(day, day);
  const std::set<std::string> pending = store.pending_entities();

  std::vector<PlaceRow> rows;
  for (Building& building : buildings) {
    std::vector<Floor> floors = std::move(building.floors);
    building.floors.clear();
    for (const Floor& floor : floors) {
      std::set<Id> taken;
      for (const store::Occupancy& o : store.others_on_floor(floor.id, start, end)) taken.insert(o.resource_id);
      for (Resource& resource : store.resources_on_floor(floor.id)) {
        PlaceRow row;
        row.resource = std::move(resource);
        row.building = building;
        row.floor = floor;
        const auto own = std::find_if(mine.begin(), mine.end(), [&](const Booking& b) {
          return b.resource_id == row.resource.id && is_active(b.state) && b.start < end && start < b.end;
        });
        if (own != mine.end()) {
          row.booking_id = own->id;
          row.state = pending.contains(store::booking_key(own->id)) ? PlaceState::mine_pending : PlaceState::mine;
        } else if (taken.contains(row.resource.id)) {
          row.state = PlaceState::taken;
        } else if (auto refusal = sync::foreseeable_refusal(store, row.resource.id, start, end, now)) {
          row.state = PlaceState::unavailable;
          row.reason = std::string{wire_code(*refusal)};
        }
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace stellwerk::client
