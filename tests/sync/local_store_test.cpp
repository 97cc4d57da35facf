// Tests of LocalStore's ordinary life: creating the folder and file with private permissions,
// migrating an old file, refusing a newer one without touching it, reporting an unusable
// folder as an error value, keeping data across a reopen, and the documented order and
// upsert behaviour of the reads and writes that the GUI and the sync engine rely on.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>

#include <date/tz.h>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using namespace date::literals;
using test::RawDb;
using test::TempDir;

Instant berlin(Date day, int hour, int minute = 0) {
  const date::zoned_time zoned{"Europe/Berlin", date::local_days{day} + std::chrono::hours{hour} +
                                                    std::chrono::minutes{minute}};
  return std::chrono::floor<std::chrono::seconds>(zoned.get_sys_time());
}

LocalStore open_ok(const std::filesystem::path& dir) {
  auto store = LocalStore::open(dir);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

// A small but complete cache: one person, one building with two floors, a few resources.
void fill(LocalStore& store) {
  Department department{"dep-1", "org-1", "Amt für Tests", {}};
  department.policy.days_ahead = 21;
  department.policy.bookable_weekdays = {true, true, true, true, false, false, false};
  department.policy.over_quota = OverQuotaRule::refused;
  Employee me{"emp-1", "demo", "Alex Demo", "dep-1", "emp-boss", {Role::employee, Role::manager}, "bld-1",
              true, false};
  store.set_me(me, department);
  store.upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-1", "bld-1", "1. OG", 1, 40, 20},
                                                                {"flr-0", "bld-1", "EG", 0, 40, 20}}});
  store.upsert_resource({"res-p", ResourceType::parking, "P-01", "flr-0", 30, 10, 2.5, 5, {}, 1, false});
  store.upsert_resource({"res-r", ResourceType::room, "Elbe", "flr-0", 15, 2, 6, 5, {"monitor"}, 6, true});
  store.upsert_resource({"res-b", ResourceType::desk, "EG-02", "flr-0", 3.8, 2, 1.6, 0.8, {"monitor", "docking"}, 1, false});
  store.upsert_resource({"res-a", ResourceType::desk, "EG-01", "flr-0", 2, 2, 1.6, 0.8, {"sit_stand"}, 1, false});
}

TEST(LocalStoreOpen, CreatesMissingFolderPrivatelyAndStartsAtLatestSchema) {
  TempDir tmp;
  const auto dir = tmp.path() / "nested" / "data";
  auto store = open_ok(dir);

  EXPECT_TRUE(std::filesystem::is_directory(dir));
  EXPECT_EQ(test::file_mode(dir), 0700U);
  EXPECT_EQ(test::file_mode(tmp.path() / "nested"), 0700U);
  EXPECT_EQ(store.file_path(), dir / "stellwerk.sqlite");
  EXPECT_EQ(test::file_mode(store.file_path()), 0600U);
  EXPECT_TRUE(store.open_report().created);
  EXPECT_FALSE(store.open_report().rebuilt_after_corruption);
  EXPECT_EQ(store.open_report().migrated_from_version, 0);
  EXPECT_EQ(store.schema_version(), LocalStore::latest_schema_version());
  EXPECT_FALSE(store.has_data());
  EXPECT_EQ(store.device_id().size(), 32U);
}

TEST(LocalStoreOpen, WalAndSharedMemoryFilesArePrivate) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  store.enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}");  // makes sure the log has content
  const auto wal = std::filesystem::path{store.file_path().string() + "-wal"};
  const auto shm = std::filesystem::path{store.file_path().string() + "-shm"};
  ASSERT_TRUE(std::filesystem::exists(wal)) << "the store should run in WAL mode";
  EXPECT_EQ(test::file_mode(wal), 0600U);
  if (std::filesystem::exists(shm)) {
    EXPECT_EQ(test::file_mode(shm), 0600U);
  }
  RawDb raw{store.file_path()};
  EXPECT_EQ(raw.query_int("PRAGMA busy_timeout"), 5000);
}

