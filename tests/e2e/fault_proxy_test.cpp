// The fault proxy checked against a small cpp-httplib server before the end-to-end tests trust
// it: pass mode is byte-faithful over keep-alive (chunked bodies and 100-continue included);
// each fault does what it promises as seen from both ends — a drop after forwarding reaches the
// server but not the client, a duplicate reaches the server twice and the client once, a reset is
// an RST, a truncated answer is a proper prefix of the real one (or its bare status line);
// "down" refuses or drops connections and "up" serves on the same port again; and the destructor
// ends every thread promptly even with connections open and delays pending (ASan and TSan builds
// check for leaks and races).
#include "fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "eventually.hpp"

namespace stellwerk::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kSeed = 20261201;

// A cpp-httplib server on a free loopback port: /hello, /echo (POST), /chunked, and /count
// (POST), which counts how many requests reached the server.
class Upstream {
 public:
  Upstream() {
    server_.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("hello, world", "text/plain");
    });
    server_.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.body, "application/octet-stream");
    });
    server_.Get("/chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain", [](std::size_t offset, httplib::DataSink& sink) {
        if (offset < 3000) {
          const std::string piece(1000, static_cast<char>('a' + offset / 1000));
          sink.write(piece.data(), piece.size());
        } else {
          sink.done();
        }
        return true;
      });
    });
    server_.Post("/count", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::to_string(++count_), "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~Upstream() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  int count() const { return count_.load(); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> count_{0};
};

httplib::Client client_of(const FaultProxy& proxy) {
  httplib::Client client{"127.0.0.1", proxy.port()};
  client.set_keep_alive(true);
  client.set_read_timeout(5);
  client.set_connection_timeout(2);
  return client;
}

FaultProfile only(Fault fault) {
  FaultProfile profile;
  switch (fault) {
    case Fault::drop_before: profile.drop_before = 1; break;
    case Fault::drop_after: profile.drop_after = 1; break;
    case Fault::delay: profile.delay = 1; break;
    case Fault::reset: profile.reset = 1; break;
    case Fault::truncate: profile.truncate = 1; break;
    case Fault::garbage: profile.garbage = 1; break;
    case Fault::duplicate: profile.duplicate = 1; break;
    case Fault::COUNT: break;
  }
  return profile;
}

// A raw TCP connection, for what cpp-httplib hides: RST versus FIN, exact bytes.
class RawSocket {
 public:
  explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    connect_errno_ = connected_ ? 0 : errno;
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawSocket() { ::close(fd_); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return connected_; }
  int connect_errno() const { return connect_errno_; }
  bool send(std::string_view data) { return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == ssize_t(data.size()); }

  // Everything until the peer closes; `error` receives errno when the read ended in an error.
  std::string read_all(int& error) {
    std::string all;
    char buffer[4096];
    error = 0;
    for (;;) {
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got < 0) {
        error = errno;
        return all;
      }
      if (got == 0) return all;
      all.append(buffer, static_cast<std::size_t>(got));
    }
  }
  // At least `count` bytes (or until close or error).
  std::string read_some(std::size_t count) {
    std::string all;
    char buffer[4096];
    while (all.size() < count) {
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      all.append(buffer, static_cast<std::size_t>(got));
    }
    return all;
  }

 private:
  int fd_;
  bool connected_ = false;
  int connect_errno_ = 0;
};

constexpr std::string_view kHelloRequest = "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

TEST(FaultProxy, PassModeForwardsEveryRequestUnchangedOverOneKeepAliveConnection) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  auto client = client_of(proxy);
  for (int i = 0; i < 20; ++i) {
    const auto hello = client.Get("/hello");
    ASSERT_TRUE(hello) << httplib::to_string(hello.error());
    EXPECT_EQ(hello->status, 200);
    EXPECT_EQ(hello->body, "hello, world");
    const std::string payload = "payload " + std::to_string(i) + std::string(static_cast<std::size_t>(i) * 100, 'x');
    const auto echo = client.Post("/echo", payload, "application/octet-stream");
    ASSERT_TRUE(echo);
    EXPECT_EQ(echo->body, payload);
  }
  const auto chunked = client.Get("/chunked");
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->body, std::string(1000, 'a') + std::string(1000, 'b') + std::string(1000, 'c'));

  const auto counters = proxy.counters();
  EXPECT_EQ(counters.connections, 1) << "the client's keep-alive connection was not kept";
  EXPECT_EQ(counters.requests, 41);
  EXPECT_EQ(counters.forwarded, 41);
  EXPECT_EQ(counters.responses, 41);
  for (std::size_t i = 0; i < counters.injected.size(); ++i) EXPECT_EQ(counters.injected[i], 0);
}

