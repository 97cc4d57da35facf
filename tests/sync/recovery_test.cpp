// Tests of what happens when the store file is damaged: garbage over the whole file, a file
// cut off in the middle of a page, and damaged bytes in a cache page or in an outbox page.
// In every case open() must succeed with a fresh store, keep the damaged file beside it, and
// carry over the device id, the mutation counter and every outbox row that could be read —
// the queued changes are the one thing the cache must never lose silently.
#include <gtest/gtest.h>

#include <random>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using test::RawDb;
using test::TempDir;

struct Original {
  std::string device_id;
  std::vector<OutboxEntry> outbox;
};

std::string body_for(int i, std::size_t size) {
  std::string marker = "row-" + std::to_string(1000 + i) + "-";
  std::string body;
  while (body.size() < size) body += marker;
  body.resize(size);
  return body;
}

// A store with `rows` queued changes followed by enough cache rows to span many pages, closed
// again so that the WAL is checkpointed into the main file.
Original make_store(const std::filesystem::path& dir, int rows, std::size_t body_size) {
  auto store = LocalStore::open(dir);
  if (!store) throw std::runtime_error(store.error());
  Original original;
  for (int i = 0; i < rows; ++i) store->enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", body_for(i, body_size));
  store->upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-0", "bld-1", "EG", 0, 40, 20}}});
  for (int i = 0; i < 300; ++i) {
    store->upsert_resource({"res-" + std::to_string(i), ResourceType::desk, "Platz " + std::to_string(i), "flr-0",
                            1.0 * i, 2, 1.6, 0.8, {"monitor", "docking", "sit_stand"}, 1, false});
  }
  original.device_id = store->device_id();
  original.outbox = store->outbox();
  return original;
}

std::filesystem::path store_file(const std::filesystem::path& dir) { return dir / "stellwerk.sqlite"; }

long long page_size(const std::filesystem::path& file) { return RawDb{file}.query_int("PRAGMA page_size"); }

long long root_page(const std::filesystem::path& file, const std::string& table) {
  return RawDb{file}.query_int("SELECT rootpage FROM sqlite_schema WHERE name = '" + table + "'");
}

// Overwrites the b-tree page header of page `page` (1-based) with bytes no page type has.
void smash_page(const std::filesystem::path& file, long long page, long long size) {
  std::string bytes = test::read_bytes(file);
  const auto offset = static_cast<std::size_t>((page - 1) * size);
  ASSERT_LT(offset + 64, bytes.size());
  for (std::size_t i = 0; i < 64; ++i) bytes[offset + i] = static_cast<char>(0xA5);
  test::write_bytes(file, bytes);
}

void expect_damaged_copy_kept(const LocalStore& store, const std::string& expected_bytes = {}) {
  const auto& report = store.open_report();
  EXPECT_TRUE(report.rebuilt_after_corruption);
  EXPECT_FALSE(report.created);
  EXPECT_FALSE(report.detail.empty());
  ASSERT_FALSE(report.damaged_copy.empty());
  EXPECT_TRUE(std::filesystem::exists(report.damaged_copy)) << report.damaged_copy;
  EXPECT_NE(report.damaged_copy.filename().string().find("stellwerk.sqlite.damaged-"), std::string::npos);
  EXPECT_EQ(test::file_mode(report.damaged_copy), 0600U);
  if (!expected_bytes.empty()) {
    EXPECT_EQ(test::read_bytes(report.damaged_copy), expected_bytes);
  }
  EXPECT_EQ(store.schema_version(), LocalStore::latest_schema_version());
  EXPECT_FALSE(store.has_data()) << "the cache is rebuilt from the server, not copied";
}

TEST(LocalStoreRecovery, GarbageFileIsMovedAsideAndRebuilt) {
  TempDir tmp;
  std::mt19937 random{42};
  std::string garbage(64 * 1024, '\0');
  for (char& c : garbage) c = static_cast<char>(random() & 0xffU);
  test::write_bytes(store_file(tmp.path()), garbage);

  std::string device;
  {
    auto store = LocalStore::open(tmp.path());
    ASSERT_TRUE(store) << store.error();
    expect_damaged_copy_kept(*store, garbage);
    EXPECT_EQ(store->open_report().recovered_outbox_entries, 0);
    EXPECT_FALSE(store->open_report().outbox_fully_recovered) << "nothing could be read, so nothing is known";
    EXPECT_EQ(store->device_id().size(), 32U);
    EXPECT_TRUE(store->outbox().empty());
    EXPECT_EQ(store->enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}").mutation_id, 1);
    device = store->device_id();
  }
  // The rebuilt store is sound: the next open is an ordinary one.
  auto again = LocalStore::open(tmp.path());
  ASSERT_TRUE(again) << again.error();
  EXPECT_FALSE(again->open_report().rebuilt_after_corruption);
  EXPECT_EQ(again->device_id(), device);
  EXPECT_EQ(again->outbox().size(), 1U);
}

