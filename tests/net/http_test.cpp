// Requests to a well-behaved HTTP server (cpp-httplib on loopback), checked from both ends: the
// server records what arrived (method, bytes of the body, headers), the test checks what the
// client made of the answer (status, body bytes, media type, Retry-After). Byte counts and
// keep-alive (several requests, one TCP connection) are checked against a raw-socket server that
// counts bytes and connections; a redirect must be returned, not followed.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "hostile_server.hpp"
#include "net_test_support.hpp"

namespace stellwerk::net {
namespace {

using namespace std::string_literals;
using testing::HostileServer;
using testing::LoopbackServer;
using testing::make_client;

// JSON in UTF-8 followed by bytes no text codec would keep: a NUL, a lone 0xFF, CR LF.
const std::string kAwkwardBody = "{\"note\":\"Büro 3.14 – Fenster ✓\"}\0\xff\r\n tail"s;

struct Arrival {
  std::string method, target, body;
  httplib::Headers headers;
};

// What the server saw, written on the server's thread and read on the test's.
class Recorder {
 public:
  void record(const httplib::Request& request) {
    std::lock_guard lock{mutex_};
    arrivals_.push_back(
        {request.method, request.target, request.body, {request.headers.begin(), request.headers.end()}});
  }
  std::vector<Arrival> arrivals() const {
    std::lock_guard lock{mutex_};
    return arrivals_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Arrival> arrivals_;
};

std::string header(const Arrival& arrival, const std::string& name) {
  const auto it = arrival.headers.find(name);
  return it == arrival.headers.end() ? "<none>" : it->second;
}

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& s = server_.server();
    const auto echo = [this](const httplib::Request& request, httplib::Response& response) {
      recorder_.record(request);
      response.status = request.method == "DELETE" ? 204 : (request.method == "POST" ? 201 : 200);
      if (response.status != 204) response.set_content(request.body, "application/json");
    };
    s.Post("/api/v1/bookings", echo);
    s.Put("/api/v1/workdays/2026-12-01", echo);
    s.Delete("/api/v1/bookings/bk_1", echo);
    s.Get("/api/v1/awkward", [this](const httplib::Request& request, httplib::Response& response) {
      recorder_.record(request);
      response.set_content(kAwkwardBody, "Application/JSON ; Charset=UTF-8");
    });
    s.Get("/api/v1/busy", [](const httplib::Request& request, httplib::Response& response) {
      response.status = 503;
      response.set_header("Retry-After", request.get_header_value("X-Test-Retry-After"));
      response.set_content(R"({"code":"busy"})", "application/problem+json");
    });
    s.Get("/loop", [this](const httplib::Request& request, httplib::Response& response) {
      recorder_.record(request);
      response.set_redirect("/loop", 302);
    });
    server_.start();
  }

  LoopbackServer server_;
  Recorder recorder_;
};

TEST_F(HttpTest, GetReturnsStatusBodyBytesAndMediaType) {
  auto client = make_client(server_.url());
  const auto result = client.send(testing::get("/api/v1/awkward"));
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, kAwkwardBody);
  EXPECT_EQ(result->content_type, "application/json");
  EXPECT_FALSE(result->retry_after);
  ASSERT_EQ(recorder_.arrivals().size(), 1U);
  EXPECT_EQ(recorder_.arrivals()[0].method, "GET");
  EXPECT_EQ(header(recorder_.arrivals()[0], "User-Agent"), "stellwerk");
}

TEST_F(HttpTest, PostSendsTheBodyByteExactWithItsHeaders) {
  auto client = make_client(server_.url());
  HttpRequest request;
  request.method = "POST";
  request.target = "/api/v1/bookings";
  // Over curl's 1 KiB "Expect: 100-continue" threshold, which the transport must switch off.
  request.body = kAwkwardBody + std::string(4096, 'x');
  request.headers = {{"Authorization", "Bearer tok_abc"}, {"Idempotency-Key", "dev1-42"}};
  const auto result = client.send(request);
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->body, request.body);

  const auto arrivals = recorder_.arrivals();
  ASSERT_EQ(arrivals.size(), 1U);
  EXPECT_EQ(arrivals[0].method, "POST");
  EXPECT_EQ(arrivals[0].body, request.body);
  EXPECT_EQ(header(arrivals[0], "Content-Type"), "application/json");
  EXPECT_EQ(header(arrivals[0], "Authorization"), "Bearer tok_abc");
  EXPECT_EQ(header(arrivals[0], "Idempotency-Key"), "dev1-42");
  EXPECT_EQ(header(arrivals[0], "Expect"), "<none>");
}

