// HTTPS against cpp-httplib's SSLServer on loopback, with certificates made for each test run by
// the `openssl` command line (so no key material lives in the repository): a self-signed
// certificate, a test CA and two leaves it signed, one for 127.0.0.1 and one for another host
// name. The cases are what protects a person on a hostile network: an untrusted or misnamed
// certificate and a key that matches none of the pins are refused; a trusted one with a
// matching pin (among a backup pin) gets through.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "net_test_support.hpp"

namespace stellwerk::net {
namespace {

using testing::LoopbackServer;
using testing::make_client;
using testing::quick_options;
using testing::TempDir;

// Runs a shell command; its output goes to `log` so that a failing setup can show why.
void run(const std::string& command, const std::filesystem::path& log) {
  const std::string full = command + " >>'" + log.string() + "' 2>&1";
  if (std::system(full.c_str()) != 0) throw std::runtime_error("failed: " + command + " (see " + log.string() + ")");
}

std::string output_of(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe{::popen(command.c_str(), "r"), ::pclose};
  if (!pipe) throw std::runtime_error("popen failed: " + command);
  std::string output;
  char buffer[256];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe.get())) output.append(buffer, got);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

// Certificates for the whole suite; EC P-256 keys, because they take milliseconds to make.
class Certificates {
 public:
  Certificates() {
    const auto& d = dir_.path();
    const auto log = d / "openssl.log";
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2";
    run("openssl req -x509 " + ec + " -keyout '" + path("self.key") + "' -out '" + path("self.crt") +
            "' -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost",
        log);
    run("openssl req -x509 " + ec + " -keyout '" + path("ca.key") + "' -out '" + path("ca.crt") +
            "' -subj '/CN=Stellwerk test CA'",
        log);
    make_leaf("leaf", "127.0.0.1", "IP:127.0.0.1,DNS:localhost", log);
    make_leaf("other", "other.example", "DNS:other.example", log);
  }
  std::string path(const std::string& name) const { return (dir_.path() / name).string(); }

  // curl's pin of a certificate's public key: "sha256//" and the base64 SHA-256 of its DER form.
  std::string pin(const std::string& name) const {
    const std::string b64 = output_of("openssl x509 -in '" + path(name + ".crt") +
                                      "' -pubkey -noout | openssl pkey -pubin -outform der | "
                                      "openssl dgst -sha256 -binary | base64");
    if (b64.size() != 44) throw std::runtime_error("unexpected pin output: " + b64);
    return "sha256//" + b64;
  }

 private:
  void make_leaf(const std::string& name, const std::string& common_name, const std::string& alt_names,
                 const std::filesystem::path& log) {
    const std::string extensions = path(name + ".ext");
    std::FILE* file = std::fopen(extensions.c_str(), "w");
    if (file == nullptr) throw std::runtime_error("cannot write " + extensions);
    std::fprintf(file, "subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
                 alt_names.c_str());
    std::fclose(file);
    run("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" + path(name + ".key") +
            "' -out '" + path(name + ".csr") + "' -subj /CN=" + common_name,
        log);
    run("openssl x509 -req -in '" + path(name + ".csr") + "' -CA '" + path("ca.crt") + "' -CAkey '" + path("ca.key") +
            "' -CAcreateserial -days 2 -extfile '" + extensions + "' -out '" + path(name + ".crt") + "'",
        log);
  }

  TempDir dir_;
};

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { certificates_ = std::make_unique<Certificates>(); }
  static void TearDownTestSuite() { certificates_.reset(); }

  // An HTTPS server presenting `name`.crt that answers GET /api/v1/me (and tells `on_request`).
  static std::unique_ptr<LoopbackServer> serve(const std::string& name,
                                               std::function<void(const httplib::Request&)> on_request = {}) {
    auto server = std::make_unique<LoopbackServer>(std::make_unique<httplib::SSLServer>(
        certificates_->path(name + ".crt").c_str(), certificates_->path(name + ".key").c_str()));
    server->server().Get("/api/v1/me", [on_request](const httplib::Request& request, httplib::Response& response) {
      if (on_request) on_request(request);
      response.set_content(R"({"username":"demo"})", "application/json");
    });
    server->start();
    return server;
  }

