#include "server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "changes.hpp"
#include "connections.hpp"
#include "crypto.hpp"
#include "messages.hpp"
#include "seed.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

namespace fs = std::filesystem;

constexpr auto kMaintenanceInterval = std::chrono::seconds{60};
constexpr int kIdempotencyDays = 31;  // kept at least 30 days, as promised in the API document

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    path.remove_prefix(1);  // the leading '/'
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return segments;
}

// The route table, matched segment by segment: a "{name}" segment takes any non-empty segment.
// (cpp-httplib's own routing tries one std::regex per route, which costs more CPU per request
// than the rest of a typical read.)
class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {
    for (const Route& route : routes_) {
      std::vector<std::string> segments;
      for (auto segment : split_path(route.path)) segments.emplace_back(segment);
      templates_.push_back(std::move(segments));
    }
  }

  struct Match {
    const Route* route = nullptr;
    std::vector<std::string> params;
    std::string allowed;  // methods of the path when it matched none of them
  };

  // `raw_path` is the path as sent, still percent-encoded: it is split at its slashes first and
  // each segment decoded afterwards, so an encoded slash (%2F) stays part of a parameter
  // ("2026%2F12%2F01" is one bad date, not three segments of an unknown path).
  Match find(const std::string& method, std::string_view raw_path) const {
    Match match;
    std::vector<std::string> decoded;
    for (auto segment : split_path(raw_path)) decoded.push_back(httplib::detail::decode_url(std::string{segment}, false));
    const std::vector<std::string_view> segments(decoded.begin(), decoded.end());
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      std::vector<std::string> params;
      if (!matches(templates_[i], segments, params)) continue;
      if (routes_[i].method == method) {
        match.route = &routes_[i];
        match.params = std::move(params);
        return match;
      }
      match.allowed += match.allowed.empty() ? routes_[i].method : ", " + routes_[i].method;
    }
    return match;
  }

 private:
  static bool matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& segments,
                      std::vector<std::string>& params) {
    if (pattern.size() != segments.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i].starts_with('{')) {
        if (segments[i].empty()) return false;
        params.emplace_back(segments[i]);
      } else if (pattern[i] != segments[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> templates_;
};

void write_problem(httplib::Response& res, const Problem& problem, i18n::Language language) {
  wire::Problem answer{"urn:stellwerk:problem:" + problem.code, problem_title(problem.code, language), problem.status,
                       problem.code, std::nullopt, std::nullopt, std::nullopt};
  if (!problem.field.empty()) {
    answer.field = problem.field;
    answer.detail = fmt::format("{} ({})", answer.title, problem.field);
  }
  if (problem.retry_after_seconds > 0) {
    answer.retry_after = problem.retry_after_seconds;
    res.set_header("Retry-After", std::to_string(problem.retry_after_seconds));
  }
  Json body = wire::encode(answer);
  for (const auto& [name, value] : problem.extension.items()) body.emplace(name, value);
  res.status = problem.status;
  res.set_header("Content-Language", std::string{i18n::to_code(language)});
  res.set_content(body.dump(), "application/problem+json");
}

void write_reply(httplib::Response& res, const Reply& reply, i18n::Language language) {
  res.status = reply.status;
  res.set_header("Content-Language", std::string{i18n::to_code(language)});
  if (reply.content_type == "application/json") {
    if (!reply.body.is_null()) res.set_content(reply.body.dump(), "application/json");
  } else {
    res.set_content(reply.text, reply.content_type.c_str());
  }
}

std::optional<std::string> bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
  return header.substr(kPrefix.size());
}

