// What the person asks for in Training (training_handler.hpp applies it). Enrolling and completing
// are written to the store and the outbox at once and sent by the sync thread.
#pragma once

#include "stellwerk/core/domain.hpp"
#include "training/training_state.hpp"

namespace stellwerk::client {

struct Enroll { Id course_id; };
struct CompleteCourse { Id enrollment_id; };
// Withdraws from an open enrolment of a course that is not mandatory (core's withdrawal_refusal).
struct WithdrawEnrollment { Id enrollment_id; };
struct FilterCourses { CourseFilter filter; };  // the catalogue shows the courses that match
struct ShowTrainingList { TrainingList list; };  // the catalogue, "My trainings" or the profile
// The profile: show this competence's level and the courses that close its gap.
struct ChooseCompetence { std::string competence_id; };
// The person's own level (1..8) in a DigComp competence, kept on the server.
struct AssessCompetence {
  std::string competence_id;
  int level = 1;
};
// Writes the completion's signed certificate, its signature and the server's key as files into
// the documents folder (certificate_export.hpp).
struct SaveCertificate { Id enrollment_id; };

}  // namespace stellwerk::client
