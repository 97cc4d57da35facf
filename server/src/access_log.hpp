// One line per answered request as JSON, for the operator: when, which request id, the route's
// template (never the path itself, whose segments may name a booking or a person), status, time
// and sizes. Never a name, token, badge number, body or address. The request id is the client's
// X-Request-Id when it sent a well-formed one (the client logs the same id), else a new one; it
// is answered in X-Request-Id either way.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

namespace spdlog {
class logger;
}

namespace stellwerk::server {

struct AccessLogOptions {
  enum class Target { off, stderr_stream, folder };
  Target target = Target::off;
  std::filesystem::path folder;   // Target::folder: access-YYYY-MM-DD.jsonl, a new file each day
  int keep_days = 30;             // Target::folder: older files are deleted
};

class AccessLog {
 public:
  explicit AccessLog(const AccessLogOptions& options);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // `route`: the matched route's template, or "" when none matched.
  void record(const httplib::Request& req, const httplib::Response& res, std::string_view route) const;

 private:
  std::shared_ptr<spdlog::logger> lines_;  // null when off
};

// The request's id (see above), set on the response; the same on every call for one response.
std::string request_id(const httplib::Request& req, httplib::Response& res);

}  // namespace stellwerk::server
