// The stellwerk-server program as an operator runs it: command-line checks, the listening line,
// restarts on the same data folder, SIGTERM, --print-routes and HTTPS. Every child process is
// stopped by its guard when the test ends, pass or fail (and killed by the kernel should the
// test program itself die).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "test_server.hpp"

namespace stellwerk::server::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// build/dev/tests/server/server_tests → build/dev/server/stellwerk-server, unless CMake says.
fs::path server_binary() {
#ifdef STELLWERK_SERVER_BINARY
  return STELLWERK_SERVER_BINARY;
#else
  if (const char* path = std::getenv("STELLWERK_SERVER_BINARY")) return path;
  return (fs::read_symlink("/proc/self/exe").parent_path() / "../../server/stellwerk-server").lexically_normal();
#endif
}


std::string read_file(const fs::path& file) {
  std::ifstream in{file};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// stellwerk-server as a child process: stdout through a pipe, stderr into a file. The destructor
// sends SIGTERM, waits up to five seconds, then SIGKILLs.
class ServerProcess {
 public:
  // `stdin_file`, when given, is the program's standard input.
  ServerProcess(const std::vector<std::string>& args, fs::path stderr_file, const fs::path& stdin_file = {})
      : stderr_file_(std::move(stderr_file)) {
    std::vector<std::string> all{server_binary().string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : all) argv.push_back(arg.data());
    argv.push_back(nullptr);

    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    const int err = ::open(stderr_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (err < 0) throw std::runtime_error("cannot open " + stderr_file_.string());
    const int in = stdin_file.empty() ? -1 : ::open(stdin_file.c_str(), O_RDONLY | O_CLOEXEC);
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) {
      // Only async-signal-safe calls until exec.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(pipe_fds[1], STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      if (in >= 0) ::dup2(in, STDIN_FILENO);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    ::close(err);
    if (in >= 0) ::close(in);
    stdout_fd_ = pipe_fds[0];
    if (pid_ < 0) throw std::runtime_error("fork failed");
  }

  ~ServerProcess() {
    if (running()) {
      ::kill(pid_, SIGTERM);
      if (!wait_exit(5s)) {
        ::kill(pid_, SIGKILL);
        wait_exit(5s);
      }
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool running() const { return pid_ > 0 && !exit_code_; }
  void signal(int number) const {
    if (running()) ::kill(pid_, number);
  }

  // The exit status (128 + signal when killed), or nullopt when still running after `timeout`.
  std::optional<int> wait_exit(Clock::duration timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!exit_code_) {
      int status = 0;
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (done < 0 || Clock::now() > deadline) break;
      std::this_thread::sleep_for(10ms);
    }
    return exit_code_;
  }

  // The next line of stdout, or nullopt at end of output or after `timeout`.
  std::optional<std::string> read_line(Clock::duration timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
      if (const auto end = buffer_.find('\n'); end != std::string::npos) {
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return line;
      }
      if (!fill(deadline)) return std::nullopt;
    }
  }

  // Everything left on stdout until the program closes it.
  std::string read_rest(Clock::duration timeout) {
    const auto deadline = Clock::now() + timeout;
    while (fill(deadline)) {
    }
    return std::exchange(buffer_, {});
  }

  std::string stderr_text() const { return read_file(stderr_file_); }

 private:
  bool fill(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd fd{stdout_fd_, POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(left)) <= 0) return false;
    char chunk[4096];
    const ssize_t got = ::read(stdout_fd_, chunk, sizeof chunk);
    if (got <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(got));
    return true;
  }

  fs::path stderr_file_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  std::optional<int> exit_code_;
};

std::string test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string{info->test_suite_name()} + "." + info->name();
}

// The port from "listening on http(s)://HOST:PORT"; 0 when the line is not that.
int port_from(const std::string& line) {
  if (line.rfind("listening on ", 0) != 0) return 0;
  const auto colon = line.rfind(':');
  try {
    return std::stoi(line.substr(colon + 1));
  } catch (const std::exception&) {
    return 0;
  }
}

