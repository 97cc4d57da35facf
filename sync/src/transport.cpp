// The libcurl implementation of stellwerk::net::HttpClient (see transport.hpp for the contract).
// Each request starts from curl_easy_reset and sets every option again, so no setting of one
// request (a POST body, a custom method) can leak into the next; the reset keeps the handle's
// live connections, DNS and TLS session caches, which is what makes keep-alive work. Two limits
// are enforced here rather than by curl, because libcurl 7.88 only checks them up front: the body
// cap (CURLOPT_MAXFILESIZE_LARGE only looks at Content-Length, so a chunked body is counted in
// the write callback) and a cap on the total header bytes (against an endless header stream).
// Our own aborts surface from curl as CURLE_WRITE_ERROR; the reason is remembered beside the
// transfer so that they are reported as too_large and not as a lost connection.
#include "stellwerk/sync/transport.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fmt/format.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <climits>
#include <cstdint>
#include <cstring>
#include <mutex>

namespace stellwerk::net {
namespace {

// Real responses carry a few hundred header bytes; 64 KiB leaves room for large cookies or
// tracing headers and still stops a server that never ends its header block.
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

constexpr std::array<std::string_view, static_cast<std::size_t>(TransportErrorKind::COUNT)> kKindNames{
    "invalid_url", "insecure_refused", "resolve_failed", "connect_failed", "timed_out",
    "tls_failed",  "pin_mismatch",     "too_large",      "connection_lost"};
static_assert(kKindNames.size() == static_cast<std::size_t>(TransportErrorKind::COUNT));

std::once_flag g_curl_init_once;
CURLcode g_curl_init_result = CURLE_FAILED_INIT;

// curl_global_init is not thread-safe in every build of libcurl (it depends on the TLS library),
// so it runs exactly once, under call_once, before the first handle is made.
bool ensure_curl_initialised() {
  std::call_once(g_curl_init_once, [] { g_curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return g_curl_init_result == CURLE_OK;
}

TransportError error(TransportErrorKind kind, std::string detail) { return {kind, std::move(detail)}; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// --- Base URL --------------------------------------------------------------------------------

struct UrlHandle {
  CURLU* handle = curl_url();
  UrlHandle() = default;
  UrlHandle(const UrlHandle&) = delete;
  UrlHandle& operator=(const UrlHandle&) = delete;
  ~UrlHandle() { curl_url_cleanup(handle); }

  // The part, or nullopt when the URL has none (CURLUE_NO_QUERY and friends).
  std::optional<std::string> part(CURLUPart which) const {
    char* text = nullptr;
    if (curl_url_get(handle, which, &text, 0) != CURLUE_OK || text == nullptr) return std::nullopt;
    std::string copy = text;
    curl_free(text);
    return copy;
  }
};

struct BaseUrl {
  std::string normalized;  // "scheme://host[:port]", without a trailing slash
  std::string host;        // as curl normalised it; IPv6 in brackets
  bool https = false;
};

std::expected<BaseUrl, TransportError> parse_base_url(std::string_view text) {
  const auto invalid = [&](std::string_view why) {
    return std::unexpected(error(TransportErrorKind::invalid_url, fmt::format("{}: {}", why, text)));
  };
  // curl reads a C string: an embedded NUL would silently cut the URL short.
  if (text.find('\0') != std::string_view::npos) return invalid("URL contains a NUL byte");
  UrlHandle url;
  if (url.handle == nullptr) return std::unexpected(error(TransportErrorKind::invalid_url, "out of memory"));
  const std::string owned{text};
  if (const CURLUcode code = curl_url_set(url.handle, CURLUPART_URL, owned.c_str(), 0); code != CURLUE_OK) {
    return invalid(curl_url_strerror(code));
  }
  const auto scheme = url.part(CURLUPART_SCHEME);
  if (!scheme || (*scheme != "http" && *scheme != "https")) return invalid("only http and https URLs are allowed");
  // curl is lenient with slashes ("https:/host" and "https:///host" both name "host"); a base
  // URL is configuration, and it must mean what it says.
  if (const auto rest = text.substr(scheme->size()); !rest.starts_with("://") || rest.starts_with(":///")) {
    return invalid("expected scheme://host");
  }
  const auto host = url.part(CURLUPART_HOST);
  if (!host || host->empty()) return invalid("URL has no host");
  if (url.part(CURLUPART_USER) || url.part(CURLUPART_PASSWORD) || url.part(CURLUPART_OPTIONS)) {
    return invalid("URL must not carry user information");
  }
  if (url.part(CURLUPART_QUERY)) return invalid("URL must not have a query");
  if (url.part(CURLUPART_FRAGMENT)) return invalid("URL must not have a fragment");
  if (const auto path = url.part(CURLUPART_PATH); path && !path->empty() && *path != "/") {
    return invalid("URL must not have a path");
  }
  BaseUrl base;
  base.https = *scheme == "https";
  base.host = *host;
  base.normalized = *scheme + "://" + *host;
  if (const auto port = url.part(CURLUPART_PORT)) base.normalized += ":" + *port;
  return base;
}

// --- Request checks --------------------------------------------------------------------------

// The target is appended to the base URL as it is, so it must start with '/' (otherwise
// "https://host" + "@evil" would name another host) and hold only visible ASCII; anything else
// must be percent-encoded by the caller.
bool valid_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  return std::ranges::all_of(target, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7f && c != '#';
  });
}

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
}

// A CR or LF in a value would let a caller's data start a header of its own.
bool valid_header(const std::pair<std::string, std::string>& header) {
  return !header.first.empty() && std::ranges::all_of(header.first, is_token_char) &&
         header.second.find_first_of(std::string_view{"\r\n\0", 3}) == std::string::npos;
}

// --- Per-request state and callbacks ---------------------------------------------------------

enum class Abort : unsigned char { none, body_too_large, headers_too_large, out_of_memory };

struct Transfer {
  std::size_t max_body = 0;
  std::string body;
  std::size_t header_bytes = 0;
  std::size_t bytes_sent = 0;
  std::size_t bytes_received = 0;
  std::optional<std::chrono::seconds> retry_after;
  std::optional<std::string> next_cursor;
  // The blank line that ends the final header block arrived. libcurl 7.88 reports a transfer
  // cut off right after the status line as complete (status set, no body); without this flag
  // such a fragment would pass for the server's answer.
  bool headers_complete = false;
  Abort abort = Abort::none;
};

// Only the delta-seconds form: the HTTP-date form depends on the two clocks agreeing, and a
// value we cannot read is better ignored than guessed.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
  value = trim(value);
  if (value.empty() || !std::ranges::all_of(value, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::int64_t seconds = 0;
  const auto [end, code] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (code != std::errc{} || end != value.data() + value.size()) return std::nullopt;
  return std::chrono::seconds{seconds};
}

// curl calls these from inside curl_easy_perform; they must not throw into C code.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;  // curl documents size as always 1
  if (bytes > transfer.max_body - transfer.body.size()) {
    transfer.abort = Abort::body_too_large;
    return CURL_WRITEFUNC_ERROR;
  }
  try {
    transfer.body.append(data, bytes);
  } catch (...) {
    transfer.abort = Abort::out_of_memory;
    return CURL_WRITEFUNC_ERROR;
  }
  return bytes;
}

// curl hands over one complete header line per call, the status line included.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  transfer.header_bytes += bytes;
  if (transfer.header_bytes > kMaxHeaderBytes) {
    transfer.abort = Abort::headers_too_large;
    return CURL_WRITEFUNC_ERROR;
  }
  const std::string_view line{data, bytes};
  // A 1xx interim response has its own header block; only the final one counts.
  if (line.starts_with("HTTP/")) {
    transfer.retry_after.reset();
    transfer.next_cursor.reset();
    transfer.headers_complete = false;
  }
  if (line == "\r\n" || line == "\n") transfer.headers_complete = true;
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (starts_with_ignoring_case(line, kRetryAfter))
    transfer.retry_after = parse_retry_after(line.substr(kRetryAfter.size()));
  constexpr std::string_view kNextCursor = "next-cursor:";
  if (starts_with_ignoring_case(line, kNextCursor)) {
    const std::string_view value = trim(line.substr(kNextCursor.size()));
    if (!value.empty()) {
      try {
        transfer.next_cursor = std::string{value};
      } catch (...) {
        transfer.abort = Abort::out_of_memory;
        return CURL_WRITEFUNC_ERROR;
      }
    }
  }
  return bytes;
}

// Counts the HTTP bytes each way as they cross the wire (status or request line, headers, body
// with any chunk framing; TLS records not included). CURLINFO_REQUEST_SIZE + SIZE_UPLOAD_T would
// be simpler but is wrong: curl 7.88 counts a POSTFIELDS body under 64 KiB in REQUEST_SIZE (it
// goes out in one buffer with the headers) and a larger one not, so small bodies counted twice.
// curl calls this only with CURLOPT_VERBOSE on.
int on_debug(CURL*, curl_infotype type, char*, std::size_t size, void* user) noexcept {
  auto& transfer = *static_cast<Transfer*>(user);
  if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) transfer.bytes_sent += size;
  if (type == CURLINFO_HEADER_IN || type == CURLINFO_DATA_IN) transfer.bytes_received += size;
  return 0;
}

TransportErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportErrorKind::resolve_failed;
    case CURLE_COULDNT_CONNECT:
      return TransportErrorKind::connect_failed;
    case CURLE_OPERATION_TIMEDOUT:  // connect, total and low-speed limits alike
      return TransportErrorKind::timed_out;
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return TransportErrorKind::pin_mismatch;
    case CURLE_PEER_FAILED_VERIFICATION:  // also CURLE_SSL_CACERT, the same value
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
      return TransportErrorKind::tls_failed;
    case CURLE_FILESIZE_EXCEEDED:
      return TransportErrorKind::too_large;
    case CURLE_URL_MALFORMAT:
      return TransportErrorKind::invalid_url;
    // Everything else means no complete answer arrived: GOT_NOTHING, RECV_ERROR, SEND_ERROR,
    // PARTIAL_FILE, WEIRD_SERVER_REPLY, and UNSUPPORTED_PROTOCOL, which at this point (the
    // scheme was checked in create) can only be curl refusing an HTTP/0.9 reply of raw bytes.
    default:
      return TransportErrorKind::connection_lost;
  }
}

std::string lowercase_media_type(std::string_view content_type) {
  std::string media{trim(content_type.substr(0, content_type.find(';')))};
  std::ranges::transform(media, media.begin(),
                         [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return media;
}

struct HeaderList {
  curl_slist* list = nullptr;
  HeaderList() = default;
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  ~HeaderList() { curl_slist_free_all(list); }
  bool add(const std::string& line) {
    curl_slist* grown = curl_slist_append(list, line.c_str());
    if (grown == nullptr) return false;
    list = grown;
    return true;
  }
};

long to_curl_long(long long value, long long minimum) {
  return static_cast<long>(std::clamp<long long>(value, minimum, LONG_MAX));
}

}  // namespace

std::string_view to_string(TransportErrorKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return index < kKindNames.size() ? kKindNames[index] : std::string_view{"unknown"};
}

bool is_loopback_host(std::string_view host) {
  if (equals_ignoring_case(host, "localhost")) return true;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string text{host};
  in_addr v4{};
  if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1) return std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
  return false;
}

