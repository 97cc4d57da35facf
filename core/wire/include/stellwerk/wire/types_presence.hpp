// The schemas of team presence (see types.hpp and core/team_presence.hpp for the rules): the
// caller's opt-in and what the team shows of itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/wire/codec.hpp"
#include "stellwerk/wire/enums.hpp"

namespace stellwerk::wire {

// PUT /api/v1/me/presence-sharing, and its answer.
struct PresenceSharing {
  bool share = false;
};
template <> struct Schema<PresenceSharing> {
  static constexpr std::string_view name = "PresenceSharing";
  static constexpr bool closed = true;
  static constexpr auto fields = std::tuple{field("share", &PresenceSharing::share)};
};

// An opted-in colleague on one half day: office or remote.
struct SharedPresence {
  std::string display_name;
  WorkMode mode = WorkMode::office;
};
template <> struct Schema<SharedPresence> {
  static constexpr std::string_view name = "SharedPresence";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("display_name", &SharedPresence::display_name), field("mode", &SharedPresence::mode)};
};

// The colleagues who did not opt in, only counted.
struct PresenceCounts {
  int office = 0;
  int remote = 0;
};
template <> struct Schema<PresenceCounts> {
  static constexpr std::string_view name = "PresenceCounts";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("office", &PresenceCounts::office), field("remote", &PresenceCounts::remote)};
};

struct TeamPresenceHalf {
  Date date{};
  HalfDay half = HalfDay::am;
  std::vector<SharedPresence> colleagues;
  std::optional<PresenceCounts> others;  // null: too few colleagues without opt-in to count them
};
template <> struct Schema<TeamPresenceHalf> {
  static constexpr std::string_view name = "TeamPresenceHalf";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("date", &TeamPresenceHalf::date), field("half", &TeamPresenceHalf::half),
                 field("colleagues", &TeamPresenceHalf::colleagues), field("others", &TeamPresenceHalf::others)};
};

struct TeamPresence {
  Date from{};
  Date to{};
  int team_size = 0;  // the caller included
  std::vector<TeamPresenceHalf> halves;
};
template <> struct Schema<TeamPresence> {
  static constexpr std::string_view name = "TeamPresence";
  static constexpr bool closed = true;
  static constexpr auto fields =
      std::tuple{field("from", &TeamPresence::from), field("to", &TeamPresence::to),
                 field("team_size", &TeamPresence::team_size), field("halves", &TeamPresence::halves)};
};

}  // namespace stellwerk::wire