class ServerBinary : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(server_binary())) << server_binary() << " is missing: build the stellwerk-server target";
  }

  // Starts the program and waits for its listening line; returns its port (0 on failure).
  int start(std::optional<ServerProcess>& process, const std::vector<std::string>& args, const std::string& log) {
    process.emplace(args, dir / log);
    const auto line = process->read_line(60s);
    EXPECT_TRUE(line.has_value()) << "no listening line; stderr: " << process->stderr_text();
    last_line = line.value_or("");
    return port_from(last_line);
  }

  // Runs the program to its end and returns the exit code.
  int run_to_exit(const std::vector<std::string>& args, std::string& stderr_text) {
    ServerProcess process{args, dir / "run.log"};
    const auto code = process.wait_exit(20s);
    stderr_text = process.stderr_text();
    EXPECT_TRUE(code.has_value()) << "still running; stderr: " << stderr_text;
    return code.value_or(-1);
  }

  TempDir dir;
  std::string last_line;
};

TEST_F(ServerBinary, DemoRefusesToListenBeyondLoopback) {
  for (const std::string listen : {"0.0.0.0:0", "[::]:0", "192.0.2.1:0"}) {
    SCOPED_TRACE(listen);
    std::string err;
    EXPECT_EQ(run_to_exit({"--demo", "--data", (dir / "data").string(), "--listen", listen}, err), 2) << err;
    EXPECT_NE(err.find("loopback"), std::string::npos) << err;
    EXPECT_FALSE(fs::exists(dir / "data")) << "refused, yet the data folder was created";
  }
}

// is_loopback() in main.cpp takes any host starting with "127." for loopback, so a DNS name
// like this one gets past the --demo check.
TEST_F(ServerBinary, DemoRefusesHostNamesThatOnlyLookLikeLoopback) {
  std::string err;
  EXPECT_EQ(run_to_exit({"--demo", "--data", (dir / "data").string(), "--listen", "127.example.invalid:0"}, err), 2)
      << err;
  EXPECT_NE(err.find("loopback"), std::string::npos) << err;
}

TEST_F(ServerBinary, UnreadableListenAddressIsAUsageError) {
  for (const std::string listen : {"127.0.0.1:notaport", "127.0.0.1:70000", "127.0.0.1:-1", "[::1", "[::1]8080",
                                   ":8080", ""}) {
    SCOPED_TRACE(listen);
    std::string err;
    EXPECT_EQ(run_to_exit({"--data", (dir / "data").string(), "--listen", listen}, err), 2) << err;
    EXPECT_NE(err.find("--listen"), std::string::npos) << err;
  }
}

// The documented form is HOST:PORT; a word without a port is not an address to try.
TEST_F(ServerBinary, ListenNonsenseIsAUsageError) {
  std::string err;
  EXPECT_EQ(run_to_exit({"--data", (dir / "data").string(), "--listen", "nonsense"}, err), 2) << err;
  EXPECT_NE(err.find("--listen"), std::string::npos) << err;
}

