// Running the real `stellwerk` command line and other programs as child processes, shared by the
// end-to-end tests: how big and with which seed a run goes (STELLWERK_E2E_SCALE,
// STELLWERK_E2E_SEED), a child process with its streams on pipes or /dev/null, the environment that
// keeps a run away from a developer's settings, and one person's `stellwerk` on their own folder.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

extern char** environ;

namespace stellwerk::e2e {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using server::testing::Json;
using server::testing::TempDir;
using SteadyClock = std::chrono::steady_clock;

// --- Scale and seeds ---------------------------------------------------------------------------

// STELLWERK_E2E_SCALE (0 < s <= 1) shrinks the big runs; sanitizer builds, whose client takes
// several times longer to start, default to 0.25.

inline double scale() {
  if (const char* text = std::getenv("STELLWERK_E2E_SCALE")) {
    const double value = std::strtod(text, nullptr);
    if (value > 0 && value <= 1) return value;
  }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return 0.25;
#else
  return 1.0;
#endif
}

inline int scaled(int full, int minimum) { return std::max(minimum, static_cast<int>(std::lround(full * scale()))); }

// A fixed seed, unless STELLWERK_E2E_SEED asks for another (to replay or explore a run).
inline std::uint64_t seed_for(std::string_view test) {
  if (const char* text = std::getenv("STELLWERK_E2E_SEED")) return std::strtoull(text, nullptr, 10);
  return std::hash<std::string_view>{}(test) % 1'000'000;
}

inline double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// --- Running the client ------------------------------------------------------------------------

// One finished run of the client: what a script calling it would see.
struct CliRun {
  std::string command;
  int exit_code = -1;  // -1 when a signal ended it
  int signal = 0;
  std::string out;
  std::string err;

  std::string describe() const {
    return fmt::format("`{}` -> exit {}{}\n  stdout: {}\n  stderr: {}", command, exit_code,
                       signal != 0 ? fmt::format(" (signal {})", signal) : "", out, err);
  }
};

inline std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
  return text;
}

// Where a child's standard stream goes.
enum class Stream {
  null,     // /dev/null: stdin of a client that must never wait for a password, output nobody reads
  pipe,     // a pipe to the test: send() for stdin, line() / finish() for stdout and stderr
  inherit,  // the test's own (stderr of a helper program, so its complaints reach the test log)
};

struct Streams {
  Stream in = Stream::null;
  Stream out = Stream::pipe;
  Stream err = Stream::pipe;
};

