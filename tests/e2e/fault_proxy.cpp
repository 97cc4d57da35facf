// The fault-injecting proxy of fault_proxy.hpp: plain POSIX sockets, one thread per client
// connection, and a minimal HTTP/1.1 framer (request and response heads, Content-Length and
// chunked bodies, or a body that runs until the server closes). It never rewrites a byte of what
// it passes on, so what the server sees is exactly what the client sent.
#include "fault_proxy.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "http_framing.hpp"

namespace stellwerk::testing {

using namespace std::chrono_literals;
using namespace http_framing;

std::string_view to_string(Fault fault) {
  switch (fault) {
    case Fault::drop_before: return "drop_before";
    case Fault::drop_after: return "drop_after";
    case Fault::delay: return "delay";
    case Fault::reset: return "reset";
    case Fault::truncate: return "truncate";
    case Fault::garbage: return "garbage";
    case Fault::duplicate: return "duplicate";
    case Fault::COUNT: break;
  }
  return "?";
}

std::string ProxyCounters::to_string() const {
  std::string text;
  for (std::size_t i = 0; i < injected.size(); ++i) {
    text += fmt::format("{}={} ", testing::to_string(static_cast<Fault>(i)), injected[i]);
  }
  text += fmt::format("connections={} refused={} requests={} forwarded={} responses={} upstream_failures={}",
                      connections, refused, requests, forwarded, responses, upstream_failures);
  return text;
}

// One client connection and the sockets its thread has open. The thread closes its own sockets;
// anyone else (a mode change, the destructor) only shuts them down, under fds_mutex, so a file
// descriptor is never closed by one thread while another might reuse its number.
struct FaultProxy::Connection {
  std::mutex fds_mutex;
  int client_fd = -1;
  int upstream_fd = -1;
  std::atomic<bool> finished{false};
  std::thread thread;

