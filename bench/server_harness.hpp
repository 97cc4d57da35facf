// What the benchmarks that drive the real `stellwerk-server` share: starting it as a child
// process on a fresh data folder and reading its port, waiting for it to be ready, stopping it,
// and describing the machine and disk the figures were taken on. It is a header of inline
// functions rather than a library because two small programs use it and nothing else should.
//
// Failures of the set-up are thrown as SetupError: the benchmark cannot measure anything then,
// and each one reports it and exits with status 2.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <httplib.h>

extern char** environ;

namespace stellwerk::bench {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

// A failure that makes the run meaningless: reported, exit status 2.
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// ---------------------------------------------------------------------------------------------
// The server process

// `stellwerk-server` as a child: stdout on a pipe (for the "listening on" line), stderr shared.
class ServerProcess {
 public:
  ServerProcess(const fs::path& binary, const std::vector<std::string>& args) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw SetupError(fmt::format("pipe: {}", std::strerror(errno)));
    stdout_fd_ = fds[0];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::vector<std::string> argv_storage{binary.string()};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int error = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (error != 0) {
      ::close(stdout_fd_);
      throw SetupError(fmt::format("cannot start {}: {}", binary.string(), std::strerror(error)));
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }

  // The port from the first stdout line, "listening on http://HOST:PORT".
  int read_port(std::chrono::seconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    std::string line;
    while (line.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left.count() <= 0) throw SetupError("the server printed no 'listening on' line in time");
      pollfd p{stdout_fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 1000)));
      if (ready < 0 && errno != EINTR) throw SetupError(fmt::format("poll: {}", std::strerror(errno)));
      if (ready <= 0) continue;
      char buffer[256];
      const ssize_t got = ::read(stdout_fd_, buffer, sizeof buffer);
      if (got <= 0) throw SetupError("the server exited before it was listening (see its messages above)");
      line.append(buffer, static_cast<std::size_t>(got));
    }
    line.resize(line.find('\n'));
    const auto colon = line.rfind(':');
    if (line.rfind("listening on http://", 0) != 0 || colon == std::string::npos) {
      throw SetupError(fmt::format("unexpected first line from the server: '{}'", line));
    }
    try {
      return std::stoi(line.substr(colon + 1));
    } catch (const std::exception&) {
      throw SetupError(fmt::format("no port in '{}'", line));
    }
  }

  // SIGTERM, then waits up to `grace` before SIGKILL. The exit status, or a description.
  std::string stop(std::chrono::seconds grace) {
    ::kill(pid_, SIGTERM);
    const auto deadline = SteadyClock::now() + grace;
    int status = 0;
    std::string how;
    for (;;) {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (SteadyClock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        how = "needed SIGKILL; ";
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    pid_ = -1;
    if (WIFEXITED(status)) return how + fmt::format("exit status {}", WEXITSTATUS(status));
    return how + fmt::format("killed by signal {}", WTERMSIG(status));
  }

  // utime + stime of all its threads so far, in seconds.
  double cpu_seconds() const {
    std::ifstream stat{fmt::format("/proc/{}/stat", pid_)};
    std::string text{std::istreambuf_iterator<char>{stat}, {}};
    const auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields{text.substr(close + 2)};
    std::string field;
    double ticks = 0;
    for (int i = 3; fields >> field; ++i) {  // field 3 is the state; 14 utime, 15 stime
      if (i == 14 || i == 15) ticks += std::stod(field);
      if (i == 15) break;
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }

  // The run time the scheduler counted for all its threads so far, in nanoseconds
  // (/proc/PID/task/*/schedstat). Exact, unlike cpu_seconds(), whose ticks are 10 ms apart;
  // threads that have already ended are missing, which the server's pooled threads never do.
  std::uint64_t cpu_nanoseconds() const {
    std::uint64_t total = 0;
    std::error_code error;
    for (const auto& task : fs::directory_iterator{fmt::format("/proc/{}/task", pid_), error}) {
      std::ifstream schedstat{task.path() / "schedstat"};
      std::uint64_t ns = 0;
      if (schedstat >> ns) total += ns;
    }
    return total;
  }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
};

// The server binary built next to the benchmark: build/<preset>/server/stellwerk-server.
// A fresh folder below `parent` ($TMPDIR or /tmp when empty) named "<prefix>.XXXXXX",
// removed with everything in it at the end unless `keep`. The parent decides which disk a
// benchmark measures.
class ScratchDir {
 public:
  ScratchDir(std::string parent, std::string_view prefix, bool keep) : keep_(keep) {
    if (parent.empty()) {
      const char* tmp = std::getenv("TMPDIR");
      parent = tmp && *tmp ? tmp : "/tmp";
    }
    std::string name = (fs::path{parent} / (std::string{prefix} + ".XXXXXX")).string();
    if (!::mkdtemp(name.data())) {
      throw SetupError(fmt::format("cannot make a folder in {}: {}", parent, std::strerror(errno)));
    }
    path_ = name;
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!keep_) fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  bool keep_;
};

inline fs::path default_server_path() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) return "stellwerk-server";
  return (self.parent_path() / ".." / "server" / "stellwerk-server").lexically_normal();
}

