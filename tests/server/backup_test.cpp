// `stellwerk-server backup` and `restore` (server/src/backup.hpp), run as the real binary beside
// the server serving in this process: a backup taken in the middle of a booking burst is sound
// and holds every booking confirmed before it began; a restore needs the server stopped, keeps
// what it replaces and brings the backup's bookings back.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "folder_server.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int status = -1;
  std::string output;  // stdout and stderr
};

CommandRun run_server_command(const std::string& arguments) {
  const std::string command = fmt::format("{} {} 2>&1", STELLWERK_SERVER_BINARY, arguments);
  CommandRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[512];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, got);
  const int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string quoted(const fs::path& path) { return fmt::format("'{}'", path.string()); }

ApiClient signed_in_at(int port, const std::string& username) {
  ApiClient client{port, "backup"};
  const auto response = client.post("/api/v1/session", Json{{"username", username}, {"password", "demo"}});
  if (response.status != 201) throw std::runtime_error("cannot sign in " + username + ": " + response.raw);
  client.set_token(response.body["token"].get<std::string>());
  return client;
}

Json desk_booking(const std::string& desk, int day) {
  const std::string date = fmt::format("2026-12-{:02d}", day);
  return Json{{"resource_id", desk}, {"start", date + "T08:00:00+01:00"}, {"end", date + "T17:00:00+01:00"}};
}

std::set<std::string> booking_ids_in(const fs::path& database) {
  auto db = sql::Connection::open(database, sql::Connection::Mode::read_only);
  std::set<std::string> ids;
  sql::Statement rows{db, "SELECT id FROM bookings"};
  while (rows.step()) ids.insert(rows.text(0));
  return ids;
}

std::set<std::string> my_booking_ids(ApiClient& client) {
  std::set<std::string> ids;
  const auto list = client.get("/api/v1/bookings?from=2026-12-01&to=2026-12-31");
  if (list.status != 200) throw std::runtime_error("cannot list bookings: " + list.raw);
  for (const auto& booking : list.body) ids.insert(booking["id"].get<std::string>());
  return ids;
}

