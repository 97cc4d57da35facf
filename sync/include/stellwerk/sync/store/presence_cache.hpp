// Team presence in the local store (core/team_presence.hpp): the server's last answer for the
// weeks the sync engine asks about, or its refusal that the team is too small, so the team view
// works offline and says how old it is. Cache: cleared with the rest of it.
#pragma once

#include <optional>
#include <string_view>

#include "stellwerk/core/team_presence.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

// The outbox entity of the person's opt-in ("presence_sharing").
inline constexpr std::string_view kPresenceSharingKey = "presence_sharing";

class TeamPresenceCache {
 public:
  // The last answer kept; nullopt when none was ever fetched.
  std::optional<TeamPresenceSnapshot> team_presence() const;
  // Replaces what was kept.
  void save_team_presence(const TeamPresenceSnapshot& snapshot);
  // The signed-in person's own opt-in in the cached profile (PlacesCache::me()).
  void set_presence_sharing(bool share);

 protected:
  explicit TeamPresenceCache(Database& database) : db_(database) {}
  TeamPresenceCache(TeamPresenceCache&&) noexcept = default;
  TeamPresenceCache& operator=(TeamPresenceCache&&) noexcept = default;
  ~TeamPresenceCache() = default;

 private:
  DatabaseRef db_;
};

}  // namespace stellwerk::store
