// Domain types shared by the client and the server: who works where, what can be booked,
// how a day is planned and which trainings exist. Plain data with no I/O and no UI, so that
// core/ can be linked by every other target. Enumerations carry a COUNT entry so that every
// table indexed by them (wire names here, translated labels in the client) can be checked
// for completeness with a static_assert.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace stellwerk {

using Id = std::string;              // opaque; never parsed for meaning
using Date = date::year_month_day;   // a civil date in Europe/Berlin
using Instant = date::sys_seconds;   // a point in time (UTC underneath)
using MinuteOfDay = std::int32_t;    // minutes after local midnight, 0..1440

enum class Role : std::uint8_t { employee, manager, facility_admin, kiosk_device, COUNT };
enum class ResourceType : std::uint8_t { desk, room, parking, COUNT };
enum class BookingState : std::uint8_t { booked, checked_in, released, cancelled, COUNT };
enum class HalfDay : std::uint8_t { day, am, pm, COUNT };
enum class WorkMode : std::uint8_t { office, remote, leave, training, travel, off, COUNT };
enum class WorkdayKind : std::uint8_t { planned, actual, COUNT };
enum class EnrollmentState : std::uint8_t { enrolled, completed, COUNT };
// How a course is taught: online at one's own pace, in a room on a date, or both.
enum class CourseFormat : std::uint8_t { e_learning, classroom, blended, COUNT };
// What happens when a person plans more remote days than the department allows.
enum class OverQuotaRule : std::uint8_t { needs_approval, refused, COUNT };

struct SlotTimes {
  MinuteOfDay start = 8 * 60;
  MinuteOfDay end = 17 * 60;
};

struct DepartmentPolicy {
  int days_ahead = 28;            // how far ahead a desk may be booked
  int max_upcoming = 20;          // bookings a person may hold at once
  std::array<bool, 7> bookable_weekdays{true, true, true, true, true, false, false};  // Mon..Sun
  SlotTimes day{8 * 60, 17 * 60};
  SlotTimes am{8 * 60, 12 * 60};
  SlotTimes pm{13 * 60, 17 * 60};
  // The check-in window (core/rules.hpp: CheckInWindow, opens .. closes); the API names them
  // check_in.opens_minutes_before and check_in.closes_minutes_after.
  int check_in_opens_minutes_before = 15;  // check-in opens this long before the start
  int check_in_closes_minutes_after = 30;  // and closes this long after it: a booking not checked in is released
  int remote_share_percent = 40;      // of working days in a month
  OverQuotaRule over_quota = OverQuotaRule::needs_approval;
  int accessible_hold_hours = 24;     // accessible desks are held for people who need them until then
  int retention_days = 90;            // bookings older than this are deleted
};

struct Organisation {
  Id id;
  std::string name;
};

struct Department {
  Id id;
  Id organisation_id;
  std::string name;
  DepartmentPolicy policy;
};

struct Employee {
  Id id;
  std::string username;
  std::string display_name;
  Id department_id;
  std::optional<Id> manager_id;
  std::vector<Role> roles;
  Id home_building_id;
  bool needs_accessible_desk = false;
  bool presence_opt_in = false;  // colleagues may see this person's office days only when true
};

struct Floor {
  Id id;
  Id building_id;
  std::string name;
  int level = 0;
  double width_m = 0;   // plan size: resource coordinates are metres within this box
  double height_m = 0;
  // The version of the floor's drawing (floor_drawing.hpp) — it changes with every upload —, or
  // empty when the floor has none. The drawing itself travels on its own route.
  std::string drawing_version{};
};

struct Building {
  Id id;
  std::string name;
  std::string address;
  std::vector<Floor> floors;
};

// A place closed by facility admins for a period (a repair, a move): nobody may book it from
// `from` to `until`, both days included; the reason is shown to whoever looks at it.
struct PlaceClosure {
  Date from{};
  Date until{};
  std::string reason;
  bool operator==(const PlaceClosure&) const = default;
};

struct Resource {
  Id id;
  ResourceType type = ResourceType::desk;
  std::string name;
  Id floor_id;
  double x = 0, y = 0, w = 0, h = 0;  // metres on the floor plan
  std::vector<std::string> features;  // wire names: monitor, docking, sit_stand, quiet, accessible, …
  int capacity = 1;
  bool accessible = false;
  std::optional<PlaceClosure> closure{};  // at most one period at a time
};

// A resource the person marked to find it quickly; at most one is their usual desk, the one
// "book my usual" tries first.
struct Favourite {
  Id resource_id;
  bool usual = false;
  Instant added_at{};
};

struct Booking {
  Id id;
  Id resource_id;
  Id employee_id;
  Instant start{};
  Instant end{};
  BookingState state = BookingState::booked;
  std::optional<Instant> release_at;
};

struct Workday {
  Date date{};
  HalfDay half = HalfDay::day;
  WorkMode mode = WorkMode::office;
  WorkdayKind kind = WorkdayKind::planned;
};