TEST(LocalStoreOpen, ExistingFileWithLoosePermissionsIsMadePrivate) {
  TempDir tmp;
  { auto store = open_ok(tmp.path()); }
  std::filesystem::permissions(tmp.path() / "stellwerk.sqlite", std::filesystem::perms::all);
  auto store = open_ok(tmp.path());
  EXPECT_FALSE(store.open_report().created);
  EXPECT_EQ(test::file_mode(store.file_path()), 0600U);
}

TEST(LocalStoreOpen, ReopenKeepsDataDeviceAndCounter) {
  TempDir tmp;
  std::string device;
  std::string key;
  {
    auto store = open_ok(tmp.path());
    fill(store);
    store.upsert_booking({"bkg-1", "res-a", "emp-1", berlin(2025_y / 3 / 12, 8), berlin(2025_y / 3 / 12, 17),
                          BookingState::booked, std::nullopt});
    store.upsert_workday({2025_y / 3 / 12, HalfDay::day, WorkMode::office, WorkdayKind::planned});
    store.upsert_course({"crs-1", "Sicher im Netz", "", "4.2", 2, true, {}, {}, 12, 45});
    store.upsert_enrollment({"enr-1", "crs-1", "emp-1", EnrollmentState::enrolled, 2025_y / 3 / 22, std::nullopt});
    const auto entry = store.enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{\"a\":1}");
    EXPECT_EQ(entry.mutation_id, 1);
    key = entry.idempotency_key;
    device = store.device_id();
  }
  auto store = open_ok(tmp.path());
  EXPECT_FALSE(store.open_report().created);
  EXPECT_FALSE(store.open_report().rebuilt_after_corruption);
  EXPECT_EQ(store.open_report().migrated_from_version, LocalStore::latest_schema_version());
  EXPECT_TRUE(store.has_data());
  EXPECT_EQ(store.device_id(), device);

  const auto me = store.me();
  ASSERT_TRUE(me);
  EXPECT_EQ(me->display_name, "Alex Demo");
  EXPECT_EQ(me->manager_id, "emp-boss");
  EXPECT_EQ(me->roles, (std::vector<Role>{Role::employee, Role::manager}));
  EXPECT_TRUE(me->needs_accessible_desk);
  const auto department = store.department("dep-1");
  ASSERT_TRUE(department);
  EXPECT_EQ(department->name, "Amt für Tests");
  EXPECT_EQ(department->policy.days_ahead, 21);
  EXPECT_EQ(department->policy.over_quota, OverQuotaRule::refused);
  EXPECT_FALSE(department->policy.bookable_weekdays[4]);
  EXPECT_FALSE(store.department("dep-unknown"));

  EXPECT_EQ(store.my_bookings(2025_y / 3 / 12, 2025_y / 3 / 12).size(), 1U);
  EXPECT_EQ(store.my_workdays(2025_y / 3 / 1, 2025_y / 3 / 31).size(), 1U);
  ASSERT_EQ(store.my_enrollments().size(), 1U);
  EXPECT_EQ(store.my_enrollments()[0].due_on, Date{2025_y / 3 / 22});
  EXPECT_EQ(store.courses().at(0).title, "Sicher im Netz");

  const auto outbox = store.outbox();
  ASSERT_EQ(outbox.size(), 1U);
  EXPECT_EQ(outbox[0].body, "{\"a\":1}");
  EXPECT_EQ(outbox[0].idempotency_key, key);
  EXPECT_EQ(store.device_id(), device);
  EXPECT_EQ(store.enqueue(ChangeKind::cancel, "DELETE", "/api/v1/bookings/bkg-1", "").mutation_id, 2);
}

