// Reading the server's JSON and applying one pulled entity to the store. Reading is strict and
// complete before anything is written, so a malformed answer changes nothing in the store.
#include <fmt/format.h>

#include "demo_data.hpp"
#include "engine_parts.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::sync::detail {
namespace codec = store::codec;

namespace {

std::optional<Date> optional_date_field(const Fields& f, std::string_view key) {
  if (!f.has(key) || f.raw(key).is_null()) return std::nullopt;
  return f.date(key);
}

// "2026-12-01/am/planned" → the workday's key parts.
Workday workday_from_id(std::string_view id) {
  const auto first = id.find('/');
  const auto second = id.find('/', first == std::string_view::npos ? first : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) {
    throw codec::FieldError(fmt::format("workday id \"{}\" is not DATE/HALF/KIND", id));
  }
  const auto day = parse_date(id.substr(0, first));
  const auto half = parse_enum<HalfDay>(id.substr(first + 1, second - first - 1));
  const auto kind = parse_enum<WorkdayKind>(id.substr(second + 1));
  if (!day || !half || !kind) throw codec::FieldError(fmt::format("workday id \"{}\" is not DATE/HALF/KIND", id));
  return Workday{*day, *half, WorkMode::office, *kind};
}

}  // namespace

Instant instant_field(const Fields& f, std::string_view key) {
  const std::string text = f.text(key);
  if (auto instant = parse_rfc3339(text)) return *instant;
  throw codec::FieldError(f.child_path(key) + ": not an RFC 3339 time: \"" + text + "\"");
}

Booking booking_from(const Fields& f, const Id& employee_id) {
  Booking b;
  b.id = f.text("id");
  b.resource_id = f.text("resource_id");
  b.employee_id = employee_id;
  b.start = instant_field(f, "start");
  b.end = instant_field(f, "end");
  if (b.end <= b.start) throw codec::FieldError(f.path() + ": ends before it starts");
  b.state = f.enumeration<BookingState>("state");
  if (f.has("release_at") && !f.raw("release_at").is_null()) b.release_at = instant_field(f, "release_at");
  return b;
}

Enrollment enrollment_from(const Fields& f, const Id& employee_id) {
  Enrollment e;
  e.id = f.text("id");
  e.course_id = f.text("course_id");
  e.employee_id = employee_id;
  e.state = f.enumeration<EnrollmentState>("state");
  e.due_on = optional_date_field(f, "due_on");
  e.completed_on = optional_date_field(f, "completed_on");
  return e;
}

Workday workday_from(const Fields& f) {
  return Workday{f.date("date"), f.enumeration<HalfDay>("half"), f.enumeration<WorkMode>("mode"),
                 f.enumeration<WorkdayKind>("kind")};
}

// The department's rules as /api/v1/me/policy sends them.
DepartmentPolicy policy_from(const Fields& f) {
  DepartmentPolicy p;
  p.days_ahead = f.integer("days_ahead");
  p.max_upcoming = f.integer("max_upcoming");
  p.bookable_weekdays.fill(false);
  const Json& weekdays = f.array("bookable_weekdays");
  for (const Json& day : weekdays) {
    if (!day.is_number_integer() || day.get<int>() < 1 || day.get<int>() > 7) {
      throw codec::FieldError(f.child_path("bookable_weekdays") + ": expected ISO weekdays 1..7");
    }
    p.bookable_weekdays[static_cast<std::size_t>(day.get<int>() - 1)] = true;
  }
  const Fields slots = f.object("slots");
  const auto slot = [&](std::string_view name) {
    const Fields s = slots.object(name);
    return SlotTimes{s.wall_time("start"), s.wall_time("end")};
  };
  p.day = slot("day");
  p.am = slot("am");
  p.pm = slot("pm");
  const Fields check_in = f.object("check_in");
  p.check_in_before_minutes = check_in.integer("opens_minutes_before");
  p.check_in_after_minutes = check_in.integer("closes_minutes_after");
  const Fields remote = f.object("remote_share");
  p.remote_share_percent = remote.integer("max_percent");
  p.over_quota = remote.enumeration<OverQuotaRule>("over_quota");
  p.accessible_hold_hours = f.integer("accessible_hold_hours");
  p.retention_days = f.integer("retention_days");
  return p;
}