struct HttpClient::Impl {
  struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  std::unique_ptr<CURL, EasyDeleter> easy;
  BaseUrl base;
  TransportOptions options;
  std::string pins;  // joined with ';' as CURLOPT_PINNEDPUBLICKEY wants them
  std::string ca_file;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};

  HttpResult send(const HttpRequest& request);
  bool configure(const HttpRequest& request, Transfer& transfer, HeaderList& headers, const std::string& url);
};

bool HttpClient::Impl::configure(const HttpRequest& request, Transfer& transfer, HeaderList& headers,
                                 const std::string& url) {
  CURL* h = easy.get();
  bool ok = true;
  const auto set = [&](CURLoption option, auto value) { ok = ok && curl_easy_setopt(h, option, value) == CURLE_OK; };

  set(CURLOPT_ERRORBUFFER, error_buffer.data());
  set(CURLOPT_URL, url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, 0L);
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_TCP_NODELAY, 1L);
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  set(CURLOPT_USERAGENT, options.user_agent.c_str());
  // A proxy from the environment must not see, or break, traffic that never leaves the machine.
  if (is_loopback_host(base.host)) set(CURLOPT_NOPROXY, "*");

  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!pins.empty()) set(CURLOPT_PINNEDPUBLICKEY, pins.c_str());
  if (!ca_file.empty()) {
    set(CURLOPT_CAINFO, ca_file.c_str());
    // Debian's curl also trusts /etc/ssl/certs through CAPATH; "instead of the system store"
    // means that must go too.
    set(CURLOPT_CAPATH, static_cast<const char*>(nullptr));
  }

  // curl reads 0 as "no limit"; a limit given here is always a limit.
  set(CURLOPT_CONNECTTIMEOUT_MS, to_curl_long(options.connect_timeout.count(), 1));
  // A large body (a floor's drawing, up to 8 MiB) gets time to go up on a slow line too: a second
  // more for every 64 KiB; the low-speed limit still ends a transfer that stalls.
  const auto body_allowance = static_cast<long long>(request.body.size() / (64 * 1024)) * 1000;
  set(CURLOPT_TIMEOUT_MS, to_curl_long(options.total_timeout.count() + body_allowance, 1));
  set(CURLOPT_LOW_SPEED_LIMIT, to_curl_long(options.low_speed_bytes, 1));
  set(CURLOPT_LOW_SPEED_TIME, to_curl_long(options.low_speed_window.count(), 1));
  if (options.max_response_bytes > 0) {
    const auto cap = std::min<std::uintmax_t>(options.max_response_bytes, INT64_MAX);
    set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(cap));
  }

  set(CURLOPT_WRITEFUNCTION, &on_body);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
  set(CURLOPT_HEADERFUNCTION, &on_header);
  set(CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
  set(CURLOPT_DEBUGFUNCTION, &on_debug);
  set(CURLOPT_DEBUGDATA, static_cast<void*>(&transfer));
  set(CURLOPT_VERBOSE, 1L);  // only feeds on_debug; nothing is printed

  const bool has_body = !request.body.empty();
  // PUT carries a body (possibly empty, then "Content-Length: 0"); so does any request with one.
  if (has_body || request.method == "POST" || request.method == "PUT") {
    // Size first: the body may hold NUL bytes, so curl must not measure it with strlen.
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set(CURLOPT_POSTFIELDS, request.body.data());
  } else {
    set(CURLOPT_HTTPGET, 1L);
  }
  if (request.method != "GET" && request.method != "POST") set(CURLOPT_CUSTOMREQUEST, request.method.c_str());

  bool caller_sets_content_type = false;
  for (const auto& [name, value] : request.headers) {
    caller_sets_content_type = caller_sets_content_type || equals_ignoring_case(name, "Content-Type");
    // "Name:" with nothing after it tells curl to remove the header; "Name;" sends it empty.
    ok = ok && headers.add(value.empty() ? name + ";" : name + ": " + value);
  }
  if (has_body && !caller_sets_content_type) ok = ok && headers.add("Content-Type: application/json");
  // curl would otherwise wait up to a second for "100 Continue" before sending a larger body.
  ok = ok && headers.add("Expect:");
  set(CURLOPT_HTTPHEADER, headers.list);
  return ok;
}

