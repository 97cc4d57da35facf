// The command-line commands. Each command opens the local store, does its work through the same
// sync engine and local-change functions as the window, and maps the result to an exit code.
// Messages are English on purpose: scripts match on them and on the exit codes, which are the
// contract (docs/cli.md); the window is where people read translated text.
#include "commands.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "calendar_export.hpp"
#include "certificate_command.hpp"
#include "config.hpp"
#include "my_data_export.hpp"
#include "outbox_command.hpp"
#include "place_listing.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/secret.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"

namespace stellwerk::client {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kDefaultServer = "http://127.0.0.1:8080";
constexpr int kDefaultBookingDays = 28;

// Options of the window that take a value: their values are not commands.
constexpr std::array<std::string_view, 13> kOptionsWithValue{"--data",   "--server", "--lang",      "--scale",
                                                             "--theme",  "--config", "--demo-data", "--screenshot",
                                                             "--view",   "--layout", "--frames",    "--pin",
                                                             "--place"};

// A failure with its exit code, thrown inside a command and reported in one place.
struct CommandError {
  int code;
  std::string message;
};

[[noreturn]] void fail(int code, std::string message) { throw CommandError{code, std::move(message)}; }

Date parse_date_or_fail(std::string_view option, const std::string& text) {
  if (auto day = parse_date(text)) return *day;
  fail(kExitUsage, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", option, text));
}

MinuteOfDay parse_time_or_fail(std::string_view option, const std::string& text) {
  // "HH:MM", 00:00 to 24:00.
  if (text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
      std::isdigit(static_cast<unsigned char>(text[1])) && std::isdigit(static_cast<unsigned char>(text[3])) &&
      std::isdigit(static_cast<unsigned char>(text[4]))) {
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (minutes < 60 && (hours < 24 || (hours == 24 && minutes == 0))) return hours * 60 + minutes;
  }
  fail(kExitUsage, fmt::format("{}: '{}' is not a time (HH:MM)", option, text));
}

template <typename Enum>
Enum parse_enum_or_fail(std::string_view what, const std::string& text, std::string_view choices) {
  if (auto value = parse_enum<Enum>(text)) return *value;
  fail(kExitUsage, fmt::format("{}: '{}' is not one of {}", what, text, choices));
}

std::string rfc3339_utc(Instant t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

// Where the store is and which server to sign in at: option, else settings file, else default.
struct Place {
  std::filesystem::path data_dir;
  std::optional<std::string> server;
  std::vector<std::string> pins;
  i18n::Language language = i18n::Language::de;  // of what people read in exported files
};

Place find_place(const std::string& data_option, const std::string& server_option,
                 const std::vector<std::string>& pin_options) {
  auto config = load_config(default_config_file());
  if (!config) fail(kExitUsage, fmt::format("bad settings file: {}", config.error()));
  Place place;
  place.data_dir = !data_option.empty() ? std::filesystem::path(data_option) : config->data.value_or(default_data_dir());
  if (!server_option.empty()) place.server = server_option;
  else if (config->server) place.server = config->server;
  place.pins = !pin_options.empty() ? pin_options : config->pins;
  place.language = config->language.value_or(i18n::language_from_environment());
  return place;
}

store::LocalStore open_store(const std::filesystem::path& dir) {
  auto opened = store::LocalStore::open(dir);
  if (!opened) fail(kExitStoreFailed, opened.error());
  const auto& report = opened->open_report();
  if (report.rebuilt_after_corruption) {
    std::fprintf(stderr, "stellwerk: the local store was damaged and rebuilt (%d queued changes recovered; damaged copy: %s)\n",
                 report.recovered_outbox_entries, report.damaged_copy.c_str());
  }
  return std::move(*opened);
}

Secret read_password() {
  if (const char* from_env = std::getenv("STELLWERK_PASSWORD"); from_env != nullptr) return Secret{from_env};
  std::string line;
  if (!std::getline(std::cin, line)) fail(kExitUsage, "no password: set STELLWERK_PASSWORD or pass it on stdin");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Secret{std::move(line)};
}

void print_conflict(const store::LocalStore& store, const sync::Conflict& conflict) {
  std::string line = fmt::format("rejected: {} {} (change {}): {}", conflict.method, conflict.path, conflict.mutation_id,
                                 conflict.problem.code);
  if (!conflict.problem.title.empty()) line += " — " + conflict.problem.title;
  std::fprintf(stderr, "stellwerk: %s\n", line.c_str());
  if (!conflict.alternatives.empty()) {
    std::string names;
    for (const Resource& r : conflict.alternatives) {
      if (!names.empty()) names += ", ";
      names += fmt::format("{} ({})", r.name, r.id);
    }
    std::fprintf(stderr, "stellwerk:   nearest free with the same features: %s\n", names.c_str());
  }
  (void)store;
}

int exit_code_for(const sync::SyncReport& report) {
  switch (report.outcome) {
    case sync::SyncOutcome::synced: return kExitOk;
    case sync::SyncOutcome::rejected: return kExitRejected;
    case sync::SyncOutcome::offline: return kExitUnreachable;
    default: return kExitSignedOut;
  }
}

int report_sync(const store::LocalStore& store, const sync::SyncReport& report) {
  for (const sync::Conflict& conflict : report.rejected) print_conflict(store, conflict);
  const auto status = store.sync_status();
  switch (report.outcome) {
    case sync::SyncOutcome::synced:
    case sync::SyncOutcome::rejected:
      std::fprintf(stderr, "stellwerk: synced: %d sent, %d rejected, %d received\n", report.pushed,
                   static_cast<int>(report.rejected.size()), report.pulled);
      break;
    case sync::SyncOutcome::offline:
      std::fprintf(stderr, "stellwerk: %s; %d changes stay queued\n", report.message.c_str(), status.pending);
      break;
    default:
      std::fprintf(stderr, "stellwerk: not signed in or the session has ended; run 'stellwerk login USER' (%d changes stay queued)\n",
                   status.pending);
      break;
  }
  return exit_code_for(report);
}

Json booking_json(const Booking& b, const std::set<std::string>& pending) {
  return Json{{"id", b.id},
              {"resource_id", b.resource_id},
              {"start", rfc3339_utc(b.start)},
              {"end", rfc3339_utc(b.end)},
              {"state", to_string(b.state)},
              {"pending", pending.contains(store::booking_key(b.id))}};
}

std::string local_time_text(Instant t) {
  const MinuteOfDay m = local_minute(t);
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

// The first word of argv that is neither an option nor an option's value.
std::optional<std::string_view> command_word(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return i + 1 < argc ? std::optional<std::string_view>{argv[i + 1]} : std::nullopt;
    if (std::find(kOptionsWithValue.begin(), kOptionsWithValue.end(), arg) != kOptionsWithValue.end()) {
      ++i;  // its value
      continue;
    }
    if (!arg.starts_with('-')) return arg;
  }
  return std::nullopt;
}

// A malformed or refused --server is a usage error (exit 2), found before anything else happens.
void check_server_or_fail(const std::string& server, bool insecure_http) {
  net::TransportOptions options;
  options.allow_insecure_http = insecure_http;
  auto client = net::HttpClient::create(server, options);  // checks the address; no network
  if (client) return;
  fail(kExitUsage, fmt::format("--server: '{}' {}", server,
                               client.error().kind == net::TransportErrorKind::insecure_refused
                                   ? "is plain http:// to another machine; use https:// (or --insecure-http)"
                                   : "is not a server address such as https://stellwerk.example"));
}

// `stellwerk resources`: one line (or JSON object) per cached place with its id and state.
int print_places(const store::LocalStore& local, const std::optional<Id>& building, Date day, bool json) {
  const auto rows = list_places(local, building, day, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!rows) {
    std::string known;
    for (const Building& b : local.buildings()) known += (known.empty() ? "" : ", ") + b.id;
    fail(kExitUsage, fmt::format("--building: '{}' is not a building in the local cache (known: {})", *building,
                                 known.empty() ? "none; run 'stellwerk sync' first" : known));
  }
  if (json) {
    Json out = Json::array();
    for (const PlaceRow& row : *rows) {
      out.push_back(Json{{"id", row.resource.id},
                         {"type", to_string(row.resource.type)},
                         {"name", row.resource.name},
                         {"building_id", row.building.id},
                         {"floor_id", row.floor.id},
                         {"features", row.resource.features},
                         {"state", to_string(row.state)},
                         {"reason", row.reason.empty() ? Json(nullptr) : Json(row.reason)},
                         {"booking_id", row.booking_id ? Json(*row.booking_id) : Json(nullptr)}});
    }
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  if (rows->empty()) std::printf("No places in the local cache; run 'stellwerk sync' first.\n");
  for (const PlaceRow& row : *rows) {
    std::string state{to_string(row.state)};
    if (!row.reason.empty()) state += " (" + row.reason + ")";
    if (row.booking_id) state += " " + *row.booking_id;
    std::printf("%-14s %-8s %-26s %-22s %s\n", row.resource.id.c_str(), std::string(to_string(row.resource.type)).c_str(),
                row.resource.name.c_str(), fmt::format("{}, {}", row.building.name, row.floor.name).c_str(), state.c_str());
  }
  std::fprintf(stderr, "stellwerk: %zu places on %s (whole day), as the local cache knows them\n", rows->size(),
               format_date(day).c_str());
  return kExitOk;
}

// Every option's value of a command line, and the command named (CLI11 fills them while parsing).
struct CommandArgs {
  std::string data_option, server_option;
  bool insecure_http = false;
  std::vector<std::string> pin_options;
  bool json = false;
  std::string username;
  std::string resource, day_text, slot_text, from_time, to_time, building;
  std::string id, file, signature_file;
  std::string range_from, range_to;
  std::string mode_text, half_text;
  bool actual = false;
  CLI::App* login = nullptr;
  CLI::App* logout = nullptr;
  CLI::App* sync = nullptr;
  CLI::App* status = nullptr;
  CLI::App* resources = nullptr;
  CLI::App* book = nullptr;
  CLI::App* cancel = nullptr;
  CLI::App* check_in = nullptr;
  CLI::App* bookings = nullptr;
  CLI::App* plan = nullptr;
  CLI::App* workdays = nullptr;
  CLI::App* outbox = nullptr;
  CLI::App* export_ics = nullptr;
  CLI::App* export_my_data = nullptr;
  CLI::App* certificate_export = nullptr;
  CLI::App* certificate_verify = nullptr;
};

// The commands and their options (docs/cli.md), one after the other as `stellwerk --help` lists
// them.
void declare_commands(CLI::App& app, CommandArgs& a) {
  app.require_subcommand(1, 1);
  app.footer(std::string{exit_codes_help()});
  app.fallthrough();  // global options may also come after the command
  app.add_option("--data", a.data_option, "Folder of the local store (default: $XDG_DATA_HOME/stellwerk)");
  app.add_option("--server", a.server_option, "Server URL for login (default: http://127.0.0.1:8080)");
  app.add_flag("--insecure-http", a.insecure_http, "Allow plain http:// to a server that is not on this machine");
  app.add_option("--pin", a.pin_options, "Server public-key pin sha256//<base64>; repeat for a backup key");

  a.login = app.add_subcommand("login", "Sign in (password from STELLWERK_PASSWORD or stdin) and sync");
  a.login->add_option("user", a.username, "User name")->required();
  a.logout = app.add_subcommand("logout", "Sign out; queued changes stay queued");
  a.sync = app.add_subcommand("sync", "Send queued changes, then fetch the server's changes");
  a.status = app.add_subcommand("status", "Sync state");
  a.status->add_flag("--json", a.json, "Print JSON only");

  a.resources = app.add_subcommand("resources", "Places (desks, rooms, parking) with their ids and state on a day");
  a.resources->add_option("--building", a.building, "Only this building (id)");
  a.resources->add_option("--date", a.day_text, "Day (YYYY-MM-DD, default today)");
  a.resources->add_flag("--json", a.json, "Print JSON only");
  a.book = app.add_subcommand("book", "Queue a booking");
  a.book->add_option("--resource", a.resource, "Desk, room or parking id")->required();
  a.book->add_option("--date", a.day_text, "Day (YYYY-MM-DD)")->required();
  auto* slot_option = a.book->add_option("--slot", a.slot_text, "day, am or pm (default day)");
  auto* from_option = a.book->add_option("--from", a.from_time, "Start time HH:MM");
  auto* to_option = a.book->add_option("--to", a.to_time, "End time HH:MM");
  from_option->needs(to_option);
  to_option->needs(from_option);
  slot_option->excludes(from_option);
  slot_option->excludes(to_option);

  a.cancel = app.add_subcommand("cancel", "Queue the cancellation of a booking");
  a.cancel->add_option("id", a.id, "Booking id")->required();
  a.check_in = app.add_subcommand("check-in", "Queue a check-in");
  a.check_in->add_option("id", a.id, "Booking id")->required();

  a.bookings = app.add_subcommand("bookings", "Bookings from the cache");
  a.bookings->add_option("--from", a.range_from, "First day (default today)");
  a.bookings->add_option("--to", a.range_to, "Last day (default four weeks on)");
  a.bookings->add_flag("--json", a.json, "Print JSON only");

  a.plan = app.add_subcommand("plan", "Plan (or record) a day: office, remote, leave, training, travel, off");
  a.plan->add_option("date", a.day_text, "Day (YYYY-MM-DD)")->required();
  a.plan->add_option("mode", a.mode_text, "office, remote, leave, training, travel or off")->required();
  a.plan->add_option("--half", a.half_text, "am or pm (default: the whole day)");
  a.plan->add_flag("--actual", a.actual, "Record what happened instead of planning");

  a.workdays = app.add_subcommand("workdays", "Planned and actual days from the cache");
  a.workdays->add_option("--from", a.range_from, "First day")->required();
  a.workdays->add_option("--to", a.range_to, "Last day")->required();
  a.workdays->add_flag("--json", a.json, "Print JSON only");

  a.outbox = app.add_subcommand("outbox", "Queued changes and their state");
  a.outbox->add_flag("--json", a.json, "Print JSON only");

  a.export_ics = app.add_subcommand("export-ics", "Write bookings, planned days and training due dates to an iCalendar file");
  a.export_ics->add_option("file", a.file, "The .ics file to write (replaced whole, or left as it was)")->required();
  a.export_ics->add_option("--from", a.range_from, "First day (default today)");
  a.export_ics->add_option("--to", a.range_to, "Last day (default eight weeks after --from)");
  a.export_my_data = app.add_subcommand("export-my-data", "Write everything the server and this device store about you to a JSON file");
  a.export_my_data->add_option("file", a.file, "The .json file to write (replaced whole, readable by you only)")->required();

  auto* certificate = app.add_subcommand("certificate", "A training certificate as files, and their check");
  certificate->require_subcommand(1, 1);
  a.certificate_export = certificate->add_subcommand("export", "Write the signed certificate, signature and key");
  a.certificate_export->add_option("enrollment", a.id, "Enrolment id of a completed course")->required();
  a.certificate_export->add_option("dir", a.file, "Folder to write the three files into")->required();
  a.certificate_verify = certificate->add_subcommand("verify", "Check a certificate file against the pinned key");
  a.certificate_verify->add_option("document", a.file, "The certificate's text file")->required();
  a.certificate_verify->add_option("signature", a.signature_file, "Its raw signature file (.sig)")->required();
}

// `book`: arguments are checked before the store is opened, so a typo changes nothing.
int book_command(const Place& place, const CommandArgs& a) {
  const Date day = parse_date_or_fail("--date", a.day_text);
  std::optional<HalfDay> half;
  MinuteOfDay from = 0, to = 0;
  if (!a.from_time.empty()) {
    from = parse_time_or_fail("--from", a.from_time);
    to = parse_time_or_fail("--to", a.to_time);
    if (to <= from) fail(kExitUsage, fmt::format("--to {} is not after --from {}", a.to_time, a.from_time));
  } else {
    half = a.slot_text.empty() ? HalfDay::day : parse_enum_or_fail<HalfDay>("--slot", a.slot_text, "day, am, pm");
  }
  store::LocalStore local = open_store(place.data_dir);
  // A place the cache does not know would only come back refused after the next sync.
  if (!local.resource(a.resource)) {
    fail(kExitUsage, fmt::format("--resource: '{}' is not a place in the local cache; list them with "
                                 "'stellwerk resources' (after 'stellwerk sync')", a.resource));
  }
  if (half) {
    const SlotTimes slot = sync::slot_times(local, *half);
    from = slot.start;
    to = slot.end;
  }
  const Booking booking = sync::queue_booking(local, a.resource, to_instant(day, from), to_instant(day, to));
  std::printf("%s\n", booking.id.c_str());
  std::fprintf(stderr, "stellwerk: booking of %s on %s %s–%s queued\n", a.resource.c_str(), format_date(day).c_str(),
               local_time_text(booking.start).c_str(), local_time_text(booking.end).c_str());
  return kExitOk;
}

// `plan`: arguments are checked before the store is opened, as for `book`.
int plan_command(const Place& place, const CommandArgs& a) {
  const Date day = parse_date_or_fail("date", a.day_text);
  const WorkMode mode = parse_enum_or_fail<WorkMode>("mode", a.mode_text, "office, remote, leave, training, travel, off");
  const HalfDay half = a.half_text.empty() ? HalfDay::day : parse_enum_or_fail<HalfDay>("--half", a.half_text, "am, pm");
  if (half == HalfDay::day && !a.half_text.empty()) fail(kExitUsage, "--half: use am or pm, or leave it out for the whole day");
  store::LocalStore local = open_store(place.data_dir);
  sync::queue_workday(local, Workday{day, half, mode, a.actual ? WorkdayKind::actual : WorkdayKind::planned});
  std::fprintf(stderr, "stellwerk: %s %s %s queued\n", format_date(day).c_str(), std::string(to_string(half)).c_str(),
               a.mode_text.c_str());
  return kExitOk;
}

int login_command(const Place& place, store::LocalStore& local, sync::SyncEngine& engine, const std::string& username) {
  const std::string server =
      place.server.value_or(local.session() ? local.session()->server_url : std::string{kDefaultServer});
  const Secret password = read_password();
  const sync::LoginResult result = engine.login(server, username, password.view());
  switch (result.outcome) {
    case sync::LoginOutcome::signed_in:
      std::fprintf(stderr, "stellwerk: signed in as %s at %s\n", username.c_str(), server.c_str());
      return result.first_sync ? report_sync(local, *result.first_sync) : kExitOk;
    case sync::LoginOutcome::bad_credentials: fail(kExitSignedOut, result.message);
    case sync::LoginOutcome::unreachable: fail(kExitUnreachable, result.message);
    default: fail(result.problem ? kExitSignedOut : kExitStoreFailed, result.message);  // e.g. no person record
  }
}

int status_command(store::LocalStore& local, sync::SyncEngine& engine, bool json) {
  const store::SyncStatus s = local.sync_status();
  const auto session = local.session();
  const bool online = session && engine.probe();
  if (json) {
    const Json out{{"online", online},
                   {"pending", s.pending},
                   {"rejected", s.rejected},
                   {"last_sync", s.last_sync ? Json(rfc3339_utc(*s.last_sync)) : Json(nullptr)},
                   {"cursor", s.cursor}};
    std::printf("%s\n", out.dump().c_str());
  } else {
    const std::string who = session && !session->token.empty()
                                ? fmt::format("signed in as {} at {}", session->username, session->server_url)
                                : std::string{"not signed in"};
    std::printf("%s; %s; %d pending, %d rejected; last sync %s\n", who.c_str(), online ? "online" : "offline",
                s.pending, s.rejected, s.last_sync ? rfc3339_utc(*s.last_sync).c_str() : "never");
  }
  return kExitOk;
}

int bookings_command(const store::LocalStore& local, std::optional<Date> first, std::optional<Date> last, bool json) {
  const Date today = today_in_berlin();
  const Date from = first.value_or(today);
  const Date to = last.value_or(add_days(from, kDefaultBookingDays - 1));
  const auto pending = local.pending_entities();
  const auto list = local.my_bookings(from, to);
  if (json) {
    Json out = Json::array();
    for (const Booking& b : list) out.push_back(booking_json(b, pending));
    std::printf("%s\n", out.dump().c_str());
  } else {
    if (list.empty()) std::printf("No bookings from %s to %s.\n", format_date(from).c_str(), format_date(to).c_str());
    for (const Booking& b : list) {
      std::printf("%s  %s %s–%s  %-12s %s%s\n", b.id.c_str(), format_date(local_date(b.start)).c_str(),
                  local_time_text(b.start).c_str(), local_time_text(b.end).c_str(), std::string(to_string(b.state)).c_str(),
                  b.resource_id.c_str(), pending.contains(store::booking_key(b.id)) ? "  (pending)" : "");
    }
  }
  return kExitOk;
}

int workdays_command(const store::LocalStore& local, Date first, Date last, bool json) {
  const auto pending = local.pending_entities();
  const auto list = local.my_workdays(first, last);
  if (json) {
    Json out = Json::array();
    for (const Workday& w : list) {
      out.push_back(Json{{"date", format_date(w.date)},
                         {"half", to_string(w.half)},
                         {"mode", to_string(w.mode)},
                         {"kind", to_string(w.kind)},
                         {"pending", pending.contains(store::workday_key(w.date, w.kind))}});
    }
    std::printf("%s\n", out.dump().c_str());
  } else {
    if (list.empty()) std::printf("Nothing planned from %s to %s.\n", format_date(first).c_str(), format_date(last).c_str());
    for (const Workday& w : list) {
      std::printf("%s  %-3s  %-8s %s%s\n", format_date(w.date).c_str(), std::string(to_string(w.half)).c_str(),
                  std::string(to_string(w.mode)).c_str(), std::string(to_string(w.kind)).c_str(),
                  pending.contains(store::workday_key(w.date, w.kind)) ? "  (pending)" : "");
    }
  }
  return kExitOk;
}

// `export-ics`: the dates were checked before the store was opened; summaries in the person's language.
int export_ics_command(const Place& place, const store::LocalStore& local, std::optional<Date> first,
                       std::optional<Date> last, const std::string& file) {
  const Date from = first.value_or(today_in_berlin());
  const DateRange range{from, last.value_or(calendar_export_range(from).last)};
  if (date::sys_days{range.last} < date::sys_days{from}) fail(kExitUsage, "--to: the day is before today; give --from too");
  assets::activate_language(place.language);
  const auto written = export_calendar(local, range, file, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!written) fail(kExitUsage, written.error());
  std::fprintf(stderr, "stellwerk: %zu events from %s to %s written to %s\n", *written, format_date(range.first).c_str(),
               format_date(range.last).c_str(), file.c_str());
  return kExitOk;
}

// The parsed command run on the local store (and the server, for login, logout, sync and status).
int run_parsed(const CommandArgs& a) {
  const Place place = find_place(a.data_option, a.server_option, a.pin_options);
  net::TransportOptions transport;
  transport.allow_insecure_http = a.insecure_http;
  transport.pinned_public_keys = place.pins;
  if (!a.server_option.empty()) check_server_or_fail(a.server_option, a.insecure_http);
  if (*a.book) return book_command(place, a);
  if (*a.plan) return plan_command(place, a);
  // Arguments are checked before the store is opened, so a typo changes nothing.
  std::optional<Date> first, last;
  if (!a.range_from.empty()) first = parse_date_or_fail("--from", a.range_from);
  if (!a.range_to.empty()) last = parse_date_or_fail("--to", a.range_to);
  if (first && last && date::sys_days{*last} < date::sys_days{*first}) {
    fail(kExitUsage, fmt::format("--from {} is after --to {}", a.range_from, a.range_to));
  }
  std::optional<Date> resources_day;
  if (*a.resources) resources_day = a.day_text.empty() ? today_in_berlin() : parse_date_or_fail("--date", a.day_text);

  store::LocalStore local = open_store(place.data_dir);
  // The server words its refusals in the person's language (LANG), which the window shows too.
  sync::SyncEngine engine(local, transport, std::string{i18n::to_code(i18n::language_from_environment())});
  if (*a.login) return login_command(place, local, engine, a.username);
  if (*a.logout) {
    engine.logout();
    std::fprintf(stderr, "stellwerk: signed out; %d changes stay queued\n", local.sync_status().pending);
    return kExitOk;
  }
  if (*a.sync) return report_sync(local, engine.sync());
  if (*a.resources) {
    return print_places(local, a.building.empty() ? std::nullopt : std::optional<Id>{a.building}, *resources_day, a.json);
  }
  if (*a.status) return status_command(local, engine, a.json);
  if (*a.export_my_data) return export_my_data_command(engine, a.file);
  if (*a.cancel || *a.check_in) {
    if (*a.cancel) sync::queue_cancel(local, a.id);
    else sync::queue_check_in(local, a.id);
    std::fprintf(stderr, "stellwerk: %s of %s queued\n", *a.cancel ? "cancellation" : "check-in", a.id.c_str());
    return kExitOk;
  }
  if (*a.bookings) return bookings_command(local, first, last, a.json);
  if (*a.workdays) return workdays_command(local, *first, *last, a.json);
  if (*a.outbox) return outbox_command(local, a.json);
  if (*a.export_ics) return export_ics_command(place, local, first, last, a.file);
  if (*a.certificate_export) return certificate_export_command(local, a.id, a.file);
  if (*a.certificate_verify) return certificate_verify_command(local, a.file, a.signature_file);
  fail(kExitUsage, "no command given");
}

}  // namespace

std::string_view exit_codes_help() {
  return "Exit codes: 0 done; 1 the local store failed; 2 wrong command line, unknown place or a file "
         "that cannot be written (nothing changed); 3 the server cannot be reached (changes stay queued); 4 the server "
         "refused a change (listed on stderr); 5 not signed in or the session ended; 6 a certificate that does not "
         "verify.";
}

std::string_view commands_help() {
  return "login USER, logout, sync, status [--json], resources [--building ID] [--date DATE] [--json], "
         "book --resource ID --date DATE, cancel ID, check-in ID, bookings [--json], plan DATE MODE, "
         "workdays --from --to [--json], outbox [--json], export-ics FILE [--from DATE] [--to DATE], "
         "export-my-data FILE, certificate export ENROLLMENT_ID DIR, certificate verify DOCUMENT SIGNATURE";
}

bool names_command(int argc, const char* const* argv) { return command_word(argc, argv).has_value(); }

int run_command(int argc, const char* const* argv) {
  constexpr std::array<std::string_view, 15> kCommands{
      "login", "logout",   "sync",   "status",     "resources",      "book",       "cancel",   "check-in",
      "bookings", "plan", "workdays", "outbox", "export-ics", "export-my-data", "certificate"};
  if (const auto word = command_word(argc, argv);
      word && std::find(kCommands.begin(), kCommands.end(), *word) == kCommands.end()) {
    std::fprintf(stderr, "stellwerk: unknown command '%.*s'; commands: %s (see docs/cli.md)\n",
                 static_cast<int>(word->size()), word->data(), std::string(commands_help()).c_str());
    return kExitUsage;
  }
  CLI::App app{"Stellwerk on the command line: sign in, queue changes, sync. See docs/cli.md.", "stellwerk"};
  CommandArgs args;
  declare_commands(app, args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out, err;
    const int code = app.exit(e, out, err);
    if (code == 0) {
      std::fputs(out.str().c_str(), stdout);
      return kExitOk;
    }
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::fprintf(stderr, "stellwerk: %s (see 'stellwerk --help' and docs/cli.md)\n", message.c_str());
    return kExitUsage;
  }
  try {
    return run_parsed(args);
  } catch (const CommandError& e) {
    std::fprintf(stderr, "stellwerk: %s\n", e.message.c_str());
    return e.code;
  } catch (const std::exception& e) {
    // store::Error: the disk is full, the file is locked for too long, …
    std::fprintf(stderr, "stellwerk: the local store failed: %s\n", e.what());
    return kExitStoreFailed;
  }
}

}  // namespace stellwerk::client
