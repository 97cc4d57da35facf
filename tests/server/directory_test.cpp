// Signing in against a real directory: Debian's slapd on loopback (slapd.hpp), one per suite, with
// the demo city's people "demo" and "manager", a locked account, an entry without a password and
// an account no person record matches. The server checks passwords there (auth.cpp, directory.cpp):
// the right password signs in as the person record, everything else the directory refuses is one
// 401, a right password without a person record is 403 no_person_record, and a directory that is
// down or hangs is 503 directory_unavailable within the timeout. slapd missing fails the suite.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "directory.hpp"
#include "kiosk_support.hpp"
#include "slapd.hpp"
#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

using std::chrono::steady_clock;

constexpr const char* kRight = "Dir3ctory-pw";

DirectoryOptions by_template(const std::string& url) {
  DirectoryOptions options;
  options.url = url;
  options.timeout = std::chrono::seconds{2};
  options.bind_dn_template = kPeopleDnTemplate;
  return options;
}

DirectoryOptions by_search(const std::string& url) {
  DirectoryOptions options;
  options.url = url;
  options.timeout = std::chrono::seconds{2};
  options.search_bind_dn = kServiceDn;
  options.search_bind_password = kServicePassword;
  options.base_dn = kDirectoryBase;
  options.user_filter = "(&(objectClass=inetOrgPerson)(uid={user}))";
  return options;
}

AuthOptions ldap(DirectoryOptions directory) { return AuthOptions{AuthMethod::ldap, std::move(directory)}; }

Json login(const std::string& username, const std::string& password) {
  return Json{{"username", username}, {"password", password}};
}

class Directory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      slapd_ = std::make_unique<Slapd>(std::vector<DirectoryPerson>{{"demo", kRight, false},
                                                                     {"manager", kRight, false},
                                                                     {"facility", kRight, true},
                                                                     {"nopassword", std::nullopt, false},
                                                                     {"stranger", kRight, false}});
    } catch (const std::exception& e) {
      start_error_ = e.what();
    }
  }
  static void TearDownTestSuite() { slapd_.reset(); }
  void SetUp() override { ASSERT_TRUE(slapd_) << start_error_; }

  static std::string url() { return slapd_->url(); }

  static std::unique_ptr<Slapd> slapd_;
  static std::string start_error_;
};
std::unique_ptr<Slapd> Directory::slapd_;
std::string Directory::start_error_;

TEST_F(Directory, TheRightPasswordIsAcceptedBothWays) {
  for (const auto& options : {by_template(url()), by_search(url())}) {
    EXPECT_EQ(check_directory_password(options, "demo", kRight), DirectoryAnswer::accepted);
    EXPECT_EQ(check_directory_password(options, "demo", "wrong"), DirectoryAnswer::refused);
    EXPECT_EQ(check_directory_password(options, "nobody", kRight), DirectoryAnswer::refused);
    // Locked with ppolicy's pwdAccountLockedTime: the right password is refused like a wrong one.
    EXPECT_EQ(check_directory_password(options, "facility", kRight), DirectoryAnswer::refused);
    EXPECT_EQ(check_directory_password(options, "nopassword", kRight), DirectoryAnswer::refused);
    // An empty password would be an anonymous bind, which slapd accepts: never asked.
    EXPECT_EQ(check_directory_password(options, "demo", ""), DirectoryAnswer::refused);
  }
}

