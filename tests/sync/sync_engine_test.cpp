// The sync engine against the real server in-process (tests/server/test_server.hpp), and
// against small hostile servers for the answers a real server never gives. Each test acts as a
// person would: sign in, change something (often while the server cannot be reached), sync, and
// check both the local cache and what the server holds.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_changes.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "stellwerk/sync/sync_engine.hpp"
#include "stellwerk/sync/wire_records.hpp"
#include "stellwerk/wire/types_plans.hpp"
#include "test_server.hpp"

namespace stellwerk {
namespace {

using server::testing::ApiClient;
using server::testing::Json;
using server::testing::TempDir;
using server::testing::TestServer;
using sync::SyncOutcome;

constexpr Date kTomorrow{date::year{2026} / 12 / 2};  // the test server's clock stands on 1 Dec 2026

std::string url_of(int port) { return "http://127.0.0.1:" + std::to_string(port); }

Instant at(Date day, int hour) { return to_instant(day, hour * 60); }

// No waiting between retries: the tests are about what happens, not when.
sync::RetryPolicy quick_retries(int attempts = 2) {
  sync::RetryPolicy policy;
  policy.max_attempts = attempts;
  policy.wait = [](std::chrono::milliseconds) { return true; };
  return policy;
}

struct Client {
  TempDir dir{"stellwerk-engine"};
  store::LocalStore store = *store::LocalStore::open(dir.path());
  sync::SyncEngine engine{store, net::TransportOptions{}};
  Client() { engine.set_retry_policy(quick_retries()); }
};

Json server_bookings(ApiClient& api, Date day) {
  const auto response = api.get("/api/v1/bookings?from=" + format_date(day) + "&to=" + format_date(day));
  EXPECT_EQ(response.status, 200) << response.raw;
  return response.body;
}

TEST(SyncEngine, SignInFillsTheCacheAndANoChangeSyncIsOneSmallRequest) {
  TestServer server;
  Client client;
  const auto login = client.engine.login(url_of(server.port()), "demo", "demo");
  ASSERT_EQ(login.outcome, sync::LoginOutcome::signed_in) << login.message;
  ASSERT_TRUE(login.first_sync.has_value());
  EXPECT_EQ(login.first_sync->outcome, SyncOutcome::synced) << login.first_sync->message;
  ASSERT_TRUE(client.store.me().has_value());
  EXPECT_EQ(client.store.me()->username, "demo");
  EXPECT_FALSE(client.store.buildings().empty());
  EXPECT_FALSE(client.store.courses().empty());
  EXPECT_NE(client.store.sync_status().cursor, "0");
  EXPECT_TRUE(client.store.sync_status().last_sync.has_value());
  const auto session = client.store.session();
  ASSERT_TRUE(session.has_value());
  EXPECT_FALSE(session->token.empty());
  EXPECT_EQ(session->server_url, url_of(server.port()));

  const auto again = client.engine.sync();
  EXPECT_EQ(again.outcome, SyncOutcome::synced);
  EXPECT_EQ(again.requests, 1);
  EXPECT_LE(again.bytes_on_wire, 1024u) << "a sync with nothing to do should stay small";
  EXPECT_EQ(again.pulled, 0);
}

TEST(SyncEngine, WrongPasswordAndUnreachableServerAreToldApart) {
  TestServer server;
  Client client;
  EXPECT_EQ(client.engine.login(url_of(server.port()), "demo", "wrong").outcome, sync::LoginOutcome::bad_credentials);
  EXPECT_FALSE(client.store.session().has_value());
  const auto unreachable = client.engine.login("http://127.0.0.1:1", "demo", "demo");
  EXPECT_EQ(unreachable.outcome, sync::LoginOutcome::unreachable);
  EXPECT_NE(unreachable.message.find("could not be reached"), std::string::npos) << unreachable.message;
}

TEST(SyncEngine, AnOfflineBookingAndItsCancellationReachTheServerOnceWithTheServersId) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  const Booking first = sync::queue_booking(client.store, "flr_rathaus_eg-03", at(kTomorrow, 8), at(kTomorrow, 12));
  const Booking second = sync::queue_booking(client.store, "flr_rathaus_eg-03", at(kTomorrow, 13), at(kTomorrow, 17));
  sync::queue_cancel(client.store, second.id);
  EXPECT_TRUE(sync::is_local_id(first.id));
  EXPECT_EQ(client.store.sync_status().pending, 3);
  EXPECT_TRUE(client.store.pending_entities().contains(store::booking_key(first.id)));

