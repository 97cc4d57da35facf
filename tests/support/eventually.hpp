// Waiting for a condition instead of for a fixed time: a test that sleeps 100 ms and then asserts
// passes on a quiet machine and fails on a busy one. `eventually` polls until the condition holds
// and gives up only after a deadline generous enough for any machine (sanitizer builds included),
// so a passing test takes as long as the condition needs and a failing one still ends.
#pragma once

#include <chrono>
#include <thread>

namespace stellwerk::testing {

inline constexpr std::chrono::seconds kGenerousDeadline{60};

// True as soon as `condition()` holds; false when it still does not after `deadline`.
template <class Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds deadline = kGenerousDeadline) {
  const auto give_up = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{2});
  }
  return true;
}

}  // namespace stellwerk::testing
