// Servers that fail or misbehave, and what the person's client makes of it: every case must end
// in the right TransportErrorKind, and within the limit that applies, so that a sync never hangs
// on a bad network. The time bounds allow a wide margin (two busy CI cores, ASan) but stay well
// below the next larger limit, so that "stopped by the right limit" is what is measured.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "hostile_server.hpp"
#include "net_test_support.hpp"

namespace stellwerk::net {
namespace {

using namespace std::chrono_literals;
using testing::HostileServer;
using testing::make_client;
using testing::quick_options;
using testing::Stopwatch;
using Connection = HostileServer::Connection;

// Scheduling noise allowed on top of a limit.
constexpr auto kMargin = 2500ms;

// The failure of `client.send(GET /api/v1/changes)`, or COUNT when it unexpectedly succeeded.
TransportError failure_of(HttpClient& client) {
  auto result = client.send(testing::get("/api/v1/changes?since=0"));
  if (result) return {TransportErrorKind::COUNT, "HTTP " + std::to_string(result->status)};
  return result.error();
}

std::string chunk(std::size_t size, char fill) {
  char length[32];
  std::snprintf(length, sizeof length, "%zx\r\n", size);
  return length + std::string(size, fill) + "\r\n";
}

TEST(Hostile, ClosedPortIsConnectFailedAtOnce) {
  TransportOptions options = quick_options();
  auto client = make_client("http://127.0.0.1:" + std::to_string(testing::closed_loopback_port()), options);
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::connect_failed) << error.detail;
  EXPECT_LT(watch.elapsed(), options.connect_timeout);
}

TEST(Hostile, UnansweredConnectTimesOutAtConnectTimeout) {
  testing::BlackholePort blackhole;
  TransportOptions options = quick_options();
  options.connect_timeout = 1s;
  auto client = make_client("http://127.0.0.1:" + std::to_string(blackhole.port()), options);
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::timed_out) << error.detail;
  EXPECT_GE(watch.elapsed(), 900ms);
  EXPECT_LT(watch.elapsed(), options.connect_timeout + kMargin);
}

TEST(Hostile, ServerThatNeverAnswersTimesOutAtTotalTimeout) {
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    c.pause(60s);
  }};
  TransportOptions options = quick_options();
  options.total_timeout = 1500ms;
  options.low_speed_window = 30s;
  auto client = make_client(server.url(), options);
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::timed_out) << error.detail;
  EXPECT_GE(watch.elapsed(), 1400ms);
  EXPECT_LT(watch.elapsed(), options.total_timeout + kMargin);
}

TEST(Hostile, BodyDrippingOneBytePerSecondTimesOutInTheLowSpeedWindow) {
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    if (!c.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")) return;
    while (c.send("x") && c.pause(1s)) {
    }
  }};
  TransportOptions options = quick_options();
  options.low_speed_window = 2s;
  options.total_timeout = 10s;
  auto client = make_client(server.url(), options);
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::timed_out) << error.detail;
  // Well before the total timeout: the low-speed window is what stopped it.
  EXPECT_LT(watch.elapsed(), options.low_speed_window + kMargin);
}

TEST(Hostile, EndlessChunkedBodyStopsAtTheSizeCap) {
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    if (!c.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")) return;
    const std::string piece = chunk(4096, 'x');
    while (c.send(piece)) {
    }
  }};
  TransportOptions options = quick_options();
  options.max_response_bytes = 64 * 1024;
  auto client = make_client(server.url(), options);
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::too_large) << error.detail;
  EXPECT_LT(watch.elapsed(), kMargin);
}

TEST(Hostile, HugeContentLengthIsRefusedBeforeReading) {
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    // Announces 10 GiB and then sends nothing: only the announcement can have stopped the client.
    if (c.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n"))
      c.pause(60s);
  }};
  TransportOptions options = quick_options();
  options.max_response_bytes = 1024 * 1024;
  auto client = make_client(server.url(), options);
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::too_large) << error.detail;
  EXPECT_LT(watch.elapsed(), 1500ms);
}