HttpResult HttpClient::Impl::send(const HttpRequest& request) {
  if (request.method != "GET" && request.method != "POST" && request.method != "PUT" && request.method != "DELETE") {
    return std::unexpected(
        error(TransportErrorKind::invalid_url, fmt::format("unsupported method {:?}", request.method)));
  }
  if (!valid_target(request.target)) {
    return std::unexpected(
        error(TransportErrorKind::invalid_url, fmt::format("invalid request target {:?}", request.target)));
  }
  if (const auto bad = std::ranges::find_if_not(request.headers, valid_header); bad != request.headers.end()) {
    return std::unexpected(error(TransportErrorKind::invalid_url, fmt::format("invalid header {:?}", bad->first)));
  }

  CURL* h = easy.get();
  // Keeps the connection cache (curl_easy_reset documents that live connections survive it).
  curl_easy_reset(h);
  error_buffer.front() = '\0';
  Transfer transfer;
  transfer.max_body = options.max_response_bytes;
  HeaderList headers;
  const std::string url = base.normalized + request.target;
  if (!configure(request, transfer, headers, url)) {
    return std::unexpected(error(TransportErrorKind::connection_lost, "libcurl refused an option (out of memory?)"));
  }

  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    std::string detail = error_buffer.front() != '\0' ? std::string{error_buffer.data()} : curl_easy_strerror(code);
    if (code == CURLE_WRITE_ERROR) {
      switch (transfer.abort) {
        case Abort::body_too_large:
          return std::unexpected(error(TransportErrorKind::too_large,
                                       fmt::format("response body passed {} bytes", options.max_response_bytes)));
        case Abort::headers_too_large:
          return std::unexpected(
              error(TransportErrorKind::too_large, fmt::format("response headers passed {} bytes", kMaxHeaderBytes)));
        case Abort::out_of_memory:
          return std::unexpected(
              error(TransportErrorKind::connection_lost, "out of memory while reading the response"));
        case Abort::none:
          break;
      }
    }
    return std::unexpected(error(kind_of(code), std::move(detail)));
  }

  if (!transfer.headers_complete) {
    return std::unexpected(error(TransportErrorKind::connection_lost, "the answer ended before its headers did"));
  }

  HttpResponse response;
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  response.body = std::move(transfer.body);
  char* content_type = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type != nullptr) {
    response.content_type = lowercase_media_type(content_type);
  }
  response.retry_after = transfer.retry_after;
  response.next_cursor = std::move(transfer.next_cursor);
  response.bytes_received = transfer.bytes_received;
  response.bytes_sent = transfer.bytes_sent;
  return response;
}

