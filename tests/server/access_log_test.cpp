// The access log (server/src/access_log.hpp): one JSON line per request with the request id the
// client sent (or a new one, answered in X-Request-Id), the route's template and the status, and
// nothing personal: no user name, token, body or path segment.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "eventually.hpp"
#include "folder_server.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

namespace fs = std::filesystem;

std::vector<Json> log_lines(const fs::path& folder) {
  std::vector<Json> lines;
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::ifstream in{entry.path()};
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  }
  return lines;
}

std::string log_text(const fs::path& folder) {
  std::string text;
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::ifstream in{entry.path()};
    text.append(std::istreambuf_iterator<char>{in}, {});
  }
  return text;
}

void send_raw(int port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    [[maybe_unused]] const auto sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    char answer[1024];
    [[maybe_unused]] const auto got = ::recv(fd, answer, sizeof answer, 0);
  }
  ::close(fd);
}

TEST(AccessLog, OneLinePerRequestWithItsIdAndNothingPersonal) {
  TempDir dir;
  const fs::path folder = dir / "access";
  fs::create_directories(folder);
  FolderServer server{dir / "data", {}, {}, {},
                      AccessLogOptions{.target = AccessLogOptions::Target::folder, .folder = folder, .keep_days = 30}};
  ApiClient client{server.port(), "access_log"};

  const auto health = client.send("GET", "/healthz", "", {{"X-Request-Id", "req-42"}});
  EXPECT_EQ(health.header("X-Request-Id"), "req-42");
  const auto sign_in = client.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}});
  ASSERT_EQ(sign_in.status, 201);
  const std::string token = sign_in.body["token"].get<std::string>();
  client.set_token(token);
  const auto missing = client.send("DELETE", "/api/v1/bookings/bkg_nobody_has_this", "", {{"X-Request-Id", "bad id\tx"}});
  EXPECT_EQ(missing.status, 404);
  const std::string generated = missing.header("X-Request-Id");
  EXPECT_FALSE(generated.empty());
  EXPECT_EQ(generated.find(' '), std::string::npos) << "a malformed id is replaced, not echoed";
  // A request line that is no UTF-8 is answered 400 and logged; the server goes on.
  send_raw(server.port(), "\xff\xfe / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.get("/healthz").status, 200);

  // A line is written once its answer is sent: the last one may still be on its way.
  std::vector<Json> lines;
  EXPECT_TRUE(stellwerk::testing::eventually([&] {
    lines = log_lines(folder);
    return lines.size() >= 5;
  }));
  ASSERT_GE(lines.size(), 5u);
  bool saw_health = false;
  bool saw_missing = false;
  for (const auto& line : lines) {
    for (const char* member : {"time", "request_id", "method", "route", "status", "ms", "bytes_in", "bytes_out"}) {
      EXPECT_TRUE(line.contains(member)) << member << " in " << line.dump();
    }
    if (line["request_id"] == "req-42") saw_health = line["route"] == "/healthz" && line["status"] == 200;
    if (line["request_id"] == generated) saw_missing = line["route"] == "/api/v1/bookings/{id}" && line["status"] == 404;
  }
  EXPECT_TRUE(saw_health);
  EXPECT_TRUE(saw_missing);
  const std::string text = log_text(folder);
  for (const std::string& personal : {std::string{"demo"}, token, std::string{"bkg_nobody_has_this"}}) {
    EXPECT_EQ(text.find(personal), std::string::npos) << personal << " in the access log";
  }
}

}  // namespace
}  // namespace stellwerk::server::testing
