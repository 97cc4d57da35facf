// Berlin civil time, wire formats and NRW public holidays (see calendar.hpp for the contracts).
// The zone is looked up once and kept: the tz database is immutable for the process lifetime,
// and locate_zone is too slow to call for every conversion in a month view.
#include "stellwerk/core/calendar.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

#include <date/tz.h>
#include <fmt/format.h>

#include "stellwerk/core/tr_noop.hpp"

namespace stellwerk {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const date::time_zone& berlin() {
  // locate_zone throws std::runtime_error when the zone is missing; a function-local static is
  // initialised once even with concurrent callers, and a throw leaves it uninitialised so the
  // next call retries.
  static const date::time_zone* const zone = date::locate_zone("Europe/Berlin");
  return *zone;
}

date::local_seconds local_seconds_of(Instant t) {
  return date::zoned_time<seconds>{&berlin(), t}.get_local_time();
}

// Reads exactly `count` ASCII digits at `pos`; nullopt if any is not a digit or text is short.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "YYYY-MM-DD" at the start of `text`; the caller checks what follows.
std::optional<Date> read_date_prefix(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = read_digits(text, 0, 4);
  const auto m = read_digits(text, 5, 2);
  const auto d = read_digits(text, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  const Date day{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                 date::day{static_cast<unsigned>(*d)}};
  if (!day.ok()) return std::nullopt;
  return day;
}

// Sizes are deduced and then checked: an array declared with COUNT elements would silently
// fill a forgotten entry with an empty string.
constexpr auto kHolidayWireNames = std::to_array<std::string_view>({
    "new_year",       "good_friday",      "easter_monday",  "labour_day",
    "ascension_day",  "whit_monday",      "corpus_christi", "german_unity_day",
    "all_saints_day", "christmas_day",    "second_christmas_day"});

constexpr auto kHolidayNamesEn = std::to_array<std::string_view>({
    STELLWERK_TR_NOOP("New Year's Day"),
    STELLWERK_TR_NOOP("Good Friday"),
    STELLWERK_TR_NOOP("Easter Monday"),
    STELLWERK_TR_NOOP("Labour Day"),
    STELLWERK_TR_NOOP("Ascension Day"),
    STELLWERK_TR_NOOP("Whit Monday"),
    STELLWERK_TR_NOOP("Corpus Christi"),
    STELLWERK_TR_NOOP("German Unity Day"),
    STELLWERK_TR_NOOP("All Saints' Day"),
    STELLWERK_TR_NOOP("Christmas Day"),
    STELLWERK_TR_NOOP("Second Day of Christmas"),
});

static_assert(kHolidayWireNames.size() == static_cast<std::size_t>(HolidayKind::COUNT));
static_assert(kHolidayNamesEn.size() == static_cast<std::size_t>(HolidayKind::COUNT));

Date fixed(int year, unsigned month, unsigned day) {
  return Date{date::year{year}, date::month{month}, date::day{day}};
}

}  // namespace

Instant to_instant(Date day, MinuteOfDay minute) {
  const date::local_seconds wall = date::local_days{day} + minutes{minute};
  // choose::earliest resolves both cases as documented: for an ambiguous time it takes the
  // first occurrence, for a nonexistent one date returns the end of the gap.
  return date::zoned_time<seconds>{&berlin(), wall, date::choose::earliest}.get_sys_time();
}

Date local_date(Instant t) { return Date{date::floor<date::days>(local_seconds_of(t))}; }

MinuteOfDay local_minute(Instant t) {
  const auto wall = local_seconds_of(t);
  const auto since_midnight = date::floor<minutes>(wall - date::floor<date::days>(wall));
  return static_cast<MinuteOfDay>(since_midnight.count());
}

std::string to_rfc3339(Instant t) {
  const date::zoned_time<seconds> zoned{&berlin(), t};
  const auto wall = zoned.get_local_time();
  const auto midnight = date::floor<date::days>(wall);
  const Date day{midnight};
  const date::hh_mm_ss<seconds> time{wall - midnight};
  const auto offset = date::floor<minutes>(zoned.get_info().offset).count();
  const long abs_offset = offset < 0 ? -offset : offset;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", int{day.year()},
                     unsigned{day.month()}, unsigned{day.day()}, time.hours().count(),
                     time.minutes().count(), time.seconds().count(), offset < 0 ? '-' : '+',
                     abs_offset / 60, abs_offset % 60);
}

