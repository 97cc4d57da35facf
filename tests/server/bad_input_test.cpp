// What a client gets for a broken request: a problem+json with the documented status and code,
// never a 5xx, and never a side effect. Ends with a seeded fuzz loop over the main write calls.
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

// An RFC 9457 problem whose status member matches the HTTP status.
void expect_problem_shape(const ApiResponse& response) {
  EXPECT_EQ(response.content_type, "application/problem+json") << response.status << " " << response.raw;
  ASSERT_TRUE(response.body.is_object()) << response.raw;
  EXPECT_EQ(response.body.value("status", 0), response.status) << response.raw;
  ASSERT_TRUE(response.body.contains("code") && response.body["code"].is_string()) << response.raw;
  EXPECT_EQ(response.body.value("type", ""), "urn:stellwerk:problem:" + response.code()) << response.raw;
  EXPECT_FALSE(response.body.value("title", "").empty()) << response.raw;
}

const std::string kSignIn = "/api/v1/session";

// --- Bodies that are not valid requests -------------------------------------------------------

TEST(BadInput, MalformedJsonIsInvalidJson) {
  TestServer server;
  auto client = server.anonymous();
  for (const std::string body : {"", "{", "{\"username\": \"demo\"", "{username: \"demo\", password: \"demo\"}",
                                 "{\"username\": \"demo\", \"password\": \"demo\",}", "{\"username\": 'demo'}",
                                 "not json", "{\"username\": \"demo\"}}", "{\"a\": 01}", "{\"a\": NaN}"}) {
    SCOPED_TRACE(body);
    expect_problem(client.send("POST", kSignIn, body), 400, "invalid_json");
  }
}

TEST(BadInput, JsonThatIsNotAnObjectIsInvalidBody) {
  TestServer server;
  auto client = server.anonymous();
  for (const std::string body : {"[]", "[{\"username\": \"demo\", \"password\": \"demo\"}]", "\"demo\"", "42", "null",
                                 "true"}) {
    SCOPED_TRACE(body);
    expect_problem(client.send("POST", kSignIn, body), 422, "invalid_body");
  }
}

TEST(BadInput, WrongTypesAreInvalidFieldNamingTheField) {
  TestServer server;
  auto client = server.anonymous();
  expect_problem(client.post(kSignIn, Json{{"username", 42}, {"password", "demo"}}), 422, "invalid_field", "username");
  expect_problem(client.post(kSignIn, Json{{"username", "demo"}, {"password", Json::array({"demo"})}}), 422,
                 "invalid_field", "password");
  expect_problem(client.post(kSignIn, Json{{"username", Json{{"$ne", ""}}}, {"password", "demo"}}), 422,
                 "invalid_field", "username");
  expect_problem(client.post(kSignIn, Json{{"username", true}, {"password", "demo"}}), 422, "invalid_field",
                 "username");
}

TEST(BadInput, UnknownAndMissingFieldsAreNamed) {
  TestServer server;
  auto client = server.anonymous();
  expect_problem(client.post(kSignIn, Json{{"username", "demo"}, {"password", "demo"}, {"remember_me", true}}), 422,
                 "unknown_field", "remember_me");
  expect_problem(client.post(kSignIn, Json{{"user_name", "demo"}, {"password", "demo"}}), 422, "unknown_field",
                 "user_name");
  expect_problem(client.post(kSignIn, Json{{"username", "demo"}}), 422, "missing_field", "password");
  expect_problem(client.post(kSignIn, Json::object()), 422, "missing_field");
  expect_problem(client.post(kSignIn, Json{{"username", nullptr}, {"password", "demo"}}), 422, "missing_field",
                 "username");
}

