// The iCalendar writer as a calendar program reads it: the frame of the file, CRLF lines, escaped
// text, lines folded at 75 octets without cutting an umlaut in two, and Berlin wall times on both
// sides of the 2026 daylight-saving changes (including the hour that happens twice).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/icalendar.hpp"
#include "test_util.hpp"

namespace stellwerk {
namespace {

using test::d;
using test::hm;

Instant utc(std::string_view text) {
  const auto parsed = parse_rfc3339(text);
  if (!parsed) throw std::invalid_argument("bad test instant");
  return *parsed;
}

const Instant kStamp = utc("2026-07-01T07:00:00Z");

CalendarEvent event(Instant start, Instant end) {
  CalendarEvent e;
  e.uid = "booking-42@stellwerk.example";
  e.start = start;
  e.end = end;
  e.summary = "Tisch EG-07";
  return e;
}

std::string one(const CalendarEvent& e) {
  const std::vector<CalendarEvent> events{e};
  return icalendar(events, kStamp, "-//Stadt Beispiel//Stellwerk//DE");
}

// The physical lines, without their CRLF. Fails the test if a line ends otherwise.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto end = text.find("\r\n", begin);
    if (end == std::string::npos) {
      ADD_FAILURE() << "text after the last CRLF: " << text.substr(begin);
      break;
    }
    const std::string line = text.substr(begin, end - begin);
    EXPECT_EQ(line.find('\n'), std::string::npos) << "bare LF in " << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << "bare CR in " << line;
    lines.push_back(line);
    begin = end + 2;
  }
  return lines;
}

// The logical lines (RFC 5545 3.1 unfolding: a CRLF followed by one space is removed).
std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const std::string& line : physical_lines(text)) {
    if (!line.empty() && line[0] == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
  }
  return lines;
}

bool has_line(const std::string& text, std::string_view wanted) {
  for (const std::string& line : content_lines(text)) {
    if (line == wanted) return true;
  }
  return false;
}

// Whether `bytes` is complete, well-formed UTF-8 (no sequence cut at either end).
bool valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > bytes.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

TEST(ICalendar, CalendarFrameAndBerlinTimezone) {
  const std::string text = one(event(utc("2026-01-15T08:00:00Z"), utc("2026-01-15T16:00:00Z")));
  const auto lines = content_lines(text);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "BEGIN:VCALENDAR");
  EXPECT_EQ(lines[1], "VERSION:2.0");
  EXPECT_EQ(lines[2], "PRODID:-//Stadt Beispiel//Stellwerk//DE");
  EXPECT_EQ(lines[3], "CALSCALE:GREGORIAN");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(has_line(text, "TZID:Europe/Berlin"));
  EXPECT_TRUE(has_line(text, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
  EXPECT_TRUE(has_line(text, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
  EXPECT_TRUE(has_line(text, "TZNAME:CEST"));
  EXPECT_TRUE(has_line(text, "TZNAME:CET"));
  EXPECT_TRUE(has_line(text, "UID:booking-42@stellwerk.example"));
  EXPECT_TRUE(has_line(text, "DTSTAMP:20260701T070000Z"));
  EXPECT_TRUE(has_line(text, "DTSTART;TZID=Europe/Berlin:20260115T090000"));
  EXPECT_TRUE(has_line(text, "DTEND;TZID=Europe/Berlin:20260115T170000"));
  EXPECT_TRUE(has_line(text, "SUMMARY:Tisch EG-07"));
  EXPECT_TRUE(has_line(text, "TRANSP:OPAQUE"));
}

TEST(ICalendar, EventsInOrderAndEmptyFieldsLeftOut) {
  CalendarEvent first = event(utc("2026-01-15T08:00:00Z"), utc("2026-01-15T11:00:00Z"));
  first.uid = "first";
  first.location = "Rathaus, Erdgeschoss";
  CalendarEvent second = first;
  second.uid = "second";
  second.location.clear();
  second.transparent = true;
  const std::vector<CalendarEvent> events{first, second};
  const std::string text = icalendar(events, kStamp, "p");
  EXPECT_LT(text.find("UID:first"), text.find("UID:second"));
  EXPECT_EQ(text.find("LOCATION:", text.find("UID:second")), std::string::npos);
  EXPECT_EQ(text.find("DESCRIPTION:"), std::string::npos);
  EXPECT_TRUE(has_line(text, "LOCATION:Rathaus\\, Erdgeschoss"));
  EXPECT_TRUE(has_line(text, "TRANSP:TRANSPARENT"));
}

TEST(ICalendar, NoEventsIsStillACalendar) {
  const std::string text = icalendar({}, kStamp, "p");
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  EXPECT_EQ(text.find("BEGIN:VEVENT"), std::string::npos);
}

TEST(ICalendar, TextIsEscaped) {
  CalendarEvent e = event(utc("2026-01-15T08:00:00Z"), utc("2026-01-15T09:00:00Z"));
  e.summary = "Raum Rhein; Team, Nord\\Süd";
  e.description = "Zeile 1\nZeile 2\r\nZeile 3\rEnde";
  e.location = "Tab\there, bell\a gone";
  const std::string text = one(e);
  EXPECT_TRUE(has_line(text, "SUMMARY:Raum Rhein\\; Team\\, Nord\\\\Süd"));
  EXPECT_TRUE(has_line(text, "DESCRIPTION:Zeile 1\\nZeile 2\\nZeile 3\\nEnde"));
  EXPECT_TRUE(has_line(text, "LOCATION:Tab\there\\, bell gone"));
}

TEST(ICalendar, LongUmlautLinesFoldAt75OctetsBetweenCharacters) {
  CalendarEvent e = event(utc("2026-01-15T08:00:00Z"), utc("2026-01-15T09:00:00Z"));
  std::string description;
  for (int i = 0; i < 12; ++i) description += "Größere Übungsräume für Schulungen – äöüß ÄÖÜ € 🚲; ";
  e.description = description;
  const std::string text = one(e);
  int continuation_lines = 0;
  for (const std::string& line : physical_lines(text)) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(valid_utf8(line)) << "a fold cut a character: " << line;
    if (line.starts_with(' ')) ++continuation_lines;
  }
  EXPECT_GT(continuation_lines, 10);
  std::string escaped;
  for (const char c : description) {
    if (c == ';') escaped += '\\';
    escaped += c;
  }
  EXPECT_TRUE(has_line(text, "DESCRIPTION:" + escaped));
}

TEST(ICalendar, FoldFallsBeforeAnUmlautThatWouldStraddleIt) {
  // "SUMMARY:" and 66 letters are 74 octets; "ü" takes octets 75 and 76, so the first line ends
  // before it, one octet short of the limit, and the continuation starts with the whole "ü".
  CalendarEvent e = event(utc("2026-01-15T08:00:00Z"), utc("2026-01-15T09:00:00Z"));
  e.summary = std::string(66, 'a') + "überall";
  const auto lines = physical_lines(one(e));
  const std::string first = "SUMMARY:" + std::string(66, 'a');
  bool found = false;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i] == first) {
      found = true;
      EXPECT_EQ(lines[i + 1], " überall");
    }
  }
  EXPECT_TRUE(found);
}