std::optional<Principal> authenticate(Database& db, const httplib::Request& req, Auth needed, Instant now) {
  const auto token = bearer_token(req);
  if (!token || token->size() > 200) return std::nullopt;
  const std::string token_hash = crypto::sha256(*token);
  return db.read([&](sql::Connection& c) -> std::optional<Principal> {
    Principal who;
    if (needed == Auth::kiosk_device) {
      sql::Statement device{c, "SELECT id, building_id FROM kiosk_devices WHERE token_hash = ? AND revoked_at IS NULL"};
      device.bind_all(sql::Blob{token_hash});
      if (!device.step()) return std::nullopt;
      who.kind = Principal::Kind::kiosk_device;
      who.device_id = device.text(0);
      who.device_building_id = device.text(1);
      who.roles = {Role::kiosk_device};
      return who;
    }
    sql::Statement session{c,
                           "SELECT e.id, e.department_id, e.home_building_id, e.roles, e.needs_accessible_desk, "
                           "s.kind, s.device_id, k.building_id "
                           "FROM sessions s JOIN employees e ON e.id = s.employee_id "
                           "LEFT JOIN kiosk_devices k ON k.id = s.device_id "
                           "WHERE s.token_hash = ? AND s.expires_at > ? AND k.revoked_at IS NULL AND e.left_at IS NULL"};
    session.bind_all(sql::Blob{token_hash}, unix_seconds(now));
    if (!session.step()) return std::nullopt;
    who.employee_id = session.text(0);
    who.department_id = session.text(1);
    who.home_building_id = session.text(2);
    who.roles = parse_roles(session.text(3));
    who.needs_accessible_desk = session.integer(4) != 0;
    who.kiosk_session = session.text(5) == "kiosk";
    who.device_id = session.text(6);
    who.device_building_id = session.text(7);
    return who;
  });
}

// Whether the request carries the token of a kiosk device, revoked or not.
bool carries_device_token(Database& db, const httplib::Request& req) {
  const auto token = bearer_token(req);
  if (!token || token->size() > 200) return false;
  const std::string token_hash = crypto::sha256(*token);
  return db.read([&](sql::Connection& c) {
    sql::Statement device{c, "SELECT 1 FROM kiosk_devices WHERE token_hash = ?"};
    device.bind_all(sql::Blob{token_hash});
    return device.step();
  });
}

// cpp-httplib refuses a request line whose method is not one of HTTP's own (FOO, PROPFIND) with
// a bare 400, after it has read the method, target and version. A well-formed line with such a
// method asks for something this server does not implement at all: 501, not "bad request".
bool is_unknown_method(const httplib::Request& req) {
  static const std::set<std::string, std::less<>> kHttpMethods{"GET",     "HEAD",    "POST",  "PUT",   "DELETE",
                                                               "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
  if (req.method.empty() || req.target.empty() || kHttpMethods.contains(req.method)) return false;
  if (req.version != "HTTP/1.1" && req.version != "HTTP/1.0") return false;
  // A method is an RFC 9110 token: letters, digits and a few marks, nothing else.
  return std::all_of(req.method.begin(), req.method.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view{"!#$%&'*+-.^_`|~"}.find(static_cast<char>(c)) != std::string_view::npos;
  });
}

// Paging of the list operations: `limit` (1 to 1000, 500 when absent) and `cursor` (opaque to
// clients: "p" and the offset of the next item). The handlers answer with the whole list; the
// router cuts the page out of it and names the next page's cursor in the Next-Cursor header,
// which is absent on the last page. The bodies keep their shape: the array itself is the page,
// or, for the workdays, the `workdays` member (the months of the range stay whole), for the
// working times the `work_times` member.
// getAlternatives is a ranked top list of at most 10 with a `limit` of its own and is not paged.
const std::map<std::string, std::string, std::less<>> kPagedLists{
    {"/api/v1/me/favourites", ""}, {"/api/v1/buildings", ""}, {"/api/v1/bookings", ""},
    {"/api/v1/approvals", ""},     {"/api/v1/courses", ""},   {"/api/v1/enrollments", ""},
    {"/api/v1/workdays", "/workdays"}, {"/api/v1/kiosks", ""}, {"/api/v1/worktimes", "/work_times"},
    {"/api/v1/team/months", ""},   {"/api/v1/me/self-assessments", ""},
    {"/api/v1/team/trainings", ""}};
