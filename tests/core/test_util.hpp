// Shorthands shared by the core tests: dates written as in the specification ("2026-03-29")
// read better in assertions than date:: literals.
#pragma once

#include <stdexcept>
#include <string_view>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk::test {

// A date from text that the test author guarantees is valid; a typo fails loudly.
inline Date d(std::string_view text) {
  const auto parsed = parse_date(text);
  if (!parsed) throw std::invalid_argument("bad test date");
  return *parsed;
}

constexpr MinuteOfDay hm(int hours, int minutes) { return hours * 60 + minutes; }

}  // namespace stellwerk::test
