// A badly behaved HTTP server on a free loopback port, for the transport's failure tests: it
// speaks raw bytes over POSIX sockets, so a test can script exactly what a broken or hostile
// server does (drip one byte a second, never end the headers, close halfway, answer garbage,
// say nothing at all). One thread accepts connections one after another and runs the test's
// script on each; it also counts them, which is how keep-alive is checked. Stopping (the
// destructor) wakes a script that waits or blocks, so no test waits for its server. Two ports
// without any server complete the set: one that refuses connections, one that never answers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace stellwerk::net::testing {

class HostileServer {
 public:
  // One accepted connection, as the script sees it. Every call returns early once the server
  // stops or the client has gone.
  class Connection {
   public:
    // The request line and headers up to the blank line; "" when the client closed first.
    // A body that follows stays buffered for read_exactly.
    std::string read_request_head();
    // The next `count` bytes (a request body); fewer when the client closed first.
    std::string read_exactly(std::size_t count);
    // Every byte read from the client on this connection so far.
    std::size_t received() const { return received_; }
    // False once the client is gone or the server stops.
    bool send(std::string_view bytes);
    // Waits, and returns false when the server stopped meanwhile.
    bool pause(std::chrono::milliseconds duration);
    int index() const { return index_; }  // 0 for the first connection accepted

   private:
    friend class HostileServer;
    Connection(HostileServer& server, int fd, int index) : server_{server}, fd_{fd}, index_{index} {}
    HostileServer& server_;
    int fd_;
    int index_;
    std::string buffered_;
    std::size_t received_ = 0;
    bool receive_more();
  };
  using Script = std::function<void(Connection&)>;

  // Listens on 127.0.0.1 at once, so a client may connect before the constructor returns.
  explicit HostileServer(Script script);
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;
  ~HostileServer();

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int accepted() const { return accepted_.load(); }  // connections accepted so far

 private:
  void run();
  bool stopping() const { return stopping_.load(); }

  Script script_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;  // guards current_fd_ and the wake-up below
  std::condition_variable wake_;
  int current_fd_ = -1;
  std::thread thread_;
};

// A loopback port on which nothing listens (bound, then closed again): connecting is refused.
int closed_loopback_port();

// A loopback port whose accept queue is full (one connection waits in it and nobody accepts):
// Linux then drops further SYNs, so a connect attempt is neither answered nor refused, which is
// how a server behind a packet-dropping firewall looks.
class BlackholePort {
 public:
  BlackholePort();
  BlackholePort(const BlackholePort&) = delete;
  BlackholePort& operator=(const BlackholePort&) = delete;
  ~BlackholePort();
  int port() const { return port_; }

 private:
  int listen_fd_ = -1;
  int queued_fd_ = -1;
  int port_ = 0;
};

}  // namespace stellwerk::net::testing
