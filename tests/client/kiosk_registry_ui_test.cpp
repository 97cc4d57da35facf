// Settings' kiosk registry as a facility admin sees it (issue 14): which kiosks need a look, in
// words and not by colour alone; revoking asks once more; registering sends the name and building;
// the new token is shown once and closed; and nobody else sees the registry at all.
#include <gtest/gtest.h>
#include <imgui.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"

namespace stellwerk::client {
namespace {

using testing::all_of_type;
using testing::HeadlessUi;
using testing::kiosk_admin_state;
using testing::single;

class KioskRegistryUiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    state.view = ViewId::settings;
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
  AppState state = kiosk_admin_state();
};

TEST_F(KioskRegistryUiTest, AQuietKioskIsSaidInWordsAndListedFirst) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("3 kiosks in use")) << ui.text();
  EXPECT_TRUE(ui.shows_text("1 not seen for 10 minutes")) << ui.text();
  EXPECT_TRUE(ui.shows_text("not seen for 10 minutes (last 25 minutes ago)")) << ui.text();
  EXPECT_TRUE(ui.shows_text("seen 2 minutes ago")) << ui.text();
  EXPECT_TRUE(ui.shows_text("not seen yet")) << ui.text();
  EXPECT_TRUE(ui.shows_text("revoked")) << ui.text();
  EXPECT_TRUE(ui.shows_text("Foyer, Rathaus")) << "a kiosk is named with its building: " << ui.text();
  const auto quiet = ui.find("revoke-kio-2");
  const auto seen = ui.find("revoke-kio-1");
  ASSERT_TRUE(quiet && seen);
  EXPECT_LT(quiet->min.y, seen->min.y) << "the kiosk that needs a look comes first";
  EXPECT_FALSE(ui.shows("revoke-kio-4")) << "a revoked kiosk cannot be revoked again";
}

TEST_F(KioskRegistryUiTest, TheListIsReadWhenSettingsOpensAndAgainAfterAMinute) {
  state.kiosks = KioskRegistry{};
  EXPECT_EQ(all_of_type<RefreshKiosks>(ui.frame(state)).size(), 1u) << "never read: Settings asks for it";
  state.kiosks.requested = true;
  state.kiosks.busy = true;
  EXPECT_TRUE(all_of_type<RefreshKiosks>(ui.frame(state)).empty()) << "one request at a time";
  state.kiosks.busy = false;
  state.kiosks.loaded_at = *state.now - std::chrono::seconds{30};
  EXPECT_TRUE(all_of_type<RefreshKiosks>(ui.frame(state)).empty());
  state.kiosks.loaded_at = *state.now - std::chrono::seconds{61};
  EXPECT_EQ(all_of_type<RefreshKiosks>(ui.frame(state)).size(), 1u) << "a minute on, the heartbeats have moved";
  state.kiosks.loaded_at = *state.now;
  ui.frames(state, 1);
  EXPECT_TRUE(single<RefreshKiosks>(ui.click(state, "kiosks-refresh")));
}

TEST_F(KioskRegistryUiTest, RevokingAsksOnceMore) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "revoke-kio-1").empty()) << "the first click only asks";
  ui.frames(state, 1);
  ASSERT_TRUE(ui.shows("revoke-keep-kio-1"));
  EXPECT_TRUE(ui.click(state, "revoke-keep-kio-1").empty());
  ui.frames(state, 1);
  EXPECT_FALSE(ui.shows("revoke-confirm-kio-1")) << "Keep leaves the kiosk as it was";
  ui.click(state, "revoke-kio-1");
  ui.frames(state, 1);
  const auto revoke = single<RevokeKiosk>(ui.click(state, "revoke-confirm-kio-1"));
  ASSERT_TRUE(revoke);
  EXPECT_EQ(revoke->kiosk_id, "kio-1");
}

TEST_F(KioskRegistryUiTest, RegisteringSendsTheNameAndTheChosenBuilding) {
  ui.frames(state, 2);
  EXPECT_TRUE(ui.click(state, "kiosk-register").empty()) << "without a name the button does nothing";
  ui.click(state, "kiosk-name");
  ui.type(state, "Foyer Nord");
  ui.frames(state, 1);
  ui.click(state, "kiosk-building");
  ui.frames(state, 1);
  ui.click(state, "kiosk-building-bld-b");
  ui.frames(state, 1);
  const auto registered = single<RegisterKiosk>(ui.click(state, "kiosk-register"));
  ASSERT_TRUE(registered);
  EXPECT_EQ(registered->name, "Foyer Nord");
  EXPECT_EQ(registered->building_id, "bld-b");
}

TEST_F(KioskRegistryUiTest, TheNewTokenIsShownUntilTheAdminClosesIt) {
  state.kiosks.new_kiosk = "kio-3";
  state.kiosks.new_token = "tok-Vq3n8Jt0aZ_wLrX2cKp9sYd4mE6hUfB1oGiT7Nl5QeA";
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("Kiosk “Kantine” is registered.")) << ui.text();
  EXPECT_TRUE(ui.shows_text("tok-Vq3n8Jt0aZ_wLrX2cKp9sYd4mE6hUfB1oGiT7Nl5QeA")) << ui.text();
  EXPECT_TRUE(single<CloseKioskToken>(ui.click(state, "kiosk-token-done")));
}

TEST_F(KioskRegistryUiTest, NobodyButAFacilityAdminSeesTheRegistry) {
  state.data.me->roles = {Role::employee, Role::manager};
  const Intents intents = ui.frames(state, 2);
  EXPECT_FALSE(ui.shows("kiosks-refresh"));
  EXPECT_FALSE(ui.shows_text("Foyer")) << ui.text();
  EXPECT_TRUE(all_of_type<RefreshKiosks>(intents).empty()) << "nor is the list asked for";
}

}  // namespace
}  // namespace stellwerk::client