// The same validation on each write call, with the caller allowed to make it.
TEST(BadInput, EveryWriteCallValidatesItsBody) {
  TestServer server;
  struct Case {
    std::string user, method, path;
    Json body;
    std::string code, field;
  };
  const std::string closures = "/api/v1/buildings/bld_rathaus/closures";
  const std::string workday = "/api/v1/workdays/2026-12-02";
  const Json start = "2026-12-02T08:00:00+01:00";
  const Json end = "2026-12-02T17:00:00+01:00";
  const std::vector<Case> cases{
      {"facility", "POST", closures, Json{{"date", "2026-12-10"}}, "missing_field", "reason"},
      {"facility", "POST", closures, Json{{"date", 20261210}, {"reason", "x"}}, "invalid_field", "date"},
      {"facility", "POST", closures, Json{{"date", "2026-02-30"}, {"reason", "x"}}, "invalid_field", "date"},
      {"facility", "POST", closures, Json{{"date", "2026-12-10"}, {"reason", "x"}, {"until", "2026-12-11"}},
       "unknown_field", "until"},
      {"facility", "POST", closures, Json{{"date", "2026-12-10"}, {"reason", std::string(201, 'x')}}, "invalid_field",
       "reason"},
      {"demo", "POST", "/api/v1/bookings", Json{{"resource_id", 5}, {"start", start}, {"end", end}}, "invalid_field",
       "resource_id"},
      {"demo", "POST", "/api/v1/bookings", Json{{"resource_id", "flr_rathaus_eg-01"}, {"start", start}},
       "missing_field", "end"},
      {"demo", "POST", "/api/v1/bookings",
       Json{{"resource_id", "flr_rathaus_eg-01"}, {"start", "tomorrow"}, {"end", end}}, "invalid_field", "start"},
      {"demo", "POST", "/api/v1/bookings",
       Json{{"resource_id", "flr_rathaus_eg-01"}, {"start", start}, {"end", end}, {"employee_id", "emp_0001"}},
       "unknown_field", "employee_id"},
      {"demo", "PUT", workday, Json{{"half", "evening"}, {"mode", "remote"}, {"kind", "planned"}}, "invalid_field",
       "half"},
      {"demo", "PUT", workday, Json{{"half", "day"}, {"mode", 1}, {"kind", "planned"}}, "invalid_field", "mode"},
      {"demo", "PUT", workday, Json{{"half", "day"}, {"mode", "remote"}}, "missing_field", "kind"},
      {"demo", "PUT", workday, Json{{"half", "day"}, {"mode", "remote"}, {"kind", "planned"}, {"note", "x"}},
       "unknown_field", "note"},
      {"demo", "POST", "/api/v1/enrollments", Json::object(), "missing_field", "course_id"},
      {"demo", "POST", "/api/v1/enrollments", Json{{"course_id", Json::array()}}, "invalid_field", "course_id"},
      {"demo", "POST", "/api/v1/enrollments", Json{{"course_id", "crs_privacy"}, {"due_on", "2027-01-01"}},
       "unknown_field", "due_on"},
      {"demo", "PUT", "/api/v1/me/favourites/flr_rathaus_eg-01", Json{{"usual", "yes"}}, "invalid_field", "usual"},
      {"demo", "PUT", "/api/v1/me/favourites/flr_rathaus_eg-01", Json{{"usual", true}, {"resource_id", "x"}},
       "unknown_field", "resource_id"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " " + c.body.dump());
    auto client = server.client_for(c.user);
    expect_problem(client.send(c.method, c.path, c.body.dump()), 422, c.code, c.field);
  }
  // None of the refused bodies left anything behind.
  auto facility = server.client_for("facility");
  EXPECT_EQ(facility.del(closures + "/2026-12-10").status, 404);
  EXPECT_EQ(server.client_for("demo").get("/api/v1/me/favourites").body, Json::array());
}

