// Day plans, the monthly remote share and its approvals, as a person and their manager meet
// them. The test clock starts on Tuesday 1 December 2026: December has 22 working days (23
// weekdays less Christmas Day), so the demo department (40 %, needs approval) allows 8.8
// remote days and the citizens' office (20 %, refused) 4.4.
#include <gtest/gtest.h>

#include <regex>
#include <vector>

#include "stellwerk/core/calendar.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

using namespace date::literals;

const std::string kWorkdays = "/api/v1/workdays/";

Json entry(const std::string& half, const std::string& mode, const std::string& kind = "planned") {
  return Json{{"half", half}, {"mode", mode}, {"kind", kind}};
}

// The first `count` working days of December 2026 from the 2nd on, as "YYYY-MM-DD".
std::vector<std::string> december_working_days(int count) {
  std::vector<std::string> days;
  for (Date day = 2026_y / date::December / 2; static_cast<int>(days.size()) < count; day = add_days(day, 1)) {
    if (is_working_day(day)) days.push_back(format_date(day));
  }
  return days;
}

void plan_remote(ApiClient& client, const std::vector<std::string>& days) {
  for (const auto& day : days) ASSERT_EQ(client.put(kWorkdays + day, entry("day", "remote")).status, 200) << day;
}

Json december(ApiClient& client) {
  const auto response = client.get("/api/v1/workdays?from=2026-12-01&to=2026-12-31");
  EXPECT_EQ(response.status, 200) << response.raw;
  return response.body;
}

// Whether the caller's changes feed, read from the start, holds a remote workday.
bool has_remote_workday(ApiClient& client) {
  std::string cursor = "0";
  for (bool more = true; more;) {
    const auto page = client.get("/api/v1/changes?since=" + cursor + "&limit=1000");
    EXPECT_EQ(page.status, 200) << page.raw;
    if (page.status != 200) return false;
    for (const auto& change : page.body["changes"]) {
      if (change["entity"] == "workday" && change["data"].is_object() && change["data"]["mode"] == "remote")
        return true;
    }
    cursor = page.body["cursor"];
    more = page.body["has_more"];
  }
  return false;
}

TEST(Workdays, ADayReplacesItsHalvesAndAHalfSplitsADay) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.put(kWorkdays + "2026-12-02", entry("am", "remote")).status, 200);
  ASSERT_EQ(demo.put(kWorkdays + "2026-12-02", entry("pm", "leave")).status, 200);
  ASSERT_EQ(demo.put(kWorkdays + "2026-12-02", entry("day", "travel", "actual")).status, 200);

  const auto whole = demo.put(kWorkdays + "2026-12-02", entry("day", "office"));
  ASSERT_EQ(whole.status, 200) << whole.raw;
  EXPECT_EQ(whole.body["workday"],
            (Json{{"date", "2026-12-02"}, {"half", "day"}, {"mode", "office"}, {"kind", "planned"}}));
  auto days = december(demo)["workdays"];
  ASSERT_EQ(days.size(), 2u) << days;  // the planned day replaced both halves; the actual entry stays
  EXPECT_EQ(days[0], (Json{{"date", "2026-12-02"}, {"half", "day"}, {"mode", "travel"}, {"kind", "actual"}}));
  EXPECT_EQ(days[1], whole.body["workday"]);

  ASSERT_EQ(demo.put(kWorkdays + "2026-12-02", entry("pm", "remote")).status, 200);
  days = december(demo)["workdays"];
  ASSERT_EQ(days.size(), 3u) << days;
  EXPECT_EQ(days[1], (Json{{"date", "2026-12-02"}, {"half", "am"}, {"mode", "office"}, {"kind", "planned"}}));
  EXPECT_EQ(days[2], (Json{{"date", "2026-12-02"}, {"half", "pm"}, {"mode", "remote"}, {"kind", "planned"}}));
}

