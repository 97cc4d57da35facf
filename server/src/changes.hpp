// The changes feed's log. Every write that changes what some client may have cached appends a
// row here in the same job (so the log and the data can never disagree), naming who may see it:
// one employee (their own bookings, workdays, enrolments), the people who use one building
// (its reference data and anonymous occupancy), or everyone (courses). The row keeps the
// entity as the API shows it, so the feed is served from the log alone.
//
// Superseded rows are pruned after kChangeHistoryDays; a cursor from before the oldest pruned
// row gets 410 cursor_expired, while the latest row of every live entity is always kept, which
// is what makes `since=0` (a full snapshot) possible from the log.
#pragma once

#include <optional>
#include <string_view>

#include "http.hpp"

namespace stellwerk::server {

inline constexpr int kChangeHistoryDays = 30;

struct Audience {
  std::optional<Id> employee;   // only this person
  std::optional<Id> building;   // everyone whose window includes this building
  // Neither set: everyone.
};

enum class ChangeOp { upsert, remove };

// Appends one change. `data` is the entity's API JSON (ignored for remove). `day` marks
// occupancy rows, which leave the snapshot once the day is past.
void record_change(sql::Connection& db, std::string_view entity, std::string_view id, ChangeOp op,
                   const Json& data, const Audience& audience, Instant now,
                   std::optional<Date> day = std::nullopt);

// Removes rows that a later row of the same entity superseded more than kChangeHistoryDays
// ago, and remembers the newest removed seq so that older cursors get 410.
void prune_changes(sql::Connection& db, Instant now);

}  // namespace stellwerk::server
