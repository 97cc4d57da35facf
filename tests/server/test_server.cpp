#include "test_server.hpp"

#include <chrono>
#include <fstream>
#include <random>
#include <stdexcept>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server::testing {
namespace {

namespace fs = std::filesystem;

std::string log_name_for_current_test() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info != nullptr ? std::string{info->test_suite_name()} + "." + info->name() : "no_test";
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  return name;
}

}  // namespace

Instant default_test_start() {
  using namespace date::literals;
  return to_instant(2026_y / date::December / 1, 7 * 60);
}

TempDir::TempDir(const std::string& prefix) {
  std::random_device random;
  path_ = fs::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string ApiResponse::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string{} : it->second;
}

std::string ApiResponse::code() const {
  return body.is_object() && body.contains("code") && body["code"].is_string() ? body["code"].get<std::string>() : "";
}

ApiClient::ApiClient(int port, std::string log_name) : http_("127.0.0.1", port) {
  http_.set_keep_alive(true);
  // Generous: under a sanitizer and a loaded machine a sign-in queues for the password hash.
  http_.set_read_timeout(120);
  fs::create_directories(STELLWERK_API_LOG_DIR);
  log_file_ = fs::path{STELLWERK_API_LOG_DIR} / (log_name + ".jsonl");
}

ApiResponse ApiClient::record(const std::string& method, const std::string& path, const httplib::Result& result) {
  if (!result) throw std::runtime_error(method + " " + path + ": " + httplib::to_string(result.error()));
  ApiResponse response;
  response.status = result->status;
  response.raw = result->body;
  response.content_type = result->get_header_value("Content-Type");
  for (const auto& [name, value] : result->headers) response.headers.emplace(name, value);
  const bool json = response.content_type.find("json") != std::string::npos;
  if (json && !response.raw.empty()) response.body = Json::parse(response.raw, nullptr, false);
  Json line{{"method", method},
            {"path", path.substr(0, path.find('?'))},
            {"status", response.status},
            {"content_type", response.content_type}};
  line["body"] = response.raw.empty() ? Json(nullptr) : json ? response.body : Json(response.raw);
  // An image's bytes are no UTF-8: they are logged with the invalid bytes replaced, as a string.
  std::ofstream{log_file_, std::ios::app} << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  return response;
}

ApiResponse ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                            const std::map<std::string, std::string>& extra, const std::string& content_type) {
  httplib::Headers headers{{"Accept-Language", language_}};
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  for (const auto& [name, value] : extra) headers.emplace(name, value);
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.headers = headers;
  req.body = body;
  if (!body.empty() || method == "POST" || method == "PUT") req.set_header("Content-Type", content_type);
  return record(method, path, http_.send(req));
}

ApiResponse ApiClient::get(const std::string& path) { return send("GET", path, ""); }
ApiResponse ApiClient::post(const std::string& path, const Json& body, const std::map<std::string, std::string>& h) {
  return send("POST", path, body.is_null() ? std::string{} : body.dump(), h);
}
ApiResponse ApiClient::put(const std::string& path, const Json& body, const std::map<std::string, std::string>& h) {
  return send("PUT", path, body.dump(), h);
}
ApiResponse ApiClient::del(const std::string& path, const std::map<std::string, std::string>& h) {
  return send("DELETE", path, "", h);
}

TestServer::TestServer(DemoScale scale, Instant start, AuthOptions auth)
    : clock_(start), scale_(scale), auth_(std::move(auth)) {
  std::random_device random;
  data_dir_ = fs::temp_directory_path() / ("stellwerk-server-test-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(random()));
  launch();
}

TestServer::~TestServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  std::error_code ignored;
  fs::remove_all(data_dir_, ignored);
}

void TestServer::launch() {
  ServerOptions options;
  options.data_dir = data_dir_;
  options.port = 0;
  options.demo = scale_;
  options.auth = auth_;
  options.demo_password_iterations = kTestPasswordIterations;
  server_ = std::make_unique<Server>(options, clock_);
  std::string error;
  if (!server_->bind(error)) throw std::runtime_error(error);
  thread_ = std::thread([this] { server_->run(); });
  // Serving starts on the thread; wait until /healthz says so, up to a deadline generous enough
  // for a loaded sanitizer build (a fixed number of tries would depend on how fast each one is).
  httplib::Client probe{"127.0.0.1", server_->port()};
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  while (std::chrono::steady_clock::now() < give_up) {
    if (auto res = probe.Get("/healthz"); res && res->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  throw std::runtime_error("test server did not become ready");
}

void TestServer::restart() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  launch();
}

std::string TestServer::token_for(const std::string& username) {
  if (auto it = tokens_.find(username); it != tokens_.end()) return it->second;
  ApiClient client{port(), log_name_for_current_test()};
  const auto response = client.post("/api/v1/session", Json{{"username", username}, {"password", "demo"}});
  if (response.status != 201) throw std::runtime_error("cannot sign in " + username + ": " + response.raw);
  return tokens_[username] = response.body["token"].get<std::string>();
}

ApiClient TestServer::client_for(const std::string& username) {
  ApiClient client{port(), log_name_for_current_test()};
  client.set_token(token_for(username));
  return client;
}

ApiClient TestServer::anonymous() { return ApiClient{port(), log_name_for_current_test()}; }

ApiClient signed_in(TestServer& server, const std::string& username) {
  auto client = server.anonymous();
  const auto response = client.post("/api/v1/session", Json{{"username", username}, {"password", "demo"}});
  EXPECT_EQ(response.status, 201) << response.raw;
  client.set_token(response.body.value("token", ""));
  return client;
}

void expect_problem(const ApiResponse& response, int status, const std::string& code, const std::string& field) {
  EXPECT_EQ(response.status, status) << response.raw;
  EXPECT_EQ(response.content_type, "application/problem+json") << response.raw;
  EXPECT_EQ(response.code(), code) << response.raw;
  if (!response.body.is_object()) {
    ADD_FAILURE() << "not a problem document: " << response.raw;
    return;
  }
  EXPECT_EQ(response.body.value("status", 0), response.status) << response.raw;
  EXPECT_EQ(response.body.value("type", ""), "urn:stellwerk:problem:" + response.code()) << response.raw;
  EXPECT_FALSE(response.body.value("title", "").empty()) << response.raw;
  if (!field.empty()) {
    EXPECT_EQ(response.body.value("field", ""), field) << response.raw;
  }
}

Feed read_feed(ApiClient& client, const std::string& since, int limit) {
  Feed feed;
  std::string cursor = since;
  for (feed.pages = 1; feed.pages <= 1000; ++feed.pages) {
    const auto page = client.get(fmt::format("/api/v1/changes?since={}&limit={}", cursor, limit));
    EXPECT_EQ(page.status, 200) << page.raw;
    if (page.status != 200) break;
    EXPECT_LE(page.body["changes"].size(), static_cast<std::size_t>(limit));
    for (const auto& change : page.body["changes"]) feed.changes.push_back(change);
    cursor = page.body["cursor"].get<std::string>();
    if (!page.body["has_more"].get<bool>()) break;
    EXPECT_EQ(page.body["changes"].size(), static_cast<std::size_t>(limit)) << "a short page that has more";
  }
  feed.cursor = cursor;
  return feed;
}

std::vector<Json> changes_of(const Feed& feed, const std::string& entity) {
  std::vector<Json> found;
  for (const auto& change : feed.changes) {
    if (change["entity"] == entity) found.push_back(change);
  }
  return found;
}

}  // namespace stellwerk::server::testing