constexpr std::size_t kDefaultPageLimit = 500;
constexpr std::size_t kMaxPageLimit = 1000;
constexpr std::size_t kMaxCursorDigits = 9;

struct PageRequest {
  std::size_t offset = 0;
  std::size_t limit = kDefaultPageLimit;
};

std::optional<std::size_t> parse_count(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) return std::nullopt;
  return static_cast<std::size_t>(std::stoull(std::string{text}));
}

PageRequest page_request(const Call& call) {
  PageRequest page;
  if (const auto text = call.query("limit")) {
    const auto limit = parse_count(*text, 4);
    if (!limit || *limit < 1 || *limit > kMaxPageLimit) fail(400, Refusal::invalid_parameter, "limit");
    page.limit = *limit;
  }
  if (const auto text = call.query("cursor")) {
    const auto offset = text->starts_with('p') ? parse_count(std::string_view{*text}.substr(1), kMaxCursorDigits)
                                               : std::nullopt;
    if (!offset) fail(400, Refusal::invalid_parameter, "cursor");
    page.offset = *offset;
  }
  return page;
}

void cut_page(Reply& reply, const std::string& list_pointer, const PageRequest& page, httplib::Response& res) {
  const Json::json_pointer pointer{list_pointer};
  if (!reply.body.contains(pointer) || !reply.body[pointer].is_array()) return;
  Json& list = reply.body[pointer];
  const std::size_t total = list.size();
  const std::size_t begin = std::min(page.offset, total);
  const std::size_t end = begin + std::min(page.limit, total - begin);
  Json items = Json::array();
  for (std::size_t i = begin; i < end; ++i) items.push_back(std::move(list[i]));
  list = std::move(items);
  if (end < total) res.set_header("Next-Cursor", fmt::format("p{}", end));
}

Reply health(Call& call) {
  if (!call.context.ready) fail(503, Refusal::not_ready);
  return Reply{200, wire::encode(wire::Health{"ok"})};
}

}  // namespace

