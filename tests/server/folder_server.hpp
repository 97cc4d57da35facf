// The real server in-process on a folder and with limits the test chooses (TestServer makes its
// own folder with the default limits): for tests of what an operator configures and keeps.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "test_server.hpp"

namespace stellwerk::server::testing {

class FolderServer {
 public:
  // Serves `options` on a free loopback port; seeds the small demo city into an empty folder, a
  // folder with a database is served as it is. The clock stands at default_test_start().
  explicit FolderServer(ServerOptions options) : clock_(default_test_start()) {
    options.port = 0;
    options.demo = DemoScale::small;
    options.demo_password_iterations = kTestPasswordIterations;
    server_ = std::make_unique<Server>(std::move(options), clock_);
    std::string error;
    if (!server_->bind(error)) throw std::runtime_error(error);
    thread_ = std::thread([this] { server_->run(); });
    while (!server_->context().ready) std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  explicit FolderServer(const std::filesystem::path& data_dir, ConnectionLimits limits = {},
                        std::optional<std::filesystem::path> tls_cert = {},
                        std::optional<std::filesystem::path> tls_key = {}, AccessLogOptions access_log = {})
      : FolderServer(options_with(data_dir, limits, std::move(tls_cert), std::move(tls_key), std::move(access_log))) {}
  ~FolderServer() { stop(); }

  // Options serving `data_dir` with everything else as the server's defaults.
  static ServerOptions options_with(const std::filesystem::path& data_dir, ConnectionLimits limits = {},
                                    std::optional<std::filesystem::path> tls_cert = {},
                                    std::optional<std::filesystem::path> tls_key = {},
                                    AccessLogOptions access_log = {}) {
    ServerOptions options;
    options.data_dir = data_dir;
    options.connections = limits;
    options.tls_cert = std::move(tls_cert);
    options.tls_key = std::move(tls_key);
    options.access_log = std::move(access_log);
    return options;
  }
  FolderServer(const FolderServer&) = delete;
  FolderServer& operator=(const FolderServer&) = delete;

  int port() const { return server_->port(); }
  Server& server() { return *server_; }
  ManualClock& clock() { return clock_; }
  // Stops serving and lets go of the folder.
  void stop() {
    if (!server_) return;
    server_->stop();
    thread_.join();
    server_.reset();
  }

 private:
  ManualClock clock_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

}  // namespace stellwerk::server::testing
