#include "connections.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <csignal>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include <openssl/err.h>
#include <spdlog/spdlog.h>

namespace stellwerk::server {

using Clock = std::chrono::steady_clock;

// Connections accepted by the kernel before the accept loop takes them (capped by
// net.core.somaxconn).
constexpr int kAcceptQueue = 4096;

struct Connection {
  explicit Connection(int fd_) : fd(fd_) {}
  ~Connection() {
    if (ssl != nullptr) {
      ERR_clear_error();
      if (clean) SSL_shutdown(ssl);  // one close_notify, not waiting for the peer's
      SSL_free(ssl);
    }
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::size_t buffered() const { return end - begin; }

  const int fd;
  SSL* ssl = nullptr;
  bool clean = true;                    // false after an error: no close_notify
  std::array<char, 16 * 1024> buffer{};  // read from the socket, not yet taken by the parser
  std::size_t begin = 0;
  std::size_t end = 0;
  Clock::time_point idle_since;
};

namespace {

// Waits until `fd` is ready for `events` (or has failed, which the next read or write reports).
bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    pollfd entry{fd, events, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    const int ready = ::poll(&entry, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 0)));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return false;
  }
}

// Whether a request (or the peer's close) is there to be read without waiting.
bool has_input_now(const Connection& c) {
  if (c.buffered() > 0 || (c.ssl != nullptr && SSL_pending(c.ssl) > 0)) return true;
  pollfd entry{c.fd, POLLIN, 0};
  return ::poll(&entry, 1, 0) > 0;
}

// TLS: waits as OpenSSL asks; false when the operation failed for good or time ran out.
bool wait_for_tls(Connection& c, int result, std::chrono::milliseconds timeout) {
  switch (SSL_get_error(c.ssl, result)) {
    case SSL_ERROR_WANT_READ: return wait_for(c.fd, POLLIN, timeout);
    case SSL_ERROR_WANT_WRITE: return wait_for(c.fd, POLLOUT, timeout);
    default: c.clean = false; return false;
  }
}

bool handshake(Connection& c, SSL_CTX* tls, std::chrono::seconds limit) {
  c.ssl = SSL_new(tls);
  if (c.ssl == nullptr || SSL_set_fd(c.ssl, c.fd) != 1) return false;
  const auto deadline = Clock::now() + limit;
  while (true) {
    const int result = SSL_accept(c.ssl);
    if (result == 1) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || !wait_for_tls(c, result, left)) {
      c.clean = false;
      return false;
    }
  }
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  const int result = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
                          : ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  if (result != 0) return;
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text.data(), text.size());
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text.data(), text.size());
    port = ntohs(v6.sin6_port);
  }
  ip = text.data();
}

