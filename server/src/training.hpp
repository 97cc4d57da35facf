// Course data as the API shows it, and the roles' competence targets, shared by the routes and
// the demo seed (which writes every course and target into the changes log).
#pragma once

#include "http.hpp"
#include "stellwerk/core/competence.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {

wire::Course wire_course(const Course& course);

// Sets the level a role asks for in one competence and tells every client through the feed.
void write_competence_target(sql::Connection& db, const CompetenceTarget& target, Instant now);

}  // namespace stellwerk::server
