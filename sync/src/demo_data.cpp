// Parser and validator for the demo data file; see demo_data.hpp for the format of relative
// dates. Every check throws codec::FieldError with the field's path; read_demo turns the first
// one into the returned message, so callers never see an exception for bad input.
#include "demo_data.hpp"

#include <array>
#include <fstream>
#include <set>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "codec.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::store::demo {
namespace {

using codec::FieldError;
using codec::Fields;

constexpr std::string_view kFormat = "stellwerk-demo/1";

bool is_working_day(date::sys_days day) {
  const unsigned iso = date::weekday{day}.iso_encoding();  // 1 = Monday … 7 = Sunday
  return iso <= 5;
}

Date resolve_date(const Fields& spec, Date today) {
  const date::sys_days base{today};
  const int forms = static_cast<int>(spec.has("day_offset")) + static_cast<int>(spec.has("working_day_offset")) +
                    static_cast<int>(spec.has("week_offset"));
  if (forms != 1) {
    throw FieldError(spec.path() + ": give exactly one of day_offset, working_day_offset, week_offset");
  }
  if (spec.has("day_offset")) return Date{base + date::days{spec.integer("day_offset")}};
  if (spec.has("working_day_offset")) {
    int remaining = spec.integer("working_day_offset");
    if (remaining < 0 || remaining > 366) throw FieldError(spec.child_path("working_day_offset") + ": must be 0..366");
    date::sys_days day = base;
    while (!is_working_day(day)) day += date::days{1};
    while (remaining > 0) {
      day += date::days{1};
      if (is_working_day(day)) --remaining;
    }
    return Date{day};
  }
  const std::string weekday_name = spec.text("weekday");
  const auto weekday = codec::parse_weekday(weekday_name);
  if (!weekday) throw FieldError(spec.child_path("weekday") + ": expected mon, tue, wed, thu, fri, sat or sun");
  const auto monday = base - date::days{date::weekday{base}.iso_encoding() - 1};
  return Date{monday + date::days{7 * spec.integer("week_offset") + *weekday}};
}

std::string item_path(std::string_view list, std::size_t index) { return fmt::format("{}[{}]", list, index); }

// Calls `read(Fields)` for each element of the array `key`, collecting the results.
template <typename T, typename Read>
std::vector<T> read_list(const Fields& root, std::string_view key, Read read) {
  std::vector<T> items;
  const auto& array = root.array(key);
  items.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) items.push_back(read(Fields{array[i], item_path(key, i)}));
  return items;
}

template <typename T>
void require_unique_ids(const std::vector<T>& items, std::string_view list) {
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id.empty()) throw FieldError(item_path(list, i) + ".id: must not be empty");
    if (!seen.insert(items[i].id).second) {
      throw FieldError(fmt::format("{}.id: \"{}\" is used twice", item_path(list, i), items[i].id));
    }
  }
}

template <typename T>
std::set<std::string, std::less<>> ids_of(const std::vector<T>& items) {
  std::set<std::string, std::less<>> ids;
  for (const auto& item : items) ids.insert(item.id);
  return ids;
}

void require_known(const std::set<std::string, std::less<>>& known, const std::string& id, const std::string& path) {
  if (!known.contains(id)) throw FieldError(fmt::format("{}: unknown id \"{}\"", path, id));
}

Department read_department(const Fields& f, const Id& organisation_id) {
  Department department;
  department.id = f.text("id");
  department.organisation_id = organisation_id;
  department.name = f.text("name");
  department.policy = codec::policy_from_json(f.object("policy"));
  return department;
}

// A list of strings under `name` (absent: empty), each checked by `parse`.
template <typename T, typename Parse>
std::vector<T> read_strings(const Fields& f, const std::string& name, Parse parse) {
  std::vector<T> items;
  if (!f.has(name)) return items;
  const auto& list = f.array(name);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto path = item_path(f.child_path(name), i);
    if (!list[i].is_string()) throw FieldError(fmt::format("{}: expected a string, found {}", path, list[i].type_name()));
    items.push_back(parse(list[i].get<std::string>(), path));
  }
  return items;
}

std::vector<Role> read_roles(const Fields& f, const std::string& name) {
  return read_strings<Role>(f, name, [](const std::string& text, const std::string& path) {
    const auto role = parse_enum<Role>(text);
    if (!role) throw FieldError(fmt::format("{}: unknown role \"{}\"", path, text));
    return *role;
  });
}