TEST(Workdays, DeleteRemovesAnEntryOrTheHalfOfADay) {
  TestServer server;
  auto demo = server.client_for("demo");
  ASSERT_EQ(demo.put(kWorkdays + "2026-12-03", entry("day", "remote")).status, 200);
  EXPECT_EQ(demo.del(kWorkdays + "2026-12-03?half=am&kind=planned").status, 204);
  auto days = december(demo)["workdays"];
  ASSERT_EQ(days.size(), 1u) << days;
  EXPECT_EQ(days[0], (Json{{"date", "2026-12-03"}, {"half", "pm"}, {"mode", "remote"}, {"kind", "planned"}}));
  EXPECT_EQ(december(demo)["months"][0]["remote_days"], 0.5);

  EXPECT_EQ(demo.del(kWorkdays + "2026-12-03?half=pm&kind=planned").status, 204);
  const auto again = demo.del(kWorkdays + "2026-12-03?half=pm&kind=planned");
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(again.code(), "workday_not_found");
  EXPECT_EQ(demo.del(kWorkdays + "2026-12-03?half=day&kind=actual").code(), "workday_not_found");
  EXPECT_TRUE(december(demo)["workdays"].empty());
}

TEST(Workdays, ARangeListsItsEntriesAndTheQuotaOfEveryMonthItTouches) {
  TestServer server;
  auto demo = server.client_for("demo");
  for (const char* day : {"2026-12-29", "2026-12-30", "2027-01-04", "2027-01-05"}) {
    ASSERT_EQ(demo.put(kWorkdays + day, entry("day", "remote")).status, 200) << day;
  }
  const auto response = demo.get("/api/v1/workdays?from=2026-12-30&to=2027-01-04");
  ASSERT_EQ(response.status, 200) << response.raw;
  ASSERT_EQ(response.body["workdays"].size(), 2u);
  EXPECT_EQ(response.body["workdays"][0]["date"], "2026-12-30");
  EXPECT_EQ(response.body["workdays"][1]["date"], "2027-01-04");
  const Json& months = response.body["months"];
  ASSERT_EQ(months.size(), 2u);
  // The quota covers the whole month, not just the part in the range.
  EXPECT_EQ(months[0], (Json{{"month", "2026-12"},
                             {"working_days", 22},
                             {"remote_days", 2.0},
                             {"allowed_days", 8.8},
                             {"share_percent", 9.1},
                             {"max_percent", 40},
                             {"over_quota", "needs_approval"},
                             {"approval", "none"},
                             {"reason", nullptr}}));
  EXPECT_EQ(months[1]["month"], "2027-01");
  EXPECT_EQ(months[1]["remote_days"], 2.0);
  EXPECT_EQ(months[1]["working_days"], 20);  // 21 weekdays less New Year's Day
}

TEST(Workdays, InvalidDatesRangesAndValuesAreRefused) {
  TestServer server;
  auto demo = server.client_for("demo");
  for (const char* query : {"from=2026-12-01", "from=2026-12-01&to=2026-12-32", "from=2026-12-02&to=2026-12-01",
                            "from=2026-01-01&to=2027-01-02"}) {
    const auto response = demo.get(std::string{"/api/v1/workdays?"} + query);
    EXPECT_EQ(response.status, 400) << query;
    EXPECT_EQ(response.code(), "invalid_parameter") << query;
  }
  EXPECT_EQ(demo.get("/api/v1/workdays?from=2026-01-01&to=2027-01-01").status, 200);  // 366 days

  const auto impossible = demo.put(kWorkdays + "2026-02-30", entry("day", "office"));
  EXPECT_EQ(impossible.status, 400);
  EXPECT_EQ(impossible.code(), "invalid_parameter");
  EXPECT_EQ(impossible.body["field"], "date");
  const auto mode = demo.put(kWorkdays + "2026-12-02", entry("day", "beach"));
  EXPECT_EQ(mode.status, 422);
  EXPECT_EQ(mode.code(), "invalid_field");
  EXPECT_EQ(mode.body["field"], "mode");
  EXPECT_EQ(demo.put(kWorkdays + "2026-12-02", entry("evening", "office")).body["field"], "half");
  EXPECT_EQ(demo.put(kWorkdays + "2026-12-02", entry("day", "office", "wished")).body["field"], "kind");
  EXPECT_EQ(demo.put(kWorkdays + "2026-12-02", Json{{"half", "day"}, {"mode", "office"}}).code(), "missing_field");
  Json extra = entry("day", "office");
  extra["note"] = "x";
  EXPECT_EQ(demo.put(kWorkdays + "2026-12-02", extra).code(), "unknown_field");
  EXPECT_EQ(demo.del(kWorkdays + "2026-12-02?half=day").code(), "invalid_parameter");
  EXPECT_EQ(demo.del(kWorkdays + "2026-12-02?half=noon&kind=planned").code(), "invalid_parameter");
  EXPECT_TRUE(december(demo)["workdays"].empty());
}

