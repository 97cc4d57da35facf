// Helpers for UI tests that check the intents a frame emitted: all intents of one type, or the
// single intent a click must produce. Shared by the headless UI tests so that each reads the same.
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "intents.hpp"

namespace stellwerk::client::testing {

template <typename T>
std::vector<T> all_of_type(const Intents& intents) {
  std::vector<T> found;
  for (const Intent& intent : intents) {
    if (const T* typed = std::get_if<T>(&intent)) found.push_back(*typed);
  }
  return found;
}

// The only intent emitted, which must be a T.
template <typename T>
std::optional<T> single(const Intents& intents) {
  EXPECT_EQ(intents.size(), 1u) << "expected exactly one intent";
  if (intents.size() != 1) return std::nullopt;
  const T* typed = std::get_if<T>(&intents.front());
  EXPECT_NE(typed, nullptr) << "the intent has another type (variant index " << intents.front().index() << ")";
  return typed != nullptr ? std::optional<T>(*typed) : std::nullopt;
}

}  // namespace stellwerk::client::testing
