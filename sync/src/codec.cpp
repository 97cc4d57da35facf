// Implementation of the value conversions in codec.hpp. Kept apart from the SQL so that the
// demo importer and the store parse policies, dates and wall times the same way.
#include "codec.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <limits>

#include <date/tz.h>
#include <fmt/format.h>

namespace stellwerk::store::codec {
namespace {

constexpr std::array<std::string_view, 7> kWeekdayNames{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<int> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return value;
}

[[noreturn]] void wrong_type(const std::string& path, std::string_view expected, const nlohmann::json& found) {
  throw FieldError(fmt::format("{}: expected {}, found {}", path, expected, found.type_name()));
}

}  // namespace

std::string date_text(Date date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = parse_digits(text.substr(0, 4));
  const auto m = parse_digits(text.substr(5, 2));
  const auto d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  const Date date{date::year{*y}, date::month{static_cast<unsigned>(*m)}, date::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::int64_t unix_seconds(Instant instant) { return instant.time_since_epoch().count(); }

Instant instant_from_unix(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

std::optional<MinuteOfDay> parse_wall_time(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto h = parse_digits(text.substr(0, 2));
  const auto m = parse_digits(text.substr(3, 2));
  if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
  return *h * 60 + *m;
}

std::string wall_time_text(MinuteOfDay minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

Instant berlin_instant(Date day, MinuteOfDay minutes) {
  try {
    static const date::time_zone* const berlin = date::locate_zone("Europe/Berlin");
    const auto local = date::local_days{day} + std::chrono::minutes{minutes};
    const date::zoned_time zoned{berlin, local, date::choose::earliest};
    return std::chrono::floor<std::chrono::seconds>(zoned.get_sys_time());
  } catch (const std::exception& e) {
    throw Error(fmt::format("cannot use time zone Europe/Berlin: {}", e.what()));
  }
}

std::optional<int> parse_weekday(std::string_view name) {
  for (std::size_t i = 0; i < kWeekdayNames.size(); ++i) {
    if (kWeekdayNames[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

Fields::Fields(const nlohmann::json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) wrong_type(path_, "an object", object_);
}

std::string Fields::child_path(std::string_view key) const {
  return path_.empty() ? std::string{key} : fmt::format("{}.{}", path_, key);
}

bool Fields::has(std::string_view key) const { return object_.contains(key); }

const nlohmann::json& Fields::raw(std::string_view key) const {
  const auto it = object_.find(key);
  if (it == object_.end()) throw FieldError(child_path(key) + ": missing");
  return *it;
}

std::string Fields::text(std::string_view key) const {
  const auto& value = raw(key);
  if (!value.is_string()) wrong_type(child_path(key), "a string", value);
  return value.get<std::string>();
}

int Fields::integer(std::string_view key) const {
  const auto& value = raw(key);
  if (!value.is_number_integer()) wrong_type(child_path(key), "an integer", value);
  const auto wide = value.get<std::int64_t>();
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    throw FieldError(child_path(key) + ": number out of range");
  }
  return static_cast<int>(wide);
}

double Fields::number(std::string_view key) const {
  const auto& value = raw(key);
  if (!value.is_number()) wrong_type(child_path(key), "a number", value);
  return value.get<double>();
}

bool Fields::boolean(std::string_view key) const {
  const auto& value = raw(key);
  if (!value.is_boolean()) wrong_type(child_path(key), "true or false", value);
  return value.get<bool>();
}

Fields Fields::object(std::string_view key) const { return Fields{raw(key), child_path(key)}; }

const nlohmann::json& Fields::array(std::string_view key) const {
  const auto& value = raw(key);
  if (!value.is_array()) wrong_type(child_path(key), "an array", value);
  return value;
}

MinuteOfDay Fields::wall_time(std::string_view key) const {
  const std::string value = text(key);
  if (auto minutes = parse_wall_time(value)) return *minutes;
  throw FieldError(fmt::format("{}: expected a time \"HH:MM\", found \"{}\"", child_path(key), value));
}

Date Fields::date(std::string_view key) const {
  const std::string value = text(key);
  if (auto parsed = parse_date(value)) return *parsed;
  throw FieldError(fmt::format("{}: expected a date \"YYYY-MM-DD\", found \"{}\"", child_path(key), value));
}

std::optional<std::string> Fields::optional_text(std::string_view key) const {
  if (!has(key) || raw(key).is_null()) return std::nullopt;
  return text(key);
}

int Fields::integer_or(std::string_view key, int fallback) const { return has(key) ? integer(key) : fallback; }

bool Fields::boolean_or(std::string_view key, bool fallback) const { return has(key) ? boolean(key) : fallback; }

namespace {

nlohmann::json slot_json(SlotTimes slot) {
  return {{"start", wall_time_text(slot.start)}, {"end", wall_time_text(slot.end)}};
}

SlotTimes slot_from(const Fields& parent, std::string_view key, SlotTimes fallback) {
  if (!parent.has(key)) return fallback;
  const Fields slot = parent.object(key);
  SlotTimes result{slot.wall_time("start"), slot.wall_time("end")};
  if (result.end <= result.start) throw FieldError(slot.path() + ": end must be after start");
  return result;
}

}  // namespace

nlohmann::json policy_to_json(const DepartmentPolicy& policy) {
  nlohmann::json weekdays = nlohmann::json::array();
  for (std::size_t i = 0; i < policy.bookable_weekdays.size(); ++i) {
    if (policy.bookable_weekdays[i]) weekdays.push_back(kWeekdayNames[i]);
  }
  return {
      {"days_ahead", policy.days_ahead},
      {"max_upcoming", policy.max_upcoming},
      {"bookable_weekdays", weekdays},
      {"day", slot_json(policy.day)},
      {"am", slot_json(policy.am)},
      {"pm", slot_json(policy.pm)},
      {"check_in_opens_minutes_before", policy.check_in_opens_minutes_before},
      {"check_in_closes_minutes_after", policy.check_in_closes_minutes_after},
      {"remote_share_percent", policy.remote_share_percent},
      {"over_quota", to_string(policy.over_quota)},
      {"accessible_hold_hours", policy.accessible_hold_hours},
      {"retention_days", policy.retention_days},
  };
}

DepartmentPolicy policy_from_json(const Fields& fields) {
  DepartmentPolicy policy;
  policy.days_ahead = fields.integer_or("days_ahead", policy.days_ahead);
  policy.max_upcoming = fields.integer_or("max_upcoming", policy.max_upcoming);
  if (fields.has("bookable_weekdays")) {
    policy.bookable_weekdays.fill(false);
    const auto& days = fields.array("bookable_weekdays");
    for (std::size_t i = 0; i < days.size(); ++i) {
      const auto path = fmt::format("{}[{}]", fields.child_path("bookable_weekdays"), i);
      if (!days[i].is_string()) wrong_type(path, "a weekday name", days[i]);
      const auto index = parse_weekday(days[i].get<std::string>());
      if (!index) throw FieldError(path + ": expected mon, tue, wed, thu, fri, sat or sun");
      policy.bookable_weekdays[static_cast<std::size_t>(*index)] = true;
    }
  }
  policy.day = slot_from(fields, "day", policy.day);
  policy.am = slot_from(fields, "am", policy.am);
  policy.pm = slot_from(fields, "pm", policy.pm);
  // Stores and demo files written before the bounds had one name use the old keys; a cached
  // policy keeps its window until the server's next copy replaces it.
  policy.check_in_opens_minutes_before = fields.integer_or(
      "check_in_opens_minutes_before",
      fields.integer_or("check_in_before_minutes", policy.check_in_opens_minutes_before));
  policy.check_in_closes_minutes_after = fields.integer_or(
      "check_in_closes_minutes_after",
      fields.integer_or("check_in_after_minutes", policy.check_in_closes_minutes_after));
  policy.remote_share_percent = fields.integer_or("remote_share_percent", policy.remote_share_percent);
  if (fields.has("over_quota")) policy.over_quota = fields.enumeration<OverQuotaRule>("over_quota");
  policy.accessible_hold_hours = fields.integer_or("accessible_hold_hours", policy.accessible_hold_hours);
  policy.retention_days = fields.integer_or("retention_days", policy.retention_days);

  const auto in_range = [&](std::string_view key, int value, int low, int high) {
    if (value < low || value > high) {
      throw FieldError(fmt::format("{}: {} is outside {}..{}", fields.child_path(key), value, low, high));
    }
  };
  in_range("days_ahead", policy.days_ahead, 0, 366);
  in_range("max_upcoming", policy.max_upcoming, 0, 1000);
  in_range("remote_share_percent", policy.remote_share_percent, 0, 100);
  return policy;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') out += c;
    else out += fmt::format("%{:02X}", u);
  }
  return out;
}

}  // namespace stellwerk::store::codec
