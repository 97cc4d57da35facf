// Tests of LocalStore::import_demo against the real demo file (assets/demo/demo.json, passed
// in as STELLWERK_DEMO_JSON): the demo person, the first building's desks and a booking on
// today or the next working day must be there, with Berlin wall times turned into the right
// instants; and bad input — a missing file, malformed JSON, a field of the wrong type, an
// unknown reference — must produce a message and leave the store empty.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include <date/tz.h>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using namespace date::literals;
using test::TempDir;

const std::filesystem::path kDemoFile{STELLWERK_DEMO_JSON};

Instant berlin(Date day, int hour) {
  const date::zoned_time zoned{"Europe/Berlin", date::local_days{day} + std::chrono::hours{hour}};
  return std::chrono::floor<std::chrono::seconds>(zoned.get_sys_time());
}

Date plus_days(Date day, int days) { return Date{date::sys_days{day} + date::days{days}}; }

class DemoImport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = LocalStore::open(tmp_.path() / "data");
    ASSERT_TRUE(opened) << opened.error();
    store_.emplace(std::move(*opened));
  }
  LocalStore& store() { return *store_; }

  // The demo file with one piece of text replaced, written into the test's folder.
  std::filesystem::path edited_demo(const std::string& from, const std::string& to) {
    std::string text = test::read_bytes(kDemoFile);
    const auto where = text.find(from);
    EXPECT_NE(where, std::string::npos) << from;
    if (where != std::string::npos) text.replace(where, from.size(), to);
    const auto path = tmp_.path() / "edited.json";
    test::write_bytes(path, text);
    return path;
  }

  void expect_empty() {
    EXPECT_FALSE(store().has_data());
    EXPECT_FALSE(store().me());
    EXPECT_TRUE(store().buildings().empty());
    EXPECT_TRUE(store().courses().empty());
    EXPECT_TRUE(store().my_enrollments().empty());
  }

  TempDir tmp_;
  std::optional<LocalStore> store_;
};

TEST_F(DemoImport, FillsTheCacheWithThePlausibleCityAdministration) {
  const Date today = 2025_y / 3 / 12;  // a Wednesday
  ASSERT_TRUE(store().import_demo(kDemoFile, today));
  EXPECT_TRUE(store().has_data());

  const auto me = store().me();
  ASSERT_TRUE(me);
  EXPECT_EQ(me->id, "emp-demo");
  EXPECT_EQ(me->username, "demo");
  EXPECT_EQ(me->display_name, "Alex Demo");
  EXPECT_EQ(me->roles, std::vector<Role>{Role::employee});

  const auto department = store().department(me->department_id);
  ASSERT_TRUE(department);
  EXPECT_EQ(department->name, "Amt für Digitalisierung");
  EXPECT_EQ(department->policy.days_ahead, 28);
  EXPECT_EQ(department->policy.max_upcoming, 20);
  EXPECT_EQ(department->policy.remote_share_percent, 40);
  EXPECT_EQ(department->policy.over_quota, OverQuotaRule::needs_approval);
  EXPECT_EQ(department->policy.bookable_weekdays, (std::array<bool, 7>{true, true, true, true, true, false, false}));

  const auto buildings = store().buildings();
  ASSERT_GE(buildings.size(), 2U);
  EXPECT_EQ(buildings[0].name, "Rathaus");
  EXPECT_EQ(buildings[0].address, "Marktplatz 1, 12345 Musterstadt");
  EXPECT_EQ(me->home_building_id, buildings[0].id);
  ASSERT_FALSE(buildings[0].floors.empty());
  EXPECT_EQ(buildings[0].floors[0].name, "Erdgeschoss");
  EXPECT_EQ(buildings[0].floors[0].level, 0);

  const auto ground = store().resources_on_floor(buildings[0].floors[0].id);
  const auto count = [&](auto predicate) { return std::count_if(ground.begin(), ground.end(), predicate); };
  EXPECT_GE(count([](const Resource& r) { return r.type == ResourceType::desk && !r.accessible; }), 20);
  EXPECT_GE(count([](const Resource& r) { return r.type == ResourceType::desk && r.accessible; }), 2);
  EXPECT_EQ(count([](const Resource& r) { return r.type == ResourceType::room && r.capacity == 6; }), 1);
  EXPECT_EQ(count([](const Resource& r) { return r.type == ResourceType::room && r.capacity == 12; }), 1);
  EXPECT_EQ(count([](const Resource& r) { return r.type == ResourceType::parking; }), 2);
  for (const auto& r : ground) {  // everything lies on the plan
    EXPECT_GE(r.x, 0.0) << r.name;
    EXPECT_LE(r.x + r.w, buildings[0].floors[0].width_m) << r.name;
    EXPECT_LE(r.y + r.h, buildings[0].floors[0].height_m) << r.name;
  }

  const auto bookings = store().my_bookings(today, today);
  ASSERT_FALSE(bookings.empty());
  EXPECT_EQ(bookings[0].start, berlin(today, 8));
  EXPECT_EQ(bookings[0].end, berlin(today, 17));
  EXPECT_TRUE(store().resource(bookings[0].resource_id));
  EXPECT_GE(store().my_bookings(plus_days(today, 1), plus_days(today, 14)).size(), 2U);

  const auto this_and_next_week = store().my_workdays(2025_y / 3 / 10, 2025_y / 3 / 23);
  EXPECT_GE(this_and_next_week.size(), 10U);
  EXPECT_TRUE(std::any_of(this_and_next_week.begin(), this_and_next_week.end(),
                          [](const Workday& w) { return w.half != HalfDay::day; }));

  const auto courses = store().courses();
  EXPECT_GE(courses.size(), 10U);
  const auto mandatory = std::count_if(courses.begin(), courses.end(), [](const Course& c) { return c.mandatory; });
  EXPECT_GE(mandatory, 2);
  EXPECT_LE(mandatory, 3);

  const auto enrollments = store().my_enrollments();
  ASSERT_EQ(enrollments.size(), 3U);
  EXPECT_EQ(enrollments[0].due_on, plus_days(today, 10));
  EXPECT_TRUE(std::any_of(enrollments.begin(), enrollments.end(), [&](const Enrollment& e) {
    return e.state == EnrollmentState::completed && e.completed_on == plus_days(today, -200);
  }));
}

