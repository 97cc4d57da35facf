// The kiosk's calls to the server, one function per request, over the sync library's hardened
// transport and the wire codec. Two kinds of caller: the device (its token may fetch today's plan
// of its building, send the heartbeat and sign a person in) and the person signed in at it (their
// kiosk session's token, held in memory only). Nothing here writes to disk or logs a person.
//
// Used from one thread at a time (the kiosk's network thread).
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/secret.hpp"
#include "stellwerk/sync/transport.hpp"
#include "stellwerk/wire/types.hpp"
#include "stellwerk/wire/types_kiosk.hpp"

namespace stellwerk::kiosk {

struct ApiFailure {
  enum class Kind : unsigned char {
    offline,     // no answer from the server
    refused,     // the server said no: `code` and its words in `title`
    signed_out,  // the person's session is over (401): back to the idle screen
    malformed,   // an answer the document does not allow
  };
  Kind kind = Kind::offline;
  int status = 0;
  std::string code;
  std::string title;
  std::optional<std::chrono::seconds> retry_after;
};

template <typename T>
using ApiResult = std::expected<T, ApiFailure>;

class KioskApi {
 public:
  KioskApi(net::HttpClient http, Secret device_token, std::string language);

  void set_language(std::string language) { language_ = std::move(language); }

  // The device's calls.
  ApiResult<wire::KioskToday> today();
  ApiResult<void> heartbeat(const std::string& version);
  ApiResult<wire::Session> sign_in_with_badge(std::string_view badge, std::string_view pin);
  // The fallback without a badge: the same kiosk session (bound to this kiosk, 15 minutes).
  ApiResult<wire::Session> sign_in_with_password(std::string_view username, std::string_view password);

  // The person's calls, with their session token.
  ApiResult<wire::Policy> policy(const Secret& token);
  ApiResult<std::vector<wire::Booking>> bookings(const Secret& token, Date from, Date to);
  ApiResult<wire::WorkdayList> workdays(const Secret& token, Date from, Date to);
  ApiResult<std::vector<wire::Enrollment>> enrollments(const Secret& token);
  ApiResult<std::vector<wire::Course>> courses(const Secret& token);
  ApiResult<wire::Availability> availability(const Secret& token, const Id& building_id, Date day);
  ApiResult<wire::Booking> book(const Secret& token, const Id& resource_id, Instant start, Instant end);
  ApiResult<wire::Booking> check_in(const Secret& token, const Id& booking_id);
  ApiResult<void> cancel(const Secret& token, const Id& booking_id);
  ApiResult<void> sign_out(const Secret& token);

 private:
  ApiResult<net::HttpResponse> send(const std::string& method, const std::string& target, std::string body,
                                    const Secret& token, bool personal);
  template <typename T>
  ApiResult<T> get_one(const std::string& target, const Secret& token, bool personal);
  template <typename T>
  ApiResult<std::vector<T>> get_all(const std::string& target, const Secret& token);

  net::HttpClient http_;
  Secret device_token_;
  std::string language_;
};

}  // namespace stellwerk::kiosk
