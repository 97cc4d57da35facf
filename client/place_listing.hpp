// The places of the cache with their state for one day, for `stellwerk resources`: what a person
// needs to book from a terminal (the id) and whether booking it can work (the state, and the
// reason when a rule stops it). Built from the local store alone, so it works offline; the state is
// the cache's view, and the server still decides when the booking is sent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

enum class PlaceState {
  free,
  mine,         // the person's active booking overlaps the day's slot
  mine_pending, // the same, while its change still waits to be sent
  taken,        // someone else's booking overlaps
  unavailable,  // a booking rule stops it (reason: the server's refusal code)
  COUNT
};
std::string_view to_string(PlaceState state);  // "free", "mine", "pending", "taken", "unavailable"

struct PlaceRow {
  Resource resource;
  Building building;  // without its floors
  Floor floor;
  PlaceState state = PlaceState::free;
  std::string reason;              // refusal code when unavailable, else empty
  std::optional<Id> booking_id;    // the person's booking when mine
};

// Every cached place of `building_id` (all buildings when nullopt) in building, floor and
// resource order, judged for the department's whole-day slot on `day`. Returns nullopt when
// `building_id` names no cached building.
std::optional<std::vector<PlaceRow>> list_places(const store::LocalStore& store, const std::optional<Id>& building_id,
                                                 Date day, Instant now);

}  // namespace stellwerk::client
