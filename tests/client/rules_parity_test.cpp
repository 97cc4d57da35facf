// One table of booking, check-in and planning cases run through both sides of the product: the
// server's real HTTP routes (the in-process TestServer) and the client's own foresight of the
// answer (sync's foreseeable_* checks against a store synced from that server, the Desks and
// Home views' check-in offer, the Wochenplan's remote share). Each case requires the same answer
// from both and the answer the department's rules give, so a rule written twice and drifting
// apart fails here. The rules themselves live once in core/rules.hpp (docs/architecture.md).
//
// Two further tests draw the views a person looks at where the rules used to be written out
// again: the Home view's "Check in" button and the Wochenplan's "over the limit" mark.
#include <sqlite3.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "desks/desk_states.hpp"
#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "labels.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/sync/desk_booking.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "test_server.hpp"

namespace stellwerk::client {
namespace {

using server::testing::ApiClient;
using server::testing::ApiResponse;
using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;

constexpr Date day(int y, unsigned m, unsigned d) { return date::year{y} / date::month{m} / date::day{d}; }
Instant at(Date d, int hour, int minute = 0) { return to_instant(d, hour * 60 + minute); }

// The test server's clock starts on Tuesday 1 December 2026 at 07:00 in Berlin.
constexpr Date kToday = day(2026, 12, 1);

std::string url_of(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// The server's answer as a reason: nullopt for a 2xx, else the problem's code.
std::optional<std::string> answer_of(const ApiResponse& response) {
  if (response.status >= 200 && response.status < 300) return std::nullopt;
  return response.code();
}

std::optional<std::string> code_of(std::optional<Refusal> reason) {
  if (!reason) return std::nullopt;
  return std::string{wire_code(*reason)};
}

std::string shown(const std::optional<std::string>& answer) { return answer.value_or("(accepted)"); }

// One person: a client store synced from the server, and the same person's direct line to it.
struct Person {
  Person(TestServer& server, const std::string& username, const std::string& language = "en")
      : api(server.client_for(username)), engine(store, net::TransportOptions{}, language) {
    sync::RetryPolicy retries;
    retries.max_attempts = 2;
    retries.wait = [](std::chrono::milliseconds) { return true; };
    engine.set_retry_policy(retries);
    const auto login = engine.login(url_of(server.port()), username, "demo");
    EXPECT_EQ(login.outcome, sync::LoginOutcome::signed_in) << login.message;
  }
  void sync() {
    const auto report = engine.sync();
    EXPECT_EQ(report.outcome, sync::SyncOutcome::synced) << report.message;
  }
  TempDir dir{"stellwerk-rules"};
  store::LocalStore store = *store::LocalStore::open(dir.path());
  ApiClient api;
  sync::SyncEngine engine;
};

// Changes a department's policy in the server's database, as an administrator would; the next
// sync brings it to the client.
void set_department_policy(TestServer& server, const std::string& department, int remote_percent,
                           const std::string& over_quota) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server.data_dir() / "stellwerk-server.db").c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 10'000);
  const std::string sql = "UPDATE departments SET remote_share_percent = " + std::to_string(remote_percent) +
                          ", over_quota = '" + over_quota + "' WHERE id = '" + department + "'";
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

struct BookingCase {
  const char* name;
  const char* user;
  const char* resource;
  Date day;
  int from_hour;
  int to_hour;
  std::optional<std::string> expected;
};

class RulesParity : public ::testing::Test {
 protected:
  TestServer server;
  Person demo{server, "demo"};
  Person citizen{server, "citizens01"};

  Person& person(std::string_view user) { return user == "demo" ? demo : citizen; }

  // The Desks view's state for `resource`'s building on `d`, from the person's synced store, as
  // the worker loads it (load_desks, client/desks/desks_load.cpp).
  static AppState desks_state(Person& p, const Id& resource, Date d) {
    AppState state;
    state.today = kToday;
    state.data.me = p.store.me();
    state.data.department = p.store.department(state.data.me->department_id);
    for (Booking& b : p.store.my_bookings(add_days(kToday, -1), add_days(kToday, 60))) {
      BookingSummary summary;
      const auto held = p.store.resource(b.resource_id);
      summary.resource_type = held ? held->type : ResourceType::desk;
      summary.booking = std::move(b);
      state.data.bookings.push_back(std::move(summary));
    }
    for (store::Closure& c : p.store.closures(kToday, add_days(kToday, 60))) {
      state.data.closures.push_back(ClosedDay{std::move(c.building_id), c.date, std::move(c.reason)});
    }
    if (const auto r = p.store.resource(resource)) {
      state.desks.building_id = p.store.building_of_floor(r->floor_id).value_or("");
    }
    state.desks.day = d;
    return state;
  }

