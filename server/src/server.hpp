// The reference server: options, shared context and the HTTP front. `stellwerk-server` (main.cpp)
// is a thin command line over this class, and the integration tests run it in-process on a
// free loopback port with a ManualClock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "access_log.hpp"
#include "backup.hpp"
#include "certificates.hpp"
#include "clock.hpp"
#include "connections.hpp"
#include "crypto.hpp"
#include "database.hpp"
#include "metrics.hpp"
#include "retention.hpp"
#include "directory.hpp"
#include "routes.hpp"

namespace stellwerk::server {

enum class DemoScale { none, small, city };

struct ServerOptions {
  std::filesystem::path data_dir;
  std::string host = "127.0.0.1";
  int port = 8080;                       // 0: any free port (see Server::port())
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
  DemoScale demo = DemoScale::none;
  // Workers, and how long a connection may idle or stall (connections.hpp).
  ConnectionLimits connections;
  AccessLogOptions access_log;
  RetentionOptions retention;
  MetricsOptions metrics;
  // How passwords are checked: local hashes, or the city's directory (directory.hpp).
  AuthOptions auth;
  // PBKDF2 iterations of the demo seed's password and PIN hashes. Every hash records its own count,
  // so sign-in checks any of them; the in-process test servers seed cheaper ones because each
  // iteration is several allocations in OpenSSL, which the sanitizer builds make slow.
  int demo_password_iterations = crypto::kPasswordIterations;
};

// What handlers share. Lives as long as the Server.
class ServerContext {
 public:
  ServerContext(const std::filesystem::path& data_dir, const Clock& clock);
  Database db;
  const Clock& clock;
  std::unique_ptr<CertificateSigner> signer;
  std::atomic<bool> ready{false};   // serving: /healthz answers 200
  Metrics metrics;                   // every answered request, read by /metrics
  MetricsOptions metrics_options;
  AuthOptions auth;                  // set once before serving, then only read
  // Wakes the maintenance thread early, e.g. after a booking with an earlier release time.
  void wake_maintenance();

 private:
  friend class Server;
  std::mutex maintenance_mutex_;
  std::condition_variable maintenance_wake_;
  bool maintenance_due_ = false;
};

class Server {
 public:
  // Opens (or creates) the data folder, migrates, and seeds demo data into an empty database.
  // Throws std::runtime_error with a message for the operator when that fails.
  Server(ServerOptions options, const Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; false (with `error` set) when the address is unusable.
  bool bind(std::string& error);
  int port() const { return port_; }
  // Serves until stop(); call after bind(). Blocks.
  void run();
  void stop();

  ServerContext& context() { return *context_; }
  // Open connections waiting for their next request.
  std::size_t connections_waiting() const { return parked_ != nullptr ? parked_->connections().waiting() : 0; }

  // Releases no-shows and deletes what is past its retention now; the maintenance thread does
  // this on its own at every release time and at least once a minute. Tests call it after moving
  // a ManualClock.
  void run_maintenance_now();

 private:
  void maintenance_loop();

  ServerOptions options_;
  std::unique_ptr<FolderLock> folder_lock_;  // one server per data folder; a restore waits for none
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<AccessLog> access_log_;
  std::unique_ptr<httplib::Server> http_;
  ParkedServer* parked_ = nullptr;  // http_, seen as what it adds to httplib::Server
  std::atomic<bool> stopping_{false};
  std::thread maintenance_;
  int port_ = 0;
};

}  // namespace stellwerk::server
