// Tests of several programs on one store folder: the window keeps two LocalStores open (worker
// and sync thread) while `stellwerk book …` or `stellwerk sync` open and close the same file in
// another process. POSIX record locks belong to the process, so these tests use a real second
// process (sync_store_process) and check what a person would notice: every queued change is
// still there afterwards, each with its own Idempotency-Key, and a damaged file is moved aside
// only when no other program has it open.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <expected>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <sstream>
#include <string>
#include <vector>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

extern char** environ;

namespace stellwerk::store {
namespace {

using test::RawDb;
using test::TempDir;

LocalStore open_ok(const std::filesystem::path& dir) {
  auto store = LocalStore::open(dir);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

// sync_store_process started with `args`; its stdin and stdout are pipes.
class Helper {
 public:
  explicit Helper(const std::vector<std::string>& args) {
    int in[2];
    int out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    std::vector<std::string> all{STELLWERK_STORE_PROCESS};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : all) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    stdin_ = in[1];
    stdout_ = out[0];
    if (rc != 0) throw std::runtime_error("cannot start " + all[0]);
  }
  Helper(const Helper&) = delete;
  Helper& operator=(const Helper&) = delete;
  ~Helper() {
    if (pid_ > 0) finish();
    if (stdout_ >= 0) ::close(stdout_);
  }

  // One line of output, without the newline; empty at the end of output.
  std::string line() {
    std::string text;
    char c = 0;
    while (::read(stdout_, &c, 1) == 1 && c != '\n') text += c;
    return text;
  }
  // Closes stdin (a holding helper then closes its store), reads the rest, returns the exit code.
  int finish(std::string* rest = nullptr) {
    if (stdin_ >= 0) ::close(stdin_);
    stdin_ = -1;
    std::string all;
    for (std::string l = line(); !l.empty(); l = line()) all += l + "\n";
    if (rest) *rest = all;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
};

// Runs the helper to the end; returns its output, or throws when it failed.
std::string run_helper(const std::vector<std::string>& args) {
  Helper helper{args};
  std::string out;
  if (helper.finish(&out) != 0) throw std::runtime_error("sync_store_process failed: " + out);
  return out;
}

struct Row {
  std::int64_t mutation_id;
  std::string key;
};

std::vector<Row> rows_of(const std::string& text) {
  std::vector<Row> rows;
  std::istringstream in{text};
  Row row;
  while (in >> row.mutation_id >> row.key) rows.push_back(row);
  return rows;
}

// The window's two connections (worker and sync thread) and the command line in between: the
// command line closing its store must not take the window's changes with it.
TEST(MultiProcessStore, ChangesOfTheWindowSurviveACommandLineRunOnTheSameFolder) {
  TempDir tmp;
  auto worker = open_ok(tmp.path());
  auto sync_thread = open_ok(tmp.path());
  std::vector<std::string> window_keys;
  window_keys.push_back(worker.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-10", "{}").idempotency_key);
  const auto first_cli = rows_of(run_helper({tmp.path().string(), "enqueue", "2"}));
  window_keys.push_back(worker.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-11", "{}").idempotency_key);
  window_keys.push_back(sync_thread.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-12", "{}").idempotency_key);
  const auto second_cli = rows_of(run_helper({tmp.path().string(), "enqueue", "1"}));
  window_keys.push_back(worker.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-13", "{}").idempotency_key);
  ASSERT_EQ(first_cli.size(), 2U);
  ASSERT_EQ(second_cli.size(), 1U);

  // What another program sees now, and what is left once the window has closed.
  const auto seen_by_cli = rows_of(run_helper({tmp.path().string(), "outbox"}));
  EXPECT_EQ(seen_by_cli.size(), 7U);
  { auto closing = std::move(worker); }
  { auto closing = std::move(sync_thread); }
  const auto after = rows_of(run_helper({tmp.path().string(), "outbox"}));
  ASSERT_EQ(after.size(), 7U) << "a queued change was lost";
  std::set<std::int64_t> ids;
  std::set<std::string> keys;
  for (const auto& row : after) {
    ids.insert(row.mutation_id);
    keys.insert(row.key);
  }
  EXPECT_EQ(ids.size(), 7U) << "two changes share a mutation id";
  EXPECT_EQ(keys.size(), 7U) << "two changes share an Idempotency-Key";
  for (const auto& key : window_keys) EXPECT_TRUE(keys.contains(key)) << key;
  for (const auto& row : first_cli) EXPECT_TRUE(keys.contains(row.key)) << row.key;
  for (const auto& row : second_cli) EXPECT_TRUE(keys.contains(row.key)) << row.key;
}

// A store with one queued change and enough cache rows to span many pages, closed again.
// Returns the change's key.
std::string make_store(const std::filesystem::path& dir) {
  std::string queued_key;
  {
    auto store = open_ok(dir);
    queued_key = store.enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-10", "{}").idempotency_key;
    store.upsert_building({"bld-1", "Rathaus", "Marktplatz 1", {{"flr-0", "bld-1", "EG", 0, 40, 20}}});
    for (int i = 0; i < 300; ++i) {
      store.upsert_resource({"res-" + std::to_string(i), ResourceType::desk, "Platz " + std::to_string(i), "flr-0",
                             1.0 * i, 2, 1.6, 0.8, {"monitor", "docking"}, 1, false});
    }
  }
  return queued_key;
}

// Garbage over the b-tree header of the resources table's root page (a cache page).
void damage_cache(const std::filesystem::path& dir) {
  const auto file = dir / "stellwerk.sqlite";
  long long page_size = 0;
  long long root = 0;
  {
    RawDb raw{file};
    page_size = raw.query_int("PRAGMA page_size");
    root = raw.query_int("SELECT rootpage FROM sqlite_schema WHERE name = 'resources'");
  }
  std::string bytes = test::read_bytes(file);
  for (std::size_t i = 0; i < 64; ++i) bytes[static_cast<std::size_t>((root - 1) * page_size) + i] = static_cast<char>(0xA5);
  test::write_bytes(file, bytes);
}

// A damaged file that another program still has open is left alone: renaming it would split the
// two programs onto different files. It is rebuilt at the first open after the other one closed.
TEST(MultiProcessStore, ADamagedFileInUseByAnotherProgramIsNotMovedAside) {
  TempDir tmp;
  const auto file = tmp.path() / "stellwerk.sqlite";
  const std::string queued_key = make_store(tmp.path());
  Helper other{{tmp.path().string(), "hold"}};
  ASSERT_EQ(other.line(), "open");
  damage_cache(tmp.path());
  const std::string damaged_bytes = test::read_bytes(file);

  auto while_in_use = LocalStore::open(tmp.path());
  ASSERT_FALSE(while_in_use) << "opened a damaged file another program is using";
  EXPECT_NE(while_in_use.error().find("in use"), std::string::npos) << while_in_use.error();
  EXPECT_TRUE(test::files_starting_with(tmp.path(), "stellwerk.sqlite.damaged").empty());
  EXPECT_EQ(test::read_bytes(file), damaged_bytes);

  ASSERT_EQ(other.finish(), 0);
  auto after = open_ok(tmp.path());
  EXPECT_TRUE(after.open_report().rebuilt_after_corruption);
  ASSERT_EQ(after.outbox().size(), 1U);
  EXPECT_EQ(after.outbox()[0].idempotency_key, queued_key);
}

// The window's two stores (worker and sync thread) open a damaged file at the same moment: one
// rebuilds it, the other waits for that and opens the new file; both see the kept change.
TEST(MultiProcessStore, TwoStoresOpeningADamagedFileTogetherRebuildItOnce) {
  TempDir tmp;
  const std::string queued_key = make_store(tmp.path());
  damage_cache(tmp.path());
  std::optional<std::expected<LocalStore, std::string>> first;
  std::optional<std::expected<LocalStore, std::string>> second;
  std::thread other([&] { second.emplace(LocalStore::open(tmp.path())); });
  first.emplace(LocalStore::open(tmp.path()));
  other.join();
  ASSERT_TRUE(*first) << first->error();
  ASSERT_TRUE(*second) << second->error();
  EXPECT_NE((*first)->open_report().rebuilt_after_corruption, (*second)->open_report().rebuilt_after_corruption)
      << "exactly one of them rebuilds";
  std::size_t copies = 0;
  for (const auto& path : test::files_starting_with(tmp.path(), "stellwerk.sqlite.damaged-")) {
    const std::string name = path.filename().string();
    if (!name.ends_with("-wal") && !name.ends_with("-shm")) ++copies;
  }
  EXPECT_EQ(copies, 1U);
  for (auto* store : {&**first, &**second}) {
    ASSERT_EQ(store->outbox().size(), 1U);
    EXPECT_EQ(store->outbox()[0].idempotency_key, queued_key);
  }
  // Both write to the one new file.
  (*first)->enqueue(ChangeKind::workday, "PUT", "/api/v1/workdays/2025-03-11", "{}");
  EXPECT_EQ((*second)->outbox().size(), 2U);
}

// The window (two stores) and the command line started at the same moment on a folder that does
// not exist yet: each makes the folders and the file, or finds them just made by another, and all
// get in with every change kept and each key used once. Before, one start in about a hundred
// failed with "exists but is not a folder" or "database is locked" (the journal mode switch does
// not wait for a lock), and a sync test then waited a minute for a store that never opened.
TEST(MultiProcessStore, ProgramsStartingTogetherOnANewFolderAllGetIn) {
  TempDir tmp;
  for (int round = 0; round < 30; ++round) {
    const std::filesystem::path dir = tmp.path() / std::to_string(round) / "nested" / "data";
    std::vector<std::unique_ptr<Helper>> helpers;
    for (int i = 0; i < 3; ++i) helpers.push_back(std::make_unique<Helper>(std::vector<std::string>{dir.string(), "enqueue", "2"}));
    std::optional<std::expected<LocalStore, std::string>> first;
    std::optional<std::expected<LocalStore, std::string>> second;
    std::thread other([&] { second.emplace(LocalStore::open(dir)); });
    first.emplace(LocalStore::open(dir));
    other.join();
    ASSERT_TRUE(*first) << "round " << round << ": " << first->error();
    ASSERT_TRUE(*second) << "round " << round << ": " << second->error();
    std::set<std::string> keys;
    for (auto& helper : helpers) {
      std::string out;
      ASSERT_EQ(helper->finish(&out), 0) << "round " << round << ": " << out;
      for (const Row& row : rows_of(out)) keys.insert(row.key);
    }
    EXPECT_EQ(keys.size(), 6U) << "round " << round;
    EXPECT_EQ((*first)->outbox().size(), 6U) << "round " << round;
  }
}

}  // namespace
}  // namespace stellwerk::store
