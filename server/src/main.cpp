// stellwerk-server: command line over stellwerk::server::Server. Prints one line
// "listening on http://HOST:PORT" to stdout once the socket is bound (tests and scripts read the
// port from it when started with port 0), logs to stderr, and stops cleanly on SIGINT/SIGTERM.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <csignal>
#include <thread>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "accounts.hpp"
#include "backup.hpp"
#include "config.hpp"
#include "import.hpp"
#include "server.hpp"

namespace {

// Only addresses, not names, count: a DNS name that merely starts with "127." may resolve
// anywhere. "localhost" is the one name accepted.
bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

// "HOST:PORT" or "[V6]:PORT"; the port is required, so a typo is not silently served on 8080.
bool split_listen(const std::string& listen, std::string& host, int& port) {
  std::string port_text;
  if (!listen.empty() && listen.front() == '[') {
    const auto close = listen.find(']');
    if (close == std::string::npos) return false;
    host = listen.substr(1, close - 1);
    if (close + 1 < listen.size()) {
      if (listen[close + 1] != ':') return false;
      port_text = listen.substr(close + 2);
    }
  } else {
    const auto colon = listen.rfind(':');
    host = listen.substr(0, colon);
    if (colon != std::string::npos) port_text = listen.substr(colon + 1);
  }
  if (host.empty() || port_text.empty()) return false;
  try {
    std::size_t used = 0;
    port = std::stoi(port_text, &used);
    return used == port_text.size() && port >= 0 && port <= 65535;
  } catch (const std::exception&) {
    return false;
  }
}

// Every open connection is a file descriptor, and idle ones are cheap to keep (connections.hpp):
// the usual soft limit of 1,024 would refuse a Monday morning's connections long before the
// server is busy. Lifted to the hard limit (the systemd unit's LimitNOFILE).
void lift_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) spdlog::warn("cannot lift the open-file limit: {}", std::strerror(errno));
}

// Serves until SIGINT or SIGTERM arrives (or the listener fails); returns the exit code.
int serve(const stellwerk::server::ServerOptions& options, sigset_t& stop_signals) {
  ::umask(077);  // the database, its WAL and the signing key are readable by the owner only
  lift_open_file_limit();
  stellwerk::server::SystemClock clock;
  try {
    stellwerk::server::Server server{options, clock};
    std::string error;
    if (!server.bind(error)) {
      std::cerr << "stellwerk-server: " << error << '\n';
      return 1;
    }
    std::thread signal_waiter([&] {
      int signal = 0;
      sigwait(&stop_signals, &signal);
      server.stop();
    });
    const bool tls = options.tls_cert.has_value();
    const bool v6 = options.host.find(':') != std::string::npos;
    std::cout << fmt::format("listening on {}://{}{}{}:{}", tls ? "https" : "http", v6 ? "[" : "", options.host,
                             v6 ? "]" : "", server.port())
              << std::endl;
    server.run();
    // run() also returns when the listener fails; wake the waiter so that it can be joined.
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
  } catch (const std::exception& e) {
    std::cerr << "stellwerk-server: " << e.what() << '\n';
    return 1;
  }
  return 0;
}

struct ImportArguments {
  std::string kind;
  std::string path;
  std::string format;
  stellwerk::server::ImportOptions options;
};

CLI::App* add_import_command(CLI::App& app, ImportArguments& arguments) {
  auto* import = app.add_subcommand("import", "Import the city's people, places or courses from a CSV or JSON file "
                                              "(docs/import.md); the server may be running");
  import->add_option("kind", arguments.kind, "people, places or courses")->required();
  import->add_option("file", arguments.path, "the file; .json is read as JSON, anything else as CSV")->required();
  import->add_option("--format", arguments.format, "csv or json, when the file's name does not tell")
      ->check(CLI::IsMember({"csv", "json"}));
  import->add_flag("--dry-run", arguments.options.dry_run,
                   "Print what would be added, changed and removed; write nothing");
  import->add_flag("--deactivate-missing", arguments.options.deactivate_missing,
                   "people: the file is the whole staff; deactivate everyone stored who is not in it");
  import->fallthrough();  // --data may stand after the subcommand too
  return import;
}

