// Reading the server's JSON through the wire types (core/wire) and applying one pulled entity to
// the store. Reading is strict and complete before anything is written, so a malformed answer
// changes nothing in the store.
#include <algorithm>
#include <climits>

#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::sync::detail {
namespace codec = store::codec;

namespace {

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

SlotTimes slot_from(const wire::Slot& slot, std::string_view path) {
  const auto start = codec::parse_wall_time(slot.start);
  const auto end = codec::parse_wall_time(slot.end);
  if (!start || !end) throw codec::FieldError(fmt::format("{}: expected HH:MM times", path));
  return SlotTimes{*start, *end};
}

Building building_from(const wire::Building& w) {
  Building building{w.id, w.name, w.address, {}};
  for (const wire::Floor& f : w.floors) {
    if (f.width_m <= 0 || f.height_m <= 0) throw codec::FieldError("building.floors: plan size must be positive");
    building.floors.push_back(Floor{f.id, w.id, f.name, f.level, f.width_m, f.height_m, f.drawing.value_or("")});
  }
  return building;
}


// A record as the server keeps it: HH:MM times within the day, an end after the start.
WorkTime work_time_from(const wire::WorkTime& w, std::string_view path) {
  const auto start = parse_clock_time(w.start);
  const auto end = parse_clock_time(w.end);
  if (!start || !end || *end <= *start || w.break_minutes < 0) {
    throw codec::FieldError(fmt::format("{}.data: not a working time of one day", path));
  }
  return WorkTime{w.date, *start, *end, w.break_minutes};
}

// A level of 1..8 in a DigComp competence: anything else cannot be shown or stored.
void check_competence_level(std::string_view competence_id, int level, std::string_view path) {
  if (!valid_self_assessment(competence_id, level)) {
    throw codec::FieldError(fmt::format("{}.data: not a DigComp competence with a level of 1 to 8", path));
  }
}

// Decodes the feed entry's data as T.
template <typename T>
T data_as(const wire::Change& change, std::string_view path) {
  if (!change.data) throw codec::FieldError(fmt::format("{}.data: missing", path));
  return decode_as<T>(*change.data, fmt::format("{}.data", path));
}

}  // namespace

Json parse_json(std::string_view body) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) throw codec::FieldError("the answer is not JSON");
  return json;
}

// The feed always sends a resource's place on the plan, though the document lets other answers
// leave it out.
Resource resource_from(const wire::Resource& w) {
  if (!w.x || !w.y || !w.w || !w.h || !w.features) throw codec::FieldError("resource: its place on the plan is missing");
  if (*w.w <= 0 || *w.h <= 0) throw codec::FieldError("resource: w and h must be positive");
  const int capacity = w.capacity.value_or(1);
  if (capacity < 1) throw codec::FieldError("resource.capacity: must be at least 1");
  std::optional<PlaceClosure> closure;
  if (w.closure) {
    if (w.closure->until < w.closure->from) throw codec::FieldError("resource.closure: until is before from");
    closure = PlaceClosure{w.closure->from, w.closure->until, w.closure->reason};
  }
  return Resource{w.id, w.type, w.name, w.floor_id, *w.x, *w.y, *w.w, *w.h, *w.features, capacity,
                  w.accessible.value_or(false), std::move(closure)};
}

Course course_from(const wire::Course& w) {
  // seats_left comes with seats and lies between 0 and them; the language is a two-letter code.
  if (w.seats.has_value() != w.seats_left.has_value() || w.seats.value_or(0) < 0 || w.seats_left.value_or(0) < 0 ||
      w.seats_left.value_or(0) > w.seats.value_or(INT_MAX)) {
    throw codec::FieldError("course.seats_left: must be given with seats and lie between 0 and them");
  }
  if (w.language.size() != 2 || !std::ranges::all_of(w.language, [](char c) { return c >= 'a' && c <= 'z'; })) {
    throw codec::FieldError("course.language: must be a two-letter code such as \"de\"");
  }
  Course course{w.id,       w.title,    w.description, w.competence_id, w.level,   w.mandatory,
                w.mandatory_roles, w.mandatory_departments,
                w.validity_months, w.duration_minutes, w.format,   w.language,   w.starts_on, w.place,
                w.seats,    w.seats_left};
  course.complete_by = w.complete_by;
  if (const auto problem = audience_problem(course)) throw codec::FieldError("course." + *problem);
  return course;
}

