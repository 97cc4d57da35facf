// The kiosk's requests (see kiosk_api.hpp).
#include "kiosk_api.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/wire/codec.hpp"

namespace stellwerk::kiosk {
namespace {

using Json = nlohmann::json;

// A list page at most this long; the server pages longer lists with Next-Cursor.
constexpr int kPage = 200;
// A list longer than this many pages is not what a kiosk shows; the answer is treated as malformed.
constexpr int kMaxPages = 50;

ApiFailure malformed(std::string detail) { return ApiFailure{ApiFailure::Kind::malformed, 0, {}, std::move(detail), {}}; }

ApiFailure failure_of(const net::HttpResponse& response, bool personal) {
  ApiFailure failure;
  failure.status = response.status;
  failure.retry_after = response.retry_after;
  failure.kind = personal && response.status == 401 ? ApiFailure::Kind::signed_out : ApiFailure::Kind::refused;
  const Json body = Json::parse(response.body, nullptr, false);
  if (auto problem = body.is_object() ? wire::decode<wire::Problem>(body) : std::unexpected(wire::DecodeError{})) {
    failure.code = problem->code;
    failure.title = problem->detail.value_or(problem->title);
    if (!failure.retry_after && problem->retry_after) failure.retry_after = std::chrono::seconds{*problem->retry_after};
  }
  return failure;
}

template <typename T>
ApiResult<T> decoded(const std::string& body) {
  const Json json = Json::parse(body, nullptr, false);
  if (json.is_discarded()) return std::unexpected(malformed("not JSON"));
  auto value = wire::decode<T>(json);
  if (!value) return std::unexpected(malformed(value.error().path));
  return std::move(*value);
}

// JSON string content for text typed on the kiosk (printable ASCII only), escaped into `out`.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
}

// A sign-in body built in one buffer reserved up front (so it never reallocates and leaves a copy
// behind) and wiped by the caller: the codec's JSON values would scatter copies of the PIN.
std::string sign_in_body(std::string_view first_name, std::string_view first, std::string_view second_name,
                         std::string_view second) {
  std::string body;
  body.reserve(32 + 2 * (first.size() + second.size()) + first_name.size() + second_name.size());
  body += "{\"";
  body += first_name;
  body += "\":\"";
  append_escaped(body, first);
  body += "\",\"";
  body += second_name;
  body += "\":\"";
  append_escaped(body, second);
  body += "\"}";
  return body;
}

std::string range_query(Date from, Date to) { return fmt::format("from={}&to={}", format_date(from), format_date(to)); }

}  // namespace

KioskApi::KioskApi(net::HttpClient http, Secret device_token, std::string language)
    : http_(std::move(http)), device_token_(std::move(device_token)), language_(std::move(language)) {}

ApiResult<net::HttpResponse> KioskApi::send(const std::string& method, const std::string& target, std::string body,
                                            const Secret& token, bool personal) {
  std::string authorization;
  authorization.reserve(16 + token.view().size());
  authorization += "Bearer ";
  authorization += token.view();
  net::HttpRequest request{method, target, std::move(body), {{"Authorization", authorization}, {"Accept-Language", language_}}};
  auto result = http_.send(request);
  wipe(authorization);
  wipe(request.headers[0].second);
  wipe(request.body);
  if (!result) return std::unexpected(ApiFailure{ApiFailure::Kind::offline, 0, {}, result.error().detail, {}});
  if (result->status >= 300) return std::unexpected(failure_of(*result, personal));
  return std::move(*result);
}

template <typename T>
ApiResult<T> KioskApi::get_one(const std::string& target, const Secret& token, bool personal) {
  auto response = send("GET", target, {}, token, personal);
  if (!response) return std::unexpected(response.error());
  return decoded<T>(response->body);
}