struct Course {
  Id id;
  std::string title;
  std::string description;
  std::string competence_id;  // DigComp 2.2, "1.1" … "5.4"
  int level = 1;              // DigComp proficiency level 1..8
  bool mandatory = false;
  // Whom a mandatory course is for (core's mandatory_for): people with one of these roles or in
  // one of these departments; both empty: everyone. Empty for an optional course.
  std::vector<Role> mandatory_roles = {};
  std::vector<Id> mandatory_departments = {};
  int validity_months = 0;    // 0: never expires
  int duration_minutes = 0;
  CourseFormat format = CourseFormat::e_learning;
  std::string language = "de";                    // ISO 639-1 code of the language it is taught in
  std::optional<Date> starts_on = std::nullopt;   // classroom and blended: the (first) date
  std::string place = std::string{};              // where it takes place; empty for e-learning
  std::optional<int> seats = std::nullopt;        // none: as many as enrol
  std::optional<int> seats_left = std::nullopt;   // seats minus open enrolments, as last told
  // Mandatory: the day by which everyone it is for must have completed it (core's
  // mandatory_due_on); none: each person has kMandatoryDueDays from enrolling.
  std::optional<Date> complete_by = std::nullopt;
};

// The server's signed statement of a completion: `text` (UTF-8, as signed) and `signature`, the
// base64 of its Ed25519 signature over exactly these bytes (docs/training.md).
struct Certificate {
  std::string text;
  std::string signature;
};

// What checking a certificate against the server's pinned key found (sync/certificates.hpp).
enum class CertificateCheck : unsigned char {
  valid,        // signed by the pinned key over exactly this text
  invalid,      // the text or the signature was changed, or another key signed it
  no_key,       // no key pinned yet: this store has not synced with a server
  unavailable,  // libcrypto could not be loaded, so nothing can be said
};

struct Enrollment {
  Id id;
  Id course_id;
  Id employee_id;
  EnrollmentState state = EnrollmentState::enrolled;
  std::optional<Date> due_on;
  std::optional<Date> completed_on;
  std::optional<Date> valid_until = std::nullopt;         // as the server computed it; none: does not expire
  std::optional<Certificate> certificate = std::nullopt;  // only for a completion the server confirmed
};

// Wire names (API, database, config files). parse_enum returns std::nullopt for an unknown
// name, so that each caller decides how to report bad input.
std::string_view to_string(Role);
std::string_view to_string(ResourceType);
std::string_view to_string(BookingState);
std::string_view to_string(HalfDay);
std::string_view to_string(WorkMode);
std::string_view to_string(WorkdayKind);
std::string_view to_string(EnrollmentState);
std::string_view to_string(CourseFormat);
std::string_view to_string(OverQuotaRule);

template <typename Enum> std::optional<Enum> parse_enum(std::string_view);
// The specialisations are defined in domain.cpp; declaring them here is required so that a
// caller's use refers to them instead of implicitly instantiating the undefined primary template.
template <> std::optional<Role> parse_enum<Role>(std::string_view);
template <> std::optional<ResourceType> parse_enum<ResourceType>(std::string_view);
template <> std::optional<BookingState> parse_enum<BookingState>(std::string_view);
template <> std::optional<HalfDay> parse_enum<HalfDay>(std::string_view);
template <> std::optional<WorkMode> parse_enum<WorkMode>(std::string_view);
template <> std::optional<WorkdayKind> parse_enum<WorkdayKind>(std::string_view);
template <> std::optional<EnrollmentState> parse_enum<EnrollmentState>(std::string_view);
template <> std::optional<CourseFormat> parse_enum<CourseFormat>(std::string_view);
template <> std::optional<OverQuotaRule> parse_enum<OverQuotaRule>(std::string_view);

// Validation shared by client forms and server input checks. Each returns false (or a stable
// problem code) instead of throwing, so that the caller decides how to report it.

// A booking or slot must end strictly after it starts.
bool valid_time_range(Instant start, Instant end);
// 0..1440; 1440 is the end of the day (24:00).
bool valid_minute_of_day(MinuteOfDay minute);
// Both ends valid minutes and start < end.
bool valid_slot(const SlotTimes& slot);
// Whether an admin may save this policy: non-negative limits, at least one bookable weekday,
// valid slots with the morning before the afternoon, both within the day slot. Returns the
// first problem as a stable code ("days_ahead", "max_upcoming", "bookable_weekdays",
// "slot_times", "check_in_window", "remote_share_percent", "accessible_hold_hours",
// "retention_days"), or nullopt for a usable policy.
std::optional<std::string_view> policy_problem(const DepartmentPolicy& policy);
// The resource has a positive size and lies entirely inside the floor plan's box.
bool fits_on_floor(const Resource& resource, const Floor& floor);
// The course names an existing DigComp competence and level, and its durations are not negative.
bool valid_course(const Course& course);
bool has_role(const Employee& employee, Role role);
// A list as both databases keep it, in one column: comma-separated ("employee,manager"). Ids in
// such a list never contain a comma (the import refuses one). Empty parts are dropped; roles this
// build does not know are skipped, so that a newer server's role makes nothing unreadable.
std::string comma_joined(std::span<const std::string> items);
std::vector<std::string> comma_split(std::string_view text);
std::string roles_text(std::span<const Role> roles);
std::vector<Role> parse_roles(std::string_view text);
// Booked or checked in: a booking that still holds its place (not cancelled, not released).
inline bool is_active(BookingState state) { return state == BookingState::booked || state == BookingState::checked_in; }

}  // namespace stellwerk
