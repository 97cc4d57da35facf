// A training certificate written out as files anyone can check without Stellwerk: the signed text,
// its raw Ed25519 signature and the server's public key, and the one `openssl pkeyutl -verify`
// command that checks them (docs/training.md). The command line (`stellwerk certificate export`)
// and the Training view's "Save certificate" both write through export_certificate.
#pragma once

#include <expected>
#include <filesystem>
#include <string>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

struct ExportedCertificate {
  std::filesystem::path document;    // certificate-<id>.txt, the signed bytes
  std::filesystem::path signature;   // certificate-<id>.sig, the 64 raw signature bytes
  std::filesystem::path public_key;  // stellwerk-certificate-key.pem, the pinned key
  std::string verify_command;        // the openssl command, its paths quoted for a POSIX shell
};

// Where the window saves certificates: "Stellwerk-Zertifikate" in the person's documents.
std::filesystem::path default_certificate_dir();

// Checks the enrolment's certificate against the pinned key and writes the three files into
// `dir` (created when missing). Nothing is written for an unknown enrolment, a completion the
// server has not confirmed yet, a store without a pinned key, or a certificate that does not
// verify; the error says which, in the person's language.
std::expected<ExportedCertificate, std::string> export_certificate(const store::LocalStore& store, const Id& enrollment_id,
                                                                   const std::filesystem::path& dir);

}  // namespace stellwerk::client