  // Runs one booking case through the client's foresight and the server; returns the new
  // booking's id when the server accepted it.
  std::optional<std::string> run(const BookingCase& c) {
    Person& p = person(c.user);
    p.sync();
    const Instant start = at(c.day, c.from_hour);
    const Instant end = at(c.day, c.to_hour);
    const Instant now = server.clock().now();
    const auto client = code_of(sync::foreseeable_refusal(p.store, c.resource, start, end, now));
    // What the Desks view's rules panel says about the time (the place aside).
    const auto desks_view = time_problem(desks_state(p, c.resource, c.day), Interval{start, end}, now);
    const ApiResponse response = p.api.post(
        "/api/v1/bookings",
        Json{{"resource_id", c.resource}, {"start", to_rfc3339(start)}, {"end", to_rfc3339(end)}});
    const auto answer = answer_of(response);
    EXPECT_EQ(shown(client), shown(answer)) << c.name << ": client and server disagree";
    EXPECT_EQ(shown(answer), shown(c.expected)) << c.name << ": " << response.raw;
    const bool about_the_time =
        answer && parse_refusal(*answer).has_value() &&
        std::set<Refusal>{Refusal::invalid_time_range, Refusal::past, Refusal::too_far_ahead,
                          Refusal::weekday_not_bookable, Refusal::holiday, Refusal::building_closed,
                          Refusal::too_many_upcoming}
            .contains(*parse_refusal(*answer));
    EXPECT_EQ(shown(desks_view), shown(about_the_time ? answer : std::nullopt))
        << c.name << ": the Desks view states another rule than the server applies";
    if (answer) return std::nullopt;
    return response.body.value("id", std::string{});
  }

  // Check-in at `now`: the server's answer, sync's foresight and the views' offer agree.
  void check_in(const char* name, const std::string& booking_id, Instant now, std::optional<std::string> expected) {
    server.clock().set(now);
    demo.sync();
    const auto client = code_of(sync::foreseeable_check_in_refusal(demo.store, booking_id, now));
    AppState state;
    state.data.department = demo.store.department(demo.store.me()->department_id);
    const auto booking = demo.store.booking(booking_id);
    ASSERT_TRUE(booking) << name;
    const bool offered = check_in_open(state, *booking, now);
    const ApiResponse response = demo.api.post("/api/v1/bookings/" + booking_id + "/check-in", Json::object());
    const auto answer = answer_of(response);
    EXPECT_EQ(shown(client), shown(answer)) << name << ": client and server disagree";
    // A booking already checked in offers nothing more, though the server answers a repeat kindly.
    if (booking->state == BookingState::booked) {
      EXPECT_EQ(offered, !answer.has_value()) << name << ": \"Check in\" is offered when the server refuses it, or "
                                                         "not offered when it would accept";
    }
    EXPECT_EQ(shown(answer), shown(expected)) << name << ": " << response.raw;
  }

  // Plans one entry: the server's answer and sync's foresight agree.
  void plan(const char* name, Person& p, const Workday& entry, std::optional<std::string> expected) {
    p.sync();
    const auto client = code_of(sync::foreseeable_plan_refusal(p.store, entry));
    const ApiResponse response =
        p.api.put("/api/v1/workdays/" + format_date(entry.date),
                  Json{{"half", to_string(entry.half)},
                       {"mode", to_string(entry.mode)},
                       {"kind", to_string(entry.kind)}});
    const auto answer = answer_of(response);
    EXPECT_EQ(shown(client), shown(answer)) << name << ": client and server disagree";
    EXPECT_EQ(shown(answer), shown(expected)) << name << ": " << response.raw;
  }

