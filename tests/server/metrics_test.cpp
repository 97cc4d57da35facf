// /metrics as the city's monitoring reads it: every answered request counted by method, route
// template and status with its latency; sync pulls; today's bookings; when each kiosk was last
// seen. Nothing personal and nothing a caller chooses becomes a label, and only loopback or the
// metrics token may read it.
#include <chrono>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "crypto.hpp"
#include "eventually.hpp"
#include "folder_server.hpp"
#include "kiosk_support.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

// Sample lines by their full name with labels, e.g. `stellwerk_sync_pulls_total{status="200"}`.
std::map<std::string, double> samples(const ApiResponse& response) {
  EXPECT_EQ(response.status, 200) << response.raw;
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  std::map<std::string, double> found;
  std::istringstream lines{response.raw};
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.starts_with('#')) continue;
    const auto space = line.rfind(' ');
    found[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return found;
}

double value(const std::map<std::string, double>& samples, const std::string& name) {
  const auto found = samples.find(name);
  return found == samples.end() ? 0.0 : found->second;
}

TEST(Metrics, CountsEachRequestByRouteTemplateAndStatus) {
  TestServer server;
  auto monitor = server.anonymous();
  const auto before = samples(monitor.get("/metrics"));
  auto demo = server.client_for("demo");  // one sign-in
  EXPECT_EQ(demo.get("/api/v1/changes?since=0").status, 200);
  EXPECT_EQ(demo.get("/api/v1/changes?since=0").status, 200);
  EXPECT_EQ(demo.get("/api/v1/bookings").status, 400);  // no range
  EXPECT_EQ(demo.del("/api/v1/bookings/bk_of_nobody_9f3a").status, 404);
  EXPECT_EQ(demo.get("/etc/passwd-of-alex-demir").status, 404);
  // A method nobody knows (RFC 9110: 501); sent past ApiClient, whose responses must all be in the document.
  httplib::Client raw{"127.0.0.1", server.port()};
  const auto brewed = raw.send([] {
    httplib::Request request;
    request.method = "BREW";
    request.path = "/api/v1/changes";
    return request;
  }());
  ASSERT_TRUE(brewed);
  EXPECT_EQ(brewed->status, 501);
  // The server counts a request once its answer is sent: the last ones may still be on their way.
  std::map<std::string, double> after;
  const auto grew = [&](const std::string& name) { return value(after, name) - value(before, name); };
  EXPECT_TRUE(stellwerk::testing::eventually([&] {
    after = samples(monitor.get("/metrics"));
    return grew(R"(stellwerk_http_requests_total{method="OTHER",route="unmatched",status="501"})") >= 1 &&
           grew(R"(stellwerk_http_requests_total{method="GET",route="unmatched",status="404"})") >= 1;
  }));
  EXPECT_EQ(grew(R"(stellwerk_http_requests_total{method="POST",route="/api/v1/session",status="201"})"), 1);
  EXPECT_EQ(grew(R"(stellwerk_http_requests_total{method="GET",route="/api/v1/changes",status="200"})"), 2);
  EXPECT_EQ(grew(R"(stellwerk_http_requests_total{method="GET",route="/api/v1/bookings",status="400"})"), 1);
  // A path's id never becomes a label: the route's template does.
  EXPECT_EQ(grew(R"(stellwerk_http_requests_total{method="DELETE",route="/api/v1/bookings/{id}",status="404"})"), 1);
  EXPECT_EQ(grew(R"(stellwerk_http_requests_total{method="OTHER",route="unmatched",status="501"})"), 1);
  EXPECT_EQ(grew(R"(stellwerk_http_requests_total{method="GET",route="unmatched",status="404"})"), 1);
  EXPECT_EQ(grew(R"(stellwerk_sync_pulls_total{status="200"})"), 2);
  EXPECT_EQ(grew(R"(stellwerk_http_request_duration_seconds_count{method="GET",route="/api/v1/changes"})"), 2);
  EXPECT_EQ(after.count(R"(stellwerk_http_requests_total{method="GET",route="/metrics",status="200"})"), 1U);

  const std::string text = monitor.get("/metrics").raw;
  for (const char* personal : {"bk_of_nobody_9f3a", "alex-demir", "BREW", "demo"}) {
    EXPECT_EQ(text.find(personal), std::string::npos) << personal;
  }
  // The histogram: buckets never fall, and +Inf holds every request.
  const std::string series = R"({method="GET",route="/api/v1/changes",le=")";
  double last = 0;
  for (const double bound : Metrics::kBuckets) {
    const double bucket = value(after, "stellwerk_http_request_duration_seconds_bucket" + series + fmt::format("{}", bound) + "\"}");
    EXPECT_GE(bucket, last) << bound;
    last = bucket;
  }
  EXPECT_EQ(value(after, "stellwerk_http_request_duration_seconds_bucket" + series + "+Inf\"}"),
            value(after, R"(stellwerk_http_request_duration_seconds_count{method="GET",route="/api/v1/changes"})"));
  EXPECT_GE(value(after, "stellwerk_http_request_duration_seconds_bucket" + series + "+Inf\"}"), last);
}

