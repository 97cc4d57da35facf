// Training certificates signed with the server's Ed25519 key (OpenSSL). The private key lives
// in <data>/certificate-key.pem (mode 0600), created on first start; anyone can verify a
// certificate with the public key from GET /api/v1/certificates/public-key and `openssl
// pkeyutl -verify -rawin` (see docs/api/README.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace stellwerk::server {

class CertificateSigner {
 public:
  // Loads the key, or creates and stores a new one when the file does not exist. Throws
  // std::runtime_error when the file exists but holds no Ed25519 private key.
  static std::unique_ptr<CertificateSigner> load_or_create(const std::filesystem::path& key_file);
  virtual ~CertificateSigner() = default;

  // Raw 64-byte Ed25519 signature of `message`.
  virtual std::string sign(std::string_view message) const = 0;
  virtual bool verify(std::string_view message, std::string_view signature) const = 0;
  // SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----…").
  virtual std::string public_key_pem() const = 0;
};

}  // namespace stellwerk::server
