// Team presence on sync rounds (sync_engine.hpp: SyncEngine::refresh_team_presence): the team's
// presence for this week and the kTeamPresenceWeeks - 1 after it, or the server's refusal that the
// team is too small, kept in the store so that the team view works offline; asked again when what
// is kept is older than kTeamPresenceMaxAge or from another week. Whatever else goes wrong
// (offline, an older server without the route) leaves what was kept as it was.
#include <chrono>

#include <fmt/format.h>

#include "engine_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk::sync {
namespace {

using namespace detail;

constexpr std::chrono::minutes kTeamPresenceMaxAge{5};
namespace codec = store::codec;

TeamPresenceHalf half_from(const wire::TeamPresenceHalf& w) {
  TeamPresenceHalf half{w.date, w.half, {}, std::nullopt, std::nullopt};
  if (w.half != HalfDay::am && w.half != HalfDay::pm) throw codec::FieldError("team presence: half is not am or pm");
  for (const wire::SharedPresence& colleague : w.colleagues) {
    if (!shareable_mode(colleague.mode)) throw codec::FieldError("team presence: a mode that is never shared");
    half.named.push_back(NamedPresence{colleague.display_name, colleague.mode});
  }
  if (w.others) {
    half.office = w.others->office;
    half.remote = w.others->remote;
  }
  return half;
}

}  // namespace

bool SyncEngine::refresh_team_presence(Date today) {
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) return false;
  const Date from = week_start(today);
  const Date to = add_days(from, 7 * kTeamPresenceWeeks - 1);
  const Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  // Not on every round of a minute: a large team's five weeks are some kilobytes, and a plan a
  // few minutes old is as good for deciding where to work.
  if (const auto kept = impl_->store.team_presence();
      kept && kept->from == from && now >= kept->fetched_at && now - kept->fetched_at < kTeamPresenceMaxAge) {
    return false;
  }
  SyncReport ignored;
  const net::HttpResult result = impl_->send(
      session->server_url,
      net::HttpRequest{"GET", fmt::format("/api/v1/team/presence?from={}&to={}", format_date(from), format_date(to)), "", {}},
      session->token, ignored);
  if (!result) return false;
  TeamPresenceSnapshot snapshot;
  snapshot.from = from;
  snapshot.to = to;
  snapshot.fetched_at = now;
  if (result->status == 403 && parse_problem(result->status, result->body).code == wire_code(Refusal::team_too_small)) {
    snapshot.team_too_small = true;
    impl_->store.save_team_presence(snapshot);
    return true;
  }
  if (result->status != 200) return false;
  try {
    const auto answer = decode_answer<wire::TeamPresence>(result->body, "team presence");
    snapshot.team_size = answer.team_size;
    for (const wire::TeamPresenceHalf& half : answer.halves) snapshot.halves.push_back(half_from(half));
  } catch (const codec::FieldError&) {
    return false;
  }
  impl_->store.save_team_presence(snapshot);
  return true;
}

}  // namespace stellwerk::sync