// A child process started with posix_spawn, its streams as `Streams` says. The destructor kills
// and reaps a child that is still running.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::vector<std::string>& env, Streams streams) {
    for (const auto& a : args) command_ += (command_.empty() ? "" : " ") + a;
    int in_pipe[2] = {-1, -1};
    int out_pipe[2] = {-1, -1};
    int err_pipe[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const auto route = [&](Stream stream, int fd, int (&p)[2], int flags) {
      if (stream == Stream::null) posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", flags, 0);
      if (stream != Stream::pipe) return;
      if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
      posix_spawn_file_actions_adddup2(&actions, fd == STDIN_FILENO ? p[0] : p[1], fd);
    };
    route(streams.in, STDIN_FILENO, in_pipe, O_RDONLY);
    route(streams.out, STDOUT_FILENO, out_pipe, O_WRONLY);
    route(streams.err, STDERR_FILENO, err_pipe, O_WRONLY);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    const int error = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    in_fd_ = keep(in_pipe[1], in_pipe[0]);
    out_fd_ = keep(out_pipe[0], out_pipe[1]);
    err_fd_ = keep(err_pipe[0], err_pipe[1]);
    if (error != 0) {
      pid_ = -1;
      throw std::runtime_error(fmt::format("cannot start {}: {}", args.front(), std::strerror(error)));
    }
  }

  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    for (const int fd : {in_fd_, out_fd_, err_fd_}) {
      if (fd >= 0) ::close(fd);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void send(const std::string& line) {
    const std::string text = line + "\n";
    if (::write(in_fd_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      throw std::runtime_error("the child no longer reads its input");
    }
  }
  void close_input() {
    if (in_fd_ >= 0) ::close(in_fd_);
    in_fd_ = -1;
  }

  // The next line of stdout; nullopt at its end or when none came within `timeout` (a bound
  // against a hanging child only).
  std::optional<std::string> line(std::chrono::milliseconds timeout = 120s) {
    const auto deadline = SteadyClock::now() + timeout;
    for (;;) {
      if (const auto newline = line_buffer_.find('\n'); newline != std::string::npos) {
        std::string text = line_buffer_.substr(0, newline);
        line_buffer_.erase(0, newline + 1);
        return text;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left <= 0ms) return std::nullopt;
      pollfd p{out_fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const ssize_t got = ::read(out_fd_, chunk, sizeof chunk);
      if (got <= 0) return std::nullopt;
      line_buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }

  void kill9() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }

  // True once the child has ended; it is not reaped, so finish() still reads how it ended.
  bool has_ended() const {
    if (pid_ <= 0) return true;
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
  }

  // Reaps the child: its exit code, or 128 + the signal that ended it.
  int wait() {
    if (pid_ > 0) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return status_;
  }

  // Reads the output until the child closes it, then reaps the child. A child still running
  // after `timeout` is killed (and the run says signal 9).
  CliRun finish(std::chrono::milliseconds timeout) {
    CliRun run;
    run.command = command_;
    run.out = std::move(line_buffer_);  // what line() read but did not return
    const auto deadline = SteadyClock::now() + timeout;
    while (out_fd_ >= 0 || err_fd_ >= 0) {
      std::vector<pollfd> fds;
      if (out_fd_ >= 0) fds.push_back(pollfd{out_fd_, POLLIN, 0});
      if (err_fd_ >= 0) fds.push_back(pollfd{err_fd_, POLLIN, 0});
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left <= 0ms) {
        kill9();
        break;
      }
      const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
      if (ready < 0 && errno != EINTR) break;
      for (const auto& p : fds) {
        if (p.revents == 0) continue;
        char buffer[8192];
        const ssize_t got = ::read(p.fd, buffer, sizeof buffer);
        std::string& sink = p.fd == out_fd_ ? run.out : run.err;
        if (got > 0) {
          sink.append(buffer, static_cast<std::size_t>(got));
        } else {
          int& fd = p.fd == out_fd_ ? out_fd_ : err_fd_;
          ::close(fd);
          fd = -1;
        }
      }
    }
    int status = 0;
    while (pid_ > 0) {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (SteadyClock::now() > deadline) kill9();
      std::this_thread::sleep_for(2ms);
    }
    pid_ = -1;
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
    return run;
  }

 private:
  // The test's end of a pipe; the child's end is closed here, after the spawn.
  static int keep(int ours, int theirs) {
    if (theirs >= 0) ::close(theirs);
    return ours;
  }

  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  int status_ = -1;
  std::string command_;
  std::string line_buffer_;
};

// The environment of every client run: ours, with the password for `login` and the settings
// folders inside the client's own temporary folder, so no run reads a developer's settings;
// `overrides` set or replace more variables.
inline std::vector<std::string> client_environment(const fs::path& home,
                                                   const std::map<std::string, std::string>& overrides = {}) {
  std::map<std::string, std::string> values;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry{*e};
    const auto eq = entry.find('=');
    if (eq != std::string::npos) values[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  values["STELLWERK_PASSWORD"] = "demo";
  values["XDG_CONFIG_HOME"] = (home / "config").string();
  values["XDG_DATA_HOME"] = (home / "xdg-data").string();
  values["XDG_STATE_HOME"] = (home / "xdg-state").string();
  values["XDG_CACHE_HOME"] = (home / "xdg-cache").string();
  for (const auto& [name, value] : overrides) values[name] = value;
  std::vector<std::string> env;
  for (const auto& [name, value] : values) env.push_back(name + "=" + value);
  return env;
}

// One person's `stellwerk`: their own data folder, the server URL of the proxy.
class Cli {
 public:
  Cli(std::string user, std::string server_url)
      : user_(std::move(user)), server_url_(std::move(server_url)), home_("stellwerk-e2e-" + user_),
        env_(client_environment(home_.path())) {}

  const std::string& user() const { return user_; }
  fs::path data() const { return home_ / "data"; }

  std::vector<std::string> argv(const std::vector<std::string>& args) const {
    std::vector<std::string> all{STELLWERK_CLIENT_BINARY, "--data", data().string()};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  CliRun run(const std::vector<std::string>& args, std::chrono::milliseconds timeout = 180s) const {
    Child child{argv(args), env_, Streams{}};
    return child.finish(timeout);
  }
  std::unique_ptr<Child> start_quiet(const std::vector<std::string>& args) const {
    return std::make_unique<Child>(argv(args), env_, Streams{.out = Stream::null, .err = Stream::null});
  }

  CliRun login() const { return run({"--server", server_url_, "login", user_}); }
  CliRun logout() const { return run({"logout"}); }
  CliRun sync() const { return run({"sync"}); }

  // The JSON a command prints; null (and `run` filled in) when it failed or printed something else.
  Json json(const std::vector<std::string>& args, CliRun* run_out = nullptr) const {
    CliRun r = run(args);
    if (run_out != nullptr) *run_out = r;
    if (r.exit_code != 0) return Json{};
    return Json::parse(r.out, nullptr, false);
  }
  Json status() const { return json({"status", "--json"}); }
  Json outbox() const { return json({"outbox", "--json"}); }
  Json bookings(Date from, Date to) const {
    return json({"bookings", "--from", format_date(from), "--to", format_date(to), "--json"});
  }

 private:
  std::string user_;
  std::string server_url_;
  TempDir home_;
  std::vector<std::string> env_;
};

}  // namespace stellwerk::e2e
