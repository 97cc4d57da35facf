#include "training/training_handler.hpp"

#include <fmt/format.h>

#include "certificate_export.hpp"
#include "notices.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/sync/certificates.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const Enroll& intent) {
  context.queue_change([id = intent.course_id, today = context.state.today](store::LocalStore& store) {
    sync::queue_enrollment(store, id, today.ok() ? today : today_in_berlin());
  });
}

void handle(HandlerContext& context, const CompleteCourse& intent) {
  context.queue_change([id = intent.enrollment_id, today = context.state.today](store::LocalStore& store) {
    sync::queue_completion(store, id, today.ok() ? today : today_in_berlin());
  });
}

void handle(HandlerContext& context, const WithdrawEnrollment& intent) {
  context.queue_change([id = intent.enrollment_id](store::LocalStore& store) { sync::queue_withdrawal(store, id); });
}

void handle(HandlerContext& context, const FilterCourses& intent) { context.state.training.filter = intent.filter; }

void handle(HandlerContext& context, const ShowTrainingList& intent) { context.state.training.list = intent.list; }

void handle(HandlerContext& context, const ChooseCompetence& intent) {
  if (find_competence(intent.competence_id) != nullptr) context.state.training.chosen_competence = intent.competence_id;
}

void handle(HandlerContext& context, const AssessCompetence& intent) {
  if (!valid_self_assessment(intent.competence_id, intent.level)) return;
  // The competence stays chosen: once its target is reached, the profile would otherwise move on
  // to the next gap under the person's keyboard focus.
  context.state.training.chosen_competence = intent.competence_id;
  context.queue_change([intent, now = now_of(context.state)](store::LocalStore& store) {
    sync::queue_self_assessment(store, intent.competence_id, intent.level, now);
  });
}

void handle(HandlerContext& context, const SaveCertificate& intent) {
  if (context.state.training.saving_certificate) return;
  context.state.training.saving_certificate = true;
  context.worker.post([id = intent.enrollment_id](store::LocalStore* store) -> UiUpdate {
    std::expected<ExportedCertificate, std::string> saved = std::unexpected(std::string{"the local store is not open"});
    try {
      if (store != nullptr) saved = export_certificate(*store, id, default_certificate_dir());
    } catch (const std::exception& e) {  // store::Error: the disk failed while reading
      saved = std::unexpected(std::string{e.what()});
    }
    return [saved](AppState& shown) {
      shown.training.saving_certificate = false;
      if (!saved) {
        // TRANSLATORS: {0} why ("The certificate does not match …", or the system's words).
        add_toast(shown, ToastKind::refused, fmt::format(fmt::runtime(i18n::tr("Certificate not saved: {0}")), saved.error()));
        return;
      }
      const std::string folder = saved->document.parent_path().string();
      shown.training.saved_certificate = SavedCertificate{folder, saved->verify_command};
      // TRANSLATORS: {0} a folder's path.
      add_toast(shown, ToastKind::confirmed, fmt::format(fmt::runtime(i18n::tr("Certificate saved in {0}")), folder));
    };
  });
}

void load_training(const store::LocalStore& store, const std::set<std::string>& pending, ClientData& data) {
  data.courses = store.courses();
  data.enrollments = store.my_enrollments();
  const std::string key = store.certificate_key();
  for (const Enrollment& e : data.enrollments) {
    if (pending.contains(store::enrollment_key(e.id))) data.pending_enrollments.push_back(e.id);
    if (e.certificate) data.certificate_checks[e.id] = certificates::verify(*e.certificate, key);
  }
  data.self_assessments = store.self_assessments();
  data.competence_targets = store.competence_targets();
  for (const SelfAssessment& a : data.self_assessments) {
    if (pending.contains(store::self_assessment_key(a.competence_id))) data.pending_assessments.push_back(a.competence_id);
  }
}

}  // namespace stellwerk::client
