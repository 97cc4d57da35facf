// Desks' loads. Coarse on purpose: a person's data is small (a month of bookings, a few favourites),
// and one load after each change keeps every view consistent. A load also reads what waits in the
// outbox, shown as pending.
#include <algorithm>

#include "desks/desks_handler.hpp"
#include "desks/desks_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::client {
namespace {

constexpr int kBookingDaysShown = 28;

// Others' bookings of the floor's resources on `day` (the person's own are shown from
// ClientData::bookings instead).
std::vector<BusyTime> others_on_floor(const store::PlacesCache& places, const Id& floor_id, Date day) {
  std::vector<BusyTime> busy;
  for (store::Occupancy& o : places.others_on_floor(floor_id, to_instant(day, 0), to_instant(day, 24 * 60))) {
    busy.push_back(BusyTime{std::move(o.resource_id), o.start, o.end});
  }
  return busy;
}

}  // namespace

FloorNames floor_names(const std::vector<Building>& buildings) {
  FloorNames names;
  for (const Building& b : buildings) {
    for (const Floor& f : b.floors) names[f.id] = {b.name, f.name};
  }
  return names;
}

BookingSummary summarise_booking(const store::PlacesCache& places, const FloorNames& floors,
                                 const std::set<std::string>& pending, Booking booking) {
  BookingSummary summary;
  auto resource = places.resource(booking.resource_id);
  const bool removed = !resource && (resource = places.removed_resource(booking.resource_id));
  if (resource) {
    summary.resource_name = resource->name;
    summary.resource_type = resource->type;
    // Released while the place is removed or closed that day: facility management did it. (The
    // feed does not say why a booking was released, so a missed check-in on a place removed later
    // reads the same.)
    if (booking.state == BookingState::released) {
      if (removed) summary.released_because = Refusal::place_removed;
      else if (closed_on(*resource, local_date(booking.start))) summary.released_because = Refusal::place_closed;
    }
    if (const auto it = floors.find(resource->floor_id); it != floors.end()) {
      summary.building_name = it->second.first;
      summary.floor_name = it->second.second;
    }
  } else {
    summary.resource_name = booking.resource_id;  // not cached yet: the id is all we know
  }
  summary.pending = pending.contains(store::booking_key(booking.id));
  summary.booking = std::move(booking);
  return summary;
}

void load_desks(const store::LocalStore& store, Date today, const std::set<std::string>& pending, ClientData& data) {
  data.me = store.me();
  if (data.me) data.department = store.department(data.me->department_id);
  data.buildings = store.buildings();
  const FloorNames floors = floor_names(data.buildings);
  // Up to the end of the booking horizon, so that every booking the person can hold is listed.
  const int horizon = data.department ? data.department->policy.days_ahead : DepartmentPolicy{}.days_ahead;
  for (Booking& booking : store.my_bookings(today, add_days(today, std::max(kBookingDaysShown - 1, horizon)))) {
    data.bookings.push_back(summarise_booking(store, floors, pending, std::move(booking)));
  }
  for (Booking& booking : store.my_bookings(add_days(today, -kRecentBookingDays), add_days(today, -1))) {
    BookingSummary summary = summarise_booking(store, floors, pending, std::move(booking));
    data.recent_bookings.insert(data.recent_bookings.begin(), std::move(summary));  // newest first
  }
  data.favourites = store.favourites();
  for (const Favourite& f : data.favourites) {
    if (pending.contains(store::favourite_key(f.resource_id))) data.pending_favourites.push_back(f.resource_id);
  }
  for (store::Closure& c : store.closures(today, add_days(today, horizon))) {
    data.closures.push_back(ClosedDay{std::move(c.building_id), c.date, std::move(c.reason)});
  }
}