Booking booking_from(const wire::Booking& w, const Id& employee_id) {
  if (w.end <= w.start) throw codec::FieldError("booking: ends before it starts");
  return Booking{w.id, w.resource_id, employee_id, w.start, w.end, w.state, w.release_at};
}

Enrollment enrollment_from(const wire::Enrollment& w, const Id& employee_id) {
  std::optional<Certificate> certificate;
  if (w.certificate) certificate = Certificate{w.certificate->text, w.certificate->signature};
  return Enrollment{w.id, w.course_id, employee_id, w.state, w.due_on, w.completed_on, w.valid_until, certificate};
}

Workday workday_from(const wire::Workday& w) { return Workday{w.date, w.half, w.mode, w.kind}; }

DepartmentPolicy policy_from(const wire::Policy& w) {
  DepartmentPolicy p;
  p.days_ahead = w.days_ahead;
  p.max_upcoming = w.max_upcoming;
  p.bookable_weekdays.fill(false);
  for (const int day : w.bookable_weekdays) {
    if (day < 1 || day > 7) throw codec::FieldError("policy.bookable_weekdays: expected ISO weekdays 1..7");
    p.bookable_weekdays[static_cast<std::size_t>(day - 1)] = true;
  }
  p.day = slot_from(w.slots.day, "policy.slots.day");
  p.am = slot_from(w.slots.am, "policy.slots.am");
  p.pm = slot_from(w.slots.pm, "policy.slots.pm");
  p.check_in_opens_minutes_before = w.check_in.opens_minutes_before;
  p.check_in_closes_minutes_after = w.check_in.closes_minutes_after;
  p.remote_share_percent = w.remote_share.max_percent;
  p.over_quota = w.remote_share.over_quota;
  p.accessible_hold_hours = w.accessible_hold_hours;
  p.retention_days = w.retention_days;
  return p;
}

Employee employee_from(const wire::User& w) {
  Employee e;
  e.id = w.id;
  e.username = w.username;
  e.display_name = w.display_name;
  e.department_id = w.department_id;
  e.home_building_id = w.home_building_id;
  e.manager_id = w.manager_id;
  e.roles = w.roles;
  e.needs_accessible_desk = w.needs_accessible_desk;
  e.presence_opt_in = w.presence_sharing.value_or(false);
  return e;
}

// Reads one feed entry completely. Throws codec::FieldError.
FeedChange feed_change_from(const wire::Change& change, const Id& me, std::string_view path) {
  FeedChange c;
  c.entity = change.entity;
  c.id = change.id;
  c.remove = change.op == wire::ChangeOp::delete_;
  if (c.entity == wire::ChangeEntity::workday) {
    const Workday key = workday_from_id(c.id);
    c.date = key.date;
    c.record = key;
  } else if (c.entity == wire::ChangeEntity::work_time) {
    c.date = parse_date(c.id);
    if (!c.date) throw codec::FieldError(fmt::format("{}.id: expected DATE", path));
  } else if (c.entity == wire::ChangeEntity::closure) {
    const auto slash = c.id.rfind('/');
    if (slash == std::string::npos) throw codec::FieldError(fmt::format("{}.id: expected BUILDING/DATE", path));
    c.resource_or_building = c.id.substr(0, slash);
    c.date = parse_date(std::string_view(c.id).substr(slash + 1));
    if (!c.date) throw codec::FieldError(fmt::format("{}.id: expected BUILDING/DATE", path));
  }
  if (c.remove) return c;

  switch (c.entity) {
    case wire::ChangeEntity::building: c.record = building_from(data_as<wire::Building>(change, path)); break;
    case wire::ChangeEntity::resource: c.record = resource_from(data_as<wire::Resource>(change, path)); break;
    case wire::ChangeEntity::course: c.record = course_from(data_as<wire::Course>(change, path)); break;
    case wire::ChangeEntity::booking: c.record = booking_from(data_as<wire::Booking>(change, path), me); break;
    case wire::ChangeEntity::workday: c.record = workday_from(data_as<wire::Workday>(change, path)); break;
    case wire::ChangeEntity::enrollment:
      c.record = enrollment_from(data_as<wire::Enrollment>(change, path), me);
      break;
    case wire::ChangeEntity::favourite: {
      const auto favourite = data_as<wire::Favourite>(change, path);
      c.record = Favourite{favourite.resource_id, favourite.usual, favourite.added_at};
      break;
    }
    case wire::ChangeEntity::policy: c.record = policy_from(data_as<wire::Policy>(change, path)); break;
    case wire::ChangeEntity::self_assessment: {
      const auto assessment = data_as<wire::SelfAssessment>(change, path);
      check_competence_level(assessment.competence_id, assessment.level, path);
      c.record = SelfAssessment{assessment.competence_id, assessment.level, assessment.assessed_at};
      break;
    }
    case wire::ChangeEntity::competence_target: {
      const auto target = data_as<wire::CompetenceTarget>(change, path);
      check_competence_level(target.competence_id, target.level, path);
      c.record = CompetenceTarget{target.role, target.competence_id, target.level};
      break;
    }
    case wire::ChangeEntity::work_time: c.record = work_time_from(data_as<wire::WorkTime>(change, path), path); break;
    case wire::ChangeEntity::occupancy: {
      const auto occupancy = data_as<wire::Occupancy>(change, path);
      c.resource_or_building = occupancy.resource_id;
      c.start = occupancy.start;
      c.end = occupancy.end;
      break;
    }
    case wire::ChangeEntity::closure:
      c.reason = data_as<wire::Closure>(change, path).reason;
      break;
    case wire::ChangeEntity::COUNT: break;
  }
  return c;
}