  const auto report = client.engine.sync();
  ASSERT_EQ(report.outcome, SyncOutcome::synced) << report.message;
  EXPECT_EQ(report.pushed, 3);
  EXPECT_EQ(client.store.sync_status().pending, 0);
  EXPECT_FALSE(client.store.booking(first.id).has_value()) << "the local id is replaced by the server's";

  ApiClient api = server.client_for("demo");
  const Json on_server = server_bookings(api, kTomorrow);
  ASSERT_EQ(on_server.size(), 2u);
  int booked = 0, cancelled = 0;
  for (const Json& b : on_server) {
    EXPECT_EQ(b["resource_id"], "flr_rathaus_eg-03");
    if (b["state"] == "booked") ++booked;
    if (b["state"] == "cancelled") ++cancelled;
    // The cache knows the server's booking under the server's id.
    EXPECT_TRUE(client.store.booking(b["id"].get<std::string>()).has_value());
  }
  EXPECT_EQ(booked, 1);
  EXPECT_EQ(cancelled, 1);

  // Nothing is sent twice.
  EXPECT_EQ(client.engine.sync().pushed, 0);
  EXPECT_EQ(server_bookings(api, kTomorrow).size(), 2u);
}

TEST(SyncEngine, FavouritesMarkedOfflineReachTheServerAndTheOtherDevice) {
  TestServer server;
  Client laptop;
  Client desktop;
  ASSERT_EQ(laptop.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  ASSERT_EQ(desktop.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  sync::queue_favourite(laptop.store, "flr_rathaus_eg-03", false, now);
  sync::queue_favourite(laptop.store, "flr_rathaus_eg-04", true, now);
  ASSERT_EQ(laptop.engine.sync().outcome, SyncOutcome::synced);

  ApiClient api = server.client_for("demo");
  const auto on_server = api.get("/api/v1/me/favourites");
  ASSERT_EQ(on_server.status, 200) << on_server.raw;
  ASSERT_EQ(on_server.body.size(), 2u);

  ASSERT_EQ(desktop.engine.sync().outcome, SyncOutcome::synced);
  auto favourites = desktop.store.favourites();
  ASSERT_EQ(favourites.size(), 2u);
  const auto usual = std::find_if(favourites.begin(), favourites.end(), [](const Favourite& f) { return f.usual; });
  ASSERT_NE(usual, favourites.end());
  EXPECT_EQ(usual->resource_id, "flr_rathaus_eg-04");

  // Removing one on the desktop removes it on the laptop with the next sync.
  sync::queue_unfavourite(desktop.store, "flr_rathaus_eg-03");
  ASSERT_EQ(desktop.engine.sync().outcome, SyncOutcome::synced);
  ASSERT_EQ(laptop.engine.sync().outcome, SyncOutcome::synced);
  favourites = laptop.store.favourites();
  ASSERT_EQ(favourites.size(), 1u);
  EXPECT_EQ(favourites.front().resource_id, "flr_rathaus_eg-04");
}

TEST(SyncEngine, ARejectedBookingDoesNotBlockAndOffersTheNearestFreeDeskWithTheSameFeatures) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  ApiClient colleague = server.client_for("employee0001");
  const auto taken = colleague.post("/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-05"},
                                                             {"start", to_rfc3339(at(kTomorrow, 8))},
                                                             {"end", to_rfc3339(at(kTomorrow, 17))}});
  ASSERT_EQ(taken.status, 201) << taken.raw;

