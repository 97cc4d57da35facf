// The /proc readers of stellwerk-bench-startup (startup_bench.cpp): CPU time, per-thread run time,
// peak RSS and PSS of a process. Each returns nullopt when the file or field is missing (process
// gone, older kernel); callers decide whether that is a failure or an "n/a" in the table.
#pragma once

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace proc_stats {

// utime + stime in clock ticks, summed over all threads (GL drivers run worker threads).
inline std::optional<unsigned long long> readCpuTicks(pid_t pid) {
  std::ifstream file{fmt::format("/proc/{}/stat", pid)};
  std::string line;
  if (!std::getline(file, line)) {
    return std::nullopt;
  }
  // comm (field 2) may contain spaces and parentheses; fields are counted after its last ')'.
  const auto commEnd = line.rfind(')');
  if (commEnd == std::string::npos) {
    return std::nullopt;
  }
  std::istringstream fields{line.substr(commEnd + 1)};
  std::string field;
  unsigned long long utime = 0;
  unsigned long long stime = 0;
  for (int number = 3; number <= 15 && fields >> field; ++number) {
    if (number == 14) {
      utime = std::stoull(field);
    } else if (number == 15) {
      stime = std::stoull(field);
      return utime + stime;
    }
  }
  return std::nullopt;
}

// Run time in ns per thread, from /proc/PID/task/TID/schedstat. The kernel counts this exactly,
// whereas utime/stime above are sampled once per clock tick on kernels built with tick-based
// accounting (the Debian default), where a 10 s idle window only resolves 0.1 % steps: too coarse
// for a 0.2 % goal. Per thread because /proc/PID/schedstat covers the main thread only.
using ThreadRunNanos = std::map<pid_t, unsigned long long>;

inline std::optional<ThreadRunNanos> readThreadRunNanos(pid_t pid) {
  std::error_code error;
  std::filesystem::directory_iterator tasks{fmt::format("/proc/{}/task", pid), error};
  if (error) {
    return std::nullopt;
  }
  ThreadRunNanos nanos;
  for (const auto& task : tasks) {
    std::ifstream file{task.path() / "schedstat"};
    unsigned long long runNanos = 0;
    if (file >> runNanos) {
      nanos[static_cast<pid_t>(std::stol(task.path().filename().string()))] = runNanos;
    }
  }
  if (nanos.empty()) {
    return std::nullopt;
  }
  return nanos;
}

// The value in kB of the first line of a /proc file that starts with `key` (e.g. "VmHWM:").
inline std::optional<double> readKibField(const std::string& path, std::string_view key) {
  std::ifstream file{path};
  for (std::string line; std::getline(file, line);) {
    if (line.starts_with(key)) {
      std::istringstream rest{line.substr(key.size())};
      double kib = 0.0;
      if (rest >> kib) {
        return kib;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

inline std::optional<double> readPeakRssMiB(pid_t pid) {
  const auto kib = readKibField(fmt::format("/proc/{}/status", pid), "VmHWM:");
  return kib ? std::optional{*kib / 1024.0} : std::nullopt;
}

inline std::optional<double> readPssMiB(pid_t pid) {
  const auto kib = readKibField(fmt::format("/proc/{}/smaps_rollup", pid), "Pss:");
  return kib ? std::optional{*kib / 1024.0} : std::nullopt;
}

}  // namespace proc_stats
