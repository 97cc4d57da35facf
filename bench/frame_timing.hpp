// Timing helpers shared by the headless frame benches (floor_plan_bench.cpp, desks_view_bench.cpp):
// a clock reading in seconds and the nearest-rank percentile of sorted samples.
#pragma once

#include <algorithm>
#include <ctime>
#include <vector>

namespace stellwerk::bench {

// CLOCK_THREAD_CPUTIME_ID: what this thread ran, whatever else the machine does; CLOCK_MONOTONIC:
// the wall time.
inline double seconds(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Nearest-rank percentile of sorted values (0 for none).
inline double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0.0;
  const auto rank = static_cast<std::size_t>(std::max(1.0, p / 100.0 * static_cast<double>(sorted.size()) + 0.5));
  return sorted[std::min(rank, sorted.size()) - 1];
}

}  // namespace stellwerk::bench