std::optional<Instant> parse_rfc3339(std::string_view text) {
  // Layout: YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
  const auto day = read_date_prefix(text);
  if (!day || text.size() < 20) return std::nullopt;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  if (text[13] != ':' || text[16] != ':') return std::nullopt;
  const auto hour = read_digits(text, 11, 2);
  const auto minute = read_digits(text, 14, 2);
  const auto second = read_digits(text, 17, 2);
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

  std::size_t pos = 19;
  if (text[pos] == '.') {
    const std::size_t digits_start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == digits_start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;

  minutes offset{0};
  const char sign = text[pos];
  if (sign == 'Z' || sign == 'z') {
    ++pos;
  } else if (sign == '+' || sign == '-') {
    const auto off_h = read_digits(text, pos + 1, 2);
    const auto off_m = read_digits(text, pos + 4, 2);
    if (!off_h || !off_m || text[pos + 3] != ':' || *off_h > 23 || *off_m > 59) return std::nullopt;
    offset = minutes{*off_h * 60 + *off_m};
    if (sign == '-') offset = -offset;
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  const auto wall = date::sys_days{*day} + std::chrono::hours{*hour} + minutes{*minute} + seconds{*second};
  return Instant{wall - offset};
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return read_date_prefix(text);
}

std::string format_date(Date day) {
  return fmt::format("{:04}-{:02}-{:02}", int{day.year()}, unsigned{day.month()}, unsigned{day.day()});
}

Date today_in_berlin() {
  return local_date(date::floor<seconds>(std::chrono::system_clock::now()));
}

int weekday_index(Date day) {
  return static_cast<int>(date::weekday{date::sys_days{day}}.iso_encoding()) - 1;
}

Date week_start(Date day) { return add_days(day, -weekday_index(day)); }

Date add_days(Date day, int days) { return Date{date::sys_days{day} + date::days{days}}; }

Date easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return fixed(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::string_view holiday_wire_name(HolidayKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return index < kHolidayWireNames.size() ? kHolidayWireNames[index] : std::string_view{};
}

std::string_view holiday_name_en(HolidayKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return index < kHolidayNamesEn.size() ? kHolidayNamesEn[index] : std::string_view{};
}

template <> std::optional<HolidayKind> parse_enum<HolidayKind>(std::string_view text) {
  const auto it = std::find(kHolidayWireNames.begin(), kHolidayWireNames.end(), text);
  if (it == kHolidayWireNames.end()) return std::nullopt;
  return static_cast<HolidayKind>(it - kHolidayWireNames.begin());
}

std::vector<Holiday> nrw_holidays(int year) {
  const Date easter = easter_sunday(year);
  std::vector<Holiday> result{
      {fixed(year, 1, 1), HolidayKind::new_year},
      {add_days(easter, -2), HolidayKind::good_friday},
      {add_days(easter, 1), HolidayKind::easter_monday},
      {fixed(year, 5, 1), HolidayKind::labour_day},
      {add_days(easter, 39), HolidayKind::ascension_day},
      {add_days(easter, 50), HolidayKind::whit_monday},
      {add_days(easter, 60), HolidayKind::corpus_christi},
      {fixed(year, 10, 3), HolidayKind::german_unity_day},
      {fixed(year, 11, 1), HolidayKind::all_saints_day},
      {fixed(year, 12, 25), HolidayKind::christmas_day},
      {fixed(year, 12, 26), HolidayKind::second_christmas_day},
  };
  static_assert(static_cast<std::size_t>(HolidayKind::COUNT) == 11, "every holiday needs its rule above");
  // Listed in enumerator order, so a stable sort by date alone keeps that order on shared dates.
  std::stable_sort(result.begin(), result.end(),
                   [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  return result;
}

std::optional<HolidayKind> nrw_holiday(Date day) {
  for (const Holiday& holiday : nrw_holidays(int{day.year()})) {
    if (holiday.date == day) return holiday.kind;
  }
  return std::nullopt;
}

bool is_working_day(Date day) { return weekday_index(day) < 5 && !nrw_holiday(day); }

int working_days_in_month(int year, unsigned month) {
  const date::year_month ym{date::year{year}, date::month{month}};
  const date::sys_days first{ym / 1};
  const date::sys_days last{ym / date::last};
  // One holiday computation for the month instead of one per day: month views call this often.
  const std::vector<Holiday> holidays = nrw_holidays(year);
  const auto is_holiday = [&](Date day) {
    return std::any_of(holidays.begin(), holidays.end(), [&](const Holiday& h) { return h.date == day; });
  };
  int count = 0;
  for (date::sys_days d = first; d <= last; d += date::days{1}) {
    const Date day{d};
    if (weekday_index(day) < 5 && !is_holiday(day)) ++count;
  }
  return count;
}

}  // namespace stellwerk