TEST_F(DemoImport, OnASaturdayTheFirstBookingIsOnMonday) {
  const Date saturday = 2025_y / 3 / 15;
  ASSERT_TRUE(store().import_demo(kDemoFile, saturday));
  EXPECT_TRUE(store().my_bookings(saturday, plus_days(saturday, 1)).empty());
  const auto monday = store().my_bookings(2025_y / 3 / 17, 2025_y / 3 / 17);
  ASSERT_FALSE(monday.empty());
  EXPECT_EQ(monday[0].start, berlin(2025_y / 3 / 17, 8));
}

TEST_F(DemoImport, WallTimesFollowDaylightSavingTime) {
  // Friday 28 March 2025 is CET (UTC+1); the next working day, Monday 31 March, is CEST (UTC+2).
  ASSERT_TRUE(store().import_demo(kDemoFile, 2025_y / 3 / 28));
  const auto friday = store().my_bookings(2025_y / 3 / 28, 2025_y / 3 / 28);
  ASSERT_FALSE(friday.empty());
  EXPECT_EQ(friday[0].start, date::sys_days{2025_y / 3 / 28} + std::chrono::hours{7});
  const auto monday = store().my_bookings(2025_y / 3 / 31, 2025_y / 3 / 31);
  ASSERT_FALSE(monday.empty());
  EXPECT_EQ(monday[0].start, date::sys_days{2025_y / 3 / 31} + std::chrono::hours{6});
}

TEST_F(DemoImport, SecondImportChangesNothing) {
  const Date today = 2025_y / 3 / 12;
  ASSERT_TRUE(store().import_demo(kDemoFile, today));
  auto booking = store().my_bookings(today, today).at(0);
  booking.state = BookingState::cancelled;
  store().upsert_booking(booking);
  ASSERT_TRUE(store().import_demo(kDemoFile, today));
  EXPECT_EQ(store().my_bookings(today, today).at(0).state, BookingState::cancelled);
}

TEST_F(DemoImport, MissingFileIsReported) {
  const auto result = store().import_demo(tmp_.path() / "nowhere.json", 2025_y / 3 / 12);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("not found"), std::string::npos) << result.error();
  expect_empty();
}

TEST_F(DemoImport, MalformedJsonLeavesTheStoreEmpty) {
  const auto file = tmp_.path() / "broken.json";
  test::write_bytes(file, test::read_bytes(kDemoFile).substr(0, 2000));
  const auto result = store().import_demo(file, 2025_y / 3 / 12);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("not valid JSON"), std::string::npos) << result.error();
  expect_empty();
}

TEST_F(DemoImport, WrongFieldTypeNamesTheField) {
  const auto result = store().import_demo(edited_demo("\"days_ahead\": 28", "\"days_ahead\": \"28\""), 2025_y / 3 / 12);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("departments[0].policy.days_ahead"), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("expected an integer"), std::string::npos) << result.error();
  expect_empty();
}

TEST_F(DemoImport, LateErrorImportsNothing) {
  // The last enrolment refers to a course that does not exist: everything before it is valid.
  const auto result =
      store().import_demo(edited_demo("\"course_id\": \"crs-video\"", "\"course_id\": \"crs-unknown\""), 2025_y / 3 / 12);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("enrollments[2].course_id"), std::string::npos) << result.error();
  expect_empty();
}

}  // namespace
}  // namespace stellwerk::store