// `stellwerk-server import` writes into the data folder of a server that is running, which serves
// the new course at once; a bad file changes nothing and says where, a missing one is a usage error.
// `set-password` gives an imported person their first password there too.
TEST_F(ServerBinary, ImportBesideTheRunningServer) {
  std::optional<ServerProcess> server;
  const auto data = (dir / "data").string();
  const int port = start(server, {"--demo", "--data", data, "--listen", "127.0.0.1:0"}, "server.log");
  ASSERT_GT(port, 0);
  const auto run_import = [&](const std::vector<std::string>& args, std::string& out) {
    ServerProcess import{args, dir / "import.log"};
    out = import.read_rest(60s);
    const auto code = import.wait_exit(10s);
    return code.value_or(-1);
  };
  std::ofstream{dir / "courses.csv"} << "id;title;competence;level\ncrs_cli;Von der Kommandozeile;1.1;2\n";
  std::ofstream{dir / "bad.csv"} << "id;title;competence;level\ncrs_bad;Kaputt;1.1;9\n";
  std::string out;
  EXPECT_EQ(run_import({"--data", data, "import", "courses", (dir / "bad.csv").string()}, out), 1);
  EXPECT_NE(out.find("line 2, column 4 (level)"), std::string::npos) << out;
  EXPECT_EQ(run_import({"--data", data, "import", "courses", (dir / "missing.csv").string()}, out), 2);
  EXPECT_EQ(run_import({"--data", data, "import", "courses", (dir / "courses.csv").string(), "--dry-run"}, out), 0);
  EXPECT_NE(out.find("1 added, 0 changed, 0 removed; nothing was written"), std::string::npos) << out;
  ASSERT_EQ(run_import({"--data", data, "import", "courses", (dir / "courses.csv").string()}, out), 0);
  EXPECT_NE(out.find("added    crs_cli (Von der Kommandozeile)"), std::string::npos) << out;

  // A person the import adds signs in once an administrator has set their password (from stdin).
  std::ofstream{dir / "people.csv"} << "id;username;display_name;department;home_building;badge\n"
                                       "p-7;neu;Neue Kollegin;dep_digital;bld_rathaus;7007\n";
  ASSERT_EQ(run_import({"--data", data, "import", "people", (dir / "people.csv").string()}, out), 0) << out;
  const auto set_secret = [&](const std::vector<std::string>& args, const std::string& secret) {
    std::ofstream{dir / "secret.txt"} << secret << "\n";
    ServerProcess command{args, dir / "secret.log", dir / "secret.txt"};
    return command.wait_exit(30s).value_or(-1);
  };
  EXPECT_EQ(set_secret({"--data", data, "set-password", "neu"}, "kurz"), 1);  // under 8 characters
  EXPECT_EQ(set_secret({"--data", data, "set-password", "niemand"}, "lang genug"), 1);
  EXPECT_EQ(set_secret({"--data", data, "set-password", "neu"}, "Anfang-2027"), 0);
  EXPECT_EQ(set_secret({"--data", data, "set-password", "neu", "--pin"}, "4711"), 0);

  httplib::Client http{"127.0.0.1", port};
  const auto first = http.Post("/api/v1/session", R"({"username": "neu", "password": "Anfang-2027"})", "application/json");
  ASSERT_TRUE(first && first->status == 201);
  const httplib::Headers signed_in{{"Authorization", "Bearer " + Json::parse(first->body)["token"].get<std::string>()}};
  EXPECT_EQ(http.Get("/api/v1/me", signed_in)->status, 200);
  // A password set anew (it was lost, or someone else may know it) ends the sessions it opened.
  ASSERT_EQ(set_secret({"--data", data, "set-password", "neu"}, "Neuer-Anfang-2027"), 0);
  EXPECT_EQ(http.Get("/api/v1/me", signed_in)->status, 401);
  EXPECT_EQ(http.Post("/api/v1/session", R"({"username": "neu", "password": "Neuer-Anfang-2027"})", "application/json")->status,
            201);
  const auto session = http.Post("/api/v1/session", R"({"username": "demo", "password": "demo"})", "application/json");
  ASSERT_TRUE(session && session->status == 201);
  const auto courses = http.Get("/api/v1/courses", {{"Authorization", "Bearer " + Json::parse(session->body)["token"].get<std::string>()}});
  ASSERT_TRUE(courses);
  EXPECT_NE(courses->body.find("Von der Kommandozeile"), std::string::npos);
  EXPECT_EQ(http.Get("/healthz")->status, 200);
}

TEST_F(ServerBinary, PrintRoutesListsExactlyTheDocumentedRoutes) {
  ServerProcess process{{"--print-routes"}, dir / "routes.log"};
  const std::string text = process.read_rest(20s);
  ASSERT_EQ(process.wait_exit(10s), 0) << process.stderr_text();
  std::set<std::string> routes;
  std::istringstream lines{text};
  for (std::string line; std::getline(lines, line);) EXPECT_TRUE(routes.insert(line).second) << "twice: " << line;
  // docs/api/README.md, "Resources and shapes".
  const std::set<std::string> documented{
      "GET /healthz",
      "POST /api/v1/session",
      "DELETE /api/v1/session",
      "POST /api/v1/session/kiosk",
      "POST /api/v1/session/kiosk/password",
      "GET /api/v1/me",
      "POST /api/v1/import/{kind}",
      "GET /api/v1/me/policy",
      "GET /api/v1/me/favourites",
      "PUT /api/v1/me/favourites/{resource_id}",
      "DELETE /api/v1/me/favourites/{resource_id}",
      "GET /api/v1/me/self-assessments",
      "PUT /api/v1/me/self-assessments/{competence_id}",
      "GET /api/v1/buildings",
      "GET /api/v1/buildings/{id}/availability",
      "POST /api/v1/buildings/{id}/closures",
      "DELETE /api/v1/buildings/{id}/closures/{date}",
      "GET /api/v1/floors/{id}/drawing",
      "PUT /api/v1/floors/{id}/drawing",
      "DELETE /api/v1/floors/{id}/drawing",
      "GET /api/v1/resources/{id}/timeline",
      "GET /api/v1/resources/{id}/alternatives",
      "PUT /api/v1/resources/{id}",
      "DELETE /api/v1/resources/{id}",
      "GET /api/v1/bookings",
      "POST /api/v1/bookings",
      "DELETE /api/v1/bookings/{id}",
      "POST /api/v1/bookings/{id}/check-in",
      "POST /api/v1/bookings/{id}/move",
      "GET /api/v1/workdays",
      "PUT /api/v1/workdays/{date}",
      "DELETE /api/v1/workdays/{date}",
      "GET /api/v1/worktimes",
      "PUT /api/v1/worktimes/{date}",
      "DELETE /api/v1/worktimes/{date}",
      "GET /api/v1/approvals",
      "POST /api/v1/approvals/{id}",
      "GET /api/v1/courses",
      "GET /api/v1/enrollments",
      "POST /api/v1/enrollments",
      "DELETE /api/v1/enrollments/{id}",
      "POST /api/v1/enrollments/{id}/completion",
      "GET /api/v1/certificates/public-key",
      "GET /api/v1/changes",
      "POST /api/v1/kiosk/heartbeat",
      "GET /api/v1/kiosk/today",
      "GET /api/v1/kiosks",
      "POST /api/v1/kiosks",
      "DELETE /api/v1/kiosks/{id}",
      "GET /api/v1/team/months",
      "GET /api/v1/team/trainings",
      "GET /api/v1/team/presence",
      "PUT /api/v1/me/presence-sharing",
      "GET /api/v1/me/data",
      "GET /metrics",
  };
  EXPECT_TRUE(routes.contains("POST /api/v1/session")) << text;
  EXPECT_EQ(routes, documented) << text;
}

