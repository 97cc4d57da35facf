// The team presence the store keeps for offline use: what was saved comes back as it was (names,
// counts, withheld counts, the refusal), a new answer replaces the old one whole, and clearing
// the cache (another person signs in) drops it.
#include <gtest/gtest.h>

#include <chrono>

#include <date/date.h>

#include "stellwerk/sync/local_store.hpp"
#include "test_support.hpp"

namespace stellwerk::store {
namespace {

using namespace date::literals;
using test::TempDir;

constexpr Date kMonday = 2026_y / date::December / 7;

TeamPresenceSnapshot answer() {
  TeamPresenceSnapshot snapshot;
  snapshot.from = kMonday;
  snapshot.to = 2026_y / date::December / 11;
  snapshot.team_size = 8;
  snapshot.fetched_at = Instant{std::chrono::seconds{1'796'000'000}};
  snapshot.halves.push_back({kMonday, HalfDay::am, {{"Anna Schmidt", WorkMode::office}, {"Ben Becker", WorkMode::remote}}, 3, 2});
  snapshot.halves.push_back({kMonday, HalfDay::pm, {}, std::nullopt, std::nullopt});
  return snapshot;
}

TEST(TeamPresenceCache, KeepsTheAnswerUntilTheNextOneOrTheCacheIsCleared) {
  TempDir tmp;
  auto store = LocalStore::open(tmp.path());
  ASSERT_TRUE(store) << store.error();
  EXPECT_FALSE(store->team_presence());

  store->save_team_presence(answer());
  auto kept = store->team_presence();
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->from, kMonday);
  EXPECT_EQ(kept->team_size, 8);
  EXPECT_EQ(kept->fetched_at, answer().fetched_at);
  ASSERT_EQ(kept->halves.size(), 2u);
  ASSERT_EQ(kept->halves[0].named.size(), 2u);
  EXPECT_EQ(kept->halves[0].named[1].display_name, "Ben Becker");
  EXPECT_EQ(kept->halves[0].named[1].mode, WorkMode::remote);
  EXPECT_EQ(kept->halves[0].office, 3);
  EXPECT_FALSE(kept->halves[1].office) << "withheld counts stay withheld";

  TeamPresenceSnapshot refused;
  refused.from = kMonday;
  refused.to = kMonday;
  refused.team_too_small = true;
  store->save_team_presence(refused);
  kept = store->team_presence();
  ASSERT_TRUE(kept);
  EXPECT_TRUE(kept->team_too_small);
  EXPECT_TRUE(kept->halves.empty()) << "nothing of the earlier answer is left";

  store->save_team_presence(answer());
  store->clear_cache();
  EXPECT_FALSE(store->team_presence());
}

}  // namespace
}  // namespace stellwerk::store