TEST_F(HttpTest, PutAndDeleteUseTheirMethodsWithAndWithoutBody) {
  auto client = make_client(server_.url());
  HttpRequest put;
  put.method = "PUT";
  put.target = "/api/v1/workdays/2026-12-01";
  put.body = R"({"morning":"office","afternoon":"remote"})";
  const auto put_result = client.send(put);
  ASSERT_TRUE(put_result) << put_result.error().detail;
  EXPECT_EQ(put_result->status, 200);

  HttpRequest remove;
  remove.method = "DELETE";
  remove.target = "/api/v1/bookings/bk_1";
  const auto delete_result = client.send(remove);
  ASSERT_TRUE(delete_result) << delete_result.error().detail;
  EXPECT_EQ(delete_result->status, 204);
  EXPECT_EQ(delete_result->body, "");

  remove.body = R"({"reason":"sick"})";
  const auto delete_with_body = client.send(remove);
  ASSERT_TRUE(delete_with_body) << delete_with_body.error().detail;

  // A GET after them must be a plain GET again: nothing of the DELETE may stick to the handle.
  const auto get_result = client.send(testing::get("/api/v1/awkward"));
  ASSERT_TRUE(get_result) << get_result.error().detail;

  const auto arrivals = recorder_.arrivals();
  ASSERT_EQ(arrivals.size(), 4U);
  EXPECT_EQ(arrivals[0].method, "PUT");
  EXPECT_EQ(arrivals[0].body, put.body);
  EXPECT_EQ(header(arrivals[0], "Content-Type"), "application/json");
  EXPECT_EQ(arrivals[1].method, "DELETE");
  EXPECT_EQ(arrivals[1].body, "");
  EXPECT_EQ(header(arrivals[1], "Content-Type"), "<none>");
  EXPECT_EQ(arrivals[2].method, "DELETE");
  EXPECT_EQ(arrivals[2].body, remove.body);
  EXPECT_EQ(arrivals[3].method, "GET");
  EXPECT_EQ(arrivals[3].body, "");
  EXPECT_EQ(header(arrivals[3], "Content-Length"), "<none>");
}

TEST_F(HttpTest, ErrorStatusIsAResponseWithRetryAfterInSeconds) {
  auto client = make_client(server_.url());
  HttpRequest request = testing::get("/api/v1/busy");
  request.headers = {{"X-Test-Retry-After", "120"}};
  const auto result = client.send(request);
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->status, 503);
  EXPECT_EQ(result->body, R"({"code":"busy"})");
  EXPECT_EQ(result->content_type, "application/problem+json");
  ASSERT_TRUE(result->retry_after);
  EXPECT_EQ(*result->retry_after, std::chrono::seconds{120});
}

TEST_F(HttpTest, RetryAfterThatIsNotSecondsIsIgnored) {
  auto client = make_client(server_.url());
  for (const char* value : {"Wed, 21 Oct 2026 07:28:00 GMT", "soon", "-5", "1.5", "99999999999999999999999"}) {
    HttpRequest request = testing::get("/api/v1/busy");
    request.headers = {{"X-Test-Retry-After", value}};
    const auto result = client.send(request);
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->status, 503);
    EXPECT_FALSE(result->retry_after) << value;
  }
}

TEST_F(HttpTest, RedirectIsReturnedNotFollowed) {
  auto client = make_client(server_.url());
  const auto result = client.send(testing::get("/loop"));
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->status, 302);
  EXPECT_EQ(recorder_.arrivals().size(), 1U);
}

TEST(KeepAlive, SequentialRequestsShareOneConnection) {
  // Answers every request on a connection until the client closes it.
  HostileServer server{[](HostileServer::Connection& c) {
    for (int n = 1; !c.read_request_head().empty(); ++n) {
      const std::string body = "answer " + std::to_string(n);
      if (!c.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                  "\r\n\r\n" + body)) {
        return;
      }
    }
  }};
  auto client = make_client(server.url());
  for (const char* expected : {"answer 1", "answer 2", "answer 3"}) {
    const auto result = client.send(testing::get("/api/v1/changes?since=0"));
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->body, expected);
  }
  EXPECT_EQ(server.accepted(), 1);
}

TEST(ByteCounts, MatchTheBytesOnTheWireBothWays) {
  // The server counts what it read and knows what it wrote; small and large bodies go out
  // differently inside curl (with the headers, or after them), so both sizes are checked.
  const std::string chunked_reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
  const std::string sized_reply = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  std::atomic<std::size_t> server_read{0};
  HostileServer server{[&](HostileServer::Connection& c) {
    for (std::string head; !(head = c.read_request_head()).empty();) {
      const auto at = head.find("Content-Length: ");
      const std::size_t length = at == std::string::npos ? 0 : std::stoul(head.substr(at + 16));
      c.read_exactly(length);
      server_read = c.received();
      // Odd bodies get a chunked answer, whose framing counts as received bytes too.
      if (!c.send(length % 2 == 1 ? chunked_reply : sized_reply)) return;
    }
  }};
  auto client = make_client(server.url());
  std::size_t sent_total = 0;
  for (const std::size_t size : {0UL, 21UL, 10'000UL, 100'000UL}) {
    HttpRequest request;
    request.method = "POST";
    request.target = "/api/v1/bookings";
    request.body = std::string(size, 'b');
    const auto result = client.send(request);
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_EQ(result->body, "hello");
    sent_total += result->bytes_sent;
    EXPECT_EQ(sent_total, server_read.load()) << "body of " << size << " bytes";
    EXPECT_GT(result->bytes_sent, size);
    EXPECT_EQ(result->bytes_received, (size % 2 == 1 ? chunked_reply : sized_reply).size()) << "body of " << size;
  }
  EXPECT_EQ(server.accepted(), 1);
}

TEST(KeepAlive, LocalhostReachesALoopbackServer) {
  LoopbackServer server;
  server.server().Get("/health", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok", "text/plain");
  });
  server.start();
  // curl resolves "localhost" itself (never through DNS) and may try ::1 first; the IPv4
  // listener must still be reached.
  auto client = make_client("http://localhost:" + std::to_string(server.port()));
  const auto result = client.send(testing::get("/health"));
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->body, "ok");
}

}  // namespace
}  // namespace stellwerk::net
