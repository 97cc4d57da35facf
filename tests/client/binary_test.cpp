// The real `stellwerk` executable, run as a person runs it from a shell: --version, a mistyped
// option (exit code 2, message on stderr) and --screenshot on a machine without a display, which
// must fail with a message about the display instead of crashing or hanging.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class Binary : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    folder_ = fs::temp_directory_path() / ("stellwerk-binary-test-" + std::to_string(random()));
    fs::create_directories(folder_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  // Runs `<env> stellwerk <arguments>` through the shell with stdout and stderr in files.
  // Arguments are trusted test text; the temporary folder's name has no shell metacharacters.
  ProcessResult run(const std::string& environment, const std::string& arguments) {
    const fs::path out = folder_ / "stdout.txt";
    const fs::path err = folder_ / "stderr.txt";
    const std::string command = "cd '" + folder_.string() + "' && " + environment + " '" STELLWERK_BINARY "' " +
                                arguments + " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
    const int status = std::system(command.c_str());
    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out);
    result.err = read_file(err);
    return result;
  }

  fs::path folder_;
};

TEST_F(Binary, VersionPrintsTheVersion) {
  const ProcessResult r = run("", "--version");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("stellwerk 0.1.0"), std::string::npos) << r.out;
}

TEST_F(Binary, AnUnknownOptionExitsWithCodeTwoAndNamesIt) {
  const ProcessResult r = run("", "--no-such-option");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-such-option"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

// A malformed server address is a usage error, reported before any window opens.
TEST_F(Binary, AMalformedServerExitsWithCodeTwoAndNamesIt) {
  for (const std::string server : {"'not a url'", "ftp://example.org", "http://example.org"}) {
    const ProcessResult r = run("env -u DISPLAY -u WAYLAND_DISPLAY", "--server " + server);
    EXPECT_EQ(r.exit_code, 2) << server << ": " << r.err;
    EXPECT_NE(r.err.find("--server"), std::string::npos) << r.err;
  }
}

// Both help texts, the window's and the commands', name every exit code, so a script author
// does not have to find docs/cli.md.
TEST_F(Binary, HelpNamesEveryExitCode) {
  for (const std::string arguments : {"--help", "sync --help"}) {
    const ProcessResult r = run("", arguments);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const std::string code : {"0 done", "1 the local store", "2 wrong command line", "3 the server cannot",
                                   "4 the server refused", "5 not signed in"}) {
      EXPECT_NE(r.out.find(code), std::string::npos) << arguments << " lacks '" << code << "':\n" << r.out;
    }
  }
}

TEST_F(Binary, AScreenshotWithoutADisplayFailsAndSaysWhy) {
  // Its own settings file and data folder, so the person's real ones are neither read nor written.
  const ProcessResult r = run("env -u DISPLAY -u WAYLAND_DISPLAY",
                    "--screenshot x.png --config '" + (folder_ / "config.toml").string() + "' --data '" +
                        (folder_ / "data").string() + "'");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, -1) << "killed by a signal";
  EXPECT_NE(r.err.find("display"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(folder_ / "x.png"));
  EXPECT_FALSE(fs::exists(folder_ / "config.toml")) << "a screenshot run writes no settings";
}

// The kiosk's device token: from the environment, or from a settings file only its owner can
// read; anything else is refused before a window opens, with what to do about it.
TEST_F(Binary, AKioskWithoutItsTokenOrWithATokenOthersCanReadDoesNotStart) {
  const fs::path config = folder_ / "kiosk.toml";
  const std::string common = "--kiosk --server http://127.0.0.1:9 --data '" + (folder_ / "data").string() +
                             "' --config '" + config.string() + "'";
  ProcessResult r = run("env -u STELLWERK_KIOSK_TOKEN", common);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("STELLWERK_KIOSK_TOKEN"), std::string::npos) << r.err;

  std::ofstream(config) << "[kiosk]\ntoken = \"demo-kiosk-token\"\n";
  fs::permissions(config, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  r = run("env -u STELLWERK_KIOSK_TOKEN", common);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("chmod 600"), std::string::npos) << r.err;

  fs::permissions(config, fs::perms::owner_read | fs::perms::owner_write);
  r = run("env -u STELLWERK_KIOSK_TOKEN -u DISPLAY -u WAYLAND_DISPLAY", common);
  EXPECT_EQ(r.exit_code, 3) << "past the token, only the display is missing: " << r.err;
  r = run("env -u DISPLAY -u WAYLAND_DISPLAY STELLWERK_KIOSK_TOKEN=demo-kiosk-token",
          "--kiosk --server http://127.0.0.1:9 --data '" + (folder_ / "data").string() + "' --config '" +
              (folder_ / "none.toml").string() + "'");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("display"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(folder_ / "data" / "kiosk-today.json")) << "nothing written before the kiosk runs";
}

}  // namespace
