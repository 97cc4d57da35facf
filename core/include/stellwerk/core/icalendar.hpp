// iCalendar (RFC 5545) output: events that a person takes into their own calendar — from the
// kiosk's QR code and from the calendar export. A writer only, and generic: it knows nothing of
// bookings, so each feature builds its CalendarEvents and this file gets the format right once.
// Times are written as Europe/Berlin wall times with a VTIMEZONE (the zone every date in
// Stellwerk is in, see calendar.hpp), so a calendar shows 09:00 for a booking at 09:00 even if
// it does not know the zone by name.
//
// Failure: like calendar.hpp, it throws std::runtime_error only when the tz database has no
// "Europe/Berlin". Text of any content (control characters, invalid UTF-8) never makes it fail:
// control characters other than tab and line breaks are left out. Thread safety: safe to call
// from any thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

struct CalendarEvent {
  std::string uid;  // globally unique and stable, so that a second import updates the event
  Instant start{};
  Instant end{};  // after start; written as given
  std::string summary;
  std::string location;     // left out when empty
  std::string description;  // left out when empty; line breaks are kept
  // TRANSPARENT: the event does not make the person busy (a free/busy lookup ignores it).
  bool transparent = false;
  // Set: an all-day event on that Berlin day (DTSTART;VALUE=DATE and DTEND;VALUE=DATE of the day
  // after, as RFC 5545 3.6.1 asks), and `start`/`end` are not written. Last, so that the
  // aggregate initialisations of timed events stay as they are.
  std::optional<Date> all_day{};
};

// A complete VCALENDAR (VERSION 2.0, PRODID, CALSCALE GREGORIAN, the Europe/Berlin VTIMEZONE and
// one VEVENT per event, in order) with CRLF line endings, TEXT values escaped and lines folded
// at 75 octets without splitting a UTF-8 sequence. `stamp` is every event's DTSTAMP: when this
// text was made. `product_id` is the PRODID, e.g. "-//Stadt Beispiel//Stellwerk 0.1//DE".
// An instant whose Berlin wall time occurs twice (02:00–02:59 on the day the clocks go back, in
// either occurrence) is written in UTC ("…Z") instead, which RFC 5545 allows and every reader
// understands alike.
std::string icalendar(std::span<const CalendarEvent> events, Instant stamp, std::string_view product_id);

}  // namespace stellwerk