// `stellwerk-server import KIND FILE`: 0 when the file was applied (or the dry run found no
// problem), 1 when the file has problems (nothing was written), 2 when it could not be run.
int import_file(const std::string& data_dir, ImportArguments arguments) {
  using namespace stellwerk::server;
  const auto kind = parse_import_kind(arguments.kind);
  if (!kind) {
    std::cerr << fmt::format("stellwerk-server import: \"{}\" is not people, places or courses\n", arguments.kind);
    return 2;
  }
  if (arguments.options.deactivate_missing && kind != ImportKind::people) {
    std::cerr << "stellwerk-server import: --deactivate-missing is for people only\n";
    return 2;
  }
  std::ifstream in{arguments.path, std::ios::binary};
  const std::string content{std::istreambuf_iterator<char>{in}, {}};
  if (!in.is_open() || in.bad()) {
    std::cerr << fmt::format("stellwerk-server import: cannot read {}\n", arguments.path);
    return 2;
  }
  const bool json = arguments.format == "json" ||
                    (arguments.format.empty() && std::filesystem::path{arguments.path}.extension() == ".json");
  arguments.options.format = json ? ImportFormat::json : ImportFormat::csv;
  try {
    SystemClock clock;
    const auto report = import_into_database(std::filesystem::path{data_dir} / "stellwerk-server.db", *kind,
                                             content, arguments.options, clock.now());
    std::cout << report_text(report);
    return report.problems.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "stellwerk-server import: " << e.what() << '\n';
    return 2;
  }
}

// `stellwerk-server set-password USER [--pin]`: the password (or PIN) is the first line of stdin,
// so that it appears in no process list or shell history. 0 set, 1 refused, 2 could not run.
int set_password(const std::string& data_dir, const std::string& username, bool pin) {
  using stellwerk::server::SecretResult;
  std::string secret;
  std::getline(std::cin, secret);
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  try {
    const auto result =
        stellwerk::server::set_secret(std::filesystem::path{data_dir} / "stellwerk-server.db", username, secret, pin);
    const char* message = nullptr;
    switch (result) {
      case SecretResult::set: std::cout << fmt::format("{} set for {}\n", pin ? "PIN" : "password", username); return 0;
      case SecretResult::unknown_user: message = "nobody has this user name"; break;
      case SecretResult::has_left: message = "this person has left"; break;
      case SecretResult::too_short: message = "a password has at least 8 characters"; break;
      case SecretResult::not_a_pin: message = "a PIN is 4 to 8 digits"; break;
      case SecretResult::no_badge: message = "this person has no badge, which a PIN goes with"; break;
    }
    std::cerr << fmt::format("stellwerk-server set-password {}: {}\n", username, message);
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "stellwerk-server set-password: " << e.what() << '\n';
    return 2;
  }
}

// What the command line and the config file both set.
struct Settings {
  std::string config;
  std::string data_dir;
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert;
  std::string tls_key;
  std::string log_level = "info";
};

void add_setting_options(CLI::App& app, Settings& settings) {
  app.add_option("--config", settings.config,
                 fmt::format("Config file (docs/configuration.md); {} when it exists", stellwerk::server::kDefaultServerConfig));
  app.add_option("--data", settings.data_dir, "Folder for the database and the certificate key (created when missing)");
  app.add_option("--listen", settings.listen, "Address and port; loopback by default, port 0 picks a free one")
      ->capture_default_str();
  app.add_option("--tls-cert", settings.tls_cert, "PEM certificate: serve HTTPS")->check(CLI::ExistingFile);
  app.add_option("--tls-key", settings.tls_key, "PEM private key for --tls-cert")->check(CLI::ExistingFile);
  app.add_option("--log-level", settings.log_level, "error, warn, info or debug")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}))
      ->capture_default_str();
}

// Takes the config file's value of every setting the command line did not give. False (with the
// message printed) when the file given with --config is missing or the file is wrong.
bool apply_config_file(const CLI::App& app, Settings& settings, stellwerk::server::ServerOptions& options) {
  std::filesystem::path file = settings.config;
  if (file.empty()) {
    std::error_code error;
    if (!std::filesystem::exists(stellwerk::server::kDefaultServerConfig, error)) return true;
    file = stellwerk::server::kDefaultServerConfig;
  }
  const auto config = stellwerk::server::read_server_config(file);
  if (!config) {
    std::cerr << "stellwerk-server: " << config.error() << '\n';
    return false;
  }
  const auto take = [&](const char* flag, const std::optional<std::string>& value, std::string& into) {
    if (value && app.count(flag) == 0) into = *value;
  };
  take("--data", config->data, settings.data_dir);
  take("--listen", config->listen, settings.listen);
  take("--tls-cert", config->tls_cert, settings.tls_cert);
  take("--tls-key", config->tls_key, settings.tls_key);
  take("--log-level", config->log_level, settings.log_level);
  options.connections = config->connections;
  options.access_log = config->access_log;
  options.retention = config->retention;
  options.metrics = config->metrics;
  options.auth = config->auth;
  return true;
}

struct BackupArguments {
  std::string file;
  CLI::App* backup = nullptr;
  CLI::App* restore = nullptr;
};

