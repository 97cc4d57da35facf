// What HttpClient accepts before it touches the network: the base URL (only http and https,
// nothing but scheme, host and port), plain http only to loopback unless explicitly allowed,
// pins in curl's sha256// form, and requests whose method, target and headers cannot smuggle
// anything into the request line or headers. Refusals must not reach the server at all.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hostile_server.hpp"
#include "net_test_support.hpp"

namespace stellwerk::net {
namespace {

using testing::HostileServer;
using testing::make_client;

TransportErrorKind refusal(std::string_view url, TransportOptions options = {}) {
  auto client = HttpClient::create(url, std::move(options));
  return client ? TransportErrorKind::COUNT : client.error().kind;
}

TEST(BaseUrl, SchemesOtherThanHttpAndHttpsAreRefused) {
  for (const char* url : {"ftp://example.org", "file:///etc/passwd", "gopher://example.org", "ldap://example.org",
                          "ws://127.0.0.1:8080"}) {
    EXPECT_EQ(refusal(url), TransportErrorKind::invalid_url) << url;
  }
}

TEST(BaseUrl, MalformedUrlsAreRefused) {
  const std::vector<std::string> urls{
      "",
      "not a url",
      "stellwerk.example",  // no scheme
      "https://",
      "https:///api",
      "https:/stellwerk.example",
      "https://stellwerk.example/api/v1",  // a path would be silently joined with targets
      "https://stellwerk.example/?token=1",
      "https://stellwerk.example/#top",
      "https://user:secret@stellwerk.example",  // credentials belong in headers, not in logs
      "https://stellwerk.example:99999",
      "https://stell werk.example",
      std::string{"https://stellwerk.example\0.evil.example", 38},
  };
  for (const auto& url : urls) EXPECT_EQ(refusal(url), TransportErrorKind::invalid_url) << url;
}

TEST(BaseUrl, PlainHttpToARemoteHostIsRefusedUnlessAllowed) {
  EXPECT_EQ(refusal("http://example.org"), TransportErrorKind::insecure_refused);
  EXPECT_EQ(refusal("http://192.168.1.10:8080"), TransportErrorKind::insecure_refused);
  EXPECT_EQ(refusal("http://[2001:db8::1]"), TransportErrorKind::insecure_refused);
  // 127.example.org is a name, not a loopback address.
  EXPECT_EQ(refusal("http://127.example.org"), TransportErrorKind::insecure_refused);

  TransportOptions allowed;
  allowed.allow_insecure_http = true;
  auto client = HttpClient::create("http://example.org", allowed);
  ASSERT_TRUE(client) << client.error().detail;
  EXPECT_EQ(client->base_url(), "http://example.org");
}

TEST(BaseUrl, PlainHttpToLoopbackIsAllowed) {
  for (const char* url : {"http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:8080", "http://[::1]:8080",
                          "http://127.0.0.1:8080/"}) {
    auto client = HttpClient::create(url, {});
    EXPECT_TRUE(client) << url << ": " << (client ? "" : client.error().detail);
  }
}

TEST(BaseUrl, HttpsIsAcceptedForAnyHostAndNormalised) {
  auto plain = HttpClient::create("https://stellwerk.example", {});
  ASSERT_TRUE(plain) << plain.error().detail;
  EXPECT_EQ(plain->base_url(), "https://stellwerk.example");
  auto slash = HttpClient::create("https://stellwerk.example:8443/", {});
  ASSERT_TRUE(slash) << slash.error().detail;
  EXPECT_EQ(slash->base_url(), "https://stellwerk.example:8443");
}

TEST(BaseUrl, LoopbackHostsAreRecognised) {
  for (const char* host : {"127.0.0.1", "127.255.255.254", "127.0.1.1", "::1", "[::1]", "localhost", "LocalHost"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host : {"128.0.0.1", "126.255.255.255", "10.0.0.1", "::2", "[::]", "0.0.0.0", "localhost.example",
                           "127.0.0.1.example", "", "[::1"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST(BaseUrl, PinsMustBeSha256Base64) {
  for (const char* pin : {"/etc/ssl/key.pem", "sha256//", "sha1//abcd", "sha256//a;sha256//b"}) {
    TransportOptions options;
    options.pinned_public_keys = {"sha256//HwiUVYONG11vESkmgZc3FDUiPT63JeCXekRyKfLLrEE=", pin};
    EXPECT_EQ(refusal("https://stellwerk.example", options), TransportErrorKind::invalid_url) << pin;
  }
}

TEST(Request, MalformedRequestsNeverReachTheServer) {
  HostileServer server{[](HostileServer::Connection& c) { c.read_request_head(); }};
  auto client = make_client(server.url());

  std::vector<HttpRequest> requests;
  for (const char* target :
       {"", "api/v1/me", "@evil.example/", "/a b", "/x\r\nX-Injected: 1", "/#fragment", "/caf\xc3\xa9"}) {
    requests.push_back(testing::get(target));
  }
  HttpRequest header_injection = testing::get("/api/v1/me");
  header_injection.headers = {{"Authorization", "Bearer x\r\nX-Injected: 1"}};
  requests.push_back(header_injection);
  HttpRequest bad_name = testing::get("/api/v1/me");
  bad_name.headers = {{"Bad Name", "1"}};
  requests.push_back(bad_name);
  HttpRequest patch = testing::get("/api/v1/me");
  patch.method = "PATCH";
  requests.push_back(patch);

  for (const auto& request : requests) {
    const auto result = client.send(request);
    ASSERT_FALSE(result) << request.method << " " << request.target;
    EXPECT_EQ(result.error().kind, TransportErrorKind::invalid_url) << request.target;
  }
  EXPECT_EQ(server.accepted(), 0);
}

TEST(Request, ErrorKindsHaveStableNames) {
  // The CLI prints these and logs are searched for them.
  EXPECT_EQ(to_string(TransportErrorKind::invalid_url), "invalid_url");
  EXPECT_EQ(to_string(TransportErrorKind::insecure_refused), "insecure_refused");
  EXPECT_EQ(to_string(TransportErrorKind::resolve_failed), "resolve_failed");
  EXPECT_EQ(to_string(TransportErrorKind::connect_failed), "connect_failed");
  EXPECT_EQ(to_string(TransportErrorKind::timed_out), "timed_out");
  EXPECT_EQ(to_string(TransportErrorKind::tls_failed), "tls_failed");
  EXPECT_EQ(to_string(TransportErrorKind::pin_mismatch), "pin_mismatch");
  EXPECT_EQ(to_string(TransportErrorKind::too_large), "too_large");
  EXPECT_EQ(to_string(TransportErrorKind::connection_lost), "connection_lost");
}

TEST(Request, MovedFromClientReportsAnErrorInsteadOfCrashing) {
  auto client = make_client("http://127.0.0.1:1");
  HttpClient moved = std::move(client);
  EXPECT_EQ(moved.base_url(), "http://127.0.0.1:1");
  const auto result = client.send(testing::get("/"));  // NOLINT(bugprone-use-after-move): the point of the test
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, TransportErrorKind::connection_lost);
}

}  // namespace
}  // namespace stellwerk::net
