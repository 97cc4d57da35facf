// The directory check (contracts in directory.hpp). Every wait of one check comes out of a single
// deadline: before each step the handle's network timeout (connecting) and operation timeout
// (every synchronous call's wait for its answer) are set to what is left of it, so a directory
// that accepts connections and never answers costs at most the configured timeout in all. Those
// timeouts do not reach a TLS handshake (ldaps://, or a StartTLS answer followed by silence), in
// which libldap would wait and spin forever: a watchdog shuts the socket down at the deadline.
#include "directory.hpp"

#include <ldap.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/time.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace stellwerk::server {
namespace {

using SteadyClock = std::chrono::steady_clock;

class Deadline {
 public:
  explicit Deadline(std::chrono::seconds budget) : end_(SteadyClock::now() + budget) {}
  SteadyClock::time_point end() const { return end_; }
  // What is left, as the timeval libldap takes; nullopt when nothing is.
  std::optional<timeval> left() const {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(end_ - SteadyClock::now()).count();
    if (micros <= 0) return std::nullopt;
    return timeval{static_cast<time_t>(micros / 1'000'000), static_cast<suseconds_t>(micros % 1'000'000)};
  }

 private:
  SteadyClock::time_point end_;
};

// Whether a result code means the directory could not answer (rather than that it said no).
// Negative codes are libldap's own: server down, timeout, connect or TLS errors.
bool cannot_answer(int code) {
  return code < 0 || code == LDAP_BUSY || code == LDAP_UNAVAILABLE || code == LDAP_TIMELIMIT_EXCEEDED ||
         code == LDAP_ADMINLIMIT_EXCEEDED || code == LDAP_OTHER;
}

struct Unbind {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
struct MessageFree {
  void operator()(LDAPMessage* message) const { ldap_msgfree(message); }
};

// Shuts the connection's socket down when the deadline passes before the check ends, which ends
// any wait on it with an error. libldap tells it the socket through its connect callback, as soon
// as the TCP connection stands (before any TLS), and again when it closes it.
class Watchdog {
 public:
  explicit Watchdog(SteadyClock::time_point end) : thread_([this, end] { watch(end); }) {
    callback_.lc_add = &Watchdog::opened;
    callback_.lc_del = &Watchdog::closed;
    callback_.lc_arg = this;
  }
  ~Watchdog() {
    {
      const std::lock_guard lock{mutex_};
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
    forget_socket();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  ldap_conncb* callback() { return &callback_; }

 private:
  // The watchdog keeps its own duplicate of the socket: shutting that down ends libldap's waits on
  // the connection too, and it can never be a number the system has meanwhile given to another
  // file, whenever libldap closes its own.
  static int opened(LDAP*, Sockbuf* socket, LDAPURLDesc*, sockaddr*, ldap_conncb* context) {
    auto* self = static_cast<Watchdog*>(context->lc_arg);
    int fd = -1;
    ber_sockbuf_ctrl(socket, LBER_SB_OPT_GET_FD, &fd);
    const std::lock_guard lock{self->mutex_};
    self->forget_socket();
    if (fd >= 0) self->fd_ = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return 0;
  }
  static void closed(LDAP*, Sockbuf*, ldap_conncb* context) {
    auto* self = static_cast<Watchdog*>(context->lc_arg);
    const std::lock_guard lock{self->mutex_};
    self->forget_socket();
  }
  void forget_socket() {  // with mutex_ held
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  void watch(SteadyClock::time_point end) {
    std::unique_lock lock{mutex_};
    if (wake_.wait_until(lock, end, [this] { return done_; })) return;
    if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
  }

  ldap_conncb callback_{};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  int fd_ = -1;
  std::thread thread_;  // last: it starts with everything above in place
};

// libldap writes with write(), which raises SIGPIPE when the directory has gone or the watchdog
// has shut the socket down (the unbind at the end still writes), and SIGPIPE ends the process.
// Blocked on the checking thread while a check runs; one that came meanwhile is taken before the
// thread's own mask is back.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &before_);
  }
  ~SigpipeBlocked() {
    if (!sigismember(&before_, SIGPIPE)) {
      const timespec no_wait{};
      while (sigtimedwait(&pipe_, nullptr, &no_wait) == SIGPIPE) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &before_, nullptr);
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  sigset_t pipe_{};
  sigset_t before_{};
};

// One check on its own connection; the handle is unbound (and freed) with the object.
class DirectoryCheck {
 public:
  explicit DirectoryCheck(const DirectoryOptions& options)
      : options_(options), deadline_(options.timeout), watchdog_(deadline_.end()) {}

  DirectoryAnswer run(std::string_view username, std::string_view password) {
    if (const auto opened = open(); opened != DirectoryAnswer::accepted) return opened;
    std::string dn;
    if (options_.bind_dn_template) {
      dn = with_user(*options_.bind_dn_template, escape_dn_value(username));
    } else if (const auto found = find_dn(username, dn); found != DirectoryAnswer::accepted) {
      return found;
    }
    const int code = bind(dn, password);
    if (code == LDAP_SUCCESS) return DirectoryAnswer::accepted;
    if (cannot_answer(code)) return unavailable("checking the password", code);
    return DirectoryAnswer::refused;  // 49 for a wrong password, an unknown DN or a locked account
  }

 private:
  DirectoryAnswer open() {
    LDAP* ld = nullptr;
    const int code = ldap_initialize(&ld, options_.url.c_str());
    ldap_.reset(ld);
    if (code != LDAP_SUCCESS) return unavailable("reading the URL", code);
    const int version = LDAP_VERSION3;
    ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);  // Active Directory refers elsewhere; we never follow
    ldap_set_option(ld, LDAP_OPT_CONNECT_CB, watchdog_.callback());
    const bool ldaps = options_.url.starts_with("ldaps://");
    if (!ldaps && !options_.starttls) return DirectoryAnswer::accepted;
    const int demand = LDAP_OPT_X_TLS_DEMAND;
    ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
    if (options_.ca_file) ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, options_.ca_file->c_str());
    const int client = 0;
    if (const int tls = ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &client); tls != LDAP_OPT_SUCCESS) {
      return unavailable("setting up TLS (ca_file)", tls);
    }
    if (ldaps) return DirectoryAnswer::accepted;
    if (!arm()) return unavailable("starting TLS", LDAP_TIMEOUT);
    const int started = ldap_start_tls_s(ld, nullptr, nullptr);
    return started == LDAP_SUCCESS ? DirectoryAnswer::accepted : unavailable("starting TLS", started);
  }

