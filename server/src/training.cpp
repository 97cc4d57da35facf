// Training: the course catalogue (DigComp 2.2), enrolments, and signed certificates.
//
// Rules:
// - A course with seats takes as many open enrolments as it has seats; one more is refused (409
//   course_full). Every enrolment or withdrawal in such a course tells everyone its seats left
//   through the changes feed (a course record, no person in it).
// - One enrolment per person and course. Enrolling again is refused while the course is open
//   (409 already_enrolled) or completed with a certificate that is still valid (409
//   already_completed). Once a certificate has expired (a mandatory course must be repeated
//   every validity_months), the person may enrol again: the old enrolment is replaced by a new
//   one with a new id, so every certificate id ever issued names exactly one certificate.
// - Enrolment in an optional course closes once its date has passed (409 course_started), and a
//   full course takes nobody more (409 course_full): core's enrolment_refusal.
// - A course is mandatory for everyone or for some roles or departments (core's mandatory_for);
//   for the people it is mandatory for it is due 30 days after enrolment (Berlin date), for
//   everyone else it is an optional course.
// - Completing issues a certificate: a plain UTF-8 statement, deterministic for the same data,
//   signed with the server's Ed25519 key. The text is what is signed, byte for byte, so anyone
//   can check it with `openssl pkeyutl -verify -rawin` and the public key from
//   GET /api/v1/certificates/public-key, without trusting this server or its database.
// - Withdrawing deletes an open enrolment of a course that is not mandatory for the person (core's
//   withdrawal_refusal); the seat is free again and the person may enrol later.
// - Enrolments are private: a person only ever sees, enrols and completes their own; someone
//   else's enrolment id answers 404 as if it did not exist. A manager sees the mandatory courses
//   of their team as counts only (team_trainings).
#include <fmt/format.h>

#include <array>
#include <chrono>

#include "changes.hpp"
#include "crypto.hpp"
#include "messages.hpp"
#include "routes.hpp"
#include "server.hpp"
#include "training.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/core/team_presence.hpp"

