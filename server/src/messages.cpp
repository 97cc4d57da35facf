#include "messages.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/tr_noop.hpp"

namespace stellwerk::server {
namespace {

struct Entry {
  std::string_view code;
  const char* title_en;
};

// One entry per stable code. Codes never change once released; texts may.
constexpr std::array kMessages{
    // 400
    Entry{"invalid_json", STELLWERK_TR_NOOP("The request body is not valid JSON in UTF-8.")},
    Entry{"invalid_parameter", STELLWERK_TR_NOOP("A parameter of the request is missing or cannot be read.")},
    // 401
    Entry{"unauthorized", STELLWERK_TR_NOOP("Please sign in: the request has no valid session.")},
    Entry{"invalid_credentials", STELLWERK_TR_NOOP("The sign-in details are not correct.")},
    // 403
    Entry{"forbidden", STELLWERK_TR_NOOP("Your role does not allow this.")},
    // 404
    Entry{"not_found", STELLWERK_TR_NOOP("There is nothing at this address.")},
    Entry{"building_not_found", STELLWERK_TR_NOOP("This building does not exist.")},
    Entry{"resource_not_found", STELLWERK_TR_NOOP("This desk or room does not exist.")},
    Entry{"booking_not_found", STELLWERK_TR_NOOP("This booking does not exist.")},
    Entry{"course_not_found", STELLWERK_TR_NOOP("This course does not exist.")},
    Entry{"enrollment_not_found", STELLWERK_TR_NOOP("This enrolment does not exist.")},
    Entry{"approval_not_found", STELLWERK_TR_NOOP("This approval request does not exist.")},
    Entry{"workday_not_found", STELLWERK_TR_NOOP("Nothing is planned for this day.")},
    Entry{"closure_not_found", STELLWERK_TR_NOOP("The building is not closed on this day.")},
    // 405
    Entry{"method_not_allowed", STELLWERK_TR_NOOP("This address does not support this method.")},
    // 501
    Entry{"not_implemented", STELLWERK_TR_NOOP("The server does not support this method.")},
    // 409: booking rules
    Entry{"desk_taken", STELLWERK_TR_NOOP("Someone else has already booked this desk for this time.")},
    Entry{"resource_taken", STELLWERK_TR_NOOP("This room or space is already booked for this time.")},
    Entry{"already_booked", STELLWERK_TR_NOOP("You already have a desk for this time.")},
    Entry{"past", STELLWERK_TR_NOOP("This time is in the past.")},
    Entry{"too_far_ahead", STELLWERK_TR_NOOP("This day is too far ahead to book yet.")},
    Entry{"weekday_not_bookable", STELLWERK_TR_NOOP("Your department does not book desks on this weekday.")},
    Entry{"holiday", STELLWERK_TR_NOOP("This day is a public holiday.")},
    Entry{"building_closed", STELLWERK_TR_NOOP("The building is closed on this day.")},
    Entry{"too_many_upcoming", STELLWERK_TR_NOOP("You already hold the most bookings your department allows.")},
    Entry{"accessible_held", STELLWERK_TR_NOOP("This accessible desk is held for colleagues who need it until shortly before the day.")},
    Entry{"check_in_not_open", STELLWERK_TR_NOOP("Check-in is not open yet.")},
    Entry{"check_in_closed", STELLWERK_TR_NOOP("Check-in has closed; the desk was released.")},
    Entry{"booking_not_active", STELLWERK_TR_NOOP("This booking is cancelled, released or already over.")},
    // 409: workdays, training and favourites
    Entry{"not_a_working_day", STELLWERK_TR_NOOP("Office or remote work cannot be planned on a weekend.")},
    Entry{"quota_exceeded", STELLWERK_TR_NOOP("This goes over your department's remote-work share for the month.")},
    Entry{"already_enrolled", STELLWERK_TR_NOOP("You are already enrolled in this course.")},
    Entry{"already_completed", STELLWERK_TR_NOOP("You have already completed this course.")},
    Entry{"approval_decided", STELLWERK_TR_NOOP("This request has already been decided.")},
    Entry{"already_closed", STELLWERK_TR_NOOP("The building is already closed on this day.")},
    Entry{"too_many_favourites", STELLWERK_TR_NOOP("You already have the most favourites allowed; remove one first.")},
    // 410
    Entry{"cursor_expired", STELLWERK_TR_NOOP("The change history is no longer available from this point; start again from 0.")},
    // 413
    Entry{"body_too_large", STELLWERK_TR_NOOP("The request body is larger than 64 KiB.")},
    // 422
    Entry{"invalid_body", STELLWERK_TR_NOOP("The request body must be a JSON object.")},
    Entry{"invalid_field", STELLWERK_TR_NOOP("A field has the wrong type or an impossible value.")},
    Entry{"missing_field", STELLWERK_TR_NOOP("A required field is missing.")},
    Entry{"unknown_field", STELLWERK_TR_NOOP("The request has a field this API does not know.")},
    Entry{"invalid_time_range", STELLWERK_TR_NOOP("The end must be after the start, on the same day.")},
    Entry{"idempotency_key_reused", STELLWERK_TR_NOOP("This Idempotency-Key was already used for a different request.")},
    // 429
    Entry{"too_many_attempts", STELLWERK_TR_NOOP("Too many failed attempts. Please wait before trying again.")},
    // 5xx: never for a client's mistake
    Entry{"internal", STELLWERK_TR_NOOP("The server failed. Your request was not applied; please try again.")},
    Entry{"not_ready", STELLWERK_TR_NOOP("The server is starting.")},
};

const Entry* find(std::string_view code) {
  const auto* it = std::find_if(kMessages.begin(), kMessages.end(), [&](const Entry& e) { return e.code == code; });
  return it == kMessages.end() ? nullptr : it;
}

std::string translate(i18n::Language language, const char* english) {
  if (const auto* catalog = assets::catalog(language)) {
    if (const char* translated = catalog->find(english)) return translated;
  }
  return english;
}

}  // namespace

i18n::Language language_from_accept(std::string_view header) {
  // Pick the highest q among de and en; ties go to the earlier entry.
  std::optional<i18n::Language> best;
  double best_q = -1;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    double q = 1.0;
    if (const auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
      const auto params = item.substr(semicolon + 1);
      if (const auto qpos = params.find("q="); qpos != std::string_view::npos) {
        q = std::strtod(std::string{params.substr(qpos + 2)}.c_str(), nullptr);
      }
      item = item.substr(0, semicolon);
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty() || q <= 0) continue;
    const auto language = i18n::parse_language(item);
    if (language && q > best_q) {
      best = language;
      best_q = q;
    }
  }
  return best.value_or(i18n::Language::de);
}

std::string problem_title(std::string_view code, i18n::Language language) {
  const Entry* entry = find(code);
  return translate(language, entry != nullptr ? entry->title_en : "The request was refused.");
}

bool known_problem_code(std::string_view code) { return find(code) != nullptr; }

}  // namespace stellwerk::server
