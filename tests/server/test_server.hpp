// The real server, in-process, on a free loopback port, with a clock the test moves. Each
// TestServer has its own data folder (removed afterwards) seeded with the small demo city, so
// tests never share state. ApiClient speaks real HTTP to it and records every response it gets
// (status, content type, body) as one JSON line under STELLWERK_API_LOG_DIR; the test
// api.responses_match_document checks all of them against docs/api/openapi.yaml.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "clock.hpp"
#include "server.hpp"

namespace stellwerk::server::testing {

using Json = nlohmann::json;

// Tuesday 1 December 2026, 07:00 in Berlin: a working day well clear of holidays, before the
// demo department's 08:00 day start.
Instant default_test_start();

// The demo seed's password hashing in test servers: a thousandth of the real cost, so that signing
// in is not what the suites spend their time on (see ServerOptions::demo_password_iterations).
inline constexpr int kTestPasswordIterations = 600;

struct ApiResponse {
  int status = 0;
  std::string content_type;
  std::string raw;
  Json body;                                // parsed when the body is JSON
  std::multimap<std::string, std::string> headers;
  std::string header(const std::string& name) const;
  std::string code() const;                 // the problem code, or ""
};

class ApiClient {
 public:
  ApiClient(int port, std::string log_name);
  void set_token(std::string token) { token_ = std::move(token); }
  void set_language(std::string language) { language_ = std::move(language); }

  ApiResponse get(const std::string& path);
  ApiResponse post(const std::string& path, const Json& body, const std::map<std::string, std::string>& headers = {});
  ApiResponse put(const std::string& path, const Json& body, const std::map<std::string, std::string>& headers = {});
  ApiResponse del(const std::string& path, const std::map<std::string, std::string>& headers = {});
  // Any method and raw body bytes, for malformed requests.
  ApiResponse send(const std::string& method, const std::string& path, const std::string& body,
                   const std::map<std::string, std::string>& headers = {},
                   const std::string& content_type = "application/json");

 private:
  ApiResponse record(const std::string& method, const std::string& path, const httplib::Result& result);
  httplib::Client http_;
  std::string token_;
  std::string language_ = "en";
  std::filesystem::path log_file_;
};

// A fresh folder under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "stellwerk-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

class TestServer {
 public:
  // `auth`: how passwords are checked (local hashes unless a test signs in against a directory).
  explicit TestServer(DemoScale scale = DemoScale::small, Instant start = default_test_start(), AuthOptions auth = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return server_->port(); }
  ManualClock& clock() { return clock_; }
  Server& server() { return *server_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }

  // A client signed in as `username` (password "demo"); tokens are cached per server.
  ApiClient client_for(const std::string& username);
  ApiClient anonymous();
  std::string token_for(const std::string& username);

  // Stops serving, keeps the data folder, starts again on the same folder (not the same port).
  void restart();

 private:
  void launch();
  ManualClock clock_;
  std::filesystem::path data_dir_;
  DemoScale scale_;
  AuthOptions auth_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::map<std::string, std::string> tokens_;
};

// A new session at the clock's time, for tests that move the clock past the 12 hours a cached
// token of client_for lasts.
ApiClient signed_in(TestServer& server, const std::string& username);

// An RFC 9457 problem of `status` and `code` (and `field`, where given) whose status member
// matches the HTTP status.
void expect_problem(const ApiResponse& response, int status, const std::string& code, const std::string& field = {});

struct Feed {
  std::vector<Json> changes;
  std::string cursor;  // where the next read starts
  int pages = 0;
};

// Every change of the feed after `since`, page by page until has_more is false; every page but
// the last must be full.
Feed read_feed(ApiClient& client, const std::string& since = "0", int limit = 500);

// The changes of one entity ("favourite", …), in feed order.
std::vector<Json> changes_of(const Feed& feed, const std::string& entity);

}  // namespace stellwerk::server::testing