TEST(Workdays, OfficeAndRemoteCannotBePlannedOnDaysOff) {
  TestServer server;
  auto demo = server.client_for("demo");
  const auto saturday = demo.put(kWorkdays + "2026-12-05", entry("day", "office"));
  EXPECT_EQ(saturday.status, 409);
  EXPECT_EQ(saturday.code(), "not_a_working_day");
  const auto christmas = demo.put(kWorkdays + "2026-12-25", entry("am", "remote"));
  EXPECT_EQ(christmas.status, 409);
  EXPECT_EQ(christmas.code(), "holiday");
  // Anything else may be planned, and what really happened may always be recorded.
  EXPECT_EQ(demo.put(kWorkdays + "2026-12-05", entry("day", "training")).status, 200);
  EXPECT_EQ(demo.put(kWorkdays + "2026-12-25", entry("day", "off")).status, 200);
  EXPECT_EQ(demo.put(kWorkdays + "2026-12-06", entry("day", "office", "actual")).status, 200);
  EXPECT_EQ(december(demo)["workdays"].size(), 3u);
}

TEST(Workdays, OverTheShareGoesToTheManagerAsMonthlyTotalsOnly) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto manager = server.client_for("manager");
  const auto days = december_working_days(9);
  plan_remote(demo, {days.begin(), days.end() - 1});
  EXPECT_EQ(december(demo)["months"][0]["approval"], "none");  // 8 of 8.8 allowed
  EXPECT_TRUE(manager.get("/api/v1/approvals").body.empty());

  const auto over = demo.put(kWorkdays + days.back(), entry("day", "remote"));
  ASSERT_EQ(over.status, 200) << over.raw;  // saved, and sent for approval
  EXPECT_EQ(over.body["month"]["approval"], "pending");
  EXPECT_EQ(over.body["month"]["remote_days"], 9.0);
  EXPECT_EQ(over.body["month"]["share_percent"], 40.9);

  const auto approvals = manager.get("/api/v1/approvals");
  ASSERT_EQ(approvals.status, 200) << approvals.raw;
  ASSERT_EQ(approvals.body.size(), 1u);
  const Json& request = approvals.body[0];
  EXPECT_EQ(request["employee_id"], "emp_demo");
  EXPECT_EQ(request["employee_display_name"], "Alex Demir");
  EXPECT_EQ(request["month"], "2026-12");
  EXPECT_EQ(request["state"], "pending");
  EXPECT_EQ(request["remote_days"], 9.0);
  EXPECT_EQ(request["allowed_days"], 8.8);
  // Totals only: no member names a day, and no value is a date.
  const std::regex date_only{R"(\d{4}-\d{2}-\d{2})"};
  for (const auto& [name, value] : request.items()) {
    EXPECT_NE(name, "workdays");
    EXPECT_FALSE(value.is_string() && std::regex_match(value.get<std::string>(), date_only)) << name;
  }
  for (const auto& day : days) EXPECT_EQ(approvals.raw.find(day + "\""), std::string::npos) << day;

  const auto colleague = server.client_for("employee0002").get("/api/v1/approvals");
  EXPECT_EQ(colleague.status, 403);
  EXPECT_EQ(colleague.code(), "forbidden");

  // Back within the share: the request is withdrawn.
  ASSERT_EQ(demo.put(kWorkdays + days.back(), entry("day", "office")).status, 200);
  EXPECT_EQ(december(demo)["months"][0]["approval"], "none");
  EXPECT_TRUE(manager.get("/api/v1/approvals").body.empty());
}

