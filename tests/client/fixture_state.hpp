// The AppState the UI tests draw: one person at 07:00 on Wednesday 25 November 2026 with a department, two
// buildings, resources on the chosen floor, a desk booked for today, plans for this week, and
// trainings in every state (overdue, expired, valid, optional). empty_state() is the same person
// before anything was synced: no buildings, no courses, no bookings, no plans. Both run on local
// demo data with no session, as `stellwerk --demo-data` does, so the views show without signing in;
// signed_in_state() is the same person signed in at a server, kiosk_admin_state() as a facility
// admin with kiosks registered.
#pragma once

#include "app_state.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client::testing {

inline constexpr Date kToday = date::year{2026} / 11 / 25;      // a Wednesday, no holiday
inline constexpr Date kMonday = date::year{2026} / 11 / 23;     // its week
inline constexpr Date kChristmasWeek = date::year{2026} / 12 / 21;  // Friday 25 December is a holiday

inline AppState empty_state() {
  AppState state;
  state.today = kToday;
  state.now = to_instant(kToday, 7 * 60);  // 07:00, before the day's booking starts and its check-in opens
  state.schedule.week_start = kMonday;
  state.data.loaded = true;
  state.data.me = Employee{.id = "emp-1", .username = "alex", .display_name = "Alex Muster",
                           .department_id = "dep-1", .manager_id = std::nullopt, .roles = {Role::employee},
                           .home_building_id = "bld-a", .needs_accessible_desk = false, .presence_opt_in = false};
  state.data_folder = "/tmp/stellwerk-test";
  state.local_demo = true;
  state.session.known = true;
  return state;
}

inline AppState fixture_state() {
  AppState state = empty_state();
  ClientData& data = state.data;
  data.department = Department{.id = "dep-1", .organisation_id = "org-1", .name = "Digital", .policy = {}};
  data.buildings = {
      Building{.id = "bld-a", .name = "Rathaus", .address = "Markt 1",
               .floors = {Floor{.id = "flr-a-0", .building_id = "bld-a", .name = "EG", .level = 0,
                                .width_m = 40, .height_m = 20},
                          Floor{.id = "flr-a-1", .building_id = "bld-a", .name = "1. OG", .level = 1,
                                .width_m = 40, .height_m = 20}}},
      Building{.id = "bld-b", .name = "Technisches Rathaus", .address = "Ring 5",
               .floors = {Floor{.id = "flr-b-0", .building_id = "bld-b", .name = "EG", .level = 0,
                                .width_m = 30, .height_m = 15}}},
  };
  state.desks.building_id = "bld-a";
  state.desks.floor_id = "flr-a-0";
  state.desks.resources = {
      Resource{.id = "res-1", .type = ResourceType::desk, .name = "EG-01", .floor_id = "flr-a-0",
               .x = 1, .y = 1, .w = 2, .h = 1, .features = {"monitor", "docking"}, .capacity = 1, .accessible = false},
      Resource{.id = "res-2", .type = ResourceType::desk, .name = "EG-02", .floor_id = "flr-a-0",
               .x = 4, .y = 1, .w = 2, .h = 1, .features = {"sit_stand", "accessible"}, .capacity = 1,
               .accessible = true},
      Resource{.id = "res-3", .type = ResourceType::room, .name = "Elbe", .floor_id = "flr-a-0",
               .x = 10, .y = 5, .w = 6, .h = 4, .features = {"video", "whiteboard", "hologram"}, .capacity = 8,
               .accessible = true},
  };
  state.desks.resources_loaded = true;

  BookingSummary booking;
  booking.booking = Booking{.id = "bkg-1", .resource_id = "res-1", .employee_id = "emp-1",
                            .start = to_instant(kToday, 8 * 60), .end = to_instant(kToday, 17 * 60),
                            .state = BookingState::booked, .release_at = std::nullopt};
  booking.resource_name = "EG-01";
  booking.building_name = "Rathaus";
  booking.floor_name = "EG";
  data.bookings = {booking};

  data.workdays = {
      Workday{kMonday, HalfDay::day, WorkMode::office, WorkdayKind::planned},
      Workday{add_days(kMonday, 1), HalfDay::am, WorkMode::remote, WorkdayKind::planned},
      Workday{add_days(kMonday, 1), HalfDay::pm, WorkMode::office, WorkdayKind::planned},
      Workday{kToday, HalfDay::day, WorkMode::office, WorkdayKind::planned},
  };

  data.courses = {
      Course{.id = "crs-privacy", .title = "Datenschutz", .description = "", .competence_id = "4.2", .level = 2,
             .mandatory = true, .validity_months = 0, .duration_minutes = 60},
      Course{.id = "crs-security", .title = "Informationssicherheit", .description = "", .competence_id = "4.1",
             .level = 2, .mandatory = true, .validity_months = 12, .duration_minutes = 90},
      Course{.id = "crs-office", .title = "Tabellen", .description = "", .competence_id = "3.1", .level = 3,
             .mandatory = false, .validity_months = 24, .duration_minutes = 120},
      Course{.id = "crs-ai", .title = "KI im Amt", .description = "", .competence_id = "9.9", .level = 1,
             .mandatory = false, .validity_months = 0, .duration_minutes = 45},
  };
  data.enrollments = {
      // Mandatory and overdue since 1 November.
      Enrollment{.id = "enr-1", .course_id = "crs-privacy", .employee_id = "emp-1",
                 .state = EnrollmentState::enrolled, .due_on = date::year{2026} / 11 / 1, .completed_on = std::nullopt},
      // Completed on 10 October 2025, valid 12 months: expired on 10 October 2026.
      Enrollment{.id = "enr-2", .course_id = "crs-security", .employee_id = "emp-1",
                 .state = EnrollmentState::completed, .due_on = std::nullopt,
                 .completed_on = date::year{2025} / 10 / 10},
      // Completed this year and still valid.
      Enrollment{.id = "enr-3", .course_id = "crs-office", .employee_id = "emp-1",
                 .state = EnrollmentState::completed, .due_on = std::nullopt,
                 .completed_on = date::year{2026} / 3 / 2},
  };
  data.sync = SyncSummary{.server_configured = false, .pending = 2, .rejected = 0, .last_sync = std::nullopt};
  return state;
}