  // Search-then-bind: the DN of the one entry user_filter finds below base_dn.
  DirectoryAnswer find_dn(std::string_view username, std::string& dn) {
    if (options_.search_bind_dn) {
      const int code = bind(*options_.search_bind_dn, options_.search_bind_password.value_or(""));
      if (code != LDAP_SUCCESS) return unavailable("binding as search_bind_dn", code);
    }
    const std::string filter = with_user(options_.user_filter.value_or(""), escape_filter_value(username));
    std::array<char, 4> no_attributes{"1.1"};
    std::array<char*, 2> attributes{no_attributes.data(), nullptr};
    auto left = deadline_.left();
    if (!left || !arm()) return unavailable("searching", LDAP_TIMEOUT);
    LDAPMessage* raw = nullptr;
    const int code = ldap_search_ext_s(ldap_.get(), options_.base_dn.value_or("").c_str(), LDAP_SCOPE_SUBTREE,
                                       filter.c_str(), attributes.data(), 1, nullptr, nullptr, &*left, 2, &raw);
    const std::unique_ptr<LDAPMessage, MessageFree> found{raw};
    if (code == LDAP_SIZELIMIT_EXCEEDED) {
      spdlog::warn("directory {}: user_filter finds more than one entry for a user name; refused", options_.url);
      return DirectoryAnswer::refused;
    }
    if (code != LDAP_SUCCESS) return unavailable("searching", code);
    if (ldap_count_entries(ldap_.get(), found.get()) != 1) return DirectoryAnswer::refused;
    char* found_dn = ldap_get_dn(ldap_.get(), ldap_first_entry(ldap_.get(), found.get()));
    if (found_dn == nullptr) return unavailable("reading the entry found", LDAP_DECODING_ERROR);
    dn = found_dn;
    ldap_memfree(found_dn);
    return DirectoryAnswer::accepted;
  }

  int bind(const std::string& dn, std::string_view password) {
    if (!arm()) return LDAP_TIMEOUT;
    berval credentials{static_cast<ber_len_t>(password.size()), const_cast<char*>(password.data())};
    return ldap_sasl_bind_s(ldap_.get(), dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, nullptr);
  }

  // Sets the handle's waits to what is left of the deadline; false when nothing is.
  bool arm() {
    const auto left = deadline_.left();
    if (!left) return false;
    return ldap_set_option(ldap_.get(), LDAP_OPT_NETWORK_TIMEOUT, &*left) == LDAP_OPT_SUCCESS &&
           ldap_set_option(ldap_.get(), LDAP_OPT_TIMEOUT, &*left) == LDAP_OPT_SUCCESS;
  }

