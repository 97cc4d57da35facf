// TrainingCache: courses and the person's enrolments (see training_cache.hpp).
#include <fmt/format.h>

#include "codec.hpp"
#include "stellwerk/sync/store/training_cache.hpp"
#include "store_database.hpp"
#include "store_rows.hpp"

namespace stellwerk::store {
namespace {

using sql::Statement;
using sql::Transaction;

}  // namespace

std::vector<Course> TrainingCache::courses() const {
  std::vector<Course> courses;
  Statement s{db_->connection,
              "SELECT id, title, description, competence_id, level, mandatory, validity_months, duration_minutes, "
              "format, language, starts_on, place, seats, seats_left, mandatory_roles, mandatory_departments, "
              "complete_by "
              "FROM courses ORDER BY competence_id, title, id"};
  const auto optional_int = [&](int column) {
    return s.is_null(column) ? std::nullopt : std::optional<int>{s.integer(column)};
  };
  while (s.step()) {
    Course c{.id = s.text(0), .title = s.text(1), .description = s.text(2), .competence_id = s.text(3),
             .level = s.integer(4), .mandatory = s.int64(5) != 0, .mandatory_roles = parse_roles(s.text(14)),
             .mandatory_departments = comma_split(s.text(15)), .validity_months = s.integer(6),
             .duration_minutes = s.integer(7)};
    // A value this version does not know reads as the default, never as an error: the cache is
    // only a copy of the server's data.
    c.format = parse_enum<CourseFormat>(s.text(8)).value_or(CourseFormat::e_learning);
    c.language = s.text(9);
    c.starts_on = rows::stored_date(s, 10);
    c.place = s.text(11);
    c.seats = optional_int(12);
    c.seats_left = optional_int(13);
    c.complete_by = rows::stored_date(s, 16);
    courses.push_back(std::move(c));
  }
  return courses;
}

std::vector<Enrollment> TrainingCache::my_enrollments() const {
  std::vector<Enrollment> enrollments;
  Statement s{db_->connection,
              "SELECT id, course_id, employee_id, state, due_on, completed_on, valid_until, certificate_text, "
              "certificate_signature FROM enrollments "
              "WHERE employee_id = coalesce((SELECT employee_id FROM me), '') ORDER BY due_on IS NULL, due_on, id"};
  while (s.step()) {
    std::optional<Certificate> certificate;
    if (!s.is_null(7) && !s.is_null(8)) certificate = Certificate{s.text(7), s.text(8)};
    enrollments.push_back({s.text(0), s.text(1), s.text(2), rows::stored_enum<EnrollmentState>(s, 3),
                           rows::stored_date(s, 4), rows::stored_date(s, 5), rows::stored_date(s, 6),
                           std::move(certificate)});
  }
  return enrollments;
}

void TrainingCache::upsert_course(const Course& course) {
  Transaction transaction{db_->connection, Transaction::Kind::immediate};
  rows::write_course(db_->connection, course);
  transaction.commit();
}

void TrainingCache::upsert_enrollment(const Enrollment& enrollment) {
  Transaction transaction{db_->connection, Transaction::Kind::immediate};
  rows::write_enrollment(db_->connection, enrollment);
  transaction.commit();
}

std::vector<SelfAssessment> TrainingCache::self_assessments() const {
  std::vector<SelfAssessment> found;
  Statement s{db_->connection, "SELECT competence_id, level, assessed_at FROM self_assessments ORDER BY competence_id"};
  while (s.step()) found.push_back(SelfAssessment{s.text(0), s.integer(1), codec::instant_from_unix(s.int64(2))});
  return found;
}

std::vector<CompetenceTarget> TrainingCache::competence_targets() const {
  std::vector<CompetenceTarget> found;
  Statement s{db_->connection, "SELECT role, competence_id, level FROM competence_targets ORDER BY role, competence_id"};
  while (s.step()) {
    // A row this version cannot read asks nothing of anyone: the cache is only a copy.
    if (const auto role = parse_enum<Role>(s.text(0))) found.push_back(CompetenceTarget{*role, s.text(1), s.integer(2)});
  }
  return found;
}

void TrainingCache::upsert_self_assessment(const SelfAssessment& assessment) {
  rows::write_self_assessment(db_->connection, assessment);
}

void TrainingCache::upsert_competence_target(const CompetenceTarget& target) {
  rows::write_competence_target(db_->connection, target);
}

void TrainingCache::remove_self_assessment(std::string_view competence_id) {
  db_->run("DELETE FROM self_assessments WHERE competence_id = ?", competence_id);
}

void TrainingCache::remove_competence_target(const Id& id) {
  db_->run("DELETE FROM competence_targets WHERE role || '/' || competence_id = ?", id);
}

void TrainingCache::remove_course(const Id& id) { db_->run("DELETE FROM courses WHERE id = ?", id); }

void TrainingCache::remove_enrollment(const Id& id) { db_->run("DELETE FROM enrollments WHERE id = ?", id); }

}  // namespace stellwerk::store