inline AppState signed_in_state() {
  AppState state = fixture_state();
  state.local_demo = false;
  state.session.exists = true;
  state.session.signed_in = true;
  state.session.server_url = "https://stellwerk.example";
  state.session.username = "alex";
  state.connection.state = Connection::online;
  state.data.sync.server_configured = true;
  state.data.sync.pending = 0;
  return state;
}

// The same person signed in as a facility admin, with the kiosk registry read ten seconds ago: one
// kiosk seen two minutes ago, one quiet for 25 minutes, one never seen and one revoked.
inline AppState kiosk_admin_state() {
  AppState state = signed_in_state();
  state.data.me->roles = {Role::employee, Role::facility_admin};
  const Instant now = *state.now;
  using std::chrono::minutes;
  state.kiosks.requested = true;
  state.kiosks.loaded_at = now - std::chrono::seconds{10};
  state.kiosks.buildings = {KioskBuilding{"bld-a", "Rathaus"}, KioskBuilding{"bld-b", "Technisches Rathaus"}};
  state.kiosks.kiosks = {
      KioskRow{"kio-1", "Foyer", "bld-a", now - minutes{600}, now - minutes{2}, "0.14.0", false},
      KioskRow{"kio-2", "Bürgerbüro, Warteraum Erdgeschoss", "bld-b", now - minutes{600}, now - minutes{25}, "0.14.0", false},
      KioskRow{"kio-3", "Kantine", "bld-a", now - minutes{5}, std::nullopt, "", false},
      KioskRow{"kio-4", "Alt", "bld-a", now - minutes{6000}, now - minutes{5000}, "0.13.0", true},
  };
  return state;
}

// The same person signed in as a manager on the Team page, read ten seconds ago: two open
// requests (one of them for January) and three people's December totals.
inline AppState manager_state() {
  AppState state = signed_in_state();
  state.data.me->roles = {Role::employee, Role::manager};
  state.view = ViewId::team;
  TeamState& team = state.team;
  team.month = date::year{2026} / date::December;
  team.requested = true;
  team.loaded_at = *state.now - std::chrono::seconds{10};
  team.requests = {TeamRequest{"apr-1", "emp-1", "Alex Demir", date::year{2026} / date::December, 9.0, 8.8},
                   TeamRequest{"apr-2", "emp-2", "Jonas Weber", date::year{2027} / date::January, 10.5, 8.0}};
  team.members = {
      TeamMonth{"emp-1", "Alex Demir", 22, 9.0, 8.8, 40.9, 40, ApprovalState::pending},
      TeamMonth{"emp-2", "Jonas Weber", 22, 4.0, 8.8, 18.2, 40, ApprovalState::none},
      TeamMonth{"emp-3", "Lea Schulz", 22, 10.0, 8.8, 45.5, 40, ApprovalState::rejected},
  };
  return state;
}

}  // namespace stellwerk::client::testing
