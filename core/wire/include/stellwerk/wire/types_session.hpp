// The session and policy schemas of the API (see types.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/secret.hpp"
#include "stellwerk/wire/codec.hpp"
#include "stellwerk/wire/enums.hpp"

namespace stellwerk::wire {

// ---- Session ----------------------------------------------------------------------------

struct Health {
  std::string status;   // "ok"
};
template <> struct Schema<Health> {
  static constexpr std::string_view name = "Health";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("status", &Health::status)};
};

struct LoginRequest {
  std::string username;
  Secret password;   // wiped when the request is done with
};
template <> struct Schema<LoginRequest> {
  static constexpr std::string_view name = "LoginRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("username", &LoginRequest::username, request_text(100)),
                                            field("password", &LoginRequest::password, request_text(1024))};
};

struct KioskLoginRequest {
  std::string badge;
  Secret pin;
};
template <> struct Schema<KioskLoginRequest> {
  static constexpr std::string_view name = "KioskLoginRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("badge", &KioskLoginRequest::badge, request_text(64)),
                                            field("pin", &KioskLoginRequest::pin, request_text(64))};
};

struct User {
  Id id;
  std::string username;
  std::string display_name;
  Id department_id;
  Id home_building_id;
  std::vector<Role> roles;
  bool needs_accessible_desk = false;
  std::optional<Id> manager_id;
  // Whether this person shows their team office or remote by name (team_presence.hpp). Left out
  // by servers from before team presence: then it is off.
  std::optional<bool> presence_sharing;
};
template <> struct Schema<User> {
  static constexpr std::string_view name = "User";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("id", &User::id),
      field("username", &User::username),
      field("display_name", &User::display_name),
      field("department_id", &User::department_id),
      field("home_building_id", &User::home_building_id),
      field("roles", &User::roles),
      field("needs_accessible_desk", &User::needs_accessible_desk),
      field("manager_id", &User::manager_id),
      optional_field("presence_sharing", &User::presence_sharing)};
};

struct Session {
  std::string token;
  Instant expires_at{};
  User user;
};
template <> struct Schema<Session> {
  static constexpr std::string_view name = "Session";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("token", &Session::token), field("expires_at", &Session::expires_at),
                                            field("user", &Session::user)};
};

// ---- Policy -----------------------------------------------------------------------------

struct Slot {
  std::string start;   // "HH:MM"
  std::string end;
};
template <> struct Schema<Slot> {
  static constexpr std::string_view name = "Slot";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("start", &Slot::start), field("end", &Slot::end)};
};

struct PolicySlots {
  Slot day;
  Slot am;
  Slot pm;
};
template <> struct Schema<PolicySlots> {
  static constexpr std::string_view name = "PolicySlots";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("day", &PolicySlots::day), field("am", &PolicySlots::am),
                                            field("pm", &PolicySlots::pm)};
};

struct CheckInWindow {
  int opens_minutes_before = 0;
  int closes_minutes_after = 0;
};
template <> struct Schema<CheckInWindow> {
  static constexpr std::string_view name = "CheckInWindow";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("opens_minutes_before", &CheckInWindow::opens_minutes_before),
                                            field("closes_minutes_after", &CheckInWindow::closes_minutes_after)};
};

struct RemoteShare {
  int max_percent = 0;
  OverQuotaRule over_quota = OverQuotaRule::needs_approval;
};
template <> struct Schema<RemoteShare> {
  static constexpr std::string_view name = "RemoteShare";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("max_percent", &RemoteShare::max_percent),
                                            field("over_quota", &RemoteShare::over_quota)};
};

struct Horizon {
  Date from{};
  Date to{};
};
template <> struct Schema<Horizon> {
  static constexpr std::string_view name = "Horizon";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("from", &Horizon::from), field("to", &Horizon::to)};
};

struct Holiday {
  Date date{};
  HolidayKind kind = HolidayKind::new_year;
  std::string name;   // in the caller's language
};
template <> struct Schema<Holiday> {
  static constexpr std::string_view name = "Holiday";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("date", &Holiday::date), field("kind", &Holiday::kind),
                                            field("name", &Holiday::name)};
};

struct Closure {
  Id building_id;
  Date date{};
  std::string reason;
};
template <> struct Schema<Closure> {
  static constexpr std::string_view name = "Closure";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("building_id", &Closure::building_id), field("date", &Closure::date),
                                            field("reason", &Closure::reason)};
};

struct ClosureRequest {
  Date date{};
  std::string reason;
};
template <> struct Schema<ClosureRequest> {
  static constexpr std::string_view name = "ClosureRequest";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("date", &ClosureRequest::date),
                                            field("reason", &ClosureRequest::reason, request_text(200))};
};

struct Policy {
  Date today{};
  Id department_id;
  int days_ahead = 0;
  int max_upcoming = 0;
  int upcoming = 0;
  std::vector<int> bookable_weekdays;   // ISO, Monday = 1
  PolicySlots slots;
  CheckInWindow check_in;
  RemoteShare remote_share;
  int accessible_hold_hours = 0;
  int retention_days = 0;
  Horizon horizon;
  std::vector<Holiday> holidays;
  std::vector<Closure> closures;
};
template <> struct Schema<Policy> {
  static constexpr std::string_view name = "Policy";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{
      field("today", &Policy::today),
      field("department_id", &Policy::department_id),
      field("days_ahead", &Policy::days_ahead),
      field("max_upcoming", &Policy::max_upcoming),
      field("upcoming", &Policy::upcoming),
      field("bookable_weekdays", &Policy::bookable_weekdays),
      field("slots", &Policy::slots),
      field("check_in", &Policy::check_in),
      field("remote_share", &Policy::remote_share),
      field("accessible_hold_hours", &Policy::accessible_hold_hours),
      field("retention_days", &Policy::retention_days),
      field("horizon", &Policy::horizon),
      field("holidays", &Policy::holidays),
      field("closures", &Policy::closures)};
};

}  // namespace stellwerk::wire
