// Tests of the outbox's kind column: a queued change keeps the kind it was queued with, a store
// of schema version 3 (before the column) gets the kind of each queued row from its request
// when it is migrated, keeping order, ids and Idempotency-Keys, and the rescue of a damaged
// file keeps the kinds (or classifies the rows of a damaged version-3 file the same way).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using test::RawDb;
using test::TempDir;

struct Queued {
  ChangeKind kind;
  std::string method;
  std::string path;
};

// One row of each kind, as local_changes.cpp queues it, and two requests no kind matches.
const std::vector<Queued> kRows{
    {ChangeKind::booking, "POST", "/api/v1/bookings"},
    {ChangeKind::cancel, "DELETE", "/api/v1/bookings/bkg-1"},
    {ChangeKind::move, "POST", "/api/v1/bookings/bkg-2/move"},
    {ChangeKind::check_in, "POST", "/api/v1/bookings/bkg-3/check-in"},
    {ChangeKind::workday, "PUT", "/api/v1/workdays/2026-12-07"},
    {ChangeKind::enrollment, "POST", "/api/v1/enrollments"},
    {ChangeKind::completion, "POST", "/api/v1/enrollments/enr-1/completion"},
    {ChangeKind::favourite, "PUT", "/api/v1/me/favourites/res-1"},
    {ChangeKind::unfavourite, "DELETE", "/api/v1/me/favourites/res-2"},
    {ChangeKind::work_time, "PUT", "/api/v1/worktimes/2026-12-07"},
    {ChangeKind::work_time_removal, "DELETE", "/api/v1/worktimes/2026-12-07"},
    {ChangeKind::presence_sharing, "PUT", "/api/v1/me/presence-sharing"},
    {ChangeKind::approval_decision, "POST", "/api/v1/approvals/apr-1"},
    {ChangeKind::other, "DELETE", "/api/v1/bookings/bkg-1/extra"},
    {ChangeKind::other, "PATCH", "/api/v1/bookings/bkg-4"},
};

std::filesystem::path store_file(const std::filesystem::path& dir) { return dir / "stellwerk.sqlite"; }

LocalStore open_ok(const std::filesystem::path& dir) {
  auto store = LocalStore::open(dir);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

// Overwrites the b-tree page header of the table's root page with bytes no page type has, so
// that the file is damaged in its cache part and the outbox stays readable.
void smash_root_page(const std::filesystem::path& file, const std::string& table) {
  long long page = 0;
  long long size = 0;
  {
    RawDb raw{file};
    page = raw.query_int("SELECT rootpage FROM sqlite_schema WHERE name = '" + table + "'");
    size = raw.query_int("PRAGMA page_size");
  }
  std::string bytes = test::read_bytes(file);
  const auto offset = static_cast<std::size_t>((page - 1) * size);
  ASSERT_LT(offset + 64, bytes.size());
  for (std::size_t i = 0; i < 64; ++i) bytes[offset + i] = static_cast<char>(0xA5);
  test::write_bytes(file, bytes);
}

std::string key_of(std::size_t row) { return fmt::format("old-device:{:04}", row + 1); }

// A closed store file of schema version 3 with kRows queued (ids 1…, keys key_of) and enough
// cache rows to span many pages. Version 4 only added outbox.kind, version 5 the table
// usual_week, version 6 the team_presence tables and version 7 the table work_times, so a fresh
// file without those and with user_version 3 is what version 3 wrote; the rows go in the way it
// wrote them.
void make_version_3_store(const std::filesystem::path& dir) {
  {
    auto store = open_ok(dir);
    store.upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-0", "bld-1", "EG", 0, 40, 20}}});
    for (int i = 0; i < 300; ++i) {
      store.upsert_resource({"res-" + std::to_string(i),
                             ResourceType::desk,
                             "Platz " + std::to_string(i),
                             "flr-0",
                             1.0 * i,
                             2,
                             1.6,
                             0.8,
                             {"monitor", "docking", "sit_stand"},
                             1,
                             false});
    }
  }
  RawDb raw{store_file(dir)};
  raw.exec(
      "ALTER TABLE outbox DROP COLUMN kind; DROP TABLE usual_week; DROP TABLE team_presence_names; "
      "DROP TABLE team_presence_halves; DROP TABLE team_presence_state; DROP TABLE work_times; "
      "ALTER TABLE enrollments DROP COLUMN valid_until; ALTER TABLE enrollments DROP COLUMN certificate_text; "
      "ALTER TABLE enrollments DROP COLUMN certificate_signature; ALTER TABLE sync_state DROP COLUMN certificate_key; "
      "ALTER TABLE courses DROP COLUMN format; ALTER TABLE courses DROP COLUMN language; "
      "ALTER TABLE courses DROP COLUMN starts_on; ALTER TABLE courses DROP COLUMN place; "
      "ALTER TABLE courses DROP COLUMN seats; ALTER TABLE courses DROP COLUMN seats_left; "
      "ALTER TABLE courses DROP COLUMN mandatory_roles; ALTER TABLE courses DROP COLUMN mandatory_departments; "
      "ALTER TABLE courses DROP COLUMN complete_by; "
      "DROP TABLE self_assessments; DROP TABLE competence_targets; "
      "ALTER TABLE floors DROP COLUMN drawing_version; DROP TABLE floor_drawings; "
      "ALTER TABLE resources DROP COLUMN removed; ALTER TABLE resources DROP COLUMN closed_from; "
      "ALTER TABLE resources DROP COLUMN closed_until; ALTER TABLE resources DROP COLUMN closed_reason; "
      "PRAGMA user_version = 3;");
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    raw.exec(
        fmt::format("INSERT INTO outbox (mutation_id, idempotency_key, method, path, body, created_at, state, entity) "
                    "VALUES ({}, '{}', '{}', '{}', X'7B7D', 1764000000, 'pending', '')",
                    i + 1, key_of(i), kRows[i].method, kRows[i].path));
  }
  raw.exec(fmt::format("UPDATE device SET next_mutation_id = {}", kRows.size() + 1));
  raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void expect_rows_with_kinds(const std::vector<OutboxEntry>& outbox) {
  ASSERT_EQ(outbox.size(), kRows.size());
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    SCOPED_TRACE(kRows[i].method + " " + kRows[i].path);
    EXPECT_EQ(outbox[i].mutation_id, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(outbox[i].idempotency_key, key_of(i));
    EXPECT_EQ(outbox[i].method, kRows[i].method);
    EXPECT_EQ(outbox[i].path, kRows[i].path);
    EXPECT_EQ(outbox[i].body, "{}");
    EXPECT_EQ(change_kind_name(outbox[i].kind), change_kind_name(kRows[i].kind));
  }
}

TEST(StoreOutboxKind, AQueuedChangeKeepsItsKind) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  for (const Queued& row : kRows) store.enqueue(row.kind, row.method, row.path, "{}");
  const auto outbox = store.outbox();
  ASSERT_EQ(outbox.size(), kRows.size());
  for (std::size_t i = 0; i < kRows.size(); ++i) EXPECT_EQ(outbox[i].kind, kRows[i].kind) << kRows[i].path;
  EXPECT_EQ(store.outbox_entry(3)->kind, ChangeKind::move);
  EXPECT_EQ(store.pending_outbox().front().kind, ChangeKind::booking);
}

