// Working time on remote days (German: Arbeitszeit): when a person started, stopped and how long
// they paused, and what the German working-time act (Arbeitszeitgesetz, ArbZG) says about it.
// One place for these rules: the server validates with them, the client offers the fields and
// shows the warnings with them, and a test runs both sides through the same cases.
//
// Validation refuses what cannot have happened (a time that is not HH:MM within the day, an end
// not after the start, a break longer than the span, a day still to come, a day that was not
// remote). The act's limits are *warnings*, never refusals: the act obliges the employer, and
// the person must always be able to record what really happened.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk {

// One day's record. Times are minutes after local midnight; 1440 (24:00) ends the day.
struct WorkTime {
  Date date{};
  MinuteOfDay start = 0;
  MinuteOfDay end = 0;
  int break_minutes = 0;

  bool operator==(const WorkTime&) const = default;
};

// ArbZG §3, §4, §5: the numbers the warnings use.
inline constexpr int kMostMinutesPerDay = 10 * 60;    // more than this: long_day
inline constexpr int kLeastRestMinutes = 11 * 60;     // less rest than this between two days: short_rest
inline constexpr int kBreakAfterSixHours = 30;        // worked more than 6 h: at least this much break
inline constexpr int kBreakAfterNineHours = 45;       // worked more than 9 h: at least this much break

enum class WorkTimeWarning : std::uint8_t {
  long_day,           // worked more than 10 hours
  short_rest,         // less than 11 hours since the end of the previous recorded day
  short_break_six,    // worked more than 6 hours with less than 30 minutes' break
  short_break_nine,   // worked more than 9 hours with less than 45 minutes' break
  COUNT
};

// "08:05" → 485; "24:00" → 1440. Nothing else: two digits, a colon, two digits, within the day.
std::optional<MinuteOfDay> parse_clock_time(std::string_view text);
// 485 → "08:05"; 1440 → "24:00".
std::string format_clock_time(MinuteOfDay minute);
// 2310 → "38:30": a duration in hours and minutes, as time sheets write it.
std::string format_duration(int minutes);

// Whether either half of `day` was remote: its actual entry where one was recorded, else its
// planned one (whole-day entries count for both halves). A day planned remote but recorded as
// office was an office day.
bool is_remote_day(std::span<const Workday> workdays, Date day);

// Why the record cannot be saved on `today` (Berlin), or nullopt: invalid_wall_time (a time
// outside 00:00..24:00), invalid_time_range (end not after start), break_too_long (negative or
// not shorter than the span from start to end), day_in_future (after `today`: it has not
// happened), not_a_remote_day (`workdays`, the person's entries of that day, say no half was
// remote, is_remote_day).
std::optional<Refusal> work_time_refusal(const WorkTime& record, std::span<const Workday> workdays, Date today);

// end − start − break; 0 for a record that would be refused.
int worked_minutes(const WorkTime& record);

// Minutes from the end of `previous` to the start of `next` (whole days between them count).
int rest_minutes(const WorkTime& previous, const WorkTime& next);

// The latest record strictly before `day`, if any.
std::optional<WorkTime> previous_record(std::span<const WorkTime> records, Date day);

// The act's warnings for `record`, in enumerator order; `previous` is the person's previous
// recorded day (previous_record), which only the rest-time rule reads.
std::vector<WorkTimeWarning> work_time_warnings(const WorkTime& record, const std::optional<WorkTime>& previous);

// The English sentence for a warning (marked for translation; callers translate it).
const char* work_time_warning_en(WorkTimeWarning warning);

// The worked minutes of the records from `monday` to the Sunday after it.
int week_worked_minutes(std::span<const WorkTime> records, Date monday);

}  // namespace stellwerk
