// Wire names of the domain enumerations and validation of domain values. One name table per
// enumeration, checked against COUNT so that adding an enumerator without its name fails to
// compile.
#include "stellwerk/core/domain.hpp"

#include <algorithm>

#include "stellwerk/core/digcomp.hpp"

namespace stellwerk {
namespace {

template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<std::string_view, N>& names, Enum value) {
  static_assert(N == static_cast<std::size_t>(Enum::COUNT), "every enumerator needs a wire name");
  const auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : std::string_view{};
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_with(const std::array<std::string_view, N>& names, std::string_view text) {
  static_assert(N == static_cast<std::size_t>(Enum::COUNT), "every enumerator needs a wire name");
  const auto it = std::find(names.begin(), names.end(), text);
  if (it == names.end()) return std::nullopt;
  return static_cast<Enum>(it - names.begin());
}

constexpr std::array<std::string_view, 4> kRoleNames{"employee", "manager", "facility_admin", "kiosk_device"};
constexpr std::array<std::string_view, 3> kResourceTypeNames{"desk", "room", "parking"};
constexpr std::array<std::string_view, 4> kBookingStateNames{"booked", "checked_in", "released", "cancelled"};
constexpr std::array<std::string_view, 3> kHalfDayNames{"day", "am", "pm"};
constexpr std::array<std::string_view, 6> kWorkModeNames{"office", "remote", "leave", "training", "travel", "off"};
constexpr std::array<std::string_view, 2> kWorkdayKindNames{"planned", "actual"};
constexpr std::array<std::string_view, 2> kEnrollmentStateNames{"enrolled", "completed"};
constexpr std::array<std::string_view, 3> kCourseFormatNames{"e_learning", "classroom", "blended"};
constexpr std::array<std::string_view, 2> kOverQuotaRuleNames{"needs_approval", "refused"};

}  // namespace

std::string_view to_string(Role v) { return name_of(kRoleNames, v); }
std::string_view to_string(ResourceType v) { return name_of(kResourceTypeNames, v); }
std::string_view to_string(BookingState v) { return name_of(kBookingStateNames, v); }
std::string_view to_string(HalfDay v) { return name_of(kHalfDayNames, v); }
std::string_view to_string(WorkMode v) { return name_of(kWorkModeNames, v); }
std::string_view to_string(WorkdayKind v) { return name_of(kWorkdayKindNames, v); }
std::string_view to_string(EnrollmentState v) { return name_of(kEnrollmentStateNames, v); }
std::string_view to_string(CourseFormat v) { return name_of(kCourseFormatNames, v); }
std::string_view to_string(OverQuotaRule v) { return name_of(kOverQuotaRuleNames, v); }

template <> std::optional<Role> parse_enum<Role>(std::string_view s) { return parse_with<Role>(kRoleNames, s); }
template <> std::optional<ResourceType> parse_enum<ResourceType>(std::string_view s) { return parse_with<ResourceType>(kResourceTypeNames, s); }
template <> std::optional<BookingState> parse_enum<BookingState>(std::string_view s) { return parse_with<BookingState>(kBookingStateNames, s); }
template <> std::optional<HalfDay> parse_enum<HalfDay>(std::string_view s) { return parse_with<HalfDay>(kHalfDayNames, s); }
template <> std::optional<WorkMode> parse_enum<WorkMode>(std::string_view s) { return parse_with<WorkMode>(kWorkModeNames, s); }
template <> std::optional<WorkdayKind> parse_enum<WorkdayKind>(std::string_view s) { return parse_with<WorkdayKind>(kWorkdayKindNames, s); }
template <> std::optional<EnrollmentState> parse_enum<EnrollmentState>(std::string_view s) { return parse_with<EnrollmentState>(kEnrollmentStateNames, s); }
template <> std::optional<CourseFormat> parse_enum<CourseFormat>(std::string_view s) { return parse_with<CourseFormat>(kCourseFormatNames, s); }
template <> std::optional<OverQuotaRule> parse_enum<OverQuotaRule>(std::string_view s) { return parse_with<OverQuotaRule>(kOverQuotaRuleNames, s); }

bool valid_time_range(Instant start, Instant end) { return start < end; }

bool valid_minute_of_day(MinuteOfDay minute) { return minute >= 0 && minute <= 24 * 60; }

bool valid_slot(const SlotTimes& slot) {
  return valid_minute_of_day(slot.start) && valid_minute_of_day(slot.end) && slot.start < slot.end;
}

std::optional<std::string_view> policy_problem(const DepartmentPolicy& policy) {
  if (policy.days_ahead < 0) return "days_ahead";
  if (policy.max_upcoming < 1) return "max_upcoming";
  if (std::none_of(policy.bookable_weekdays.begin(), policy.bookable_weekdays.end(), [](bool b) { return b; })) {
    return "bookable_weekdays";
  }
  const bool slots_ok = valid_slot(policy.day) && valid_slot(policy.am) && valid_slot(policy.pm) &&
                        policy.am.start >= policy.day.start && policy.pm.end <= policy.day.end &&
                        policy.am.end <= policy.pm.start;
  if (!slots_ok) return "slot_times";
  if (policy.check_in_opens_minutes_before < 0 || policy.check_in_closes_minutes_after < 0) return "check_in_window";
  if (policy.remote_share_percent < 0 || policy.remote_share_percent > 100) return "remote_share_percent";
  if (policy.accessible_hold_hours < 0) return "accessible_hold_hours";
  if (policy.retention_days < 1) return "retention_days";
  return std::nullopt;
}

bool fits_on_floor(const Resource& resource, const Floor& floor) {
  // Written so that NaN coordinates fail every comparison and are rejected.
  return resource.w > 0 && resource.h > 0 && resource.x >= 0 && resource.y >= 0 &&
         resource.x + resource.w <= floor.width_m && resource.y + resource.h <= floor.height_m;
}

bool valid_course(const Course& course) {
  return is_valid_competence_id(course.competence_id) && is_valid_level(course.level) &&
         course.validity_months >= 0 && course.duration_minutes >= 0 && course.language.size() == 2 &&
         course.seats.value_or(0) >= 0 && course.seats_left.value_or(0) >= 0;
}

bool has_role(const Employee& employee, Role role) {
  return std::find(employee.roles.begin(), employee.roles.end(), role) != employee.roles.end();
}

std::string comma_joined(std::span<const std::string> items) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += ',';
    text += item;
  }
  return text;
}

std::vector<std::string> comma_split(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const auto comma = std::min(text.find(','), text.size());
    if (comma > 0) items.emplace_back(text.substr(0, comma));
    text.remove_prefix(std::min(comma + 1, text.size()));
  }
  return items;
}

std::string roles_text(std::span<const Role> roles) {
  std::vector<std::string> names;
  for (const Role role : roles) names.emplace_back(to_string(role));
  return comma_joined(names);
}

std::vector<Role> parse_roles(std::string_view text) {
  std::vector<Role> roles;
  for (const std::string& name : comma_split(text)) {
    if (const auto role = parse_enum<Role>(name)) roles.push_back(*role);
  }
  return roles;
}

}  // namespace stellwerk
