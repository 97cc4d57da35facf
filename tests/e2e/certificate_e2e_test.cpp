// End-to-end: a training certificate from the real server, exported by the real `stellwerk`
// command line, checked the way anyone outside would check it — with the printed `openssl`
// command — and by the client against the key it pinned at its first sync. One flipped byte of
// the document and both reject it.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cli_process.hpp"

namespace stellwerk::e2e {
namespace {

namespace fs = std::filesystem;
using server::testing::ApiClient;
using server::testing::ApiResponse;
using server::testing::TestServer;

// Runs `command` in a POSIX shell, its output kept out of the test's; the exit code.
int shell(const std::string& command) {
  const int status = std::system((command + " > /dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The id of a completion of the first course by `api`'s person, with its certificate.
std::string complete_first_course(ApiClient& api) {
  const ApiResponse courses = api.get("/api/v1/courses");
  EXPECT_EQ(courses.status, 200) << courses.raw;
  const ApiResponse enrolled = api.post("/api/v1/enrollments", Json{{"course_id", courses.body.at(0).at("id")}});
  EXPECT_EQ(enrolled.status, 201) << enrolled.raw;
  const std::string id = enrolled.body.value("id", "");
  const ApiResponse completed = api.post("/api/v1/enrollments/" + id + "/completion", Json{});
  EXPECT_EQ(completed.status, 200) << completed.raw;
  EXPECT_TRUE(completed.body.contains("certificate")) << completed.raw;
  return id;
}

TEST(CertificateEndToEnd, ExportedCertificateVerifiesWithOpensslAndTheClientAndOneFlippedByteFailsBoth) {
  TestServer server;
  Cli cli{"employee0011", fmt::format("http://127.0.0.1:{}", server.port())};
  ApiClient api = server.client_for("employee0011");
  const std::string id = complete_first_course(api);
  const CliRun login = cli.login();  // the first sync brings the certificate and pins the key
  ASSERT_EQ(login.exit_code, 0) << login.describe();

  const TempDir out{"stellwerk-certificate-export"};
  const CliRun exported = cli.run({"certificate", "export", id, out.path().string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.describe();
  const std::string command = trimmed(exported.out);
  EXPECT_TRUE(command.starts_with("openssl pkeyutl -verify -pubin -inkey ")) << command;
  const fs::path document = out.path() / fmt::format("certificate-{}.txt", id);
  const fs::path signature = out.path() / fmt::format("certificate-{}.sig", id);
  ASSERT_TRUE(fs::exists(document) && fs::exists(signature) && fs::exists(out.path() / "stellwerk-certificate-key.pem"))
      << exported.describe();
  EXPECT_EQ(fs::file_size(signature), 64u);
  EXPECT_EQ(shell(command), 0) << "openssl rejected the exported certificate: " << command;
  const CliRun verified = cli.run({"certificate", "verify", document.string(), signature.string()});
  EXPECT_EQ(verified.exit_code, 0) << verified.describe();

  // One byte of the document changed: a "1" of the completion date becomes "2", or any byte.
  std::string text;
  {
    std::ifstream in{document, std::ios::binary};
    text.assign(std::istreambuf_iterator<char>{in}, {});
  }
  ASSERT_FALSE(text.empty());
  text[text.size() / 2] = static_cast<char>(text[text.size() / 2] ^ 0x01);
  std::ofstream{document, std::ios::binary | std::ios::trunc} << text;
  EXPECT_NE(shell(command), 0) << "openssl accepted a changed certificate";
  const CliRun rejected = cli.run({"certificate", "verify", document.string(), signature.string()});
  EXPECT_EQ(rejected.exit_code, 6) << rejected.describe();
  EXPECT_NE(rejected.err.find("INVALID"), std::string::npos) << rejected.describe();
}

TEST(CertificateEndToEnd, NothingIsWrittenForAnEnrolmentWithoutCertificate) {
  TestServer server;
  Cli cli{"employee0012", fmt::format("http://127.0.0.1:{}", server.port())};
  ASSERT_EQ(cli.login().exit_code, 0);
  const TempDir out{"stellwerk-certificate-none"};
  const CliRun unknown = cli.run({"certificate", "export", "enr_no_such", (out.path() / "x").string()});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.describe();
  EXPECT_FALSE(fs::exists(out.path() / "x")) << unknown.describe();
  const CliRun no_files = cli.run({"certificate", "verify", (out.path() / "a.txt").string(), (out.path() / "a.sig").string()});
  EXPECT_EQ(no_files.exit_code, 2) << no_files.describe();
}

}  // namespace
}  // namespace stellwerk::e2e
