// Courses and the person's enrolments in the local store.
#pragma once

#include <vector>

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

 protected:
  explicit TrainingCache(Database& database) : db_(database) {}
  TrainingCache(TrainingCache&&) noexcept = default;
  TrainingCache& operator=(TrainingCache&&) noexcept = default;
  ~TrainingCache() = default;

 private:
  DatabaseRef db_;
};

}  // namespace stellwerk::store