void settle_desks(AppState& state) {
  // Desks opens on the next day the person can book: today, unless it is a weekend, a holiday, or
  // the working day is over already.
  if (!state.desks.day.ok()) {
    const DepartmentPolicy policy = state.data.department ? state.data.department->policy : DepartmentPolicy{};
    const bool today_over = now_of(state) >= to_instant(state.today, policy.day.end);
    const auto next = next_bookable_day(policy, today_over ? add_days(state.today, 1) : state.today);
    state.desks.day = next.value_or(state.today);
  }
  // Open Desks on the home building's first floor, unless the person already chose one.
  const auto& buildings = state.data.buildings;
  const bool known = std::any_of(buildings.begin(), buildings.end(),
                                 [&](const Building& b) { return b.id == state.desks.building_id; });
  if (known || buildings.empty()) return;
  const Building* home = &buildings.front();
  if (state.data.me) {
    for (const Building& b : buildings) {
      if (b.id == state.data.me->home_building_id) home = &b;
    }
  }
  state.desks.building_id = home->id;
  state.desks.floor_id = home->floors.empty() ? Id{} : home->floors.front().id;
  state.desks.resources_loaded = false;
}

void load_floor(HandlerContext& context, const Id& floor_id) {
  context.requested_floor = floor_id;
  const Date day = context.state.desks.day;
  context.requested_day = day;
  context.state.desks.resources_loaded = false;
  context.worker.post([floor_id, day](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    // Occupancy comes from the changes feed; on local demo data there is none and the view says so.
    auto busy = day.ok() ? others_on_floor(*store, floor_id, day) : std::vector<BusyTime>{};
    return [floor_id, day, resources = store->resources_on_floor(floor_id), busy = std::move(busy)](AppState& state) mutable {
      if (state.desks.floor_id != floor_id || state.desks.day != day) return;  // the person moved on meanwhile
      state.desks.resources = std::move(resources);
      state.desks.busy = std::move(busy);
      state.desks.resources_loaded = true;
    };
  });
}

void refresh_occupancy(HandlerContext& context) {
  const DesksState& desks = context.state.desks;
  if (desks.floor_id.empty() || desks.floor_id != context.requested_floor || !context.requested_day.ok()) return;
  context.worker.post([floor = desks.floor_id, day = context.requested_day](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    return [floor, day, busy = others_on_floor(*store, floor, day)](AppState& state) mutable {
      if (state.desks.floor_id != floor || state.desks.day != day) return;
      state.desks.busy = std::move(busy);
    };
  });
}

// Reads and decodes the floor's drawing on the worker (decoding a large PNG takes longer than a
// frame). The plan shows no drawing until it is ready, and none when it cannot be decoded.
void load_drawing(HandlerContext& context, const Id& floor_id, const std::string& version) {
  context.requested_drawing = {floor_id, version, context.data_loads};
  context.worker.post([floor_id, version](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    std::shared_ptr<const FloorDrawingImage> image;
    const auto cached = store->floor_drawing(floor_id);
    const bool held = cached && cached->version == version;
    if (held) image = decode_drawing(floor_id, version, cached->image);
    const bool undecodable = held && !image;
    return [floor_id, version, undecodable, image = std::move(image)](AppState& state) mutable {
      if (state.desks.floor_id != floor_id) return;
      state.desks.drawing = std::move(image);
      if (undecodable) state.desks.undecodable_drawing = version;
    };
  });
}

void follow_floor(HandlerContext& context) {
  // A load may pick the floor (the home building's first); its resources follow in a job of their own.
  DesksState& shown = context.state.desks;
  if (shown.day.ok() && !shown.floor_id.empty() &&
      (shown.floor_id != context.requested_floor || shown.day != context.requested_day)) {
    load_floor(context, shown.floor_id);
  }
  // The drawing follows the floor's version, so one a sync brings (or takes away) shows at once.
  // A version not yet cached when asked for is asked for again after the next data load: the sync
  // fetches the image after the feed that announced it, and a load follows every sync that kept
  // one (SyncReport::drawings). One that could not be decoded is not asked for again.
  const Floor* floor = desks::shown_floor(context.state);
  const std::string wanted = floor != nullptr ? floor->drawing_version : std::string{};
  if (shown.drawing && (floor == nullptr || shown.drawing->floor_id != floor->id || shown.drawing->version != wanted)) {
    shown.drawing.reset();
  }
  if (floor == nullptr || wanted.empty() || shown.drawing || wanted == shown.undecodable_drawing) return;
  const auto& asked = context.requested_drawing;
  if (asked.floor_id != floor->id || asked.version != wanted || asked.data_loads != context.data_loads) {
    load_drawing(context, floor->id, wanted);
  }
}

}  // namespace stellwerk::client