TEST(LocalStoreRecovery, TruncatedFileKeepsOutboxAndDevice) {
  TempDir tmp;
  const Original original = make_store(tmp.path(), 5, 200);
  const auto file = store_file(tmp.path());
  ASSERT_FALSE(std::filesystem::exists(file.string() + "-wal"));
  const auto size = page_size(file);
  const auto length = std::filesystem::file_size(file);
  ASSERT_GT(length, static_cast<std::uintmax_t>(8 * size));
  std::filesystem::resize_file(file, length - static_cast<std::uintmax_t>(size + size / 2));

  auto store = LocalStore::open(tmp.path());
  ASSERT_TRUE(store) << store.error();
  expect_damaged_copy_kept(*store);
  EXPECT_EQ(std::filesystem::file_size(store->open_report().damaged_copy), length - static_cast<std::uintmax_t>(size + size / 2));
  EXPECT_TRUE(store->open_report().outbox_fully_recovered) << store->open_report().detail;
  EXPECT_EQ(store->open_report().recovered_outbox_entries, 5);
  EXPECT_EQ(store->device_id(), original.device_id);
  const auto outbox = store->outbox();
  ASSERT_EQ(outbox.size(), original.outbox.size());
  for (std::size_t i = 0; i < outbox.size(); ++i) {
    EXPECT_EQ(outbox[i].mutation_id, original.outbox[i].mutation_id);
    EXPECT_EQ(outbox[i].body, original.outbox[i].body);
    EXPECT_EQ(outbox[i].idempotency_key, original.outbox[i].idempotency_key);
    EXPECT_EQ(outbox[i].created_at, original.outbox[i].created_at);
  }
  EXPECT_EQ(store->enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}").mutation_id, 6) << "the counter continues";
  EXPECT_EQ(store->sync_status().pending, 6);
}

TEST(LocalStoreRecovery, DamagedCachePageKeepsEveryOutboxRow) {
  TempDir tmp;
  const Original original = make_store(tmp.path(), 12, 300);
  const auto file = store_file(tmp.path());
  smash_page(file, root_page(file, "resources"), page_size(file));

  auto store = LocalStore::open(tmp.path());
  ASSERT_TRUE(store) << store.error();
  expect_damaged_copy_kept(*store);
  EXPECT_TRUE(store->open_report().outbox_fully_recovered) << store->open_report().detail;
  EXPECT_EQ(store->open_report().recovered_outbox_entries, 12);
  EXPECT_EQ(store->device_id(), original.device_id);
  const auto outbox = store->outbox();
  ASSERT_EQ(outbox.size(), 12U);
  EXPECT_EQ(outbox.back().body, original.outbox.back().body);
  const auto next = store->enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}");
  EXPECT_EQ(next.mutation_id, 13);
  EXPECT_TRUE(next.idempotency_key.starts_with(original.device_id + ":")) << next.idempotency_key;
}

TEST(LocalStoreRecovery, DamagedCachePageKeepsTheUsualWeek) {
  TempDir tmp;
  const UsualWeek week{UsualSlot{0, HalfDay::day, WorkMode::office}, UsualSlot{3, HalfDay::pm, WorkMode::remote}};
  make_store(tmp.path(), 2, 300);
  {
    auto store = LocalStore::open(tmp.path());
    ASSERT_TRUE(store) << store.error();
    store->save_usual_week(week);
  }
  const auto file = store_file(tmp.path());
  smash_page(file, root_page(file, "resources"), page_size(file));

  auto store = LocalStore::open(tmp.path());
  ASSERT_TRUE(store) << store.error();
  expect_damaged_copy_kept(*store);
  EXPECT_EQ(store->usual_week(), week) << "the person's own template is on no server: it is rescued";
}

