// The floor-plan editor's rules (facility admins): what a place must be to be saved, when it is
// closed, and how a move keeps it on its floor. The server checks every saved place with
// place_refusal and the client's editor checks the same before it queues a change; the server
// refuses a booking of a closed place with place_closed, and the client's plan shows it unavailable
// with that reason (closed_on).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk {

// A place's name is at most this many characters (Unicode code points), so that it fits a label.
inline constexpr std::size_t kMaxPlaceNameChars = 80;

// A feature's wire name: 1 to 40 lower-case letters and '_' ("sit_stand"); a place has at most
// kMaxPlaceFeatures of them.
bool valid_feature_name(std::string_view name);
inline constexpr std::size_t kMaxPlaceFeatures = 16;

// Why `place` cannot be saved on `floor`, or nullopt: place_name_missing (blank or too long),
// place_off_floor (no size, or not entirely inside the plan: core's fits_on_floor),
// invalid_field (capacity below 1, a feature name that is not one, too many or repeated
// features), invalid_closure (a period that ends before it begins, an
// invalid date or no reason).
std::optional<Refusal> place_refusal(const Resource& place, const Floor& floor);

// A new place's id, made by the editor before the server hears of it: "plc_" and 16 hex digits
// from the kernel's random source, so that two editors offline never pick the same one and a
// retried request names the same place. Throws std::runtime_error when there is no randomness.
Id new_place_id();

// Whether the place is closed on `day` (its closure's first and last day included).
bool closed_on(const Resource& place, Date day);

// The place moved by (dx, dy) metres and kept entirely on the floor, its corner rounded to
// centimetres so that a run of small steps does not gather rounding noise.
Resource moved_on_floor(Resource place, double dx, double dy, const Floor& floor);

}  // namespace stellwerk
