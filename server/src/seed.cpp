// The demo city. Small scale: three buildings of "Stadt Musterstadt", four departments with
// different rules, the named demo users and 500 employees. City scale: the same named users and
// departments plus 600 buildings, 30 departments and 10,000 employees, for load tests.
// Everything is derived from loop indices, so two seeds of the same scale are identical apart
// from the dates, which follow the day of seeding.
#include "seed.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "changes.hpp"
#include "crypto.hpp"
#include "demo_drawing.hpp"
#include "drawings.hpp"
#include "reference.hpp"
#include "training.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/digcomp.hpp"
#include "stellwerk/wire/types.hpp"

namespace stellwerk::server {
namespace {

constexpr std::array kFirstNames{"Anna", "Ben",  "Clara", "David", "Elif",   "Felix", "Greta", "Hakan",
                                 "Ida",  "Jonas", "Kira", "Lukas", "Mila",   "Noah",  "Olga",  "Paul",
                                 "Rosa", "Samir", "Tina", "Uwe",   "Vera",   "Willi", "Yara",  "Zoe"};
constexpr std::array kLastNames{"Becker", "Schmidt", "Yilmaz", "Wagner", "Nowak",   "Hoffmann", "Schulz",
                                "Koch",   "Richter", "Klein",  "Wolf",   "Schröder", "Neumann", "Kaya"};

// Colleagues of the demo user who show their team office or remote by name, and the range of those
// whose plans are seeded (seed_team_plans); clear of the employees the tests sign in as.
constexpr std::array kPresenceSharers{61, 63, 66, 69};
constexpr std::array kPlanningColleagues{61, 72};  // first and last

bool shares_presence(int employee) { return std::ranges::find(kPresenceSharers, employee) != kPresenceSharers.end(); }

struct Seeder {
  sql::Connection& db;
  Instant now;
  std::string password_hash;
  std::string pin_hash;
  int building_order = 0;
  int resource_order = 0;

  void department(const Id& id, const std::string& name, DepartmentPolicy policy) {
    write_department(db, Department{id, "org_musterstadt", name, policy}, now);
  }

  void building(const Id& id, const std::string& name, const std::string& address) {
    sql::Statement{db, "INSERT INTO buildings (id, name, address, sort_order) VALUES (?, ?, ?, ?)"}
        .bind_all(id, name, address, building_order++)
        .run();
  }

  void floor(const Id& id, const Id& building, const std::string& name, int level, double width, double height) {
    sql::Statement{db,
                   "INSERT INTO floors (id, building_id, name, level, width_m, height_m) VALUES (?, ?, ?, ?, ?, ?)"}
        .bind_all(id, building, name, level, width, height)
        .run();
  }

  void resource(const Id& building, const Resource& r) {
    sql::Statement{db,
                   "INSERT INTO resources (id, building_id, floor_id, type, name, x, y, w, h, features, capacity, "
                   "accessible, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"}
        .bind_all(r.id, building, r.floor_id, to_string(r.type), r.name, r.x, r.y, r.w, r.h,
                  Json(r.features).dump(), r.capacity, r.accessible, resource_order++)
        .run();
    record_change(db, "resource", r.id, ChangeOp::upsert, wire::encode(wire_resource(r)),
                  Audience{std::nullopt, building}, now);
  }

  // A row of desks on a floor: `count` desks of 1.6 m × 0.8 m, eight to a row.
  void desks(const Id& building, const Id& floor_id, const std::string& prefix, int first, int count,
             std::vector<std::string> features) {
    for (int i = 0; i < count; ++i) {
      Resource r;
      r.id = fmt::format("{}-{:02}", floor_id, first + i);
      r.type = ResourceType::desk;
      r.name = fmt::format("{}-{:02}", prefix, first + i);
      r.floor_id = floor_id;
      r.x = 2.0 + (i % 8) * 2.2;
      r.y = 2.0 + (i / 8) * 3.0;
      r.w = 1.6;
      r.h = 0.8;
      r.features = features;
      resource(building, r);
    }
  }

