// Courses, the person's enrolments and their competence profile (self-assessments, and every
// role's targets) in the local store.
#pragma once

#include <vector>

#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

class TrainingCache {
 public:
  std::vector<Course> courses() const;             // ordered by competence, title
  std::vector<Enrollment> my_enrollments() const;  // by due date (undated last), id

  void upsert_course(const Course& course);
  void upsert_enrollment(const Enrollment& enrollment);
  void remove_course(const Id& id);
  void remove_enrollment(const Id& id);

  std::vector<SelfAssessment> self_assessments() const;     // by competence id
  std::vector<CompetenceTarget> competence_targets() const;  // every role's, by role and competence
  void upsert_self_assessment(const SelfAssessment& assessment);
  void upsert_competence_target(const CompetenceTarget& target);
  void remove_self_assessment(std::string_view competence_id);
  // `id` as the feed names it: "<role>/<competence id>".
  void remove_competence_target(const Id& id);

 protected:
  explicit TrainingCache(Database& database) : db_(database) {}
  TrainingCache(TrainingCache&&) noexcept = default;
  TrainingCache& operator=(TrainingCache&&) noexcept = default;
  ~TrainingCache() = default;

 private:
  DatabaseRef db_;
};

}  // namespace stellwerk::store