TEST_F(ServerBinary, HealthzAnswers200AsSoonAsTheListeningLineIsPrinted) {
  std::optional<ServerProcess> server;
  const int port = start(server, {"--data", (dir / "data").string(), "--listen", "127.0.0.1:0"}, "server.log");
  ASSERT_GT(port, 0) << last_line;
  EXPECT_EQ(last_line, "listening on http://127.0.0.1:" + std::to_string(port));
  ApiClient client{port, test_name()};
  const auto health = client.get("/healthz");  // no retry: ready means ready
  EXPECT_EQ(health.status, 200) << health.raw;
  EXPECT_EQ(health.body, Json({{"status", "ok"}}));
}

TEST_F(ServerBinary, ConfigFileSetsWhatNoFlagGives) {
  const fs::path config = dir / "server.toml";
  std::ofstream{config} << "data = \"" << (dir / "from-file").string() << "\"\nlisten = \"127.0.0.1:0\"\n"
                        << "[connections]\nworkers = 4\nidle_seconds = 30\n";
  std::optional<ServerProcess> server;
  int port = start(server, {"--config", config.string()}, "server.log");
  ASSERT_GT(port, 0) << last_line;
  EXPECT_EQ(ApiClient(port, test_name()).get("/healthz").status, 200);
  EXPECT_TRUE(fs::exists(dir / "from-file" / "stellwerk-server.db"));
  server->signal(SIGTERM);
  ASSERT_EQ(server->wait_exit(10s), 0);

  // A flag wins over the file's key.
  std::optional<ServerProcess> overridden;
  port = start(overridden, {"--config", config.string(), "--data", (dir / "from-flag").string()}, "server2.log");
  ASSERT_GT(port, 0) << last_line;
  EXPECT_TRUE(fs::exists(dir / "from-flag" / "stellwerk-server.db"));
}

TEST_F(ServerBinary, WrongConfigFileStopsItWithTheKeyNamed) {
  const fs::path config = dir / "server.toml";
  std::ofstream{config} << "listen = \"127.0.0.1:0\"\n[connections]\nworkrs = 4\n";
  std::string err;
  EXPECT_EQ(run_to_exit({"--config", config.string(), "--data", (dir / "data").string()}, err), 2);
  EXPECT_NE(err.find("unknown key 'connections.workrs'"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir / "data")) << "nothing is created before the config is right";
  EXPECT_EQ(run_to_exit({"--config", (dir / "missing.toml").string(), "--data", (dir / "data").string()}, err), 2);
  EXPECT_NE(err.find("missing.toml"), std::string::npos) << err;
}