  DirectoryAnswer unavailable(std::string_view step, int code) {
    char* diagnostic = nullptr;
    if (ldap_) ldap_get_option(ldap_.get(), LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic);
    const bool said = diagnostic != nullptr && *diagnostic != '\0';
    spdlog::warn("directory {}: {} while {}{}{}", options_.url, ldap_err2string(code), step, said ? ": " : "",
                 said ? diagnostic : "");
    ldap_memfree(diagnostic);
    return DirectoryAnswer::unavailable;
  }

  SigpipeBlocked sigpipe_blocked_;      // first in, last out: around everything that writes
  const DirectoryOptions& options_;
  Deadline deadline_;
  Watchdog watchdog_;                   // outlives the handle, whose unbind calls it a last time
  std::unique_ptr<LDAP, Unbind> ldap_;
};

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host.starts_with("127.") || host == "::1" || host == "[::1]";
}

}  // namespace

DirectoryAnswer check_directory_password(const DirectoryOptions& options, std::string_view username,
                                         std::string_view password) {
  if (username.empty() || password.empty()) return DirectoryAnswer::refused;
  return DirectoryCheck{options}.run(username, password);
}

std::string escape_dn_value(std::string_view value) {
  std::string escaped;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool special = std::string_view{"\"+,;<>\\="}.find(c) != std::string_view::npos;
    const bool edge = (i == 0 && (c == ' ' || c == '#')) || (i + 1 == value.size() && c == ' ');
    if (c == '\0') {
      escaped += "\\00";
    } else {
      if (special || edge) escaped += '\\';
      escaped += c;
    }
  }
  return escaped;
}

std::string escape_filter_value(std::string_view value) {
  std::string escaped;
  for (const char c : value) {
    if (c == '*' || c == '(' || c == ')' || c == '\\' || c == '\0') {
      escaped += fmt::format("\\{:02x}", static_cast<unsigned char>(c));
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string with_user(std::string_view pattern, std::string_view escaped_user) {
  static constexpr std::string_view kUser = "{user}";
  std::string result;
  std::size_t from = 0;
  for (auto at = pattern.find(kUser); at != std::string_view::npos; at = pattern.find(kUser, from)) {
    result.append(pattern.substr(from, at - from)).append(escaped_user);
    from = at + kUser.size();
  }
  return result.append(pattern.substr(from));
}

std::optional<std::string> directory_options_problem(const DirectoryOptions& options) {
  LDAPURLDesc* parsed = nullptr;
  if (options.url.find_first_of(" ,") != std::string::npos ||
      ldap_url_parse(options.url.c_str(), &parsed) != LDAP_URL_SUCCESS) {
    return "url must be one URL, ldap://HOST:PORT or ldaps://HOST:PORT";
  }
  const std::string scheme = parsed->lud_scheme != nullptr ? parsed->lud_scheme : "";
  const std::string host = parsed->lud_host != nullptr ? parsed->lud_host : "";
  ldap_free_urldesc(parsed);
  if ((scheme != "ldap" && scheme != "ldaps") || host.empty()) {
    return "url must be one URL, ldap://HOST:PORT or ldaps://HOST:PORT";
  }
  if (scheme == "ldaps" && options.starttls) return "starttls is for ldap:// URLs; ldaps:// is TLS already";
  if (scheme == "ldap" && !options.starttls && !is_loopback_host(host)) {
    return fmt::format("starttls must be true for ldap://{}: passwords never cross the network in clear text "
                       "(or use ldaps://)",
                       host);
  }
  const bool by_template = options.bind_dn_template.has_value();
  const bool by_search = options.base_dn || options.user_filter || options.search_bind_dn;
  if (by_template == by_search) {
    return "give either bind_dn_template, or base_dn and user_filter (search-then-bind)";
  }
  if (by_template && options.bind_dn_template->find("{user}") == std::string::npos) {
    return "bind_dn_template must contain {user}";
  }
  if (by_search && (!options.base_dn || !options.user_filter)) return "search-then-bind needs base_dn and user_filter";
  if (by_search && options.user_filter->find("{user}") == std::string::npos) return "user_filter must contain {user}";
  if (options.search_bind_dn.has_value() != options.search_bind_password.has_value()) {
    return "search_bind_dn and search_bind_password_file go together";
  }
  return std::nullopt;
}

}  // namespace stellwerk::server
