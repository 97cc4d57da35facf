// The competence profile: each person's self-assessment on the 8 DigComp levels, and the level
// every role asks for (core/competence.hpp).
//
// - A self-assessment belongs to the person alone: it goes into the changes feed for them only,
//   so their other devices see it and nobody else ever does (not their manager either: the
//   profile is for the person's own planning, not for comparing people).
// - PUT is idempotent without a key: putting the same level again changes nothing and adds
//   nothing to the feed; a new level replaces the old one and its time.
// - The roles' targets are the city's data (the demo seeds them); they reach every client
//   through the feed as "competence_target" records with the id "<role>/<competence id>".
#include <chrono>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "changes.hpp"
#include "messages.hpp"
#include "routes.hpp"
#include "training.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

std::vector<wire::SelfAssessment> select_assessments(sql::Connection& db, const Id& employee,
                                                     std::optional<std::string_view> competence_id) {
  sql::Statement rows{db,
                      "SELECT competence_id, level, assessed_at FROM self_assessments WHERE employee_id = ? "
                      "AND (?2 IS NULL OR competence_id = ?2) ORDER BY competence_id"};
  rows.bind_all(employee, competence_id ? std::optional<std::string>{*competence_id} : std::nullopt);
  std::vector<wire::SelfAssessment> found;
  while (rows.step()) {
    found.push_back(
        wire::SelfAssessment{rows.text(0), rows.integer(1), Instant{std::chrono::seconds{rows.int64(2)}}});
  }
  return found;
}

Reply list_assessments(Call& call) {
  return call.db.read([&](sql::Connection& db) {
    Json list = Json::array();
    for (const auto& assessment : select_assessments(db, call.me().employee_id, std::nullopt)) {
      list.push_back(wire::encode(assessment));
    }
    return Reply{200, std::move(list)};
  });
}

Reply put_assessment(Call& call) {
  const Id competence_id = call.param(0);
  // The address first: an unknown competence is 404 whatever the body says.
  if (find_competence(competence_id) == nullptr) fail(404, Refusal::competence_not_found);
  const int level = call.body_as<wire::SelfAssessmentRequest>().level;
  if (!is_valid_level(level)) fail(422, Refusal::invalid_field, "level");
  const Id me = call.me().employee_id;
  return call.write([&](sql::Connection& db) {
    const auto existing = select_assessments(db, me, competence_id);
    if (!existing.empty() && existing.front().level == level) return Reply{200, wire::encode(existing.front())};
    const wire::SelfAssessment assessment{competence_id, level, call.clock.now()};
    sql::Statement{db,
                   "INSERT INTO self_assessments (employee_id, competence_id, level, assessed_at) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (employee_id, competence_id) DO UPDATE SET level = excluded.level, "
                   "assessed_at = excluded.assessed_at"}
        .bind_all(me, competence_id, level, unix_seconds(assessment.assessed_at))
        .run();
    record_change(db, "self_assessment", competence_id, ChangeOp::upsert, wire::encode(assessment),
                  Audience{me, std::nullopt}, assessment.assessed_at);
    return Reply{200, wire::encode(assessment)};
  });
}

}  // namespace

void write_competence_target(sql::Connection& db, const CompetenceTarget& target, Instant now) {
  // Every client refuses a feed page with a target it cannot show: none gets there.
  if (!valid_self_assessment(target.competence_id, target.level)) {
    throw std::invalid_argument(fmt::format("no competence target {} at level {}", target.competence_id, target.level));
  }
  sql::Statement{db,
                 "INSERT INTO competence_targets (role, competence_id, level) VALUES (?, ?, ?) "
                 "ON CONFLICT (role, competence_id) DO UPDATE SET level = excluded.level"}
      .bind_all(to_string(target.role), target.competence_id, target.level)
      .run();
  record_change(db, "competence_target", fmt::format("{}/{}", to_string(target.role), target.competence_id),
                ChangeOp::upsert, wire::encode(wire::CompetenceTarget{target.role, target.competence_id, target.level}),
                Audience{}, now);
}

std::vector<Route> competence_routes() {
  return {
      Route{"GET", "/api/v1/me/self-assessments", Auth::employee, list_assessments},
      Route{"PUT", "/api/v1/me/self-assessments/{competence_id}", Auth::employee, put_assessment},
  };
}

}  // namespace stellwerk::server