  const Booking refused = sync::queue_booking(client.store, "flr_rathaus_eg-05", at(kTomorrow, 8), at(kTomorrow, 17));
  sync::queue_workday(client.store, Workday{kTomorrow, HalfDay::day, WorkMode::remote, WorkdayKind::planned});
  const auto report = client.engine.sync();
  EXPECT_EQ(report.outcome, SyncOutcome::rejected);
  EXPECT_EQ(report.pushed, 1) << "the plan behind the refused booking still went through";
  ASSERT_EQ(report.rejected.size(), 1u);
  const sync::Conflict& conflict = report.rejected.front();
  EXPECT_EQ(conflict.kind, ChangeKind::booking);
  EXPECT_EQ(conflict.resource_id, "flr_rathaus_eg-05");
  EXPECT_EQ(conflict.problem.code, "desk_taken");
  EXPECT_EQ(conflict.problem.status, 409);
  EXPECT_FALSE(conflict.problem.title.empty());
  ASSERT_FALSE(conflict.alternatives.empty());
  const auto wanted = client.store.resource("flr_rathaus_eg-05");
  ASSERT_TRUE(wanted.has_value());
  for (const Resource& alternative : conflict.alternatives) {
    EXPECT_NE(alternative.id, "flr_rathaus_eg-05");
    EXPECT_EQ(alternative.type, ResourceType::desk);
    for (const std::string& feature : wanted->features) {
      EXPECT_NE(std::find(alternative.features.begin(), alternative.features.end(), feature), alternative.features.end())
          << alternative.id << " lacks " << feature;
    }
  }
  // The refused booking is gone from the cache; the plan is there and no longer pending.
  EXPECT_FALSE(client.store.booking(refused.id).has_value());
  const auto days = client.store.my_workdays(kTomorrow, kTomorrow);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days.front().mode, WorkMode::remote);
  ApiClient api = server.client_for("demo");
  const auto on_server = api.get("/api/v1/workdays?from=2026-12-02&to=2026-12-02");
  ASSERT_EQ(on_server.body["workdays"].size(), 1u);
  EXPECT_EQ(on_server.body["workdays"][0]["mode"], "remote");

  // The conflict stays listed until the person dismisses it.
  ASSERT_EQ(sync::conflicts(client.store).size(), 1u);
  EXPECT_EQ(sync::conflicts(client.store).front().problem.code, "desk_taken");
  EXPECT_EQ(client.store.sync_status().rejected, 1);
  sync::dismiss_conflict(client.store, conflict.mutation_id);
  EXPECT_TRUE(sync::conflicts(client.store).empty());
  EXPECT_EQ(client.engine.sync().outcome, SyncOutcome::synced);
}

TEST(SyncEngine, ARevokedSessionMeansSignInAgainAndKeepsTheQueue) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  ApiClient same_session(server.port(), "engine-revoke");
  same_session.set_token(client.store.session()->token);
  ASSERT_EQ(same_session.del("/api/v1/session").status, 204);

  sync::queue_workday(client.store, Workday{kTomorrow, HalfDay::am, WorkMode::office, WorkdayKind::planned});
  const auto report = client.engine.sync();
  EXPECT_EQ(report.outcome, SyncOutcome::signed_out);
  EXPECT_EQ(client.store.sync_status().pending, 1);
  EXPECT_TRUE(client.store.session()->token.empty());
  EXPECT_EQ(client.store.session()->username, "demo") << "kept to prefill the sign-in form";
  EXPECT_EQ(client.engine.sync().outcome, SyncOutcome::signed_out);

  const auto again = client.engine.login(url_of(server.port()), "demo", "demo");
  ASSERT_EQ(again.outcome, sync::LoginOutcome::signed_in);
  EXPECT_EQ(again.first_sync->outcome, SyncOutcome::synced);
  EXPECT_EQ(again.first_sync->pushed, 1);
  EXPECT_EQ(client.store.sync_status().pending, 0);
}

TEST(SyncEngine, AnotherPersonCannotSignInWhileTheFirstHasUnsentChanges) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  client.engine.logout();
  sync::queue_workday(client.store, Workday{kTomorrow, HalfDay::day, WorkMode::office, WorkdayKind::planned});
  const auto other = client.engine.login(url_of(server.port()), "employee0001", "demo");
  EXPECT_EQ(other.outcome, sync::LoginOutcome::other_user_pending);
  EXPECT_EQ(client.store.me()->username, "demo") << "nothing of the first person was touched";
  EXPECT_EQ(client.store.sync_status().pending, 1);

  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  EXPECT_EQ(client.store.sync_status().pending, 0);
  client.engine.logout();
  // With nothing queued, the next person gets an empty cache: nothing of demo's stays visible.
  const auto next = client.engine.login(url_of(server.port()), "employee0001", "demo");
  ASSERT_EQ(next.outcome, sync::LoginOutcome::signed_in);
  EXPECT_EQ(client.store.me()->username, "employee0001");
  EXPECT_TRUE(client.store.my_workdays(kTomorrow, kTomorrow).empty());
}

