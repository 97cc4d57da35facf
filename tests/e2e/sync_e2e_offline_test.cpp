// End-to-end: the real `stellwerk` command line against the real server through the fault proxy
// (sync_e2e_fixture.hpp). Changes made offline all arrive, exactly once, when the network returns;
// an expired or signed-out session keeps the changes queued until the person signs in again.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "sync_e2e_fixture.hpp"

namespace stellwerk::e2e {
namespace {

// --- a. Offline, then online --------------------------------------------------------------------

// Fifty changes made while the server cannot be reached stay queued (sync says 3, status says
// offline and 50 pending), and all of them arrive once the network is back: every booking once,
// the cancelled ones cancelled — including bookings cancelled by their local id before the
// server ever saw them — and the day plans as planned.
TEST_F(SyncEndToEnd, ChangesMadeOfflineAllArriveExactlyOnceWhenTheServerIsBack) {
  Cli cli{"demo", proxy_.url()};
  ApiClient api = server_.client_for("demo");
  const Policy policy = read_policy(api);
  const auto days = policy.bookable_days();
  ASSERT_GE(days.size(), 12u);
  login(cli);

  Intent intent;
  Person person{cli, intent, policy};
  // Online first: five bookings the server knows, to be cancelled by their server ids later.
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(person.book_slot(fmt::format("flr_rathaus_eg-{:02}", i + 1), days[static_cast<std::size_t>(i)], "day"), "");
  }
  const CliRun first_sync = cli.sync();
  ASSERT_EQ(first_sync.exit_code, 0) << first_sync.describe();
  ASSERT_TRUE(judge(api, intent, range_from(), range_to()).ok());
  const int online_changes = intent.changes;

  proxy_.set_mode(ProxyMode::down_refuse);
  for (std::size_t i = 0; i < 5; ++i) ASSERT_EQ(person.cancel(i, Person::IdFrom::listed_once), "");
  // Twenty new bookings, am and pm on the first ten days; the cancellations above make room
  // under max_upcoming.
  const int fresh = std::min(20, policy.max_upcoming);
  for (int i = 0; i < fresh; ++i) {
    const Date day = days[static_cast<std::size_t>(i / 2)];
    ASSERT_EQ(person.book_slot(fmt::format("flr_rathaus_eg-{:02}", 6 + i % 19), day, i % 2 == 0 ? "am" : "pm"), "");
  }
  // Five of them cancelled again by the local id `book` printed: the server never saw that id.
  for (std::size_t i : {6u, 10u, 14u, 18u, 22u}) ASSERT_EQ(person.cancel(i, Person::IdFrom::printed), "");
  const std::array modes{"office", "remote", "office", "leave", "training", "travel", "off", "office", "remote"};
  for (std::size_t i = 0; i < 18 && i < days.size(); ++i) ASSERT_EQ(person.plan(days[i], "day", modes[i % modes.size()]), "");
  ASSERT_EQ(person.plan(days[0], "am", "remote"), "");  // splits the day entry
  ASSERT_EQ(person.plan(days[1], "pm", "off"), "");
  while (intent.changes - online_changes < 50) {  // fewer than 18 bookable days: plan halves
    const Date day = days[static_cast<std::size_t>(intent.changes) % days.size()];
    ASSERT_EQ(person.plan(day, "pm", "office"), "");
  }
  const int queued = intent.changes - online_changes;
  ASSERT_EQ(queued, 50);

  const CliRun refused = cli.sync();
  EXPECT_EQ(refused.exit_code, 3) << "server down (connections closed at once): " << refused.describe();
  proxy_.set_mode(ProxyMode::down_unlisten);
  const CliRun unreachable = cli.sync();
  EXPECT_EQ(unreachable.exit_code, 3) << "server down (connection refused): " << unreachable.describe();
  expect_status(cli, queued, false);
  // Nothing reached the server: still the five bookings from before, no plans.
  Intent before;
  before.bookings.assign(intent.bookings.begin(), intent.bookings.begin() + 5);
  for (auto& b : before.bookings) b.cancelled = false;
  EXPECT_TRUE(judge(api, before, range_from(), range_to()).ok());

  proxy_.set_mode(ProxyMode::pass);
  const CliRun back = cli.sync();
  EXPECT_EQ(back.exit_code, 0) << back.describe();
  expect_status(cli, 0, true, 0);
  const Verdict verdict = judge(api, intent, range_from(), range_to());
  EXPECT_TRUE(verdict.ok()) << verdict.summary();

  // The person's own view agrees with the server: server ids, nothing pending.
  const auto view = view_differences(cli, api, range_from(), range_to());
  EXPECT_TRUE(view.empty()) << fmt::format("{}", fmt::join(view, "\n"));
}

// --- d. An invalid session ----------------------------------------------------------------------

// A session the server no longer accepts (expired after 12 hours) ends a sync with exit 5 and
// keeps the change queued; signing in again sends it, once.
TEST_F(SyncEndToEnd, ExpiredSessionKeepsChangesQueuedUntilTheNextLogin) {
  Cli cli{"employee0003", proxy_.url()};
  const Policy policy = [&] {
    ApiClient api = server_.client_for("employee0003");
    return read_policy(api);
  }();
  const auto days = policy.bookable_days();
  login(cli);
  Intent intent;
  Person person{cli, intent, policy};
  ASSERT_EQ(person.book_slot("flr_rathaus_eg-03", days[2], "am"), "");
  ASSERT_EQ(person.plan(days[2], "day", "office"), "");

  server_.clock().advance(std::chrono::hours{13});  // 20:00 the same day: every session has expired
  const CliRun expired = cli.sync();
  EXPECT_EQ(expired.exit_code, 5) << expired.describe();
  expect_status(cli, 2, true, 0);
  ApiClient api = fresh_client(server_, "employee0003");
  EXPECT_EQ(api.get(fmt::format("/api/v1/bookings?from={}&to={}", format_date(days[2]), format_date(days[2]))).body.size(),
            0u);

  login(cli);
  const CliRun again = cli.sync();
  EXPECT_EQ(again.exit_code, 0) << again.describe();
  expect_status(cli, 0, true, 0);
  expect_server_and_view_match(cli, api, intent);
}

// After `logout`, changes can still be queued; `sync` says 5 (sign in again) and keeps them;
// after `login` they are on the server, once.
TEST_F(SyncEndToEnd, AfterLogoutChangesWaitForTheNextLogin) {
  Cli cli{"employee0004", proxy_.url()};
  ApiClient api = server_.client_for("employee0004");
  const Policy policy = read_policy(api);
  const auto days = policy.bookable_days();
  login(cli);
  const CliRun out = cli.logout();
  ASSERT_EQ(out.exit_code, 0) << out.describe();

  Intent intent;
  Person person{cli, intent, policy};
  ASSERT_EQ(person.book_slot("flr_rathaus_eg-04", days[3], "pm"), "");
  const CliRun signed_out = cli.sync();
  EXPECT_EQ(signed_out.exit_code, 5) << signed_out.describe();
  expect_status(cli, 1, std::nullopt, 0);
  EXPECT_TRUE(judge(api, Intent{}, range_from(), range_to()).ok()) << "sent while signed out";

  login(cli);
  const CliRun synced = cli.sync();
  EXPECT_EQ(synced.exit_code, 0) << synced.describe();
  expect_status(cli, 0, true, 0);
  expect_server_and_view_match(cli, api, intent);
}

}  // namespace
}  // namespace stellwerk::e2e
