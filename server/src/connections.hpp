// How the server serves its connections. cpp-httplib hands each accepted connection to a worker
// thread that then waits on it for the next request until the keep-alive timeout: every idle
// keep-alive connection holds a worker, and a few hundred of them (browsers, kiosks, a proxy's
// pool) stalled every other request for seconds (300 idle connections: about 8 s each; 1,000:
// no answer for more than 30 s). Here a worker only takes a connection once its next request has
// begun to arrive. Between requests a connection waits in one epoll set watched by a single
// thread, which costs a file descriptor and a few hundred bytes, and one idle past the limit is
// closed. cpp-httplib still parses every request and writes every response: the servers below
// only replace its per-connection loop (the virtual process_and_close_socket) with this one.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <httplib.h>

namespace stellwerk::server {

struct ConnectionLimits {
  // A connection waiting for its next request longer than this is closed. Idle connections cost
  // no thread, so this can be generous; it bounds how many a silent client can pile up.
  std::chrono::seconds idle{60};
  // A request that has begun must keep arriving: one read waiting longer than this ends the
  // connection, and so does a TLS handshake taking longer in all.
  std::chrono::seconds read{30};
  std::chrono::seconds write{30};
  // Threads reading requests and running handlers. Only requests in progress hold one.
  int workers = 32;
};

struct Connection;  // a socket, its TLS state and the bytes read but not yet parsed

// When the worker on this thread began reading the request it is answering (for its log line).
std::chrono::steady_clock::time_point request_began();

// Reads one request from the stream, answers it, and says whether the connection may carry
// another (false, or connection_closed set: it is closed).
using ProcessRequest = std::function<bool(httplib::Stream& stream, bool& connection_closed, SSL* ssl)>;

class ConnectionPark {
 public:
  // `tls`: the context for the handshake every new connection starts with; null for plain HTTP.
  ConnectionPark(ConnectionLimits limits, ProcessRequest process, SSL_CTX* tls);
  ~ConnectionPark();
  ConnectionPark(const ConnectionPark&) = delete;
  ConnectionPark& operator=(const ConnectionPark&) = delete;

  // Takes over a freshly accepted socket: it waits here until its first request arrives.
  void admit(int fd);
  // Closes every waiting connection and lets requests in progress finish. Idempotent.
  void stop();
  // Connections waiting for their next request now.
  std::size_t waiting() const;

 private:
  void wait_for_request(std::shared_ptr<Connection> connection);
  void serve(const std::shared_ptr<Connection>& connection);
  void watch();
  void close_idle(std::chrono::steady_clock::time_point now);

  const ConnectionLimits limits_;
  const ProcessRequest process_;
  SSL_CTX* const tls_;
  int epoll_ = -1;
  int wake_ = -1;  // an eventfd that ends the watcher's wait when stopping
  mutable std::mutex mutex_;
  std::unordered_map<int, std::shared_ptr<Connection>> waiting_;
  bool stopping_ = false;
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::thread watcher_;
};

// What the Server needs of the two servers below beyond httplib::Server.
class ParkedServer {
 public:
  virtual ~ParkedServer() = default;
  virtual ConnectionPark& connections() = 0;
  // cpp-httplib listens with a queue of 5 not yet accepted connections: a burst of new ones (a
  // Monday morning, a proxy opening its pool) overflows it and each connection dropped there
  // waits a second for its retry. Call after binding.
  virtual void deepen_accept_queue() = 0;
};

// cpp-httplib's plain and TLS servers, with their connections served by a ConnectionPark.
class PlainServer final : public httplib::Server, public ParkedServer {
 public:
  explicit PlainServer(ConnectionLimits limits);
  ConnectionPark& connections() override { return *park_; }
  void deepen_accept_queue() override;

 private:
  bool process_and_close_socket(socket_t sock) override;
  std::unique_ptr<ConnectionPark> park_;
};

class TlsServer final : public httplib::SSLServer, public ParkedServer {
 public:
  TlsServer(ConnectionLimits limits, const char* cert_path, const char* key_path);
  ConnectionPark& connections() override { return *park_; }
  void deepen_accept_queue() override;

 private:
  bool process_and_close_socket(socket_t sock) override;
  std::unique_ptr<ConnectionPark> park_;
};

}  // namespace stellwerk::server