// The person's own level in a competence, set on this computer and not sent yet, stays what they
// said through a pull of the server's older level and through a full copy; then it is sent.
TEST(SyncEngine, APendingOwnLevelSurvivesPullsAndIsThenSent) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  ApiClient api = server.client_for("demo");
  ASSERT_EQ(api.put("/api/v1/me/self-assessments/1.3", Json{{"level", 5}}).status, 200);
  sync::queue_self_assessment(client.store, "1.3", 2, at(kTomorrow, 8));
  const auto level_here = [&] {
    const auto mine = client.store.self_assessments();
    return mine.size() == 1 && mine[0].competence_id == "1.3" ? mine[0].level : 0;
  };
  ASSERT_EQ(client.engine.pull().outcome, SyncOutcome::synced);
  EXPECT_EQ(level_here(), 2) << "the feed's level 5 waits behind the pending 2";
  client.store.set_cursor("999999999");  // 410: a full copy
  ASSERT_EQ(client.engine.pull().outcome, SyncOutcome::synced);
  EXPECT_EQ(level_here(), 2) << "a full copy keeps it too";
  EXPECT_FALSE(client.store.competence_targets().empty()) << "the full copy brought the targets";

  ASSERT_EQ(client.engine.sync().outcome, SyncOutcome::synced);
  EXPECT_EQ(api.get("/api/v1/me/self-assessments").body[0]["level"], 2);
  EXPECT_EQ(level_here(), 2);
}

TEST(SyncEngine, AnExpiredCursorStartsAgainFromTheBeginningWithoutLosingPendingChanges) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  const auto buildings = client.store.buildings().size();
  client.store.set_cursor("999999999");  // newer than the server's history: 410
  ApiClient api = server.client_for("demo");
  // Only a pull: the change stays pending while the pull rebuilds the cache.
  const Booking pending = sync::queue_booking(client.store, "flr_rathaus_eg-07", at(kTomorrow, 8), at(kTomorrow, 12));
  const auto report = client.engine.pull();
  EXPECT_EQ(report.outcome, SyncOutcome::synced) << report.message;
  EXPECT_EQ(client.store.buildings().size(), buildings);
  EXPECT_TRUE(client.store.booking(pending.id).has_value()) << "a pending change survives the full copy";
  EXPECT_EQ(client.store.sync_status().pending, 1);
  EXPECT_EQ(client.engine.sync().outcome, SyncOutcome::synced);
  EXPECT_EQ(server_bookings(api, kTomorrow).size(), 1u);
}

