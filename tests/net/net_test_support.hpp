// Helpers shared by the transport tests: a well-behaved cpp-httplib server (plain or TLS) on a
// free loopback port, run on its own thread for the life of a test; a private temporary folder;
// a stopwatch for "gave up within its limit"; and gtest printing of transport results, so that a
// failed expectation shows curl's words instead of bytes. Header-only: only net_tests uses it.
#pragma once

#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "stellwerk/sync/transport.hpp"

namespace stellwerk::net {

inline std::ostream& operator<<(std::ostream& out, TransportErrorKind kind) { return out << to_string(kind); }

// gtest prints std::expected as raw bytes; this shows either side in words.
inline void PrintTo(const HttpResult& result, std::ostream* out) {
  if (result) {
    *out << "HTTP " << result->status << " (" << result->body.size() << " body bytes)";
  } else {
    *out << to_string(result.error().kind) << ": " << result.error().detail;
  }
}

}  // namespace stellwerk::net

namespace stellwerk::net::testing {

// A fresh folder under the system temp folder, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "stellwerk-net-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Routes are added to server() before start(); the server stops and joins when destroyed.
class LoopbackServer {
 public:
  LoopbackServer() : server_{std::make_unique<httplib::Server>()} {}
  // For TLS: an httplib::SSLServer made from a certificate and key file.
  explicit LoopbackServer(std::unique_ptr<httplib::Server> server) : server_{std::move(server)} {}
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  ~LoopbackServer() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Server& server() { return *server_; }

  // Returns once the server accepts connections: stop() is a no-op before it runs, so a test
  // that ended early would otherwise leave the thread listening forever.
  void start() {
    if (!server_->is_valid()) throw std::runtime_error("httplib server is not valid (certificate or key?)");
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread{[this] { server_->listen_after_bind(); }};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!server_->is_running()) {
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("server did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
  }
  int port() const { return port_; }
  std::string url(std::string_view scheme = "http") const {
    return std::string{scheme} + "://127.0.0.1:" + std::to_string(port_);
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

class Stopwatch {
 public:
  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_);
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Small limits, so that every failure test ends in seconds. Loopback answers in microseconds,
// so these never cut a healthy request short, even under ASan on a busy two-core CI machine.
inline TransportOptions quick_options() {
  TransportOptions options;
  options.connect_timeout = std::chrono::seconds{3};
  options.total_timeout = std::chrono::seconds{10};
  options.low_speed_window = std::chrono::seconds{5};
  return options;
}

// A client for `url` that must be accepted; throws (and so fails the test) otherwise.
inline HttpClient make_client(const std::string& url, TransportOptions options = quick_options()) {
  auto client = HttpClient::create(url, std::move(options));
  if (!client) throw std::runtime_error("HttpClient::create(" + url + "): " + client.error().detail);
  return std::move(*client);
}

// Bytes as a C-style literal, for failure messages about binary replies.
inline std::string printable(std::string_view bytes) {
  std::string text;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && c != '\\') {
      text += c;
    } else {
      constexpr std::string_view kHex = "0123456789abcdef";
      text += "\\x";
      text += kHex[byte >> 4];
      text += kHex[byte & 0xf];
    }
  }
  return text;
}

inline HttpRequest get(std::string target) {
  HttpRequest request;
  request.target = std::move(target);
  return request;
}

}  // namespace stellwerk::net::testing
