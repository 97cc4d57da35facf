// The sync engine (see sync_engine.hpp for the contract): requests with retries and
// full-jitter backoff, sign-in and sign-out, and the rounds that push.cpp and pull.cpp run.
#include <algorithm>
#include <array>
#include <cstdio>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "engine_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/secret.hpp"

namespace stellwerk::sync {
namespace {

using namespace detail;
namespace codec = store::codec;
using std::chrono::milliseconds;

constexpr std::array<std::string_view, 4> kOutcomeNames{"synced", "rejected", "offline", "signed_out"};
static_assert(kOutcomeNames.size() == static_cast<std::size_t>(SyncOutcome::COUNT));

// A new id for one request, sent as X-Request-Id: the server writes it into its access log line, so
// that a failure seen here can be found there (docs/operations.md, "The access log").
std::string new_request_id(std::mt19937_64& random) { return fmt::format("{:016x}", random()); }

// The request's path without its query, for the log line.
std::string_view path_of(const std::string& target) { return std::string_view{target}.substr(0, target.find('?')); }

// One line per request: at debug level always (SPDLOG_LEVEL=debug), as a warning when the server
// failed (5xx), the case in which its operators will ask for the id. Nothing personal: no body,
// token or query.
void log_request(const net::HttpRequest& request, const std::string& id, const net::HttpResult& result) {
  if (!result) {
    spdlog::debug("request {}: {} {}: not answered ({})", id, request.method, path_of(request.target),
                  net::to_string(result.error().kind));
  } else if (result->status >= 500) {
    spdlog::warn("request {}: {} {}: the server answered {}", id, request.method, path_of(request.target),
                 result->status);
  } else {
    spdlog::debug("request {}: {} {}: {}", id, request.method, path_of(request.target), result->status);
  }
}

std::string strip_trailing_slash(std::string_view url) {
  while (url.ends_with('/')) url.remove_suffix(1);
  return std::string{url};
}

}  // namespace

std::string_view to_string(SyncOutcome outcome) { return kOutcomeNames[static_cast<std::size_t>(outcome)]; }

Problem parse_problem(int status, std::string_view body) {
  Problem problem{status, fmt::format("http_{}", status), "", ""};
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_object()) return problem;
  const auto text = [&](const char* key) -> std::string {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  if (auto code = text("code"); !code.empty()) problem.code = code;
  problem.title = text("title");
  problem.field = text("field");
  return problem;
}

// --- Requests ---------------------------------------------------------------------------------

// Sends `request` (engine_parts.hpp says how often).
net::HttpResult SyncEngine::Impl::send(const std::string& server_url, net::HttpRequest&& request, const std::string& token,
                                       SyncReport& report, Retries retries) {
  const int max_attempts = retries == Retries::none ? 1 : retry.max_attempts;
  if (!client || client->base_url() != server_url) {
    auto made = net::HttpClient::create(server_url, transport);
    if (!made) return std::unexpected(made.error());
    client.emplace(std::move(*made));
  }
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("Accept-Language", language);
  request.headers.emplace_back("X-Request-Id", "");
  for (int attempt = 1;; ++attempt) {
    const std::string id = new_request_id(random);  // each attempt is a request of its own
    request.headers.back().second = id;
    net::HttpResult result = client->send(request);
    log_request(request, id, result);
    ++report.requests;
    std::optional<std::chrono::seconds> asked;
    if (result) {
      report.bytes_on_wire += result->bytes_received + result->bytes_sent;
      if (!is_transient(result->status)) return result;
      asked = result->retry_after;
    } else if (result.error().kind == net::TransportErrorKind::invalid_url ||
               result.error().kind == net::TransportErrorKind::insecure_refused ||
               result.error().kind == net::TransportErrorKind::pin_mismatch ||
               result.error().kind == net::TransportErrorKind::tls_failed) {
      return result;  // trying again cannot help; the person must fix the address or trust
    }
    if (attempt >= max_attempts) return result;
    // Full jitter: a random wait up to the exponential bound, so that many clients that
    // failed together do not come back together.
    const auto bound = std::min<milliseconds::rep>(retry.max_delay.count(),
                                                   retry.base_delay.count() << std::min(attempt - 1, 20));
    milliseconds delay{std::uniform_int_distribution<milliseconds::rep>{0, std::max<milliseconds::rep>(bound, 0)}(random)};
    if (asked) {
      // Honour Retry-After; a wait longer than our longest is left to the next round.
      if (*asked > retry.max_delay) return result;
      delay = std::max<milliseconds>(delay, *asked);
    }
    const bool go_on = retry.wait ? retry.wait(delay) : (std::this_thread::sleep_for(delay), true);
    if (!go_on) return result;
  }
}

// Why a request did not give a usable answer, in one line.
std::string SyncEngine::Impl::describe(const net::HttpResult& result) {
  if (!result) {
    return fmt::format("the server could not be reached ({}: {})", net::to_string(result.error().kind),
                       result.error().detail);
  }
  if (result->status >= 300 && result->status < 400) {
    return fmt::format("the server answered with a redirect (HTTP {}); check the server address", result->status);
  }
  const Problem problem = parse_problem(result->status, result->body);
  return fmt::format("the server answered HTTP {}{}{}", result->status, problem.title.empty() ? "" : ": ", problem.title);
}

Failure SyncEngine::Impl::failure_of(const net::HttpResult& result) {
  if (!result) return Failure{result.error().kind, 0};
  return Failure{std::nullopt, result->status};
}

// The outcome of a request that did not succeed and was not a rejection.
SyncOutcome SyncEngine::Impl::failure_outcome(const net::HttpResult& result) {
  if (result && result->status == 401) {
    store.forget_token();
    return SyncOutcome::signed_out;
  }
  return SyncOutcome::offline;
}

// GET a JSON document; on failure sets the report's outcome and message and returns nullopt.
std::optional<store::Session> SyncEngine::Impl::signed_in_session(SyncReport& report) const {
  auto session = store.session();
  if (session && !session->token.empty()) return session;
  report.outcome = SyncOutcome::signed_out;
  report.message = "not signed in";
  return std::nullopt;
}

std::optional<std::string> SyncEngine::Impl::get(const store::Session& session, const std::string& target, SyncReport& report) {
  const net::HttpResult result = send(session.server_url, net::HttpRequest{"GET", target, "", {}}, session.token, report);
  if (result && result->status == 200) return result->body;
  report.outcome = failure_outcome(result);
  report.message = describe(result);
  report.failure = failure_of(result);
  return std::nullopt;
}

// --- The engine ---------------------------------------------------------------------

SyncEngine::SyncEngine(store::LocalStore& store, net::TransportOptions transport, std::string language)
    : impl_(std::make_unique<Impl>(Impl{store, std::move(transport), std::move(language), RetryPolicy{}, std::nullopt,
                                        std::mt19937_64{std::random_device{}()}})) {}

SyncEngine::~SyncEngine() = default;

void SyncEngine::set_retry_policy(RetryPolicy policy) { impl_->retry = std::move(policy); }
void SyncEngine::set_language(std::string language) { impl_->language = std::move(language); }

SyncReport SyncEngine::push() { return impl_->push(); }
SyncReport SyncEngine::pull() { return impl_->pull(); }

SyncReport SyncEngine::sync() {
  SyncReport pushed = impl_->push();
  if (pushed.outcome == SyncOutcome::offline || pushed.outcome == SyncOutcome::signed_out) return pushed;
  // A refused change set the cursor to 0 (LocalStore::mark_rejected): this pull is a full copy.
  SyncReport pulled = impl_->pull();
  pulled.pushed = pushed.pushed;
  pulled.rejected = std::move(pushed.rejected);
  pulled.requests += pushed.requests;
  pulled.bytes_on_wire += pushed.bytes_on_wire;
  if (pulled.outcome == SyncOutcome::synced && !pulled.rejected.empty()) pulled.outcome = SyncOutcome::rejected;
  if (pulled.outcome == SyncOutcome::synced || pulled.outcome == SyncOutcome::rejected) {
    refresh_team_presence(today_in_berlin());
  }
  if (pulled.message.empty()) {
    pulled.message = pushed.message;
    pulled.failure = pushed.failure;
  }
  return pulled;
}

std::optional<std::vector<MonthApproval>> SyncEngine::month_approvals(Date from, Date to) {
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) return std::nullopt;
  SyncReport ignored;
  const auto body =
      impl_->get(*session, fmt::format("/api/v1/workdays?from={}&to={}", format_date(from), format_date(to)), ignored);
  if (!body) return std::nullopt;
  wire::WorkdayList list;
  try {
    list = decode_answer<wire::WorkdayList>(*body, "workdays");
  } catch (const codec::FieldError&) {
    return std::nullopt;
  }
  std::vector<MonthApproval> months;
  for (const wire::Quota& quota : list.months) {
    const auto month = parse_month(quota.month);
    if (!month) return std::nullopt;
    months.push_back(MonthApproval{month->first, month->second, approval_state(quota.approval), quota.reason.value_or("")});
  }
  return months;
}

