// Alternatives and recurrence (contracts in placement.hpp).
#include "stellwerk/core/placement.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk {

bool has_features(const Resource& resource, std::span<const std::string> features) {
  return std::all_of(features.begin(), features.end(), [&](const std::string& feature) {
    return std::find(resource.features.begin(), resource.features.end(), feature) != resource.features.end();
  });
}

double centre_distance(const Resource& a, const Resource& b) {
  const double dx = (a.x + a.w / 2) - (b.x + b.w / 2);
  const double dy = (a.y + a.h / 2) - (b.y + b.h / 2);
  return std::hypot(dx, dy);
}

std::vector<Resource> nearest_alike(const Resource& wanted, std::span<const Resource> candidates,
                                    const std::function<bool(const Resource&)>& is_free, bool may_take_accessible,
                                    std::size_t limit) {
  struct Ranked {
    bool other_floor;
    double distance;
    const Resource* resource;
  };
  std::vector<Ranked> ranked;
  for (const Resource& candidate : candidates) {
    if (candidate.id == wanted.id || candidate.type != wanted.type) continue;
    if (candidate.accessible && !may_take_accessible) continue;
    if (!has_features(candidate, wanted.features)) continue;
    if (!is_free(candidate)) continue;
    ranked.push_back(Ranked{candidate.floor_id != wanted.floor_id, centre_distance(candidate, wanted), &candidate});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.other_floor != b.other_floor) return !a.other_floor;
    if (a.distance != b.distance) return a.distance < b.distance;
    return a.resource->name < b.resource->name;
  });
  std::vector<Resource> best;
  for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) best.push_back(*ranked[i].resource);
  return best;
}

std::vector<Date> weekly_dates(Date first, Date until, const std::array<bool, 7>& weekdays) {
  std::vector<Date> dates;
  if (!first.ok() || !until.ok() || std::none_of(weekdays.begin(), weekdays.end(), [](bool b) { return b; })) {
    return dates;
  }
  // With one weekday set, kMaxRecurringDates weeks are the longest span that can still add a day.
  const Date last = std::min(until, add_days(first, static_cast<int>(kMaxRecurringDates) * 7),
                             [](Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; });
  for (Date day = first; date::sys_days{day} <= date::sys_days{last}; day = add_days(day, 1)) {
    if (!weekdays[static_cast<std::size_t>(weekday_index(day))]) continue;
    dates.push_back(day);
    if (dates.size() == kMaxRecurringDates) break;
  }
  return dates;
}

}  // namespace stellwerk
