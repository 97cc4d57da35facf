// Conversions between domain values and their stored or JSON forms, private to stellwerk::sync:
// ISO dates, Unix seconds, "HH:MM" wall times, Europe/Berlin wall time to Instant, enum wire
// names, and the department policy as JSON. JSON input is read through `Fields`, which names
// the offending field ("departments[1].policy.days_ahead: expected an integer, found string")
// so that a bad demo file or a bad stored policy is reported precisely instead of crashing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::store::codec {

// Thrown for malformed input; the message starts with the path of the offending field.
class FieldError : public Error {
 public:
  using Error::Error;
};

std::string date_text(Date date);                          // "2025-03-07"
std::optional<Date> parse_date(std::string_view text);     // nullopt unless a valid ISO date
std::int64_t unix_seconds(Instant instant);
Instant instant_from_unix(std::int64_t seconds);
std::optional<MinuteOfDay> parse_wall_time(std::string_view text);   // "08:30" → 510
std::string wall_time_text(MinuteOfDay minutes);

// The instant at which a Berlin clock shows `minutes` after midnight on `day`. In the spring
// gap the earlier offset is used, in the autumn overlap the earlier instant. Throws Error when
// the time zone database is missing.
Instant berlin_instant(Date day, MinuteOfDay minutes);

// Reads the members of one JSON object; every accessor throws FieldError naming path.key.
class Fields {
 public:
  Fields(const nlohmann::json& object, std::string path);  // throws unless `object` is an object
  const std::string& path() const { return path_; }
  bool has(std::string_view key) const;
  const nlohmann::json& raw(std::string_view key) const;   // required, any type
  std::string child_path(std::string_view key) const;

  std::string text(std::string_view key) const;
  int integer(std::string_view key) const;
  double number(std::string_view key) const;
  bool boolean(std::string_view key) const;
  Fields object(std::string_view key) const;
  const nlohmann::json& array(std::string_view key) const;
  MinuteOfDay wall_time(std::string_view key) const;
  Date date(std::string_view key) const;
  template <typename Enum>
  Enum enumeration(std::string_view key) const {
    const std::string name = text(key);
    if (auto value = parse_enum<Enum>(name)) return *value;
    throw FieldError(child_path(key) + ": unknown value \"" + name + "\"");
  }

  std::optional<std::string> optional_text(std::string_view key) const;
  int integer_or(std::string_view key, int fallback) const;
  bool boolean_or(std::string_view key, bool fallback) const;

 private:
  const nlohmann::json& object_;
  std::string path_;
};

// One URL path segment or query value: unreserved characters stay, everything else is %XX, so
// an id typed by a person ("a/b?c") can never change the request's path or query.
std::string percent_encode(std::string_view text);

// Wire names "mon".."sun", index 0 = Monday as in DepartmentPolicy::bookable_weekdays.
std::optional<int> parse_weekday(std::string_view name);

nlohmann::json policy_to_json(const DepartmentPolicy& policy);
// Missing members keep DepartmentPolicy's defaults; members of the wrong type throw FieldError.
DepartmentPolicy policy_from_json(const Fields& fields);

}  // namespace stellwerk::store::codec
