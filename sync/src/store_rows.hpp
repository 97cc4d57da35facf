// Reading and writing the rows of the store's tables, shared by the subjects and the demo
// import: the column lists, the conversions of stored values, and the upserts (whose callers
// hold the transaction). Private to stellwerk::sync.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store::rows {

// The entity keys of pending changes, as SQL. A move (POST /api/v1/bookings/{id}/move) names
// the new booking as its entity and touches the old one too, whose id is read from the path:
// 17 characters of "/api/v1/bookings/" before it, 5 of "/move" after. Booking ids are made of
// characters percent_encode keeps as they are, so the path holds the id itself.
inline constexpr std::string_view kPendingEntities =
    "(SELECT entity FROM outbox WHERE state = 'pending' AND entity != '' "
    "UNION SELECT 'booking:' || substr(path, 18, length(path) - 22) FROM outbox WHERE state = 'pending' "
    "AND kind = 'move')";

template <typename Enum>
Enum stored_enum(const sql::Statement& statement, int column) {
  const std::string name = statement.text(column);
  if (auto value = parse_enum<Enum>(name)) return *value;
  throw Error(fmt::format("the local store holds an unknown value \"{}\"", name));
}

std::optional<Date> stored_date(const sql::Statement& statement, int column);
std::optional<std::string> optional_date_text(const std::optional<Date>& date);
std::optional<std::int64_t> optional_unix(const std::optional<Instant>& instant);

inline Instant now_seconds() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

inline constexpr std::string_view kResourceColumns =
    "SELECT id, type, name, floor_id, x, y, w, h, capacity, accessible, closed_from, closed_until, closed_reason "
    "FROM resources ";
Resource read_resource(const sql::Statement& s);

inline constexpr std::string_view kBookingColumns =
    "SELECT id, resource_id, employee_id, start, \"end\", state, release_at FROM bookings ";
Booking read_booking(const sql::Statement& s);

Employee read_me(const sql::Statement& s);  // the columns of PlacesCache::me()

bool cache_has_data(sql::Connection& db);

void write_organisation(sql::Connection& db, const Organisation& organisation);
void write_department(sql::Connection& db, const Department& d);
void write_me(sql::Connection& db, const Employee& e);
// The floor list is complete: floors missing from it are gone (with their resources).
// Each floor belongs to `building` whatever its building_id says.
void write_building(sql::Connection& db, const Building& building);
void write_resource(sql::Connection& db, const Resource& r);
void write_booking(sql::Connection& db, const Booking& b);
void write_workday(sql::Connection& db, const Workday& w);
void write_course(sql::Connection& db, const Course& c);
void write_enrollment(sql::Connection& db, const Enrollment& e);
void write_self_assessment(sql::Connection& db, const SelfAssessment& a);
void write_competence_target(sql::Connection& db, const CompetenceTarget& t);

}  // namespace stellwerk::store::rows
