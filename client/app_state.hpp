// Everything the UI shows, in one place. Views read an AppState and emit Intents (intents.hpp);
// only the UI thread changes an AppState, by applying intents and the results the background
// worker hands over. Nothing here knows about SQLite or HTTP: the worker converts store records
// into these plain values.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stellwerk/core/change_kind.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

enum class ViewId : unsigned char { home, desks, schedule, training, settings, COUNT };

struct Settings {
  i18n::Language language = i18n::Language::de;
  ui::ThemeId theme = ui::ThemeId::light;
  float scale = 1.0f;  // 1.0 … 2.0
};

// A booking with the names a person needs to recognise it.
struct BookingSummary {
  Booking booking;
  std::string resource_name;
  ResourceType resource_type = ResourceType::desk;
  std::string building_name;
  std::string floor_name;
  bool pending = false;  // a change to it waits in the outbox: shown as "pending" until sent
};

// What the store says about synchronisation. Written by the worker's loads and, after each round,
// by the sync thread (whichever read the store last is the newer; see Controller).
struct SyncSummary {
  bool server_configured = false;  // false: the client runs on local data only
  int pending = 0;
  int rejected = 0;
  std::optional<Instant> last_sync;
};

// The kind of a queued change (core), for naming a refused one in words (labels.cpp).
using ChangeKind = stellwerk::ChangeKind;

// A place the person can book instead of the refused one.
struct AlternativeSummary {
  Id resource_id;
  std::string name;
  ResourceType type = ResourceType::desk;
  std::string building_name;
  std::string floor_name;
};

// A change the server refused for good (sync::Conflict), with the names a person recognises.
struct ConflictSummary {
  std::int64_t mutation_id = 0;
  ChangeKind kind = ChangeKind::other;
  std::string subject;        // "Desk 03", a course title, a date: what the change was about
  Id resource_id;             // for a booking: the place refused
  std::optional<Instant> start;
  std::optional<Instant> end;
  std::optional<Date> day;    // for a plan
  std::string problem_title;  // the server's words, in the person's language
  std::string problem_code;   // "desk_taken": for the fallback text when the title is empty
  std::vector<AlternativeSummary> alternatives;  // for a refused booking, nearest first; only when another place helps
  // "already_booked": the person's own booking that holds that time, to move instead of booking twice.
  std::optional<BookingSummary> existing;
};

// Whether booking another place can get round a refusal with this code (core's rule).
inline bool another_place_helps(std::string_view code) {
  const auto reason = parse_refusal(code);
  return reason && stellwerk::another_place_helps(*reason);
}

// What became of a queued change the person was told about (AwaitedChange), as the store has it.
enum class ChangeOutcome : unsigned char { pending, confirmed, refused, gone, COUNT };  // gone: not in the store

// A booking or cancellation whose answer from the server the person is told about in a notice.
struct AwaitedChange {
  std::int64_t mutation_id = 0;
  ChangeKind kind = ChangeKind::booking;
  std::string what;  // "EG-01, Thursday, 26 November 2026 08:00–17:00": named when it was queued
};

// A short notice about something the person did (widgets/notice.hpp draws it): queued and pending,
// confirmed by the server, or refused with the reason. It stays at least kToastSeconds and as long
// as the pointer or the keyboard focus is on it; Escape or its close button dismisses it.
enum class ToastKind : unsigned char { pending, confirmed, refused, COUNT };
struct Toast {
  std::uint64_t id = 0;
  ToastKind kind = ToastKind::pending;
  std::string text;
  Instant shown_at{};
};
inline constexpr int kToastSeconds = 8;
inline constexpr std::size_t kToastsShown = 3;  // older ones are dropped: a notice is not a log

// A building closed on a day (from the changes feed).
struct ClosedDay {
  Id building_id;
  Date day{};
  std::string reason;
};

// The person's request to go over the department's remote limit in one month, as the server last
// said (read after each sync round; not kept offline). The same enumerators as sync::ApprovalState.
enum class ApprovalState : unsigned char { none, pending, approved, rejected, COUNT };
struct MonthApproval {
  int year = 0;
  unsigned month = 0;  // 1..12
  ApprovalState state = ApprovalState::none;
};

