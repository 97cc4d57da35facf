// The enumerations the API carries, by their wire names. Those of the domain (core/domain.hpp,
// core/calendar.hpp) keep their names there; the ones only the API has are declared here. Each
// has a COUNT entry, so that its name table is checked for completeness.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/wire/codec.hpp"

namespace stellwerk::wire {

// A resource's state for the caller on one half of a day.
enum class DayState : std::uint8_t { free, taken, mine, held, closed, COUNT };
// The whole day: a DayState, or partly_free when one half is free.
enum class AvailabilityState : std::uint8_t { free, taken, mine, held, closed, partly_free, COUNT };
enum class ApprovalState : std::uint8_t { pending, approved, rejected, COUNT };
// Where the month's request to go over the remote share stands; none when there is none.
enum class QuotaApproval : std::uint8_t { none, pending, approved, rejected, COUNT };
enum class Decision : std::uint8_t { approve, reject, COUNT };
enum class ChangeEntity : std::uint8_t {
  building, resource, closure, occupancy, course, booking, workday, enrollment, policy, favourite, work_time,
  self_assessment, competence_target, COUNT
};
enum class ChangeOp : std::uint8_t { upsert, delete_, COUNT };

namespace detail {

template <typename E, const auto& names>
struct ListedNames {
  static_assert(names.size() == static_cast<std::size_t>(E::COUNT), "one wire name per enumerator");
  static std::string_view name(E value) { return names.at(static_cast<std::size_t>(value)); }
  static std::optional<E> parse(std::string_view text) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == text) return static_cast<E>(i);
    }
    return std::nullopt;
  }
};

// The domain's enumerations keep their names in core (to_string / parse_enum).
template <typename E>
struct DomainNames {
  static std::string_view name(E value) { return to_string(value); }
  static std::optional<E> parse(std::string_view text) { return parse_enum<E>(text); }
};

inline constexpr std::array<std::string_view, 5> kDayStateNames{"free", "taken", "mine", "held", "closed"};
inline constexpr std::array<std::string_view, 6> kAvailabilityStateNames{"free",  "taken",  "mine",
                                                                         "held",  "closed", "partly_free"};
inline constexpr std::array<std::string_view, 3> kApprovalStateNames{"pending", "approved", "rejected"};
inline constexpr std::array<std::string_view, 4> kQuotaApprovalNames{"none", "pending", "approved", "rejected"};
inline constexpr std::array<std::string_view, 2> kDecisionNames{"approve", "reject"};
inline constexpr std::array<std::string_view, 13> kChangeEntityNames{
    "building", "resource", "closure",  "occupancy", "course",          "booking",          "workday",
    "enrollment", "policy", "favourite", "work_time", "self_assessment", "competence_target"};
inline constexpr std::array<std::string_view, 2> kChangeOpNames{"upsert", "delete"};

}  // namespace detail

template <> struct EnumNames<Role> : detail::DomainNames<Role> {};
template <> struct EnumNames<ResourceType> : detail::DomainNames<ResourceType> {};
template <> struct EnumNames<BookingState> : detail::DomainNames<BookingState> {};
template <> struct EnumNames<HalfDay> : detail::DomainNames<HalfDay> {};
template <> struct EnumNames<WorkMode> : detail::DomainNames<WorkMode> {};
template <> struct EnumNames<WorkdayKind> : detail::DomainNames<WorkdayKind> {};
template <> struct EnumNames<EnrollmentState> : detail::DomainNames<EnrollmentState> {};
template <> struct EnumNames<CourseFormat> : detail::DomainNames<CourseFormat> {};
template <> struct EnumNames<OverQuotaRule> : detail::DomainNames<OverQuotaRule> {};
template <> struct EnumNames<HolidayKind> {
  static std::string_view name(HolidayKind value) { return holiday_wire_name(value); }
  static std::optional<HolidayKind> parse(std::string_view text) { return parse_enum<HolidayKind>(text); }
};

template <> struct EnumNames<DayState> : detail::ListedNames<DayState, detail::kDayStateNames> {};
template <> struct EnumNames<AvailabilityState> : detail::ListedNames<AvailabilityState, detail::kAvailabilityStateNames> {};
template <> struct EnumNames<ApprovalState> : detail::ListedNames<ApprovalState, detail::kApprovalStateNames> {};
template <> struct EnumNames<QuotaApproval> : detail::ListedNames<QuotaApproval, detail::kQuotaApprovalNames> {};
template <> struct EnumNames<Decision> : detail::ListedNames<Decision, detail::kDecisionNames> {};
template <> struct EnumNames<ChangeEntity> : detail::ListedNames<ChangeEntity, detail::kChangeEntityNames> {};
template <> struct EnumNames<ChangeOp> : detail::ListedNames<ChangeOp, detail::kChangeOpNames> {};

}  // namespace stellwerk::wire
