#include "metrics.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "crypto.hpp"
#include "routes.hpp"
#include "server.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::server {
namespace {

// The one route whose requests are sync pulls: every window and kiosk asks it for changes.
constexpr std::string_view kSyncRoute = "/api/v1/changes";

std::string_view known_method(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kKnown{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
  return std::ranges::find(kKnown, method) != kKnown.end() ? method : "OTHER";
}

std::string header(std::string_view name, std::string_view type, std::string_view help) {
  return fmt::format("# HELP {0} {2}\n# TYPE {0} {1}\n", name, type, help);
}

bool loopback(const std::string& address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

// A proxy on this machine makes everybody's request come from loopback; the headers proxies add
// say so, and such a request needs the token like any other.
bool forwarded(const httplib::Request& request) {
  return request.has_header("Forwarded") || request.has_header("X-Forwarded-For") || request.has_header("X-Real-IP");
}

bool may_read_metrics(const Call& call) {
  const MetricsOptions& options = call.context.metrics_options;
  if (options.allow_loopback && loopback(call.request.remote_addr) && !forwarded(call.request)) return true;
  const std::string authorization = call.request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (options.token_sha256.empty() || !authorization.starts_with(kBearer)) return false;
  return crypto::equal_constant_time(crypto::sha256(authorization.substr(kBearer.size())), options.token_sha256);
}

std::string database_gauges(sql::Connection& db, Instant now) {
  std::string text = header("stellwerk_bookings", "gauge", "Bookings of today (Berlin), by state.");
  sql::Statement states{db, "SELECT state, COUNT(*) FROM bookings WHERE day = ? GROUP BY state ORDER BY state"};
  states.bind_all(format_date(local_date(now)));
  while (states.step()) text += fmt::format("stellwerk_bookings{{state=\"{}\"}} {}\n", metric_label(states.text(0)), states.int64(1));

  text += header("stellwerk_kiosk_last_seen_timestamp_seconds", "gauge",
                 "When each registered kiosk last sent its heartbeat (Unix time); absent until its first.");
  sql::Statement kiosks{db, "SELECT id, building_id, last_seen_at FROM kiosk_devices "
                            "WHERE revoked_at IS NULL AND last_seen_at IS NOT NULL ORDER BY id"};
  while (kiosks.step()) {
    text += fmt::format("stellwerk_kiosk_last_seen_timestamp_seconds{{kiosk=\"{}\",building=\"{}\"}} {}\n",
                        metric_label(kiosks.text(0)), metric_label(kiosks.text(1)), kiosks.int64(2));
  }
  return text;
}

Reply metrics(Call& call) {
  if (!may_read_metrics(call)) fail(403, Refusal::forbidden);
  const Instant now = call.clock.now();
  std::string text = call.context.metrics.render();
  text += call.db.read([&](sql::Connection& db) { return database_gauges(db, now); });
  return Reply::plain(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace

std::string metric_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Metrics::record(std::string_view method, std::string_view route, int status, std::chrono::duration<double> took) {
  const std::string_view route_label = route.empty() ? std::string_view{"unmatched"} : route;
  const auto bucket = std::ranges::lower_bound(kBuckets, took.count()) - kBuckets.begin();
  const std::string_view method_label = known_method(method);
  const std::lock_guard lock{mutex_};
  auto by_method = series_.find(method_label);
  if (by_method == series_.end()) by_method = series_.emplace(std::string{method_label}, ByRoute{}).first;
  auto found = by_method->second.find(route_label);
  if (found == by_method->second.end()) found = by_method->second.emplace(std::string{route_label}, Series{}).first;
  Series& series = found->second;
  ++series.by_status[status];
  if (bucket < static_cast<std::ptrdiff_t>(kBuckets.size())) ++series.buckets[static_cast<std::size_t>(bucket)];
  ++series.count;
  series.seconds += took.count();
}

std::string Metrics::histogram_lines(std::string_view labels, const Series& series) {
  std::string lines;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += series.buckets[i];
    lines += fmt::format("stellwerk_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[i],
                         cumulative);
  }
  lines += fmt::format("stellwerk_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, series.count);
  lines += fmt::format("stellwerk_http_request_duration_seconds_sum{{{}}} {}\n", labels, series.seconds);
  lines += fmt::format("stellwerk_http_request_duration_seconds_count{{{}}} {}\n", labels, series.count);
  return lines;
}

std::string Metrics::render() const {
  const std::lock_guard lock{mutex_};
  std::string requests = header("stellwerk_http_requests_total", "counter", "Requests answered, by method, route and status.");
  std::string pulls = header("stellwerk_sync_pulls_total", "counter", "Sync pulls (GET /api/v1/changes), by status.");
  std::string latency = header("stellwerk_http_request_duration_seconds", "histogram",
                               "Time from a request's first byte to its answer, by method and route.");
  for (const auto& [method, by_route] : series_) {
    for (const auto& [route, series] : by_route) {
      const std::string labels = fmt::format("method=\"{}\",route=\"{}\"", metric_label(method), metric_label(route));
      for (const auto& [status, count] : series.by_status) {
        requests += fmt::format("stellwerk_http_requests_total{{{},status=\"{}\"}} {}\n", labels, status, count);
        if (method == "GET" && route == kSyncRoute) {
          pulls += fmt::format("stellwerk_sync_pulls_total{{status=\"{}\"}} {}\n", status, count);
        }
      }
      latency += histogram_lines(labels, series);
    }
  }
  return requests + pulls + latency;
}

std::vector<Route> metrics_routes() { return {Route{"GET", "/metrics", Auth::none, metrics}}; }

}  // namespace stellwerk::server
