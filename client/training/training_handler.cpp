#include "training/training_handler.hpp"

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const Enroll& intent) {
  context.queue_change([id = intent.course_id](store::LocalStore& store) { sync::queue_enrollment(store, id); });
}

void handle(HandlerContext& context, const CompleteCourse& intent) {
  context.queue_change([id = intent.enrollment_id, today = context.state.today](store::LocalStore& store) {
    sync::queue_completion(store, id, today.ok() ? today : today_in_berlin());
  });
}

void handle(HandlerContext& context, const ToggleMandatoryOnly&) {
  context.state.training.mandatory_only = !context.state.training.mandatory_only;
}

void load_training(const store::TrainingCache& store, const std::set<std::string>& pending, ClientData& data) {
  data.courses = store.courses();
  data.enrollments = store.my_enrollments();
  for (const Enrollment& e : data.enrollments) {
    if (pending.contains(store::enrollment_key(e.id))) data.pending_enrollments.push_back(e.id);
  }
}

}  // namespace stellwerk::client