TEST(LocalStoreRecovery, DamagedCachePageKeepsThePinnedCertificateKey) {
  TempDir tmp;
  const std::string pinned = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAPUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=\n-----END PUBLIC KEY-----\n";
  make_store(tmp.path(), 2, 300);
  {
    auto store = LocalStore::open(tmp.path());
    ASSERT_TRUE(store) << store.error();
    store->pin_certificate_key(pinned);
  }
  const auto file = store_file(tmp.path());
  smash_page(file, root_page(file, "resources"), page_size(file));

  auto store = LocalStore::open(tmp.path());
  ASSERT_TRUE(store) << store.error();
  expect_damaged_copy_kept(*store);
  EXPECT_EQ(store->certificate_key(), pinned)
      << "a recovered store keeps trusting the key it pinned, not whatever the next sync offers";
}

TEST(LocalStoreRecovery, DamagedOutboxPageKeepsTheReadableRows) {
  TempDir tmp;
  constexpr int kRows = 40;
  const Original original = make_store(tmp.path(), kRows, 1000);  // about four rows per page
  const auto file = store_file(tmp.path());
  const auto size = page_size(file);
  // Find the page that holds row 20 by its bytes, and make sure it is a leaf, not the root.
  const std::string bytes = test::read_bytes(file);
  const auto where = bytes.find(body_for(20, 40));
  ASSERT_NE(where, std::string::npos);
  const long long page = static_cast<long long>(where) / size + 1;
  ASSERT_NE(page, root_page(file, "outbox"));
  smash_page(file, page, size);

  auto store = LocalStore::open(tmp.path());
  ASSERT_TRUE(store) << store.error();
  expect_damaged_copy_kept(*store);
  const auto& report = store->open_report();
  EXPECT_FALSE(report.outbox_fully_recovered);
  EXPECT_GT(report.recovered_outbox_entries, kRows - 8);
  EXPECT_LT(report.recovered_outbox_entries, kRows);
  EXPECT_EQ(store->device_id(), original.device_id);

  const auto outbox = store->outbox();
  EXPECT_EQ(static_cast<int>(outbox.size()), report.recovered_outbox_entries);
  bool saw_first = false;
  bool saw_last = false;
  for (const auto& entry : outbox) {
    const auto& before = original.outbox.at(static_cast<std::size_t>(entry.mutation_id - 1));
    EXPECT_EQ(entry.body, before.body) << "row " << entry.mutation_id;
    EXPECT_EQ(entry.idempotency_key, before.idempotency_key);
    saw_first = saw_first || entry.mutation_id == 1;
    saw_last = saw_last || entry.mutation_id == kRows;
  }
  EXPECT_TRUE(saw_first);
  EXPECT_TRUE(saw_last) << "rows after the damaged page are found too";
  // Lost ids are never handed out again: the counter came from the device row.
  EXPECT_EQ(store->enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}").mutation_id, kRows + 1);
}

TEST(LocalStoreRecovery, LostDeviceRowStartsANewKeySpaceAndKeepsStoredKeys) {
  TempDir tmp;
  const Original original = make_store(tmp.path(), 3, 100);
  const auto file = store_file(tmp.path());
  smash_page(file, root_page(file, "device"), page_size(file));

  auto store = LocalStore::open(tmp.path());
  ASSERT_TRUE(store) << store.error();
  expect_damaged_copy_kept(*store);
  EXPECT_TRUE(store->open_report().outbox_fully_recovered);
  EXPECT_EQ(store->open_report().recovered_outbox_entries, 3);
  EXPECT_NE(store->device_id(), original.device_id);
  EXPECT_EQ(store->outbox().at(0).idempotency_key, original.outbox.at(0).idempotency_key);
  const auto next = store->enqueue(ChangeKind::booking, "POST", "/api/v1/bookings", "{}");
  EXPECT_EQ(next.mutation_id, 4);
  EXPECT_TRUE(next.idempotency_key.starts_with(store->device_id() + ":")) << next.idempotency_key;
  for (const auto& entry : original.outbox) EXPECT_NE(next.idempotency_key, entry.idempotency_key);
}

TEST(LocalStoreRecovery, SecondDamageInTheSameSecondKeepsBothCopies) {
  TempDir tmp;
  for (int round = 0; round < 2; ++round) {
    test::write_bytes(store_file(tmp.path()), std::string(8192, static_cast<char>('x' + round)));
    auto store = LocalStore::open(tmp.path());
    ASSERT_TRUE(store) << store.error();
    EXPECT_TRUE(store->open_report().rebuilt_after_corruption);
  }
  EXPECT_EQ(test::files_starting_with(tmp.path(), "stellwerk.sqlite.damaged-").size(), 2U);
}

}  // namespace
}  // namespace stellwerk::store