std::vector<Route> all_routes() {
  std::vector<Route> routes{Route{"GET", "/healthz", Auth::open, health}};
  for (auto part : {session_routes(), reference_routes(), booking_routes(), booking_move_routes(), favourite_routes(),
                    workday_routes(), work_time_routes(), training_routes(), competence_routes(), change_routes(), kiosk_routes(),
                    presence_routes(), import_routes(), drawing_routes(), place_edit_routes(), my_data_routes(),
                    metrics_routes()}) {
    routes.insert(routes.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  return routes;
}

ServerContext::ServerContext(const fs::path& data_dir, const Clock& clock_)
    : db(data_dir / "stellwerk-server.db"),
      clock(clock_),
      signer(CertificateSigner::load_or_create(data_dir / "certificate-key.pem")) {}

void ServerContext::wake_maintenance() {
  {
    std::lock_guard lock{maintenance_mutex_};
    maintenance_due_ = true;
  }
  maintenance_wake_.notify_all();
}

Server::Server(ServerOptions options, const Clock& clock) : options_(std::move(options)) {
  std::error_code error;
  fs::create_directories(options_.data_dir, error);
  if (error) {
    throw std::runtime_error(
        fmt::format("cannot create the data folder {}: {}", options_.data_dir.string(), error.message()));
  }
  // The folder holds password hashes, session digests and the signing key: owner only.
  fs::permissions(options_.data_dir, fs::perms::owner_all, fs::perm_options::replace, error);
  folder_lock_ = std::make_unique<FolderLock>(options_.data_dir);
  context_ = std::make_unique<ServerContext>(options_.data_dir, clock);
  context_->metrics_options = options_.metrics;
  context_->auth = options_.auth;
  if (options_.auth.method == AuthMethod::ldap) {
    spdlog::info("passwords are checked by the directory at {}", options_.auth.directory.url);
  }
  ::chmod((options_.data_dir / "stellwerk-server.db").c_str(), 0600);
  if (options_.demo != DemoScale::none && database_is_empty(context_->db)) {
    seed_demo(context_->db, options_.demo, clock.now(), options_.demo_password_iterations);
  }
}

Server::~Server() { stop(); }

// Answers one request: routing, authentication, paging and every error as problem+json.
static void dispatch_request(ServerContext& context, const Router& router, const httplib::Request& req,
                             httplib::Response& res) {
  const auto language = language_from_accept(req.get_header_value("Accept-Language"));
  res.set_header("Vary", "Accept-Language");
  try {
    const std::string_view target = req.target;
    auto match = router.find(req.method, target.starts_with('/') ? target.substr(0, target.find_first_of("?#"))
                                                                 : std::string_view{req.path});
    if (match.route == nullptr && !match.allowed.empty()) {
      res.set_header("Allow", match.allowed);
      fail(405, Refusal::method_not_allowed);
    }
    if (match.route == nullptr) fail(404, Refusal::not_found);
    const Route& route = *match.route;
    if (req.body.size() > route.max_body) fail(413, Refusal::body_too_large);
    if (route.method != "GET") check_idempotency_key(req);
    Call call{req, language, std::nullopt, context, context.db, context.clock, std::move(match.params)};
    // A route for a caller needs that kind of caller; a public one refuses a kiosk device's token.
    const bool needs_caller = route.auth == Auth::employee || route.auth == Auth::kiosk_device;
    if (needs_caller) call.caller = authenticate(context.db, req, route.auth, context.clock.now());
    if (needs_caller ? !call.caller : route.auth == Auth::none && carries_device_token(context.db, req)) {
      res.set_header("WWW-Authenticate", "Bearer");
      fail(401, Refusal::unauthorized);
    }
    if (const auto paged = kPagedLists.find(route.path); route.method == "GET" && paged != kPagedLists.end()) {
      const PageRequest page = page_request(call);
      Reply reply = route.handler(call);
      cut_page(reply, paged->second, page, res);
      write_reply(res, reply, language);
    } else {
      write_reply(res, route.handler(call), language);
    }
  } catch (const Problem& problem) {
    write_problem(res, problem, language);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    write_problem(res, problem_for(500, Refusal::internal), language);
  }
}

// Whether the request's Content-Length is more than its route takes. Without a route (an unknown
// path or method) the smallest limit applies: such a large body is answered 413, not 404 or 405.
// A chunked body has no length to judge; httplib reads it up to the import's limit and the
// dispatcher refuses it then.
static bool body_too_large_for_route(const Router& router, const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return false;
  const std::string length = req.get_header_value("Content-Length");
  std::size_t bytes = 0;
  const auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), bytes);
  if (error != std::errc{} || end != length.data() + length.size()) return false;  // httplib answers 400
  const std::string_view target = req.target;
  const auto match = router.find(req.method, target.substr(0, target.find_first_of("?#")));
  return bytes > (match.route ? match.route->max_body : kMaxRequestBody);
}

// What cpp-httplib refuses before any handler runs: a body over the limit (413) or a request
// it cannot parse (400). Both get problem+json like every other error.
static void answer_refused_request(const httplib::Request& req, httplib::Response& res) {
  request_id(req, res);
  if (!res.body.empty()) return;  // the dispatcher's own answer
  const auto language = language_from_accept(req.get_header_value("Accept-Language"));
  if (res.status == 400 && is_unknown_method(req)) {
    write_problem(res, problem_for(501, Refusal::not_implemented), language);
    return;
  }
  const bool too_large = res.status == 413;
  write_problem(res,
                too_large               ? problem_for(413, Refusal::body_too_large)
                : res.status == 404     ? problem_for(404, Refusal::not_found)
                                        : problem_for(400, Refusal::invalid_parameter),
                language);
}

