// The one table of refusal reasons (contracts in refusal.hpp). Entries are in the enum's order,
// which the static_asserts below check, so that a reason is found by its index.
#include "stellwerk/core/refusal.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#include "stellwerk/core/tr_noop.hpp"

namespace stellwerk {
namespace {

struct Entry {
  Refusal reason;
  std::string_view code;
  const char* message_en;
};

constexpr std::array kRefusals{
    Entry{Refusal::invalid_json, "invalid_json",
          STELLWERK_TR_NOOP("The request body is not valid JSON in UTF-8.")},
    Entry{Refusal::invalid_parameter, "invalid_parameter",
          STELLWERK_TR_NOOP("A parameter of the request is missing or cannot be read.")},
    Entry{Refusal::unauthorized, "unauthorized",
          STELLWERK_TR_NOOP("Please sign in: the request has no valid session.")},
    Entry{Refusal::invalid_credentials, "invalid_credentials",
          STELLWERK_TR_NOOP("The sign-in details are not correct.")},
    Entry{Refusal::forbidden, "forbidden",
          STELLWERK_TR_NOOP("Your role does not allow this.")},
    Entry{Refusal::outside_kiosk_building, "outside_kiosk_building",
          STELLWERK_TR_NOOP("At a kiosk you can book only places in the kiosk's building.")},
    Entry{Refusal::team_too_small, "team_too_small",
          STELLWERK_TR_NOOP("Your team is too small: counts would single someone out.")},
    Entry{Refusal::no_person_record, "no_person_record",
          STELLWERK_TR_NOOP("Your directory account has no person record in Stellwerk. Please ask your personnel "
                            "office to include you in the next import.")},
    Entry{Refusal::not_found, "not_found",
          STELLWERK_TR_NOOP("There is nothing at this address.")},
    Entry{Refusal::building_not_found, "building_not_found",
          STELLWERK_TR_NOOP("This building does not exist.")},
    Entry{Refusal::resource_not_found, "resource_not_found",
          STELLWERK_TR_NOOP("This desk or room does not exist.")},
    Entry{Refusal::booking_not_found, "booking_not_found",
          STELLWERK_TR_NOOP("This booking does not exist.")},
    Entry{Refusal::course_not_found, "course_not_found",
          STELLWERK_TR_NOOP("This course does not exist.")},
    Entry{Refusal::enrollment_not_found, "enrollment_not_found",
          STELLWERK_TR_NOOP("This enrolment does not exist.")},
    Entry{Refusal::competence_not_found, "competence_not_found",
          STELLWERK_TR_NOOP("DigComp 2.2 has no competence with this id.")},
    Entry{Refusal::approval_not_found, "approval_not_found",
          STELLWERK_TR_NOOP("This approval request does not exist.")},
    Entry{Refusal::workday_not_found, "workday_not_found",
          STELLWERK_TR_NOOP("Nothing is planned for this day.")},
    Entry{Refusal::closure_not_found, "closure_not_found",
          STELLWERK_TR_NOOP("The building is not closed on this day.")},
    Entry{Refusal::kiosk_not_found, "kiosk_not_found",
          STELLWERK_TR_NOOP("This kiosk does not exist.")},
    Entry{Refusal::floor_not_found, "floor_not_found",
          STELLWERK_TR_NOOP("This floor does not exist.")},
    Entry{Refusal::drawing_not_found, "drawing_not_found",
          STELLWERK_TR_NOOP("This floor has no drawing.")},
    Entry{Refusal::method_not_allowed, "method_not_allowed",
          STELLWERK_TR_NOOP("This address does not support this method.")},
    Entry{Refusal::not_implemented, "not_implemented",
          STELLWERK_TR_NOOP("The server does not support this method.")},
    Entry{Refusal::desk_taken, "desk_taken",
          STELLWERK_TR_NOOP("Someone else has already booked this desk for this time.")},
    Entry{Refusal::resource_taken, "resource_taken",
          STELLWERK_TR_NOOP("This room or space is already booked for this time.")},
    Entry{Refusal::already_booked, "already_booked",
          STELLWERK_TR_NOOP("You already have a desk for this time.")},
    Entry{Refusal::past, "past",
          STELLWERK_TR_NOOP("This time is in the past.")},
    Entry{Refusal::too_far_ahead, "too_far_ahead",
          STELLWERK_TR_NOOP("This day is too far ahead to book yet.")},
    Entry{Refusal::weekday_not_bookable, "weekday_not_bookable",
          STELLWERK_TR_NOOP("Your department does not book desks on this weekday.")},
    Entry{Refusal::holiday, "holiday",
          STELLWERK_TR_NOOP("This day is a public holiday.")},
    Entry{Refusal::building_closed, "building_closed",
          STELLWERK_TR_NOOP("The building is closed on this day.")},
    Entry{Refusal::too_many_upcoming, "too_many_upcoming",
          STELLWERK_TR_NOOP("You already hold the most bookings your department allows.")},
    Entry{Refusal::accessible_held, "accessible_held",
          STELLWERK_TR_NOOP("This accessible desk is held for colleagues who need it until shortly before the day.")},
    Entry{Refusal::check_in_not_open, "check_in_not_open",
          STELLWERK_TR_NOOP("Check-in is not open yet.")},
    Entry{Refusal::check_in_closed, "check_in_closed",
          STELLWERK_TR_NOOP("Check-in has closed; the desk was released.")},
    Entry{Refusal::booking_not_active, "booking_not_active",
          STELLWERK_TR_NOOP("This booking is cancelled, released or already over.")},
    Entry{Refusal::not_a_working_day, "not_a_working_day",
          STELLWERK_TR_NOOP("Office or remote work cannot be planned on a weekend.")},
    Entry{Refusal::quota_exceeded, "quota_exceeded",
          STELLWERK_TR_NOOP("This goes over your department's remote-work share for the month.")},
    Entry{Refusal::already_enrolled, "already_enrolled",
          STELLWERK_TR_NOOP("You are already enrolled in this course.")},
    Entry{Refusal::already_completed, "already_completed",
          STELLWERK_TR_NOOP("You have already completed this course.")},
    Entry{Refusal::approval_decided, "approval_decided",
          STELLWERK_TR_NOOP("This request has already been decided.")},
    Entry{Refusal::already_closed, "already_closed",
          STELLWERK_TR_NOOP("The building is already closed on this day.")},
    Entry{Refusal::too_many_favourites, "too_many_favourites",
          STELLWERK_TR_NOOP("You already have the most favourites allowed; remove one first.")},
    Entry{Refusal::not_a_remote_day, "not_a_remote_day",
          STELLWERK_TR_NOOP("Working time is recorded for remote days only: plan or record the day as remote first.")},
    Entry{Refusal::day_in_future, "day_in_future",
          STELLWERK_TR_NOOP("This day has not come yet: working time is recorded on the day or after it.")},
    Entry{Refusal::mandatory_course, "mandatory_course",
          STELLWERK_TR_NOOP("A mandatory course cannot be withdrawn from; it stays due.")},
    Entry{Refusal::course_full, "course_full",
          STELLWERK_TR_NOOP("This course is fully booked; no seat is left.")},
    Entry{Refusal::course_started, "course_started",
          STELLWERK_TR_NOOP("This course has already begun; enrolment has closed.")},
    Entry{Refusal::place_closed, "place_closed",
          STELLWERK_TR_NOOP("This place is closed on that day; choose another one.")},
    Entry{Refusal::place_has_bookings, "place_has_bookings",
          STELLWERK_TR_NOOP("This place still has bookings; remove it again and confirm that they are released.")},
    Entry{Refusal::cursor_expired, "cursor_expired",
          STELLWERK_TR_NOOP("The change history is no longer available from this point; start again from 0.")},
    Entry{Refusal::body_too_large, "body_too_large",
          STELLWERK_TR_NOOP("The request body is larger than 64 KiB.")},
    Entry{Refusal::invalid_body, "invalid_body",
          STELLWERK_TR_NOOP("The request body must be a JSON object.")},
    Entry{Refusal::invalid_field, "invalid_field",
          STELLWERK_TR_NOOP("A field has the wrong type or an impossible value.")},
    Entry{Refusal::missing_field, "missing_field",
          STELLWERK_TR_NOOP("A required field is missing.")},
    Entry{Refusal::unknown_field, "unknown_field",
          STELLWERK_TR_NOOP("The request has a field this API does not know.")},
    Entry{Refusal::invalid_drawing, "invalid_drawing",
          STELLWERK_TR_NOOP("A floor drawing must be a PNG or JPEG image of at most 4096 pixels a side.")},
    Entry{Refusal::place_off_floor, "place_off_floor",
          STELLWERK_TR_NOOP("A place needs a size and must lie entirely on its floor's plan.")},
    Entry{Refusal::place_name_missing, "place_name_missing",
          STELLWERK_TR_NOOP("A place needs a name of at most 80 characters.")},
    Entry{Refusal::invalid_closure, "invalid_closure",
          STELLWERK_TR_NOOP("A closure ends on or after its first day and gives a reason.")},
    Entry{Refusal::invalid_time_range, "invalid_time_range",
          STELLWERK_TR_NOOP("The end must be after the start, on the same day.")},
    Entry{Refusal::invalid_wall_time, "invalid_wall_time",
          STELLWERK_TR_NOOP("Times are written HH:MM, from 00:00 to 24:00.")},
    Entry{Refusal::break_too_long, "break_too_long",
          STELLWERK_TR_NOOP("The break must be shorter than the time from start to end.")},
    Entry{Refusal::reason_required, "reason_required",
          STELLWERK_TR_NOOP("A request is declined with a reason the employee can read.")},
    Entry{Refusal::idempotency_key_reused, "idempotency_key_reused",
          STELLWERK_TR_NOOP("This Idempotency-Key was already used for a different request.")},
    Entry{Refusal::too_many_attempts, "too_many_attempts",
          STELLWERK_TR_NOOP("Too many failed attempts. Please wait before trying again.")},
    Entry{Refusal::internal, "internal",
          STELLWERK_TR_NOOP("The server failed. Your request was not applied; please try again.")},
    Entry{Refusal::not_ready, "not_ready",
          STELLWERK_TR_NOOP("The server is starting.")},
    Entry{Refusal::directory_unavailable, "directory_unavailable",
          STELLWERK_TR_NOOP("The city's directory cannot be reached, so passwords cannot be checked right now. "
                            "Please try again in a few minutes.")},
    Entry{Refusal::no_usual_desk, "no_usual_desk",
          STELLWERK_TR_NOOP("You have no usual desk yet: mark a desk as a favourite first.")},
    Entry{Refusal::place_removed, "place_removed",
          STELLWERK_TR_NOOP("Released: facility management removed this place.")},
};

static_assert(kRefusals.size() == static_cast<std::size_t>(Refusal::COUNT), "every refusal reason needs an entry");

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kRefusals.size(); ++i) {
    if (static_cast<std::size_t>(kRefusals[i].reason) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "kRefusals must list the reasons in the enum's order");

constexpr bool codes_unique() {
  for (std::size_t i = 0; i < kRefusals.size(); ++i) {
    for (std::size_t j = i + 1; j < kRefusals.size(); ++j) {
      if (kRefusals[i].code == kRefusals[j].code) return false;
    }
  }
  return true;
}
static_assert(codes_unique(), "two reasons share a wire code");

const Entry& entry(Refusal reason) {
  const auto index = static_cast<std::size_t>(reason);
  // An out-of-range value can only come from a cast; answer the server's general failure.
  return index < kRefusals.size() ? kRefusals[index] : kRefusals[static_cast<std::size_t>(Refusal::internal)];
}

}  // namespace

std::string_view wire_code(Refusal reason) { return entry(reason).code; }

std::optional<Refusal> parse_refusal(std::string_view code) {
  const auto* it = std::find_if(kRefusals.begin(), kRefusals.end(), [&](const Entry& e) { return e.code == code; });
  if (it == kRefusals.end()) return std::nullopt;
  return it->reason;
}

const char* refusal_message_en(Refusal reason) { return entry(reason).message_en; }

const char* unknown_refusal_message_en() { return STELLWERK_TR_NOOP("The request was refused."); }

bool another_place_helps(Refusal reason) {
  return reason == Refusal::desk_taken || reason == Refusal::resource_taken || reason == Refusal::accessible_held ||
         reason == Refusal::place_closed;
}

}  // namespace stellwerk
