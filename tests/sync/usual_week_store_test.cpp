// "My usual week" in the local store: saved and read back whole, kept by a full copy of the
// server's data (it is the person's own, not the feed's), gone when another person signs in, and
// shared by every program on the data folder.
#include <gtest/gtest.h>

#include <utility>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using test::TempDir;

LocalStore open_ok(const std::filesystem::path& dir) {
  auto store = LocalStore::open(dir);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

const UsualWeek kWeek{UsualSlot{0, HalfDay::day, WorkMode::office}, UsualSlot{2, HalfDay::am, WorkMode::office},
                      UsualSlot{2, HalfDay::pm, WorkMode::remote}, UsualSlot{4, HalfDay::day, WorkMode::remote}};

TEST(UsualWeekStore, IsSavedWholeAndReadBackByAnotherProgram) {
  TempDir tmp;
  auto window = open_ok(tmp.path());
  EXPECT_TRUE(window.usual_week().empty());
  window.save_usual_week(kWeek);
  auto command_line = open_ok(tmp.path());
  EXPECT_EQ(command_line.usual_week(), kWeek);
  command_line.save_usual_week({UsualSlot{1, HalfDay::day, WorkMode::remote}});
  EXPECT_EQ(window.usual_week(), (UsualWeek{UsualSlot{1, HalfDay::day, WorkMode::remote}})) << "saving replaces it";
}

TEST(UsualWeekStore, AFullCopyKeepsItAndAnotherPersonDoesNotInheritIt) {
  TempDir tmp;
  auto store = open_ok(tmp.path());
  store.save_usual_week(kWeek);
  store.clear_feed_data();
  EXPECT_EQ(store.usual_week(), kWeek);
  store.clear_cache();
  EXPECT_TRUE(store.usual_week().empty());
}

}  // namespace
}  // namespace stellwerk::store