TEST(Metrics, TodaysBookingsAndWhenEachKioskWasLastSeen) {
  TestServer server;  // Tuesday 1 December, 07:00
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                               {"start", "2026-12-01T08:00:00+01:00"},
                                               {"end", "2026-12-01T17:00:00+01:00"}})
                .status,
            201);
  ASSERT_EQ(demo.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-02"},
                                               {"start", "2026-12-02T08:00:00+01:00"},
                                               {"end", "2026-12-02T17:00:00+01:00"}})
                .status,
            201);
  auto kiosk = device(server);
  ASSERT_EQ(kiosk.post("/api/v1/kiosk/heartbeat", Json{{"version", "1.4.0"}}).status, 204);

  auto monitor = server.anonymous();
  const auto now = samples(monitor.get("/metrics"));
  EXPECT_EQ(value(now, R"(stellwerk_bookings{state="booked"})"), 1);  // tomorrow's is not today's
  EXPECT_EQ(value(now, R"(stellwerk_kiosk_last_seen_timestamp_seconds{kiosk="kiosk_rathaus_eg",building="bld_rathaus"})"),
            static_cast<double>(server.clock().now().time_since_epoch().count()));
}

TEST(Metrics, AProxysForwardedRequestIsNotLoopback) {
  TestServer server;  // loopback may read
  auto through_proxy = server.anonymous();
  expect_problem(through_proxy.send("GET", "/metrics", "", {{"X-Forwarded-For", "198.51.100.7"}}), 403, "forbidden");
  expect_problem(through_proxy.send("GET", "/metrics", "", {{"Forwarded", "for=198.51.100.7"}}), 403, "forbidden");
  EXPECT_EQ(through_proxy.get("/metrics").status, 200);
}

TEST(Metrics, OnlyLoopbackOrTheMetricsTokenMayRead) {
  TempDir folder;
  const std::string token = "metrics-7f2c9a41d0e8b3";
  auto options = FolderServer::options_with(folder.path());
  options.metrics = MetricsOptions{.allow_loopback = false, .token_sha256 = crypto::sha256(token)};
  FolderServer server{options};
  ApiClient monitor{server.port(), "metrics"};
  expect_problem(monitor.get("/metrics"), 403, "forbidden");
  monitor.set_token("metrics-7f2c9a41d0e8b4");
  expect_problem(monitor.get("/metrics"), 403, "forbidden");
  // A person's session opens nothing here.
  const auto session = monitor.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}});
  monitor.set_token(session.body.value("token", ""));
  expect_problem(monitor.get("/metrics"), 403, "forbidden");
  monitor.set_token(token);
  const auto allowed = monitor.get("/metrics");
  EXPECT_EQ(allowed.status, 200) << allowed.raw;
  EXPECT_EQ(allowed.status, 200) << allowed.raw;
  EXPECT_NE(allowed.raw.find("stellwerk_http_requests_total"), std::string::npos);
}

}  // namespace
}  // namespace stellwerk::server::testing