Employee read_employee(const Fields& f) {
  Employee employee;
  employee.id = f.text("id");
  employee.username = f.text("username");
  employee.display_name = f.text("display_name");
  employee.department_id = f.text("department_id");
  employee.manager_id = f.optional_text("manager_id");
  f.array("roles");  // required, even when empty
  employee.roles = read_roles(f, "roles");
  employee.home_building_id = f.text("home_building_id");
  employee.needs_accessible_desk = f.boolean_or("needs_accessible_desk", false);
  employee.presence_opt_in = f.boolean_or("presence_opt_in", false);
  return employee;
}


Booking read_booking(const Fields& f, const Employee& me, Date today) {
  Booking booking;
  booking.id = f.text("id");
  booking.resource_id = f.text("resource_id");
  booking.employee_id = me.id;
  const Date day = resolve_date(f.object("date"), today);
  const MinuteOfDay start = f.wall_time("start");
  const MinuteOfDay end = f.wall_time("end");
  if (end <= start) throw FieldError(f.child_path("end") + ": must be after start");
  booking.start = codec::berlin_instant(day, start);
  booking.end = codec::berlin_instant(day, end);
  booking.state = f.has("state") ? f.enumeration<BookingState>("state") : BookingState::booked;
  return booking;
}

Workday read_workday(const Fields& f, Date today) {
  Workday workday;
  workday.date = resolve_date(f.object("date"), today);
  workday.half = f.enumeration<HalfDay>("half");
  workday.mode = f.enumeration<WorkMode>("mode");
  workday.kind = f.has("kind") ? f.enumeration<WorkdayKind>("kind") : WorkdayKind::planned;
  return workday;
}

Enrollment read_enrollment(const Fields& f, const Employee& me, Date today) {
  Enrollment enrollment;
  enrollment.id = f.text("id");
  enrollment.course_id = f.text("course_id");
  enrollment.employee_id = me.id;
  enrollment.state = f.enumeration<EnrollmentState>("state");
  if (f.has("due")) enrollment.due_on = resolve_date(f.object("due"), today);
  if (f.has("completed")) enrollment.completed_on = resolve_date(f.object("completed"), today);
  if ((enrollment.state == EnrollmentState::completed) != enrollment.completed_on.has_value()) {
    throw FieldError(f.path() + ": a completed enrolment needs \"completed\", an open one must not have it");
  }
  return enrollment;
}

// A DigComp competence and a level of 1..8, as the server would keep them.
void check_competence_level(const Fields& f, const std::string& competence_id, int level) {
  if (!valid_self_assessment(competence_id, level)) {
    throw FieldError(f.path() + ": needs a DigComp competence (\"1.1\" … \"5.4\") and a level of 1 to 8");
  }
}

SelfAssessment read_self_assessment(const Fields& f, Instant now) {
  SelfAssessment assessment{f.text("competence_id"), f.integer("level"), now};
  check_competence_level(f, assessment.competence_id, assessment.level);
  return assessment;
}

CompetenceTarget read_competence_target(const Fields& f) {
  CompetenceTarget target{f.enumeration<Role>("role"), f.text("competence_id"), f.integer("level")};
  check_competence_level(f, target.competence_id, target.level);
  return target;
}

// The weekly plan in the file is a pattern, while bookings move with the import day; a day on
// which the demo person has a desk booked is made an office day so the demo never contradicts
// itself ("desk booked" next to "remote").
void plan_office_on_desk_days(DemoData& data) {
  std::set<Id, std::less<>> desks;
  for (const Resource& r : data.resources) {
    if (r.type == ResourceType::desk) desks.insert(r.id);
  }
  for (const Booking& booking : data.bookings) {
    if (!desks.contains(booking.resource_id)) continue;
    const Date day = local_date(booking.start);
    bool planned = false;
    for (Workday& w : data.workdays) {
      if (w.date != day || w.kind != WorkdayKind::planned) continue;
      w.mode = WorkMode::office;
      planned = true;
    }
    if (!planned) data.workdays.push_back(Workday{day, HalfDay::day, WorkMode::office, WorkdayKind::planned});
  }
}

