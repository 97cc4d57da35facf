// Every reason the server can give for refusing a request (and the one refusal only the client
// meets, no_usual_desk), named once: an enum for the code, its stable wire code and one English
// message per reason. The server answers the wire code in problem details and translates the
// message into the caller's Accept-Language; the client parses the code back and shows the
// message in the UI language, falling back to the server's own text only for a code it does not
// know (a newer server). The wire codes are a published API (docs/api/README.md): they never
// change once released; the messages may.
//
// The English messages are marked with STELLWERK_TR_NOOP so that xgettext puts them into
// assets/i18n/de.po; core never translates them itself (callers use i18n::tr() or a catalogue).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace stellwerk {

enum class Refusal : std::uint8_t {
  // 400: the request cannot be read
  invalid_json,
  invalid_parameter,
  // 401
  unauthorized,
  invalid_credentials,
  // 403
  forbidden,
  outside_kiosk_building,
  team_too_small,
  no_person_record,
  // 404
  not_found,
  building_not_found,
  resource_not_found,
  booking_not_found,
  course_not_found,
  enrollment_not_found,
  competence_not_found,
  approval_not_found,
  workday_not_found,
  closure_not_found,
  kiosk_not_found,
  floor_not_found,
  drawing_not_found,
  // 405
  method_not_allowed,
  // 501: a method the server does not know at all
  not_implemented,
  // 409: booking and check-in rules (core/rules.hpp)
  desk_taken,
  resource_taken,
  already_booked,
  past,
  too_far_ahead,
  weekday_not_bookable,
  holiday,
  building_closed,
  too_many_upcoming,
  accessible_held,
  check_in_not_open,
  check_in_closed,
  booking_not_active,
  // 409: workdays and the remote share, training, closures, favourites, working time
  not_a_working_day,
  quota_exceeded,
  already_enrolled,
  already_completed,
  approval_decided,
  already_closed,
  too_many_favourites,
  not_a_remote_day,
  day_in_future,
  mandatory_course,
  course_full,
  course_started,
  // 409: the floor-plan editor (core/place_edit.hpp)
  place_closed,
  place_has_bookings,
  // 410
  cursor_expired,
  // 413
  body_too_large,
  // 422
  invalid_body,
  invalid_field,
  missing_field,
  unknown_field,
  invalid_drawing,
  place_off_floor,
  place_name_missing,
  invalid_closure,
  invalid_time_range,
  invalid_wall_time,
  break_too_long,
  reason_required,
  idempotency_key_reused,
  // 429
  too_many_attempts,
  // 5xx: never a client's mistake
  internal,
  not_ready,
  directory_unavailable,
  // Only the client's own checks give this one ("book my usual" without a favourite desk); the
  // server never sends it.
  no_usual_desk,
  // Only the client says this one, of a booking of the person's that the server released because
  // a facility admin removed its place (the place is gone from the feed).
  place_removed,
  COUNT
};

// The code as it travels in problem details: "desk_taken".
std::string_view wire_code(Refusal reason);

// The reason for a wire code, or nullopt for a code this build does not know.
std::optional<Refusal> parse_refusal(std::string_view code);

// The English message (a string literal, so NUL-terminated); translate it with i18n::tr() or a
// catalogue's find().
const char* refusal_message_en(Refusal reason);

// The English message for a code nobody knows, also marked for translation.
const char* unknown_refusal_message_en();

// Whether booking another place can get round a refused booking: a taken or held place has free
// neighbours, but a holiday, a closed building or "you already have a desk" stops every place
// alike, and offering one would only bring the same refusal back. The sync engine looks for
// alternatives and the client offers them only for these.
bool another_place_helps(Refusal reason);

}  // namespace stellwerk
