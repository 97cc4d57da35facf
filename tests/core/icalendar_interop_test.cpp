// What another program reads from our iCalendar text: the file is parsed by Debian's
// python3-icalendar (tests/core/icalendar_read.py) and every field must come back as written —
// umlauts, escaped punctuation, line breaks, long folded text, and instants on both sides of the
// daylight-saving changes, including the one written in UTC, and all-day dates.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/icalendar.hpp"

namespace stellwerk {
namespace {

Instant utc(std::string_view text) {
  const auto parsed = parse_rfc3339(text);
  if (!parsed) throw std::invalid_argument("bad test instant");
  return *parsed;
}

struct PythonRun {
  int status = -1;
  std::string output;
};

// Runs the reader on `ics` written to a file of this process's own.
PythonRun read_with_python(const std::string& ics) {
  const auto file = std::filesystem::path(::testing::TempDir()) /
                    ("stellwerk-icalendar-" + std::to_string(::getpid()) + ".ics");
  std::ofstream(file, std::ios::binary) << ics;
  PythonRun run;
  const std::string command = std::string(STELLWERK_ICALENDAR_READER) + " '" + file.string() + "' 2>&1";
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.output.append(buffer.data(), n);
    run.status = ::pclose(pipe);
  }
  std::filesystem::remove(file);
  return run;
}

CalendarEvent event(std::string uid, std::string_view start, std::string_view end, std::string summary) {
  CalendarEvent e;
  e.uid = std::move(uid);
  e.start = utc(start);
  e.end = utc(end);
  e.summary = std::move(summary);
  return e;
}

std::vector<CalendarEvent> sample_events() {
  std::string long_text;
  for (int i = 0; i < 8; ++i) long_text += "Bitte die Türkarte mitbringen; Zugang über den Hof, 2. Etage. ";
  // 08:30 CEST, the day after spring forward.
  CalendarEvent desk = event("booking-7@stellwerk.example", "2026-03-30T06:30:00Z", "2026-03-30T15:00:00Z",
                             "Arbeitsplatz EG-07, Rathaus");
  desk.location = "Rathaus; Erdgeschoss, Raum 0.07";
  desk.description = "Gebucht über den Kiosk.\nBitte einchecken.\n" + long_text;
  // 02:30 CEST, the first of two, to 02:30 CET, the second (both written in UTC).
  CalendarEvent overlap = event("room-rhein-2026-10-25", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
                                "Größe ändern: Übung \\ Prüfung");
  overlap.transparent = true;
  const CalendarEvent winter =
      event("winter", "2026-12-02T07:00:00Z", "2026-12-02T11:00:00Z", "Schulung „Datenschutz“ – Vormittag");
  CalendarEvent due = event("training-3@stellwerk", "2026-12-31T07:00:00Z", "2026-12-31T08:00:00Z",
                            "Fällig: Datenschutz");
  due.all_day = date::year{2026} / 12 / 31;
  due.transparent = true;
  return {desk, overlap, winter, due};
}

TEST(ICalendarInterop, PythonICalendarReadsBackEveryField) {
  const auto events = sample_events();
  const PythonRun run = read_with_python(icalendar(events, utc("2026-03-01T12:00:00Z"), "-//Stadt Beispiel//Stellwerk//DE"));
  ASSERT_EQ(run.status, 0) << run.output;
  const auto parsed = nlohmann::json::parse(run.output, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << run.output;
  EXPECT_EQ(parsed["version"], "2.0");
  EXPECT_EQ(parsed["prodid"], "-//Stadt Beispiel//Stellwerk//DE");
  EXPECT_EQ(parsed["timezones"], nlohmann::json::array({"Europe/Berlin"}));
  const auto& read = parsed["events"];
  ASSERT_EQ(read.size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    SCOPED_TRACE(events[i].uid);
    EXPECT_EQ(read[i]["uid"], events[i].uid);
    EXPECT_EQ(read[i]["summary"], events[i].summary);
    EXPECT_EQ(read[i]["location"], events[i].location);
    EXPECT_EQ(read[i]["description"], events[i].description);
    EXPECT_EQ(read[i]["transp"], events[i].transparent ? "TRANSPARENT" : "OPAQUE");
    EXPECT_EQ(read[i]["stamp"], "2026-03-01T12:00:00Z");
    if (events[i].all_day) continue;
    EXPECT_EQ(read[i]["start"]["utc"], date::format("%FT%TZ", events[i].start));
    EXPECT_EQ(read[i]["end"]["utc"], date::format("%FT%TZ", events[i].end));
  }
  EXPECT_EQ(read[0]["start"]["berlin"], "2026-03-30 08:30:00");
  EXPECT_EQ(read[0]["start"]["tzid"], "Europe/Berlin");
  EXPECT_EQ(read[1]["start"]["berlin"], "2026-10-25 02:30:00");
  EXPECT_EQ(read[1]["end"]["berlin"], "2026-10-25 02:30:00");
  EXPECT_EQ(read[1]["start"]["tzid"], "");
  EXPECT_EQ(read[1]["end"]["tzid"], "");
  EXPECT_EQ(read[2]["end"]["berlin"], "2026-12-02 12:00:00");
  EXPECT_EQ(read[3]["start"]["date"], "2026-12-31");
  EXPECT_EQ(read[3]["end"]["date"], "2027-01-01");
}

}  // namespace
}  // namespace stellwerk