  // The month's totals as the server reports them and as the client computes them from its cache.
  void same_month(const char* name, Person& p, int year, unsigned month) {
    p.sync();
    const std::string ym = fmt::format("{:04}-{:02}", year, month);
    const Date first = day(year, month, 1);
    const Date last = date::year{year} / date::month{month} / date::last;
    const ApiResponse response =
        p.api.get("/api/v1/workdays?from=" + format_date(first) + "&to=" + format_date(last));
    ASSERT_EQ(response.status, 200) << response.raw;
    Json server_month;
    for (const Json& m : response.body["months"]) {
      if (m.value("month", "") == ym) server_month = m;
    }
    ASSERT_TRUE(server_month.is_object()) << name;
    const auto department = p.store.department(p.store.me()->department_id);
    ASSERT_TRUE(department);
    const RemoteMonth client = remote_month(department->policy, p.store.my_workdays(first, last), year, month);
    EXPECT_EQ(client.working_days, server_month["working_days"].get<int>()) << name;
    EXPECT_DOUBLE_EQ(client.remote_half_days / 2.0, server_month["remote_days"].get<double>()) << name;
    EXPECT_DOUBLE_EQ(client.share_percent, server_month["share_percent"].get<double>()) << name;
  }
};

TEST_F(RulesParity, BookingsGetTheSameAnswerFromTheClientAndTheServer) {
  // Someone else holds EG-03 on Friday 4 December; the town hall is closed on Wednesday 9 December.
  ApiClient colleague = server.client_for("employee0001");
  const ApiResponse taken =
      colleague.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-03"},
                                              {"start", to_rfc3339(at(day(2026, 12, 4), 8))},
                                              {"end", to_rfc3339(at(day(2026, 12, 4), 17))}});
  ASSERT_EQ(taken.status, 201) << taken.raw;
  ApiClient facility = server.client_for("facility");
  const ApiResponse closed = facility.post("/api/v1/buildings/bld_rathaus/closures",
                                           Json{{"date", "2026-12-09"}, {"reason", "Betriebsversammlung"}});
  ASSERT_EQ(closed.status, 201) << closed.raw;

  const std::vector<BookingCase> cases{
      {"a day in the past", "demo", "flr_rathaus_eg-01", day(2026, 11, 30), 8, 17, "past"},
      {"beyond the 28 days ahead", "demo", "flr_rathaus_eg-01", day(2027, 1, 5), 8, 17, "too_far_ahead"},
      {"a Saturday", "demo", "flr_rathaus_eg-01", day(2026, 12, 5), 8, 17, "weekday_not_bookable"},
      {"Christmas Day", "demo", "flr_rathaus_eg-01", day(2026, 12, 25), 8, 17, "holiday"},
      {"the building is closed", "demo", "flr_rathaus_eg-01", day(2026, 12, 9), 8, 17, "building_closed"},
      {"an accessible desk days ahead", "demo", "flr_rathaus_eg-25", day(2026, 12, 10), 8, 17, "accessible_held"},
      {"an accessible desk within the hold", "demo", "flr_rathaus_eg-25", kToday, 8, 17, std::nullopt},
      {"a second desk at the same time", "demo", "flr_rathaus_eg-01", kToday, 8, 17, "already_booked"},
      {"a desk someone else holds", "demo", "flr_rathaus_eg-03", day(2026, 12, 4), 8, 17, "desk_taken"},
      {"a meeting room", "demo", "room_ruhr", kToday, 9, 10, std::nullopt},
      // Bürgeramt: Monday to Thursday, at most five bookings at once.
      {"Bürgeramt on a Friday", "citizens01", "flr_nord_eg-01", day(2026, 12, 4), 8, 17, "weekday_not_bookable"},
      {"Bürgeramt booking 1", "citizens01", "flr_nord_eg-01", day(2026, 12, 1), 8, 17, std::nullopt},
      {"Bürgeramt booking 2", "citizens01", "flr_nord_eg-01", day(2026, 12, 2), 8, 17, std::nullopt},
      {"Bürgeramt booking 3", "citizens01", "flr_nord_eg-01", day(2026, 12, 3), 8, 17, std::nullopt},
      {"Bürgeramt booking 4", "citizens01", "flr_nord_eg-01", day(2026, 12, 7), 8, 17, std::nullopt},
      {"Bürgeramt booking 5", "citizens01", "flr_nord_eg-01", day(2026, 12, 8), 8, 17, std::nullopt},
      {"Bürgeramt booking 6: too many", "citizens01", "flr_nord_eg-01", day(2026, 12, 9), 8, 17, "too_many_upcoming"},
  };
  for (const BookingCase& c : cases) run(c);
}