TEST(LocalStoreOpen, ReopenKeepsThePolicysCheckInWindow) {
  TempDir tmp;
  {
    auto store = open_ok(tmp.path());
    Department department{"dep-1", "org-1", "Amt für Tests", {}};
    department.policy.check_in_opens_minutes_before = 20;
    department.policy.check_in_closes_minutes_after = 40;
    store.set_me(Employee{"emp-1", "demo", "Alex Demo", "dep-1", std::nullopt, {Role::employee}, "bld-1", false, false},
                 department);
  }
  auto store = open_ok(tmp.path());
  const auto department = store.department("dep-1");
  ASSERT_TRUE(department);
  EXPECT_EQ(department->policy.check_in_opens_minutes_before, 20);
  EXPECT_EQ(department->policy.check_in_closes_minutes_after, 40);
}

TEST(LocalStoreOpen, APolicyCachedUnderTheOldCheckInKeysKeepsItsWindow) {
  TempDir tmp;
  {
    auto store = open_ok(tmp.path());
    fill(store);
  }
  {
    // How a store written before the bounds had one name holds the policy.
    RawDb raw{tmp.path() / "stellwerk.sqlite"};
    raw.exec(R"(UPDATE departments SET policy = '{"days_ahead": 21, "check_in_before_minutes": 20, )"
             R"("check_in_after_minutes": 40}' WHERE id = 'dep-1')");
  }
  auto store = open_ok(tmp.path());
  const auto department = store.department("dep-1");
  ASSERT_TRUE(department);
  EXPECT_EQ(department->policy.days_ahead, 21);
  EXPECT_EQ(department->policy.check_in_opens_minutes_before, 20);
  EXPECT_EQ(department->policy.check_in_closes_minutes_after, 40);
}

TEST(LocalStoreOpen, MigratesAnEmptyFile) {
  TempDir tmp;
  test::write_bytes(tmp.path() / "stellwerk.sqlite", "");
  auto store = open_ok(tmp.path());
  EXPECT_EQ(store.open_report().migrated_from_version, 0);
  EXPECT_EQ(store.schema_version(), LocalStore::latest_schema_version());
}

TEST(LocalStoreOpen, MigratesAVersionZeroDatabaseAndKeepsForeignTables) {
  TempDir tmp;
  {
    RawDb raw{tmp.path() / "stellwerk.sqlite"};
    raw.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept');");
    ASSERT_EQ(raw.query_int("PRAGMA user_version"), 0);
  }
  auto store = open_ok(tmp.path());
  EXPECT_EQ(store.open_report().migrated_from_version, 0);
  EXPECT_FALSE(store.open_report().rebuilt_after_corruption);
  EXPECT_EQ(store.schema_version(), LocalStore::latest_schema_version());
  EXPECT_EQ(store.sync_status().cursor, "0");
  RawDb raw{store.file_path()};
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM notes"), 1);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM device"), 1);
}

TEST(LocalStoreOpen, NewerSchemaIsRefusedAndTheFileIsLeftUntouched) {
  TempDir tmp;
  {
    auto store = open_ok(tmp.path());
    store.enqueue(ChangeKind::other, "POST", "/api/v1/workdays", "{}");
  }
  {
    RawDb raw{tmp.path() / "stellwerk.sqlite"};
    raw.exec("PRAGMA user_version = " + std::to_string(LocalStore::latest_schema_version() + 1));
  }
  ASSERT_FALSE(std::filesystem::exists(tmp.path() / "stellwerk.sqlite-wal"));
  const std::string before = test::read_bytes(tmp.path() / "stellwerk.sqlite");

  const auto store = LocalStore::open(tmp.path());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("newer"), std::string::npos) << store.error();
  EXPECT_NE(store.error().find(std::to_string(LocalStore::latest_schema_version() + 1)), std::string::npos);
  EXPECT_EQ(test::read_bytes(tmp.path() / "stellwerk.sqlite"), before);
  EXPECT_TRUE(test::files_starting_with(tmp.path(), "stellwerk.sqlite.damaged").empty());
}

