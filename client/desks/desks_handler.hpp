// Applies Desks' intents — what is shown (building, floor, day, time, layout, filters) and the
// local changes of bookings and favourites — and loads Desks' part of ClientData: the places, the
// person's bookings and favourites, and the closures (desks_load.cpp). The floor's resources and
// their occupancy load in a job of their own whenever the floor or the day shown changes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>

#include "desks/desks_intents.hpp"
#include "handler_context.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/store/places_cache.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const SelectBuilding& intent);
void handle(HandlerContext& context, const SelectFloor& intent);
void handle(HandlerContext& context, const ShowDay& intent);
void handle(HandlerContext& context, const ChooseTime& intent);
void handle(HandlerContext& context, const ChooseLayout& intent);
void handle(HandlerContext& context, const ToggleFeatureFilter& intent);
void handle(HandlerContext& context, const ToggleOnlyFree& intent);
void handle(HandlerContext& context, const SelectResource& intent);
void handle(HandlerContext& context, const CloseReport& intent);
void handle(HandlerContext& context, const BookResource& intent);
void handle(HandlerContext& context, const BookRecurring& intent);
// Reports in Desks (state.desks.report) and in a notice, as it is also asked for from the
// Wochenplan: the booking pending (then the server's answer), or why nothing was booked.
void handle(HandlerContext& context, const BookUsual& intent);
void handle(HandlerContext& context, const ToggleFavourite& intent);
void handle(HandlerContext& context, const MakeUsual& intent);
void handle(HandlerContext& context, const CancelBooking& intent);
void handle(HandlerContext& context, const CancelBookingsBetween& intent);
void handle(HandlerContext& context, const CheckIn& intent);
void handle(HandlerContext& context, const BookAlternative& intent);
void handle(HandlerContext& context, const MoveBooking& intent);
// The floor-plan editor (place_editor_handler.cpp): facility admins only; a place core's rules
// refuse is not queued (the view keeps "Save" disabled then and says why).
void handle(HandlerContext& context, const SavePlace& intent);
void handle(HandlerContext& context, const AskPlaceRemoval& intent);
void handle(HandlerContext& context, const RemovePlace& intent);
void handle(HandlerContext& context, const KeepPlace& intent);
// Reads the file on the worker; one core's inspect_drawing refuses is not queued
// (DesksState::drawing_problem says why).
void handle(HandlerContext& context, const UploadDrawing& intent);

// floor id -> (building name, floor name), indexed once rather than per booking.
using FloorNames = std::map<Id, std::pair<std::string, std::string>>;
FloorNames floor_names(const std::vector<Building>& buildings);
BookingSummary summarise_booking(const store::PlacesCache& places, const FloorNames& floors,
                                 const std::set<std::string>& pending, Booking booking);

// On the worker thread: the person and their department, the buildings, the person's bookings
// (coming and recent), favourites and closures.
void load_desks(const store::LocalStore& store, Date today, const std::set<std::string>& pending, ClientData& data);
// On the UI thread after a load: the day and the floor Desks opens on, unless already chosen.
void settle_desks(AppState& state);
// Reads the resources and others' bookings of `floor_id` on the day shown.
void load_floor(HandlerContext& context, const Id& floor_id);
// After a reload: reads the occupancy of the floor shown again (a sync, a booking may change it).
void refresh_occupancy(HandlerContext& context);
// After the worker's updates: loads the floor when a load picked another one or another day, and
// its drawing when the floor's drawing version is not the one shown.
void follow_floor(HandlerContext& context);
// The cached image (PNG or JPEG bytes) as pixels; null when core's inspect_drawing refuses it or
// it cannot be decoded (a damaged cache or a hostile server: the floor is drawn plain).
std::shared_ptr<const FloorDrawingImage> decode_drawing(const Id& floor_id, std::string version, std::string_view image);

}  // namespace stellwerk::client
