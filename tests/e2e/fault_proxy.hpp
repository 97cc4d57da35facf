// A fault-injecting HTTP/1.1 proxy for end-to-end tests: it listens on a free loopback port and
// forwards each request to a target port (the server), and on the way it can lose, delay, cut,
// corrupt or repeat exchanges, or play "down" — the network a sync engine must survive. It parses
// just enough HTTP (headers, Content-Length, chunked bodies) to split a keep-alive connection into
// requests and responses, so every fault acts on one request/response pair and the tests can tell
// "the server never saw it" apart from "the server applied it but the client never heard".
//
// Faults, each chosen per request with its own probability by one seeded RNG:
//   drop_before  close the client connection without forwarding the request;
//   drop_after   forward the request, read the whole response, close without answering;
//   delay        wait up to max_delay, then pass the exchange on unchanged;
//   reset        close with SO_LINGER 0 (the client sees a TCP RST), before or after forwarding;
//   truncate     forward, then send only part of the response (head or body) and close;
//   garbage      answer random bytes instead of the response (half of the time after forwarding);
//   duplicate    send the request a second time on a connection of its own, before or after the
//                real one, and throw that answer away: the client sees one response.
// Modes: `pass` forwards faithfully, `faulty` applies the profile, `down_refuse` accepts and closes
// every connection at once, `down_unlisten` closes the listening socket (connections are refused)
// until another mode is set, which listens on the same port again.
//
// Every request goes to the server on a fresh connection: then the proxy never has to guess
// whether a server that closed an idle keep-alive connection had read a request first.
//
// Threads: one acceptor and one thread per client connection. set_mode/set_faults/counters may be
// called from any thread. The destructor cuts every open socket and joins every thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>

namespace stellwerk::testing {

enum class ProxyMode : std::uint8_t { pass, faulty, down_refuse, down_unlisten };

// Probabilities per request (their sum must not exceed 1; the rest passes unharmed).
struct FaultProfile {
  double drop_before = 0;
  double drop_after = 0;
  double delay = 0;
  double reset = 0;
  double truncate = 0;
  double garbage = 0;
  double duplicate = 0;
  std::chrono::milliseconds max_delay{50};
  // Cut every truncated response right after its status line instead of at a random point.
  // libcurl then takes the connection's close for the end of the head and reports a complete
  // response with that status and an empty body — a case a client has to catch itself.
  bool truncate_in_head = false;
};

enum class Fault : std::uint8_t { drop_before, drop_after, delay, reset, truncate, garbage, duplicate, COUNT };
std::string_view to_string(Fault fault);

struct ProxyCounters {
  std::array<long, static_cast<std::size_t>(Fault::COUNT)> injected{};
  long connections = 0;       // client connections accepted (refused ones included)
  long refused = 0;           // connections closed at once because the proxy was down_refuse
  long requests = 0;          // complete requests read from clients
  long forwarded = 0;         // requests sent to the server (duplicates included)
  long responses = 0;         // complete responses passed back to clients unharmed (counted as sending starts)
  long upstream_failures = 0; // the server could not be reached or answered no complete response

  long operator[](Fault fault) const { return injected[static_cast<std::size_t>(fault)]; }
  std::string to_string() const;  // "drop_before=3 drop_after=5 … requests=812 forwarded=790"
};

class FaultProxy {
 public:
  // Listens on 127.0.0.1 at a free port; forwards to 127.0.0.1:target_port. Starts in `pass`.
  FaultProxy(int target_port, std::uint64_t seed);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void set_mode(ProxyMode mode);
  ProxyMode mode() const { return mode_.load(); }
  void set_faults(const FaultProfile& profile);
  // Points the proxy at another server port (after TestServer::restart, say).
  void set_target(int target_port) { target_port_.store(target_port); }

  ProxyCounters counters() const;
  void reset_counters();

 private:
  struct Connection;
  struct Exchange;

  void listen_socket();
  void accept_loop();
  void serve(Connection& connection);
  bool fault_before_forwarding(Connection& connection, Fault fault, bool after);
  bool fault_after_answer(Connection& connection, Fault fault, const Exchange& exchange);
  void send_garbage(int fd);
  void send_duplicate(Connection& connection, const Exchange& exchange);
  bool forward(Connection& connection, Exchange& exchange, int& upstream);
  Fault choose_fault(bool& faulted);
  bool sleep_for(std::chrono::milliseconds duration);  // false when the proxy is stopping
  void reap_finished();
  void count(Fault fault) { injected_[static_cast<std::size_t>(fault)].fetch_add(1); }
  std::uint64_t random_below(std::uint64_t bound);
  std::chrono::milliseconds random_delay();
  std::size_t truncation_point(const std::string& response);

  std::atomic<int> target_port_;
  int port_ = 0;
  std::atomic<ProxyMode> mode_{ProxyMode::pass};
  std::atomic<bool> stopping_{false};

  mutable std::mutex mutex_;  // guards listen_fd_, profile_, rng_, connections_
  std::condition_variable wake_;
  int listen_fd_ = -1;
  // set_mode bumps listen_generation_ when the listening socket changes; the acceptor copies it
  // to acceptor_generation_ once it polls the new one, so the old one can be closed safely.
  std::uint64_t listen_generation_ = 0;
  std::uint64_t acceptor_generation_ = 0;
  int wake_pipe_[2] = {-1, -1};  // wakes the acceptor's poll for a new listen socket or the stop
  FaultProfile profile_;
  std::mt19937_64 rng_;
  std::list<std::unique_ptr<Connection>> connections_;

  std::array<std::atomic<long>, static_cast<std::size_t>(Fault::COUNT)> injected_{};
  std::atomic<long> connections_count_{0}, refused_{0}, requests_{0}, forwarded_{0}, responses_{0},
      upstream_failures_{0};

  std::thread acceptor_;
};

}  // namespace stellwerk::testing
