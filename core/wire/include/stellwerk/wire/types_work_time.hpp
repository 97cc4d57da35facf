// The schemas of working time on remote days (see types.hpp and core/working_time.hpp): one
// person's start, end and break of one day, as the API carries them.
#pragma once

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/wire/codec.hpp"

namespace stellwerk::wire {

struct WorkTime {
  Date date{};
  std::string start;   // "HH:MM"
  std::string end;     // "HH:MM", "24:00" at the latest
  int break_minutes = 0;
};
template <> struct Schema<WorkTime> {
  static constexpr std::string_view name = "WorkTime";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("date", &WorkTime::date), field("start", &WorkTime::start),
                                            field("end", &WorkTime::end),
                                            field("break_minutes", &WorkTime::break_minutes)};
};

struct WorkTimeRequest {
  std::string start;
  std::string end;
  int break_minutes = 0;
};
template <> struct Schema<WorkTimeRequest> {
  static constexpr std::string_view name = "WorkTimeRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("start", &WorkTimeRequest::start, request_text(5)),
                                            field("end", &WorkTimeRequest::end, request_text(5)),
                                            field("break_minutes", &WorkTimeRequest::break_minutes)};
};

// The caller's working times in a range, by date.
struct WorkTimeList {
  std::vector<WorkTime> work_times;
};
template <> struct Schema<WorkTimeList> {
  static constexpr std::string_view name = "WorkTimeList";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("work_times", &WorkTimeList::work_times)};
};

}  // namespace stellwerk::wire
