// Writing a certificate as files (see certificate_export.hpp). The document is the exact bytes the
// server signed, so `openssl pkeyutl -verify -rawin` checks it as it is; the signature is written
// raw because that is what -sigfile reads.
#include "certificate_export.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "file_write.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/sync/certificates.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

// The id as a file-name part: anything but letters, digits, '-' and '_' becomes '_' (also '.'), so that
// no server-given id can name a path outside `dir`.
std::string file_part(const Id& id) {
  std::string part = id;
  std::replace_if(
      part.begin(), part.end(),
      [](char c) { return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'); },
      '_');
  return part;
}

// A path as one word for a POSIX shell: in single quotes, each ' as '\''.
std::string shell_quoted(const std::filesystem::path& path) {
  std::string quoted = "'";
  for (const char c : path.string()) quoted += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
  return quoted + "'";
}

// The one command that checks the three files (docs/training.md).
std::string openssl_verify_command(const ExportedCertificate& files) {
  return fmt::format("openssl pkeyutl -verify -pubin -inkey {} -rawin -in {} -sigfile {}", shell_quoted(files.public_key),
                     shell_quoted(files.document), shell_quoted(files.signature));
}

}  // namespace

std::filesystem::path default_certificate_dir() { return in_documents("Stellwerk-Zertifikate"); }


std::expected<ExportedCertificate, std::string> export_certificate(const store::LocalStore& store, const Id& enrollment_id,
                                                                   const std::filesystem::path& dir) {
  const auto enrollments = store.my_enrollments();
  const auto found = std::find_if(enrollments.begin(), enrollments.end(),
                                  [&](const Enrollment& e) { return e.id == enrollment_id; });
  if (found == enrollments.end()) {
    // TRANSLATORS: {0} an enrolment id as the command line names it.
    return std::unexpected(fmt::format(fmt::runtime(tr("No enrolment {0} is known on this computer.")), enrollment_id));
  }
  if (!found->certificate) {
    return std::unexpected(tr("This completion has no certificate yet. It arrives with the sync after the server confirmed the completion."));
  }
  const std::string key = store.certificate_key();
  switch (certificates::verify(*found->certificate, key)) {
    case CertificateCheck::valid: break;
    case CertificateCheck::no_key:
      return std::unexpected(tr("The server's certificate key is not known yet. Sync once with the server."));
    case CertificateCheck::invalid:
      return std::unexpected(tr("The certificate does not match the server's signature, so it was not saved."));
    case CertificateCheck::unavailable:
      return std::unexpected(tr("The certificate cannot be checked: libcrypto cannot be loaded."));
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return std::unexpected(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  ExportedCertificate files;
  const std::string name = fmt::format("certificate-{}", file_part(found->id));
  files.document = dir / (name + ".txt");
  files.signature = dir / (name + ".sig");
  files.public_key = dir / "stellwerk-certificate-key.pem";
  for (const auto& [file, bytes] : {std::pair{files.document, found->certificate->text},
                                    std::pair{files.signature, certificates::signature_bytes(*found->certificate)},
                                    std::pair{files.public_key, key}}) {
    if (auto written = write_file_atomically(file, bytes); !written) return std::unexpected(written.error());
  }
  files.verify_command = openssl_verify_command(files);
  return files;
}

}  // namespace stellwerk::client
