// Course data as the API shows it, and the roles' competence targets, shared by the routes and
// the demo seed (which writes every course and target into the changes log).
#pragma once

#include "http.hpp"
#include "stellwerk/core/competence.hpp"
#include "stellwerk/sqlite/sqlite.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {

wire::Course wire_course(const Course& course);

std::optional<Course> find_course(sql::Connection& db, const Id& id);
// Inserts the course at the end of the catalogue, or updates the stored one with this id (keeping
// its place), and tells everyone through the changes feed. The seed and the import write courses
// only through this.
void write_course(sql::Connection& db, const Course& course, Instant now);

// Sets the level a role asks for in one competence and tells every client through the feed.
void write_competence_target(sql::Connection& db, const CompetenceTarget& target, Instant now);

}  // namespace stellwerk::server