TEST(Hostile, BodyExactlyAtTheCapIsAcceptedOneByteMoreIsNot) {
  constexpr std::size_t kCap = 1000;
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    constexpr const char* kHead = "HTTP/1.1 200 OK\r\nConnection: close\r\n";
    switch (c.index()) {
      case 0:
        c.send(std::string{kHead} + "Transfer-Encoding: chunked\r\n\r\n" + chunk(kCap, 'a') + "0\r\n\r\n");
        break;
      case 1:
        c.send(std::string{kHead} + "Transfer-Encoding: chunked\r\n\r\n" + chunk(kCap + 1, 'b') + "0\r\n\r\n");
        break;
      case 2:
        c.send(std::string{kHead} + "Content-Length: 1000\r\n\r\n" + std::string(kCap, 'c'));
        break;
      default:
        c.send(std::string{kHead} + "Content-Length: 1001\r\n\r\n" + std::string(kCap + 1, 'd'));
        break;
    }
  }};
  TransportOptions options = quick_options();
  options.max_response_bytes = kCap;
  auto client = make_client(server.url(), options);

  const auto chunked_at_cap = client.send(testing::get("/"));
  ASSERT_TRUE(chunked_at_cap) << chunked_at_cap.error().detail;
  EXPECT_EQ(chunked_at_cap->body, std::string(kCap, 'a'));
  EXPECT_EQ(failure_of(client).kind, TransportErrorKind::too_large);
  const auto sized_at_cap = client.send(testing::get("/"));
  ASSERT_TRUE(sized_at_cap) << sized_at_cap.error().detail;
  EXPECT_EQ(sized_at_cap->body, std::string(kCap, 'c'));
  EXPECT_EQ(failure_of(client).kind, TransportErrorKind::too_large);
}

TEST(Hostile, EndlessHeadersStopAtTheHeaderCap) {
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    if (!c.send("HTTP/1.1 200 OK\r\n")) return;
    for (int n = 0; c.send("X-Filler-" + std::to_string(n) + ": " + std::string(100, 'h') + "\r\n"); ++n) {
    }
  }};
  auto client = make_client(server.url());
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::too_large) << error.detail;
  EXPECT_LT(watch.elapsed(), kMargin);
}

TEST(Hostile, ConnectionClosedMidBodyIsConnectionLost) {
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    c.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + std::string(100, 'x'));
  }};
  auto client = make_client(server.url());
  const Stopwatch watch;
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::connection_lost) << error.detail;
  EXPECT_LT(watch.elapsed(), kMargin);
}

TEST(Hostile, ConnectionClosedWithoutAnswerIsConnectionLost) {
  HostileServer server{[](Connection& c) { c.read_request_head(); }};
  auto client = make_client(server.url());
  const auto error = failure_of(client);
  EXPECT_EQ(error.kind, TransportErrorKind::connection_lost) << error.detail;
}

TEST(Hostile, GarbageInsteadOfHttpIsConnectionLost) {
  const std::vector<std::string> replies{
      "SSH-2.0-OpenSSH_9.2p1\r\n",                                  // another protocol's greeting
      std::string{"\x16\x03\x01\x00\x05\x02\x00\x00\x01\x00", 10},  // TLS bytes on a plain port
      "HTTP/1.1 abc Nonsense\r\n\r\n",                              // a status line without a status
      "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\nbody",        // an unreadable length
  };
  HostileServer server{[&replies](Connection& c) {
    c.read_request_head();
    c.send(replies.at(static_cast<std::size_t>(c.index())));
  }};
  auto client = make_client(server.url());
  for (const auto& reply : replies) {
    const Stopwatch watch;
    const auto error = failure_of(client);
    EXPECT_EQ(error.kind, TransportErrorKind::connection_lost) << testing::printable(reply) << ": " << error.detail;
    EXPECT_LT(watch.elapsed(), kMargin);
  }
}

TEST(Hostile, ClientRecoversOnTheNextRequestAfterALostConnection) {
  HostileServer server{[](Connection& c) {
    c.read_request_head();
    if (c.index() == 0) {
      c.send("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhalf");
    } else {
      c.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    }
  }};
  auto client = make_client(server.url());
  EXPECT_EQ(failure_of(client).kind, TransportErrorKind::connection_lost);
  const auto result = client.send(testing::get("/api/v1/changes?since=0"));
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->body, "{}");
  EXPECT_EQ(server.accepted(), 2);
}

}  // namespace
}  // namespace stellwerk::net