TEST(Workdays, TheManagerDecidesAndTheEmployeeSeesTheDecision) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto manager = server.client_for("manager");
  const auto days = december_working_days(10);
  plan_remote(demo, {days.begin(), days.end() - 1});
  const std::string id = manager.get("/api/v1/approvals").body.at(0)["id"];

  const auto not_a_manager =
      server.client_for("employee0001").post("/api/v1/approvals/" + id, Json{{"decision", "approve"}});
  EXPECT_EQ(not_a_manager.status, 403);
  EXPECT_EQ(manager.post("/api/v1/approvals/" + id, Json{{"decision", "maybe"}}).code(), "invalid_field");
  EXPECT_EQ(manager.post("/api/v1/approvals/apr_0000000000000000", Json{{"decision", "approve"}}).code(),
            "approval_not_found");

  const auto approved = manager.post("/api/v1/approvals/" + id, Json{{"decision", "approve"}});
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["state"], "approved");
  EXPECT_EQ(approved.body["decided_at"], "2026-12-01T07:00:00+01:00");
  const auto twice = manager.post("/api/v1/approvals/" + id, Json{{"decision", "reject"}, {"reason", "Too late."}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.code(), "approval_decided");
  EXPECT_EQ(december(demo)["months"][0]["approval"], "approved");
  EXPECT_TRUE(manager.get("/api/v1/approvals").body.empty());

  // Going further over the share asks again.
  ASSERT_EQ(demo.put(kWorkdays + days.back(), entry("day", "remote")).body["month"]["approval"], "pending");
  const auto again = manager.get("/api/v1/approvals");
  ASSERT_EQ(again.body.size(), 1u);
  EXPECT_EQ(again.body[0]["id"], id);
  EXPECT_EQ(again.body[0]["remote_days"], 10.0);
  EXPECT_EQ(manager.post("/api/v1/approvals/" + id, Json{{"decision", "reject"}, {"reason", "Team day."}}).body["state"],
            "rejected");
  EXPECT_EQ(december(demo)["months"][0]["approval"], "rejected");
}

TEST(Workdays, ADeclineNeedsAReasonWhichTheEmployeeReads) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto manager = server.client_for("manager");
  const auto days = december_working_days(10);
  plan_remote(demo, {days.begin(), days.end() - 1});
  const std::string path = "/api/v1/approvals/" + std::string{manager.get("/api/v1/approvals").body.at(0)["id"]};

  for (const Json& body : {Json{{"decision", "reject"}}, Json{{"decision", "reject"}, {"reason", "   "}}}) {
    const auto refused = manager.post(path, body);
    EXPECT_EQ(refused.status, 422) << body.dump();
    EXPECT_EQ(refused.code(), "reason_required");
    EXPECT_EQ(refused.body["field"], "reason");
  }
  EXPECT_EQ(manager.post(path, Json{{"decision", "reject"}, {"reason", std::string(501, 'x')}}).code(), "invalid_field");
  EXPECT_EQ(december(demo)["months"][0]["approval"], "pending");  // nothing was decided

  const auto declined = manager.post(path, Json{{"decision", "reject"}, {"reason", "Two of us are on leave that week."}});
  ASSERT_EQ(declined.status, 200) << declined.raw;
  EXPECT_EQ(declined.body["reason"], "Two of us are on leave that week.");
  const Json month = december(demo)["months"][0];
  EXPECT_EQ(month["approval"], "rejected");
  EXPECT_EQ(month["reason"], "Two of us are on leave that week.");

  // Asking again starts afresh: no old reason on the new request, and an approval has none.
  ASSERT_EQ(demo.put(kWorkdays + days.back(), entry("day", "remote")).body["month"]["reason"], nullptr);
  const auto approved = manager.post(path, Json{{"decision", "approve"}, {"reason", "ignored"}});
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_EQ(approved.body["reason"], nullptr);
  EXPECT_EQ(december(demo)["months"][0]["reason"], nullptr);
}