Employee employee_from(const Fields& f) {
  Employee e;
  e.id = f.text("id");
  e.username = f.text("username");
  e.display_name = f.text("name");
  e.department_id = f.text("department_id");
  e.home_building_id = f.optional_text("home_building_id").value_or("");
  if (f.has("manager_id") && !f.raw("manager_id").is_null()) e.manager_id = f.text("manager_id");
  for (const Json& role : f.array("roles")) {
    if (role.is_string()) {
      if (auto parsed = parse_enum<Role>(role.get<std::string>())) e.roles.push_back(*parsed);
    }
  }
  e.needs_accessible_desk = f.boolean_or("needs_accessible_desk", false);
  return e;
}

Json parse_json(std::string_view body) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) throw codec::FieldError("the answer is not JSON");
  return json;
}

// One feed entry, fully read before anything is written.

FeedChange feed_change_from(const Fields& f, const Id& me) {
  FeedChange c;
  c.entity = f.text("entity");
  c.id = f.text("id");
  const std::string op = f.text("op");
  if (op != "upsert" && op != "delete") throw codec::FieldError(f.child_path("op") + ": expected upsert or delete");
  c.remove = op == "delete";
  if (c.entity == "workday") {
    const Workday key = workday_from_id(c.id);
    c.date = key.date;
    c.record = key;
  } else if (c.entity == "closure") {
    const auto slash = c.id.rfind('/');
    if (slash == std::string::npos) throw codec::FieldError(f.child_path("id") + ": expected BUILDING/DATE");
    c.resource_or_building = c.id.substr(0, slash);
    c.date = parse_date(std::string_view(c.id).substr(slash + 1));
    if (!c.date) throw codec::FieldError(f.child_path("id") + ": expected BUILDING/DATE");
  }
  if (c.remove) return c;

  const Fields data = f.object("data");
  if (c.entity == "building") c.record = store::demo::read_building(data);
  else if (c.entity == "resource") c.record = store::demo::read_resource(data);
  else if (c.entity == "course") c.record = store::demo::read_course(data);
  else if (c.entity == "booking") c.record = booking_from(data, me);
  else if (c.entity == "workday") c.record = workday_from(data);
  else if (c.entity == "enrollment") c.record = enrollment_from(data, me);
  else if (c.entity == "favourite") {
    c.record = Favourite{data.text("resource_id"), data.boolean_or("usual", false), instant_field(data, "added_at")};
  }
  else if (c.entity == "occupancy") {
    c.resource_or_building = data.text("resource_id");
    c.start = instant_field(data, "start");
    c.end = instant_field(data, "end");
  } else if (c.entity == "closure") {
    c.reason = data.optional_text("reason").value_or("");
  }
  // Any other entity is from a newer server: skipped, so an old client keeps working.
  return c;
}

void apply_feed_change(store::LocalStore& store, const FeedChange& c, const std::set<std::string>& pending) {
  if (c.entity == "booking") {
    if (pending.contains(store::booking_key(c.id))) return;
    if (c.remove) store.remove_booking(c.id);
    else store.upsert_booking(std::get<Booking>(c.record));
  } else if (c.entity == "workday") {
    const auto& w = std::get<Workday>(c.record);
    if (pending.contains(store::workday_key(w.date, w.kind))) return;
    if (c.remove) store.remove_workday(w.date, w.half, w.kind);
    else store.upsert_workday(w);
  } else if (c.entity == "enrollment") {
    if (pending.contains(store::enrollment_key(c.id))) return;
    if (c.remove) store.remove_enrollment(c.id);
    else store.upsert_enrollment(std::get<Enrollment>(c.record));
  } else if (c.entity == "favourite") {
    if (pending.contains(store::favourite_key(c.id))) return;
    if (c.remove) store.remove_favourite(c.id);
    else store.upsert_favourite(std::get<Favourite>(c.record));
  } else if (c.entity == "building") {
    if (c.remove) store.remove_building(c.id);
    else store.upsert_building(std::get<Building>(c.record));
  } else if (c.entity == "resource") {
    if (c.remove) store.remove_resource(c.id);
    else store.upsert_resource(std::get<Resource>(c.record));
  } else if (c.entity == "course") {
    if (c.remove) store.remove_course(c.id);
    else store.upsert_course(std::get<Course>(c.record));
  } else if (c.entity == "occupancy") {
    if (c.remove) store.remove_occupancy(c.id);
    else store.upsert_occupancy(c.id, c.resource_or_building, c.start, c.end);
  } else if (c.entity == "closure") {
    if (c.remove) store.remove_closure(c.resource_or_building, *c.date);
    else store.upsert_closure(c.resource_or_building, *c.date, c.reason);
  }
}

}  // namespace stellwerk::sync::detail
