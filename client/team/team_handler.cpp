// The Team page's handler and load (see team_handler.hpp).
#include "team/team_handler.hpp"

#include "notices.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/store/outbox_queue.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const RefreshTeam&) {
  TeamState& team = context.state.team;
  if (!team.month.ok()) team.month = context.state.today.year() / context.state.today.month();
  team.requested = true;
  team.error.clear();
  if (context.sync == nullptr) {
    team.error = i18n::tr("Your team's requests need the server.");
    return;
  }
  team.busy = true;
  context.sync->team(team.month);
}

void handle(HandlerContext& context, const ShowTeamMonth& intent) {
  if (!intent.month.ok()) return;
  context.state.team.month = intent.month;
  context.state.team.members.clear();  // the old month's totals would read as this month's
  handle(context, RefreshTeam{});
}

void handle(HandlerContext& context, const DecideRequest& intent) {
  // The view keeps "Decline" disabled without a reason; this is the same rule once more, so that
  // nothing the server would refuse is ever queued.
  if (decision_refusal(intent.decline, intent.reason)) return;
  context.queue_awaited(ChangeKind::approval_decision, intent.what, [intent](store::LocalStore& store) {
    sync::queue_approval_decision(store, intent.request_id, intent.decline, intent.reason);
    return mutation_of(store, store::approval_key(intent.request_id));
  });
}

void load_team(const std::set<std::string>& pending, ClientData& data) {
  const std::string prefix = store::approval_key("");
  for (const std::string& entity : pending) {
    if (entity.starts_with(prefix)) data.pending_decisions.push_back(entity.substr(prefix.size()));
  }
}

}  // namespace stellwerk::client