// A server that answers every request with the same hostile response.
class HostileServer {
 public:
  explicit HostileServer(std::function<void(const httplib::Request&, httplib::Response&)> answer) {
    server_.Get(".*", answer);
    server_.Post(".*", answer);
    server_.Put(".*", answer);
    server_.Delete(".*", answer);
    // One request per connection, so that stopping never waits for an idle keep-alive.
    server_.set_keep_alive_max_count(1);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // A generous deadline, so that a listener that never comes up fails the test instead of hanging it.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{60};
    while (!server_.is_running()) {
      if (std::chrono::steady_clock::now() > give_up) throw std::runtime_error("the hostile server never started");
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
  }
  ~HostileServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// A signed-in client whose cache came from the real server, now pointed at `port`.
void point_at(Client& client, int port) {
  auto session = *client.store.session();
  session.server_url = url_of(port);
  client.store.save_session(session);
}

// A feed page of one course whose audience members are `audience`, the rest as a server sends it.
std::string course_page(const std::string& audience) {
  return R"({"changes": [{"entity": "course", "id": "crs_x", "op": "upsert", "data": {"id": "crs_x", "title": "X", )"
         R"("description": "", "competence_id": "2.4", "level": 3, )" +
         audience +
         R"(, "validity_months": 0, "duration_minutes": 60, "format": "e_learning", "language": "de", )"
         R"("starts_on": null, "place": "", "seats": null, "seats_left": null}}], "cursor": "9", "has_more": false})";
}

TEST(SyncEngine, AMalformedOrOversizedFeedLeavesTheCacheAsItWas) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  const auto before = client.store.sync_status();
  const auto buildings = client.store.buildings().size();

  const std::vector<std::pair<std::string, std::string>> answers{
      {"not JSON", "{\"changes\": [ {\"entity\": \"booking\", "},
      {"wrong types", R"({"changes": [{"entity": "booking", "id": 5, "op": "upsert", "data": {}}], "cursor": "9", "has_more": false})"},
      {"impossible date", R"({"changes": [{"entity": "workday", "id": "2026-02-30/day/planned", "op": "upsert", "data": {"date": "2026-02-30", "half": "day", "mode": "office", "kind": "planned"}}], "cursor": "9", "has_more": false})"},
      {"level 9", R"({"changes": [{"entity": "self_assessment", "id": "1.1", "op": "upsert", "data": {"competence_id": "1.1", "level": 9, "assessed_at": "2026-12-01T08:00:00+01:00"}}], "cursor": "9", "has_more": false})"},
      {"no such competence", R"({"changes": [{"entity": "competence_target", "id": "employee/6.1", "op": "upsert", "data": {"role": "employee", "competence_id": "6.1", "level": 3}}], "cursor": "9", "has_more": false})"},
      {"an optional course mandatory for managers", course_page(R"("mandatory": false, "mandatory_roles": ["manager"], "mandatory_departments": [], "complete_by": null)")},
      {"an optional course with a deadline", course_page(R"("mandatory": false, "mandatory_roles": [], "mandatory_departments": [], "complete_by": "2027-01-15")")},
      {"an empty department id (everyone, read back)", course_page(R"("mandatory": true, "mandatory_roles": [], "mandatory_departments": [""], "complete_by": null)")},
      {"oversized", std::string(20 * 1024 * 1024, ' ')},
  };
  // With a sound audience the same page is a course this client reads: the refusals below are the
  // audience's alone.
  const auto sound = wire::decode<wire::Course>(nlohmann::json::parse(course_page(
      R"("mandatory": true, "mandatory_roles": [], "mandatory_departments": ["dep_citizens"], "complete_by": "2027-01-15")"))
                                                    ["changes"][0]["data"]);
  ASSERT_TRUE(sound.has_value());
  const auto read = sync::course_from_wire(*sound);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->complete_by, Date{date::year{2027} / 1 / 15});
  for (const auto& [what, body] : answers) {
    HostileServer hostile([&](const httplib::Request&, httplib::Response& response) {
      response.set_content(body, "application/json");
    });
    point_at(client, hostile.port());
    const auto report = client.engine.sync();
    EXPECT_EQ(report.outcome, SyncOutcome::offline) << what;
    EXPECT_FALSE(report.message.empty()) << what;
    EXPECT_EQ(client.store.sync_status().cursor, before.cursor) << what;
    EXPECT_EQ(client.store.buildings().size(), buildings) << what;
    EXPECT_TRUE(client.store.self_assessments().empty()) << what;
  }
}

TEST(SyncEngine, TheFeedsPolicyChangesTheCachedDepartmentAndUnknownEntitiesAreSkipped) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  const auto me = client.store.me();
  ASSERT_TRUE(me.has_value());
  Json policy = server.client_for("demo").get("/api/v1/me/policy").body;
  const int days_ahead = policy["days_ahead"].get<int>() + 7;
  policy["days_ahead"] = days_ahead;
  const Json page{{"changes", Json::array({Json{{"entity", "gadget"}, {"id", "g-1"}, {"op", "upsert"}, {"data", Json::object()}},
                                           Json{{"entity", "policy"}, {"id", me->department_id}, {"op", "upsert"}, {"data", policy}}})},
                  {"cursor", "99999"},
                  {"has_more", false}};
  HostileServer newer([&](const httplib::Request&, httplib::Response& response) {
    response.set_content(page.dump(), "application/json");
  });
  point_at(client, newer.port());
  const auto report = client.engine.sync();
  EXPECT_EQ(report.outcome, SyncOutcome::synced) << report.message;
  EXPECT_EQ(report.pulled, 2);
  EXPECT_EQ(client.store.sync_status().cursor, "99999");
  const auto department = client.store.department(me->department_id);
  ASSERT_TRUE(department.has_value());
  EXPECT_EQ(department->policy.days_ahead, days_ahead);
}

TEST(SyncEngine, MonthApprovalsNamesTheStateOfEveryMonthAsked) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  const auto months = client.engine.month_approvals(kTomorrow, kTomorrow);
  ASSERT_TRUE(months.has_value());
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ(months->front().year, static_cast<int>(kTomorrow.year()));
  EXPECT_EQ(months->front().month, static_cast<unsigned>(kTomorrow.month()));
  EXPECT_EQ(months->front().state, ApprovalState::none);
}

