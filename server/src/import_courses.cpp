// The courses import (docs/import.md): one record per course, upserted by its id through
// training's write_course, which tells every client through the changes feed.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "import_cells.hpp"
#include "training.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::server {
namespace {

std::optional<CourseFormat> read_format(std::string_view text) {
  const std::string folded = fold_column_name(text);
  if (folded == "elearning" || folded == "online") return CourseFormat::e_learning;
  if (folded == "classroom" || folded == "praesenz" || folded == "seminar") return CourseFormat::classroom;
  if (folded == "blended" || folded == "hybrid") return CourseFormat::blended;
  return std::nullopt;
}

std::vector<std::string> changed_columns(const Course& a, const Course& b) {
  std::vector<std::string> changed;
  note_change(changed, "title", a.title, b.title);
  note_change(changed, "description", a.description, b.description);
  note_change(changed, "competence", a.competence_id, b.competence_id);
  note_change(changed, "level", a.level, b.level);
  note_change(changed, "format", a.format, b.format);
  note_change(changed, "language", a.language, b.language);
  note_change(changed, "starts_on", a.starts_on, b.starts_on);
  note_change(changed, "place", a.place, b.place);
  note_change(changed, "seats", a.seats, b.seats);
  note_change(changed, "mandatory", a.mandatory, b.mandatory);
  note_change(changed, "mandatory_roles", a.mandatory_roles, b.mandatory_roles);
  note_change(changed, "mandatory_departments", a.mandatory_departments, b.mandatory_departments);
  note_change(changed, "complete_by", a.complete_by, b.complete_by);
  note_change(changed, "validity_months", a.validity_months, b.validity_months);
  note_change(changed, "duration_minutes", a.duration_minutes, b.duration_minutes);
  return changed;
}

// The record read over the stored course (or a new one); problems go to the report.
Course read_course_record(CellReader& in, Course course, bool is_new, const std::set<std::string>& departments) {
  in.text("title", course.title, true);
  in.text("description", course.description);
  in.text("competence", course.competence_id);
  if (const auto* c = in.cell("competence"); c && !is_valid_competence_id(c->text)) {
    in.problem("competence", fmt::format("\"{}\" is not a DigComp 2.2 competence (such as 1.1 or 4.2)", c->text));
  }
  in.integer("level", course.level, kDigCompMinLevel, kDigCompMaxLevel);
  if (const auto* c = in.cell("format")) {
    if (const auto format = read_format(c->text)) {
      course.format = *format;
    } else {
      in.problem("format", fmt::format("\"{}\" is not a format (e_learning, classroom, blended)", c->text));
    }
  }
  if (const auto* c = in.cell("language")) {
    // The wire allows two lower-case letters only; a client refuses anything else in the feed.
    const std::string folded = fold_column_name(c->text);
    const std::string code = folded == "deutsch" || folded == "german"    ? "de"
                             : folded == "englisch" || folded == "english" ? "en"
                                                                          : folded;
    if (code.size() == 2 && std::ranges::all_of(code, [](char l) { return l >= 'a' && l <= 'z'; })) {
      course.language = code;
    } else {
      in.problem("language", fmt::format("\"{}\" is not a language code such as de or en", c->text));
    }
  }
  in.date("starts_on", course.starts_on);
  in.text("place", course.place);
  in.optional_integer("seats", course.seats, 0, 100000);
  in.boolean("mandatory", course.mandatory);
  in.roles("mandatory_roles", course.mandatory_roles);
  in.list("mandatory_departments", course.mandatory_departments);
  for (const auto& department : course.mandatory_departments) {
    if (!departments.contains(department)) {
      in.problem("mandatory_departments", fmt::format("unknown department \"{}\"", department));
    }
  }
  in.date("complete_by", course.complete_by);
  // A file that names whom a course is for, or its deadline, but has no mandatory column means a
  // mandatory course.
  if (!in.cell("mandatory") && (!course.mandatory_roles.empty() || !course.mandatory_departments.empty() ||
                                course.complete_by)) {
    course.mandatory = true;
  }
  in.integer("validity_months", course.validity_months, 0, 240);
  in.integer("duration_minutes", course.duration_minutes, 0, 100000);
  if (is_new) {
    for (const auto* column : {"title", "competence", "level"}) {
      if (!in.cell(column)) in.problem(column, fmt::format("a new course needs its {}", column));
    }
  }
  if (const auto problem = audience_problem(course)) in.problem(in.place(), *problem);
  return course;
}

}  // namespace

void import_courses(sql::Connection& db, const ImportTable& table, const ImportOptions& options, Instant now,
                    ImportReport& report) {
  std::set<std::string> departments;
  for (sql::Statement rows{db, "SELECT id FROM departments"}; rows.step();) departments.insert(rows.text(0));
  std::set<std::string> seen;
  std::vector<Course> to_write;
  for (const auto& record : table.records) {
    CellReader in{record, report.problems};
    Id id;
    in.id("id", id, true);
    if (id.empty()) continue;
    if (!seen.insert(id).second) {
      in.problem("id", fmt::format("the course \"{}\" is in the file twice", id));
      continue;
    }
    const auto stored = find_course(db, id);
    Course course;
    if (stored) course = *stored;
    course.id = id;
    const auto before = in.problem_count();
    course = read_course_record(in, std::move(course), !stored, departments);
    if (in.problem_count() != before) continue;
    if (!stored) {
      report.added.push_back({id, course.title});
    } else if (auto changed = changed_columns(*stored, course); !changed.empty()) {
      report.changed.push_back({id, joined(changed)});
    } else {
      continue;
    }
    to_write.push_back(std::move(course));
  }
  if (!report.problems.empty() || options.dry_run) return;
  for (const auto& course : to_write) write_course(db, course, now);
  report.applied = true;
}

}  // namespace stellwerk::server
