// Tests of the store's split by subject: a feature can hold one subject alone, every subject of
// a LocalStore shares its one connection and transaction, and moving a LocalStore (construction
// and assignment) keeps every subject on the Database the new owner holds.
#include <date/date.h>
#include <gtest/gtest.h>

#include <optional>
#include <utility>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using namespace date::literals;
using test::TempDir;

LocalStore open_ok(const std::filesystem::path& dir) {
  auto store = LocalStore::open(dir);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

const Workday kOffice{2025_y / 3 / 12, HalfDay::day, WorkMode::office, WorkdayKind::planned};

// What a feature that needs only the plan sees.
std::size_t planned_days(const PlanCache& plan) { return plan.my_workdays(2025_y / 3 / 1, 2025_y / 3 / 31).size(); }

TEST(StoreSubjects, AFeatureReadsThroughOneSubject) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  store.upsert_workday(kOffice);
  EXPECT_EQ(planned_days(store), 1U);
  const OutboxQueue& outbox = store;
  EXPECT_EQ(outbox.device_id(), store.device_id());
}

TEST(StoreSubjects, OneTransactionSpansTheSubjects) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  EXPECT_THROW(store.atomically([&] {
    PlanCache& plan = store;
    OutboxQueue& outbox = store;
    plan.upsert_workday(kOffice);
    outbox.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-12", "{}",
                   workday_key(kOffice.date, kOffice.kind));
    throw Error("the change is given up");
  }),
               Error);
  EXPECT_EQ(planned_days(store), 0U);
  EXPECT_TRUE(store.outbox().empty());
}

TEST(StoreSubjects, MoveConstructionKeepsEverySubjectOnTheMovedDatabase) {
  TempDir tmp;
  std::optional<LocalStore> first{open_ok(tmp.path())};
  first->upsert_workday(kOffice);
  LocalStore moved{std::move(*first)};
  first.reset();  // the moved-from store goes away; the moved one must not notice
  EXPECT_EQ(planned_days(moved), 1U);
  EXPECT_EQ(moved.sync_status().pending, 0);
  EXPECT_EQ(moved.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-12", "{}").mutation_id, 1);
  EXPECT_EQ(moved.schema_version(), LocalStore::latest_schema_version());
  EXPECT_EQ(moved.file_path(), tmp.path() / "stellwerk.sqlite");
  moved.atomically([&] {
    moved.upsert_booking(
        {"bkg-1", "res-1", "emp-1", {}, Instant{std::chrono::seconds{60}}, BookingState::booked, std::nullopt});
  });
  EXPECT_TRUE(moved.booking("bkg-1"));
}

TEST(StoreSubjects, MoveAssignmentRepointsTheSubjectsAndClosesTheOldStore) {
  TempDir a;
  TempDir b;
  auto target = open_ok(a.path());
  auto source = open_ok(b.path());
  source.upsert_workday(kOffice);
  target = std::move(source);
  EXPECT_EQ(planned_days(target), 1U);
  EXPECT_EQ(target.file_path(), b.path() / "stellwerk.sqlite");
  EXPECT_EQ(target.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-12", "{}").mutation_id, 1);
  // The first folder's store was closed: another store opens it and sees nothing of the second.
  auto reopened = open_ok(a.path());
  EXPECT_EQ(planned_days(reopened), 0U);
}

TEST(StoreSubjects, AMovedFromStoreThrowsInsteadOfReachingTheOtherStore) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  LocalStore moved{std::move(store)};
  EXPECT_THROW((void)store.outbox(), Error);  // NOLINT(bugprone-use-after-move): the point of the test
  EXPECT_THROW((void)store.my_workdays(2025_y / 3 / 1, 2025_y / 3 / 2), Error);  // NOLINT(bugprone-use-after-move)
  EXPECT_THROW(store.atomically([] {}), Error);                                  // NOLINT(bugprone-use-after-move)
  EXPECT_NO_THROW((void)moved.outbox());
}

}  // namespace
}  // namespace stellwerk::store
