// The non-generic half of the codec: the leaf values (text, numbers, dates, times) and the
// wording of decode errors.
#include "stellwerk/wire/codec.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "stellwerk/core/calendar.hpp"

namespace stellwerk::wire {

std::string DecodeError::field() const {
  const auto end = path.find_first_of(".[");
  return path.substr(0, end);
}

std::string DecodeError::message() const {
  std::string text = path.empty() ? std::string{"value"} : path;
  switch (kind) {
    case Kind::missing: return text + ": missing";
    case Kind::unknown_field: return text + ": unknown member";
    case Kind::wrong_type:
    case Kind::bad_value: return text + ": expected " + expected;
  }
  return text;
}

namespace detail {

DecodeError failure(DecodeError::Kind kind, std::string expected) {
  return DecodeError{kind, {}, std::move(expected)};
}

DecodeError inside(DecodeError error, std::string_view member) {
  if (error.path.empty()) {
    error.path = std::string{member};
  } else if (error.path.front() == '[') {
    error.path = std::string{member} + error.path;
  } else {
    error.path = std::string{member} + '.' + error.path;
  }
  return error;
}

DecodeError at_index(DecodeError error, std::size_t index) {
  const std::string step = '[' + std::to_string(index) + ']';
  error.path = error.path.empty() || error.path.front() == '[' ? step + error.path : step + '.' + error.path;
  return error;
}

std::string expected_one_of(const std::vector<std::string_view>& names) {
  std::string text = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += ", ";
    text += names[i];
  }
  return text;
}

Json encode_value(const std::string& value) { return Json(value); }
Json encode_value(const Secret& value) { return Json(std::string{value.view()}); }
Json encode_value(int value) { return Json(value); }
Json encode_value(double value) { return Json(value); }
Json encode_value(bool value) { return Json(value); }
Json encode_value(const Json& value) { return value; }
Json encode_value(const Date& value) { return Json(format_date(value)); }
Json encode_value(const Instant& value) { return Json(to_rfc3339(value)); }

namespace {

// The limit counts characters (code points), as the document's maxLength does, not UTF-8 bytes;
// nlohmann has checked the UTF-8, so every code point starts with a non-continuation byte.
std::optional<DecodeError> check_text(const std::string& value, const Text& text) {
  const auto characters = static_cast<std::size_t>(
      std::count_if(value.begin(), value.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
  if (characters < text.min_chars || (text.max_chars > 0 && characters > text.max_chars)) {
    const std::string most = text.max_chars > 0 ? " to " + std::to_string(text.max_chars) : std::string{" or more"};
    return failure(DecodeError::Kind::bad_value, "text of " + std::to_string(text.min_chars) + most + " characters");
  }
  if (text.plain && std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    return failure(DecodeError::Kind::bad_value, "text without control characters");
  }
  return std::nullopt;
}

}  // namespace

std::optional<DecodeError> decode_value(const Json& json, std::string& out, const Text& text) {
  if (!json.is_string()) return failure(DecodeError::Kind::wrong_type, "a string");
  out = json.get<std::string>();
  return check_text(out, text);
}

std::optional<DecodeError> decode_value(const Json& json, Secret& out, const Text& text) {
  if (!json.is_string()) return failure(DecodeError::Kind::wrong_type, "a string");
  if (auto error = check_text(json.get_ref<const std::string&>(), text)) return error;
  out = Secret{std::string{json.get_ref<const std::string&>()}};
  return std::nullopt;
}

std::optional<DecodeError> decode_value(const Json& json, int& out, const Text&) {
  if (!json.is_number_integer()) return failure(DecodeError::Kind::wrong_type, "an integer");
  if (json.is_number_unsigned()) {
    const auto value = json.get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
      return failure(DecodeError::Kind::bad_value, "an integer of at most 2147483647");
    }
    out = static_cast<int>(value);
    return std::nullopt;
  }
  const auto value = json.get<std::int64_t>();
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    return failure(DecodeError::Kind::bad_value, "an integer within 32 bits");
  }
  out = static_cast<int>(value);
  return std::nullopt;
}

std::optional<DecodeError> decode_value(const Json& json, double& out, const Text&) {
  if (!json.is_number()) return failure(DecodeError::Kind::wrong_type, "a number");
  out = json.get<double>();
  return std::nullopt;
}

std::optional<DecodeError> decode_value(const Json& json, bool& out, const Text&) {
  if (!json.is_boolean()) return failure(DecodeError::Kind::wrong_type, "true or false");
  out = json.get<bool>();
  return std::nullopt;
}

std::optional<DecodeError> decode_value(const Json& json, Json& out, const Text&) {
  out = json;
  return std::nullopt;
}

std::optional<DecodeError> decode_value(const Json& json, Date& out, const Text&) {
  if (!json.is_string()) return failure(DecodeError::Kind::wrong_type, "a date YYYY-MM-DD");
  const auto value = parse_date(json.get_ref<const std::string&>());
  if (!value) return failure(DecodeError::Kind::bad_value, "a date YYYY-MM-DD");
  out = *value;
  return std::nullopt;
}

std::optional<DecodeError> decode_value(const Json& json, Instant& out, const Text&) {
  if (!json.is_string()) return failure(DecodeError::Kind::wrong_type, "an RFC 3339 time");
  const auto value = parse_rfc3339(json.get_ref<const std::string&>());
  if (!value) return failure(DecodeError::Kind::bad_value, "an RFC 3339 time");
  out = *value;
  return std::nullopt;
}

}  // namespace detail
}  // namespace stellwerk::wire
