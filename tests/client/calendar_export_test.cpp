// The calendar export (client/calendar_export.hpp) as another program reads it: a store filled
// from the demo file plus the cases that must be left out (a cancelled booking, a colleague's
// booking, a recorded day, a completed training) or split (half days), exported and parsed by
// Debian's python3-icalendar (tests/core/icalendar_read.py). Each event is checked against the
// store's own records: count, UID, DTSTAMP, times, TRANSPARENT where the day does not make the
// person busy, and the VTIMEZONE. Then `stellwerk export-ics` as a person types it: the file and
// its message, and exit code 2 for a bad date, a range backwards and a file that cannot be
// written, which leaves nothing behind.
#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "calendar_export.hpp"
#include "fixture_state.hpp"
#include "labels.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing::kMonday;
using testing::kToday;
using testing::TempFolder;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What python3-icalendar understood of `file`, as tests/core/icalendar_read.py prints it.
Json read_with_python(const fs::path& file) {
  std::string output;
  const std::string command = fmt::format("{} '{}' 2>&1", STELLWERK_ICALENDAR_READER, file.string());
  int status = -1;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
    status = ::pclose(pipe);
  }
  EXPECT_EQ(status, 0) << output;
  return Json::parse(output, nullptr, /*allow_exceptions=*/false);
}

Instant at(Date day, int hour, int minute = 0) { return to_instant(day, hour * 60 + minute); }
std::string utc_text(Instant t) { return date::format("%FT%TZ", t); }
std::string date_text(Date day) { return format_date(day); }

