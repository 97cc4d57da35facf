#include "access_log.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdint>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "connections.hpp"
#include "crypto.hpp"

namespace stellwerk::server {
namespace {

constexpr std::string_view kHeader = "X-Request-Id";
constexpr std::size_t kMaxClientId = 64;

// Letters, digits, '-', '_' and '.', 1 to 64 of them: anything else (a name, a line break that
// would forge a log line) is not taken from the client.
bool well_formed(std::string_view id) {
  return !id.empty() && id.size() <= kMaxClientId && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

// "2026-12-07T07:59:03.125Z"
std::string utc_text(std::chrono::system_clock::time_point at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at - seconds).count();
  return fmt::format("{:%FT%T}.{:03}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(seconds)), millis);
}

}  // namespace

std::string request_id(const httplib::Request& req, httplib::Response& res) {
  if (res.has_header(kHeader.data())) return res.get_header_value(kHeader.data());
  std::string id = req.get_header_value(kHeader.data());
  if (!well_formed(id)) id = crypto::random_token(12);
  res.set_header(kHeader.data(), id);
  return id;
}

AccessLog::AccessLog(const AccessLogOptions& options) {
  using Target = AccessLogOptions::Target;
  if (options.target == Target::off) return;
  spdlog::sink_ptr sink;
  if (options.target == Target::folder) {
    sink = std::make_shared<spdlog::sinks::daily_file_sink_mt>((options.folder / "access.jsonl").string(), 0, 0, false,
                                                                static_cast<std::uint16_t>(options.keep_days));
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  }
  // Not registered with spdlog: several servers in one process (the tests) each have their own.
  lines_ = std::make_shared<spdlog::logger>("access", std::move(sink));
  lines_->set_pattern("%v");
  lines_->flush_on(spdlog::level::info);
}

AccessLog::~AccessLog() = default;

void AccessLog::record(const httplib::Request& req, const httplib::Response& res, std::string_view route) const {
  if (!lines_) return;
  const auto now = std::chrono::system_clock::now();
  const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_began());
  const nlohmann::json line{
      {"time", utc_text(now)},
      {"request_id", res.get_header_value(kHeader.data())},
      {"method", req.method},
      {"route", route.empty() ? "unknown" : std::string{route}},
      {"status", res.status},
      {"ms", std::round(took.count() * 100) / 100},
      {"bytes_in", req.body.size()},
      {"bytes_out", res.body.size()},
  };
  // A method or route is what the client sent: bytes that are no UTF-8 are replaced, not thrown on.
  lines_->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace stellwerk::server