bool SyncEngine::probe() {
  const auto session = impl_->store.session();
  if (!session) return false;
  net::TransportOptions quick = impl_->transport;
  quick.connect_timeout = milliseconds{2'000};
  quick.total_timeout = milliseconds{3'000};
  auto client = net::HttpClient::create(session->server_url, quick);
  if (!client) return false;
  const auto result = client->send(net::HttpRequest{"GET", "/healthz", "", {}});
  return result && result->status == 200;
}

// --- Sign-in and sign-out -----------------------------------------------------------

LoginResult SyncEngine::login(std::string_view server_url_text, std::string_view username, std::string_view password) {
  LoginResult login;
  const std::string server_url = strip_trailing_slash(server_url_text);
  auto& store = impl_->store;
  SyncReport report;
  // The request body and the JSON it is made from hold the password: both are wiped once sent.
  Json request{{"username", username}, {"password", password}};
  net::HttpRequest sign_in{"POST", "/api/v1/session", request.dump(), {}};
  wipe(request["password"].get_ref<std::string&>());
  const net::HttpResult result = impl_->send(server_url, std::move(sign_in), "", report);
  wipe(sign_in.body);  // still ours: send() took it by reference
  if (!result) {
    login.outcome = LoginOutcome::unreachable;
    login.message = Impl::describe(result);
    login.failure = Impl::failure_of(result);
    return login;
  }
  if (result->status == 401) {
    login.outcome = LoginOutcome::bad_credentials;
    login.message = "the server did not accept this user name and password";
    return login;
  }
  if (result->status != 201 && result->status != 200) {
    login.outcome = is_transient(result->status) ? LoginOutcome::unreachable : LoginOutcome::failed;
    login.message = Impl::describe(result);
    login.failure = Impl::failure_of(result);
    if (Problem problem = parse_problem(result->status, result->body); !problem.code.starts_with("http_")) {
      login.message = fmt::format("the server refused the sign-in: {}", problem.title.empty() ? problem.code : problem.title);
      login.problem = std::move(problem);
    }
    return login;
  }
  store::Session session;
  Employee me;
  try {
    wire::Session answer = decode_answer<wire::Session>(result->body, "session");
    session.token = std::move(answer.token);
    if (session.token.empty()) throw codec::FieldError("session.token: empty");
    session.expires_at = answer.expires_at;
    me = employee_from(answer.user);
  } catch (const codec::FieldError& e) {
    login.outcome = LoginOutcome::failed;
    login.message = fmt::format("the server's answer to the sign-in was unreadable ({})", e.what());
    return login;
  }
  session.server_url = server_url;
  session.username = me.username;
  session.user_id = me.id;

  const auto previous = store.session();
  const auto cached_me = store.me();
  const bool same_person = (cached_me && cached_me->id == me.id) ||
                           (!cached_me && previous && previous->user_id == me.id);
  const bool same_server = store.sync_status().server_url == server_url;
  bool refused = false;
  store.atomically([&] {
    if (!(same_person && same_server) && (cached_me || !store.sync_status().server_url.empty())) {
      // Another person's queued changes must never be sent with this person's token.
      if (store.sync_status().pending > 0) {
        refused = true;
        return;
      }
      store.clear_cache();
    }
    store.save_session(session);
    store.set_server_url(server_url);
  });
  if (refused) {
    // The new token stays unused; revoke it rather than leave it valid on the server.
    impl_->send(server_url, net::HttpRequest{"DELETE", "/api/v1/session", "", {}}, session.token, report);
    login.outcome = LoginOutcome::other_user_pending;
    login.message = "this data folder still holds changes of another person or server that were not sent; "
                    "sync them as that person first";
    return login;
  }
  login.outcome = LoginOutcome::signed_in;
  login.message = fmt::format("signed in as {}", me.username);
  login.first_sync = sync();
  return login;
}

void SyncEngine::logout() {
  auto& store = impl_->store;
  const auto session = store.session();
  if (!session || session->token.empty()) return;
  SyncReport ignored;
  RetryPolicy saved = impl_->retry;
  impl_->retry.max_attempts = 1;  // signing out must not wait for a slow server
  impl_->send(session->server_url, net::HttpRequest{"DELETE", "/api/v1/session", "", {}}, session->token, ignored);
  impl_->retry = std::move(saved);
  store.forget_token();
}

}  // namespace stellwerk::sync
