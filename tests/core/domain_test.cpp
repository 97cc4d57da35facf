// Domain enumerations (every enumerator round-trips through its wire name) and the validation
// helpers for times, policies, floor-plan positions and courses.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk {
namespace {

// Every enumerator has a distinct, non-empty wire name that parses back to itself.
template <typename Enum> void expect_wire_names_round_trip() {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < static_cast<std::size_t>(Enum::COUNT); ++i) {
    const auto value = static_cast<Enum>(i);
    const std::string_view name = to_string(value);
    EXPECT_FALSE(name.empty()) << i;
    EXPECT_TRUE(seen.insert(name).second) << name;
    EXPECT_EQ(parse_enum<Enum>(name), value) << name;
  }
  EXPECT_TRUE(to_string(Enum::COUNT).empty());
  EXPECT_EQ(parse_enum<Enum>(""), std::nullopt);
  EXPECT_EQ(parse_enum<Enum>("COUNT"), std::nullopt);
  EXPECT_EQ(parse_enum<Enum>("no_such_name"), std::nullopt);
}

TEST(WireNames, RoundTripEveryEnum) {
  expect_wire_names_round_trip<Role>();
  expect_wire_names_round_trip<ResourceType>();
  expect_wire_names_round_trip<BookingState>();
  expect_wire_names_round_trip<HalfDay>();
  expect_wire_names_round_trip<WorkMode>();
  expect_wire_names_round_trip<WorkdayKind>();
  expect_wire_names_round_trip<EnrollmentState>();
  expect_wire_names_round_trip<OverQuotaRule>();
}

TEST(WireNames, KnownSpellings) {
  EXPECT_EQ(to_string(Role::facility_admin), "facility_admin");
  EXPECT_EQ(to_string(BookingState::checked_in), "checked_in");
  EXPECT_EQ(parse_enum<WorkMode>("remote"), WorkMode::remote);
  EXPECT_EQ(parse_enum<WorkMode>("Remote"), std::nullopt);  // wire names are case-sensitive
}

TEST(Validation, TimesAndSlots) {
  const Instant start = to_instant(date::year{2026} / 6 / 1, 8 * 60);
  EXPECT_TRUE(valid_time_range(start, start + std::chrono::hours{1}));
  EXPECT_FALSE(valid_time_range(start, start));
  EXPECT_FALSE(valid_time_range(start + std::chrono::seconds{1}, start));
  EXPECT_TRUE(valid_minute_of_day(0));
  EXPECT_TRUE(valid_minute_of_day(1440));
  EXPECT_FALSE(valid_minute_of_day(-1));
  EXPECT_FALSE(valid_minute_of_day(1441));
  EXPECT_TRUE(valid_slot({8 * 60, 24 * 60}));
  EXPECT_FALSE(valid_slot({12 * 60, 12 * 60}));
  EXPECT_FALSE(valid_slot({13 * 60, 12 * 60}));
}

TEST(Validation, PolicyProblems) {
  EXPECT_EQ(policy_problem(DepartmentPolicy{}), std::nullopt);
  const auto problem_after = [](auto change) {
    DepartmentPolicy policy;
    change(policy);
    return policy_problem(policy);
  };
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.days_ahead = -1; }), "days_ahead");
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.max_upcoming = 0; }), "max_upcoming");
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.bookable_weekdays.fill(false); }), "bookable_weekdays");
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.am = {8 * 60, 14 * 60}; }), "slot_times");  // overlaps pm
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.pm = {13 * 60, 18 * 60}; }), "slot_times");  // after day end
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.day = {9 * 60, 8 * 60}; }), "slot_times");
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.check_in_closes_minutes_after = -5; }), "check_in_window");
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.remote_share_percent = 101; }), "remote_share_percent");
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.accessible_hold_hours = -1; }), "accessible_hold_hours");
  EXPECT_EQ(problem_after([](DepartmentPolicy& p) { p.retention_days = 0; }), "retention_days");
}

TEST(Validation, ResourceFitsOnFloor) {
  Floor floor;
  floor.width_m = 40;
  floor.height_m = 20;
  Resource desk;
  desk.x = 38.4;
  desk.y = 18.5;
  desk.w = 1.6;
  desk.h = 0.8;
  EXPECT_TRUE(fits_on_floor(desk, floor));
  desk.x = 39;
  EXPECT_FALSE(fits_on_floor(desk, floor));  // sticks out on the right
  desk.x = -0.1;
  EXPECT_FALSE(fits_on_floor(desk, floor));
  desk.x = 1;
  desk.w = 0;
  EXPECT_FALSE(fits_on_floor(desk, floor));
  desk.w = 1.6;
  desk.y = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(fits_on_floor(desk, floor));
}

TEST(Validation, CourseRefersToDigComp) {
  Course course;
  course.competence_id = "4.2";
  course.level = 3;
  EXPECT_TRUE(valid_course(course));
  course.competence_id = "4.5";
  EXPECT_FALSE(valid_course(course));
  course.competence_id = "4.2";
  course.level = 9;
  EXPECT_FALSE(valid_course(course));
  course.level = 8;
  course.validity_months = -1;
  EXPECT_FALSE(valid_course(course));
}

TEST(Validation, HasRole) {
  Employee employee;
  employee.roles = {Role::employee, Role::manager};
  EXPECT_TRUE(has_role(employee, Role::manager));
  EXPECT_FALSE(has_role(employee, Role::facility_admin));
}

}  // namespace
}  // namespace stellwerk