std::expected<HttpClient, TransportError> HttpClient::create(std::string_view base_url, TransportOptions options) try {
  if (!ensure_curl_initialised())
    return std::unexpected(error(TransportErrorKind::connection_lost, "curl_global_init failed"));
  auto base = parse_base_url(base_url);
  if (!base) return std::unexpected(std::move(base.error()));
  if (!base->https && !options.allow_insecure_http && !is_loopback_host(base->host)) {
    return std::unexpected(error(TransportErrorKind::insecure_refused,
                                 fmt::format("plain http to {} is not allowed; use https", base->host)));
  }
  std::string pins;
  for (const auto& pin : options.pinned_public_keys) {
    // Anything without the prefix curl would take for a file name and try to open.
    if (!pin.starts_with("sha256//") || pin.size() == 8 || pin.find(';') != std::string::npos) {
      return std::unexpected(
          error(TransportErrorKind::invalid_url, fmt::format("pin {:?} is not sha256//<base64>", pin)));
    }
    if (!pins.empty()) pins += ';';
    pins += pin;
  }

  auto impl = std::make_unique<Impl>();
  impl->easy.reset(curl_easy_init());
  if (!impl->easy) return std::unexpected(error(TransportErrorKind::connection_lost, "curl_easy_init failed"));
  impl->base = std::move(*base);
  impl->pins = std::move(pins);
  impl->ca_file = options.ca_file.string();
  impl->options = std::move(options);
  return HttpClient{std::move(impl)};
} catch (const std::exception& e) {
  return std::unexpected(error(TransportErrorKind::connection_lost, e.what()));
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_{std::move(impl)} {}
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;
HttpClient::~HttpClient() = default;

const std::string& HttpClient::base_url() const {
  static const std::string kMovedFrom;
  return impl_ ? impl_->base.normalized : kMovedFrom;
}

HttpResult HttpClient::send(const HttpRequest& request) {
  if (!impl_) return std::unexpected(error(TransportErrorKind::connection_lost, "HttpClient was moved from"));
  try {
    return impl_->send(request);
  } catch (const std::exception& e) {
    return std::unexpected(error(TransportErrorKind::connection_lost, e.what()));
  }
}

}  // namespace stellwerk::net
