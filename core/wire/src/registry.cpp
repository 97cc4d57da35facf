#include "stellwerk/wire/registry.hpp"

#include <tuple>

#include "stellwerk/wire/types.hpp"
#include "stellwerk/wire/types_import.hpp"
#include "stellwerk/wire/types_place_shape.hpp"

namespace stellwerk::wire {
namespace {

template <typename T>
SchemaEntry entry() {
  return SchemaEntry{Schema<T>::name, field_names<T>(), Schema<T>::closed,
                     [](const Json& json) -> std::expected<Json, DecodeError> {
                       auto value = decode<T>(json);
                       if (!value) return std::unexpected(value.error());
                       return encode(*value);
                     }};
}

template <typename... T>
std::vector<SchemaEntry> entries() {
  return {entry<T>()...};
}

}  // namespace

const std::vector<SchemaEntry>& schemas() {
  static const std::vector<SchemaEntry> all =
      entries<Health, LoginRequest, KioskLoginRequest, User, Session, Slot, PolicySlots, CheckInWindow, RemoteShare,
              Horizon, Holiday, Closure, ClosureRequest, Policy, Floor, Building, Resource, Place, PlaceClosure, PlaceRequest,
              AvailabilityResource,
              Availability, BusyPeriod, Timeline, Favourite, FavouriteRequest, Booking, BookingRequest, MoveRequest,
              Occupancy, Workday, WorkdayRequest, Quota, WorkdayList, WorkdaySaved, Approval, ApprovalDecision, TeamMember, Course,
              Certificate, Enrollment, EnrollmentRequest, SelfAssessment, SelfAssessmentRequest, CompetenceTarget, TeamTraining, Change, ChangesPage, Problem, OpeningHours, Kiosk,
              KioskRegistration, KioskRegistered, KioskHeartbeat, KioskToday, PresenceSharing, SharedPresence,
              PresenceCounts, TeamPresenceHalf, TeamPresence, WorkTime, WorkTimeRequest, WorkTimeList,
              ImportChange, ImportProblem, ImportReport>();
  return all;
}

const SchemaEntry* find_schema(std::string_view name) {
  for (const SchemaEntry& schema : schemas()) {
    if (schema.name == name) return &schema;
  }
  return nullptr;
}

}  // namespace stellwerk::wire