TEST_F(ServerBinary, DemoDataFolderIsReusedAfterSigterm) {
  const std::vector<std::string> args{"--demo", "--data", (dir / "data").string(), "--listen", "127.0.0.1:0"};
  const Json closure{{"date", "2030-06-03"}, {"reason", "Wartung"}};
  std::string token;
  {
    std::optional<ServerProcess> server;
    const int port = start(server, args, "first.log");
    ASSERT_GT(port, 0) << last_line;
    {
      ApiClient client{port, test_name()};
      const auto session = client.post("/api/v1/session", Json{{"username", "facility"}, {"password", "demo"}});
      ASSERT_EQ(session.status, 201) << session.raw;
      token = session.body["token"];
      client.set_token(token);
      ASSERT_EQ(client.post("/api/v1/buildings/bld_rathaus/closures", closure).status, 201);
    }  // connection closed: see SigtermStopsPromptlyDespiteAnIdleKeepAliveConnection
    server->signal(SIGTERM);
    EXPECT_EQ(server->wait_exit(15s), 0) << "SIGTERM should stop it cleanly; stderr: " << server->stderr_text();
  }
  std::optional<ServerProcess> again;
  const int port = start(again, args, "second.log");
  ASSERT_GT(port, 0) << last_line;
  ApiClient client{port, test_name()};
  client.set_token(token);
  // The old session is still valid, and the closure is still there.
  const auto me = client.get("/api/v1/me");
  EXPECT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body.value("username", ""), "facility");
  EXPECT_EQ(client.post("/api/v1/buildings/bld_rathaus/closures", closure).code(), "already_closed");
  EXPECT_EQ(client.del("/api/v1/buildings/bld_rathaus/closures/2030-06-03").status, 204);
  // Not seeded a second time: the demo users sign in as before.
  auto demo = ApiClient{port, test_name()};
  EXPECT_EQ(demo.post("/api/v1/session", Json{{"username", "demo"}, {"password", "demo"}}).status, 201);
}

// A client that keeps its connection open (as the desktop client does) must not hold up a
// restart: cpp-httplib waits for idle keep-alive connections until their timeout (5 s here).
TEST_F(ServerBinary, SigtermStopsPromptlyDespiteAnIdleKeepAliveConnection) {
  std::optional<ServerProcess> server;
  const int port = start(server, {"--data", (dir / "data").string(), "--listen", "127.0.0.1:0"}, "server.log");
  ASSERT_GT(port, 0) << last_line;
  ApiClient client{port, test_name()};  // keep-alive
  ASSERT_EQ(client.get("/healthz").status, 200);
  const auto asked = Clock::now();
  server->signal(SIGTERM);
  // The idle connection is closed after the server's keep-alive timeout of 5 s at the latest.
  EXPECT_EQ(server->wait_exit(10s), 0) << "not stopped 10 s after SIGTERM";
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - asked);
  EXPECT_LT(waited, 8s) << waited.count() << " ms";
}

TEST_F(ServerBinary, ServesHttpsWithTheGivenCertificate) {
  const fs::path cert = dir / "cert.pem";
  const fs::path key = dir / "key.pem";
  const std::string command = "openssl req -x509 -newkey ed25519 -keyout '" + key.string() + "' -out '" +
                              cert.string() +
                              "' -days 2 -nodes -subj /CN=localhost "
                              "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  std::optional<ServerProcess> server;
  const int port = start(server,
                         {"--data", (dir / "data").string(), "--listen", "127.0.0.1:0", "--tls-cert", cert.string(),
                          "--tls-key", key.string()},
                         "server.log");
  ASSERT_GT(port, 0) << last_line;
  EXPECT_EQ(last_line.rfind("listening on https://", 0), 0U) << last_line;

  // Trusting exactly the generated certificate, with verification on.
  httplib::SSLClient tls{"127.0.0.1", port};
  tls.set_ca_cert_path(cert.c_str());
  tls.enable_server_certificate_verification(true);
  tls.set_connection_timeout(5);
  const auto health = tls.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error()) << " / verify result " << tls.get_openssl_verify_result();
  EXPECT_EQ(health->status, 200) << health->body;

  // Plain HTTP on the same port gets no answer.
  httplib::Client plain{"127.0.0.1", port};
  plain.set_connection_timeout(5);
  plain.set_read_timeout(5);
  const auto refused = plain.Get("/healthz");
  EXPECT_FALSE(refused && refused->status == 200);
}

TEST_F(ServerBinary, CertificateWithoutKeyIsRefused) {
  std::ofstream{dir / "cert.pem"} << "not really a certificate\n";
  std::string err;
  EXPECT_NE(run_to_exit({"--data", (dir / "data").string(), "--listen", "127.0.0.1:0", "--tls-cert",
                         (dir / "cert.pem").string()},
                        err),
            0);
  EXPECT_NE(err.find("--tls-key"), std::string::npos) << err;
}

}  // namespace
}  // namespace stellwerk::server::testing