  // A drawing for each floor of the building, generated around where its places stand. The city
  // scale's 597 look-alike buildings get none: they would only make the database larger.
  void draw_floors(const Id& building) {
    sql::Statement floors{db, "SELECT id, width_m, height_m FROM floors WHERE building_id = ?"};
    floors.bind_all(building);
    sql::Statement places{db, "SELECT type, x, y, w, h FROM resources WHERE floor_id = ? AND removed_at IS NULL"};
    while (floors.step()) {
      std::vector<DrawnPlace> drawn;
      places.reset();
      places.bind_all(floors.text(0));
      while (places.step()) {
        const auto type = parse_enum<ResourceType>(places.text(0)).value_or(ResourceType::desk);
        const DrawnPlaceKind kind = type == ResourceType::room      ? DrawnPlaceKind::room
                                    : type == ResourceType::parking ? DrawnPlaceKind::parking
                                                                    : DrawnPlaceKind::desk;
        drawn.push_back(DrawnPlace{kind, places.real(1), places.real(2), places.real(3), places.real(4)});
      }
      const std::string image = draw_demo_floor(floors.real(1), floors.real(2), drawn);
      if (const auto info = inspect_drawing(image)) store_floor_drawing(db, floors.text(0), image, *info, now);
    }
  }

  void finish_building(const Id& id) {
    record_change(db, "building", id, ChangeOp::upsert, wire::encode(*find_building(db, id)),
                  Audience{std::nullopt, id}, now);
  }

  void employee(const Id& id, const std::string& username, const std::string& name, const Id& department,
                const std::optional<Id>& manager, const std::string& roles, const Id& home,
                std::optional<std::string> badge = std::nullopt, bool needs_accessible = false,
                bool shares_presence = false) {
    sql::Statement{db,
                   "INSERT INTO employees (id, username, display_name, department_id, manager_id, roles, "
                   "home_building_id, needs_accessible_desk, presence_opt_in, password_hash, badge, pin_hash) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"}
        .bind_all(id, username, name, department, manager, roles, home, needs_accessible, shares_presence,
                  password_hash, badge, badge ? std::optional<std::string>{pin_hash} : std::nullopt)
        .run();
  }

  // A planned whole day, in the person's own changes feed as the API would record it.
  void planned_day(const Id& employee_id, Date date, WorkMode mode) {
    const Workday w{date, HalfDay::day, mode, WorkdayKind::planned};
    sql::Statement{db,
                   "INSERT INTO workdays (employee_id, date, half, kind, mode, updated_at) VALUES (?, ?, ?, ?, ?, ?)"}
        .bind_all(employee_id, format_date(date), to_string(w.half), to_string(w.kind), to_string(mode),
                  unix_seconds(now))
        .run();
    record_change(db, "workday", fmt::format("{}/{}/{}", format_date(date), to_string(w.half), to_string(w.kind)),
                  ChangeOp::upsert, wire::encode(wire::Workday{date, w.half, mode, w.kind}),
                  Audience{employee_id, std::nullopt}, now);
  }

  void course(const Course& c) { write_course(db, c, now); }

