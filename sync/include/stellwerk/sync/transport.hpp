// The HTTP transport of the sync engine: one libcurl easy handle per server (so one keep-alive
// connection), hardened for a client that talks to a city's server over networks nobody controls.
//
//  * HTTPS is verified by default against the system CA store with TLS >= 1.2; a public-key pin
//    (primary and backup, "sha256//<base64>") may be added. Plain http is allowed only to a
//    loopback address, unless `allow_insecure_http` is set (the kiosk refuses to set it).
//  * Only the http and https protocols; redirects are never followed (a 3xx is returned as a
//    status and the engine reports it); connect and total timeouts; a low-speed abort; and a cap
//    on the response size that is enforced while reading, so an endless body stops at the cap.
//  * Results are values: a TransportError means the request never got a complete answer from
//    the server ("offline, keep the change queued"); an HttpResponse means it did, whatever its
//    status. Nothing here throws across the network boundary.
//
// Thread-safety: an HttpClient is used by one thread at a time. Different HttpClients are
// independent (curl_global_init runs once, thread-safely, before the first is made).
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stellwerk::net {

struct TransportOptions {
  // Public-key pins in curl's form "sha256//<base64 of the SHA-256 of the DER public key>";
  // several may be given (the current key and a backup). Empty: no pinning.
  std::vector<std::string> pinned_public_keys;
  // Allows http:// to a host that is not loopback. Off by default; kiosk mode refuses it.
  bool allow_insecure_http = false;
  // Extra CA bundle (PEM) trusted instead of the system store; empty uses the system store.
  std::filesystem::path ca_file;
  // Every limit below is always in force: zero acts as the smallest limit, never as curl's
  // "unlimited".
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds total_timeout{30'000};
  // Abort when fewer than `low_speed_bytes` per second arrive for `low_speed_window`.
  long low_speed_bytes = 64;
  std::chrono::seconds low_speed_window{10};
  std::size_t max_response_bytes = 16 * 1024 * 1024;
  std::string user_agent = "stellwerk";
};

enum class TransportErrorKind : unsigned char {
  invalid_url,        // not an absolute http(s) URL; also a malformed pin, method, target or header
  insecure_refused,   // http:// to a non-loopback host without allow_insecure_http
  resolve_failed,     // the host name does not resolve
  connect_failed,     // nothing answers on that address and port
  timed_out,          // connect, total or low-speed limit reached
  tls_failed,         // certificate not trusted, wrong host name, handshake failure
  pin_mismatch,       // the server's public key matches none of the pins
  too_large,          // the body passed max_response_bytes, or the headers passed 64 KiB
  connection_lost,    // reset, closed early, truncated or unparseable HTTP
  COUNT
};

struct TransportError {
  TransportErrorKind kind = TransportErrorKind::connection_lost;
  std::string detail;  // curl's words, for logs and the CLI's one-line error
};

std::string_view to_string(TransportErrorKind kind);  // "timed_out", …

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string content_type;                      // lower-cased, without parameters
  std::optional<std::chrono::seconds> retry_after;  // from a Retry-After header in seconds
  std::optional<std::string> next_cursor;           // from a Next-Cursor header: the next page of a list
  // HTTP bytes on the wire, for the benchmark: status or request line, headers and body (with
  // any chunk framing), not counting TLS overhead.
  std::size_t bytes_received = 0;
  std::size_t bytes_sent = 0;
};

struct HttpRequest {
  std::string method = "GET";   // GET, POST, PUT, DELETE
  std::string target;           // path and query, starting with '/': "/api/v1/changes?since=0"
  std::string body;             // sent as application/json when not empty
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Authorization", "Bearer …"}
};

using HttpResult = std::expected<HttpResponse, TransportError>;

class HttpClient {
 public:
  // Checks the base URL ("https://host[:port]", no path, query or user info) against the
  // options; returns invalid_url or insecure_refused without touching the network.
  static std::expected<HttpClient, TransportError> create(std::string_view base_url, TransportOptions options);

  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  ~HttpClient();

  const std::string& base_url() const;
  HttpResult send(const HttpRequest& request);

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl>);
  std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(std::string_view host);

}  // namespace stellwerk::net