TEST(SyncEngine, ARedirectIsNotFollowedAndServerErrorsKeepTheChangeQueued) {
  TestServer server;
  Client client;
  ASSERT_EQ(client.engine.login(url_of(server.port()), "demo", "demo").outcome, sync::LoginOutcome::signed_in);
  sync::queue_workday(client.store, Workday{kTomorrow, HalfDay::day, WorkMode::office, WorkdayKind::planned});

  int requests = 0;
  {
    HostileServer redirect([&](const httplib::Request&, httplib::Response& response) {
      ++requests;
      response.status = 302;
      response.set_header("Location", "/api/v1/workdays/2026-12-02");
    });
    point_at(client, redirect.port());
    const auto report = client.engine.sync();
    EXPECT_EQ(report.outcome, SyncOutcome::offline);
    EXPECT_NE(report.message.find("redirect"), std::string::npos) << report.message;
    EXPECT_EQ(requests, 1) << "a redirect is neither followed nor retried";
  }
  {
    requests = 0;
    HostileServer failing([&](const httplib::Request&, httplib::Response& response) {
      ++requests;
      response.status = 503;
      response.set_header("Retry-After", "0");
      response.set_content(R"({"status": 503, "code": "not_ready", "title": "starting"})", "application/problem+json");
    });
    point_at(client, failing.port());
    client.engine.set_retry_policy(quick_retries(3));
    const auto report = client.engine.sync();
    EXPECT_EQ(report.outcome, SyncOutcome::offline);
    EXPECT_EQ(requests, 3) << "503 is retried up to the policy's attempts";
  }
  EXPECT_EQ(client.store.sync_status().pending, 1);
  point_at(client, server.port());
  EXPECT_EQ(client.engine.sync().outcome, SyncOutcome::synced);
  EXPECT_EQ(client.store.sync_status().pending, 0);
}

TEST(SyncEngine, BackoffWaitsGrowAndHonourRetryAfter) {
  int requests = 0;
  HostileServer busy([&](const httplib::Request&, httplib::Response& response) {
    ++requests;
    response.status = 429;
    response.set_header("Retry-After", "2");
  });
  Client client;
  client.store.save_session(store::Session{url_of(busy.port()), "demo", "u1", "token", std::nullopt});
  client.store.set_cursor("5");
  std::vector<std::chrono::milliseconds> waits;
  sync::RetryPolicy policy;
  policy.max_attempts = 4;
  policy.base_delay = std::chrono::milliseconds{100};
  policy.max_delay = std::chrono::milliseconds{8'000};
  policy.wait = [&](std::chrono::milliseconds delay) {
    waits.push_back(delay);
    return true;
  };
  client.engine.set_retry_policy(policy);
  const auto report = client.engine.pull();
  EXPECT_EQ(report.outcome, SyncOutcome::offline);
  EXPECT_EQ(requests, 4);
  ASSERT_EQ(waits.size(), 3u);
  for (const auto wait : waits) EXPECT_GE(wait, std::chrono::milliseconds{2'000}) << "Retry-After is a minimum";

  // A wait longer than the policy allows is left to the next round instead of blocking.
  policy.max_delay = std::chrono::milliseconds{1'000};
  waits.clear();
  requests = 0;
  client.engine.set_retry_policy(policy);
  EXPECT_EQ(client.engine.pull().outcome, SyncOutcome::offline);
  EXPECT_EQ(requests, 1);
  EXPECT_TRUE(waits.empty());
}

TEST(SyncEngine, StoppingDuringBackoffEndsTheRoundAtOnce) {
  Client client;
  client.store.save_session(store::Session{"http://127.0.0.1:1", "demo", "u1", "token", std::nullopt});
  client.store.set_cursor("5");
  sync::RetryPolicy policy;
  policy.max_attempts = 10;
  int waits = 0;
  policy.wait = [&](std::chrono::milliseconds) {
    ++waits;
    return false;  // the window is closing
  };
  client.engine.set_retry_policy(policy);
  const auto report = client.engine.sync();
  EXPECT_EQ(report.outcome, SyncOutcome::offline);
  EXPECT_EQ(waits, 1);
  EXPECT_NE(report.message.find("could not be reached"), std::string::npos) << report.message;
}

}  // namespace
}  // namespace stellwerk