  void kiosk(const Id& id, const std::string& name, const Id& building, const std::string& token) {
    sql::Statement{db,
                   "INSERT INTO kiosk_devices (id, name, building_id, token_hash, registered_at) VALUES (?, ?, ?, ?, ?)"}
        .bind_all(id, name, building, sql::Blob{crypto::sha256(token)}, unix_seconds(now))
        .run();
  }
};

DepartmentPolicy digital_office_policy() {
  DepartmentPolicy p;  // the defaults: Mon–Fri, 28 days ahead, 20 upcoming, 40 % remote with approval
  return p;
}

void seed_departments(Seeder& s) {
  s.department("dep_digital", "Amt für Digitalisierung", digital_office_policy());
  DepartmentPolicy citizens;
  citizens.days_ahead = 14;
  citizens.max_upcoming = 5;
  citizens.bookable_weekdays = {true, true, true, true, false, false, false};
  citizens.remote_share_percent = 20;
  citizens.over_quota = OverQuotaRule::refused;
  s.department("dep_citizens", "Bürgeramt", citizens);
  DepartmentPolicy building_authority;
  building_authority.days_ahead = 7;
  building_authority.max_upcoming = 3;
  building_authority.check_in_closes_minutes_after = 15;
  building_authority.remote_share_percent = 60;
  s.department("dep_building", "Bauordnungsamt", building_authority);
  DepartmentPolicy facility;
  facility.days_ahead = 56;
  facility.remote_share_percent = 10;
  facility.over_quota = OverQuotaRule::refused;
  s.department("dep_facility", "Gebäudemanagement", facility);
}

void seed_town_hall(Seeder& s) {
  s.building("bld_rathaus", "Rathaus", "Marktplatz 1, 45127 Musterstadt");
  s.floor("flr_rathaus_eg", "bld_rathaus", "Erdgeschoss", 0, 24, 16);
  s.floor("flr_rathaus_1", "bld_rathaus", "1. Obergeschoss", 1, 24, 16);
  // 24 ordinary desks first: every demo employee may book them.
  s.desks("bld_rathaus", "flr_rathaus_eg", "EG", 1, 24, {"monitor", "docking"});
  Resource accessible{"flr_rathaus_eg-25", ResourceType::desk, "EG-25", "flr_rathaus_eg", 2.0, 12.0, 1.8, 1.0,
                      {"monitor", "docking", "sit_stand", "accessible"}, 1, true};
  s.resource("bld_rathaus", accessible);
  Resource quiet{"flr_rathaus_eg-26", ResourceType::desk, "EG-26", "flr_rathaus_eg", 4.4, 12.0, 1.6, 0.8,
                 {"monitor", "quiet"}, 1, false};
  s.resource("bld_rathaus", quiet);
  s.resource("bld_rathaus", Resource{"room_rhein", ResourceType::room, "Besprechungsraum Rhein", "flr_rathaus_eg",
                                     14.0, 11.0, 5.0, 4.0, {"display", "video"}, 8, true});
  s.resource("bld_rathaus", Resource{"room_ruhr", ResourceType::room, "Besprechungsraum Ruhr", "flr_rathaus_eg",
                                     19.5, 11.0, 3.5, 4.0, {"display"}, 4, false});
  s.desks("bld_rathaus", "flr_rathaus_1", "1.OG", 1, 16, {"monitor"});
  for (int i = 1; i <= 4; ++i) {
    s.resource("bld_rathaus", Resource{fmt::format("park_rathaus_{:02}", i), ResourceType::parking,
                                       fmt::format("P-{:02}", i), "flr_rathaus_eg", 1.0 + 3.0 * (i - 1), 14.5, 2.5,
                                       1.4, i == 1 ? std::vector<std::string>{"accessible", "ev_charger"}
                                                   : std::vector<std::string>{},
                                       1, i == 1});
  }
  s.draw_floors("bld_rathaus");
  s.finish_building("bld_rathaus");
}

void seed_small_buildings(Seeder& s) {
  s.building("bld_technik", "Technisches Rathaus", "Hafenstraße 12, 45130 Musterstadt");
  s.floor("flr_technik_2", "bld_technik", "2. Obergeschoss", 2, 20, 12);
  s.desks("bld_technik", "flr_technik_2", "T2", 1, 12, {"monitor", "sit_stand"});
  s.draw_floors("bld_technik");
  s.finish_building("bld_technik");
  s.building("bld_nord", "Bürgerbüro Nord", "Lindenallee 5, 45139 Musterstadt");
  s.floor("flr_nord_eg", "bld_nord", "Erdgeschoss", 0, 16, 10);
  s.desks("bld_nord", "flr_nord_eg", "N", 1, 8, {"monitor"});
  s.draw_floors("bld_nord");
  s.finish_building("bld_nord");
}

std::string person_name(int index) {
  return fmt::format("{} {}", kFirstNames[static_cast<std::size_t>(index) % kFirstNames.size()],
                     kLastNames[static_cast<std::size_t>(index / 7) % kLastNames.size()]);
}

void seed_named_people(Seeder& s) {
  s.employee("emp_manager", "manager", "Maria Brandt", "dep_digital", std::nullopt, "employee,manager", "bld_rathaus");
  s.employee("emp_demo", "demo", "Alex Demir", "dep_digital", Id{"emp_manager"}, "employee", "bld_rathaus",
             std::string{"1001"});
  s.employee("emp_facility", "facility", "Frank Lorenz", "dep_facility", std::nullopt, "employee,facility_admin",
             "bld_rathaus");
  for (int i = 1; i <= 500; ++i) {
    s.employee(fmt::format("emp_{:04}", i), fmt::format("employee{:04}", i), person_name(i), "dep_digital",
               Id{"emp_manager"}, "employee", "bld_rathaus", std::nullopt, i % 50 == 7,
               shares_presence(i));
  }
  // Colleagues in the departments with stricter rules.
  for (int i = 1; i <= 10; ++i) {
    s.employee(fmt::format("emp_citizens_{:02}", i), fmt::format("citizens{:02}", i), person_name(600 + i),
               "dep_citizens", std::nullopt, "employee", "bld_nord");
    s.employee(fmt::format("emp_building_{:02}", i), fmt::format("building{:02}", i), person_name(700 + i),
               "dep_building", std::nullopt, "employee", "bld_technik");
  }
  s.kiosk("kiosk_rathaus_eg", "Rathaus, Foyer", "bld_rathaus", "demo-kiosk-token");
}

// Plans of a dozen of Alex Demir's colleagues for the week of seeding and the three after it, so
// that the team view has something to show: mostly office, some remote, some leave and training
// (which the team view never shows). Four of them share their presence by name
// (kPresenceSharers); the team view counts the rest.
void seed_team_plans(Seeder& s) {
  const Date monday = week_start(local_date(s.now));
  for (int colleague = kPlanningColleagues.front(); colleague <= kPlanningColleagues.back(); ++colleague) {
    const Id id = fmt::format("emp_{:04}", colleague);
    for (int day = 0; day < 28; ++day) {
      const Date date = add_days(monday, day);
      if (!is_working_day(date)) continue;
      const int turn = colleague + day;
      WorkMode mode = turn % 3 == 0 ? WorkMode::remote : WorkMode::office;
      if (colleague % 4 == 2 && day % 7 == 3) mode = WorkMode::leave;
      if (colleague % 5 == 1 && day % 7 == 1) mode = WorkMode::training;
      s.planned_day(id, date, mode);
    }
  }
}

// Whom a mandatory course is for when not for everyone (core's mandatory_for), and the day the
// city wants it done by (core's mandatory_due_on; the others are due 30 days after each person
// enrols), in days after the seed day.
void set_audience(Course& course, Date today) {
  struct Audience {
    std::string_view course;
    std::vector<Role> roles;
    std::vector<Id> departments;
  };
  const std::array kAudiences{Audience{"crs_eid", {}, {"dep_citizens"}}, Audience{"crs_leading", {Role::manager}, {}}};
  constexpr std::array<std::pair<std::string_view, int>, 2> kDeadlines{{{"crs_ergonomics", 21}, {"crs_eid", 45}}};
  for (const Audience& audience : kAudiences) {
    if (audience.course != course.id) continue;
    course.mandatory_roles = audience.roles;
    course.mandatory_departments = audience.departments;
  }
  for (const auto& [course_id, days] : kDeadlines) {
    if (course_id == course.id) course.complete_by = add_days(today, days);
  }
}

void seed_courses(Seeder& s, bool every_level) {
  struct Named {
    const char* id;
    const char* title;
    const char* competence;
    int level;
    bool mandatory;
    int validity_months;
    int minutes;
    CourseFormat format;
    const char* language;
    int starts_in_days;  // classroom and blended: days after the seed day; e-learning: -1
    const char* place;
    int seats;           // 0: no limit
  };
  constexpr auto online = CourseFormat::e_learning;
  constexpr auto room = CourseFormat::classroom;
  constexpr auto blended = CourseFormat::blended;
  static constexpr std::array kCourses{
      Named{"crs_privacy", "Datenschutz im Verwaltungsalltag", "4.2", 2, true, 12, 90, online, "de", -1, "", 0},
      // Mandatory: no seat limit, so that nobody stays overdue for want of a seat.
      Named{"crs_security", "Informationssicherheit: Phishing erkennen", "4.1", 2, true, 12, 60, blended, "de", 14,
            "Rathaus, Raum 2.14", 0},
      Named{"crs_accessible_docs", "Barrierefreie Dokumente erstellen", "3.1", 3, false, 0, 180, room, "de", 21,
            "Stadthaus, Schulungsraum 1", 12},
      Named{"crs_search", "Recherche in Fachdatenbanken", "1.1", 2, false, 0, 120, online, "de", -1, "", 0},
      Named{"crs_data", "Daten auswerten mit Tabellen", "1.3", 3, false, 0, 240, room, "de", 10,
            "Rathaus, Raum 2.14", 2},
      Named{"crs_collab", "Zusammenarbeit mit Nextcloud", "2.4", 2, false, 0, 120, online, "de", -1, "", 0},
      Named{"crs_video", "Videokonferenzen leiten", "2.1", 3, false, 0, 90, blended, "de", 7, "Stadthaus, Raum 0.08",
            16},
      // Mandatory for the citizens' office only (kAudiences below).
      Named{"crs_eid", "Digitale Identität und eID im Bürgerservice", "2.6", 4, true, 24, 120, online, "de", -1, "", 0},
      Named{"crs_ergonomics", "Gesund arbeiten am Bildschirm", "4.3", 1, true, 24, 45, online, "de", -1, "", 0},
      Named{"crs_green_it", "Green IT im Büro", "4.4", 2, false, 0, 60, online, "de", -1, "", 0},
      Named{"crs_problem", "Technische Probleme selbst lösen", "5.1", 2, false, 0, 90, online, "de", -1, "", 0},
      Named{"crs_automation", "Abläufe automatisieren ohne Programmierung", "3.4", 4, false, 0, 240, online, "de", -1,
            "", 0},
      Named{"crs_english", "Working together in English online", "2.4", 3, false, 0, 90, blended, "en", 28,
            "Stadthaus, Raum 0.08", 10},
      // Mandatory for managers only (kAudiences below).
      Named{"crs_leading", "Hybride Teams führen", "2.4", 5, true, 0, 90, online, "de", -1, "", 0},
  };
  const Date today = local_date(s.now);
  for (const auto& c : kCourses) {
    Course course{.id = c.id, .title = c.title,
                  .description = fmt::format("Schulung zur DigComp-Kompetenz {} auf Stufe {}.", c.competence, c.level),
                  .competence_id = c.competence, .level = c.level, .mandatory = c.mandatory,
                  .validity_months = c.validity_months, .duration_minutes = c.minutes};
    course.format = c.format;
    course.language = c.language;
    if (c.starts_in_days >= 0) course.starts_on = add_days(today, c.starts_in_days);
    course.place = c.place;
    if (c.seats > 0) course.seats = c.seats;
    set_audience(course, today);
    s.course(course);
  }
  if (!every_level) return;
  // City scale: one course per competence and level, 21 × 8 = 168.
  for (const auto& competence : kDigCompCompetences) {
    for (int level = 1; level <= 8; ++level) {
      s.course(Course{fmt::format("crs_{}_{}", competence.id, level),
                      fmt::format("{} – Stufe {}", competence.title_en, level),
                      fmt::format("DigComp {} ({}), Stufe {}.", competence.id, competence.title_en, level),
                      std::string{competence.id}, level, false, {}, {}, 0, 60 + 15 * level});
    }
  }
}

// What each role asks for: every employee the levels the city's daily work needs (less in
// creating content), managers more in collaboration, data and their team's gaps, facility
// admins more in technical problems and protecting devices.
void seed_competence_targets(Seeder& s) {
  for (const auto& competence : kDigCompCompetences) {
    const int employee = competence.area == 3 ? 2 : 3;
    write_competence_target(s.db, CompetenceTarget{Role::employee, std::string{competence.id}, employee}, s.now);
  }
  constexpr std::array<std::pair<Role, std::string_view>, 6> kHigher{{{Role::manager, "2.4"},
                                                                      {Role::manager, "5.4"},
                                                                      {Role::manager, "1.3"},
                                                                      {Role::facility_admin, "5.1"},
                                                                      {Role::facility_admin, "4.1"},
                                                                      {Role::facility_admin, "3.2"}}};
  for (const auto& [role, competence] : kHigher) {
    write_competence_target(s.db, CompetenceTarget{role, std::string{competence}, 5}, s.now);
  }
}

void seed_city(Seeder& s) {
  // 30 departments: the four named ones plus 26 whose rules vary with their number.
  for (int d = 5; d <= 30; ++d) {
    DepartmentPolicy p;
    p.days_ahead = 7 + (d % 4) * 7;
    p.max_upcoming = 5 + d % 16;
    p.remote_share_percent = 20 + (d % 5) * 10;
    p.over_quota = d % 2 == 0 ? OverQuotaRule::needs_approval : OverQuotaRule::refused;
    s.department(fmt::format("dep_{:02}", d), fmt::format("Fachbereich {:02}", d), p);
  }
  // 597 more buildings, 21 desks on one floor each: 600 buildings, 12,600+ desks in all.
  for (int b = 4; b <= 600; ++b) {
    const Id id = fmt::format("bld_{:04}", b);
    s.building(id, fmt::format("Verwaltungsgebäude {:03}", b), fmt::format("Amtsweg {}, 45{:03} Musterstadt", b, b % 1000));
    const Id floor = fmt::format("flr_{:04}_1", b);
    s.floor(floor, id, "1. Obergeschoss", 1, 20, 12);
    s.desks(id, floor, fmt::format("G{:03}", b), 1, 21, {"monitor"});
    s.finish_building(id);
  }
  // 10,000 employees: the 523 of the small demo plus 9,477 spread over all departments and buildings.
  for (int i = 501; i <= 9977; ++i) {
    const int d = 5 + i % 26;
    const int b = 4 + i % 597;
    s.employee(fmt::format("emp_{:04}", i), fmt::format("employee{:04}", i), person_name(i),
               fmt::format("dep_{:02}", d), std::nullopt, "employee", fmt::format("bld_{:04}", b));
  }
}

}  // namespace

bool database_is_empty(Database& db) {
  return db.read([](sql::Connection& c) { return c.query_int("SELECT COUNT(*) FROM employees") == 0; });
}

void seed_demo(Database& db, DemoScale scale, Instant now, int password_iterations) {
  // Hashed outside the writer: each takes a noticeable fraction of a second.
  const std::string password_hash = crypto::hash_password("demo", password_iterations);
  const std::string pin_hash = crypto::hash_password("2468", password_iterations);
  db.write([&](sql::Connection& c) {
    Seeder s{c, now, password_hash, pin_hash};
    seed_departments(s);
    seed_town_hall(s);
    seed_small_buildings(s);
    seed_named_people(s);
    seed_team_plans(s);
    seed_courses(s, scale == DemoScale::city);
    seed_competence_targets(s);
    if (scale == DemoScale::city) seed_city(s);
    sql::Statement{c, "INSERT INTO meta (key, value) VALUES ('demo_scale', ?)"}
        .bind_all(scale == DemoScale::city ? "city" : "small")
        .run();
  });
}

}  // namespace stellwerk::server