TEST(FaultProxy, AnswersExpectContinueAndForwardsTheBody) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  RawSocket socket{proxy.port()};
  ASSERT_TRUE(socket.connected());
  ASSERT_TRUE(socket.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
                          "Content-Type: text/plain\r\nConnection: close\r\n\r\n"));
  const std::string interim = socket.read_some(25);
  EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0), 0u) << interim;
  ASSERT_TRUE(socket.send("abcde"));
  int error = 0;
  const std::string rest = socket.read_all(error);
  EXPECT_EQ(rest.rfind("HTTP/1.1 200", 0), 0u) << rest;
  EXPECT_TRUE(rest.ends_with("\r\n\r\nabcde")) << rest;
  EXPECT_EQ(rest.find("100 Continue"), std::string::npos) << "the server's own interim answer was passed on";
}

TEST(FaultProxy, DropBeforeForwardingNeverReachesTheServer) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  proxy.set_faults(only(Fault::drop_before));
  proxy.set_mode(ProxyMode::faulty);
  auto client = client_of(proxy);
  EXPECT_FALSE(client.Post("/count", "", "text/plain"));
  EXPECT_EQ(upstream.count(), 0);
  EXPECT_GE(proxy.counters()[Fault::drop_before], 1);
}

TEST(FaultProxy, DropAfterForwardingIsAppliedByTheServerButNeverAnswered) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  proxy.set_faults(only(Fault::drop_after));
  proxy.set_mode(ProxyMode::faulty);
  RawSocket socket{proxy.port()};
  ASSERT_TRUE(socket.send("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
  int error = 0;
  EXPECT_EQ(socket.read_all(error), "");
  EXPECT_EQ(upstream.count(), 1);
  EXPECT_EQ(proxy.counters()[Fault::drop_after], 1);
}

TEST(FaultProxy, DuplicateReachesTheServerTwiceAndTheClientOnce) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  proxy.set_faults(only(Fault::duplicate));
  proxy.set_mode(ProxyMode::faulty);
  auto client = client_of(proxy);
  for (int i = 1; i <= 5; ++i) {
    const auto result = client.Post("/count", "", "text/plain");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(upstream.count(), 2 * i);
  }
  EXPECT_EQ(proxy.counters()[Fault::duplicate], 5);
  EXPECT_EQ(proxy.counters().responses, 5);
}

TEST(FaultProxy, ResetIsSeenAsAConnectionReset) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  proxy.set_faults(only(Fault::reset));
  proxy.set_mode(ProxyMode::faulty);
  for (int i = 0; i < 6; ++i) {  // before and after forwarding, chosen at random
    RawSocket socket{proxy.port()};
    ASSERT_TRUE(socket.send(kHelloRequest));
    int error = 0;
    EXPECT_EQ(socket.read_all(error), "");
    EXPECT_EQ(error, ECONNRESET);
  }
  EXPECT_EQ(proxy.counters()[Fault::reset], 6);
}

TEST(FaultProxy, TruncateSendsAProperPrefixOfTheResponse) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  std::string full;
  {
    RawSocket socket{proxy.port()};
    ASSERT_TRUE(socket.send(kHelloRequest));
    int error = 0;
    full = socket.read_all(error);
  }
  ASSERT_TRUE(full.ends_with("hello, world"));
  proxy.set_faults(only(Fault::truncate));
  proxy.set_mode(ProxyMode::faulty);
  for (int i = 0; i < 5; ++i) {
    RawSocket socket{proxy.port()};
    ASSERT_TRUE(socket.send(kHelloRequest));
    int error = 0;
    const std::string cut = socket.read_all(error);
    EXPECT_FALSE(cut.empty());
    EXPECT_LT(cut.size(), full.size());
    EXPECT_EQ(full.rfind(cut, 0), 0u) << "not a prefix: " << cut;
  }
  auto client = client_of(proxy);
  EXPECT_FALSE(client.Get("/hello")) << "a truncated answer passed for a whole one";
  EXPECT_EQ(proxy.counters()[Fault::truncate], 6);
}

TEST(FaultProxy, TruncateInHeadCutsRightAfterTheStatusLine) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  FaultProfile profile = only(Fault::truncate);
  profile.truncate_in_head = true;
  proxy.set_faults(profile);
  proxy.set_mode(ProxyMode::faulty);
  RawSocket socket{proxy.port()};
  ASSERT_TRUE(socket.send(kHelloRequest));
  int error = 0;
  EXPECT_EQ(socket.read_all(error), "HTTP/1.1 200 OK\r\n");
}