// The demo person's store on kToday, and the records the export must leave out or split.
class CalendarExport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::LocalStore::open(folder.path() / "data");
    ASSERT_TRUE(opened) << opened.error();
    store.emplace(std::move(*opened));
    ASSERT_TRUE(store->import_demo(STELLWERK_DEMO_JSON, kToday));
    const Date thursday = add_days(kToday, 1), next_wednesday = add_days(kToday, 7), next_thursday = add_days(kToday, 8);
    store->upsert_booking({"bkg-cancelled", "res-rh-eg-05", "emp-demo", at(thursday, 8), at(thursday, 17),
                           BookingState::cancelled, std::nullopt});
    store->upsert_booking({"bkg-checked-in", "res-rh-eg-05", "emp-demo", at(next_wednesday, 9, 30),
                           at(next_wednesday, 12), BookingState::checked_in, std::nullopt});
    store->upsert_booking({"bkg-colleague", "res-rh-eg-05", "emp-krause", at(next_thursday, 8), at(next_thursday, 17),
                           BookingState::booked, std::nullopt});
    store->plan_workday({next_wednesday, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
    store->plan_workday({add_days(kToday, 14), HalfDay::day, WorkMode::leave, WorkdayKind::planned});
    store->plan_workday({next_thursday, HalfDay::day, WorkMode::office, WorkdayKind::planned});
    store->plan_workday({next_thursday, HalfDay::am, WorkMode::remote, WorkdayKind::planned});  // pm stays office
    store->upsert_workday({kToday, HalfDay::day, WorkMode::remote, WorkdayKind::actual});
    store->upsert_enrollment({"enr-done", "crs-passwort", "emp-demo", EnrollmentState::completed,
                              add_days(kToday, 5), add_days(kToday, -1)});
    store->upsert_enrollment({"enr-late", "crs-passwort", "emp-demo", EnrollmentState::enrolled,
                              add_days(kToday, 200), std::nullopt});
    assets::activate_language(i18n::Language::en);
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  TempFolder folder;
  std::optional<store::LocalStore> store;
  const DateRange range = calendar_export_range(kMonday);
  const Instant stamp = at(kToday, 10);
};

TEST_F(CalendarExport, EveryEventIsReadBackByPythonICalendarAsTheStoreHasIt) {
  const fs::path file = folder.path() / "export.ics";
  const auto written = export_calendar(*store, range, file, stamp);
  ASSERT_TRUE(written) << written.error();
  const Json parsed = read_with_python(file);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["timezones"], Json::array({"Europe/Berlin"}));
  std::map<std::string, Json> read;
  for (const Json& event : parsed["events"]) {
    EXPECT_EQ(event["stamp"], utc_text(stamp)) << event;
    EXPECT_TRUE(read.emplace(event["uid"].get<std::string>(), event).second) << "UID twice: " << event["uid"];
  }
  std::size_t expected = 0;
  const auto find = [&](const std::string& uid) -> const Json& {
    ++expected;
    static const Json missing = Json::object();
    const auto it = read.find(uid);
    if (it == read.end()) ADD_FAILURE() << uid << " is not in the file";
    return it == read.end() ? missing : it->second;
  };
  // Bookings: booked and checked in only, the person's own, at their times, where they are.
  for (const Booking& b : store->my_bookings(range.first, range.last)) {
    if (b.state == BookingState::cancelled || b.state == BookingState::released) continue;
    const Json& e = find(fmt::format("booking-{}@stellwerk", b.id));
    EXPECT_EQ(e["start"]["utc"], utc_text(b.start));
    EXPECT_EQ(e["end"]["utc"], utc_text(b.end));
    EXPECT_EQ(e["start"]["tzid"], "Europe/Berlin");
    EXPECT_EQ(e["transp"], "OPAQUE");
    const Resource place = *store->resource(b.resource_id);
    EXPECT_NE(e["location"].get<std::string>().find(place.name), std::string::npos) << e;
    EXPECT_NE(e["location"].get<std::string>().find("Rathaus"), std::string::npos) << e;
  }
  EXPECT_FALSE(read.contains("booking-bkg-cancelled@stellwerk"));
  EXPECT_FALSE(read.contains("booking-bkg-colleague@stellwerk"));
  EXPECT_EQ(read["booking-bkg-checked-in@stellwerk"]["start"]["berlin"],
            fmt::format("{} 09:30:00", date_text(add_days(kToday, 7))));
  // Planned days: a whole day is an all-day event, a half day the department's slot (demo:
  // 08:00–12:00, 13:00–17:00); only office days make the person busy. Recorded days are left out.
  for (const Workday& w : store->my_workdays(range.first, range.last)) {
    if (w.kind != WorkdayKind::planned) continue;
    const Json& e = find(fmt::format("plan-{}-{}@stellwerk", date_text(w.date), to_string(w.half)));
    const bool transparent = w.mode == WorkMode::remote || w.mode == WorkMode::off;
    EXPECT_EQ(e["transp"], transparent ? "TRANSPARENT" : "OPAQUE") << e;
    EXPECT_NE(e["summary"].get<std::string>().find(label(w.mode)), std::string::npos) << e;
    if (w.half == HalfDay::day) {
      EXPECT_EQ(e["start"]["date"], date_text(w.date));
      EXPECT_EQ(e["end"]["date"], date_text(add_days(w.date, 1)));
    } else {
      const std::string day = date_text(w.date);
      EXPECT_EQ(e["start"]["berlin"], fmt::format("{} {}", day, w.half == HalfDay::am ? "08:00:00" : "13:00:00"));
      EXPECT_EQ(e["end"]["berlin"], fmt::format("{} {}", day, w.half == HalfDay::am ? "12:00:00" : "17:00:00"));
    }
  }
  EXPECT_EQ(read[fmt::format("plan-{}-pm@stellwerk", date_text(add_days(kToday, 8)))]["transp"], "OPAQUE");
  EXPECT_EQ(read[fmt::format("plan-{}-day@stellwerk", date_text(add_days(kToday, 14)))]["transp"], "OPAQUE")
      << "a day of leave makes the person busy; only remote and off days do not";
  // Training due dates: enrolled, with a due date in the range, all day, not busy.
  for (const Enrollment& en : store->my_enrollments()) {
    if (en.state != EnrollmentState::enrolled || !en.due_on || date::sys_days{*en.due_on} > date::sys_days{range.last}) {
      EXPECT_FALSE(read.contains(fmt::format("training-{}@stellwerk", en.id))) << en.id;
      continue;
    }
    const Json& e = find(fmt::format("training-{}@stellwerk", en.id));
    EXPECT_EQ(e["start"]["date"], date_text(*en.due_on));
    EXPECT_EQ(e["transp"], "TRANSPARENT");
    EXPECT_TRUE(e["summary"].get<std::string>().starts_with("Training due: ")) << e;
  }
  EXPECT_EQ(read.size(), expected) << parsed.dump(1);
  EXPECT_EQ(*written, expected);
  EXPECT_GE(expected, 8u) << "the fixture has bookings, plan days and a training";
}

// A mandatory course the person has not enrolled in is due by the course's deadline; one
// mandatory for another department only, or whose deadline lies outside the range, is not.
TEST_F(CalendarExport, AMandatoryCourseNotEnrolledInIsDueByItsDeadline) {
  Course ergonomics{"crs-ergo", "Gesund am Bildschirm", "", "4.3", 1, true, {}, {}, 24, 45};
  ergonomics.complete_by = add_days(kToday, 10);
  Course citizens{"crs-eid", "eID", "", "2.6", 4, true, {}, {"dep-citizens"}, 24, 120};
  citizens.complete_by = add_days(kToday, 10);
  Course far{"crs-far", "Später", "", "4.1", 1, true, {}, {}, 0, 30};
  far.complete_by = add_days(range.last, 1);
  for (const Course& c : {ergonomics, citizens, far}) store->upsert_course(c);
  std::map<std::string, CalendarEvent> by_uid;
  for (const CalendarEvent& e : calendar_events(*store, range)) by_uid.emplace(e.uid, e);
  ASSERT_TRUE(by_uid.contains("training-due-crs-ergo@stellwerk"));
  const CalendarEvent& due = by_uid.at("training-due-crs-ergo@stellwerk");
  EXPECT_EQ(due.all_day, add_days(kToday, 10));
  EXPECT_EQ(due.summary, "Training due: Gesund am Bildschirm");
  EXPECT_TRUE(due.transparent);
  EXPECT_FALSE(by_uid.contains("training-due-crs-eid@stellwerk")) << "for the citizens' office only";
  EXPECT_FALSE(by_uid.contains("training-due-crs-far@stellwerk")) << "after the range";
  EXPECT_FALSE(by_uid.contains("training-due-crs-passwort@stellwerk")) << "enrolled: the enrolment's event";
}