TEST_F(Directory, AUserNameCannotChangeTheFilterOrTheDn) {
  // (Leading and trailing spaces and case are the directory's own matching rules, not an injection:
  // " DEMO" finds demo, and then no person record matches that user name.)
  for (const auto& options : {by_template(url()), by_search(url())}) {
    for (const char* name : {"*", "*)(uid=*", "demo)(uid=*", "d*", "uid=demo,ou=people,dc=city,dc=example",
                             "demo,ou=people", "demo\\", "(demo)"}) {
      EXPECT_EQ(check_directory_password(options, name, kRight), DirectoryAnswer::refused) << name;
    }
  }
  EXPECT_EQ(escape_filter_value("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
  EXPECT_EQ(escape_filter_value(std::string{"a\\b\0", 4}), "a\\5cb\\00");
  EXPECT_EQ(escape_dn_value("a,b+c=d"), "a\\,b\\+c\\=d");
  EXPECT_EQ(escape_dn_value("#x y "), "\\#x y\\ ");
  EXPECT_EQ(escape_dn_value(" \"<>;\\"), "\\ \\\"\\<\\>\\;\\\\");
  EXPECT_EQ(with_user("(&(uid={user})(mail={user}@x))", "a\\2a"), "(&(uid=a\\2a)(mail=a\\2a@x))");
}

TEST_F(Directory, AWrongServicePasswordMeansTheDirectoryCannotBeAsked) {
  auto options = by_search(url());
  options.search_bind_password = "not-the-service-password";
  EXPECT_EQ(check_directory_password(options, "demo", kRight), DirectoryAnswer::unavailable);
}

TEST_F(Directory, SignInOpensASessionForThePersonRecord) {
  TestServer server{DemoScale::small, default_test_start(), ldap(by_template(url()))};
  auto client = server.anonymous();
  const auto session = client.post("/api/v1/session", login("demo", kRight));
  ASSERT_EQ(session.status, 201) << session.raw;
  EXPECT_EQ(session.body["user"]["username"], "demo");
  client.set_token(session.body["token"].get<std::string>());
  EXPECT_EQ(client.get("/api/v1/me").body["id"], "emp_demo");

  // The local demo password no longer counts, and every refusal of the directory is one answer.
  for (const auto& [name, password] : {std::pair{"demo", "demo"}, {"demo", "wrong"}, {"nobody", kRight},
                                       {"facility", kRight}, {"nopassword", kRight}, {"*", kRight}}) {
    expect_problem(server.anonymous().post("/api/v1/session", login(name, password)), 401, "invalid_credentials");
  }
}

TEST_F(Directory, AnAccountWithoutAPersonRecordIsToldSo) {
  TestServer server{DemoScale::small, default_test_start(), ldap(by_search(url()))};
  const auto refused = server.anonymous().post("/api/v1/session", login("stranger", kRight));
  expect_problem(refused, 403, "no_person_record");
  EXPECT_NE(refused.body.value("title", "").find("person record"), std::string::npos) << refused.raw;
  // Only the right password learns that much.
  expect_problem(server.anonymous().post("/api/v1/session", login("stranger", "wrong")), 401, "invalid_credentials");

  // Someone who left keeps no person record, even while the directory still knows them.
  server.server().context().db.write([](sql::Connection& db) {
    sql::Statement{db, "UPDATE employees SET left_at = 1 WHERE username = 'manager'"}.run();
  });
  expect_problem(server.anonymous().post("/api/v1/session", login("manager", kRight)), 403, "no_person_record");
}

TEST_F(Directory, TheKioskChecksPasswordsThereAndPinsHere) {
  TestServer server{DemoScale::small, default_test_start(), ldap(by_template(url()))};
  auto kiosk = device(server);
  EXPECT_EQ(kiosk.post("/api/v1/session/kiosk/password", login("demo", kRight)).status, 201);
  expect_problem(kiosk.post("/api/v1/session/kiosk/password", login("demo", "demo")), 401, "invalid_credentials");
  expect_problem(kiosk.post("/api/v1/session/kiosk/password", login("stranger", kRight)), 403, "no_person_record");
  EXPECT_EQ(kiosk.post("/api/v1/session/kiosk", kDemoBadge).status, 201);  // badge and PIN stay local
}

// What a loaded machine may add to a timeout before the answer arrives. Without the timeouts the
// answers below would never come, so a generous slack still tells the two apart.
constexpr std::chrono::seconds kSlack{10};

// A directory that cannot answer is 503, within the timeout; a closed port answers at once.
void expect_unavailable_in_time(const std::string& url, std::chrono::seconds timeout) {
  auto options = by_template(url);
  options.timeout = timeout;
  TestServer server{DemoScale::small, default_test_start(), ldap(options)};
  const auto started = steady_clock::now();
  const auto refused = server.anonymous().post("/api/v1/session", login("demo", kRight));
  const auto waited = steady_clock::now() - started;
  expect_problem(refused, 503, "directory_unavailable");
  EXPECT_EQ(refused.header("Retry-After"), "30") << "a client comes back later instead of waiting again at once";
  EXPECT_LT(waited, timeout + kSlack) << url;
  auto kiosk = device(server);
  expect_problem(kiosk.post("/api/v1/session/kiosk/password", login("demo", kRight)), 503, "directory_unavailable");
  EXPECT_EQ(kiosk.post("/api/v1/session/kiosk", kDemoBadge).status, 201);  // the kiosk's PINs still work
}

TEST(DirectoryDown, AClosedPortIsAClear503) {
  expect_unavailable_in_time("ldap://127.0.0.1:" + std::to_string(closed_loopback_port()), std::chrono::seconds{2});
}

TEST(DirectoryDown, ADirectoryThatNeverAnswersIsCutOffByTheTimeout) {
  SilentListener silent;
  const auto started = steady_clock::now();
  EXPECT_EQ(check_directory_password(by_template("ldap://127.0.0.1:" + std::to_string(silent.port())), "demo", kRight),
            DirectoryAnswer::unavailable);
  const auto waited = steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds{1500});
  EXPECT_LT(waited, std::chrono::seconds{2} + kSlack);
  expect_unavailable_in_time("ldap://127.0.0.1:" + std::to_string(silent.port()), std::chrono::seconds{1});
}

TEST(DirectoryDown, ADirectoryThatNeverAnswersTheTlsHandshakeIsCutOffToo) {
  // libldap's own timeouts do not reach the handshake of ldaps://; the watchdog does.
  SilentListener silent;
  const auto started = steady_clock::now();
  EXPECT_EQ(check_directory_password(by_template("ldaps://127.0.0.1:" + std::to_string(silent.port())), "demo", kRight),
            DirectoryAnswer::unavailable);
  EXPECT_LT(steady_clock::now() - started, std::chrono::seconds{2} + kSlack);
}

}  // namespace
}  // namespace stellwerk::server::testing
