// stellwerk-bench-startup: starts the bare ImGui floor and the Stellwerk client the same way, in
// the same run, and prints one table comparing start-to-first-frame time, peak RSS, PSS and idle
// CPU, with the ratio to the floor and whether the goals are met. Timing is done from the
// outside (fork to the byte a program writes to STELLWERK_FIRST_FRAME_FD after its first
// glfwSwapBuffers), and memory and CPU come from /proc, so the programs under test need no
// benchmark code beyond that one write. Figures are reported, never asserted: the exit status is
// non-zero only when a program could not be measured at all (no start, no first frame, died).
// It needs an X display in DISPLAY; bench/run provides one with xvfb-run.
//
// [SECTION] Command line and process description
// [SECTION] /proc readers: proc_stats.hpp
// [SECTION] Starting and stopping a program
// [SECTION] Measurement plan
// [SECTION] Report

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <expected>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc_stats.hpp"

extern char** environ;

namespace {

using namespace proc_stats;
using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;
using Millis = std::chrono::duration<double, std::milli>;

constexpr std::string_view kFirstFrameVar = "STELLWERK_FIRST_FRAME_FD";
constexpr double kStartGoalRatio = 1.1;
constexpr double kIdleCpuGoalPercent = 0.2;
constexpr auto kTerminateGrace = std::chrono::seconds(5);

// ---------------------------------------------------------------------------------------------
// [SECTION] Command line and process description
// ---------------------------------------------------------------------------------------------

struct Program {
  std::string label;
  std::string path;
  std::vector<std::string> args;
};

struct Options {
  Program floor{"floor", {}, {}};
  Program app{"stellwerk", {}, {}};
  int runs = 5;
  int warmupRuns = 1;
  double idleSeconds = 10.0;
  double settleSeconds = 2.0;
  double timeoutSeconds = 30.0;
};

// Whitespace splitting without quoting: the arguments bench/run passes are flags and temp paths.
std::vector<std::string> splitArgs(const std::string& text) {
  std::istringstream stream{text};
  std::vector<std::string> words;
  for (std::string word; stream >> word;) {
    words.push_back(word);
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Starting and stopping a program
// ---------------------------------------------------------------------------------------------

std::string describeWaitStatus(int status) {
  if (WIFEXITED(status)) {
    const int code = WEXITSTATUS(status);
    return code == 127 ? "exited with status 127 (could not exec?)"
                       : fmt::format("exited with status {}", code);
  }
  if (WIFSIGNALED(status)) {
    return fmt::format("killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  }
  return fmt::format("ended with wait status {}", status);
}

// Reaps `pid` if it has ended within `within`; returns its wait status, or nullopt if still alive.
std::optional<int> reapWithin(pid_t pid, std::chrono::milliseconds within) {
  const auto deadline = Clock::now() + within;
  for (;;) {
    int status = 0;
    const pid_t result = waitpid(pid, &status, WNOHANG);
    if (result == pid) {
      return status;
    }
    if (result == -1 && errno != EINTR) {
      return 0;  // not our child any more (already reaped): nothing left to wait for
    }
    if (Clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// SIGTERM, then SIGKILL after the grace period. Returns a note when the exit was not clean, so
// the report can say that a program ignores SIGTERM or crashes on shutdown.
std::optional<std::string> terminate(pid_t pid) {
  kill(pid, SIGTERM);
  if (const auto status = reapWithin(pid, kTerminateGrace)) {
    if (WIFEXITED(*status) && WEXITSTATUS(*status) == 0) {
      return std::nullopt;
    }
    if (WIFSIGNALED(*status) && WTERMSIG(*status) == SIGTERM) {
      return std::nullopt;  // default SIGTERM disposition is a clean enough way to end
    }
    return fmt::format("after SIGTERM it {}", describeWaitStatus(*status));
  }
  kill(pid, SIGKILL);
  reapWithin(pid, std::chrono::seconds(5));
  return fmt::format("ignored SIGTERM for {} s and was killed", kTerminateGrace.count());
}

struct Started {
  pid_t pid = -1;
  double firstFrameMs = 0.0;
};

// The environment the child gets: ours, with STELLWERK_FIRST_FRAME_FD set to `fd`.
std::vector<std::string> childEnvironment(int fd) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text{*entry};
    if (!(text.starts_with(kFirstFrameVar) && text.size() > kFirstFrameVar.size() &&
          text[kFirstFrameVar.size()] == '=')) {
      env.emplace_back(text);
    }
  }
  env.push_back(fmt::format("{}={}", kFirstFrameVar, fd));
  return env;
}

std::vector<char*> pointersTo(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& text : strings) {
    pointers.push_back(text.data());
  }
  pointers.push_back(nullptr);
  return pointers;
}

// Forks and execs `program`, then waits for its first-frame byte. On success the program is left
// running (the caller measures it further and terminates it); on failure it is already gone.
std::expected<Started, std::string> startUntilFirstFrame(const Program& program,
                                                         Seconds timeout) {
  int pipeFds[2];
  if (pipe2(pipeFds, O_CLOEXEC) != 0) {
    return std::unexpected(fmt::format("pipe2: {}", std::strerror(errno)));
  }
  const int readEnd = pipeFds[0];
  const int writeEnd = pipeFds[1];
  const int devNull = open("/dev/null", O_RDONLY | O_CLOEXEC);

  // Everything the child needs is built before fork: between fork and exec only
  // async-signal-safe calls are allowed, and this keeps the timed span to fork + exec + start.
  std::vector<std::string> argStrings{program.path};
  argStrings.insert(argStrings.end(), program.args.begin(), program.args.end());
  std::vector<std::string> envStrings = childEnvironment(writeEnd);
  std::vector<char*> argv = pointersTo(argStrings);
  std::vector<char*> envp = pointersTo(envStrings);

  const auto forkedAt = Clock::now();
  const pid_t pid = fork();
  if (pid == -1) {
    const int error = errno;
    close(readEnd);
    close(writeEnd);
    close(devNull);
    return std::unexpected(fmt::format("fork: {}", std::strerror(error)));
  }
  if (pid == 0) {
    // The write end must survive exec (it was opened close-on-exec so no other child inherits
    // it); stdin is /dev/null so a program can never stall the run waiting for a terminal.
    fcntl(writeEnd, F_SETFD, 0);
    if (devNull != -1) {
      dup2(devNull, STDIN_FILENO);
    }
    execve(program.path.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(writeEnd);  // otherwise EOF never arrives when the child dies without signalling
  if (devNull != -1) {
    close(devNull);
  }

  const auto deadline = forkedAt + std::chrono::duration_cast<Clock::duration>(timeout);
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      close(readEnd);
      terminate(pid);
      return std::unexpected(fmt::format(
          "no first frame within {:.0f} s (does it write to {}?)", timeout.count(), kFirstFrameVar));
    }
    pollfd waitFor{readEnd, POLLIN, 0};
    const int ready = poll(&waitFor, 1, static_cast<int>(left.count()));
    if (ready == -1 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      continue;  // timeout: the deadline check above reports it
    }
    char byte = 0;
    const ssize_t got = read(readEnd, &byte, 1);
    const auto signalledAt = Clock::now();
    if (got == -1 && errno == EINTR) {
      continue;
    }
    close(readEnd);
    if (got == 1) {
      return Started{pid, Millis(signalledAt - forkedAt).count()};
    }
    // EOF: the child closed the pipe without a byte, almost always because it ended.
    if (const auto status = reapWithin(pid, std::chrono::seconds(2))) {
      return std::unexpected(
          fmt::format("{} before its first frame", describeWaitStatus(*status)));
    }
    terminate(pid);
    return std::unexpected(fmt::format("closed {} without writing a byte", kFirstFrameVar));
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Measurement plan
// ---------------------------------------------------------------------------------------------

struct IdleSample {
  double cpuPercent = 0.0;                  // from clock ticks, as top and ps count
  std::optional<double> preciseCpuPercent;  // from schedstat; see readThreadRunNanos
  int threadsEndedDuringIdle = 0;           // their run time is missing from the precise figure
  double seconds = 0.0;
  std::optional<double> peakRssMiB;
  std::optional<double> pssMiB;
};

struct ProgramReport {
  Program program;
  std::vector<double> startMs;
  std::optional<IdleSample> idle;
  std::optional<std::string> failure;
  std::vector<std::string> notes;
};

// Leaves the program alone (no input) for settle + idle seconds, measuring only the idle part:
// the settle time keeps start-up work (font atlas, first frames, data loading) out of the figure.
std::expected<IdleSample, std::string> measureIdle(pid_t pid, const Options& options) {
  std::this_thread::sleep_for(Seconds(options.settleSeconds));
  const auto ticksBefore = readCpuTicks(pid);
  const auto nanosBefore = readThreadRunNanos(pid);
  const auto startedAt = Clock::now();
  if (!ticksBefore) {
    return std::unexpected("ended before the idle period");
  }
  std::this_thread::sleep_for(Seconds(options.idleSeconds));
  const auto ticksAfter = readCpuTicks(pid);
  const auto nanosAfter = readThreadRunNanos(pid);
  const double wall = Seconds(Clock::now() - startedAt).count();
  IdleSample sample;
  sample.peakRssMiB = readPeakRssMiB(pid);
  sample.pssMiB = readPssMiB(pid);
  if (!ticksAfter || !sample.peakRssMiB) {
    return std::unexpected("ended during the idle period");
  }
  const auto ticksPerSecond = static_cast<double>(sysconf(_SC_CLK_TCK));
  sample.seconds = wall;
  sample.cpuPercent =
      static_cast<double>(*ticksAfter - *ticksBefore) / ticksPerSecond / wall * 100.0;
  if (nanosBefore && nanosAfter) {
    unsigned long long runNanos = 0;
    for (const auto& [tid, after] : *nanosAfter) {
      const auto before = nanosBefore->find(tid);
      runNanos += after - (before == nanosBefore->end() ? 0 : before->second);
    }
    for (const auto& [tid, before] : *nanosBefore) {
      sample.threadsEndedDuringIdle += nanosAfter->contains(tid) ? 0 : 1;
    }
    sample.preciseCpuPercent = static_cast<double>(runNanos) / 1e9 / wall * 100.0;
  }
  return sample;
}

// One launch of `report.program`. Warm-up runs are timed but not kept; the last measured run
// stays up for the idle measurement. A failure is recorded in the report, which stops further
// launches of that program: what failed to start once tells nothing more the second time.
void runOnce(ProgramReport& report, const Options& options, bool warmup, bool measureIdleNow) {
  const auto started = startUntilFirstFrame(report.program, Seconds(options.timeoutSeconds));
  if (!started) {
    report.failure = started.error();
    fmt::print(stderr, "  {:<10} FAILED: {}\n", report.program.label, started.error());
    return;
  }
  fmt::print(stderr, "  {:<10} first frame after {:8.1f} ms{}\n", report.program.label,
             started->firstFrameMs, warmup ? "  (warm-up, not counted)" : "");
  if (!warmup) {
    report.startMs.push_back(started->firstFrameMs);
  }
  if (measureIdleNow) {
    fmt::print(stderr, "  {:<10} idle for {:.0f} s (+{:.0f} s settle) ...\n", report.program.label,
               options.idleSeconds, options.settleSeconds);
    if (auto idle = measureIdle(started->pid, options)) {
      report.idle = *idle;
    } else {
      report.failure = idle.error();
    }
  }
  if (auto note = terminate(started->pid)) {
    report.notes.push_back(*note);
  }
}

// Runs alternate between the programs (floor, app, floor, app, ...) so that drift in machine
// load or page cache hits both columns alike; warm-up runs first fill the page cache so the
// median describes an ordinary start, not the first one after boot or build.
void runPlan(std::vector<ProgramReport>& reports, const Options& options) {
  const int total = options.warmupRuns + options.runs;
  for (int run = 0; run < total; ++run) {
    const bool warmup = run < options.warmupRuns;
    const bool last = run == total - 1;
    fmt::print(stderr, "run {}/{}{}\n", run + 1, total, warmup ? " (warm-up)" : "");
    for (auto& report : reports) {
      if (!report.failure) {
        runOnce(report, options, warmup, last);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Report
// ---------------------------------------------------------------------------------------------

struct StartStats {
  double median = 0.0;
  double min = 0.0;
  double max = 0.0;
};

std::optional<StartStats> startStats(std::vector<double> samples) {
  if (samples.empty()) {
    return std::nullopt;
  }
  std::sort(samples.begin(), samples.end());
  const std::size_t mid = samples.size() / 2;
  const double median =
      samples.size() % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2.0;
  return StartStats{median, samples.front(), samples.back()};
}

std::string cell(std::optional<double> value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : std::string{"n/a"};
}

std::string ratioCell(std::optional<double> floorValue, std::optional<double> appValue) {
  if (!floorValue || !appValue || *floorValue <= 0.0) {
    return "n/a";
  }
  return fmt::format("{:.2f}x", *appValue / *floorValue);
}

void printRow(std::string_view metric, std::optional<double> floorValue,
              std::optional<double> appValue, int decimals) {
  fmt::print("{:<34} {:>14} {:>14} {:>8}\n", metric, cell(floorValue, decimals),
             cell(appValue, decimals), ratioCell(floorValue, appValue));
}

void printTextRow(std::string_view metric, const std::string& floorText,
                  const std::string& appText) {
  fmt::print("{:<34} {:>14} {:>14} {:>8}\n", metric, floorText, appText, "");
}

std::string verdict(bool met) { return met ? "met" : "NOT met"; }

void printReport(const ProgramReport& floor, const ProgramReport& app, const Options& options) {
  const auto floorStart = startStats(floor.startMs);
  const auto appStart = startStats(app.startMs);
  const auto floorMedian = floorStart ? std::optional{floorStart->median} : std::nullopt;
  const auto appMedian = appStart ? std::optional{appStart->median} : std::nullopt;
  const auto minMax = [](const std::optional<StartStats>& stats) {
    return stats ? fmt::format("{:.1f}-{:.1f}", stats->min, stats->max) : std::string{"n/a"};
  };
  const auto idleField = [](const ProgramReport& report, auto field) -> std::optional<double> {
    return report.idle ? field(*report.idle) : std::nullopt;
  };
  const auto tickCpu = [](const IdleSample& s) { return std::optional{s.cpuPercent}; };
  const auto exactCpu = [](const IdleSample& s) { return s.preciseCpuPercent; };
  const auto rss = [](const IdleSample& s) { return s.peakRssMiB; };
  const auto pss = [](const IdleSample& s) { return s.pssMiB; };

  fmt::print("\n");
  fmt::print("{:<34} {:>14} {:>14} {:>8}\n", "metric", floor.program.label, app.program.label,
             "ratio");
  fmt::print("{:-<34} {:->14} {:->14} {:->8}\n", "", "", "", "");
  printRow("start to first frame, median ms", floorMedian, appMedian, 1);
  printTextRow(fmt::format("  min-max ms over {} runs", options.runs), minMax(floorStart),
               minMax(appStart));
  printRow("peak RSS (VmHWM) MiB", idleField(floor, rss), idleField(app, rss), 1);
  printRow("PSS at end of idle MiB", idleField(floor, pss), idleField(app, pss), 1);
  printRow(fmt::format("idle CPU % over {:.0f} s, ticks", options.idleSeconds),
           idleField(floor, tickCpu), idleField(app, tickCpu), 2);
  printRow(fmt::format("idle CPU % over {:.0f} s, exact", options.idleSeconds),
           idleField(floor, exactCpu), idleField(app, exactCpu), 3);

  const double tickPercent =
      100.0 / static_cast<double>(sysconf(_SC_CLK_TCK)) / options.idleSeconds;
  fmt::print(
      "\n\"ticks\" is utime+stime from /proc/PID/stat, in steps of {:.2f} % over {:.0f} s;\n"
      "\"exact\" is the run time the scheduler counted (/proc/PID/task/*/schedstat).\n",
      tickPercent, options.idleSeconds);

  fmt::print("\nGoals for {}:\n", app.program.label);
  if (floorMedian && appMedian) {
    const double ratio = *appMedian / *floorMedian;
    fmt::print("  start <= {:.1f}x floor   {:>8.2f}x   {}\n", kStartGoalRatio, ratio,
               verdict(ratio <= kStartGoalRatio));
  } else {
    fmt::print("  start <= {:.1f}x floor   not measured\n", kStartGoalRatio);
  }
  // Judged on the exact figure when there is one: on the tick figure a single tick of noise
  // can flip the verdict at 0.2 %.
  const auto appExact = idleField(app, exactCpu);
  const auto appCpu = appExact ? appExact : idleField(app, tickCpu);
  if (appCpu) {
    fmt::print("  idle CPU <= {:.1f} %     {:>8.3f} %  {} ({})\n", kIdleCpuGoalPercent, *appCpu,
               verdict(*appCpu <= kIdleCpuGoalPercent), appExact ? "exact" : "ticks");
  } else {
    fmt::print("  idle CPU <= {:.1f} %     not measured\n", kIdleCpuGoalPercent);
  }

  for (const auto* report : {&floor, &app}) {
    if (report->failure) {
      fmt::print("\n{} FAILED: {}\n", report->program.label, *report->failure);
    }
    for (const auto& note : report->notes) {
      fmt::print("note: {} {}\n", report->program.label, note);
    }
    if (report->idle && report->idle->threadsEndedDuringIdle > 0) {
      fmt::print("note: {}: {} thread(s) ended during the idle window; the exact CPU figure "
                 "misses their run time\n",
                 report->program.label, report->idle->threadsEndedDuringIdle);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::string floorArgs;
  std::string appArgs;

  CLI::App cli{"Start-up, memory and idle-CPU benchmark: Stellwerk against a bare ImGui floor."};
  cli.add_option("--floor", options.floor.path, "bare ImGui floor (stellwerk-bench-bare)")
      ->required()
      ->check(CLI::ExistingFile);
  cli.add_option("--floor-args", floorArgs, "arguments for the floor, split on whitespace");
  cli.add_option("--app", options.app.path, "program measured against the floor (stellwerk)")
      ->required()
      ->check(CLI::ExistingFile);
  cli.add_option("--app-args", appArgs, "arguments for the app, split on whitespace");
  cli.add_option("--app-name", options.app.label, "column title for the app")
      ->capture_default_str();
  cli.add_option("--runs", options.runs, "measured starts per program")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cli.add_option("--warmup", options.warmupRuns, "unmeasured starts per program first")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  cli.add_option("--idle-seconds", options.idleSeconds, "length of the idle-CPU window")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  cli.add_option("--settle-seconds", options.settleSeconds,
                 "wait after the first frame before the idle window opens")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 600.0));
  cli.add_option("--timeout", options.timeoutSeconds, "seconds to wait for a first frame")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 3600.0));
  CLI11_PARSE(cli, argc, argv);

  options.floor.args = splitArgs(floorArgs);
  options.app.args = splitArgs(appArgs);

  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0') {
    fmt::print(stderr,
               "stellwerk-bench-startup: DISPLAY is not set; run it under an X server, "
               "e.g. xvfb-run -a -s \"-screen 0 1280x800x24\" (bench/run does this).\n");
    return 2;
  }

  std::vector<ProgramReport> reports{{options.floor, {}, {}, {}, {}},
                                     {options.app, {}, {}, {}, {}}};
  fmt::print(stderr, "floor: {} {}\napp:   {} {}\n", options.floor.path,
             fmt::join(options.floor.args, " "), options.app.path,
             fmt::join(options.app.args, " "));
  runPlan(reports, options);
  printReport(reports[0], reports[1], options);

  const bool anyFailed = std::any_of(reports.begin(), reports.end(),
                                     [](const ProgramReport& r) { return r.failure.has_value(); });
  return anyFailed ? 1 : 0;
}