TEST(LocalStoreOpen, FolderThatCannotBeCreatedIsAnErrorValue) {
  TempDir tmp;
  test::write_bytes(tmp.path() / "blocker", "not a folder");
  const auto store = LocalStore::open(tmp.path() / "blocker" / "data");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("blocker"), std::string::npos) << store.error();
}

TEST(LocalStoreOpen, ReadOnlyFolderIsAnErrorValue) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  TempDir tmp;
  const auto dir = tmp.path() / "locked";
  std::filesystem::create_directory(dir);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const auto store = LocalStore::open(dir);
  ASSERT_FALSE(store);
  EXPECT_FALSE(store.error().empty());
}

TEST(LocalStoreOpen, ExistingStoreInReadOnlyFolderIsAnErrorValueNotADamagedFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  TempDir tmp;
  const auto dir = tmp.path() / "locked";
  { open_ok(dir).enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}"); }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const auto store = LocalStore::open(dir);
  ASSERT_FALSE(store);
  EXPECT_FALSE(store.error().empty());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  EXPECT_TRUE(test::files_starting_with(dir, "stellwerk.sqlite.damaged").empty());
  auto reopened = open_ok(dir);
  EXPECT_EQ(reopened.outbox().size(), 1U);
}

TEST(LocalStoreReads, BuildingsByNameFloorsByLevel) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  fill(store);
  store.upsert_building({"bld-0", "Technisches Rathaus", "", {{"flr-t", "bld-0", "EG", 0, 30, 15}}});
  store.upsert_building({"bld-2", "Altes Schloss", "", {}});
  const auto buildings = store.buildings();
  ASSERT_EQ(buildings.size(), 3U);
  EXPECT_EQ(buildings[0].name, "Altes Schloss");
  EXPECT_EQ(buildings[1].name, "Rathaus");
  EXPECT_EQ(buildings[2].name, "Technisches Rathaus");
  ASSERT_EQ(buildings[1].floors.size(), 2U);
  EXPECT_EQ(buildings[1].floors[0].level, 0);
  EXPECT_EQ(buildings[1].floors[1].level, 1);
  EXPECT_EQ(buildings[1].floors[0].building_id, "bld-1");
}

TEST(LocalStoreReads, ResourcesByTypeThenNameWithFeaturesInOrder) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  fill(store);
  const auto resources = store.resources_on_floor("flr-0");
  ASSERT_EQ(resources.size(), 4U);
  EXPECT_EQ(resources[0].name, "EG-01");
  EXPECT_EQ(resources[1].name, "EG-02");
  EXPECT_EQ(resources[2].type, ResourceType::room);
  EXPECT_EQ(resources[3].type, ResourceType::parking);
  EXPECT_EQ(resources[1].features, (std::vector<std::string>{"monitor", "docking"}));
  EXPECT_EQ(resources[2].capacity, 6);
  EXPECT_TRUE(resources[2].accessible);
  EXPECT_DOUBLE_EQ(resources[1].x, 3.8);
  EXPECT_TRUE(store.resources_on_floor("flr-1").empty());

  const auto one = store.resource("res-b");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->features, (std::vector<std::string>{"monitor", "docking"}));
  EXPECT_FALSE(store.resource("res-missing"));
}

