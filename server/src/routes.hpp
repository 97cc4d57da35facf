// The route table, one function per area of the API, and the periodic work that keeps the data
// true over time. server.cpp registers exactly these routes, and a test compares them with the
// paths of docs/api/openapi.yaml.
#pragma once

#include <optional>
#include <vector>

#include "http.hpp"
#include "retention.hpp"

namespace stellwerk::server {

std::vector<Route> session_routes();     // auth.cpp: sign-in, kiosk sign-in, sign-out
std::vector<Route> reference_routes();   // reference.cpp: buildings, closures
std::vector<Route> booking_routes();     // bookings.cpp: policy, availability, timelines, alternatives,
                                         // bookings, check-in
std::vector<Route> booking_move_routes();  // booking_move.cpp: moving a booking in one step
std::vector<Route> favourite_routes();   // favourites.cpp: the caller's favourites
std::vector<Route> workday_routes();     // workdays.cpp: workdays, remote quota, approvals
std::vector<Route> work_time_routes();   // work_times.cpp: the caller's working time on remote days
std::vector<Route> training_routes();    // training.cpp: courses, enrolments, certificates, the team's counts
std::vector<Route> competence_routes();  // competences.cpp: the caller's self-assessment
std::vector<Route> change_routes();      // changes.cpp: the changes feed
std::vector<Route> kiosk_routes();       // kiosks.cpp: the kiosk registry, a kiosk's heartbeat and idle screen
std::vector<Route> import_routes();       // import.cpp: the city's people, places and courses from a file
std::vector<Route> drawing_routes();     // drawings.cpp: floor drawings, fetched by all, changed by facility admins
std::vector<Route> place_edit_routes();  // places_edit.cpp: places put and removed by facility admins
std::vector<Route> my_data_routes();    // my_data.cpp: what the server stores about the caller
std::vector<Route> metrics_routes();    // metrics.cpp: /metrics for the city's monitoring
std::vector<Route> presence_routes();    // presence.cpp: the opt-in to team presence, and the team's presence

// Every route of the API, /healthz first, in registration order: what the server serves and
// what --print-routes lists.
std::vector<Route> all_routes();

// Maintenance (bookings.cpp): release bookings not checked in by their release time.
void release_no_shows(sql::Connection& db, Instant now);
std::optional<Instant> next_release(sql::Connection& db);

// Retention (retention.hpp): each deletes what is older and records the removal in the changes
// feed of its owner. Bookings are kept `max_days` after they ended, or their department's
// `retention_days` when that is shorter (bookings.cpp); day plans and approvals before
// `first_kept` (workdays.cpp); working-time records before `first_kept` (work_times.cpp). Each
// deletes at most kRetentionBatch records per call.
void delete_expired_bookings(sql::Connection& db, Instant now, int max_days);
void delete_plans_before(sql::Connection& db, Date first_kept, Instant now);
void delete_work_times_before(sql::Connection& db, Date first_kept, Instant now);

}  // namespace stellwerk::server