namespace stellwerk::server {
namespace {

constexpr std::string_view kIssuer = "Stadt Musterstadt – Stellwerk";

// The caller as core's course rules see them: roles and department.
Learner learner_of(const Principal& caller) { return Learner{caller.roles, caller.department_id}; }

Instant from_unix_seconds(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

std::optional<Date> stored_date(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const auto day = parse_date(*text);
  if (!day) throw StorageError(fmt::format("impossible date {} in enrollments", *text));
  return day;
}

// `months` calendar months after `day`; a day the target month lacks becomes its last day
// (31 January + 1 month = 28 February).
// The last column counts the seats left: the seats minus the open enrolments (NULL: no limit).
constexpr std::string_view kCourseColumns =
    "id, title, description, competence_id, level, mandatory, validity_months, duration_minutes, format, language, "
    "starts_on, place, seats, CASE WHEN seats IS NULL THEN NULL ELSE seats - (SELECT count(*) FROM enrollments e "
    "WHERE e.course_id = courses.id AND e.state = 'enrolled') END, mandatory_roles, mandatory_departments, complete_by";

std::optional<int> optional_integer(const sql::Statement& row, int column) {
  return row.is_null(column) ? std::nullopt : std::optional<int>{row.integer(column)};
}

Course read_course(const sql::Statement& row) {
  Course c{.id = row.text(0), .title = row.text(1), .description = row.text(2), .competence_id = row.text(3),
           .level = row.integer(4), .mandatory = row.integer(5) != 0, .mandatory_roles = parse_roles(row.text(14)),
           .mandatory_departments = comma_split(row.text(15)), .validity_months = row.integer(6),
           .duration_minutes = row.integer(7)};
  const auto format = parse_enum<CourseFormat>(row.text(8));
  if (!format) throw StorageError(fmt::format("unknown format {} of course {}", row.text(8), c.id));
  c.format = *format;
  c.language = row.text(9);
  if (const auto starts = row.optional_text(10)) {
    c.starts_on = parse_date(*starts);
    if (!c.starts_on) throw StorageError(fmt::format("impossible date {} of course {}", *starts, c.id));
  }
  if (const auto by = row.optional_text(16)) {
    c.complete_by = parse_date(*by);
    if (!c.complete_by) throw StorageError(fmt::format("impossible date {} of course {}", *by, c.id));
  }
  c.place = row.text(11);
  c.seats = optional_integer(row, 12);
  if (c.seats) c.seats_left = std::max(0, optional_integer(row, 13).value_or(0));
  // A role this build does not know would drop out of the list, and an emptied list would make the
  // course mandatory for everyone: better no answer than a wrong one.
  if (c.mandatory_roles.size() != comma_split(row.text(14)).size()) {
    throw StorageError(fmt::format("unknown role in {} of course {}", row.text(14), c.id));
  }
  if (const auto problem = audience_problem(c)) throw StorageError(fmt::format("course {}: {}", c.id, *problem));
  return c;
}

// A course with seats tells everyone how many are left after an enrolment came or went.
void record_seats(sql::Connection& db, const Id& course_id, Instant now) {
  const auto course = find_course(db, course_id);
  if (!course || !course->seats) return;
  record_change(db, "course", course->id, ChangeOp::upsert, wire::encode(wire_course(*course)), Audience{}, now);
}

// An enrolment as stored, with its certificate when completed.
struct EnrollmentRow {
  Id id;
  Id course_id;
  std::string state;
  Instant enrolled_at;
  std::optional<std::string> due_on;
  std::optional<std::string> completed_on;
  std::optional<std::string> valid_until;
  std::optional<std::string> certificate;
  std::optional<std::string> signature;
};

constexpr std::string_view kEnrollmentColumns =
    "id, course_id, state, enrolled_at, due_on, completed_on, valid_until, certificate, signature";

EnrollmentRow read_enrollment(const sql::Statement& row) {
  return EnrollmentRow{
      row.text(0),          row.text(1),          row.text(2),          from_unix_seconds(row.int64(3)),
      row.optional_text(4), row.optional_text(5), row.optional_text(6), row.optional_text(7),
      row.optional_text(8)};
}

// A stored enrolment as core's rules read it.
Enrollment to_enrollment(const EnrollmentRow& row) {
  const auto state = parse_enum<EnrollmentState>(row.state);
  if (!state) throw StorageError(fmt::format("unknown state {} of enrolment {}", row.state, row.id));
  Enrollment e{.id = row.id, .course_id = row.course_id, .employee_id = {}, .state = *state,
               .due_on = stored_date(row.due_on), .completed_on = stored_date(row.completed_on),
               .valid_until = stored_date(row.valid_until)};
  if (row.certificate && row.signature) e.certificate = Certificate{*row.certificate, *row.signature};
  return e;
}

// The person's enrolment whose `column` (id or course_id) is `value`: nobody finds another's.
std::optional<EnrollmentRow> find_enrollment(sql::Connection& db, const Id& employee, std::string_view column,
                                             const Id& value) {
  sql::Statement row{
      db, fmt::format("SELECT {} FROM enrollments WHERE employee_id = ? AND {} = ?", kEnrollmentColumns, column)};
  row.bind_all(employee, value);
  if (!row.step()) return std::nullopt;
  return read_enrollment(row);
}

Json enrollment_json(const EnrollmentRow& e) {
  const auto state = parse_enum<EnrollmentState>(e.state);
  if (!state) throw StorageError(fmt::format("unknown state {} of enrolment {}", e.state, e.id));
  std::optional<wire::Certificate> certificate;
  if (e.certificate && e.signature) certificate = wire::Certificate{*e.certificate, *e.signature};
  return wire::encode(wire::Enrollment{e.id, e.course_id, *state, e.enrolled_at, stored_date(e.due_on),
                                       stored_date(e.completed_on), stored_date(e.valid_until), certificate});
}

void record_enrollment(sql::Connection& db, const Id& employee, const EnrollmentRow& e, Instant now) {
  record_change(db, "enrollment", e.id, ChangeOp::upsert, enrollment_json(e), Audience{employee, std::nullopt}, now);
}

// The signed statement. Fixed line order and labels, no locale-dependent formatting: the same
// completion always gives the same bytes.
std::string certificate_text(const EnrollmentRow& e, const Id& employee_id, const std::string& employee_display_name,
                             const Course& course) {
  const DigCompCompetence* competence = find_competence(course.competence_id);
  const std::string competence_title = competence != nullptr ? std::string{competence->title_en} : std::string{};
  return fmt::format(
      "Teilnahmebescheinigung / Certificate of completion\n"
      "Aussteller / Issuer: {}\n"
      "Zertifikat / Certificate: {}\n"
      "Beschäftigte Person / Employee: {} ({})\n"
      "Kurs / Course: {} ({})\n"
      "DigComp 2.2: {} {}, Stufe / level {}\n"
      "Abgeschlossen am / Completed on: {}\n"
      "Gültig bis / Valid until: {}\n",
      kIssuer, e.id, employee_display_name, employee_id, course.title, course.id, course.competence_id, competence_title,
      course.level, e.completed_on.value_or(""), e.valid_until.value_or("unbefristet / no expiry"));
}

Reply list_courses(Call& call) {
  return call.db.read([](sql::Connection& db) {
    Json courses = Json::array();
    sql::Statement rows{db, fmt::format("SELECT {} FROM courses ORDER BY sort_order, id", kCourseColumns)};
    while (rows.step()) courses.push_back(wire::encode(wire_course(read_course(rows))));
    return Reply{200, std::move(courses)};
  });
}

Reply list_enrollments(Call& call) {
  const Id me = call.me().employee_id;
  return call.db.read([&](sql::Connection& db) {
    Json enrollments = Json::array();
    sql::Statement rows{db, fmt::format("SELECT {} FROM enrollments WHERE employee_id = ? ORDER BY enrolled_at, rowid",
                                        kEnrollmentColumns)};
    rows.bind_all(me);
    while (rows.step()) enrollments.push_back(enrollment_json(read_enrollment(rows)));
    return Reply{200, std::move(enrollments)};
  });
}

Reply enroll(Call& call) {
  const Id course_id = call.body_as<wire::EnrollmentRequest>().course_id;
  const Id me = call.me().employee_id;
  const Instant now = call.clock.now();
  const Date today = local_date(now);
  return call.write([&](sql::Connection& db) {
    const auto course = find_course(db, course_id);
    if (!course) fail(404, Refusal::course_not_found);
    if (const auto previous = find_enrollment(db, me, "course_id", course_id)) {
      if (previous->state != "completed") fail(409, Refusal::already_enrolled);
      // core's one rule for how long a completion counts, as for Home and the manager's counts.
      const auto until = completion_valid_until(to_enrollment(*previous), *course);
      const bool expired = until && training_expired(*until, today);
      if (!expired) fail(409, Refusal::already_completed);
      sql::Statement{db, "DELETE FROM enrollments WHERE id = ?"}.bind_all(previous->id).run();
      record_change(db, "enrollment", previous->id, ChangeOp::remove, Json{}, Audience{me, std::nullopt}, now);
    }
    // After the checks above: someone already enrolled or certified hears that, not "full".
    const Learner learner = learner_of(call.me());
    if (const auto refusal = enrolment_refusal(*course, learner, today)) fail(409, *refusal);
    EnrollmentRow e;
    e.id = crypto::random_id("enr");
    e.course_id = course->id;
    e.state = "enrolled";
    e.enrolled_at = now;
    if (const auto due = enrolment_due_on(*course, learner, today)) e.due_on = format_date(*due);
    sql::Statement{db,
                   "INSERT INTO enrollments (id, course_id, employee_id, state, enrolled_at, due_on) "
                   "VALUES (?, ?, ?, ?, ?, ?)"}
        .bind_all(e.id, e.course_id, me, e.state, unix_seconds(now), e.due_on)
        .run();
    record_enrollment(db, me, e, now);
    record_seats(db, course->id, now);
    return Reply{201, enrollment_json(e)};
  });
}

Reply complete(Call& call) {
  const Id enrollment_id = call.param(0);
  const Id me = call.me().employee_id;
  const Instant now = call.clock.now();
  const CertificateSigner& signer = *call.context.signer;
  return call.write([&](sql::Connection& db) {
    auto e = find_enrollment(db, me, "id", enrollment_id);
    if (!e) fail(404, Refusal::enrollment_not_found);
    if (e->state == "completed") fail(409, Refusal::already_completed);
    const auto course = find_course(db, e->course_id);
    if (!course) throw StorageError(fmt::format("enrolment {} names the missing course {}", e->id, e->course_id));
    sql::Statement name{db, "SELECT display_name FROM employees WHERE id = ?"};
    name.bind_all(me);
    if (!name.step()) throw StorageError(fmt::format("employee {} is missing", me));

    const Date today = local_date(now);
    e->state = "completed";
    e->completed_on = format_date(today);
    if (const auto until = training_valid_until(today, course->validity_months)) e->valid_until = format_date(*until);
    e->certificate = certificate_text(*e, me, name.text(0), *course);
    e->signature = crypto::base64(signer.sign(*e->certificate));
    sql::Statement{db,
                   "UPDATE enrollments SET state = ?, completed_on = ?, valid_until = ?, certificate = ?, "
                   "signature = ? WHERE id = ?"}
        .bind_all(e->state, e->completed_on, e->valid_until, e->certificate, e->signature, e->id)
        .run();
    record_enrollment(db, me, *e, now);
    record_seats(db, course->id, now);  // a completed enrolment no longer holds a seat
    return Reply{200, enrollment_json(*e)};
  });
}

Reply withdraw(Call& call) {
  const Id enrollment_id = call.param(0);
  const Id me = call.me().employee_id;
  const Instant now = call.clock.now();
  return call.write([&](sql::Connection& db) {
    const auto e = find_enrollment(db, me, "id", enrollment_id);
    if (!e) fail(404, Refusal::enrollment_not_found);
    const auto course = find_course(db, e->course_id);
    if (!course) throw StorageError(fmt::format("enrolment {} names the missing course {}", e->id, e->course_id));
    const auto state = parse_enum<EnrollmentState>(e->state);
    if (!state) throw StorageError(fmt::format("unknown state {} of enrolment {}", e->state, e->id));
    if (const auto refusal = withdrawal_refusal(*course, learner_of(call.me()), *state)) fail(409, *refusal);
    sql::Statement{db, "DELETE FROM enrollments WHERE id = ?"}.bind_all(e->id).run();
    record_change(db, "enrollment", e->id, ChangeOp::remove, Json{}, Audience{me, std::nullopt}, now);
    record_seats(db, course->id, now);
    return Reply{204, Json{}};
  });
}

// GET /api/v1/team/trainings, managers: each mandatory course with how many of the people who
// report to the caller and must take it (core's mandatory_for) stand where (core's
// mandatory_standing), never who and never a ranking. A team too small for counts that single
// nobody out (core's reports_large_enough) gets 403 team_too_small; a course mandatory for too few
// of the team is left out for the same reason.
Reply team_trainings(Call& call) {
  if (!call.me().has(Role::manager)) fail(403, Refusal::forbidden);
  const Id me = call.me().employee_id;
  const Date today = local_date(call.clock.now());
  return call.db.read([&](sql::Connection& db) {
    Json list = Json::array();
    sql::Statement size{db, "SELECT count(*) FROM employees WHERE manager_id = ?"};
    size.bind_all(me);
    size.step();
    const int team_size = size.integer(0);
    if (!reports_large_enough(team_size)) fail(403, Refusal::team_too_small);
    sql::Statement courses{db, fmt::format("SELECT {} FROM courses WHERE mandatory = 1 ORDER BY sort_order, id",
                                           kCourseColumns)};
    sql::Statement people{db,
                          "SELECT e.state, e.due_on, e.completed_on, e.valid_until, e.certificate, e.signature, "
                          "p.roles, p.department_id FROM employees p "
                          "LEFT JOIN enrollments e ON e.employee_id = p.id AND e.course_id = ? WHERE p.manager_id = ?"};
    while (courses.step()) {
      const Course course = read_course(courses);
      std::array<int, static_cast<std::size_t>(MandatoryStanding::COUNT)> counts{};
      int counted = 0;  // the people of the team the course is mandatory for
      people.reset();
      people.bind_all(course.id, me);
      while (people.step()) {
        const std::vector<Role> roles = parse_roles(people.text(6));
        if (!mandatory_for(course, Learner{roles, people.text(7)})) continue;
        ++counted;
        std::optional<Enrollment> enrollment;
        if (const auto state = people.optional_text(0)) {
          const auto parsed = parse_enum<EnrollmentState>(*state);
          if (!parsed) throw StorageError(fmt::format("unknown state {} of an enrolment in {}", *state, course.id));
          enrollment = Enrollment{.id = {}, .course_id = course.id, .employee_id = {}, .state = *parsed,
                                  .due_on = stored_date(people.optional_text(1)),
                                  .completed_on = stored_date(people.optional_text(2)),
                                  .valid_until = stored_date(people.optional_text(3))};
          // A stored completion without valid_until never expires: its certificate says so.
          const auto text = people.optional_text(4);
          const auto signature = people.optional_text(5);
          if (text && signature) enrollment->certificate = Certificate{*text, *signature};
        }
        ++counts[static_cast<std::size_t>(mandatory_standing(course, enrollment ? &*enrollment : nullptr, today))];
      }
      // A course mandatory for too few of the team would single them out (as a small team would).
      if (!reports_large_enough(counted)) continue;
      const auto count = [&](MandatoryStanding standing) { return counts[static_cast<std::size_t>(standing)]; };
      list.push_back(wire::encode(wire::TeamTraining{course.id, course.title, counted,
                                                     count(MandatoryStanding::completed),
                                                     count(MandatoryStanding::open),
                                                     count(MandatoryStanding::overdue),
                                                     count(MandatoryStanding::expired),
                                                     count(MandatoryStanding::not_enrolled)}));
    }
    return Reply{200, std::move(list)};
  });
}

Reply public_key(Call& call) { return Reply::plain(call.context.signer->public_key_pem(), "text/plain"); }

}  // namespace

std::optional<Course> find_course(sql::Connection& db, const Id& id) {
  sql::Statement row{db, fmt::format("SELECT {} FROM courses WHERE id = ?", kCourseColumns)};
  row.bind_all(id);
  if (!row.step()) return std::nullopt;
  return read_course(row);
}

void write_course(sql::Connection& db, const Course& c, Instant now) {
  const auto date_text = [](const std::optional<Date>& day) {
    return day ? std::optional<std::string>{format_date(*day)} : std::nullopt;
  };
  // A new course goes to the end of the catalogue; a changed one keeps its place.
  sql::Statement{db,
                 "INSERT INTO courses (id, title, description, competence_id, level, mandatory, validity_months, "
                 "duration_minutes, sort_order, format, language, starts_on, place, seats, mandatory_roles, "
                 "mandatory_departments, complete_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                 "(SELECT COALESCE(MAX(sort_order) + 1, 0) FROM courses), ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description, "
                 "competence_id = excluded.competence_id, level = excluded.level, mandatory = excluded.mandatory, "
                 "validity_months = excluded.validity_months, duration_minutes = excluded.duration_minutes, "
                 "format = excluded.format, language = excluded.language, starts_on = excluded.starts_on, "
                 "place = excluded.place, seats = excluded.seats, mandatory_roles = excluded.mandatory_roles, "
                 "mandatory_departments = excluded.mandatory_departments, complete_by = excluded.complete_by"}
      .bind_all(c.id, c.title, c.description, c.competence_id, c.level, c.mandatory, c.validity_months,
                c.duration_minutes, to_string(c.format), c.language, date_text(c.starts_on), c.place, c.seats,
                roles_text(c.mandatory_roles), comma_joined(c.mandatory_departments), date_text(c.complete_by))
      .run();
  // Read back for the feed: the seats left count the enrolments there are.
  record_change(db, "course", c.id, ChangeOp::upsert, wire::encode(wire_course(*find_course(db, c.id))), Audience{},
                now);
}

wire::Course wire_course(const Course& c) {
  return wire::Course{c.id,
                      c.title,
                      c.description,
                      c.competence_id,
                      c.level,
                      c.mandatory,
                      c.mandatory_roles,
                      c.mandatory_departments,
                      c.complete_by,
                      c.validity_months,
                      c.duration_minutes,
                      c.format,
                      c.language,
                      c.starts_on,
                      c.place,
                      c.seats,
                      c.seats_left};
}

std::vector<Route> training_routes() {
  return {
      Route{"GET", "/api/v1/courses", Auth::employee, list_courses},
      Route{"GET", "/api/v1/enrollments", Auth::employee, list_enrollments},
      Route{"POST", "/api/v1/enrollments", Auth::employee, enroll},
      Route{"DELETE", "/api/v1/enrollments/{id}", Auth::employee, withdraw},
      Route{"POST", "/api/v1/enrollments/{id}/completion", Auth::employee, complete},
      Route{"GET", "/api/v1/certificates/public-key", Auth::none, public_key},
      Route{"GET", "/api/v1/team/trainings", Auth::employee, team_trainings},
  };
}

}  // namespace stellwerk::server