DemoData read_root(const nlohmann::json& json, Date today) {
  const Fields root{json, ""};
  if (root.text("format") != kFormat) {
    throw FieldError(fmt::format("format: expected \"{}\", found \"{}\"", kFormat, root.text("format")));
  }
  DemoData data;
  const Fields organisation = root.object("organisation");
  data.organisation = {organisation.text("id"), organisation.text("name")};
  data.departments = read_list<Department>(root, "departments",
                                           [&](const Fields& f) { return read_department(f, data.organisation.id); });
  data.me = read_employee(root.object("me"));
  data.buildings = read_list<Building>(root, "buildings", read_building);
  data.resources = read_list<Resource>(root, "resources", read_resource);
  data.bookings = read_list<Booking>(root, "bookings", [&](const Fields& f) { return read_booking(f, data.me, today); });
  data.workdays = read_list<Workday>(root, "workdays", [&](const Fields& f) { return read_workday(f, today); });
  data.courses = read_list<Course>(root, "courses", [&](const Fields& f) { return read_course(f, today); });
  data.enrollments =
      read_list<Enrollment>(root, "enrollments", [&](const Fields& f) { return read_enrollment(f, data.me, today); });
  // The competence profile is optional: a file without it shows an empty profile.
  const Instant noon_today = date::sys_days{today} + std::chrono::hours{12};
  if (root.has("self_assessments")) {
    data.self_assessments = read_list<SelfAssessment>(
        root, "self_assessments", [&](const Fields& f) { return read_self_assessment(f, noon_today); });
  }
  if (root.has("competence_targets")) {
    data.competence_targets = read_list<CompetenceTarget>(root, "competence_targets", read_competence_target);
  }

  require_unique_ids(data.departments, "departments");
  require_unique_ids(data.buildings, "buildings");
  require_unique_ids(data.resources, "resources");
  require_unique_ids(data.bookings, "bookings");
  require_unique_ids(data.courses, "courses");
  require_unique_ids(data.enrollments, "enrollments");

  require_known(ids_of(data.departments), data.me.department_id, "me.department_id");
  require_known(ids_of(data.buildings), data.me.home_building_id, "me.home_building_id");
  std::set<std::string, std::less<>> floor_ids;
  for (const auto& building : data.buildings) {
    for (const auto& floor : building.floors) {
      if (!floor_ids.insert(floor.id).second) throw FieldError(fmt::format("floor id \"{}\" is used twice", floor.id));
    }
  }
  for (std::size_t i = 0; i < data.resources.size(); ++i) {
    require_known(floor_ids, data.resources[i].floor_id, item_path("resources", i) + ".floor_id");
  }
  const auto resource_ids = ids_of(data.resources);
  for (std::size_t i = 0; i < data.bookings.size(); ++i) {
    require_known(resource_ids, data.bookings[i].resource_id, item_path("bookings", i) + ".resource_id");
  }
  const auto course_ids = ids_of(data.courses);
  for (std::size_t i = 0; i < data.enrollments.size(); ++i) {
    require_known(course_ids, data.enrollments[i].course_id, item_path("enrollments", i) + ".course_id");
  }
  std::set<std::tuple<int, unsigned, unsigned, HalfDay, WorkdayKind>> workday_keys;
  for (std::size_t i = 0; i < data.workdays.size(); ++i) {
    const auto& w = data.workdays[i];
    const auto key = std::tuple{static_cast<int>(w.date.year()), static_cast<unsigned>(w.date.month()),
                                static_cast<unsigned>(w.date.day()), w.half, w.kind};
    if (!workday_keys.insert(key).second) throw FieldError(item_path("workdays", i) + ": the same day and half twice");
  }
  plan_office_on_desk_days(data);
  return data;
}

}  // namespace

Building read_building(const Fields& f) {
  Building building;
  building.id = f.text("id");
  building.name = f.text("name");
  building.address = f.text("address");
  building.floors = read_list<Floor>(f, "floors", [&](const Fields& floor_fields) {
    Floor floor;
    floor.id = floor_fields.text("id");
    floor.building_id = building.id;
    floor.name = floor_fields.text("name");
    floor.level = floor_fields.integer("level");
    floor.width_m = floor_fields.number("width_m");
    floor.height_m = floor_fields.number("height_m");
    if (floor.width_m <= 0 || floor.height_m <= 0) throw FieldError(floor_fields.path() + ": plan size must be positive");
    return floor;
  });
  return building;
}

