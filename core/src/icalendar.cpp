// The RFC 5545 writer (see icalendar.hpp for the contract). Each content line is built whole,
// then folded: folding is the last step so that escaping can never be split across a fold.
#include "stellwerk/core/icalendar.hpp"

#include <chrono>

#include <date/date.h>
#include <fmt/format.h>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk {
namespace {

constexpr std::string_view kCrLf = "\r\n";
constexpr std::size_t kMaxLineOctets = 75;  // RFC 5545 3.1, excluding the CRLF

// The standard rules of Europe/Berlin since 1996 (EU summer time: last Sunday of March 02:00 CET
// to last Sunday of October 03:00 CEST). Calendars that know the zone by its TZID use their own
// data; this block is for those that do not. 1970-03-29 and 1970-10-25 were such Sundays.
constexpr std::string_view kBerlinTimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

// TEXT value escaping (RFC 5545 3.3.11). A line break of any convention (CRLF, LF, CR) becomes
// one "\n"; other control characters are not allowed in TEXT and are dropped.
std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        out += "\\n";
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 0x20 && byte != 0x7F) || c == '\t') out += c;
      }
    }
  }
  return out;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Appends `line` folded (RFC 5545 3.1): no physical line longer than 75 octets, continuation
// lines start with one space (which counts), and a fold never falls inside a UTF-8 sequence.
void append_folded(std::string& out, std::string_view line) {
  std::size_t limit = kMaxLineOctets;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && continuation_byte(line[cut])) --cut;
    if (cut == 0) cut = limit;  // not UTF-8 at all: any cut keeps the octets
    out.append(line.substr(0, cut));
    out += kCrLf;
    out += ' ';
    line.remove_prefix(cut);
    limit = kMaxLineOctets - 1;
  }
  out.append(line);
  out += kCrLf;
}

void property(std::string& out, std::string_view name, std::string_view raw_value) {
  append_folded(out, fmt::format("{}:{}", name, raw_value));
}

void text_property(std::string& out, std::string_view name, std::string_view text) {
  property(out, name, escape_text(text));
}

std::string utc_form(Instant t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time{t - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", int{ymd.year()}, unsigned{ymd.month()},
                     unsigned{ymd.day()}, time.hours().count(), time.minutes().count(), time.seconds().count());
}

// Whether the Berlin wall time of `t` occurs twice (the hour after the clocks go back). Berlin's
// two offsets are one hour apart, so the other occurrence is one hour before or after.
bool ambiguous_wall_time(Instant t) {
  const auto same_wall_time = [&](Instant other) {
    return local_date(other) == local_date(t) && local_minute(other) == local_minute(t);
  };
  return same_wall_time(t - std::chrono::hours{1}) || same_wall_time(t + std::chrono::hours{1});
}

// DTSTART/DTEND: the Berlin wall time with its TZID. A wall time that occurs twice is written in
// UTC: RFC 5545 reads it as the first occurrence, but readers differ (python-icalendar takes the
// second), and UTC means the same instant to every one of them.
void time_property(std::string& out, std::string_view name, Instant t) {
  if (ambiguous_wall_time(t)) {
    property(out, name, utc_form(t));
    return;
  }
  const Date day = local_date(t);
  const MinuteOfDay minute = local_minute(t);
  // Berlin's offsets are whole minutes, so the seconds of the wall time are those of the instant.
  const auto second = (t - date::floor<std::chrono::minutes>(t)).count();
  property(out, fmt::format("{};TZID=Europe/Berlin", name),
           fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", int{day.year()}, unsigned{day.month()},
                       unsigned{day.day()}, minute / 60, minute % 60, second));
}

// DTSTART/DTEND of an all-day event: a DATE value, which has no time and so no zone.
void date_property(std::string& out, std::string_view name, Date day) {
  property(out, fmt::format("{};VALUE=DATE", name),
           fmt::format("{:04}{:02}{:02}", int{day.year()}, unsigned{day.month()}, unsigned{day.day()}));
}

void append_event(std::string& out, const CalendarEvent& event, Instant stamp) {
  out += "BEGIN:VEVENT\r\n";
  text_property(out, "UID", event.uid);
  property(out, "DTSTAMP", utc_form(stamp));
  if (event.all_day) {
    // DTEND is exclusive: the day after (RFC 5545 3.6.1, "the event ends at the start of that day").
    date_property(out, "DTSTART", *event.all_day);
    date_property(out, "DTEND", date::year_month_day{date::sys_days{*event.all_day} + date::days{1}});
  } else {
    time_property(out, "DTSTART", event.start);
    time_property(out, "DTEND", event.end);
  }
  text_property(out, "SUMMARY", event.summary);
  if (!event.location.empty()) text_property(out, "LOCATION", event.location);
  if (!event.description.empty()) text_property(out, "DESCRIPTION", event.description);
  property(out, "TRANSP", event.transparent ? "TRANSPARENT" : "OPAQUE");
  out += "END:VEVENT\r\n";
}

}  // namespace

std::string icalendar(std::span<const CalendarEvent> events, Instant stamp, std::string_view product_id) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
  text_property(out, "PRODID", product_id);
  out += "CALSCALE:GREGORIAN\r\n";
  out += kBerlinTimezone;
  for (const CalendarEvent& event : events) append_event(out, event, stamp);
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace stellwerk