TEST(Backup, TakenDuringABookingBurstItIsSoundAndHoldsEveryConfirmedBooking) {
  TempDir dir;
  FolderServer server{dir / "data"};
  std::mutex mutex;
  std::vector<std::string> confirmed;
  std::atomic<bool> backup_done{false};
  std::vector<std::thread> bookers;
  for (int person = 1; person <= 16; ++person) {
    bookers.emplace_back([&, person] {
      try {
        auto client = signed_in_at(server.port(), fmt::format("employee{:04d}", person));
        const std::string desk = fmt::format("flr_rathaus_eg-{:02d}", person);
        for (int day = 2; day <= 31 && !backup_done; ++day) {
          const auto response = client.post("/api/v1/bookings", desk_booking(desk, day));
          if (response.status != 201 || !response.body.contains("id")) continue;  // a weekend, a holiday
          std::lock_guard lock{mutex};
          confirmed.push_back(response.body["id"].get<std::string>());
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << "person " << person << ": " << e.what();
      }
    });
  }
  // Once the burst is well under way: everything confirmed so far must be in the backup.
  std::vector<std::string> before_backup;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  while (before_backup.size() < 30 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
    std::lock_guard lock{mutex};
    before_backup = confirmed;
  }
  ASSERT_GE(before_backup.size(), 30u);
  const fs::path copy = dir / "monday.db";
  const CommandRun backup = run_server_command(fmt::format("backup {} --data {}", quoted(copy), quoted(dir / "data")));
  std::size_t after_backup = 0;
  {
    std::lock_guard lock{mutex};
    after_backup = confirmed.size();
  }
  backup_done = true;
  for (auto& booker : bookers) booker.join();

  ASSERT_EQ(backup.status, 0) << backup.output;
  EXPECT_NE(backup.output.find("backup written to"), std::string::npos) << backup.output;
  auto db = sql::Connection::open(copy, sql::Connection::Mode::read_only);
  EXPECT_EQ(db.query_text("PRAGMA integrity_check"), "ok");
  const auto in_copy = booking_ids_in(copy);
  for (const auto& id : before_backup) EXPECT_TRUE(in_copy.contains(id)) << id << " confirmed before the backup";
  EXPECT_EQ(fs::status(copy).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_GT(after_backup, before_backup.size()) << "the burst went on while the backup ran";
}

TEST(Backup, RestoreNeedsTheServerStoppedAndBringsTheBackupBack) {
  TempDir dir;
  const fs::path data = dir / "data";
  const fs::path copy = dir / "backup.db";
  std::string kept_booking;
  std::string later_booking;
  {
    FolderServer server{data};
    auto client = signed_in_at(server.port(), "employee0001");
    kept_booking = client.post("/api/v1/bookings", desk_booking("flr_rathaus_eg-01", 2)).body["id"].get<std::string>();
    ASSERT_EQ(run_server_command(fmt::format("backup {} --data {}", quoted(copy), quoted(data))).status, 0);
    later_booking = client.post("/api/v1/bookings", desk_booking("flr_rathaus_eg-01", 3)).body["id"].get<std::string>();

    const CommandRun refused = run_server_command(fmt::format("restore {} --data {}", quoted(copy), quoted(data)));
    EXPECT_EQ(refused.status, 1) << refused.output;
    EXPECT_NE(refused.output.find("stop it first"), std::string::npos) << refused.output;
    EXPECT_TRUE(my_booking_ids(client).contains(later_booking)) << "a refused restore changes nothing";
  }

  const CommandRun restore = run_server_command(fmt::format("restore {} --data {}", quoted(copy), quoted(data)));
  ASSERT_EQ(restore.status, 0) << restore.output;
  EXPECT_NE(restore.output.find("kept as"), std::string::npos) << restore.output;

  FolderServer again{data};
  auto client = signed_in_at(again.port(), "employee0001");
  const auto ids = my_booking_ids(client);
  EXPECT_TRUE(ids.contains(kept_booking));
  EXPECT_FALSE(ids.contains(later_booking)) << "made after the backup";
  // What the restore replaced is kept beside it, the later booking in it.
  bool found_kept = false;
  for (const auto& entry : fs::directory_iterator(data)) {
    if (entry.path().filename().string().starts_with("stellwerk-server.db.before-restore-")) {
      found_kept = booking_ids_in(entry.path()).contains(later_booking);
    }
  }
  EXPECT_TRUE(found_kept);
}

TEST(Backup, RefusesToOverwriteAFileOrToRestoreOneThatIsNoBackup) {
  TempDir dir;
  const fs::path data = dir / "data";
  { FolderServer seeded{data}; }
  const fs::path existing = dir / "existing.db";
  std::ofstream{existing} << "keep me";
  const CommandRun overwrite = run_server_command(fmt::format("backup {} --data {}", quoted(existing), quoted(data)));
  EXPECT_EQ(overwrite.status, 1);
  EXPECT_NE(overwrite.output.find("never overwrites"), std::string::npos) << overwrite.output;
  std::ifstream kept{existing};
  const std::string content{std::istreambuf_iterator<char>{kept}, {}};
  EXPECT_EQ(content, "keep me");

  const auto before = booking_ids_in(data / "stellwerk-server.db");
  const CommandRun damaged = run_server_command(fmt::format("restore {} --data {}", quoted(existing), quoted(data)));
  EXPECT_EQ(damaged.status, 1);
  EXPECT_NE(damaged.output.find("not a readable database"), std::string::npos) << damaged.output;
  EXPECT_EQ(booking_ids_in(data / "stellwerk-server.db"), before);

  const CommandRun missing = run_server_command(fmt::format("backup {} --data {}", quoted(dir / "x.db"), quoted(dir / "nowhere")));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.output.find("there is no database"), std::string::npos) << missing.output;
}

TEST(Backup, ASecondServerOnTheSameFolderIsRefused) {
  TempDir dir;
  FolderServer first{dir / "data"};
  ManualClock clock{default_test_start()};
  ServerOptions options;
  options.data_dir = dir / "data";
  try {
    Server second{options, clock};
    ADD_FAILURE() << "a second server opened the folder";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string{e.what()}.find("stop it first"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace stellwerk::server::testing
