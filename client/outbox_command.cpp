#include "outbox_command.hpp"

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::client {

using Json = nlohmann::json;

int outbox_command(const store::LocalStore& local, bool json) {
  constexpr std::array<std::string_view, 3> kStates{"pending", "rejected", "done"};
  static_assert(kStates.size() == static_cast<std::size_t>(store::OutboxState::COUNT));
  const auto entries = local.outbox();
  if (json) {
    Json out = Json::array();
    for (const store::OutboxEntry& e : entries) {
      Json problem = e.problem.empty() ? Json(nullptr) : Json::parse(e.problem, nullptr, false);
      if (problem.is_discarded()) problem = Json(e.problem);
      out.push_back(Json{{"mutation_id", e.mutation_id},
                         {"method", e.method},
                         {"path", e.path},
                         {"state", kStates[static_cast<std::size_t>(e.state)]},
                         {"idempotency_key", e.idempotency_key},
                         {"problem", problem}});
    }
    std::printf("%s\n", out.dump().c_str());
  } else {
    if (entries.empty()) std::printf("No changes queued.\n");
    for (const store::OutboxEntry& e : entries) {
      const sync::Problem problem = sync::parse_problem(0, e.problem);
      std::printf("%6lld  %-8s %-6s %s%s\n", static_cast<long long>(e.mutation_id),
                  std::string(kStates[static_cast<std::size_t>(e.state)]).c_str(), e.method.c_str(), e.path.c_str(),
                  e.state == store::OutboxState::pending ? "" : fmt::format("  {}", problem.title).c_str());
    }
  }
  return kExitOk;
}

}  // namespace stellwerk::client