TEST_F(RulesParity, CheckInGetsTheSameAnswerBeforeInsideAndAfterItsWindow) {
  // A desk from 08:00 (check-in 07:45 to the release at 08:30) and a room from 09:00 (08:45–09:30).
  const auto desk = run({"desk", "demo", "flr_rathaus_eg-01", kToday, 8, 17, std::nullopt});
  const auto room = run({"room", "demo", "room_ruhr", kToday, 9, 10, std::nullopt});
  ASSERT_TRUE(desk && room);
  check_in("desk before its window", *desk, at(kToday, 7, 44), "check_in_not_open");
  check_in("desk at its release time", *desk, at(kToday, 8, 30), "check_in_closed");
  check_in("room before its window", *room, at(kToday, 8, 44), "check_in_not_open");
  check_in("room inside its window", *room, at(kToday, 8, 45), std::nullopt);
  check_in("room again", *room, at(kToday, 8, 50), std::nullopt);
  check_in("desk long after its release", *desk, at(kToday, 10, 0), "check_in_closed");
}

TEST_F(RulesParity, PlansAndTheRemoteShareGetTheSameAnswers) {
  // Bürgeramt refuses more than 20 % remote: December 2026 has 22 working days, so 8.8 half-days.
  const auto remote = [](Date d, HalfDay half = HalfDay::day) {
    return Workday{d, half, WorkMode::remote, WorkdayKind::planned};
  };
  plan("remote on a Saturday", citizen, remote(day(2026, 12, 5)), "not_a_working_day");
  plan("remote on Christmas Day", citizen, remote(day(2026, 12, 25)), "holiday");
  plan("leave on a Saturday", citizen,
       Workday{day(2026, 12, 26), HalfDay::day, WorkMode::leave, WorkdayKind::planned}, std::nullopt);
  for (const unsigned d : {2u, 3u, 7u, 8u}) {
    plan("remote within the share", citizen, remote(day(2026, 12, d)), std::nullopt);
  }
  plan("half a day over the share", citizen, remote(day(2026, 12, 10), HalfDay::am), "quota_exceeded");
  plan("office instead", citizen, Workday{day(2026, 12, 10), HalfDay::am, WorkMode::office, WorkdayKind::planned},
       std::nullopt);
  same_month("December", citizen, 2026, 12);

  // 55 % of February 2027's 20 working days is exactly 11 days: the eleventh is within the share.
  // The engine fetches the policy when it signs in (a changed policy reaches a signed-in client
  // only with its next full copy), so a colleague signs in after the change.
  set_department_policy(server, "dep_citizens", 55, "refused");
  Person colleague{server, "citizens02"};
  const std::vector<unsigned> february{1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15};
  for (const unsigned d : february) plan("February within 55 %", colleague, remote(day(2027, 2, d)), std::nullopt);
  plan("February over 55 %", colleague, remote(day(2027, 2, 16), HalfDay::am), "quota_exceeded");
  same_month("February", colleague, 2027, 2);
  const auto department = colleague.store.department(colleague.store.me()->department_id);
  ASSERT_TRUE(department);
  EXPECT_EQ(department->policy.remote_share_percent, 55);
  EXPECT_FALSE(remote_month(department->policy, colleague.store.my_workdays(day(2027, 2, 1), day(2027, 2, 28)), 2027, 2)
                   .exceeded);
}

TEST_F(RulesParity, TheServerAnswersARefusalInTheLanguageTheClientAsksFor) {
  for (const auto language : {i18n::Language::de, i18n::Language::en}) {
    ApiClient api = server.client_for("demo");
    api.set_language(std::string{i18n::to_code(language)});
    const ApiResponse response =
        api.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"},
                                          {"start", to_rfc3339(at(day(2026, 12, 5), 8))},
                                          {"end", to_rfc3339(at(day(2026, 12, 5), 17))}});
    ASSERT_EQ(response.code(), "weekday_not_bookable") << response.raw;
    const char* english = refusal_message_en(Refusal::weekday_not_bookable);
    const char* translated = assets::catalog(language) ? assets::catalog(language)->find(english) : nullptr;
    EXPECT_EQ(response.body.value("title", ""), translated ? translated : english) << i18n::to_code(language);
  }
}