TEST(LocalStoreReads, MyBookingsUseBerlinDaysAcrossDaylightSavingTime) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  fill(store);
  // 29 March 2025 23:30 is still Saturday in Berlin (22:30 UTC); 30 March 00:30 is Sunday,
  // the day clocks go forward.
  store.upsert_booking({"late", "res-a", "emp-1", berlin(2025_y / 3 / 29, 23, 30), berlin(2025_y / 3 / 29, 23, 50),
                        BookingState::booked, std::nullopt});
  store.upsert_booking({"early", "res-a", "emp-1", berlin(2025_y / 3 / 30, 0, 30), berlin(2025_y / 3 / 30, 9),
                        BookingState::cancelled, std::nullopt});
  store.upsert_booking({"other", "res-b", "emp-2", berlin(2025_y / 3 / 30, 8), berlin(2025_y / 3 / 30, 9),
                        BookingState::booked, std::nullopt});
  const auto saturday = store.my_bookings(2025_y / 3 / 29, 2025_y / 3 / 29);
  ASSERT_EQ(saturday.size(), 1U);
  EXPECT_EQ(saturday[0].id, "late");
  const auto sunday = store.my_bookings(2025_y / 3 / 30, 2025_y / 3 / 30);
  ASSERT_EQ(sunday.size(), 1U);
  EXPECT_EQ(sunday[0].id, "early");
  EXPECT_EQ(sunday[0].state, BookingState::cancelled);
  const auto both = store.my_bookings(2025_y / 3 / 29, 2025_y / 3 / 30);
  ASSERT_EQ(both.size(), 2U);
  EXPECT_EQ(both[0].id, "late");
  EXPECT_TRUE(store.my_bookings(2025_y / 3 / 30, 2025_y / 3 / 29).empty());
}

TEST(LocalStoreReads, WorkdaysByDateThenHalf) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  store.upsert_workday({2025_y / 3 / 14, HalfDay::pm, WorkMode::remote, WorkdayKind::planned});
  store.upsert_workday({2025_y / 3 / 14, HalfDay::am, WorkMode::office, WorkdayKind::planned});
  store.upsert_workday({2025_y / 3 / 13, HalfDay::day, WorkMode::office, WorkdayKind::actual});
  store.upsert_workday({2025_y / 3 / 13, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  store.upsert_workday({2025_y / 3 / 20, HalfDay::day, WorkMode::leave, WorkdayKind::planned});
  const auto days = store.my_workdays(2025_y / 3 / 13, 2025_y / 3 / 14);
  ASSERT_EQ(days.size(), 4U);
  EXPECT_EQ(days[0].kind, WorkdayKind::planned);
  EXPECT_EQ(days[1].kind, WorkdayKind::actual);
  EXPECT_EQ(days[2].half, HalfDay::am);
  EXPECT_EQ(days[3].half, HalfDay::pm);
  EXPECT_EQ(days[3].mode, WorkMode::remote);
}

TEST(LocalStoreReads, CoursesByCompetenceThenTitle) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  store.upsert_course({"c3", "Zoom", "", "4.2", 2, false, {}, {}, 0, 30});
  Course privacy{"c1", "Datenschutz", "", "4.2", 3, true, {Role::manager}, {"dep_a", "dep_b"}, 24, 90};
  privacy.complete_by = 2027_y / 1 / 15;
  store.upsert_course(privacy);
  store.upsert_course({"c2", "Suchen", "", "1.1", 2, false, {}, {}, 0, 60});
  const auto courses = store.courses();
  ASSERT_EQ(courses.size(), 3U);
  EXPECT_EQ(courses[0].id, "c2");
  EXPECT_EQ(courses[1].id, "c1");
  EXPECT_EQ(courses[2].id, "c3");
  EXPECT_TRUE(courses[1].mandatory);
  EXPECT_EQ(courses[1].mandatory_roles, std::vector<Role>{Role::manager}) << "whom it is for, kept";
  EXPECT_EQ(courses[1].mandatory_departments, (std::vector<Id>{"dep_a", "dep_b"}));
  EXPECT_TRUE(courses[0].mandatory_roles.empty());
  EXPECT_EQ(courses[1].validity_months, 24);
  EXPECT_EQ(courses[1].complete_by, Date{2027_y / 1 / 15}) << "the deadline, kept";
  EXPECT_EQ(courses[0].complete_by, std::nullopt);
}

