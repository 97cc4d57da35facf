// The schemas of kiosks (see types.hpp): the registry facility admins keep of the shared screens
// in city buildings, a kiosk's heartbeat, and what its idle screen shows of its building today.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/wire/codec.hpp"
#include "stellwerk/wire/types_places.hpp"

namespace stellwerk::wire {

// A building's opening hours on one day, Berlin wall times "HH:MM".
struct OpeningHours {
  std::string opens;
  std::string closes;
};
template <>
struct Schema<OpeningHours> {
  static constexpr std::string_view name = "OpeningHours";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("opens", &OpeningHours::opens), field("closes", &OpeningHours::closes)};
};

struct Kiosk {
  Id id;
  std::string name;
  Id building_id;
  Instant registered_at{};
  std::optional<Instant> last_seen_at;  // the last heartbeat; null before the first
  std::optional<std::string> version;   // what the last heartbeat said it runs
  bool revoked = false;
};
template <>
struct Schema<Kiosk> {
  static constexpr std::string_view name = "Kiosk";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("id", &Kiosk::id),
                                            field("name", &Kiosk::name),
                                            field("building_id", &Kiosk::building_id),
                                            field("registered_at", &Kiosk::registered_at),
                                            field("last_seen_at", &Kiosk::last_seen_at),
                                            field("version", &Kiosk::version),
                                            field("revoked", &Kiosk::revoked)};
};

struct KioskRegistration {
  std::string name;
  Id building_id;
};
template <>
struct Schema<KioskRegistration> {
  static constexpr std::string_view name = "KioskRegistration";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("name", &KioskRegistration::name, request_text(100)),
                                            field("building_id", &KioskRegistration::building_id, request_text(200))};
};

// The answer to a registration: the only time the device token is ever shown.
struct KioskRegistered {
  Kiosk kiosk;
  std::string token;
};
template <>
struct Schema<KioskRegistered> {
  static constexpr std::string_view name = "KioskRegistered";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("kiosk", &KioskRegistered::kiosk), field("token", &KioskRegistered::token)};
};

struct KioskHeartbeat {
  std::string version;
};
template <>
struct Schema<KioskHeartbeat> {
  static constexpr std::string_view name = "KioskHeartbeat";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("version", &KioskHeartbeat::version, request_text(64))};
};

// A kiosk's idle screen: its building today as nobody in particular sees it.
struct KioskToday {
  Date date{};
  Instant now{};
  Building building;
  std::optional<OpeningHours> opening_hours;  // null: the building is closed today
  std::vector<AvailabilityResource> resources;
  std::vector<Timeline> rooms;
};
template <>
struct Schema<KioskToday> {
  static constexpr std::string_view name = "KioskToday";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("date", &KioskToday::date),           field("now", &KioskToday::now),
                 field("building", &KioskToday::building),   field("opening_hours", &KioskToday::opening_hours),
                 field("resources", &KioskToday::resources), field("rooms", &KioskToday::rooms)};
};

}  // namespace stellwerk::wire