TEST_F(RulesParity, ARefusalIsShownInTheLanguageOfTheWindowNotOfTheSyncThatMetIt) {
  // Synced in German: the engine asks for German, so the server's title is German.
  Person german{server, "employee0002", "de"};
  sync::queue_booking(german.store, "flr_rathaus_eg-01", at(day(2026, 12, 5), 8), at(day(2026, 12, 5), 17));
  german.engine.sync();
  const auto refused = sync::conflicts(german.store);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].problem.code, "weekday_not_bookable");
  const char* english = refusal_message_en(Refusal::weekday_not_bookable);
  const i18n::Catalog* german_catalog = assets::catalog(i18n::Language::de);
  ASSERT_NE(german_catalog, nullptr);
  ASSERT_NE(german_catalog->find(english), nullptr);
  EXPECT_EQ(refused[0].problem.title, german_catalog->find(english));

  // The person switches the window to English: the reason follows, from the client's own table.
  assets::activate_language(i18n::Language::en);
  EXPECT_EQ(refusal_text(refused[0].problem.code, refused[0].problem.title), english);
  assets::activate_language(i18n::Language::de);
  EXPECT_EQ(refusal_text(refused[0].problem.code, refused[0].problem.title), german_catalog->find(english));
  // A code this client does not know: the server's title is all there is.
  EXPECT_EQ(refusal_text("a_newer_rule", "Eine neue Regel."), "Eine neue Regel.");
}

// --- The views ------------------------------------------------------------------------------

class RulesInViews : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }
  testing::HeadlessUi ui;
};

TEST_F(RulesInViews, HomeOffersCheckInUntilTheServersReleaseTimeNotThePolicysGuess) {
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  AppState state = testing::fixture_state();
  state.view = ViewId::home;
  state.now = now;  // Home judges check-in on the view's clock (now_of)
  state.today = local_date(now);
  // Booked under a policy that released after 30 minutes; the department now says 15. The server
  // keeps the release time it gave the booking, 10 minutes from now.
  state.data.department->policy.check_in_closes_minutes_after = 15;
  Booking& booking = state.data.bookings.front().booking;
  booking.start = now - std::chrono::minutes{20};
  booking.end = now + std::chrono::hours{2};
  booking.release_at = now + std::chrono::minutes{10};
  ui.frames(state, 3);
  EXPECT_TRUE(ui.shows("check-in-bkg-1")) << "the server accepts check-in until 10 minutes from now";

  // The other way round: released 5 minutes ago although the policy would still allow it.
  state.data.department->policy.check_in_closes_minutes_after = 60;
  booking.release_at = now - std::chrono::minutes{5};
  ui.frames(state, 3);
  EXPECT_FALSE(ui.shows("check-in-bkg-1")) << "the server refuses check-in after the release time";
}

TEST_F(RulesInViews, TheWochenplanCallsElevenOfTwentyDaysAtFiftyFivePercentWithinTheLimit) {
  AppState state = testing::fixture_state();
  state.view = ViewId::schedule;
  state.today = day(2027, 2, 1);
  state.schedule.week_start = day(2027, 2, 1);  // February 2027: 20 working days
  state.data.department->policy.remote_share_percent = 55;
  state.data.workdays.clear();
  for (const unsigned d : {1u, 2u, 3u, 4u, 5u, 8u, 9u, 10u, 11u, 12u, 15u}) {
    state.data.workdays.push_back(Workday{day(2027, 2, d), HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  }
  ui.frames(state, 3);
  ASSERT_TRUE(ui.shows_text("Remote work in February: 55 % planned of 55 % allowed")) << ui.text();
  // The server accepts exactly the limit; the Wochenplan must not mark it as over.
  EXPECT_EQ(ui.text().find(ui::icon::warning), std::string::npos) << ui.text();

  state.data.workdays.push_back(Workday{day(2027, 2, 16), HalfDay::am, WorkMode::remote, WorkdayKind::planned});
  ui.frames(state, 3);
  EXPECT_NE(ui.text().find(ui::icon::warning), std::string::npos) << "half a day more is over the limit";
}

TEST_F(RulesInViews, HomeShowsARefusalInTheWindowsLanguageNotTheSyncs) {
  AppState state = testing::fixture_state();
  state.view = ViewId::home;
  ConflictSummary conflict;
  conflict.mutation_id = 3;
  conflict.kind = ChangeKind::workday;
  conflict.day = testing::kToday;
  conflict.problem_code = "quota_exceeded";
  // The sync ran while the window spoke German; the person has switched it to English since.
  conflict.problem_title = "Das überschreitet den Anteil mobiler Arbeit Ihres Amtes für diesen Monat.";
  state.data.conflicts = {conflict};
  ui.frames(state, 2);
  EXPECT_TRUE(ui.shows_text("This goes over your department's remote-work share for the month.")) << ui.text();
  EXPECT_FALSE(ui.shows_text(conflict.problem_title)) << ui.text();
}

}  // namespace
}  // namespace stellwerk::client
