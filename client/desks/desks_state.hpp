// Desks' view state: the floor, day and time shown, how they are shown, and what the person's own
// bookings look like in the views (also on Home).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk::client {

// A booking with the names a person needs to recognise it.
struct BookingSummary {
  Booking booking;
  std::string resource_name;
  ResourceType resource_type = ResourceType::desk;
  std::string building_name;
  std::string floor_name;
  bool pending = false;  // a change to it waits in the outbox: shown as "pending" until sent
  // Released by facility management, not for a missed check-in: the place was removed
  // (place_removed) or closed that day (place_closed). Said with the booking, in core's words.
  std::optional<Refusal> released_because{};
};

// A building closed on a day (from the changes feed).
struct ClosedDay {
  Id building_id;
  Date day{};
  std::string reason;
};

inline constexpr int kRecentBookingDays = 14;

// How the Desks view shows the floor: the plan, the same as a list, the meeting rooms' day
// timelines, the person's own bookings, or (facility admins only) the floor-plan editor.
enum class DeskLayout : unsigned char { plan, list, rooms, mine, edit, COUNT };

// The editor's question before a place is removed: how many bookings still to come the cache
// knows of (the person's own and others'), which the removal would release.
struct PlaceRemovalQuestion {
  Id resource_id;
  int bookings_ahead = 0;
};

// What the Desks view books: one of the department's slots, or a time range of the person's own.
enum class TimeChoice : unsigned char { day, am, pm, range, COUNT };

// Minutes after local midnight, start before end.
struct MinuteRange {
  MinuteOfDay start = 9 * 60;
  MinuteOfDay end = 10 * 60;
};

// Someone's booking of a resource on the floor shown, from the changes feed's occupancy: when,
// never who. The person's own bookings are not in this list (they are in ClientData::bookings).
struct BusyTime {
  Id resource_id;
  Instant start{};
  Instant end{};
};

// What a booking that covers several days did ("Book my usual", one day, is reported by a notice), shown until the person closes it: which days were
// booked or cancelled and which were skipped, each with the rule that stopped it.
struct BookingReport {
  enum class Kind : unsigned char { recurring, cancel_range };
  struct Skipped {
    Date day{};
    std::string problem_code;  // a booking rule code of core/rules.hpp or the server ("desk_taken")
  };
  Kind kind = Kind::recurring;
  std::string resource_name;   // what was booked
  std::vector<Date> done;
  std::vector<Skipped> skipped;
};

// A floor's drawing decoded for the renderer: RGBA pixels, top row first (emptied once the window
// has uploaded them as a texture).
struct FloorDrawingImage {
  Id floor_id;
  std::string version;  // Floor::drawing_version it was decoded from
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;
};

// A file the editor cannot send as a floor's drawing (core's inspect_drawing decides what can).
enum class DrawingFileProblem : unsigned char { unreadable, too_large, not_a_drawing };

struct DesksState {
  Id building_id;
  Id floor_id;
  Date day{};                       // the day shown and booked; unset until the first load picks the next bookable day
  TimeChoice time = TimeChoice::day;
  MinuteRange range;                // for TimeChoice::range
  DeskLayout layout = DeskLayout::plan;
  std::vector<std::string> required_features;  // wire names a resource must have to be shown
  bool only_free = false;
  std::vector<Resource> resources;  // of floor_id
  std::vector<BusyTime> busy;       // of floor_id on `day`, others' bookings only
  bool resources_loaded = false;
  // The drawing of floor_id, when it has one and the cache holds it; shared, because a frame's copy
  // of the state must not copy megabytes of pixels.
  std::shared_ptr<const FloorDrawingImage> drawing;
  // The version of floor_id's cached drawing that could not be decoded: not decoded again (on
  // every load) until the floor carries another version. Empty: none.
  std::string undecodable_drawing;
  // The window's texture of `drawing` (an ImTextureID), set between frames; 0: nothing to draw,
  // as in headless runs without a renderer.
  std::uintptr_t drawing_texture = 0;
  Id selected;                      // the resource whose details and actions are shown; empty: none
  std::optional<BookingReport> report;
  std::optional<PlaceRemovalQuestion> removal;  // the editor asks this before removing a place
  // Why the file last chosen as the floor's drawing was not sent; nullopt: nothing to say.
  std::optional<DrawingFileProblem> drawing_problem;
};

}  // namespace stellwerk::client
