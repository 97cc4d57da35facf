// Settings' kiosk registry against the real server (issue 14): a facility admin lists the kiosks,
// registers one and gets its device token once, the kiosk's heartbeat shows up in the list, and a
// revoked kiosk's token stops working. Someone who is not a facility admin is told so, and nothing
// of the registry outlives signing out. Worker, SyncLoop and Controller run as in the app.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "live_window.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using testing::LiveWindow;

const KioskRow* row(const AppState& state, const Id& id) {
  const auto& kiosks = state.kiosks.kiosks;
  const auto found = std::find_if(kiosks.begin(), kiosks.end(), [&](const KioskRow& k) { return k.id == id; });
  return found == kiosks.end() ? nullptr : &*found;
}

bool answered(const AppState& state) { return state.kiosks.requested && !state.kiosks.busy; }

class KioskRegistrySync : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  TestServer server;
  TempDir data{"stellwerk-kiosk-registry"};
  LiveWindow window{data.path()};
};

TEST_F(KioskRegistrySync, AFacilityAdminRegistersAKioskWhoseTokenWorksUntilItIsRevoked) {
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port(), "facility"));
  window.controller.apply(RefreshKiosks{});
  ASSERT_TRUE(window.pump_until(answered));
  ASSERT_EQ(window.state.kiosks.error, "");
  const std::size_t before = window.state.kiosks.kiosks.size();

  window.controller.apply(RegisterKiosk{"Foyer Nord", "bld_rathaus"});
  ASSERT_TRUE(window.pump_until(answered));
  const KioskRegistry& registry = window.state.kiosks;
  ASSERT_EQ(registry.error, "");
  ASSERT_FALSE(registry.new_token.empty()) << "the token is shown once, right after registering";
  const Id kiosk = registry.new_kiosk;
  ASSERT_EQ(registry.kiosks.size(), before + 1) << "the list comes back with the new kiosk";
  ASSERT_NE(row(window.state, kiosk), nullptr);
  EXPECT_EQ(row(window.state, kiosk)->name, "Foyer Nord");
  EXPECT_EQ(row(window.state, kiosk)->building_id, "bld_rathaus");
  EXPECT_FALSE(row(window.state, kiosk)->last_seen) << "a kiosk not set up yet was never seen";

  auto device = server.anonymous();
  device.set_token(std::string{registry.new_token.view()});
  EXPECT_EQ(device.post("/api/v1/kiosk/heartbeat", Json{{"version", "14.0.1"}}).status, 204);
  window.controller.apply(CloseKioskToken{});
  EXPECT_TRUE(window.state.kiosks.new_token.empty());

  window.controller.apply(RefreshKiosks{});
  ASSERT_TRUE(window.pump_until(answered));
  ASSERT_NE(row(window.state, kiosk), nullptr);
  EXPECT_TRUE(row(window.state, kiosk)->last_seen) << "the heartbeat shows in the list";
  EXPECT_EQ(row(window.state, kiosk)->version, "14.0.1");

  window.controller.apply(RevokeKiosk{kiosk});
  ASSERT_TRUE(window.pump_until(answered));
  ASSERT_NE(row(window.state, kiosk), nullptr);
  EXPECT_TRUE(row(window.state, kiosk)->revoked);
  EXPECT_EQ(device.post("/api/v1/kiosk/heartbeat", Json{{"version", "14.0.1"}}).status, 401)
      << "a revoked kiosk's token no longer works";

  window.controller.apply(SignOut{});
  ASSERT_TRUE(window.pump_until([](const AppState& s) { return !s.session.signed_in; }));
  EXPECT_TRUE(window.state.kiosks.kiosks.empty()) << "the registry was the signed-out person's to see";
  EXPECT_FALSE(window.state.kiosks.requested);
}

TEST_F(KioskRegistrySync, SomeoneWhoIsNotAFacilityAdminIsToldSoAndRegistersNothing) {
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port(), "demo"));
  window.controller.apply(RegisterKiosk{"Foyer Nord", "bld_rathaus"});
  ASSERT_TRUE(window.pump_until(answered));
  EXPECT_EQ(window.state.kiosks.error, "Your role does not allow this.");
  EXPECT_TRUE(window.state.kiosks.new_token.empty());
  const auto list = server.client_for("facility").get("/api/v1/kiosks");
  ASSERT_EQ(list.status, 200);
  for (const auto& kiosk : list.body) EXPECT_NE(kiosk.value("name", ""), "Foyer Nord");
}

TEST_F(KioskRegistrySync, AnUnknownBuildingIsRefusedInWords) {
  ASSERT_NO_FATAL_FAILURE(window.sign_in(server.port(), "facility"));
  window.controller.apply(RegisterKiosk{"Foyer", "bld_nowhere"});
  ASSERT_TRUE(window.pump_until(answered));
  EXPECT_NE(window.state.kiosks.error, "");
  EXPECT_EQ(window.state.kiosks.error.find("http"), std::string::npos) << window.state.kiosks.error;
  EXPECT_TRUE(window.state.kiosks.new_token.empty());
}

}  // namespace
}  // namespace stellwerk::client
