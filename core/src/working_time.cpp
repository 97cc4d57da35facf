// The working-time rules (contracts in working_time.hpp).
#include "stellwerk/core/working_time.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/core/tr_noop.hpp"

namespace stellwerk {
namespace {

constexpr MinuteOfDay kEndOfDay = 24 * 60;

bool within_day(MinuteOfDay minute) { return minute >= 0 && minute <= kEndOfDay; }

constexpr std::array<const char*, static_cast<std::size_t>(WorkTimeWarning::COUNT)> kWarnings{
    STELLWERK_TR_NOOP("More than 10 hours of work on one day: the working-time act allows at most 10."),
    STELLWERK_TR_NOOP("Less than 11 hours of rest since the end of your previous working day."),
    STELLWERK_TR_NOOP("More than 6 hours of work need a break of at least 30 minutes."),
    STELLWERK_TR_NOOP("More than 9 hours of work need a break of at least 45 minutes."),
};

}  // namespace

std::optional<MinuteOfDay> parse_clock_time(std::string_view text) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) || !digit(text[4])) {
    return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::string format_clock_time(MinuteOfDay minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

std::string format_duration(int minutes) {
  const int whole = std::max(minutes, 0);
  return fmt::format("{}:{:02}", whole / 60, whole % 60);
}

bool is_remote_day(std::span<const Workday> workdays, Date day) {
  return std::ranges::any_of(std::array{HalfDay::am, HalfDay::pm}, [&](HalfDay half) {
    const auto actual = mode_of(workdays, day, half, WorkdayKind::actual);
    return (actual ? *actual : mode_of(workdays, day, half, WorkdayKind::planned)) == WorkMode::remote;
  });
}

std::optional<Refusal> work_time_refusal(const WorkTime& record, std::span<const Workday> workdays, Date today) {
  if (!within_day(record.start) || !within_day(record.end)) return Refusal::invalid_wall_time;
  if (record.end <= record.start) return Refusal::invalid_time_range;
  if (record.break_minutes < 0 || record.break_minutes >= record.end - record.start) return Refusal::break_too_long;
  if (record.date > today) return Refusal::day_in_future;
  if (!is_remote_day(workdays, record.date)) return Refusal::not_a_remote_day;
  return std::nullopt;
}

int worked_minutes(const WorkTime& record) {
  const int span = record.end - record.start;
  if (record.break_minutes < 0 || record.break_minutes >= span) return 0;
  return span - record.break_minutes;
}

int rest_minutes(const WorkTime& previous, const WorkTime& next) {
  const auto days = (date::sys_days{next.date} - date::sys_days{previous.date}).count();
  return static_cast<int>(days) * kEndOfDay + next.start - previous.end;
}

std::optional<WorkTime> previous_record(std::span<const WorkTime> records, Date day) {
  std::optional<WorkTime> latest;
  for (const WorkTime& r : records) {
    if (r.date < day && (!latest || latest->date < r.date)) latest = r;
  }
  return latest;
}

std::vector<WorkTimeWarning> work_time_warnings(const WorkTime& record, const std::optional<WorkTime>& previous) {
  std::vector<WorkTimeWarning> warnings;
  const int worked = worked_minutes(record);
  if (worked > kMostMinutesPerDay) warnings.push_back(WorkTimeWarning::long_day);
  if (previous && previous->date < record.date && rest_minutes(*previous, record) < kLeastRestMinutes) {
    warnings.push_back(WorkTimeWarning::short_rest);
  }
  // §4: the longer rule replaces the shorter one, so a day gets one break warning at most.
  if (worked > 9 * 60 && record.break_minutes < kBreakAfterNineHours) {
    warnings.push_back(WorkTimeWarning::short_break_nine);
  } else if (worked > 6 * 60 && record.break_minutes < kBreakAfterSixHours) {
    warnings.push_back(WorkTimeWarning::short_break_six);
  }
  std::ranges::sort(warnings);
  return warnings;
}

const char* work_time_warning_en(WorkTimeWarning warning) {
  const auto index = static_cast<std::size_t>(warning);
  return index < kWarnings.size() ? kWarnings[index] : "";
}

int week_worked_minutes(std::span<const WorkTime> records, Date monday) {
  const Date sunday = add_days(monday, 6);
  int total = 0;
  for (const WorkTime& r : records) {
    if (!(r.date < monday) && !(sunday < r.date)) total += worked_minutes(r);
  }
  return total;
}

}  // namespace stellwerk
