// The fixture of the sync end-to-end tests (sync_e2e_*_test.cpp): the reference server in-process
// and the fault proxy in front of it, seeded by the test's name; every client talks through the
// proxy.
#pragma once

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "cli_process.hpp"
#include "fault_proxy.hpp"
#include "person.hpp"

namespace stellwerk::e2e {

using stellwerk::testing::Fault;
using stellwerk::testing::FaultProfile;
using stellwerk::testing::FaultProxy;
using stellwerk::testing::ProxyCounters;
using stellwerk::testing::ProxyMode;

class SyncEndToEnd : public ::testing::Test {
 protected:
  SyncEndToEnd() : proxy_(server_.port(), seed_for(test_name())) {}

  static std::string test_name() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info != nullptr ? info->name() : "";
  }

  // Signs `cli` in through the proxy (which must be up) and fails the test when that fails.
  void login(const Cli& cli) {
    const CliRun r = cli.login();
    ASSERT_EQ(r.exit_code, 0) << r.describe();
  }

  // The server holds exactly what `intent` asked for, and the person's own view agrees with it.
  void expect_server_and_view_match(const Cli& cli, ApiClient& api, const Intent& intent) const {
    const Verdict verdict = judge(api, intent, range_from(), range_to());
    EXPECT_TRUE(verdict.ok()) << verdict.summary();
    const auto view = view_differences(cli, api, range_from(), range_to());
    EXPECT_TRUE(view.empty()) << fmt::format("{}", fmt::join(view, "\n"));
  }

  // A range that covers every booking and plan any test makes.
  Date range_from() const { return *parse_date("2026-11-01"); }
  Date range_to() const { return *parse_date("2027-03-31"); }

  TestServer server_;
  FaultProxy proxy_;
};

// Expects `status --json` to say `pending` and `online`; returns the status.
inline Json expect_status(const Cli& cli, int pending, std::optional<bool> online, std::optional<int> rejected = {}) {
  CliRun r;
  const Json status = cli.json({"status", "--json"}, &r);
  EXPECT_TRUE(status.is_object()) << r.describe();
  if (!status.is_object()) return status;
  EXPECT_EQ(status.value("pending", -1), pending) << status.dump();
  if (online) {
    EXPECT_EQ(status.value("online", !*online), *online) << status.dump();
  }
  if (rejected) {
    EXPECT_EQ(status.value("rejected", -1), *rejected) << status.dump();
  }
  return status;
}

}  // namespace stellwerk::e2e
