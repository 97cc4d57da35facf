// Everything the UI shows, in one place: each feature's view state (desks/desks_state.hpp,
// schedule/schedule_state.hpp, …) composed with what the worker loaded from the local store
// (ClientData, each feature filling its part). Views read an AppState and emit Intents
// (intents.hpp); only the UI thread changes an AppState, by applying intents and the results the
// background worker hands over. Nothing here knows about SQLite or HTTP: the features' loads
// convert store records into these plain values.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "changes_state.hpp"
#include "desks/desks_state.hpp"
#include "presence/presence_state.hpp"
#include "schedule/schedule_state.hpp"
#include "settings/settings_state.hpp"
#include "sign_in/sign_in_state.hpp"
#include "team/team_state.hpp"
#include "stellwerk/core/competence.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/usual_week.hpp"
#include "stellwerk/core/working_time.hpp"
#include "training/training_state.hpp"

namespace stellwerk::client {

// `team` last: the views of everyone keep their Ctrl+1 … Ctrl+5, a manager's Team page is Ctrl+6.
enum class ViewId : unsigned char { home, desks, schedule, training, settings, team, COUNT };

// The data the worker loaded from the local store, one part per feature: each feature's load_*
// (desks/desks_handler.hpp, schedule/…, training/…, home/…) fills its fields, all in one worker job
// so that every view sees the same moment (Controller::load_all).
struct ClientData {
  bool loaded = false;
  // Desks (load_desks): the person, their places and bookings.
  std::optional<Employee> me;
  std::optional<Department> department;
  std::vector<Building> buildings;
  std::vector<BookingSummary> bookings;  // today and later, by start
  std::vector<BookingSummary> recent_bookings;  // the last kRecentBookingDays before today, newest first
  std::vector<Favourite> favourites;     // by when they were added
  std::vector<Id> pending_favourites;    // resource ids whose favourite mark waits to be sent
  std::vector<ClosedDay> closures;       // of every building, today to the end of the booking horizon
  // Schedule (load_schedule).
  std::vector<Workday> workdays;         // the weeks around ScheduleState::week_start
  std::vector<Date> pending_plan_days;   // days whose planned mode waits to be sent
  UsualWeek usual_week;                  // "my usual week"; empty: none saved
  std::vector<WorkTime> work_times;      // working time of remote days, the same weeks as the workdays
  std::vector<Date> pending_work_time_days;  // days whose working time waits to be sent
  // Training (load_training).
  std::vector<Course> courses;
  std::vector<Enrollment> enrollments;
  std::vector<Id> pending_enrollments;   // enrolment ids whose change waits to be sent
  // Each certificate checked against the server's pinned key, by enrolment id (enrolments with
  // a certificate only).
  std::map<Id, CertificateCheck> certificate_checks;
  // The competence profile: the person's own levels, every role's targets, and the competences
  // whose new level waits to be sent.
  std::vector<SelfAssessment> self_assessments;
  std::vector<CompetenceTarget> competence_targets;
  std::vector<std::string> pending_assessments;
  // Team presence (load_presence): the server's last answer about the person's team.
  PresenceData presence;
  // Team (load_team): the requests whose decision waits to be sent.
  std::vector<Id> pending_decisions;
  // Home (load_home): synchronisation, refused changes, and the answers to awaited changes.
  SyncSummary sync;
  std::vector<ConflictSummary> conflicts;
  // The state of each AwaitedChange the load was asked about (mutation id, outcome).
  std::vector<std::pair<std::int64_t, ChangeOutcome>> outcomes;
};

// Requests from background results to the controller (Controller::apply_worker_updates): an
// update can only change state, so it leaves a note, and the UI thread acts on it.
struct Requests {
  bool reload_data = false;  // the store changed behind the loaded data (a sync pushed or pulled)
  bool sync_soon = false;    // a local change was written: the sync thread should send it
};

enum class AppMode : unsigned char { personal, kiosk };

struct AppState {
  AppMode mode = AppMode::personal;
  Settings settings;
  ViewId view = ViewId::home;
  Date today{};
  // The instant the Desks view reasons with (a time already over, the check-in window, the hold of
  // accessible desks). Unset in the app, where now_of() reads the system clock; tests set it so that
  // a fixture day stays "today" whatever the date the tests run on.
  std::optional<Instant> now;
  ClientData data;
  DesksState desks;
  ScheduleState schedule;
  TrainingState training;
  KioskRegistry kiosks;      // Settings, for facility admins
  bool exporting_my_data = false;  // Settings: "What is stored about me" is being fetched and written
  TeamState team;            // the Team page, for managers
  std::string notice;        // something the person should know (e.g. the cache was rebuilt)
  std::vector<Toast> toasts;           // newest last
  std::uint64_t next_toast_id = 1;
  std::vector<AwaitedChange> awaited;  // bookings and cancellations not answered by the server yet
  std::vector<MonthApproval> approvals;  // from the server's last answer; empty while unknown
  std::string error;         // something that went wrong and needs attention
  std::string data_folder;   // shown in Settings
  std::string config_file;   // shown in Settings
  std::string server_url;    // from --server or the settings file: prefills the sign-in form
  bool local_demo = false;   // started with --demo-data: usable without signing in
  SessionInfo session;
  ConnectionState connection;
  Requests requests;
};

inline Instant now_of(const AppState& state) {
  if (state.now) return *state.now;
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The sign-in screen replaces the views while nobody is signed in — except on local demo data
// that never had a session, where the views work offline until the person asks to sign in.
inline bool needs_sign_in(const AppState& state) {
  if (state.mode != AppMode::personal || !state.session.known || state.session.signed_in) return false;
  if (state.local_demo && !state.session.exists) return state.session.form_requested;
  return true;
}

}  // namespace stellwerk::client
