// Where to sit instead, and which days a weekly booking covers: pure functions shared by the
// server (the alternatives it offers with a refusal), the sync engine (alternatives for a change
// refused while offline) and the client ("book my usual", recurring bookings), so that all of
// them pick the same desk and the same dates.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"

namespace stellwerk {

// True when `resource` has every feature in `features` (wire names).
bool has_features(const Resource& resource, std::span<const std::string> features);

// Distance in metres between the centres of two resources on a plan.
double centre_distance(const Resource& a, const Resource& b);

// The resources most like `wanted`, nearest first: same type, at least its features, not
// `wanted` itself, accepted by `is_free`, and accessible ones only when `may_take_accessible`
// (the person needs one, or the hold before the start is over, or `wanted` was accessible
// itself). A resource on `wanted`'s floor is always nearer than one on another floor; equal
// distances are ordered by name so the answer is stable. At most `limit` resources.
std::vector<Resource> nearest_alike(const Resource& wanted, std::span<const Resource> candidates,
                                    const std::function<bool(const Resource&)>& is_free, bool may_take_accessible,
                                    std::size_t limit);

// A recurring booking covers at most this many days (twelve weeks of every working day): more
// than the booking horizon of any department, and few enough to send as single bookings.
inline constexpr std::size_t kMaxRecurringDates = 60;

// The days from `first` to `until` (both inclusive) whose weekday is set in `weekdays`
// (Monday … Sunday), in order. Empty when `until` is before `first`, a date is invalid or no
// weekday is set; cut off after kMaxRecurringDates days.
std::vector<Date> weekly_dates(Date first, Date until, const std::array<bool, 7>& weekdays);

}  // namespace stellwerk