TEST(Workdays, AManagerSeesTheTeamsMonthlyTotalsAndNoDay) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto manager = server.client_for("manager");
  const auto days = december_working_days(10);
  plan_remote(demo, {days.begin(), days.end() - 1});

  const auto team = manager.get("/api/v1/team/months?month=2026-12");
  ASSERT_EQ(team.status, 200) << team.raw;
  const Json* alex = nullptr;
  for (const Json& member : team.body) {
    if (member["employee_id"] == "emp_demo") alex = &member;
    EXPECT_NE(member["employee_id"], "emp_manager");  // the manager is not in their own team
  }
  ASSERT_NE(alex, nullptr) << team.raw;
  EXPECT_EQ((*alex)["display_name"], "Alex Demir");
  EXPECT_EQ((*alex)["month"]["remote_days"], 9.0);
  EXPECT_EQ((*alex)["month"]["allowed_days"], 8.8);
  EXPECT_EQ((*alex)["month"]["approval"], "pending");
  for (const auto& day : days) EXPECT_EQ(team.raw.find(day), std::string::npos) << day;  // totals only

  EXPECT_EQ(manager.get("/api/v1/team/months?month=2027-01").body.size(), team.body.size());
  for (const std::string bad : {"", "?month=2026-13", "?month=2026-12-01", "?month=december"}) {
    const auto refused = manager.get("/api/v1/team/months" + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.code(), "invalid_parameter") << bad;
  }
  const auto colleague = server.client_for("employee0002").get("/api/v1/team/months?month=2026-12");
  EXPECT_EQ(colleague.status, 403);
  EXPECT_EQ(colleague.code(), "forbidden");
}

TEST(Workdays, ARefusingDepartmentStoresNothingOverTheShare) {
  TestServer server;
  auto citizen = server.client_for("citizens01");
  const auto days = december_working_days(6);
  plan_remote(citizen, {days.begin(), days.begin() + 4});  // 4 of 4.4 allowed
  ASSERT_EQ(citizen.put(kWorkdays + days[5], entry("day", "office")).status, 200);

  const auto over = citizen.put(kWorkdays + days[4], entry("day", "remote"));
  EXPECT_EQ(over.status, 409);
  EXPECT_EQ(over.code(), "quota_exceeded");
  // Splitting the office day for a remote morning would also go over: the split is undone too.
  EXPECT_EQ(citizen.put(kWorkdays + days[5], entry("am", "remote")).code(), "quota_exceeded");
  const Json month = december(citizen);
  ASSERT_EQ(month["workdays"].size(), 5u) << month;
  EXPECT_EQ(month["workdays"][4], (Json{{"date", days[5]}, {"half", "day"}, {"mode", "office"}, {"kind", "planned"}}));
  EXPECT_EQ(month["months"][0]["remote_days"], 4.0);
  EXPECT_EQ(month["months"][0]["over_quota"], "refused");
  EXPECT_EQ(month["months"][0]["approval"], "none");
  // Recording actual remote work is not planning, and moving back is always allowed.
  EXPECT_EQ(citizen.put(kWorkdays + days[4], entry("day", "remote", "actual")).status, 200);
  EXPECT_EQ(citizen.put(kWorkdays + days[0], entry("day", "office")).status, 200);
}

TEST(Workdays, EveryoneSeesAndChangesOnlyTheirOwnDays) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto colleague = server.client_for("employee0001");
  ASSERT_EQ(demo.put(kWorkdays + "2026-12-02", entry("day", "remote")).status, 200);

  const Json theirs = december(colleague);
  EXPECT_TRUE(theirs["workdays"].empty());
  EXPECT_EQ(theirs["months"][0]["remote_days"], 0.0);
  EXPECT_EQ(colleague.del(kWorkdays + "2026-12-02?half=day&kind=planned").code(), "workday_not_found");
  ASSERT_EQ(colleague.put(kWorkdays + "2026-12-03", entry("day", "office")).status, 200);
  const Json mine = december(demo)["workdays"];
  ASSERT_EQ(mine.size(), 1u) << mine;
  EXPECT_EQ(mine[0]["mode"], "remote");

  // The changes feed carries the entry to its owner only.
  EXPECT_TRUE(has_remote_workday(demo));
  EXPECT_FALSE(has_remote_workday(colleague));
}

}  // namespace
}  // namespace stellwerk::server::testing
