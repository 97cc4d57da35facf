// The places and directory part of the local store: who the person is, their department, the
// buildings with floors and resources, the anonymous occupancy of the changes feed and the
// closed days. All of it is cache that a full pull rebuilds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

// Someone's booking as the changes feed tells it: which resource and when, never who. The
// person's own bookings are in it as well (the server cannot tell devices apart).
struct Occupancy {
  Id id;
  Id resource_id;
  Instant start{};
  Instant end{};
};

struct Closure {
  Id building_id;
  Date date{};
  std::string reason;
};

// A floor whose drawing (core's floor_drawing.hpp) the cache does not hold in this version yet.
struct FloorDrawingWanted {
  Id floor_id;
  std::string version;
};

struct CachedDrawing {
  std::string version;
  std::string image;  // PNG or JPEG bytes that passed core's inspect_drawing
};

class PlacesCache {
 public:
  std::optional<Employee> me() const;
  std::optional<Department> department(const Id& id) const;
  std::vector<Building> buildings() const;                             // ordered by name, floors by level
  std::vector<Resource> resources_on_floor(const Id& floor_id) const;  // ordered by type, name
  std::optional<Resource> resource(const Id& id) const;
  std::vector<Resource> resources_in_building(const Id& building_id) const;
  std::optional<Id> building_of_floor(const Id& floor_id) const;  // nullopt for a floor not cached
  // Anonymous bookings of others (and of the person) from the changes feed that overlap [start, end).
  std::vector<Id> occupied_resources(Instant start, Instant end) const;
  // How many bookings of the resource that end after `now` the cache knows of: others' (the feed's
  // occupancy) and the person's own active ones, each counted once.
  int bookings_ahead(const Id& resource_id, Instant now) const;
  // A place removed from its floor, kept for the names of bookings of it; nullopt for any other.
  std::optional<Resource> removed_resource(const Id& id) const;
  // Bookings of places the cache does not hold at all (a full copy after a place was removed sends
  // its released bookings but not the place): dropped with the last page of a pull, before the
  // foreign key is checked; never one a queued change still names.
  void drop_bookings_without_place();
  // Other people's bookings of the floor's resources overlapping [from, to), by resource and start:
  // the feed's occupancy without the person's own bookings, which it holds too. A row is the
  // person's own when one of their bookings has its resource and times and still holds the place
  // here (booked, checked in, or cancelled with the cancellation not yet sent); a confirmed
  // cancellation took its row out of the feed, so a row with the same times is someone else's.
  std::vector<Occupancy> others_on_floor(const Id& floor_id, Instant from, Instant to) const;
  // Closed days of any building between the two days (inclusive), by building and date.
  std::vector<Closure> closures(Date from, Date to) const;
  // The floor's drawing as the server sent it, when the cache holds the version the floor
  // carries; nullopt for a floor without a drawing or one not fetched yet.
  std::optional<CachedDrawing> floor_drawing(const Id& floor_id) const;
  // Floors with a drawing whose current version is not cached, for the sync engine to fetch.
  std::vector<FloorDrawingWanted> drawings_to_fetch() const;

  // --- writes to the cache (the sync engine and the demo import use these) -----------------
  void set_me(const Employee& me, const Department& department);
  void upsert_building(const Building& building);  // with its floors
  void upsert_resource(const Resource& resource);
  void upsert_occupancy(const Id& id, const Id& resource_id, Instant start, Instant end);
  void upsert_closure(const Id& building_id, Date date, std::string_view reason);
  // Keeps `image` as the floor's drawing in `version`. The image is kept across a full copy of
  // the feed, so a drawing is fetched once per version; sign-out (clear_cache) drops it.
  void store_floor_drawing(const Id& floor_id, std::string_view version, std::string_view image);
  // Drops the drawings no cached floor shows any more: replaced, removed, or their floor gone.
  void drop_unshown_drawings();
  // A facility admin's upload (sync's floor_drawing change): the floor shows `image` at once under
  // `local_version`; nothing happens for a floor the cache does not hold.
  void show_uploaded_drawing(const Id& floor_id, std::string_view local_version, std::string_view image);
  // The server accepted that upload as `version`: a floor still showing it carries `version` and the
  // image keeps its bytes under it, so it is not fetched again. A floor showing a later upload, or
  // the server's drawing after a full copy, is left as it is.
  void adopt_uploaded_drawing(const Id& floor_id, std::string_view local_version, std::string_view version);
  void remove_building(const Id& id);
  void remove_resource(const Id& id);
  void remove_occupancy(const Id& id);
  void remove_closure(const Id& building_id, Date date);

 protected:
  explicit PlacesCache(Database& database) : db_(database) {}
  PlacesCache(PlacesCache&&) noexcept = default;
  PlacesCache& operator=(PlacesCache&&) noexcept = default;
  ~PlacesCache() = default;

 private:
  std::optional<Resource> resource_row(const Id& id, bool removed) const;
  DatabaseRef db_;
};

}  // namespace stellwerk::store