// What runs before cpp-httplib reads a body. A request without Content-Length or Transfer-Encoding has no body (RFC 9112, 6.3), but
// cpp-httplib 0.11 reads the body of a POST, PUT, PATCH or DELETE without either until the
// connection closes, i.e. until its read timeout, and then answers 400. Such requests are
// dispatched here, before it reads anything, and so are the methods it has no handler table
// for (HEAD, TRACE, CONNECT), which it would answer with a bare 400. Requests with a body go
// on to the handlers Server::bind installs once httplib has read it.
static std::function<httplib::Server::HandlerResponse(const httplib::Request&, httplib::Response&)>
pre_routing_handler(std::shared_ptr<const Router> router, httplib::Server::Handler dispatch) {
  return [router = std::move(router), dispatch = std::move(dispatch)](const httplib::Request& req, httplib::Response& res) {
    static const std::set<std::string, std::less<>> kWithHandlers{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    request_id(req, res);
    // A body larger than its route takes is refused before it is read: only the import takes more
    // than 64 KiB, and nobody else may make the server hold that much.
    if (body_too_large_for_route(*router, req)) {
      res.set_header("Connection", "close");
      write_problem(res, problem_for(413, Refusal::body_too_large),
                    language_from_accept(req.get_header_value("Accept-Language")));
      return httplib::Server::HandlerResponse::Handled;
    }
    const bool has_body = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
    if (has_body && kWithHandlers.contains(req.method)) return httplib::Server::HandlerResponse::Unhandled;
    // A body nobody reads would be taken for the next request on this connection.
    if (has_body) res.set_header("Connection", "close");
    dispatch(req, res);
    return httplib::Server::HandlerResponse::Handled;
  };
}

bool Server::bind(std::string& error) {
  if (options_.tls_cert || options_.tls_key) {
    if (!options_.tls_cert || !options_.tls_key) {
      error = "--tls-cert and --tls-key must be given together";
      return false;
    }
    auto tls = std::make_unique<TlsServer>(options_.connections, options_.tls_cert->c_str(), options_.tls_key->c_str());
    if (!tls->is_valid()) {
      error = fmt::format("cannot use the certificate {} with the key {}", options_.tls_cert->string(),
                          options_.tls_key->string());
      return false;
    }
    parked_ = tls.get();
    http_ = std::move(tls);
  } else {
    auto plain = std::make_unique<PlainServer>(options_.connections);
    parked_ = plain.get();
    http_ = std::move(plain);
  }

  auto& http = *http_;
  // The largest body any route takes; each route's own limit is checked before the body is read
  // (the pre-routing handler below, for a Content-Length) or before its handler runs (chunked).
  http.set_payload_max_length(kMaxImportBody);
  // Only sent in the Keep-Alive header: the ConnectionPark closes idle connections itself.
  http.set_keep_alive_timeout(options_.connections.idle.count());
  // Read per call of the parser; the ConnectionPark's streams wait by these limits.
  http.set_read_timeout(options_.connections.read.count());
  http.set_write_timeout(options_.connections.write.count());

  auto router = std::make_shared<const Router>(all_routes());

  ServerContext* context = context_.get();
  auto dispatch = [context, router](const httplib::Request& req, httplib::Response& res) {
    dispatch_request(*context, *router, req, res);
  };
  http.set_pre_routing_handler(pre_routing_handler(router, dispatch));
  // Every method goes to the one dispatcher; the Router decides 404 and 405 itself.
  http.Get(".*", dispatch);
  http.Post(".*", dispatch);
  http.Put(".*", dispatch);
  http.Delete(".*", dispatch);
  http.Patch(".*", dispatch);
  http.Options(".*", dispatch);

  http.set_error_handler(answer_refused_request);
  access_log_ = std::make_unique<AccessLog>(options_.access_log);
  // Every answered request is counted for /metrics and, when there is one, written to the access log.
  http.set_logger([router, context, log = access_log_.get()](const httplib::Request& req, const httplib::Response& res) {
    const std::string_view target = req.target;
    const auto match = router->find(req.method, target.substr(0, target.find_first_of("?#")));
    const std::string_view route = match.route != nullptr ? std::string_view{match.route->path} : std::string_view{};
    context->metrics.record(req.method, route, res.status, std::chrono::steady_clock::now() - request_began());
    log->record(req, res, route);
  });

  if (options_.port == 0) {
    port_ = http.bind_to_any_port(options_.host);
    if (port_ <= 0) {
      error = fmt::format("cannot listen on {}", options_.host);
      return false;
    }
  } else {
    if (!http.bind_to_port(options_.host, options_.port)) {
      error = fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", options_.host,
                          options_.port);
      return false;
    }
    port_ = options_.port;
  }
  parked_->deepen_accept_queue();
  maintenance_ = std::thread([this] { maintenance_loop(); });
  return true;
}