TEST(LocalStoreWrites, UpsertsUpdateInPlace) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  fill(store);
  Booking booking{"bkg-1", "res-a", "emp-1", berlin(2025_y / 3 / 12, 8), berlin(2025_y / 3 / 12, 17),
                  BookingState::booked, std::nullopt};
  store.upsert_booking(booking);
  booking.state = BookingState::checked_in;
  booking.release_at = berlin(2025_y / 3 / 12, 8, 30);
  store.upsert_booking(booking);
  const auto bookings = store.my_bookings(2025_y / 3 / 12, 2025_y / 3 / 12);
  ASSERT_EQ(bookings.size(), 1U);
  EXPECT_EQ(bookings[0].state, BookingState::checked_in);
  EXPECT_EQ(bookings[0].release_at, booking.release_at);

  // Updating a resource keeps its bookings (a REPLACE would have cascaded a delete).
  store.upsert_resource({"res-a", ResourceType::desk, "EG-01a", "flr-0", 2, 2, 1.6, 0.8, {}, 1, true});
  EXPECT_EQ(store.resource("res-a")->name, "EG-01a");
  EXPECT_TRUE(store.resource("res-a")->features.empty());
  EXPECT_EQ(store.my_bookings(2025_y / 3 / 12, 2025_y / 3 / 12).size(), 1U);

  store.upsert_workday({2025_y / 3 / 12, HalfDay::day, WorkMode::office, WorkdayKind::planned});
  store.upsert_workday({2025_y / 3 / 12, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  ASSERT_EQ(store.my_workdays(2025_y / 3 / 12, 2025_y / 3 / 12).size(), 1U);
  EXPECT_EQ(store.my_workdays(2025_y / 3 / 12, 2025_y / 3 / 12)[0].mode, WorkMode::remote);
}

TEST(LocalStoreWrites, BuildingUpsertDropsFloorsThatAreGone) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  fill(store);
  store.upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-1", "bld-1", "1. OG", 1, 40, 20}}});
  ASSERT_EQ(store.buildings().at(0).floors.size(), 1U);
  EXPECT_TRUE(store.resources_on_floor("flr-0").empty());
  EXPECT_FALSE(store.resource("res-a"));
}

TEST(LocalStoreWrites, BookingOfAResourceTheCacheDoesNotKnowIsKeptForTheServerToDecide) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  fill(store);
  store.upsert_booking({"bkg-x", "res-nowhere", "emp-1", berlin(2025_y / 3 / 12, 8), berlin(2025_y / 3 / 12, 17),
                        BookingState::booked, std::nullopt});
  ASSERT_EQ(store.my_bookings(2025_y / 3 / 12, 2025_y / 3 / 12).size(), 1U);
  EXPECT_EQ(store.my_bookings(2025_y / 3 / 12, 2025_y / 3 / 12).front().resource_id, "res-nowhere");
}

TEST(LocalStoreWrites, AFailedWriteInsideAtomicallyUndoesEverythingBeforeIt) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  fill(store);
  const auto outbox_before = store.outbox().size();
  // The booking ends before it starts: the CHECK fails after the plan and the outbox entry.
  EXPECT_THROW(store.atomically([&] {
    store.upsert_workday({2025_y / 3 / 12, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
    store.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-12", "{}", "workday:2025-03-12/planned");
    store.upsert_booking({"bkg-y", "res-1", "emp-1", berlin(2025_y / 3 / 12, 17), berlin(2025_y / 3 / 12, 8),
                          BookingState::booked, std::nullopt});
  }),
               Error);
  EXPECT_TRUE(store.my_workdays(2025_y / 3 / 12, 2025_y / 3 / 12).empty());
  EXPECT_EQ(store.outbox().size(), outbox_before);
  EXPECT_TRUE(store.pending_entities().empty());
  // The connection is usable afterwards, and calls nest.
  store.atomically([&] {
    store.atomically([&] { store.upsert_workday({2025_y / 3 / 12, HalfDay::day, WorkMode::office, WorkdayKind::planned}); });
  });
  EXPECT_EQ(store.my_workdays(2025_y / 3 / 12, 2025_y / 3 / 12).size(), 1U);
}

TEST(LocalStoreOutbox, EnqueueNumbersChangesAndKeepsExactBytes) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  const std::string binary{"{\"x\":\"\0\xff\"}", 10};
  const auto first = store.enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", binary);
  const auto second = store.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-12", "{}");
  EXPECT_EQ(first.mutation_id, 1);
  EXPECT_EQ(second.mutation_id, 2);
  // The key names the device and is random beyond that, never the counter (see the next test).
  EXPECT_TRUE(first.idempotency_key.starts_with(store.device_id() + ":")) << first.idempotency_key;
  EXPECT_NE(first.idempotency_key, store.device_id() + ":1");
  EXPECT_NE(first.idempotency_key, second.idempotency_key);
  const auto entries = store.outbox();
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0].body, binary);
  EXPECT_EQ(entries[0].method, "POST");
  EXPECT_EQ(entries[0].state, OutboxState::pending);
  EXPECT_EQ(entries[1].path, "/api/v1/workdays/2025-03-12");
  EXPECT_EQ(entries[1].created_at, second.created_at);
}

