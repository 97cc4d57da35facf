// The scripted raw-socket server of hostile_server.hpp. Blocking calls are woken by shutdown():
// on Linux it makes a blocked accept() on the listening socket and a blocked recv()/send() on
// the connection return at once, which is simpler than a poll loop with a wake-up pipe.
#include "hostile_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <utility>

namespace stellwerk::net::testing {
namespace {

// Binds a TCP socket to 127.0.0.1 on a port the kernel picks; returns the socket and port.
std::pair<int, int> bind_loopback() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const int saved = errno;
    ::close(fd);
    throw std::system_error(saved, std::generic_category(), "bind");
  }
  return {fd, ntohs(address.sin_port)};
}

}  // namespace

bool HostileServer::Connection::receive_more() {
  char chunk[4096];
  while (true) {
    const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0 || server_.stopping()) return false;
    buffered_.append(chunk, static_cast<std::size_t>(got));
    received_ += static_cast<std::size_t>(got);
    return true;
  }
}

std::string HostileServer::Connection::read_request_head() {
  while (true) {
    if (const auto end = buffered_.find("\r\n\r\n"); end != std::string::npos) {
      std::string head = buffered_.substr(0, end + 4);
      buffered_.erase(0, end + 4);
      return head;
    }
    if (!receive_more()) return {};
  }
}

std::string HostileServer::Connection::read_exactly(std::size_t count) {
  while (buffered_.size() < count && receive_more()) {
  }
  std::string bytes = buffered_.substr(0, count);
  buffered_.erase(0, bytes.size());
  return bytes;
}

bool HostileServer::Connection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    if (server_.stopping()) return false;
    // MSG_NOSIGNAL: a client that hung up must end the script, not the test process (SIGPIPE).
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

bool HostileServer::Connection::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock{server_.mutex_};
  return !server_.wake_.wait_for(lock, duration, [this] { return server_.stopping(); });
}

HostileServer::HostileServer(Script script) : script_{std::move(script)} {
  std::tie(listen_fd_, port_) = bind_loopback();
  if (::listen(listen_fd_, 16) != 0) {
    ::close(listen_fd_);
    throw std::system_error(errno, std::generic_category(), "listen");
  }
  thread_ = std::thread{[this] { run(); }};
}

HostileServer::~HostileServer() {
  {
    std::lock_guard lock{mutex_};
    stopping_ = true;
    if (current_fd_ >= 0) ::shutdown(current_fd_, SHUT_RDWR);
  }
  wake_.notify_all();
  ::shutdown(listen_fd_, SHUT_RDWR);
  thread_.join();
  ::close(listen_fd_);
}

void HostileServer::run() {
  while (!stopping()) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // shut down by the destructor
    }
    {
      std::lock_guard lock{mutex_};
      if (stopping_) {
        ::close(fd);
        return;
      }
      current_fd_ = fd;
    }
    Connection connection{*this, fd, accepted_++};
    script_(connection);
    std::lock_guard lock{mutex_};
    current_fd_ = -1;
    ::close(fd);
  }
}

int closed_loopback_port() {
  const auto [fd, port] = bind_loopback();
  ::close(fd);
  return port;
}

BlackholePort::BlackholePort() {
  std::tie(listen_fd_, port_) = bind_loopback();
  // Backlog 0 leaves room for exactly one connection; the one made below takes it.
  queued_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port_));
  if (::listen(listen_fd_, 0) != 0 || queued_fd_ < 0 ||
      ::connect(queued_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    const int saved = errno;
    if (queued_fd_ >= 0) ::close(queued_fd_);
    ::close(listen_fd_);
    throw std::system_error(saved, std::generic_category(), "filling the accept queue");
  }
}

BlackholePort::~BlackholePort() {
  ::close(queued_fd_);
  ::close(listen_fd_);
}

}  // namespace stellwerk::net::testing