TEST(FaultProxy, GarbageIsNoHttpResponse) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  proxy.set_faults(only(Fault::garbage));
  proxy.set_mode(ProxyMode::faulty);
  for (int i = 0; i < 5; ++i) {
    RawSocket socket{proxy.port()};
    ASSERT_TRUE(socket.send(kHelloRequest));
    int error = 0;
    const std::string noise = socket.read_all(error);
    EXPECT_FALSE(noise.empty());
    EXPECT_NE(noise.rfind("HTTP/", 0), 0u);
  }
  EXPECT_EQ(proxy.counters()[Fault::garbage], 5);
}

TEST(FaultProxy, DelayWaitsButAnswersCorrectly) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  FaultProfile profile = only(Fault::delay);
  profile.max_delay = 100ms;
  proxy.set_faults(profile);
  proxy.set_mode(ProxyMode::faulty);
  auto client = client_of(proxy);
  const auto start = Clock::now();
  for (int i = 0; i < 20; ++i) {
    const auto hello = client.Get("/hello");
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->body, "hello, world");
  }
  // 20 waits of 0–100 ms average a second; under 300 ms would mean the delays were not applied.
  EXPECT_GT(Clock::now() - start, 300ms);
  EXPECT_EQ(proxy.counters()[Fault::delay], 20);
}

TEST(FaultProxy, DownRefusesOrDropsConnectionsAndUpServesOnTheSamePortAgain) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  const int port = proxy.port();
  auto client = client_of(proxy);
  ASSERT_TRUE(client.Get("/hello"));  // an open keep-alive connection, which "down" must cut

  proxy.set_mode(ProxyMode::down_refuse);
  EXPECT_FALSE(client.Get("/hello"));
  EXPECT_FALSE(client_of(proxy).Get("/hello"));
  EXPECT_GE(proxy.counters().refused, 1);

  proxy.set_mode(ProxyMode::down_unlisten);
  {
    RawSocket socket{port};
    EXPECT_FALSE(socket.connected());
    EXPECT_EQ(socket.connect_errno(), ECONNREFUSED);
  }
  EXPECT_FALSE(client.Get("/hello"));

  proxy.set_mode(ProxyMode::pass);
  EXPECT_EQ(proxy.port(), port);
  const auto again = client.Get("/hello");
  ASSERT_TRUE(again) << httplib::to_string(again.error());
  EXPECT_EQ(again->body, "hello, world");
  EXPECT_EQ(upstream.count(), 0);
}

TEST(FaultProxy, MixedFaultsUnderConcurrentClientsNeverCorruptAnAnswer) {
  Upstream upstream;
  FaultProxy proxy{upstream.port(), kSeed};
  FaultProfile profile{0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 20ms};
  proxy.set_faults(profile);
  proxy.set_mode(ProxyMode::faulty);
  std::atomic<int> answered{0}, wrong{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      auto client = client_of(proxy);
      for (int i = 0; i < 60; ++i) {
        const std::string payload = std::to_string(t) + "/" + std::to_string(i);
        if (const auto echo = client.Post("/echo", payload, "text/plain")) {
          // A garbage or truncated answer must never pass as a good one.
          if (echo->status != 200 || echo->body != payload) ++wrong;
          ++answered;
        }
      }
    });
  }
  for (auto& thread : clients) thread.join();
  const auto counters = proxy.counters();
  std::cout << "fault counters: " << counters.to_string() << '\n';
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GT(answered.load(), 100);
  EXPECT_EQ(counters.requests, 240);
  for (std::size_t i = 0; i < counters.injected.size(); ++i) {
    EXPECT_GT(counters.injected[i], 0) << to_string(static_cast<Fault>(i)) << " never happened";
  }
}

TEST(FaultProxy, DestructorEndsPromptlyWithOpenConnectionsAndPendingDelays) {
  Upstream upstream;
  std::vector<std::unique_ptr<RawSocket>> sockets;
  Clock::time_point start;
  {
    FaultProxy proxy{upstream.port(), kSeed};
    FaultProfile profile = only(Fault::delay);
    profile.max_delay = 60s;
    proxy.set_faults(profile);
    for (int i = 0; i < 3; ++i) sockets.push_back(std::make_unique<RawSocket>(proxy.port()));  // idle
    proxy.set_mode(ProxyMode::faulty);
    for (int i = 0; i < 3; ++i) {
      sockets.push_back(std::make_unique<RawSocket>(proxy.port()));
      sockets.back()->send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    // The requests have arrived and their delays begun once the proxy counted one per request.
    ASSERT_TRUE(eventually([&] { return proxy.counters()[Fault::delay] >= 3; }));
    start = Clock::now();
  }
  EXPECT_LT(Clock::now() - start, 5s);
}

}  // namespace
}  // namespace stellwerk::testing
