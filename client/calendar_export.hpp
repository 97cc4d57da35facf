// The calendar export (issue 15): the person's bookings, planned days and training due dates from
// the local store, as one RFC 5545 file that any calendar program imports. `stellwerk export-ics`
// (commands.cpp) and the Wochenplan's "Export calendar…" (schedule_handler.cpp, on the worker)
// both call export_calendar(); core/icalendar.hpp gets the format right.
//
// What becomes an event (docs/cli.md, "export-ics"):
//   - each booking that is booked or checked in, by the Berlin day it starts on: a timed event
//     with the place, its floor and building in LOCATION; OPAQUE (the person is there).
//   - each planned (not recorded) day: a whole day as an all-day event, a half day as a timed
//     event in the department's slot times; the mode in the summary; TRANSPARENT for remote and
//     off days (they do not make the person busy), OPAQUE for the rest.
//   - each course mandatory for the person and not completed, on its due date (core's
//     mandatory_due_on: the enrolment's, or the course's complete_by while not enrolled): an
//     all-day event, TRANSPARENT.
// UIDs are stable per record ("booking-<id>@stellwerk", "plan-<date>-<half>@stellwerk",
// "training-<enrolment id>@stellwerk", "training-due-<course id>@stellwerk"), so importing again updates the events instead of
// doubling them. Summaries are in the language tr() speaks when called (the person's).
//
// Failure: the store throws store::Error as always; export_calendar() returns a message instead
// of throwing when the file cannot be written, and then leaves no file behind (it writes a
// temporary file next to it and renames it). Thread safety: as the store's (one thread at a time).
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/icalendar.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

// The days exported when none are given: today and the eight weeks after it.
inline constexpr int kCalendarExportDays = 8 * 7;

struct DateRange {
  Date first{};
  Date last{};  // inclusive
};

// `first` and the kCalendarExportDays days after it.
DateRange calendar_export_range(Date first);

// Where the window writes the export: $XDG_DOCUMENTS_DIR/stellwerk.ics when that folder exists,
// else $HOME/stellwerk.ics, else stellwerk.ics in the working folder.
std::filesystem::path default_calendar_file();

// The events of the person's bookings, planned days and training due dates in `range`, in that
// order, each by date.
std::vector<CalendarEvent> calendar_events(const store::LocalStore& store, DateRange range);

// Writes calendar_events() as one iCalendar file (DTSTAMP `now`) to `file`, atomically; the
// number of events, or why the file could not be written.
std::expected<std::size_t, std::string> export_calendar(const store::LocalStore& store, DateRange range,
                                                        const std::filesystem::path& file, Instant now);

}  // namespace stellwerk::client