TEST(StoreOutboxKind, AVersion3StoreIsMigratedAndEachQueuedRowGetsItsKind) {
  TempDir tmp;
  make_version_3_store(tmp.path());
  auto store = open_ok(tmp.path());
  EXPECT_EQ(store.open_report().migrated_from_version, 3);
  EXPECT_FALSE(store.open_report().rebuilt_after_corruption);
  EXPECT_EQ(store.schema_version(), LocalStore::latest_schema_version());
  expect_rows_with_kinds(store.outbox());
  // The move's old booking still counts as pending (read through the kind now).
  EXPECT_TRUE(store.pending_entities().contains("booking:bkg-2"));
  const auto next = store.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2026-12-08", "{}");
  EXPECT_EQ(next.mutation_id, static_cast<std::int64_t>(kRows.size() + 1));
}

TEST(StoreOutboxKind, RecoveryKeepsTheKinds) {
  TempDir tmp;
  {
    auto store = open_ok(tmp.path());
    for (const Queued& row : kRows) store.enqueue(row.kind, row.method, row.path, "{}");
    store.upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-0", "bld-1", "EG", 0, 40, 20}}});
    for (int i = 0; i < 300; ++i) {
      store.upsert_resource({"res-" + std::to_string(i),
                             ResourceType::desk,
                             "Platz " + std::to_string(i),
                             "flr-0",
                             1.0 * i,
                             2,
                             1.6,
                             0.8,
                             {"monitor", "docking", "sit_stand"},
                             1,
                             false});
    }
  }
  // A stored kind is copied, not classified again: row 10's request alone would be `other`.
  {
    RawDb raw{store_file(tmp.path())};
    raw.exec("UPDATE outbox SET kind = 'cancel' WHERE mutation_id = 10");
  }
  smash_root_page(store_file(tmp.path()), "resources");
  auto store = open_ok(tmp.path());
  ASSERT_TRUE(store.open_report().rebuilt_after_corruption);
  EXPECT_TRUE(store.open_report().outbox_fully_recovered) << store.open_report().detail;
  const auto outbox = store.outbox();
  ASSERT_EQ(outbox.size(), kRows.size());
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    EXPECT_EQ(outbox[i].kind, i == 9 ? ChangeKind::cancel : kRows[i].kind) << kRows[i].path;
  }
}

TEST(StoreOutboxKind, RecoveryOfADamagedVersion3FileClassifiesTheRows) {
  TempDir tmp;
  make_version_3_store(tmp.path());
  smash_root_page(store_file(tmp.path()), "resources");
  auto store = open_ok(tmp.path());
  ASSERT_TRUE(store.open_report().rebuilt_after_corruption);
  EXPECT_EQ(store.open_report().recovered_outbox_entries, static_cast<int>(kRows.size()));
  expect_rows_with_kinds(store.outbox());
}

}  // namespace
}  // namespace stellwerk::store