template <typename T>
ApiResult<std::vector<T>> KioskApi::get_all(const std::string& target, const Secret& token) {
  std::vector<T> all;
  std::string page_target = fmt::format("{}{}limit={}", target, target.find('?') == std::string::npos ? '?' : '&', kPage);
  for (int page = 0; page < kMaxPages; ++page) {
    auto response = send("GET", page_target, {}, token, true);
    if (!response) return std::unexpected(response.error());
    const Json json = Json::parse(response->body, nullptr, false);
    if (!json.is_array()) return std::unexpected(malformed("not a list"));
    for (const Json& item : json) {
      auto value = wire::decode<T>(item);
      if (!value) return std::unexpected(malformed(value.error().path));
      all.push_back(std::move(*value));
    }
    if (!response->next_cursor) return all;
    page_target = fmt::format("{}{}limit={}&cursor={}", target, target.find('?') == std::string::npos ? '?' : '&', kPage,
                              *response->next_cursor);
  }
  return std::unexpected(malformed("too many pages"));
}

ApiResult<wire::KioskToday> KioskApi::today() { return get_one<wire::KioskToday>("/api/v1/kiosk/today", device_token_, false); }

ApiResult<void> KioskApi::heartbeat(const std::string& version) {
  auto response = send("POST", "/api/v1/kiosk/heartbeat", wire::encode(wire::KioskHeartbeat{version}).dump(), device_token_, false);
  if (!response) return std::unexpected(response.error());
  return {};
}

ApiResult<wire::Session> KioskApi::sign_in_with_badge(std::string_view badge, std::string_view pin) {
  auto response = send("POST", "/api/v1/session/kiosk", sign_in_body("badge", badge, "pin", pin), device_token_, false);
  if (!response) return std::unexpected(response.error());
  auto session = decoded<wire::Session>(response->body);
  wipe(response->body);
  return session;
}

ApiResult<wire::Session> KioskApi::sign_in_with_password(std::string_view username, std::string_view password) {
  auto response = send("POST", "/api/v1/session/kiosk/password", sign_in_body("username", username, "password", password),
                       device_token_, false);
  if (!response) return std::unexpected(response.error());
  auto session = decoded<wire::Session>(response->body);
  wipe(response->body);
  return session;
}

ApiResult<wire::Policy> KioskApi::policy(const Secret& token) { return get_one<wire::Policy>("/api/v1/me/policy", token, true); }

ApiResult<std::vector<wire::Booking>> KioskApi::bookings(const Secret& token, Date from, Date to) {
  return get_all<wire::Booking>(fmt::format("/api/v1/bookings?{}", range_query(from, to)), token);
}

ApiResult<wire::WorkdayList> KioskApi::workdays(const Secret& token, Date from, Date to) {
  return get_one<wire::WorkdayList>(fmt::format("/api/v1/workdays?{}&limit={}", range_query(from, to), kPage), token, true);
}

ApiResult<std::vector<wire::Enrollment>> KioskApi::enrollments(const Secret& token) {
  return get_all<wire::Enrollment>("/api/v1/enrollments", token);
}

ApiResult<std::vector<wire::Course>> KioskApi::courses(const Secret& token) {
  return get_all<wire::Course>("/api/v1/courses", token);
}

ApiResult<wire::Availability> KioskApi::availability(const Secret& token, const Id& building_id, Date day) {
  return get_one<wire::Availability>(fmt::format("/api/v1/buildings/{}/availability?date={}", building_id, format_date(day)), token, true);
}

ApiResult<wire::Booking> KioskApi::book(const Secret& token, const Id& resource_id, Instant start, Instant end) {
  auto response = send("POST", "/api/v1/bookings", wire::encode(wire::BookingRequest{resource_id, start, end}).dump(), token, true);
  if (!response) return std::unexpected(response.error());
  return decoded<wire::Booking>(response->body);
}

ApiResult<wire::Booking> KioskApi::check_in(const Secret& token, const Id& booking_id) {
  auto response = send("POST", fmt::format("/api/v1/bookings/{}/check-in", booking_id), {}, token, true);
  if (!response) return std::unexpected(response.error());
  return decoded<wire::Booking>(response->body);
}

ApiResult<void> KioskApi::cancel(const Secret& token, const Id& booking_id) {
  auto response = send("DELETE", fmt::format("/api/v1/bookings/{}", booking_id), {}, token, true);
  if (!response) return std::unexpected(response.error());
  return {};
}

ApiResult<void> KioskApi::sign_out(const Secret& token) {
  auto response = send("DELETE", "/api/v1/session", {}, token, true);
  if (!response) return std::unexpected(response.error());
  return {};
}

}  // namespace stellwerk::kiosk
