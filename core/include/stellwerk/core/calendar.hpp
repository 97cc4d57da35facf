// Civil time for Stellwerk: every date and wall-clock time the product shows or accepts is in
// Europe/Berlin, while stored and transmitted points in time are Instants (UTC). This header
// converts between the two with the tz database (so daylight saving changes are right in every
// year), reads and writes the wire formats (RFC 3339 instants, YYYY-MM-DD dates), and computes
// the public holidays of North Rhine-Westphalia from the date of Easter, so no per-year holiday
// list has to be maintained. Working days (Mon–Fri, not a holiday) drive booking rules and the
// remote-work quota.
//
// Failure: the functions that need the time zone throw std::runtime_error when the tz database
// has no "Europe/Berlin" (a broken installation, detected on first use); everything else is
// noexcept in practice. Thread safety: all functions are safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

// Berlin wall time on `day` → instant. `minute` may be 0..1440; 1440 is the following midnight,
// so a slot ending at 24:00 stays on its own day.
// - In the spring-forward gap (e.g. 2026-03-29 02:00–02:59 does not exist) the result is the
//   first instant after the gap, 03:00 CEST: a booking cannot start at a time that never occurs,
//   and later wall times never map to earlier instants.
// - In the autumn overlap (e.g. 2026-10-25 02:00–02:59 occurs twice) the result is the earlier
//   occurrence (CEST), i.e. the first time the clock shows that wall time.
Instant to_instant(Date day, MinuteOfDay minute);

// Berlin calendar date and wall-clock minute (0..1439) of an instant. In the autumn overlap
// both occurrences of 02:30 give 150: this is what the clock on the wall shows.
Date local_date(Instant t);
MinuteOfDay local_minute(Instant t);

// "2026-03-29T10:00:00+02:00": always the Berlin offset in force at that instant, so that the
// text is readable by a person and still exact for a machine.
std::string to_rfc3339(Instant t);

// Accepts RFC 3339 date-times with any offset ("+05:30", "-03:00") or "Z": date and time
// separated by 'T' ('t' and a space also accepted, as RFC 3339 allows), optional fractional
// seconds (truncated, since an Instant has whole seconds). Rejects impossible calendar dates,
// hours > 23, minutes or seconds > 59 (leap seconds cannot be represented), offsets beyond
// ±23:59, missing parts and trailing characters.
std::optional<Instant> parse_rfc3339(std::string_view text);

// Strict "YYYY-MM-DD" with a real calendar date: rejects 2026-02-29, 2026-13-01, "2026-1-5",
// surrounding whitespace and any extra characters.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date day);

// The current Berlin date, from the system clock.
Date today_in_berlin();

// Monday = 0 … Sunday = 6: the index into DepartmentPolicy::bookable_weekdays.
int weekday_index(Date day);
// The Monday of the ISO week that contains `day`.
Date week_start(Date day);
Date add_days(Date day, int days);

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
// Meaningful for 1583 and later.
Date easter_sunday(int year);

// The statutory public holidays of North Rhine-Westphalia (Feiertagsgesetz NW). Only the
// current list is modelled: the one-off nationwide Reformation Day of 2017-10-31 and the
// holidays that NRW had before 1995 are not included, because the product plans forward.
enum class HolidayKind : std::uint8_t {
  new_year,
  good_friday,
  easter_monday,
  labour_day,
  ascension_day,
  whit_monday,
  corpus_christi,
  german_unity_day,
  all_saints_day,
  christmas_day,
  second_christmas_day,
  COUNT
};

struct Holiday {
  Date date;
  HolidayKind kind = HolidayKind::new_year;
};

// Wire name ("corpus_christi") and the English display name marked for translation
// ("Corpus Christi"); the client translates the latter with its catalogue.
std::string_view holiday_wire_name(HolidayKind kind);
std::string_view holiday_name_en(HolidayKind kind);
template <> std::optional<HolidayKind> parse_enum<HolidayKind>(std::string_view);

// All NRW holidays of `year`, sorted by date. Two holidays can share a date (Ascension Day falls
// on 1 May in 2008 and 2160); both are listed, in enumerator order.
std::vector<Holiday> nrw_holidays(int year);
// The holiday on `day`, if any; on a shared date the first in enumerator order.
std::optional<HolidayKind> nrw_holiday(Date day);
// Monday to Friday and not an NRW holiday.
bool is_working_day(Date day);
// Working days of a month (month 1..12); the denominator of the remote-work share.
int working_days_in_month(int year, unsigned month);

}  // namespace stellwerk