// One connection as cpp-httplib's parser sees it. The socket is non-blocking; every wait is a
// poll() bounded by the read or write limit. Bytes read past the current request (a pipelined
// next one) stay in the Connection's buffer for the next request.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(Connection& c, const ConnectionLimits& limits)
      : c_(c), read_limit_(limits.read), write_limit_(limits.write) {}

  bool is_readable() const override {
    return c_.buffered() > 0 || (c_.ssl != nullptr && SSL_pending(c_.ssl) > 0) || wait_for(c_.fd, POLLIN, read_limit_);
  }
  bool is_writable() const override { return wait_for(c_.fd, POLLOUT, write_limit_); }

  ssize_t read(char* ptr, size_t size) override {
    if (c_.buffered() == 0 && !fill()) return -1;
    if (c_.buffered() == 0) return 0;  // the peer closed
    const std::size_t n = std::min(size, c_.buffered());
    std::memcpy(ptr, c_.buffer.data() + c_.begin, n);
    c_.begin += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    while (true) {
      if (c_.ssl != nullptr) {
        ERR_clear_error();  // a failure left by another connection on this thread is not this one's
        const int result = SSL_write(c_.ssl, ptr, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
        if (result > 0) return result;
        if (!wait_for_tls(c_, result, write_limit_)) return -1;
        continue;
      }
      const ssize_t sent = ::send(c_.fd, ptr, size, MSG_NOSIGNAL);
      if (sent >= 0) return sent;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!wait_for(c_.fd, POLLOUT, write_limit_)) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(c_.fd, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(c_.fd, false, ip, port); }
  socket_t socket() const override { return c_.fd; }

 private:
  // Refills the empty buffer: true with bytes, or with none when the peer closed; false on an
  // error or when nothing arrived within the read limit.
  bool fill() {
    c_.begin = c_.end = 0;
    while (true) {
      if (c_.ssl != nullptr) {
        ERR_clear_error();
        const int result = SSL_read(c_.ssl, c_.buffer.data(), static_cast<int>(c_.buffer.size()));
        if (result > 0) {
          c_.end = static_cast<std::size_t>(result);
          return true;
        }
        if (SSL_get_error(c_.ssl, result) == SSL_ERROR_ZERO_RETURN) return true;
        if (!wait_for_tls(c_, result, read_limit_)) return false;
        continue;
      }
      const ssize_t received = ::recv(c_.fd, c_.buffer.data(), c_.buffer.size(), 0);
      if (received >= 0) {
        c_.end = static_cast<std::size_t>(received);
        return true;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
      if (!wait_for(c_.fd, POLLIN, read_limit_)) return false;
    }
  }

  Connection& c_;
  std::chrono::milliseconds read_limit_;
  std::chrono::milliseconds write_limit_;
};

thread_local Clock::time_point began_;

// cpp-httplib's accept loop hands each new socket to its task queue; parking it is quick, so it
// runs right there instead of on a thread of its own.
class RunAtOnce final : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

}  // namespace

Clock::time_point request_began() { return began_; }

ConnectionPark::ConnectionPark(ConnectionLimits limits, ProcessRequest process, SSL_CTX* tls)
    : limits_(limits),
      process_(std::move(process)),
      tls_(tls),
      epoll_(::epoll_create1(EPOLL_CLOEXEC)),
      wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (epoll_ < 0 || wake_ < 0) throw std::runtime_error(std::string{"cannot watch connections: "} + std::strerror(errno));
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &event);
  // OpenSSL writes to the socket with write(), which raises SIGPIPE when the peer has gone and
  // would end the process. The threads that write (the workers, and the watcher, which closes
  // idle connections) block it; they inherit the mask of the thread that starts them.
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  sigset_t before;
  pthread_sigmask(SIG_BLOCK, &pipe, &before);
  workers_ = std::make_unique<httplib::ThreadPool>(static_cast<std::size_t>(std::max(1, limits_.workers)));
  watcher_ = std::thread([this] { watch(); });
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

ConnectionPark::~ConnectionPark() {
  stop();
  ::close(epoll_);
  ::close(wake_);
}

void ConnectionPark::admit(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  // Headers and body go out in separate writes; without this the body of a reply on a kept-alive
  // connection waits ~40 ms for the client's delayed ACK (Nagle).
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  try {
    wait_for_request(std::make_shared<Connection>(fd));
  } catch (const std::exception& e) {  // out of memory: refuse this one connection, keep serving
    ::close(fd);
    spdlog::error("a new connection was refused: {}", e.what());
  }
}

void ConnectionPark::wait_for_request(std::shared_ptr<Connection> connection) {
  std::lock_guard lock{mutex_};
  if (stopping_) return;  // the last reference goes: the connection closes
  connection->idle_since = Clock::now();
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP;
  event.data.fd = connection->fd;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, connection->fd, &event) != 0) {
    spdlog::warn("cannot watch a connection: {}", std::strerror(errno));
    return;
  }
  waiting_.emplace(connection->fd, std::move(connection));
}

