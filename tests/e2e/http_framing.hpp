// The fault proxy's minimal HTTP/1.1 framer (fault_proxy.cpp): request and response heads,
// Content-Length and chunked bodies, or a body that runs until the server closes, read from a
// socket message by message. It only finds where a message ends; it never rewrites a byte.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stellwerk::testing::http_framing {

// Long enough for a sanitizer build answering a sign-in (password hashing) on a loaded machine;
// the destructor cuts every socket, so these only matter when a peer truly goes silent.
inline constexpr int kIoTimeoutMs = 120'000;
inline constexpr std::size_t kMaxHead = 64 * 1024;
inline constexpr std::size_t kMaxBody = 64 * 1024 * 1024;

inline std::string lower(std::string_view text) {
  std::string out{text};
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// What the framer needs from a message head.
struct Head {
  std::string start_line;  // "POST /api/v1/bookings HTTP/1.1" or "HTTP/1.1 201 Created"
  std::optional<std::size_t> content_length;
  bool chunked = false;
  bool close = false;           // Connection: close, or HTTP/1.0 without keep-alive
  bool expect_continue = false;
};

inline std::optional<Head> parse_head(std::string_view raw) {
  Head head;
  const auto line_end = raw.find("\r\n");
  if (line_end == std::string_view::npos) return std::nullopt;
  head.start_line = std::string{raw.substr(0, line_end)};
  const bool http10 = head.start_line.find("HTTP/1.0") != std::string::npos;
  bool keep_alive = false;
  std::size_t pos = line_end + 2;
  while (pos < raw.size()) {
    const auto end = raw.find("\r\n", pos);
    if (end == std::string_view::npos || end == pos) break;
    const std::string_view line = raw.substr(pos, end - pos);
    pos = end + 2;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string name = lower(trim(line.substr(0, colon)));
    const std::string value = lower(trim(line.substr(colon + 1)));
    if (name == "content-length") {
      std::size_t length = 0;
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
      if (ec != std::errc{} || ptr != value.data() + value.size() || length > kMaxBody) return std::nullopt;
      head.content_length = length;
    } else if (name == "transfer-encoding") {
      head.chunked = value.find("chunked") != std::string::npos;
    } else if (name == "connection") {
      head.close = value.find("close") != std::string::npos;
      keep_alive = value.find("keep-alive") != std::string::npos;
    } else if (name == "expect") {
      head.expect_continue = value == "100-continue";
    }
  }
  if (http10 && !keep_alive) head.close = true;
  return head;
}

// The status code of a response head, 0 when it has none.
inline int status_of(const Head& head) {
  const auto space = head.start_line.find(' ');
  if (space == std::string::npos || head.start_line.size() < space + 4) return 0;
  int status = 0;
  const char* first = head.start_line.data() + space + 1;
  std::from_chars(first, first + 3, status);
  return status;
}

inline bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

// Reads an HTTP byte stream message by message, keeping what arrives beyond the current message
// for the next one (a pipelining client).
class Reader {
 public:
  explicit Reader(int fd) : fd_(fd) {}

  // Reads a head through its blank line; nullopt on close, error, timeout or a malformed head.
  // `raw` receives the head's bytes.
  std::optional<Head> head(std::string& raw) {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (buffer_.size() > kMaxHead || !fill()) return std::nullopt;
    }
    raw = buffer_.substr(0, end + 4);
    buffer_.erase(0, end + 4);
    return parse_head(raw);
  }

  bool exact(std::size_t count, std::string& out) {
    while (buffer_.size() < count) {
      if (!fill()) return false;
    }
    out.append(buffer_, 0, count);
    buffer_.erase(0, count);
    return true;
  }

  // A chunked body as it came, size lines and trailers included.
  bool chunked(std::string& out) {
    for (;;) {
      std::string line;
      if (!this->line(line)) return false;
      out += line;
      std::size_t size = 0;
      const std::string_view digits = trim(std::string_view{line}.substr(0, line.find_first_of(";\r")));
      const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
      if (ec != std::errc{} || size > kMaxBody) return false;
      if (size == 0) break;
      if (!exact(size + 2, out)) return false;
    }
    // Trailers up to the blank line.
    for (;;) {
      std::string line;
      if (!this->line(line)) return false;
      out += line;
      if (line == "\r\n") return true;
    }
  }

  bool until_close(std::string& out) {
    while (fill()) {
      if (buffer_.size() > kMaxBody) return false;
    }
    out += buffer_;
    buffer_.clear();
    return !failed_;
  }

 private:
  bool line(std::string& out) {
    std::size_t end;
    while ((end = buffer_.find("\r\n")) == std::string::npos) {
      if (buffer_.size() > kMaxHead || !fill()) return false;
    }
    out = buffer_.substr(0, end + 2);
    buffer_.erase(0, end + 2);
    return true;
  }

  // One read; false on orderly close (failed_ stays false), on error or timeout (failed_ set).
  bool fill() {
    pollfd p{fd_, POLLIN, 0};
    int ready;
    do {
      ready = ::poll(&p, 1, kIoTimeoutMs);
    } while (ready < 0 && errno == EINTR);
    if (ready <= 0) {
      failed_ = true;
      return false;
    }
    char chunk[16 * 1024];
    ssize_t got;
    do {
      got = ::recv(fd_, chunk, sizeof chunk, 0);
    } while (got < 0 && errno == EINTR);
    if (got < 0) failed_ = true;
    if (got <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(got));
    return true;
  }

  int fd_;
  std::string buffer_;
  bool failed_ = false;
};

// The method of a request line: "POST".
inline std::string method_of(const Head& head) { return head.start_line.substr(0, head.start_line.find(' ')); }

inline sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace stellwerk::testing::http_framing