void Server::run() {
  context_->ready = true;
  http_->listen_after_bind();
  context_->ready = false;
}

void Server::stop() {
  if (stopping_.exchange(true)) return;
  if (http_) http_->stop();
  if (parked_ != nullptr) parked_->connections().stop();
  context_->wake_maintenance();
  if (maintenance_.joinable()) maintenance_.join();
  const auto stats = context_->db.writer_stats();
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  spdlog::info("stopped; the writer committed {} jobs in {} commits, {} ms running jobs, {} ms committing",
               stats.jobs, stats.commits, duration_cast<milliseconds>(stats.running).count(),
               duration_cast<milliseconds>(stats.committing).count());
}

void Server::run_maintenance_now() {
  auto& ctx = *context_;
  const Instant now = ctx.clock.now();
  ctx.db.write([&](sql::Connection& db) { release_no_shows(db, now); });
  ctx.db.write([&](sql::Connection& db) {
    sql::Statement{db, "DELETE FROM sessions WHERE expires_at <= ?"}.bind_all(unix_seconds(now)).run();
    sql::Statement{db, "DELETE FROM idempotency WHERE created_at < ?"}
        .bind_all(unix_seconds(now) - std::int64_t{kIdempotencyDays} * 86'400)
        .run();
    prune_changes(db, now);
  });
  // Each kind of retention in a job of its own: a record one of them cannot read is logged and
  // stops only that kind, never the others or the expiry of sessions above.
  const auto& retention = options_.retention;
  const Date today = local_date(now);
  const auto apply = [&](std::string_view what, const std::function<void(sql::Connection&)>& job) {
    try {
      ctx.db.write(job);
    } catch (const std::exception& e) {
      spdlog::error("retention of {}: {}", what, e.what());
    }
  };
  apply("bookings", [&](sql::Connection& db) { delete_expired_bookings(db, now, retention.bookings_days); });
  apply("plans", [&](sql::Connection& db) { delete_plans_before(db, add_days(today, -retention.plans_days), now); });
  apply("working times", [&](sql::Connection& db) {
    delete_work_times_before(db, add_days(today, -retention.working_times_days), now);
  });
}

void Server::maintenance_loop() {
  auto& ctx = *context_;
  while (!stopping_) {
    try {
      run_maintenance_now();
    } catch (const std::exception& e) {
      spdlog::error("maintenance: {}", e.what());
    }
    auto wait = std::chrono::duration_cast<std::chrono::seconds>(kMaintenanceInterval);
    try {
      const auto next = ctx.db.read([](sql::Connection& db) { return next_release(db); });
      if (next) wait = std::clamp(*next - ctx.clock.now() + std::chrono::seconds{1}, std::chrono::seconds{1}, wait);
    } catch (const std::exception& e) {
      spdlog::error("maintenance: {}", e.what());
    }
    std::unique_lock lock{ctx.maintenance_mutex_};
    ctx.maintenance_wake_.wait_for(lock, wait, [&] { return ctx.maintenance_due_ || stopping_.load(); });
    ctx.maintenance_due_ = false;
  }
}

}  // namespace stellwerk::server
