// End-to-end: `stellwerk export-my-data FILE`, the real command line against the real server. The
// file holds the server's record of the person and this data folder's, each change the person made
// in both, readable by them alone, and never a token; offline nothing is written.
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "sync_e2e_fixture.hpp"

namespace stellwerk::e2e {
namespace {

// Whether `json` has a member named `name` anywhere inside it.
bool has_member(const Json& json, const std::string& name) {
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) {
      if (key == name || has_member(value, name)) return true;
    }
  }
  if (json.is_array()) {
    for (const auto& item : json) {
      if (has_member(item, name)) return true;
    }
  }
  return false;
}

TEST_F(SyncEndToEnd, ExportMyDataHoldsTheServersRecordAndThisFoldersAndNoToken) {
  Cli cli{"employee0007", proxy_.url()};
  login(cli);
  ASSERT_EQ(cli.run({"book", "--resource", "flr_rathaus_eg-07", "--date", "2026-12-03"}).exit_code, 0);
  ASSERT_EQ(cli.sync().exit_code, 0);
  ASSERT_EQ(cli.run({"plan", "2026-12-04", "remote"}).exit_code, 0);  // still queued: only on this device

  const fs::path file = cli.data().parent_path() / "my-data.json";
  const CliRun r = cli.run({"export-my-data", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_EQ(r.out, "") << r.describe();
  std::ifstream in{file};
  std::stringstream text;
  text << in.rdbuf();
  const Json document = Json::parse(text.str(), nullptr, false);
  ASSERT_TRUE(document.is_object()) << text.str();

  const Json& server = document["server"];
  EXPECT_EQ(server["person"]["username"], "employee0007");
  ASSERT_EQ(server["bookings"].size(), 1U) << server.dump();
  EXPECT_EQ(server["bookings"][0]["place_id"], "flr_rathaus_eg-07");
  EXPECT_TRUE(server["plans"].empty()) << "the plan is not sent yet";

  const Json& device = document["this_device"];
  EXPECT_EQ(device["bookings"].size(), 1U) << device.dump();
  ASSERT_FALSE(device["outbox"].empty()) << device.dump();
  EXPECT_EQ(device["outbox"].back()["state"], "pending");
  const Json& body = device["outbox"].back()["body"];  // the queued request's JSON, as sent
  EXPECT_EQ((body.is_string() ? Json::parse(body.get<std::string>()) : body)["mode"], "remote") << device["outbox"].dump();
  EXPECT_EQ(device["session"][0]["username"], "employee0007");
  EXPECT_FALSE(has_member(document, "token")) << "a token in the export";

  struct stat info{};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);

  // Without the server nothing is written: the export is the server's record as it is now.
  proxy_.set_mode(ProxyMode::down_refuse);
  const fs::path offline_file = cli.data().parent_path() / "offline.json";
  const CliRun offline = cli.run({"export-my-data", offline_file.string()});
  EXPECT_EQ(offline.exit_code, 3) << offline.describe();
  EXPECT_FALSE(fs::exists(offline_file));
}

}  // namespace
}  // namespace stellwerk::e2e
