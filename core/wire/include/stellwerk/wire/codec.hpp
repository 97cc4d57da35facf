// The one JSON codec of the API. Every wire type (types.hpp) lists its members once, in a
// Schema<T> specialisation: the document's name of the schema, whether unknown members are
// refused (additionalProperties: false) and a tuple of Field{"json_name", &T::member}. The
// generic encode and decode below walk that list, so a member is named in exactly one place and
// the JSON field names are the C++ member names.
//
// decode never throws for bad input: it answers a DecodeError that names the path of the
// offending member ("user.roles[1]") and the kind of problem, so that the server can answer its
// stable problem codes (missing_field, invalid_field, unknown_field) and the client can log
// what the server sent wrong. Unknown members are checked before the fields, and the fields in
// the order they are listed, so the first problem reported is always the same one.
#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/secret.hpp"

namespace stellwerk::wire {

using Json = nlohmann::json;

struct DecodeError {
  enum class Kind {
    missing,        // a required member is absent or null
    wrong_type,     // a member of the wrong JSON type (a number for a string)
    unknown_field,  // a member the schema does not have, where it refuses unknown members
    bad_value,      // the right type but not an allowed value (an empty id, "2026-02-30", "noon")
  };
  Kind kind = Kind::bad_value;
  // The offending member's path from the decoded value: "resource_id", "user.roles[1]", or
  // empty when the value itself is wrong (an array where an object belongs).
  std::string path;
  std::string expected;   // "a string", "one of day, am, pm"; empty for missing and unknown

  // The top-level member of the path ("user" for "user.roles[1]"): the `field` of a problem.
  std::string field() const;
  // "user.roles[1]: expected one of employee, manager, facility_admin", for logs and tests.
  std::string message() const;
};

template <typename T>
using Decoded = std::expected<T, DecodeError>;

// What a text member must look like. Responses leave text open; request members are required
// to say something (at least one character), within a length counted in characters (code
// points, as the document's maxLength), and without control characters.
struct Text {
  std::size_t min_chars = 0;
  std::size_t max_chars = 0;   // 0: no limit
  bool plain = false;          // refuse control characters
};
constexpr Text request_text(std::size_t max_chars) { return Text{1, max_chars, true}; }

enum class Presence {
  required,   // present and not null
  optional,   // may be left out, never null; left out on encode when empty
  nullable,   // always present, may be null
};

template <typename T, typename M>
struct Field {
  std::string_view name;
  M T::*member;
  Presence presence = Presence::required;
  Text text{};
};

template <typename M> inline constexpr bool is_optional_v = false;
template <typename M> inline constexpr bool is_optional_v<std::optional<M>> = true;

// A required member, or a nullable one when the member is a std::optional.
template <typename T, typename M>
constexpr Field<T, M> field(std::string_view name, M T::*member, Text text = {}) {
  return Field<T, M>{name, member, is_optional_v<M> ? Presence::nullable : Presence::required, text};
}
// A member that may be left out (but is never null).
template <typename T, typename M>
constexpr Field<T, std::optional<M>> optional_field(std::string_view name, std::optional<M> T::*member, Text text = {}) {
  return Field<T, std::optional<M>>{name, member, Presence::optional, text};
}

// Specialised for every wire type in types.hpp: `name` (the document's schema name), `closed`
// (unknown members refused) and `fields`.
template <typename T>
struct Schema;

template <typename T>
concept Described = requires {
  Schema<T>::name;
  Schema<T>::closed;
  Schema<T>::fields;
};

// Specialised for every enumeration the API carries: its wire names, and the reverse.
template <typename E>
struct EnumNames;

template <typename E>
concept WireEnum = requires(E value, std::string_view text) {
  { EnumNames<E>::name(value) } -> std::convertible_to<std::string_view>;
  { EnumNames<E>::parse(text) } -> std::same_as<std::optional<E>>;
};

namespace detail {

// A problem found at the value being decoded; its path grows as it travels up.
DecodeError failure(DecodeError::Kind kind, std::string expected);
DecodeError inside(DecodeError error, std::string_view member);
DecodeError at_index(DecodeError error, std::size_t index);
std::string expected_one_of(const std::vector<std::string_view>& names);

Json encode_value(const std::string& value);
Json encode_value(const Secret& value);
Json encode_value(int value);
Json encode_value(double value);
Json encode_value(bool value);
Json encode_value(const Json& value);
Json encode_value(const Date& value);
Json encode_value(const Instant& value);

std::optional<DecodeError> decode_value(const Json& json, std::string& out, const Text& text);
std::optional<DecodeError> decode_value(const Json& json, Secret& out, const Text& text);
std::optional<DecodeError> decode_value(const Json& json, int& out, const Text& text);
std::optional<DecodeError> decode_value(const Json& json, double& out, const Text& text);
std::optional<DecodeError> decode_value(const Json& json, bool& out, const Text& text);
std::optional<DecodeError> decode_value(const Json& json, Json& out, const Text& text);
std::optional<DecodeError> decode_value(const Json& json, Date& out, const Text& text);
std::optional<DecodeError> decode_value(const Json& json, Instant& out, const Text& text);

template <WireEnum E>
Json encode_value(E value) {
  return Json(std::string{EnumNames<E>::name(value)});
}

template <WireEnum E>
std::optional<DecodeError> decode_value(const Json& json, E& out, const Text&) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < static_cast<std::size_t>(E::COUNT); ++i) {
    names.push_back(EnumNames<E>::name(static_cast<E>(i)));
  }
  if (!json.is_string()) return failure(DecodeError::Kind::wrong_type, expected_one_of(names));
  const auto value = EnumNames<E>::parse(json.get_ref<const std::string&>());
  if (!value) return failure(DecodeError::Kind::bad_value, expected_one_of(names));
  out = *value;
  return std::nullopt;
}