Resource read_resource(const Fields& f) {
  Resource resource;
  resource.id = f.text("id");
  resource.type = f.enumeration<ResourceType>("type");
  resource.name = f.text("name");
  resource.floor_id = f.text("floor_id");
  resource.x = f.number("x");
  resource.y = f.number("y");
  resource.w = f.number("w");
  resource.h = f.number("h");
  if (resource.w <= 0 || resource.h <= 0) throw FieldError(f.path() + ": w and h must be positive");
  const auto& features = f.array("features");
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (!features[i].is_string()) {
      throw FieldError(fmt::format("{}: expected a string, found {}", item_path(f.child_path("features"), i),
                                   features[i].type_name()));
    }
    resource.features.push_back(features[i].get<std::string>());
  }
  resource.capacity = f.integer_or("capacity", 1);
  if (resource.capacity < 1) throw FieldError(f.child_path("capacity") + ": must be at least 1");
  resource.accessible = f.boolean_or("accessible", false);
  return resource;
}

Course read_course(const Fields& f, Date today) {
  Course course;
  course.id = f.text("id");
  course.title = f.text("title");
  course.description = f.optional_text("description").value_or("");
  course.competence_id = f.text("competence_id");
  const auto& c = course.competence_id;
  // DigComp 2.2 has areas 1–5 with 3 to 6 competences each; reject anything else.
  constexpr std::array<char, 5> kLastInArea{'3', '6', '4', '4', '4'};
  const bool valid = c.size() == 3 && c[0] >= '1' && c[0] <= '5' && c[1] == '.' && c[2] >= '1' &&
                     c[2] <= kLastInArea[static_cast<std::size_t>(c[0] - '1')];
  if (!valid) throw FieldError(fmt::format("{}: \"{}\" is not a DigComp 2.2 competence", f.child_path("competence_id"), c));
  course.level = f.integer("level");
  if (course.level < 1 || course.level > 8) throw FieldError(f.child_path("level") + ": must be 1..8");
  course.mandatory = f.boolean_or("mandatory", false);
  course.mandatory_roles = read_roles(f, "mandatory_roles");
  course.mandatory_departments = read_strings<Id>(f, "mandatory_departments", [](const std::string& id, const std::string&) { return id; });
  course.validity_months = f.integer_or("validity_months", 0);
  course.duration_minutes = f.integer_or("duration_minutes", 0);
  if (course.validity_months < 0 || course.duration_minutes < 0) throw FieldError(f.path() + ": negative duration");
  if (const auto format = f.optional_text("format")) {
    const auto parsed = parse_enum<CourseFormat>(*format);
    if (!parsed) throw FieldError(f.child_path("format") + ": must be e_learning, classroom or blended");
    course.format = *parsed;
  }
  course.language = f.optional_text("language").value_or("de");
  if (course.language.size() != 2) throw FieldError(f.child_path("language") + ": must be a two-letter code such as de");
  if (f.has("starts")) course.starts_on = resolve_date(f.object("starts"), today);
  course.place = f.optional_text("place").value_or("");
  if (f.has("complete_by")) course.complete_by = resolve_date(f.object("complete_by"), today);
  if (f.has("seats")) {
    course.seats = f.integer("seats");
    course.seats_left = f.integer_or("seats_left", *course.seats);
    if (*course.seats < 0 || *course.seats_left < 0 || *course.seats_left > *course.seats) {
      throw FieldError(f.child_path("seats_left") + ": must be 0..seats");
    }
  }
  if (const auto problem = audience_problem(course)) throw FieldError(fmt::format("{}.{}", f.path(), *problem));
  return course;
}

std::expected<DemoData, std::string> read_demo(const std::filesystem::path& file, Date today) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    return std::unexpected(fmt::format("demo data file not found: {}", file.string()));
  }
  std::ifstream stream{file, std::ios::binary};
  if (!stream) return std::unexpected(fmt::format("cannot read demo data file {}", file.string()));
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(stream);
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(fmt::format("demo data {} is not valid JSON: {}", file.string(), e.what()));
  }
  try {
    return read_root(json, today);
  } catch (const Error& e) {  // FieldError, or a missing time zone database
    return std::unexpected(fmt::format("demo data {}: {}", file.string(), e.what()));
  }
}

}  // namespace stellwerk::store::demo