// On a worker: the connection's next request has begun to arrive (or it was closed). Serves
// requests while more are already there, then lets it wait again.
void ConnectionPark::serve(const std::shared_ptr<Connection>& connection) {
  Connection& c = *connection;
  // Nothing may escape a worker: an exception there would end the whole server.
  try {
    if (tls_ != nullptr && c.ssl == nullptr && !handshake(c, tls_, limits_.read)) return;
    while (has_input_now(c)) {
      began_ = Clock::now();
      ConnectionStream stream{c, limits_};
      bool connection_closed = false;
      if (!process_(stream, connection_closed, c.ssl) || connection_closed) return;
    }
    wait_for_request(connection);
  } catch (const std::exception& e) {
    c.clean = false;
    spdlog::error("a connection ended on an error: {}", e.what());
  }
}

void ConnectionPark::watch() {
  std::array<epoll_event, 256> events{};
  auto last_sweep = Clock::now();
  while (true) {
    const int count = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 1000);
    std::vector<std::shared_ptr<Connection>> ready;
    {
      std::lock_guard lock{mutex_};
      if (stopping_) return;
      for (int i = 0; i < count; ++i) {
        const auto found = waiting_.find(events[static_cast<std::size_t>(i)].data.fd);
        if (found == waiting_.end()) continue;  // the wake-up
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, found->first, nullptr);
        ready.push_back(std::move(found->second));
        waiting_.erase(found);
      }
      if (const auto now = Clock::now(); now - last_sweep >= std::chrono::seconds{1}) {
        close_idle(now);
        last_sweep = now;
      }
    }
    for (auto& connection : ready) workers_->enqueue([this, connection] { serve(connection); });
  }
}

void ConnectionPark::close_idle(Clock::time_point now) {
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (now - it->second->idle_since < limits_.idle) {
      ++it;
      continue;
    }
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, it->first, nullptr);
    it = waiting_.erase(it);
  }
}

void ConnectionPark::stop() {
  {
    std::lock_guard lock{mutex_};
    if (stopping_) return;
    stopping_ = true;
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_, &one, sizeof one);
  if (watcher_.joinable()) watcher_.join();
  {
    std::lock_guard lock{mutex_};
    // Closed from this thread, which may not block SIGPIPE: no close_notify, no write.
    for (auto& [fd, connection] : waiting_) connection->clean = false;
    waiting_.clear();
  }
  workers_->shutdown();  // requests in progress finish; their connections then close
}

std::size_t ConnectionPark::waiting() const {
  std::lock_guard lock{mutex_};
  return waiting_.size();
}

PlainServer::PlainServer(ConnectionLimits limits) {
  new_task_queue = [] { return new RunAtOnce; };
  park_ = std::make_unique<ConnectionPark>(
      limits,
      [this](httplib::Stream& stream, bool& connection_closed, SSL*) {
        return process_request(stream, false, connection_closed, nullptr);
      },
      nullptr);
}

void PlainServer::deepen_accept_queue() { ::listen(svr_sock_, kAcceptQueue); }

bool PlainServer::process_and_close_socket(socket_t sock) {
  park_->admit(sock);
  return true;
}

TlsServer::TlsServer(ConnectionLimits limits, const char* cert_path, const char* key_path)
    : httplib::SSLServer(cert_path, key_path) {
  new_task_queue = [] { return new RunAtOnce; };
  park_ = std::make_unique<ConnectionPark>(
      limits,
      [this](httplib::Stream& stream, bool& connection_closed, SSL* ssl) {
        return process_request(stream, false, connection_closed, [ssl](httplib::Request& req) { req.ssl = ssl; });
      },
      ssl_context());
}

void TlsServer::deepen_accept_queue() { ::listen(svr_sock_, kAcceptQueue); }

bool TlsServer::process_and_close_socket(socket_t sock) {
  if (!is_valid()) {  // no usable certificate: never serve such a connection in plain text
    ::close(sock);
    return false;
  }
  park_->admit(sock);
  return true;
}

}  // namespace stellwerk::server