TEST(ICalendar, WallTimesAroundSpringForward) {
  // 2026-03-29: 02:00 CET becomes 03:00 CEST.
  const std::string text =
      one(event(to_instant(d("2026-03-29"), hm(1, 30)), to_instant(d("2026-03-29"), hm(3, 30))));
  EXPECT_TRUE(has_line(text, "DTSTART;TZID=Europe/Berlin:20260329T013000"));
  EXPECT_TRUE(has_line(text, "DTEND;TZID=Europe/Berlin:20260329T033000"));
  EXPECT_EQ(to_instant(d("2026-03-29"), hm(3, 30)), utc("2026-03-29T01:30:00Z"));
}

TEST(ICalendar, WallTimesAroundFallBack) {
  // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
  // Either is written in UTC, which no reader can take for the other one.
  const std::string text = one(event(utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:30:00Z")));
  EXPECT_TRUE(has_line(text, "DTSTART:20261025T003000Z"));
  EXPECT_TRUE(has_line(text, "DTEND:20261025T013000Z"));
  // 01:59 CEST and 03:00 CET occur once.
  const std::string around = one(event(utc("2026-10-24T23:59:00Z"), utc("2026-10-25T02:00:00Z")));
  EXPECT_TRUE(has_line(around, "DTSTART;TZID=Europe/Berlin:20261025T015900"));
  EXPECT_TRUE(has_line(around, "DTEND;TZID=Europe/Berlin:20261025T030000"));
  const std::string after = one(event(utc("2026-10-25T02:00:00Z"), utc("2026-10-25T08:15:45Z")));
  EXPECT_TRUE(has_line(after, "DTEND;TZID=Europe/Berlin:20261025T091545"));
}

TEST(ICalendar, SummerTimeIsTwoHoursAhead) {
  const std::string text = one(event(utc("2026-07-01T06:00:00Z"), utc("2026-07-01T15:00:00Z")));
  EXPECT_TRUE(has_line(text, "DTSTART;TZID=Europe/Berlin:20260701T080000"));
  EXPECT_TRUE(has_line(text, "DTEND;TZID=Europe/Berlin:20260701T170000"));
}

// An all-day event is a DATE: no time and no zone, so no calendar shifts it into the day before,
// and its DTEND is the next day (exclusive), also across the end of a year.
TEST(ICalendar, AllDayEventsAreDatesEndingTheNextDay) {
  CalendarEvent due = event(utc("2026-01-15T08:00:00Z"), utc("2026-01-15T16:00:00Z"));
  due.all_day = d("2026-12-31");
  const std::string text = one(due);
  EXPECT_TRUE(has_line(text, "DTSTART;VALUE=DATE:20261231"));
  EXPECT_TRUE(has_line(text, "DTEND;VALUE=DATE:20270101"));
  EXPECT_EQ(text.find("20260115T"), std::string::npos) << "start and end are not written: " << text;
  EXPECT_TRUE(has_line(text, "DTSTAMP:20260701T070000Z"));
}

}  // namespace
}  // namespace stellwerk
