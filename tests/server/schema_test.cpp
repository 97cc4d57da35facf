// The server's schema migrations keep what older servers stored: a database left at an older
// version opens with the newest server and reads back the same values.
#include <tuple>

#include <gtest/gtest.h>

#include "database.hpp"
#include "reference.hpp"
#include "schema.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

// Version 2 is the last schema that named the check-in window's bounds check_in_before and
// check_in_after.
constexpr std::size_t kOldCheckInNamesVersion = 2;

void write_old_department(const std::filesystem::path& file) {
  auto db = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
  migrate_to(db, kOldCheckInNamesVersion);
  db.exec(
      "INSERT INTO departments (id, name, days_ahead, max_upcoming, bookable_weekdays, day_start, day_end, "
      "am_start, am_end, pm_start, pm_end, check_in_before, check_in_after, remote_share_percent, over_quota, "
      "accessible_hold_hours, retention_days) "
      "VALUES ('dep_old', 'Altes Amt', 14, 5, '1111100', 420, 1140, 420, 720, 780, 1140, 20, 40, 30, "
      "'refused', 12, 90)");
}

TEST(ServerSchema, ADatabaseOfAnOlderVersionKeepsItsDepartmentPolicy) {
  TempDir tmp;
  const auto file = tmp / "stellwerk-server.db";
  write_old_department(file);

  Database database{file};
  const auto [version, policy] = database.read([](sql::Connection& db) {
    return std::pair{db.query_int("PRAGMA user_version"), department_policy(db, "dep_old")};
  });
  EXPECT_EQ(version, static_cast<std::int64_t>(newest_schema_version()));
  EXPECT_EQ(policy.check_in_opens_minutes_before, 20);
  EXPECT_EQ(policy.check_in_closes_minutes_after, 40);
  EXPECT_EQ(policy.days_ahead, 14);
  EXPECT_EQ(policy.max_upcoming, 5);
  EXPECT_EQ(policy.remote_share_percent, 30);
  EXPECT_EQ(policy.over_quota, OverQuotaRule::refused);
  EXPECT_EQ(policy.accessible_hold_hours, 12);
  EXPECT_EQ(policy.retention_days, 90);
  EXPECT_FALSE(policy.bookable_weekdays[5]);
}

TEST(ServerSchema, MigratingTwiceChangesNothing) {
  TempDir tmp;
  const auto file = tmp / "stellwerk-server.db";
  write_old_department(file);
  { Database first{file}; }
  Database again{file};
  const auto policy = again.read([](sql::Connection& db) { return department_policy(db, "dep_old"); });
  EXPECT_EQ(policy.check_in_opens_minutes_before, 20);
  EXPECT_EQ(policy.check_in_closes_minutes_after, 40);
}

// Version 3 is the last schema without the kiosk registry and the buildings' opening hours.
constexpr std::size_t kBeforeKioskRegistryVersion = 3;

TEST(ServerSchema, AKioskAndABuildingOfAnOlderVersionGetTheirNewColumns) {
  TempDir tmp;
  const auto file = tmp / "stellwerk-server.db";
  {
    auto db = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
    migrate_to(db, kBeforeKioskRegistryVersion);
    db.exec("INSERT INTO buildings (id, name, address, sort_order) VALUES ('bld_old', 'Altes Rathaus', 'Markt 1', 0)");
    db.exec("INSERT INTO kiosk_devices (id, name, building_id, token_hash) "
            "VALUES ('kiosk_old', 'Foyer', 'bld_old', x'00')");
  }
  Database database{file};
  const auto [registered_at, revoked, hours] = database.read([](sql::Connection& db) {
    sql::Statement kiosk{db, "SELECT registered_at, revoked_at IS NOT NULL FROM kiosk_devices WHERE id = 'kiosk_old'"};
    kiosk.step();
    using namespace date::literals;
    return std::tuple{kiosk.int64(0), kiosk.integer(1) != 0, opening_hours_on(db, "bld_old", 2026_y / 12 / 1)};
  });
  EXPECT_GT(registered_at, 0) << "an old kiosk counts as registered at the upgrade";
  EXPECT_FALSE(revoked) << "an old kiosk keeps working";
  ASSERT_TRUE(hours.has_value());
  EXPECT_EQ(hours->opens, "07:00");
  EXPECT_EQ(hours->closes, "19:00");
}

// Version 6 is the last schema whose courses have no format, language, date, place or seats.
TEST(ServerSchema, CourseRecordsOfAnOlderVersionGetTheNewMembersInTheFeedToo) {
  TempDir tmp;
  const auto file = tmp / "stellwerk-server.db";
  {
    auto db = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
    migrate_to(db, 6);
    db.exec("INSERT INTO courses (id, title, description, competence_id, level, mandatory, validity_months, "
            "duration_minutes, sort_order) VALUES ('crs_old', 'Alt', '', '4.2', 2, 1, 12, 60, 0)");
    db.exec("INSERT INTO changes (entity, entity_id, op, data, created_at) VALUES ('course', 'crs_old', 'upsert', "
            "'{\"id\":\"crs_old\",\"title\":\"Alt\",\"description\":\"\",\"competence_id\":\"4.2\",\"level\":2,"
            "\"mandatory\":true,\"validity_months\":12,\"duration_minutes\":60}', 0)");
  }
  Database database{file};
  const auto stored = database.read([](sql::Connection& db) {
    sql::Statement change{db, "SELECT data FROM changes WHERE entity = 'course' AND entity_id = 'crs_old'"};
    change.step();
    return change.text(0);
  });
  const auto course = wire::decode<wire::Course>(Json::parse(stored));
  ASSERT_TRUE(course.has_value()) << stored;
  EXPECT_EQ(course->format, CourseFormat::e_learning);
  EXPECT_EQ(course->language, "de");
  EXPECT_FALSE(course->seats.has_value());
  EXPECT_EQ(course->title, "Alt");
}

// Version 12 is the last schema whose places cannot be closed or removed.
TEST(ServerSchema, APlaceOfAnOlderVersionIsOpenAndNotRemoved) {
  TempDir tmp;
  const auto file = tmp / "stellwerk-server.db";
  {
    auto db = sql::Connection::open(file, sql::Connection::Mode::read_write_create);
    migrate_to(db, 12);
    db.exec("INSERT INTO buildings (id, name, address, sort_order) VALUES ('bld_old', 'Altes Rathaus', 'Markt 1', 0)");
    db.exec("INSERT INTO floors (id, building_id, name, level, width_m, height_m) "
            "VALUES ('flr_old', 'bld_old', 'EG', 0, 20, 10)");
    db.exec("INSERT INTO resources (id, building_id, floor_id, type, name, x, y, w, h, features, capacity, accessible, "
            "sort_order) VALUES ('desk_old', 'bld_old', 'flr_old', 'desk', 'Alt 1', 1, 1, 1.6, 0.8, '[]', 1, 0, 0)");
  }
  Database database{file};
  const auto found = database.read([](sql::Connection& db) { return find_resource(db, "desk_old"); });
  ASSERT_TRUE(found.has_value()) << "an old place is not removed";
  EXPECT_EQ(found->resource.name, "Alt 1");
  EXPECT_FALSE(found->resource.closure.has_value());
  EXPECT_EQ(found->building_id, "bld_old");
}

}  // namespace
}  // namespace stellwerk::server::testing
