// How connections are served (server/src/connections.hpp): idle and slow clients never hold the
// service. Each test runs the real server in-process with only two workers, so that what used to
// hold a worker per open connection would stall these requests for minutes instead of seconds.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "folder_server.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Each test's server on a folder of its own.
class SmallServer {
 public:
  explicit SmallServer(ConnectionLimits limits, std::optional<fs::path> tls_cert = {},
                       std::optional<fs::path> tls_key = {})
      : server_(dir_.path() / "data", limits, std::move(tls_cert), std::move(tls_key)) {}
  int port() const { return server_.port(); }
  Server& server() { return server_.server(); }

 private:
  TempDir dir_;
  FolderServer server_;
};

ConnectionLimits two_workers() {
  ConnectionLimits limits;
  limits.workers = 2;
  return limits;
}

// A TCP connection to the server, closed with the object.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot connect");
    }
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send_text(const std::string& text) { ASSERT_EQ(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL), static_cast<ssize_t>(text.size())); }

  // What arrives until `count` responses' ends are seen or the peer closes, waiting at most `limit`.
  std::string receive(int count, std::chrono::milliseconds limit) {
    std::string received;
    const auto give_up = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < give_up) {
      if (complete_responses(received) >= count) break;
      pollfd entry{fd_, POLLIN, 0};
      if (::poll(&entry, 1, 50) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
  }
  bool closed() const { return closed_; }

 private:
  // /healthz answers are small JSON objects: a response ends with its body's closing brace.
  static int complete_responses(const std::string& text) {
    int count = 0;
    for (std::size_t at = text.find("HTTP/1.1 "); at != std::string::npos; at = text.find("HTTP/1.1 ", at + 1)) {
      if (text.find('}', at) != std::string::npos) ++count;
    }
    return count;
  }
  int fd_;
  bool closed_ = false;
};

const std::string kHealth = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";

TEST(Connections, ManyIdleKeepAliveConnectionsDoNotDelayABooking) {
  SmallServer server{two_workers()};
  // Half have never sent anything, half have had an answer and keep their connection open.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 150; ++i) idle.push_back(std::make_unique<RawConnection>(server.port()));
  for (int i = 0; i < 150; ++i) {
    auto connection = std::make_unique<RawConnection>(server.port());
    connection->send_text(kHealth);
    ASSERT_NE(connection->receive(1, 10s).find("HTTP/1.1 200"), std::string::npos);
    idle.push_back(std::move(connection));
  }

  // Each idle connection used to hold one of the two workers for its keep-alive time (5 s): the
  // sign-in and the booking below would have waited minutes and run into the client's limit.
  ApiClient client{server.port(), "connections"};
  const auto sign_in = client.post("/api/v1/session", {{"username", "demo"}, {"password", "demo"}});
  ASSERT_EQ(sign_in.status, 201) << sign_in.raw;
  client.set_token(sign_in.body["token"].get<std::string>());
  const auto booking = client.post("/api/v1/bookings", {{"resource_id", "flr_rathaus_eg-01"},
                                                        {"start", "2026-12-02T08:00:00+01:00"},
                                                        {"end", "2026-12-02T17:00:00+01:00"}});
  EXPECT_EQ(booking.status, 201) << booking.raw;
  EXPECT_GE(server.server().connections_waiting(), 300u);
}

TEST(Connections, AClientStalledInsideItsRequestHoldsOneWorkerOnly) {
  SmallServer server{two_workers()};
  RawConnection stalled{server.port()};
  stalled.send_text("GET /healthz HTTP/1.1\r\nHost: te");  // and nothing more
  std::this_thread::sleep_for(200ms);
  ApiClient client{server.port(), "connections"};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST(Connections, PipelinedRequestsAreEachAnswered) {
  SmallServer server{two_workers()};
  RawConnection connection{server.port()};
  connection.send_text(kHealth + kHealth + kHealth);
  const std::string answers = connection.receive(3, 10s);
  std::size_t count = 0;
  for (auto at = answers.find("HTTP/1.1 200"); at != std::string::npos; at = answers.find("HTTP/1.1 200", at + 1)) ++count;
  EXPECT_EQ(count, 3u) << answers;
}

TEST(Connections, AConnectionIdlePastTheLimitIsClosed) {
  ConnectionLimits limits = two_workers();
  limits.idle = 1s;
  SmallServer server{limits};
  RawConnection connection{server.port()};
  connection.send_text(kHealth);
  ASSERT_NE(connection.receive(1, 10s).find("HTTP/1.1 200"), std::string::npos);
  EXPECT_EQ(connection.receive(2, 10s), "");
  EXPECT_TRUE(connection.closed());
  EXPECT_EQ(server.server().connections_waiting(), 0u);
}

TEST(Connections, ConnectionCloseIsHonoured) {
  SmallServer server{two_workers()};
  RawConnection connection{server.port()};
  connection.send_text("GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  EXPECT_NE(connection.receive(1, 10s).find("HTTP/1.1 200"), std::string::npos);
  connection.receive(2, 5s);
  EXPECT_TRUE(connection.closed());
}

TEST(Connections, IdleTlsConnectionsDoNotDelayOthers) {
  TempDir keys;
  const fs::path cert = keys / "cert.pem";
  const fs::path key = keys / "key.pem";
  const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -keyout '" +
                              key.string() + "' -out '" + cert.string() +
                              "' -days 2 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  SmallServer server{two_workers(), cert, key};

  // Some have not even begun their handshake, some have been answered and keep their connection.
  std::vector<std::unique_ptr<RawConnection>> silent;
  for (int i = 0; i < 40; ++i) silent.push_back(std::make_unique<RawConnection>(server.port()));
  std::vector<std::unique_ptr<httplib::SSLClient>> kept;
  for (int i = 0; i < 40; ++i) {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", server.port());
    client->set_ca_cert_path(cert.c_str());
    client->enable_server_certificate_verification(true);
    client->set_keep_alive(true);
    const auto health = client->Get("/healthz");
    ASSERT_TRUE(health) << httplib::to_string(health.error());
    kept.push_back(std::move(client));
  }

  httplib::SSLClient fresh{"127.0.0.1", server.port()};
  fresh.set_ca_cert_path(cert.c_str());
  fresh.enable_server_certificate_verification(true);
  fresh.set_read_timeout(10);
  const auto health = fresh.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  // The kept ones still work on their connections.
  const auto again = kept.front()->Get("/healthz");
  ASSERT_TRUE(again) << httplib::to_string(again.error());
  EXPECT_EQ(again->status, 200);
}

}  // namespace
}  // namespace stellwerk::server::testing