// A store whose last commits were lost (a crash, a lost -wal) hands out the same mutation id
// again; the server must still see a new key, or it refuses the change as a reused key.
TEST(LocalStoreOutbox, AMutationIdHandedOutAgainGetsANewIdempotencyKey) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  const auto first = store.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-12", "{}");
  {
    RawDb raw{tmp.path() / "stellwerk.sqlite"};
    raw.exec("DELETE FROM outbox; UPDATE device SET next_mutation_id = 1");
  }
  const auto again = store.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-13", "{}");
  EXPECT_EQ(again.mutation_id, first.mutation_id);
  EXPECT_NE(again.idempotency_key, first.idempotency_key);
  EXPECT_LE(again.idempotency_key.size(), 200U) << "the server's limit";
}

TEST(LocalStoreOutbox, SyncStatusCountsPendingAndRejected) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  for (int i = 0; i < 4; ++i) store.enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}");
  {
    RawDb raw{store.file_path()};
    raw.exec("UPDATE outbox SET state = 'rejected', problem = '{\"status\":409}' WHERE mutation_id = 2");
    raw.exec("UPDATE outbox SET state = 'done' WHERE mutation_id = 3");
    raw.exec("UPDATE sync_state SET cursor = 'c-17', last_sync = 1741770000, server_url = 'https://stellwerk.example'");
  }
  const auto status = store.sync_status();
  EXPECT_EQ(status.pending, 2);
  EXPECT_EQ(status.rejected, 1);
  EXPECT_EQ(status.cursor, "c-17");
  ASSERT_TRUE(status.last_sync);
  EXPECT_EQ(status.last_sync->time_since_epoch().count(), 1741770000);
  EXPECT_EQ(status.server_url, "https://stellwerk.example");
  EXPECT_EQ(store.outbox()[1].problem, "{\"status\":409}");
  EXPECT_EQ(store.outbox()[1].state, OutboxState::rejected);
}

// A refused change was shown in the cache; the next pull must be a full copy that undoes it, even
// when the push stopped offline right after the refusal (the fault test saw a refused Saturday
// plan stay on screen for good).
TEST(LocalStoreOutbox, ARefusalAsksForAFullCopyInTheSameStep) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  const auto entry = store.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2026-12-05", "{}");
  store.set_cursor("c-17");
  store.mark_rejected(entry.mutation_id, "{\"status\":409,\"code\":\"not_a_working_day\"}");
  EXPECT_EQ(store.sync_status().cursor, "0");
  EXPECT_EQ(store.sync_status().rejected, 1);
}

TEST(LocalStoreOutbox, FreshStoreHasEmptyStatus) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  const auto status = store.sync_status();
  EXPECT_EQ(status.pending, 0);
  EXPECT_EQ(status.rejected, 0);
  EXPECT_EQ(status.cursor, "0");
  EXPECT_FALSE(status.last_sync);
  EXPECT_TRUE(status.server_url.empty());
  EXPECT_TRUE(store.outbox().empty());
}

}  // namespace
}  // namespace stellwerk::store