// The department's policy from the feed: the person's own department only, the one cached.
void apply_policy(store::LocalStore& store, const FeedChange& c) {
  if (c.remove) return;
  const auto me = store.me();
  if (!me || me->department_id != c.id) return;
  auto department = store.department(c.id);
  if (!department) return;
  department->policy = std::get<DepartmentPolicy>(c.record);
  store.set_me(*me, *department);
}

// One case per entity; each is two lines.
void apply_feed_change(store::LocalStore& store, const FeedChange& c, const std::set<std::string>& pending) {
  using Entity = wire::ChangeEntity;
  switch (c.entity) {
    case Entity::booking:
      if (pending.contains(store::booking_key(c.id))) return;
      if (c.remove) store.remove_booking(c.id);
      else store.upsert_booking(std::get<Booking>(c.record));
      return;
    case Entity::workday: {
      const auto& w = std::get<Workday>(c.record);
      if (pending.contains(store::workday_key(w.date, w.kind))) return;
      if (c.remove) store.remove_workday(w.date, w.half, w.kind);
      else store.upsert_workday(w);
      return;
    }
    case Entity::enrollment:
      if (pending.contains(store::enrollment_key(c.id))) return;
      if (c.remove) store.remove_enrollment(c.id);
      else store.upsert_enrollment(std::get<Enrollment>(c.record));
      return;
    case Entity::favourite:
      if (pending.contains(store::favourite_key(c.id))) return;
      if (c.remove) store.remove_favourite(c.id);
      else store.upsert_favourite(std::get<Favourite>(c.record));
      return;
    case Entity::building:
      if (c.remove) store.remove_building(c.id);
      else store.upsert_building(std::get<Building>(c.record));
      return;
    case Entity::resource:
      // A facility admin's edit still queued stays as they left it, unless a full copy has just
      // cleared the place: then the server's version shows until the edit is sent.
      if (pending.contains(store::resource_key(c.id)) && store.resource(c.id)) return;
      if (c.remove) store.remove_resource(c.id);
      else store.upsert_resource(std::get<Resource>(c.record));
      return;
    case Entity::course:
      if (c.remove) store.remove_course(c.id);
      else store.upsert_course(std::get<Course>(c.record));
      return;
    case Entity::occupancy:
      if (c.remove) store.remove_occupancy(c.id);
      else store.upsert_occupancy(c.id, c.resource_or_building, c.start, c.end);
      return;
    case Entity::closure:
      if (c.remove) store.remove_closure(c.resource_or_building, *c.date);
      else store.upsert_closure(c.resource_or_building, *c.date, c.reason);
      return;
    case Entity::policy: apply_policy(store, c); return;
    case Entity::self_assessment:
      if (pending.contains(store::self_assessment_key(c.id))) return;
      if (c.remove) store.remove_self_assessment(c.id);
      else store.upsert_self_assessment(std::get<SelfAssessment>(c.record));
      return;
    case Entity::competence_target:
      if (c.remove) store.remove_competence_target(c.id);
      else store.upsert_competence_target(std::get<CompetenceTarget>(c.record));
      return;
    case Entity::work_time:
      if (pending.contains(store::work_time_key(*c.date))) return;
      if (c.remove) store.remove_work_time(*c.date);
      else store.upsert_work_time(std::get<WorkTime>(c.record));
      return;
    case Entity::COUNT: return;
  }
}

}  // namespace stellwerk::sync::detail
