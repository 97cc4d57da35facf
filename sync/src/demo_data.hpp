// Reading the demo data file (assets/demo/demo.json) into domain values, private to
// stellwerk::sync. Parsing and validation are kept apart from the SQL so that LocalStore can
// write a fully checked data set in one transaction: bad input is found before anything is
// written, and the message names the file and the offending field.
//
// Dates in the file are relative so that the demo never goes stale. A date is an object with
// exactly one of these forms:
//   {"day_offset": n}                      today + n calendar days (n may be negative)
//   {"working_day_offset": n}              n ≥ 0: today if Monday–Friday, else the next Monday,
//                                          then n further Monday–Friday days
//   {"week_offset": n, "weekday": "wed"}   that weekday in the week (Monday first) n weeks
//                                          after today's week
// Wall times are "HH:MM" in Europe/Berlin.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "codec.hpp"
#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/domain.hpp"

namespace stellwerk::store::demo {

struct DemoData {
  Organisation organisation;
  std::vector<Department> departments;
  Employee me;
  std::vector<Building> buildings;   // with their floors
  std::vector<Resource> resources;
  std::vector<Booking> bookings;     // all belong to `me`
  std::vector<Workday> workdays;     // all belong to `me`
  std::vector<Course> courses;
  std::vector<Enrollment> enrollments;  // all belong to `me`
  std::vector<SelfAssessment> self_assessments;  // `me`'s, one per competence
  std::vector<CompetenceTarget> competence_targets;
};

// Reads and checks the whole file. On failure returns one message naming the file and the
// first problem (missing file, malformed JSON, wrong field type, unknown reference).
std::expected<DemoData, std::string> read_demo(const std::filesystem::path& file, Date today);

// Buildings (with their floors), resources and courses have the same JSON shape in the demo file
// and in the API, so the sync engine reads the changes feed with these too: both inputs are
// checked by the same rules before anything is written. Each throws codec::FieldError naming
// the offending field.
Building read_building(const codec::Fields& f);
Resource read_resource(const codec::Fields& f);
Course read_course(const codec::Fields& f, Date today);  // "starts" is relative to today

}  // namespace stellwerk::store::demo
