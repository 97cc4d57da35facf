// The people import (docs/import.md): one record per person, upserted by the city's person id,
// with their department's name and policy on the same row as HR exports write it. Checked as a
// whole before anything is written: unique user names and badges, known departments and
// buildings, managers who are there, and no manager cycle.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "booking_rules.hpp"
#include "changes.hpp"
#include "import_cells.hpp"
#include "reference.hpp"

namespace stellwerk::server {
namespace {

struct Person {
  Id id;
  std::string username;
  std::string display_name;
  Id department;
  std::optional<Id> manager;
  std::vector<Role> roles{Role::employee};
  Id home_building;
  std::optional<std::string> badge;
  bool left = false;
};

std::map<Id, Person> stored_people(sql::Connection& db) {
  std::map<Id, Person> people;
  sql::Statement rows{db,
                      "SELECT id, username, display_name, department_id, manager_id, roles, home_building_id, badge, "
                      "left_at IS NOT NULL FROM employees"};
  while (rows.step()) {
    people[rows.text(0)] = Person{rows.text(0), rows.text(1), rows.text(2), rows.text(3), rows.optional_text(4),
                                  parse_roles(rows.text(5)), rows.text(6), rows.optional_text(7), rows.integer(8) != 0};
  }
  return people;
}

std::map<Id, Department> stored_departments(sql::Connection& db) {
  std::map<Id, Department> departments;
  for (sql::Statement rows{db, "SELECT id, name FROM departments"}; rows.step();) {
    departments[rows.text(0)] = Department{rows.text(0), {}, rows.text(1), department_policy(db, rows.text(0))};
  }
  return departments;
}

bool same_department(const Department& a, const Department& b) {
  return a.name == b.name && a.policy.days_ahead == b.policy.days_ahead &&
         a.policy.remote_share_percent == b.policy.remote_share_percent && a.policy.over_quota == b.policy.over_quota;
}

std::vector<std::string> changed_columns(const Person& a, const Person& b) {
  std::vector<std::string> changed;
  note_change(changed, "username", a.username, b.username);
  note_change(changed, "display_name", a.display_name, b.display_name);
  note_change(changed, "department", a.department, b.department);
  note_change(changed, "manager", a.manager, b.manager);
  note_change(changed, "roles", a.roles, b.roles);
  note_change(changed, "home_building", a.home_building, b.home_building);
  note_change(changed, "badge", a.badge, b.badge);
  if (a.left) changed.emplace_back("returns");
  return changed;
}

// What the file says about everyone in it, with the departments it names, checked record by record.
struct PeopleFile {
  std::map<Id, Person> people;                               // by id
  std::map<Id, const ImportRecord*> records;                 // each person's record, read cleanly
  std::map<Id, const ImportRecord*> seen;                    // every id's record, with problems or not
  std::map<Id, std::pair<Department, ImportPlace>> departments;  // as the file sets them, first row
};

void read_department_cells(CellReader& in, const Id& id, const std::map<Id, Department>& stored, PeopleFile& file) {
  // Empty cells say nothing: the department's columns may stand on one of its people's rows only.
  const bool has_policy = in.filled("department_name") || in.filled("days_ahead") ||
                          in.filled("remote_share_percent") || in.filled("over_quota");
  const auto known = file.departments.find(id);
  Department department = known != file.departments.end() ? known->second.first
                          : stored.contains(id)          ? stored.at(id)
                                                         : Department{id, {}, id, DepartmentPolicy{}};
  if (known == file.departments.end() && !stored.contains(id) && !in.filled("department_name")) {
    return in.problem("department", fmt::format("unknown department \"{}\" (a new one needs its department_name)", id));
  }
  if (!has_policy) return;
  const Department before = department;
  if (in.filled("department_name")) in.text("department_name", department.name, true);
  if (in.filled("days_ahead")) in.integer("days_ahead", department.policy.days_ahead, 0, 365);
  if (in.filled("remote_share_percent")) in.integer("remote_share_percent", department.policy.remote_share_percent, 0, 100);
  if (const auto* c = in.cell("over_quota"); c && !c->text.empty()) {
    const std::string word = fold_column_name(c->text);
    if (word == "needsapproval" || word == "genehmigung" || word == "ja" || word == "yes") {
      department.policy.over_quota = OverQuotaRule::needs_approval;
    } else if (word == "refused" || word == "nein" || word == "no" || word == "abgelehnt") {
      department.policy.over_quota = OverQuotaRule::refused;
    } else {
      in.problem("over_quota", fmt::format("\"{}\" is neither needs_approval (Genehmigung) nor refused (nein)", c->text));
    }
  }
  if (const auto problem = policy_problem(department.policy)) in.problem(*problem, "outside the allowed range");
  if (known != file.departments.end() && !same_department(before, department)) {
    in.problem("department", fmt::format("the department \"{}\" has other values on {}", id, known->second.second.text()));
  } else if (known == file.departments.end()) {
    file.departments[id] = {department, in.place()};
  }
}

void read_person(CellReader& in, const std::map<Id, Person>& stored, const std::map<Id, Department>& departments,
                 PeopleFile& file) {
  Id id;
  in.id("id", id, true);
  if (id.empty()) return;
  if (const auto seen = file.seen.find(id); seen != file.seen.end()) {
    return in.problem("id", fmt::format("the person \"{}\" is in the file twice (also {})", id, seen->second->place.text()));
  }
  file.seen[id] = &in.record();
  const auto it = stored.find(id);
  Person person = it != stored.end() ? it->second : Person{};
  person.id = id;
  const auto before = in.problem_count();
  in.text("username", person.username, true);
  in.text("display_name", person.display_name, true);
  in.id("department", person.department);
  in.optional_id("manager", person.manager);
  in.roles("roles", person.roles);
  if (person.roles.empty()) person.roles = {Role::employee};
  in.id("home_building", person.home_building);
  in.optional_id("badge", person.badge);
  if (it == stored.end()) {
    for (const auto* column : {"username", "display_name", "department", "home_building"}) {
      if (!in.cell(column)) in.problem(column, fmt::format("a new person needs their {}", column));
    }
  }
  if (!person.department.empty()) read_department_cells(in, person.department, departments, file);
  if (person.manager == id) in.problem("manager", "a person cannot be their own manager");
  // What sign-in and the kiosk accept (wire's LoginRequest and KioskLoginRequest): a name or badge
  // beyond that could never be typed in.
  const auto signable = [](const std::string& text, std::size_t longest) {
    return text.size() <= longest && std::ranges::none_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  };
  if (!signable(person.username, 100)) in.problem("username", "at most 100 characters, no control characters");
  if (person.badge && !signable(*person.badge, 64)) in.problem("badge", "at most 64 characters, no control characters");
  if (in.problem_count() != before) return;
  file.people[id] = std::move(person);
  file.records[id] = &in.record();
}

// Problems of the whole: what one record cannot tell.
void check_people(const PeopleFile& file, const std::map<Id, Person>& stored, const std::set<Id>& leaving,
                  const std::set<Id>& buildings, std::vector<ImportProblem>& problems) {
  std::map<Id, Person> all = stored;  // everyone after the import
  for (const auto& [id, person] : file.people) all[id] = person;
  // Whose each user name and badge is: first everyone the file leaves as they are, then the file.
  std::map<std::string, Id> usernames, badges;
  for (const auto& [id, person] : stored) {
    if (file.people.contains(id)) continue;
    usernames.emplace(person.username, id);
    if (person.badge && !leaving.contains(id)) badges.emplace(*person.badge, id);
  }
  for (const auto& [id, person] : file.people) {
    usernames.emplace(person.username, id);
    if (person.badge) badges.emplace(*person.badge, id);
  }
  for (const auto& [id, person] : file.people) {
    const auto at = [&](std::string_view column) { return place_in(*file.records.at(id), column); };
    if (const Id& other = usernames.at(person.username); other != id) {
      problems.push_back({at("username"), fmt::format("the user name \"{}\" is already {}'s", person.username, other)});
    }
    if (person.badge && badges.at(*person.badge) != id) {
      problems.push_back({at("badge"), fmt::format("the badge \"{}\" is already {}'s", *person.badge, badges.at(*person.badge))});
    }
    if (!buildings.contains(person.home_building)) {
      problems.push_back({at("home_building"), fmt::format("unknown building \"{}\"", person.home_building)});
    }
    if (person.manager) {
      const auto manager = all.find(*person.manager);
      if (manager == all.end()) {
        problems.push_back({at("manager"), fmt::format("unknown person \"{}\"", *person.manager)});
      } else if (manager->second.left && !file.people.contains(*person.manager)) {
        problems.push_back({at("manager"), fmt::format("\"{}\" has left", *person.manager)});
      } else if (leaving.contains(*person.manager)) {
        problems.push_back({at("manager"), fmt::format("\"{}\" is not in the file and would be deactivated", *person.manager)});
      }
    }
    // Follow the managers upwards: coming back to this person is a cycle.
    std::vector<Id> chain{id};
    for (auto next = person.manager; next && all.contains(*next) && chain.size() <= all.size(); next = all.at(*next).manager) {
      chain.push_back(*next);
      if (*next == id) {
        std::string path = chain.front();
        for (std::size_t i = 1; i < chain.size(); ++i) path += " → " + chain[i];
        problems.push_back({at("manager"), fmt::format("the managers form a cycle: {}", path)});
        break;
      }
    }
  }
}

void write_person(sql::Connection& db, const Person& p) {
  // A new person has no password (they sign in through the city's directory, or get one set);
  // their manager is set in a second pass, once everyone the file adds exists.
  sql::Statement{db,
                 "INSERT INTO employees (id, username, display_name, department_id, manager_id, roles, "
                 "home_building_id, needs_accessible_desk, presence_opt_in, password_hash, badge, pin_hash) "
                 "VALUES (?, ?, ?, ?, NULL, ?, ?, 0, 0, '', ?, NULL) "
                 "ON CONFLICT(id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, "
                 "department_id = excluded.department_id, roles = excluded.roles, "
                 "home_building_id = excluded.home_building_id, badge = excluded.badge, left_at = NULL"}
      .bind_all(p.id, p.username, p.display_name, p.department, roles_text(p.roles), p.home_building, p.badge)
      .run();
}

// Writes what import_people planned. Leavers come first and every user name and badge that moves is
// parked on a value nobody has: the checks were made on the end state, and the UNIQUE constraints
// are checked row by row (a leaver's badge handed to a new hire, two people swapping names).
void write_people(sql::Connection& db, const std::vector<Department>& departments, const std::vector<const Person*>& people,
                  const std::set<Id>& leaving, const std::map<Id, Person>& stored, Instant now) {
  for (const auto& department : departments) write_department(db, department, now);
  for (const auto& id : leaving) {
    sql::Statement{db,
                   "UPDATE employees SET left_at = ?, password_hash = '', badge = NULL, pin_hash = NULL, "
                   "manager_id = NULL WHERE id = ?"}
        .bind_all(unix_seconds(now), id)
        .run();
    sql::Statement{db, "DELETE FROM sessions WHERE employee_id = ?"}.bind_all(id).run();
    release_future_bookings(db, id, now);
  }
  sql::Statement park{db, "UPDATE employees SET username = char(31) || id, badge = NULL WHERE id = ?"};
  std::set<Id> joined_departments;  // their policy may be new to the people who joined them
  for (const Person* person : people) {
    const auto it = stored.find(person->id);
    if (it != stored.end() && (it->second.username != person->username || it->second.badge != person->badge)) {
      park.reset();
      park.bind_all(person->id);
      park.run();
    }
    if (it == stored.end() || it->second.department != person->department) joined_departments.insert(person->department);
  }
  for (const Person* person : people) write_person(db, *person);
  // Managers last: a manager may be added by this very file after the people they lead.
  sql::Statement set_manager{db, "UPDATE employees SET manager_id = ? WHERE id = ?"};
  for (const Person* person : people) {
    set_manager.reset();
    set_manager.bind_all(person->manager, person->id);
    set_manager.run();
  }
  // A client learns its policy from the feed's "policy" rows of its department: someone who moved
  // to a department whose policy did not change would otherwise keep the old department's rules.
  for (const auto& id : joined_departments) {
    if (std::ranges::none_of(departments, [&](const Department& d) { return d.id == id; })) {
      record_change(db, "policy", id, ChangeOp::upsert, Json::object(), Audience{}, now);
    }
  }
}

}  // namespace

void import_people(sql::Connection& db, const ImportTable& table, const ImportOptions& options, Instant now,
                   ImportReport& report) {
  const auto stored = stored_people(db);
  const auto departments = stored_departments(db);
  std::set<Id> buildings;
  for (sql::Statement rows{db, "SELECT id FROM buildings"}; rows.step();) buildings.insert(rows.text(0));

  PeopleFile file;
  for (const auto& record : table.records) {
    CellReader in{record, report.problems};
    read_person(in, stored, departments, file);
  }
  std::set<Id> leaving;
  if (options.deactivate_missing) {
    for (const auto& [id, person] : stored) {
      if (!person.left && !file.seen.contains(id)) leaving.insert(id);
    }
  }
  check_people(file, stored, leaving, buildings, report.problems);
  if (!report.problems.empty()) return;

  std::vector<Department> changed_departments;
  for (const auto& [id, entry] : file.departments) {
    const auto it = departments.find(id);
    if (it == departments.end()) {
      report.added.push_back({id, fmt::format("department {}", entry.first.name)});
    } else if (!same_department(it->second, entry.first)) {
      report.changed.push_back({id, "department"});
    } else {
      continue;
    }
    changed_departments.push_back(entry.first);
  }
  std::vector<const Person*> to_write;
  for (const auto& [id, person] : file.people) {
    const auto it = stored.find(id);
    if (it == stored.end()) {
      report.added.push_back({id, person.display_name});
    } else if (auto changed = changed_columns(it->second, person); !changed.empty()) {
      report.changed.push_back({id, joined(changed)});
    } else {
      continue;
    }
    to_write.push_back(&person);
  }
  for (const auto& id : leaving) report.removed.push_back({id, stored.at(id).display_name});
  if (options.dry_run) return;

  write_people(db, changed_departments, to_write, leaving, stored, now);
  report.applied = true;
}

}  // namespace stellwerk::server
