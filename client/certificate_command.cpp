#include "certificate_command.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "certificate_export.hpp"
#include "commands.hpp"
#include "stellwerk/sync/certificates.hpp"

namespace stellwerk::client {
namespace {

std::optional<std::string> read_whole(const std::string& file) {
  std::ifstream in{file, std::ios::binary};
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

int certificate_export_command(const store::LocalStore& store, const std::string& enrollment_id, const std::string& dir) {
  const auto files = export_certificate(store, enrollment_id, dir);
  if (!files) {
    std::fprintf(stderr, "stellwerk: %s\n", files.error().c_str());
    return kExitUsage;
  }
  std::fprintf(stderr, "stellwerk: wrote %s, %s and %s; check them with:\n", files->document.c_str(),
               files->signature.c_str(), files->public_key.c_str());
  std::printf("%s\n", files->verify_command.c_str());
  return kExitOk;
}

int certificate_verify_command(const store::LocalStore& store, const std::string& document, const std::string& signature) {
  const auto text = read_whole(document);
  const auto signature_bytes = read_whole(signature);
  if (!text || !signature_bytes) {
    std::fprintf(stderr, "stellwerk: cannot read %s\n", (!text ? document : signature).c_str());
    return kExitUsage;
  }
  switch (certificates::verify(*text, *signature_bytes, store.certificate_key())) {
    case CertificateCheck::valid:
      std::fprintf(stderr, "stellwerk: certificate verified: the server signed exactly this document\n");
      return kExitOk;
    case CertificateCheck::invalid:
      std::fprintf(stderr, "stellwerk: certificate INVALID: the document or the signature was changed, or another key signed it\n");
      return kExitInvalidCertificate;
    case CertificateCheck::no_key:
      std::fprintf(stderr, "stellwerk: the server's certificate key is not known here yet; sync once with the server\n");
      return kExitUsage;
    case CertificateCheck::unavailable:
      std::fprintf(stderr, "stellwerk: libcrypto cannot be loaded, so the certificate cannot be checked\n");
      return kExitUsage;
  }
  return kExitUsage;
}

}  // namespace stellwerk::client