  static TransportOptions trusting_test_ca() {
    TransportOptions options = quick_options();
    options.ca_file = certificates_->path("ca.crt");
    return options;
  }

  static HttpResult get_me(const LoopbackServer& server, TransportOptions options) {
    auto client = make_client(server.url("https"), std::move(options));
    return client.send(testing::get("/api/v1/me"));
  }

  static inline std::unique_ptr<Certificates> certificates_;
};

TEST_F(TlsTest, SelfSignedCertificateIsNotTrusted) {
  const auto server = serve("self");
  const auto result = get_me(*server, quick_options());
  ASSERT_FALSE(result) << "a self-signed certificate was accepted";
  EXPECT_EQ(result.error().kind, TransportErrorKind::tls_failed) << result.error().detail;
}

TEST_F(TlsTest, CertificateFromTheConfiguredCaIsTrusted) {
  const auto server = serve("leaf");
  const auto result = get_me(*server, trusting_test_ca());
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, R"({"username":"demo"})");
}

TEST_F(TlsTest, CertificateForAnotherHostIsRefusedEvenFromATrustedCa) {
  const auto server = serve("other");
  const auto result = get_me(*server, trusting_test_ca());
  ASSERT_FALSE(result) << "a certificate for other.example was accepted for 127.0.0.1";
  EXPECT_EQ(result.error().kind, TransportErrorKind::tls_failed) << result.error().detail;
}

TEST_F(TlsTest, TrustedCertificateWithTheWrongPinIsPinMismatch) {
  const auto server = serve("leaf");
  TransportOptions options = trusting_test_ca();
  options.pinned_public_keys = {certificates_->pin("self"), certificates_->pin("other")};
  const auto result = get_me(*server, options);
  ASSERT_FALSE(result) << "a key matching no pin was accepted";
  EXPECT_EQ(result.error().kind, TransportErrorKind::pin_mismatch) << result.error().detail;
}

TEST_F(TlsTest, MatchingPinAfterABackupPinIsAccepted) {
  const auto server = serve("leaf");
  TransportOptions options = trusting_test_ca();
  options.pinned_public_keys = {certificates_->pin("self"), certificates_->pin("leaf")};
  const auto result = get_me(*server, options);
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->status, 200);
}

TEST_F(TlsTest, VerifiedConnectionIsKeptForTheNextRequest) {
  // One TLS handshake per sync, not one per request: the second request must arrive on the
  // same connection (same client port), with CA and pins set again for it.
  std::mutex mutex;
  std::vector<int> client_ports;
  const auto server = serve("leaf", [&](const httplib::Request& request) {
    std::lock_guard lock{mutex};
    client_ports.push_back(request.remote_port);
  });
  TransportOptions options = trusting_test_ca();
  options.pinned_public_keys = {certificates_->pin("leaf")};
  auto client = make_client(server->url("https"), options);
  for (int i = 0; i < 2; ++i) {
    const auto result = client.send(testing::get("/api/v1/me"));
    ASSERT_TRUE(result) << result.error().detail;
  }
  std::lock_guard lock{mutex};
  ASSERT_EQ(client_ports.size(), 2U);
  EXPECT_EQ(client_ports[0], client_ports[1]);
}

TEST_F(TlsTest, PinDoesNotReplaceCertificateVerification) {
  // The right pin on a self-signed certificate: pinning adds to verification, never replaces it.
  const auto server = serve("self");
  TransportOptions options = quick_options();
  options.pinned_public_keys = {certificates_->pin("self")};
  const auto result = get_me(*server, options);
  ASSERT_FALSE(result) << "an untrusted certificate was accepted because of its pin";
  EXPECT_EQ(result.error().kind, TransportErrorKind::tls_failed) << result.error().detail;
}

TEST_F(TlsTest, PlainHttpSpokenToATlsPortIsConnectionLost) {
  // A misconfigured base URL (http:// to an https server) must fail clearly, not hang.
  const auto server = serve("leaf");
  auto client = make_client(server->url("http"), quick_options());
  const testing::Stopwatch watch;
  const auto result = client.send(testing::get("/api/v1/me"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, TransportErrorKind::connection_lost) << result.error().detail;
  EXPECT_LT(watch.elapsed(), std::chrono::seconds{3});
}

}  // namespace
}  // namespace stellwerk::net
