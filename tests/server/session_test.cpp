// Sign-in, sign-out and kiosk sign-in as a person or a kiosk would meet them.
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

TEST(Session, DemoUserSignsInAndSeesTheirName) {
  TestServer server;
  auto client = server.anonymous();
  const auto response = client.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}});
  ASSERT_EQ(response.status, 201) << response.raw;
  EXPECT_FALSE(response.body["token"].get<std::string>().empty());
  EXPECT_EQ(response.body["user"]["username"], "demo");
  EXPECT_EQ(response.body["user"]["display_name"], "Alex Demir");
  EXPECT_EQ(response.body["expires_at"], "2026-12-01T19:00:00+01:00");  // 12 hours after 07:00
}

TEST(Session, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  TestServer server;
  auto client = server.anonymous();
  const auto wrong = client.post("/api/v1/session", Json{{"username", "demo"}, {"password", "nope"}});
  const auto unknown = client.post("/api/v1/session", Json{{"username", "nobody"}, {"password", "demo"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.code(), "invalid_credentials");
  EXPECT_EQ(wrong.raw, unknown.raw);
}

TEST(Session, SignOutRevokesTheToken) {
  TestServer server;
  auto client = server.client_for("demo");
  ASSERT_EQ(client.get("/api/v1/me").status, 200);
  EXPECT_EQ(client.del("/api/v1/session").status, 204);
  const auto after = client.get("/api/v1/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.code(), "unauthorized");
}

TEST(Session, SessionsSurviveARestart) {
  TestServer server;
  const std::string token = server.token_for("demo");
  server.restart();
  auto client = server.anonymous();
  client.set_token(token);
  EXPECT_EQ(client.get("/api/v1/me").status, 200);
}

TEST(Session, ExpiredSessionIsRefused) {
  TestServer server;
  auto client = server.client_for("demo");
  server.clock().advance(std::chrono::hours{12} + std::chrono::seconds{1});
  EXPECT_EQ(client.get("/api/v1/me").status, 401);
}

TEST(Session, ErrorsSpeakTheCallersLanguage) {
  TestServer server;
  auto client = server.anonymous();
  client.set_language("de-DE,de;q=0.9,en;q=0.5");
  const auto german = client.post("/api/v1/session", Json{{"username", "demo"}, {"password", "x"}});
  EXPECT_EQ(german.header("Content-Language"), "de");
  client.set_language("en");
  const auto english = client.post("/api/v1/session", Json{{"username", "demo"}, {"password", "x"}});
  EXPECT_EQ(english.body["title"], "The sign-in details are not correct.");
  EXPECT_NE(german.body["title"], english.body["title"]);
  EXPECT_EQ(german.code(), english.code());
}

TEST(KioskSession, BadgeAndPinAtARegisteredKiosk) {
  TestServer server;
  auto kiosk = server.anonymous();
  kiosk.set_token("demo-kiosk-token");
  const auto response = kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "2468"}});
  ASSERT_EQ(response.status, 201) << response.raw;
  EXPECT_EQ(response.body["user"]["username"], "demo");
  EXPECT_EQ(response.body["expires_at"], "2026-12-01T07:15:00+01:00");  // kiosk sessions are short
}