template <Described T> Json encode_value(const T& value);
template <Described T> std::optional<DecodeError> decode_value(const Json& json, T& out, const Text& text);

template <typename V>
Json encode_value(const std::vector<V>& values) {
  Json array = Json::array();
  for (const V& value : values) array.push_back(encode_value(value));
  return array;
}

template <typename V>
std::optional<DecodeError> decode_value(const Json& json, std::vector<V>& out, const Text& text) {
  if (!json.is_array()) return failure(DecodeError::Kind::wrong_type, "an array");
  out.clear();
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    V element{};
    if (auto error = decode_value(json[i], element, text)) return at_index(std::move(*error), i);
    out.push_back(std::move(element));
  }
  return std::nullopt;
}

template <typename T, typename M>
void encode_field(Json& object, const T& value, const Field<T, M>& field) {
  const M& member = value.*field.member;
  if constexpr (is_optional_v<M>) {
    if (member) {
      object[std::string{field.name}] = encode_value(*member);
    } else if (field.presence == Presence::nullable) {
      object[std::string{field.name}] = nullptr;
    }
  } else {
    object[std::string{field.name}] = encode_value(member);
  }
}

template <typename T, typename M>
std::optional<DecodeError> decode_field(const Json& object, T& value, const Field<T, M>& field) {
  M& member = value.*field.member;
  const auto it = object.find(field.name);
  const bool absent = it == object.end();
  if constexpr (is_optional_v<M>) {
    member.reset();
    if (absent && field.presence == Presence::optional) return std::nullopt;
    if (absent) return inside(failure(DecodeError::Kind::missing, {}), field.name);
    if (it->is_null()) {
      if (field.presence == Presence::nullable) return std::nullopt;
      return inside(failure(DecodeError::Kind::wrong_type, "a value, not null"), field.name);
    }
    typename M::value_type inner{};
    if (auto error = decode_value(*it, inner, field.text)) return inside(std::move(*error), field.name);
    member = std::move(inner);
    return std::nullopt;
  } else {
    if (absent || it->is_null()) return inside(failure(DecodeError::Kind::missing, {}), field.name);
    if (auto error = decode_value(*it, member, field.text)) return inside(std::move(*error), field.name);
    return std::nullopt;
  }
}

template <Described T>
bool has_field(std::string_view name) {
  return std::apply([&](const auto&... fields) { return ((fields.name == name) || ...); }, Schema<T>::fields);
}

template <Described T>
Json encode_value(const T& value) {
  Json object = Json::object();
  std::apply([&](const auto&... fields) { (encode_field(object, value, fields), ...); }, Schema<T>::fields);
  return object;
}

template <Described T>
std::optional<DecodeError> decode_value(const Json& json, T& out, const Text&) {
  if (!json.is_object()) return failure(DecodeError::Kind::wrong_type, "an object");
  if constexpr (Schema<T>::closed) {
    for (const auto& [name, member] : json.items()) {
      if (!has_field<T>(name)) return inside(failure(DecodeError::Kind::unknown_field, {}), name);
    }
  }
  std::optional<DecodeError> error;
  std::apply([&](const auto&... fields) { ((error = decode_field(json, out, fields), !error) && ...); },
             Schema<T>::fields);
  return error;
}

}  // namespace detail

template <Described T>
Json encode(const T& value) {
  return detail::encode_value(value);
}

template <Described T>
Decoded<T> decode(const Json& json) {
  T value{};
  if (auto error = detail::decode_value(json, value, Text{})) return std::unexpected(std::move(*error));
  return value;
}

// The JSON member names of T, in the order they are listed.
template <Described T>
std::vector<std::string_view> field_names() {
  return std::apply([](const auto&... fields) { return std::vector<std::string_view>{fields.name...}; },
                    Schema<T>::fields);
}

}  // namespace stellwerk::wire
