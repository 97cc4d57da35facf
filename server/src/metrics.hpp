// /metrics in the Prometheus text format (0.0.4) for the city's monitoring: requests by method,
// route template and status, a latency histogram per route, sync pulls, today's bookings by state
// and when each kiosk was last seen. Nothing personal: routes are templates, never paths, and a
// hostile method or path cannot add series (unknown ones are counted as "OTHER" and "unmatched").
// Reachable from loopback and, with `[metrics] token_file`, with that token from anywhere.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace stellwerk::server {

struct MetricsOptions {
  // Loopback callers may read /metrics without a token. Turn off when a reverse proxy on the same
  // machine forwards everybody's requests from loopback.
  bool allow_loopback = true;
  // SHA-256 of the token that opens /metrics from anywhere ("Authorization: Bearer ..."),
  // or empty when there is none.
  std::string token_sha256;
};

class Metrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds.
  static constexpr std::array<double, 13> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                   0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

  // One answered request. `route` is the matched route's template, "" when none matched.
  void record(std::string_view method, std::string_view route, int status, std::chrono::duration<double> took);
  // The request counters and histograms, each with its HELP and TYPE lines.
  std::string render() const;

 private:
  struct Series {
    std::map<int, std::uint64_t> by_status;
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // not cumulative; render() sums them
    std::uint64_t count = 0;
    double seconds = 0;
  };
  static std::string histogram_lines(std::string_view labels, const Series& series);

  mutable std::mutex mutex_;
  using ByRoute = std::map<std::string, Series, std::less<>>;
  std::map<std::string, ByRoute, std::less<>> series_;  // by method, then route
};

// A label value as the text format writes it: backslash, double quote and newline escaped.
std::string metric_label(std::string_view value);

}  // namespace stellwerk::server
