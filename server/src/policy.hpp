// The rules that apply to a caller, as GET /api/v1/me/policy and the changes feed's `policy`
// entity show them. Built fresh for each answer: besides the department's rules it holds the
// caller's own today, upcoming bookings, horizon and holidays in their language.
#pragma once

#include "http.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {

wire::Policy caller_policy(sql::Connection& db, const Principal& me, i18n::Language language, Instant now);

// "HH:MM", the API's wall time, of a minute after local midnight (1440 is "24:00").
std::string wall_time(MinuteOfDay minute);

// Bookings the person holds that are not over yet: what max_upcoming limits.
int upcoming_count(sql::Connection& db, const Id& employee_id, Instant now);

}  // namespace stellwerk::server
