// Where the server reads the time. Every rule that depends on "now" (past bookings, the check-in
// window, auto-release, token expiry, retention) asks a Clock, so that tests can move time
// forward instead of sleeping. Thread-safe: handlers on many threads read it at once.
#pragma once

#include <atomic>
#include <chrono>

#include "stellwerk/core/domain.hpp"

namespace stellwerk::server {

// How the database stores an instant.
inline std::int64_t unix_seconds(Instant t) { return t.time_since_epoch().count(); }

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that stands still until a test moves it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : seconds_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{std::chrono::seconds{seconds_.load()}}; }
  void set(Instant t) { seconds_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::seconds by) { seconds_.fetch_add(by.count()); }

 private:
  std::atomic<std::int64_t> seconds_;
};

}  // namespace stellwerk::server