TEST(BadInput, BodyOver64KiBIsTooLarge) {
  TestServer server;
  auto client = server.anonymous();
  // {"username":"demo","password":"xxx…"} padded to an exact size.
  auto body_of_size = [](std::size_t size) {
    const std::string head = R"({"username":"demo","password":")";
    const std::string tail = R"("})";
    return head + std::string(size - head.size() - tail.size(), 'x') + tail;
  };
  // Exactly 64 KiB is read (and refused for the over-long password), one byte more is not.
  expect_problem(client.send("POST", kSignIn, body_of_size(64 * 1024)), 422, "invalid_field", "password");
  expect_problem(client.send("POST", kSignIn, body_of_size(64 * 1024 + 1)), 413, "body_too_large");
  expect_problem(client.send("POST", kSignIn, body_of_size(1024 * 1024)), 413, "body_too_large");
  auto demo = server.client_for("demo");
  expect_problem(demo.send("POST", "/api/v1/bookings", std::string(70'000, ' ')), 413, "body_too_large");
  // The connection and the server are fine afterwards.
  EXPECT_EQ(demo.get("/api/v1/me").status, 200);
}

TEST(BadInput, InvalidUtf8InAStringIsInvalidJson) {
  TestServer server;
  auto client = server.anonymous();
  for (const auto& bad : {std::string{"de\xffmo"}, std::string{"\xc0\xaf"}, std::string{"\xed\xa0\x80"},
                                std::string{"\xf4\x90\x80\x80"}, std::string{"abc\xe2\x82"}, std::string{"\\ud800"},
                                std::string{"\\udc00\\ud800"}}) {
    SCOPED_TRACE(::testing::PrintToString(bad));
    expect_problem(client.send("POST", kSignIn, R"({"username":")" + bad + R"(","password":"demo"})"), 400,
                   "invalid_json");
  }
}

TEST(BadInput, ControlCharactersInFieldsAreInvalidField) {
  TestServer server;
  auto client = server.anonymous();
  // Escaped control characters are valid JSON, but no field of this API takes them.
  for (const std::string escaped : {"\\u0000", "demo\\u0000", "\\u0007", "de\\u001bmo", "\\u007f", "demo\\n"}) {
    SCOPED_TRACE(escaped);
    expect_problem(client.send("POST", kSignIn, R"({"username":")" + escaped + R"(","password":"demo"})"), 422,
                   "invalid_field", "username");
  }
  // Raw control characters inside a string are not even JSON.
  expect_problem(client.send("POST", kSignIn, std::string{"{\"username\":\"de\x01mo\",\"password\":\"demo\"}"}), 400,
                 "invalid_json");

  auto facility = server.client_for("facility");
  expect_problem(facility.send("POST", "/api/v1/buildings/bld_rathaus/closures",
                               R"({"date":"2026-12-10","reason":"Wasser\u0000schaden"})"),
                 422, "invalid_field", "reason");
  EXPECT_EQ(facility.del("/api/v1/buildings/bld_rathaus/closures/2026-12-10").status, 404) << "closure was stored";
}

// --- SQL in strings ---------------------------------------------------------------------------

std::map<std::string, std::int64_t> table_counts(TestServer& server) {
  return server.server().context().db.read([](sql::Connection& db) {
    std::map<std::string, std::int64_t> counts;
    counts["tables"] = db.query_int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
    for (const char* table : {"employees", "buildings", "resources", "closures", "bookings", "workdays", "approvals",
                              "courses", "enrollments", "sessions", "changes"}) {
      counts[table] = db.query_int(std::string{"SELECT COUNT(*) FROM "} + table);
    }
    return counts;
  });
}

TEST(BadInput, SqlInStringsIsJustText) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto facility = server.client_for("facility");
  auto anonymous = server.anonymous();
  const auto before = table_counts(server);
  const std::vector<std::string> injections{"' OR 1=1 --", "demo' --", "demo'; DROP TABLE employees; --",
                                            "\" OR \"\"=\"", "x' UNION SELECT id, password_hash FROM employees --"};
  for (const auto& text : injections) {
    SCOPED_TRACE(text);
    expect_problem(anonymous.post(kSignIn, Json{{"username", text}, {"password", "demo"}}), 401,
                   "invalid_credentials");
    expect_problem(anonymous.post(kSignIn, Json{{"username", "demo"}, {"password", text}}), 401,
                   "invalid_credentials");
    expect_problem(demo.post("/api/v1/bookings", Json{{"resource_id", text},
                                                      {"start", "2026-12-02T08:00:00+01:00"},
                                                      {"end", "2026-12-02T17:00:00+01:00"}}),
                   404, "resource_not_found");
    expect_problem(demo.post("/api/v1/enrollments", Json{{"course_id", text}}), 404, "course_not_found");
  }
  // In path and query parameters too.
  expect_problem(facility.post("/api/v1/buildings/bld_rathaus%27%20OR%20%271%27%3D%271/closures",
                               Json{{"date", "2026-12-10"}, {"reason", "x"}}),
                 404, "building_not_found");
  expect_problem(demo.del("/api/v1/bookings/x%27%20OR%201%3D1%20--"), 404, "booking_not_found");
  expect_problem(demo.get("/api/v1/changes?since=0%20OR%201%3D1"), 400, "invalid_parameter", "since");

  EXPECT_EQ(table_counts(server), before);
  // Everyone can still sign in.
  EXPECT_EQ(anonymous.post(kSignIn, Json{{"username", "employee0001"}, {"password", "demo"}}).status, 201);
}

// --- Parameters, paths and methods ------------------------------------------------------------

TEST(BadInput, ImpossibleDatesAreInvalidParameter) {
  TestServer server;
  struct Case {
    std::string user, method, path, field;
    Json body;
  };
  const Json workday{{"half", "day"}, {"mode", "remote"}, {"kind", "planned"}};
  std::vector<Case> cases;
  for (const std::string bad : {"2026-02-30", "2026-13-01", "yesterday", "2026-12-1", "20261201", "2026-00-10", ""}) {
    cases.push_back({"demo", "GET", "/api/v1/buildings/bld_rathaus/availability?date=" + bad, "date", nullptr});
    cases.push_back({"demo", "GET", "/api/v1/bookings?from=" + bad + "&to=2026-12-31", "from", nullptr});
    cases.push_back({"demo", "GET", "/api/v1/bookings?from=2026-12-01&to=" + bad, "to", nullptr});
    cases.push_back({"demo", "GET", "/api/v1/workdays?from=" + bad + "&to=2026-12-31", "from", nullptr});
    cases.push_back({"demo", "GET", "/api/v1/workdays?from=2026-12-01&to=" + bad, "to", nullptr});
    if (bad.empty()) continue;  // an empty path segment is another path
    cases.push_back({"demo", "PUT", "/api/v1/workdays/" + bad, "date", workday});
    cases.push_back({"demo", "DELETE", "/api/v1/workdays/" + bad + "?half=day&kind=planned", "date", nullptr});
    cases.push_back({"facility", "DELETE", "/api/v1/buildings/bld_rathaus/closures/" + bad, "date", nullptr});
  }
  // Missing required query parameters.
  cases.push_back({"demo", "GET", "/api/v1/buildings/bld_rathaus/availability", "date", nullptr});
  cases.push_back({"demo", "GET", "/api/v1/bookings?to=2026-12-31", "from", nullptr});
  cases.push_back({"demo", "DELETE", "/api/v1/workdays/2026-12-02?half=evening&kind=planned", "half", nullptr});
  cases.push_back({"demo", "DELETE", "/api/v1/workdays/2026-12-02?half=day", "kind", nullptr});
  for (const auto& c : cases) {
    SCOPED_TRACE(c.user + ": " + c.method + " " + c.path);
    auto client = server.client_for(c.user);
    expect_problem(client.send(c.method, c.path, c.body.is_null() ? std::string{} : c.body.dump()), 400,
                   "invalid_parameter", c.field);
  }
}

TEST(BadInput, UnknownPathIsNotFound) {
  TestServer server;
  auto demo = server.client_for("demo");
  auto anonymous = server.anonymous();
  for (const std::string path : {"/", "/api", "/api/v1", "/api/v1/nope", "/api/v2/me", "/api/v1/me/", "/api/v1/ME",
                                 "/api/v1/bookings/bk_1/check-in/again", "/api/v1/buildings/bld_rathaus",
                                 "/healthz/", "/api/v1/../v1/me"}) {
    SCOPED_TRACE(path);
    expect_problem(demo.get(path), 404, "not_found");
    expect_problem(anonymous.get(path), 404, "not_found");
    expect_problem(anonymous.send("POST", path, "{}"), 404, "not_found");
  }
}

std::set<std::string> allow_set(const std::string& header) {
  std::set<std::string> methods;
  std::stringstream stream{header};
  std::string item;
  while (std::getline(stream, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) methods.insert(item);
  }
  return methods;
}

TEST(BadInput, WrongMethodOnAKnownPathIsMethodNotAllowedWithAllow) {
  TestServer server;
  auto demo = server.client_for("demo");
  struct Case {
    std::string method, path;
    std::set<std::string> allow;
  };
  const std::vector<Case> cases{
      {"PUT", "/healthz", {"GET"}},
      {"GET", "/api/v1/session", {"POST", "DELETE"}},
      {"PUT", "/api/v1/session", {"POST", "DELETE"}},
      {"GET", "/api/v1/session/kiosk", {"POST"}},
      {"DELETE", "/api/v1/me", {"GET"}},
      {"POST", "/api/v1/me/policy", {"GET"}},
      {"POST", "/api/v1/me/favourites", {"GET"}},
      {"GET", "/api/v1/me/favourites/flr_rathaus_eg-01", {"PUT", "DELETE"}},
      {"POST", "/api/v1/me/favourites/flr_rathaus_eg-01", {"PUT", "DELETE"}},
      {"POST", "/api/v1/resources/room_rhein/timeline", {"GET"}},
      {"DELETE", "/api/v1/resources/room_rhein/alternatives", {"GET"}},
      {"POST", "/api/v1/buildings", {"GET"}},
      {"GET", "/api/v1/buildings/bld_rathaus/closures", {"POST"}},
      {"PUT", "/api/v1/buildings/bld_rathaus/closures/2026-12-10", {"DELETE"}},
      {"PATCH", "/api/v1/bookings", {"GET", "POST"}},
      {"GET", "/api/v1/bookings/bk_1", {"DELETE"}},
      {"GET", "/api/v1/bookings/bk_1/check-in", {"POST"}},
      {"POST", "/api/v1/workdays", {"GET"}},
      {"GET", "/api/v1/workdays/2026-12-02", {"PUT", "DELETE"}},
      {"DELETE", "/api/v1/approvals", {"GET"}},
      {"PUT", "/api/v1/enrollments", {"GET", "POST"}},
      {"DELETE", "/api/v1/changes", {"GET"}},
      {"POST", "/api/v1/certificates/public-key", {"GET"}},
      {"OPTIONS", "/api/v1/me", {"GET"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path);
    const auto response = demo.send(c.method, c.path, c.method == "GET" || c.method == "DELETE" ? "" : "{}");
    expect_problem(response, 405, "method_not_allowed");
    EXPECT_EQ(allow_set(response.header("Allow")), c.allow) << "Allow: " << response.header("Allow");
  }
}

// --- Fuzzing ----------------------------------------------------------------------------------

// Mutations of a valid body: truncations, type swaps, huge numbers, deep nesting, odd Unicode,
// broken bytes, duplicate, missing and unknown members, oversized strings.
class Mutator {
 public:
  explicit Mutator(std::uint32_t seed) : random_(seed) {}

  std::string mutate(const Json& valid) {
    const std::string text = valid.dump();
    std::vector<std::string> keys;
    for (const auto& [key, value] : valid.items()) keys.push_back(key);
    const std::string key = keys[pick(keys.size())];
    switch (pick(12)) {
      case 0:  // truncated anywhere
        return text.substr(0, pick(text.size()));
      case 1: {  // another type
        static const std::vector<Json> values{42, -1, 3.5, true, false, nullptr, Json::array(), Json::object(),
                                              Json::array({"x"}), Json{{"k", "v"}}, "", 0};
        Json copy = valid;
        copy[key] = values[pick(values.size())];
        return copy.dump();
      }
      case 2: {  // a number no parser holds
        static const std::vector<std::string> numbers{"1e400", "-1e400", "1e-400", "123456789012345678901234567890",
                                                      "18446744073709551616", "-9223372036854775809", "1E+99999",
                                                      "0.0000000000000000000000000000001"};
        return with_raw_value(valid, key, numbers[pick(numbers.size())]);
      }
      case 3: {  // deep nesting, as the body or as a member, closed or not
        const std::size_t depth = 10'000;
        const std::string open(depth, '['), close(depth, ']');
        switch (pick(3)) {
          case 0: return open + close;
          case 1: return with_raw_value(valid, key, open + close);
          default: return with_raw_value(valid, key, open);
        }
      }
      case 4: {  // Unicode, valid and not
        static const std::vector<std::string> texts{
            "\"Ünïcödé\"", "\"😀🏢\"", "\"\xe2\x80\xae" "evil\"", "\"a\xcc\x81\"", "\"\\uffff\"", "\"\\ud83d\\ude00\"",
            "\"\\ud800\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xef\xbb\xbf" "demo\"",
            "\"\\u0000\""};
        return with_raw_value(valid, key, texts[pick(texts.size())]);
      }
      case 5: {  // random bytes overwritten
        std::string copy = text;
        const std::size_t flips = 1 + pick(4);
        for (std::size_t i = 0; i < flips; ++i) copy[pick(copy.size())] = static_cast<char>(pick(256));
        return copy;
      }
      case 6: {  // member missing
        Json copy = valid;
        copy.erase(key);
        return copy.dump();
      }
      case 7: {  // unknown member
        Json copy = valid;
        copy["zz_" + std::to_string(pick(1000))] = "x";
        return copy.dump();
      }
      case 8:  // duplicate member
        return "{\"" + key + "\":1," + text.substr(1);
      case 9: {  // long strings, just under and over the body limit
        Json copy = valid;
        copy[key] = std::string(pick(2) == 0 ? 60'000 : 70'000, 'x');
        return copy.dump();
      }
      case 10: {  // wrapped in another shape
        switch (pick(3)) {
          case 0: return "[" + text + "]";
          case 1: return Json(text).dump();
          default: return "{\"body\":" + text + "}";
        }
      }
      default: {  // random bytes inserted
        std::string copy = text;
        std::string noise;
        for (std::size_t i = 0, n = 1 + pick(8); i < n; ++i) noise.push_back(static_cast<char>(pick(256)));
        copy.insert(pick(copy.size() + 1), noise);
        return copy;
      }
    }
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>{0, n - 1}(random_); }

  // The body with member `key` replaced by raw JSON text.
  static std::string with_raw_value(const Json& valid, const std::string& key, const std::string& raw) {
    Json copy = valid;
    copy[key] = "@@placeholder@@";
    std::string text = copy.dump();
    const std::string marker = "\"@@placeholder@@\"";
    text.replace(text.find(marker), marker.size(), raw);
    return text;
  }

  std::mt19937 random_;
};

void fuzz(TestServer& server, ApiClient& client, const std::string& method, const std::string& path,
          const Json& valid, std::uint32_t seed) {
  Mutator mutator{seed};
  for (int i = 0; i < 50; ++i) {
    const std::string body = mutator.mutate(valid);
    SCOPED_TRACE("mutation " + std::to_string(i) + ": " + ::testing::PrintToString(body.substr(0, 120)));
    const auto response = client.send(method, path, body);
    EXPECT_LT(response.status, 500) << response.raw;
    if (response.status >= 400) expect_problem_shape(response);
  }
  // Still serving, and still answering correctly.
  EXPECT_EQ(server.anonymous().get("/healthz").status, 200);
  const auto valid_again = client.send(method, path, valid.dump());
  EXPECT_LT(valid_again.status, 500) << valid_again.raw;
}

TEST(BadInputFuzz, SignInNeverAnswersWithAServerError) {
  TestServer server;
  auto client = server.anonymous();
  fuzz(server, client, "POST", kSignIn, Json{{"username", "demo"}, {"password", "demo"}}, 1);
}

TEST(BadInputFuzz, BookingNeverAnswersWithAServerError) {
  TestServer server;
  auto client = server.client_for("demo");
  fuzz(server, client, "POST", "/api/v1/bookings",
       Json{{"resource_id", "flr_rathaus_eg-01"},
            {"start", "2026-12-02T08:00:00+01:00"},
            {"end", "2026-12-02T17:00:00+01:00"}},
       2);
}

TEST(BadInputFuzz, EnrollmentNeverAnswersWithAServerError) {
  TestServer server;
  auto client = server.client_for("demo");
  fuzz(server, client, "POST", "/api/v1/enrollments", Json{{"course_id", "crs_privacy"}}, 3);
}

TEST(BadInputFuzz, WorkdayNeverAnswersWithAServerError) {
  TestServer server;
  auto client = server.client_for("demo");
  fuzz(server, client, "PUT", "/api/v1/workdays/2026-12-02",
       Json{{"half", "day"}, {"mode", "remote"}, {"kind", "planned"}}, 4);
}

TEST(BadInputFuzz, FavouriteNeverAnswersWithAServerError) {
  TestServer server;
  auto client = server.client_for("demo");
  fuzz(server, client, "PUT", "/api/v1/me/favourites/flr_rathaus_eg-01", Json{{"usual", true}}, 5);
}

TEST(BadInputFuzz, KioskRegistrationNeverAnswersWithAServerError) {
  TestServer server;
  auto client = server.client_for("facility");
  fuzz(server, client, "POST", "/api/v1/kiosks", Json{{"name", "Foyer"}, {"building_id", "bld_rathaus"}}, 6);
}

TEST(BadInputFuzz, KioskHeartbeatNeverAnswersWithAServerError) {
  TestServer server;
  auto client = server.anonymous();
  client.set_token("demo-kiosk-token");
  fuzz(server, client, "POST", "/api/v1/kiosk/heartbeat", Json{{"version", "1.4.0"}}, 7);
}

// A plain case of what the fuzzing above tries: a number out of double range is a client
// mistake, not a server failure.
TEST(BadInput, NumberOutOfRangeIsInvalidJsonNotAServerError) {
  TestServer server;
  auto client = server.anonymous();
  for (const std::string number : {"1e400", "-1e400"}) {
    SCOPED_TRACE(number);
    const auto response = client.send("POST", kSignIn, R"({"username":)" + number + R"(,"password":"demo"})");
    // Unreadable (400 invalid_json) or unacceptable (422 invalid_field): either is the client's.
    EXPECT_TRUE(response.status == 400 || response.status == 422) << response.status << " " << response.raw;
    expect_problem_shape(response);
  }
}

}  // namespace
}  // namespace stellwerk::server::testing