TEST(KioskSession, UserNameAndPasswordAtAKioskOpenAKioskSessionThrottledLikeTheBadge) {
  TestServer server;
  auto kiosk = server.anonymous();
  kiosk.set_token("demo-kiosk-token");
  const auto response = kiosk.post("/api/v1/session/kiosk/password", Json{{"username", "demo"}, {"password", "demo"}});
  ASSERT_EQ(response.status, 201) << response.raw;
  EXPECT_EQ(response.body["user"]["username"], "demo");
  EXPECT_EQ(response.body["expires_at"], "2026-12-01T07:15:00+01:00") << "a kiosk session, not a personal one";
  // Bound to the kiosk's building like a badge session: a desk in another building is refused.
  auto person = server.anonymous();
  person.set_token(response.body["token"].get<std::string>());
  const auto elsewhere = person.post("/api/v1/bookings", Json{{"resource_id", "flr_technik_2-01"},
                                                              {"start", "2026-12-02T08:00:00+01:00"},
                                                              {"end", "2026-12-02T17:00:00+01:00"}});
  EXPECT_EQ(elsewhere.code(), "outside_kiosk_building") << elsewhere.raw;

  const Json wrong{{"username", "demo"}, {"password", "wrong"}};
  const auto unknown = kiosk.post("/api/v1/session/kiosk/password", Json{{"username", "nobody"}, {"password", "demo"}});
  const auto wrong_password = kiosk.post("/api/v1/session/kiosk/password", wrong);
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(wrong_password.raw, unknown.raw) << "an unknown name and a wrong password look alike";
  for (int i = 0; i < 3; ++i) ASSERT_EQ(kiosk.post("/api/v1/session/kiosk/password", wrong).status, 401) << i;
  // Five failures on this device: the next try must wait, even with the right password.
  const auto throttled = kiosk.post("/api/v1/session/kiosk/password", Json{{"username", "demo"}, {"password", "demo"}});
  EXPECT_EQ(throttled.status, 429) << "the device counts every failure, whichever way of signing in";
  auto personal = server.client_for("demo");
  EXPECT_EQ(personal.post("/api/v1/session/kiosk/password", Json{{"username", "demo"}, {"password", "demo"}}).status, 401)
      << "only a kiosk device may open a kiosk session";
}

TEST(KioskSession, OnlyARegisteredKioskMayOpenOne) {
  TestServer server;
  auto not_a_kiosk = server.client_for("demo");  // a personal token is not a kiosk token
  EXPECT_EQ(not_a_kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "2468"}}).status, 401);
  auto forged = server.anonymous();
  forged.set_token("some-other-token");
  EXPECT_EQ(forged.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "2468"}}).status, 401);
}

TEST(KioskSession, UnknownBadgeAndWrongPinAreIndistinguishable) {
  TestServer server;
  auto kiosk = server.anonymous();
  kiosk.set_token("demo-kiosk-token");
  const auto wrong_pin = kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "0000"}});
  const auto unknown = kiosk.post("/api/v1/session/kiosk", Json{{"badge", "9999"}, {"pin", "2468"}});
  EXPECT_EQ(wrong_pin.status, 401);
  EXPECT_EQ(wrong_pin.raw, unknown.raw);
}

TEST(KioskSession, FailuresAreThrottledFromTheFifthAndCappedAtOneHundred) {
  TestServer server;
  auto kiosk = server.anonymous();
  kiosk.set_token("demo-kiosk-token");
  const Json wrong{{"badge", "1001"}, {"pin", "0000"}};
  for (int i = 0; i < 5; ++i) ASSERT_EQ(kiosk.post("/api/v1/session/kiosk", wrong).status, 401) << i;
  // After five failures the next try must wait, even with the right PIN.
  const auto throttled = kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "2468"}});
  ASSERT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.code(), "too_many_attempts");
  EXPECT_EQ(throttled.header("Retry-After"), "1");
  int tries = 5;
  int last_wait = 1;
  // Keep failing, waiting exactly as long as told: the delay grows, and tries stop at 100.
  while (tries < 200) {
    auto response = kiosk.post("/api/v1/session/kiosk", wrong);
    if (response.status == 429) {
      const int wait = std::stoi(response.header("Retry-After"));
      EXPECT_GE(wait, 1);
      if (tries >= 100) break;
      last_wait = std::max(last_wait, wait);
      server.clock().advance(std::chrono::seconds{wait});
      continue;
    }
    ASSERT_EQ(response.status, 401);
    ++tries;
  }
  EXPECT_EQ(tries, 100);
  EXPECT_GT(last_wait, 60);
  // Locked: even the right PIN after a long wait is refused.
  server.clock().advance(std::chrono::hours{24});
  EXPECT_EQ(kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "2468"}}).status, 429);
}

TEST(KioskSession, ASuccessResetsTheCount) {
  TestServer server;
  auto kiosk = server.anonymous();
  kiosk.set_token("demo-kiosk-token");
  for (int i = 0; i < 4; ++i) kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "0000"}});
  ASSERT_EQ(kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "2468"}}).status, 201);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(kiosk.post("/api/v1/session/kiosk", Json{{"badge", "1001"}, {"pin", "0000"}}).status, 401);
  }
}

}  // namespace
}  // namespace stellwerk::server::testing
