// A manager's team (sync_engine.hpp: SyncEngine::team). Read online and never cached, like the
// person's own month approvals; a decision goes through the outbox (ChangeKind::approval_decision).
#include <algorithm>

#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk::sync {
namespace {

using namespace detail;

// A month the server wrote ("YYYY-MM"); an answer with anything else cannot be used.
date::year_month month_of(const std::string& text) {
  const auto month = parse_month(text);
  if (!month) throw store::codec::FieldError(fmt::format("month \"{}\" is not YYYY-MM", text));
  return date::year{month->first} / date::month{month->second};
}

TeamRequest request_from(const wire::Approval& w) {
  return TeamRequest{w.id, w.employee_id, w.employee_display_name, month_of(w.month), w.remote_days, w.allowed_days};
}

TeamMonth member_from(const wire::TeamMember& w) {
  month_of(w.month.month);  // refuses an answer whose month is not YYYY-MM, as for a request
  return TeamMonth{w.employee_id,          w.display_name,        w.month.working_days,
                   w.month.remote_days,    w.month.allowed_days,  w.month.share_percent,
                   w.month.max_percent,    approval_state(w.month.approval)};
}

TeamTraining training_from(const wire::TeamTraining& w) {
  const int counted = w.completed + w.open + w.overdue + w.expired + w.not_enrolled;
  if (w.team_size < 0 || std::min({w.completed, w.open, w.overdue, w.expired, w.not_enrolled}) < 0 ||
      counted != w.team_size) {
    throw store::codec::FieldError(fmt::format("the counts of {} do not add up to the team", w.course_id));
  }
  return TeamTraining{w.course_id, w.title, w.team_size, w.completed, w.open, w.overdue, w.expired, w.not_enrolled};
}

}  // namespace

TeamAnswer SyncEngine::team(date::year_month month) {
  TeamAnswer answer;
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) {
    answer.problem = Problem{401, "unauthorized", "", ""};
    return answer;
  }
  auto requests = impl_->get_all<wire::Approval, TeamRequest>(*session, "/api/v1/approvals", &request_from, answer);
  if (!requests) return answer;
  const std::string members_path = fmt::format("/api/v1/team/months?month={:04}-{:02}", int{month.year()}, unsigned{month.month()});
  auto members = impl_->get_all<wire::TeamMember, TeamMonth>(*session, members_path, &member_from, answer);
  if (!members) return answer;
  answer.requests = std::move(*requests);
  answer.members = std::move(*members);
  OnlineAnswer counts;
  answer.trainings = impl_->get_all<wire::TeamTraining, TeamTraining>(*session, "/api/v1/team/trainings",
                                                                       &training_from, counts);
  answer.team_too_small = counts.problem && counts.problem->code == wire_code(Refusal::team_too_small);
  return answer;
}

}  // namespace stellwerk::sync
