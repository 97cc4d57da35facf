// What the kiosk tests share: the demo kiosk's token, a client that speaks as a kiosk device or
// as a person signed in at one, and the check of a problem answer.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "test_server.hpp"

namespace stellwerk::server::testing {

inline const std::string kDemoKioskToken = "demo-kiosk-token";  // the seeded kiosk in the Rathaus foyer
inline const std::string kDemoKioskId = "kiosk_rathaus_eg";
inline const Json kDemoBadge{{"badge", "1001"}, {"pin", "2468"}};  // demo's badge and PIN

inline void expect_unauthorized(const ApiResponse& response) {
  expect_problem(response, 401, "unauthorized");
  EXPECT_EQ(response.header("WWW-Authenticate"), "Bearer") << response.raw;
}

// A client that sends the kiosk device token `token`.
inline ApiClient device(TestServer& server, const std::string& token = kDemoKioskToken) {
  auto client = server.anonymous();
  client.set_token(token);
  return client;
}

// A client of the person with `badge` signed in at the kiosk with device token `token`; fails the
// test when the sign-in is refused.
inline ApiClient signed_in_at_kiosk(TestServer& server, const std::string& token = kDemoKioskToken,
                                    const Json& badge = kDemoBadge) {
  auto kiosk = device(server, token);
  const auto session = kiosk.post("/api/v1/session/kiosk", badge);
  EXPECT_EQ(session.status, 201) << session.raw;
  auto person = server.anonymous();
  person.set_token(session.body.value("token", ""));
  return person;
}

}  // namespace stellwerk::server::testing