// Polls GET /healthz until it answers 200: the server answers 503 while it is still starting.
inline void wait_until_ready(int port, std::chrono::seconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  httplib::Client client{"127.0.0.1", port};
  client.set_keep_alive(true);
  client.set_connection_timeout(std::chrono::seconds{10});
  client.set_read_timeout(std::chrono::seconds{60});
  while (SteadyClock::now() < deadline) {
    if (auto res = client.Get("/healthz"); res && res->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  throw SetupError("GET /healthz did not answer 200 in time");
}

// ---------------------------------------------------------------------------------------------
// The machine and the disk

// The file system that holds `path`, from /proc/self/mountinfo (matched by device number, the
// longest mount point that contains the path), with size and what sysfs says about the device.
inline std::string describe_disk(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "unknown";
  const std::string device = fmt::format("{}:{}", major(st.st_dev), minor(st.st_dev));
  const std::string canonical = fs::weakly_canonical(path).string();
  std::ifstream mountinfo{"/proc/self/mountinfo"};
  std::string line;
  std::string best_point;
  std::string best_type;
  std::string best_source;
  while (std::getline(mountinfo, line)) {
    std::istringstream fields{line};
    std::string id, parent, dev, root, point;
    fields >> id >> parent >> dev >> root >> point;
    if (dev != device) continue;
    if (canonical.rfind(point, 0) != 0 || point.size() < best_point.size()) continue;
    const auto dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    std::istringstream tail{line.substr(dash + 3)};
    best_point = point;
    tail >> best_type >> best_source;
  }
  std::string text = best_type.empty() ? fmt::format("device {}", device)
                                       : fmt::format("{} on {} (mounted at {})", best_type, best_source, best_point);
  struct statvfs vfs {};
  if (::statvfs(path.c_str(), &vfs) == 0) {
    const double gib = 1024.0 * 1024.0 * 1024.0;
    text += fmt::format(", {:.0f} GiB, {:.0f} GiB free",
                        static_cast<double>(vfs.f_blocks) * static_cast<double>(vfs.f_frsize) / gib,
                        static_cast<double>(vfs.f_bavail) * static_cast<double>(vfs.f_frsize) / gib);
  }
  // A partition has no queue/ of its own: look at its parent too.
  const fs::path block = fs::path{"/sys/dev/block"} / device;
  for (const fs::path& dir : {block, block / ".."}) {
    std::ifstream rotational{dir / "queue" / "rotational"};
    int spinning = -1;
    if (rotational >> spinning) {
      text += spinning ? ", queue/rotational=1" : ", queue/rotational=0";
      break;
    }
  }
  if (best_type == "tmpfs" || best_type == "ramfs") text += " — WARNING: memory, fsync costs nothing here";
  return text;
}

inline std::string cpu_model() {
  std::ifstream cpuinfo{"/proc/cpuinfo"};
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown CPU";
}

// "1,234,567": fmt's {:L} would need a locale with that grouping installed and selected.
inline std::string with_thousands(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

}  // namespace stellwerk::bench