TEST_F(CalendarExport, SummariesAreInThePersonsLanguageAndAnExportAgainKeepsTheUids) {
  assets::activate_language(i18n::Language::de);
  const auto german = calendar_events(*store, range);
  assets::activate_language(i18n::Language::en);
  const auto english = calendar_events(*store, range);
  ASSERT_EQ(german.size(), english.size());
  bool planned = false;
  for (std::size_t i = 0; i < german.size(); ++i) {
    EXPECT_EQ(german[i].uid, english[i].uid);
    if (english[i].summary.starts_with("Planned: Remote")) {
      planned = true;
      EXPECT_TRUE(german[i].summary.starts_with("Geplant: ")) << german[i].summary;
    }
  }
  EXPECT_TRUE(planned);
}

TEST_F(CalendarExport, AFileThatCannotBeWrittenIsReportedAndLeavesNothingBehind) {
  const fs::path folder_as_target = folder.path() / "a-folder";
  fs::create_directories(folder_as_target / "inside");
  auto written = export_calendar(*store, range, folder_as_target, stamp);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().find("cannot write"), std::string::npos) << written.error();
  EXPECT_TRUE(fs::is_directory(folder_as_target / "inside")) << "the folder is as it was";
  for (const auto& entry : fs::directory_iterator(folder.path())) {
    EXPECT_FALSE(entry.path().string().ends_with(".tmp")) << "left behind: " << entry.path();
  }
  written = export_calendar(*store, range, folder.path() / "no-such-folder" / "x.ics", stamp);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().find("no-such-folder"), std::string::npos) << written.error();
}

// `stellwerk export-ics` run as a person runs it, with its own settings folder.
class ExportIcsCommand : public ::testing::Test {
 protected:
  struct Result {
    int exit_code = -1;
    std::string err;
  };
  Result run(const std::string& arguments) {
    const fs::path err = folder.path() / "stderr.txt";
    const std::string command = fmt::format(
        "cd '{0}' && env LANG=de_DE.UTF-8 XDG_CONFIG_HOME='{0}' '{1}' export-ics {2} --data '{0}/data' >/dev/null "
        "2>'{3}' </dev/null",
        folder.path().string(), STELLWERK_BINARY, arguments, err.string());
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(err)};
  }
  TempFolder folder;
};

TEST_F(ExportIcsCommand, WritesTheNextEightWeeksInGermanAndSaysHowManyEvents) {
  {
    auto opened = store::LocalStore::open(folder.path() / "data");
    ASSERT_TRUE(opened) << opened.error();
    ASSERT_TRUE(opened->import_demo(STELLWERK_DEMO_JSON, today_in_berlin()));
  }
  const Result r = run("plan.ics");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("written to plan.ics"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(format_date(add_days(today_in_berlin(), kCalendarExportDays))), std::string::npos) << r.err;
  const std::string text = read_text(folder.path() / "plan.ics");
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\n")) << text;
  EXPECT_NE(text.find("SUMMARY:Geplant: "), std::string::npos) << "LANG=de: German summaries\n" << text;
  EXPECT_NE(text.find("UID:booking-bkg-demo-1@stellwerk"), std::string::npos) << text;
  struct stat info{};
  ASSERT_EQ(::stat((folder.path() / "plan.ics").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U) << "a person's calendar is theirs to share, not the machine's";
}

TEST_F(ExportIcsCommand, BadDatesABackwardRangeAndAnUnwritableFileExitWithTwo) {
  Result r = run("x.ics --from 2026-13-01");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--from"), std::string::npos) << r.err;
  r = run("x.ics --from 2026-12-01 --to 2026-11-01");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("after --to"), std::string::npos) << r.err;
  r = run(fmt::format("'{}'", (folder.path() / "missing" / "x.ics").string()));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  r = run("");
  EXPECT_EQ(r.exit_code, 2) << "the file is required: " << r.err;
  EXPECT_FALSE(fs::exists(folder.path() / "x.ics"));
}

}  // namespace
}  // namespace stellwerk::client