// The data the worker loaded from the local store.
struct ClientData {
  bool loaded = false;
  std::optional<Employee> me;
  std::optional<Department> department;
  std::vector<Building> buildings;
  std::vector<BookingSummary> bookings;  // today and later, by start
  std::vector<BookingSummary> recent_bookings;  // the last kRecentBookingDays before today, newest first
  std::vector<Favourite> favourites;     // by when they were added
  std::vector<Id> pending_favourites;    // resource ids whose favourite mark waits to be sent
  std::vector<ClosedDay> closures;       // of every building, today to the end of the booking horizon
  std::vector<Workday> workdays;         // the weeks around ScheduleState::week_start
  std::vector<Course> courses;
  std::vector<Enrollment> enrollments;
  SyncSummary sync;
  // Entities with a change in the outbox (shown as pending at once, before any sync).
  std::vector<Date> pending_plan_days;   // days whose planned mode waits to be sent
  std::vector<Id> pending_enrollments;   // enrolment ids
  std::vector<ConflictSummary> conflicts;
  // The state of each AwaitedChange the load was asked about (mutation id, outcome).
  std::vector<std::pair<std::int64_t, ChangeOutcome>> outcomes;
};

// Who is signed in where, as the sync thread read it from the store (the session is shared with
// the command line). The password never appears here: it goes from the sign-in form straight
// into the SignIn intent and on to the sync thread.
struct SessionInfo {
  bool known = false;         // false until the sync thread has read the store
  bool exists = false;        // a server and user name are stored, signed in or not
  bool signed_in = false;     // a token is stored
  bool expired = false;       // the server refused the token (401): sign in again
  std::string server_url;
  std::string username;
  bool signing_in = false;    // an attempt is under way
  std::string sign_in_error;  // why the last attempt failed, in words
  bool form_requested = false;  // on local demo data: the person chose "Sign in" in Settings
};

enum class Connection : unsigned char { unknown, online, offline, COUNT };

// What the sync thread found out on its last round.
struct ConnectionState {
  Connection state = Connection::unknown;
  std::string offline_reason;  // one line, from the transport or the server
  bool syncing = false;        // a round (or a sign-in) is running now
};

// Requests from background results to the controller (Controller::apply_worker_updates): an
// update can only change state, so it leaves a note, and the UI thread acts on it.
struct Requests {
  bool reload_data = false;  // the store changed behind the loaded data (a sync pushed or pulled)
  bool sync_soon = false;    // a local change was written: the sync thread should send it
};

inline constexpr int kRecentBookingDays = 14;

// How the Desks view shows the floor: the plan, the same as a list, the meeting rooms' day
// timelines, or the person's own bookings.
enum class DeskLayout : unsigned char { plan, list, rooms, mine, COUNT };

// What the Desks view books: one of the department's slots, or a time range of the person's own.
enum class TimeChoice : unsigned char { day, am, pm, range, COUNT };

// Minutes after local midnight, start before end.
struct MinuteRange {
  MinuteOfDay start = 9 * 60;
  MinuteOfDay end = 10 * 60;
};

// Someone's booking of a resource on the floor shown, from the changes feed's occupancy: when,
// never who. The person's own bookings are not in this list (they are in ClientData::bookings).
struct BusyTime {
  Id resource_id;
  Instant start{};
  Instant end{};
};

// What a booking that covers several days did, shown until the person closes it: which days were
// booked or cancelled and which were skipped, each with the rule that stopped it.
struct BookingReport {
  enum class Kind : unsigned char { recurring, usual, cancel_range };
  struct Skipped {
    Date day{};
    std::string problem_code;  // a booking rule code of core/rules.hpp or the server ("desk_taken")
  };
  Kind kind = Kind::recurring;
  std::string resource_name;   // what was booked ("book my usual": the desk it chose)
  std::vector<Date> done;
  std::vector<Skipped> skipped;
};

struct DesksState {
  Id building_id;
  Id floor_id;
  Date day{};                       // the day shown and booked; unset until the first load picks the next bookable day
  TimeChoice time = TimeChoice::day;
  MinuteRange range;                // for TimeChoice::range
  DeskLayout layout = DeskLayout::plan;
  std::vector<std::string> required_features;  // wire names a resource must have to be shown
  bool only_free = false;
  std::vector<Resource> resources;  // of floor_id
  std::vector<BusyTime> busy;       // of floor_id on `day`, others' bookings only
  bool resources_loaded = false;
  Id selected;                      // the resource whose details and actions are shown; empty: none
  std::optional<BookingReport> report;
};

struct ScheduleState {
  Date week_start{};         // Monday of the week shown
  std::optional<Date> editing_day;
  HalfDay editing_half = HalfDay::day;
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