void add_backup_commands(CLI::App& app, BackupArguments& arguments) {
  arguments.backup =
      app.add_subcommand("backup", "Copy the database to a new FILE while the server serves (docs/operations.md)");
  arguments.backup->add_option("file", arguments.file, "the new file; an existing one is never overwritten")
      ->required();
  arguments.backup->fallthrough();
  arguments.restore = app.add_subcommand(
      "restore", "Put a backup back into the data folder; the server must be stopped (docs/operations.md)");
  arguments.restore->add_option("file", arguments.file, "a file written by backup")
      ->required()
      ->check(CLI::ExistingFile);
  arguments.restore->fallthrough();
}

// `stellwerk-server backup FILE` and `restore FILE`: 0 done, 1 refused or failed (the message
// says why; nothing was changed), 2 could not run.
int backup_or_restore(const std::string& data_dir, const std::string& file, bool restore) {
  using namespace stellwerk::server;
  const std::filesystem::path database = std::filesystem::path{data_dir} / "stellwerk-server.db";
  try {
    if (!restore) {
      const auto copy = backup_database(database, file);
      std::cout << fmt::format("backup written to {}: {} bytes, {} bookings, schema {}\n", file, copy.bytes,
                               copy.bookings, copy.schema_version);
      return 0;
    }
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace,
                                 error);
    std::filesystem::path kept;
    const auto restored = restore_database(database, file, kept);
    if (!kept.empty()) std::cout << fmt::format("the database it replaced is kept as {}\n", kept.string());
    std::cout << fmt::format("restored {} into {}: {} bookings, schema {}\n", file, data_dir, restored.bookings,
                             restored.schema_version);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << fmt::format("stellwerk-server {}: {}\n", restore ? "restore" : "backup", e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  using stellwerk::server::DemoScale;
  CLI::App app{"Stellwerk reference API server"};
  app.set_version_flag("--version", std::string{"stellwerk-server "} + STELLWERK_VERSION);
  Settings settings;
  bool demo = false;
  std::string demo_scale = "small";
  bool print_routes = false;
  add_setting_options(app, settings);
  app.add_flag("--demo", demo, "Seed the demo city into an empty data folder (loopback only)");
  app.add_option("--demo-scale", demo_scale, "small or city (600 buildings, 10,000 employees)")
      ->check(CLI::IsMember({"small", "city"}))
      ->capture_default_str();
  app.add_flag("--print-routes", print_routes, "Print 'METHOD PATH' of every route and exit");
  ImportArguments import_arguments;
  CLI::App* import = add_import_command(app, import_arguments);
  std::string secret_user;
  bool secret_is_pin = false;
  auto* set_password_command = app.add_subcommand(
      "set-password", "Set a person's password (or with --pin their kiosk PIN), read from the first line of stdin");
  set_password_command->add_option("user", secret_user, "the person's user name")->required();
  set_password_command->add_flag("--pin", secret_is_pin, "set the kiosk PIN (4 to 8 digits) instead");
  set_password_command->fallthrough();
  BackupArguments backup;
  add_backup_commands(app, backup);
  CLI11_PARSE(app, argc, argv);

  if (print_routes) {
    for (const auto& route : stellwerk::server::all_routes()) std::cout << route.method << ' ' << route.path << '\n';
    return 0;
  }
  stellwerk::server::ServerOptions options;
  // Without a config file: access lines on stderr, beside the server's own log (journald).
  options.access_log.target = stellwerk::server::AccessLogOptions::Target::stderr_stream;
  if (!apply_config_file(app, settings, options)) return 2;
  const std::string& data_dir = settings.data_dir;
  spdlog::set_default_logger(spdlog::stderr_color_mt("stellwerk-server"));
  spdlog::set_level(spdlog::level::from_str(settings.log_level));
  if (data_dir.empty()) {
    std::cerr << "stellwerk-server: --data (or data in the config file) is required\n";
    return 2;
  }
  if (import->parsed()) return import_file(data_dir, import_arguments);
  if (set_password_command->parsed()) return set_password(data_dir, secret_user, secret_is_pin);
  if (backup.backup->parsed()) return backup_or_restore(data_dir, backup.file, false);
  if (backup.restore->parsed()) return backup_or_restore(data_dir, backup.file, true);
  options.data_dir = data_dir;
  if (!split_listen(settings.listen, options.host, options.port)) {
    std::cerr << fmt::format("stellwerk-server: --listen {}: expected HOST:PORT\n", settings.listen);
    return 2;
  }
  if (demo && !is_loopback(options.host)) {
    std::cerr << fmt::format(
        "stellwerk-server: --demo serves well-known passwords and refuses {}; use a loopback address\n",
        options.host);
    return 2;
  }
  if (demo) options.demo = demo_scale == "city" ? DemoScale::city : DemoScale::small;
  if (!settings.tls_cert.empty()) options.tls_cert = settings.tls_cert;
  if (!settings.tls_key.empty()) options.tls_key = settings.tls_key;

  // SIGINT and SIGTERM are blocked in every thread and taken by one waiting thread, which can
  // then stop the server with ordinary code instead of inside a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  return serve(options, stop_signals);
}