  void cut() {
    std::lock_guard lock{fds_mutex};
    if (client_fd >= 0) ::shutdown(client_fd, SHUT_RDWR);
    if (upstream_fd >= 0) ::shutdown(upstream_fd, SHUT_RDWR);
  }
  void cut_client() {
    std::lock_guard lock{fds_mutex};
    if (client_fd >= 0) ::shutdown(client_fd, SHUT_RDWR);
  }
  // Closes the client socket; with `reset`, abortively, so that the peer sees an RST.
  void close_client(bool reset = false) {
    int fd;
    {
      std::lock_guard lock{fds_mutex};
      fd = client_fd;
      client_fd = -1;
    }
    if (fd < 0) return;
    if (reset) {
      const linger abort{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    }
    ::close(fd);
  }
  void close_upstream() {
    int fd;
    {
      std::lock_guard lock{fds_mutex};
      fd = upstream_fd;
      upstream_fd = -1;
    }
    if (fd >= 0) ::close(fd);
  }
};

// One request as read from the client and, once forwarded, the server's answer.
struct FaultProxy::Exchange {
  std::string request;   // head and body, byte for byte
  std::string method;
  bool request_close = false;
  std::string response;  // interim 1xx responses left out
  bool response_close = false;
};

FaultProxy::FaultProxy(int target_port, std::uint64_t seed) : target_port_(target_port), rng_(seed) {
  if (::pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("fault proxy: pipe2 failed");
  listen_socket();
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stopping_.store(true);
  {
    std::lock_guard lock{mutex_};
    wake_.notify_all();
  }
  [[maybe_unused]] const auto ignored = ::write(wake_pipe_[1], "x", 1);
  acceptor_.join();
  std::list<std::unique_ptr<Connection>> connections;
  {
    std::lock_guard lock{mutex_};
    connections.swap(connections_);
  }
  for (auto& connection : connections) connection->cut();
  for (auto& connection : connections) connection->thread.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

// Opens the listening socket on port_ (0 the first time: any free port). Caller holds mutex_ or
// runs before the acceptor starts.
void FaultProxy::listen_socket() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("fault proxy: socket failed");
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in address = loopback(port_);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 256) != 0) {
    ::close(fd);
    throw std::runtime_error(fmt::format("fault proxy: cannot listen on port {}", port_));
  }
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  listen_fd_ = fd;
}

void FaultProxy::set_mode(ProxyMode mode) {
  {
    // The listening socket is opened and closed here, under the lock, while the acceptor polls a
    // copy of its number only between wake-ups: the wake pipe makes it drop the old one first.
    std::unique_lock lock{mutex_};
    mode_.store(mode);
    const bool listen = mode != ProxyMode::down_unlisten;
    if (!listen && listen_fd_ >= 0) {
      const int old = listen_fd_;
      listen_fd_ = -1;
      ++listen_generation_;
      [[maybe_unused]] const auto ignored = ::write(wake_pipe_[1], "x", 1);
      wake_.wait(lock, [&] { return acceptor_generation_ == listen_generation_ || stopping_.load(); });
      ::close(old);
    } else if (listen && listen_fd_ < 0) {
      listen_socket();
      ++listen_generation_;
      [[maybe_unused]] const auto ignored = ::write(wake_pipe_[1], "x", 1);
    }
  }
  if (mode == ProxyMode::down_refuse || mode == ProxyMode::down_unlisten) {
    // Down means down for connections that are already open as well.
    std::lock_guard lock{mutex_};
    for (auto& connection : connections_) connection->cut_client();
  }
}

void FaultProxy::set_faults(const FaultProfile& profile) {
  std::lock_guard lock{mutex_};
  profile_ = profile;
}

ProxyCounters FaultProxy::counters() const {
  ProxyCounters c;
  for (std::size_t i = 0; i < c.injected.size(); ++i) c.injected[i] = injected_[i].load();
  c.connections = connections_count_.load();
  c.refused = refused_.load();
  c.requests = requests_.load();
  c.forwarded = forwarded_.load();
  c.responses = responses_.load();
  c.upstream_failures = upstream_failures_.load();
  return c;
}

void FaultProxy::reset_counters() {
  for (auto& counter : injected_) counter.store(0);
  for (auto* counter : {&connections_count_, &refused_, &requests_, &forwarded_, &responses_, &upstream_failures_}) {
    counter->store(0);
  }
}

std::chrono::milliseconds FaultProxy::random_delay() {
  std::lock_guard lock{mutex_};
  return std::chrono::milliseconds{
      std::uniform_int_distribution<std::int64_t>{0, std::max<std::int64_t>(0, profile_.max_delay.count())}(rng_)};
}

// Where a truncated response ends: anywhere from its first byte to one before its last, or
// just after the status line with truncate_in_head.
std::size_t FaultProxy::truncation_point(const std::string& response) {
  std::lock_guard lock{mutex_};
  if (profile_.truncate_in_head) {
    const auto line_end = response.find("\r\n");
    if (line_end != std::string::npos) return line_end + 2;
  }
  if (response.size() <= 1) return 0;
  return 1 + std::uniform_int_distribution<std::size_t>{0, response.size() - 2}(rng_);
}

std::uint64_t FaultProxy::random_below(std::uint64_t bound) {
  std::lock_guard lock{mutex_};
  return bound == 0 ? 0 : std::uniform_int_distribution<std::uint64_t>{0, bound - 1}(rng_);
}

// The fault for the next request in `faulty` mode; `faulted` false means none.
Fault FaultProxy::choose_fault(bool& faulted) {
  std::lock_guard lock{mutex_};
  const double roll = std::uniform_real_distribution<double>{0.0, 1.0}(rng_);
  const std::array<double, static_cast<std::size_t>(Fault::COUNT)> chances{
      profile_.drop_before, profile_.drop_after, profile_.delay,    profile_.reset,
      profile_.truncate,    profile_.garbage,    profile_.duplicate};
  double sum = 0;
  for (std::size_t i = 0; i < chances.size(); ++i) {
    sum += chances[i];
    if (roll < sum) {
      faulted = true;
      return static_cast<Fault>(i);
    }
  }
  faulted = false;
  return Fault::COUNT;
}

bool FaultProxy::sleep_for(std::chrono::milliseconds duration) {
  std::unique_lock lock{mutex_};
  wake_.wait_for(lock, duration, [&] { return stopping_.load(); });
  return !stopping_.load();
}

void FaultProxy::reap_finished() {
  std::list<std::unique_ptr<Connection>> done;
  {
    std::lock_guard lock{mutex_};
    for (auto it = connections_.begin(); it != connections_.end();) {
      if ((*it)->finished.load()) {
        done.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& connection : done) connection->thread.join();
}

void FaultProxy::accept_loop() {
  while (!stopping_.load()) {
    int listen_fd;
    {
      std::lock_guard lock{mutex_};
      listen_fd = listen_fd_;
      acceptor_generation_ = listen_generation_;
      wake_.notify_all();
    }
    std::array<pollfd, 2> fds{pollfd{wake_pipe_[0], POLLIN, 0}, pollfd{listen_fd, POLLIN, 0}};
    const int ready = ::poll(fds.data(), listen_fd >= 0 ? 2 : 1, 1000);
    reap_finished();
    if (ready <= 0) continue;
    if (fds[0].revents != 0) {
      char drain[64];
      while (::read(wake_pipe_[0], drain, sizeof drain) > 0) {
      }
      continue;  // the listening socket may have changed: take the current one
    }
    if ((fds[1].revents & POLLIN) == 0) continue;
    const int client = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    connections_count_.fetch_add(1);
    if (mode_.load() != ProxyMode::pass && mode_.load() != ProxyMode::faulty) {
      refused_.fetch_add(1);
      ::close(client);
      continue;
    }
    const int on = 1;
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    auto connection = std::make_unique<Connection>();
    connection->client_fd = client;
    Connection& ref = *connection;
    {
      std::lock_guard lock{mutex_};
      connections_.push_back(std::move(connection));
      ref.thread = std::thread([this, &ref] {
        serve(ref);
        ref.close_upstream();
        ref.close_client();
        ref.finished.store(true);
      });
    }
  }
}

// Sends exchange.request to the server on a fresh connection and reads the whole response into
// exchange.response. False when the server could not be reached or gave no complete response.
bool FaultProxy::forward(Connection& connection, Exchange& exchange, int& upstream) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  {
    std::lock_guard lock{connection.fds_mutex};
    connection.upstream_fd = fd;
    if (stopping_.load()) ::shutdown(fd, SHUT_RDWR);
  }
  upstream = fd;
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  const sockaddr_in address = loopback(target_port_.load());
  int connected;
  do {
    connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  } while (connected != 0 && errno == EINTR);
  if (connected != 0 || !send_all(fd, exchange.request)) return false;
  forwarded_.fetch_add(1);

  Reader reader{fd};
  for (;;) {
    std::string head_bytes;
    const auto head = reader.head(head_bytes);
    if (!head) return false;
    const int status = status_of(*head);
    if (status == 0) return false;
    // Interim answers (100 Continue) were already given to the client by the proxy itself.
    if (status >= 100 && status < 200 && status != 101) continue;
    exchange.response = head_bytes;
    exchange.response_close = head->close;
    if (exchange.method == "HEAD" || status == 204 || status == 304) return true;
    if (head->chunked) return reader.chunked(exchange.response);
    if (head->content_length) return reader.exact(*head->content_length, exchange.response);
    exchange.response_close = true;
    return reader.until_close(exchange.response);
  }
}

// The faults that strike before the server has the request (or, for a delay, hold it back);
// false when the exchange ends here.
bool FaultProxy::fault_before_forwarding(Connection& connection, Fault fault, bool after) {
  switch (fault) {
    case Fault::drop_before:
      count(fault);
      return false;
    case Fault::reset:
      if (after) return true;
      count(fault);
      connection.close_client(true);
      return false;
    case Fault::garbage:
      if (after) return true;
      count(fault);
      send_garbage(connection.client_fd);
      return false;
    case Fault::delay:
      count(fault);
      return sleep_for(random_delay());
    default:
      return true;
  }
}

// The faults that strike once the server has answered; true when one ended the exchange.
bool FaultProxy::fault_after_answer(Connection& connection, Fault fault, const Exchange& exchange) {
  switch (fault) {
    case Fault::drop_after:
      count(fault);
      return true;
    case Fault::reset:
      count(fault);
      connection.close_client(true);
      return true;
    case Fault::truncate:
      count(fault);
      send_all(connection.client_fd,
               std::string_view{exchange.response}.substr(0, truncation_point(exchange.response)));
      return true;
    case Fault::garbage:
      count(fault);
      send_garbage(connection.client_fd);
      return true;
    default:
      return false;
  }
}

void FaultProxy::send_garbage(int fd) {
  std::string noise(1 + random_below(512), '\0');
  for (char& c : noise) c = static_cast<char>(random_below(256));
  noise[0] = '\x01';  // never "H", so it cannot pass for a status line
  send_all(fd, noise);
}

// The request once more, its answer thrown away: what a client's retry after a lost answer does.
void FaultProxy::send_duplicate(Connection& connection, const Exchange& exchange) {
  count(Fault::duplicate);
  Exchange copy{exchange.request, exchange.method, false, {}, false};
  int ignored_fd = -1;
  forward(connection, copy, ignored_fd);
  connection.close_upstream();
}

void FaultProxy::serve(Connection& connection) {
  Reader client{connection.client_fd};
  while (!stopping_.load()) {
    Exchange exchange;
    const auto head = client.head(exchange.request);
    if (!head) return;
    exchange.method = method_of(*head);
    exchange.request_close = head->close;
    if (head->expect_continue && !send_all(connection.client_fd, "HTTP/1.1 100 Continue\r\n\r\n")) return;
    if (head->chunked) {
      if (!client.chunked(exchange.request)) return;
    } else if (head->content_length && !client.exact(*head->content_length, exchange.request)) {
      return;
    }
    requests_.fetch_add(1);
    const ProxyMode mode = mode_.load();
    if (mode == ProxyMode::down_refuse || mode == ProxyMode::down_unlisten) return;

    bool faulted = false;
    const Fault fault = mode == ProxyMode::faulty ? choose_fault(faulted) : Fault::COUNT;
    // Half of the resets, garbage answers and duplicates come before the server saw anything,
    // half after.
    const bool after = random_below(2) == 1;
    if (faulted && !fault_before_forwarding(connection, fault, after)) return;
    const bool duplicate = faulted && fault == Fault::duplicate;
    if (duplicate && !after) send_duplicate(connection, exchange);
    int upstream = -1;
    const bool answered = forward(connection, exchange, upstream);
    connection.close_upstream();
    if (!answered) {
      // The server is gone or failed: the client learns it as a closed connection.
      upstream_failures_.fetch_add(1);
      return;
    }
    if (duplicate && after) send_duplicate(connection, exchange);
    if (faulted && fault_after_answer(connection, fault, exchange)) return;
    // Counted first: the client may look at the counters as soon as it has the answer.
    responses_.fetch_add(1);
    if (!send_all(connection.client_fd, exchange.response)) return;
    if (exchange.request_close || exchange.response_close) return;
  }
}

}  // namespace stellwerk::testing
