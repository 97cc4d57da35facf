// The certificate signing key: one Ed25519 key pair per server, kept as a PKCS#8 PEM file next
// to the database. Ed25519 because its signatures are small (64 bytes), deterministic (the
// same text always gives the same signature, so a certificate can be reissued bit for bit) and
// checkable with nothing but the stock `openssl` command line.
//
// The file is created with O_CREAT|O_EXCL and mode 0600 in a single step, so the private key is
// never readable by anyone else, not even for a moment, and two servers started on the same
// folder cannot overwrite each other's key. An existing file is only ever read: a file that
// holds anything but an Ed25519 private key (an RSA key, a public key, garbage, an encrypted
// key) stops the start with a message, because silently replacing it would invalidate every
// certificate issued so far.
#include "certificates.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace stellwerk::server {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSignatureBytes = 64;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free_all(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// The oldest queued OpenSSL error as text (and the queue cleared), for messages to the operator.
std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no detail from OpenSSL";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

// Refuses to ask for a pass phrase: the server runs unattended, and an encrypted key is
// reported as unusable instead of blocking the start on a terminal prompt.
int no_passphrase(char*, int, int, void*) { return 0; }

std::string drain(BIO& bio) {
  std::string bytes(BIO_ctrl_pending(&bio), '\0');
  if (!bytes.empty() &&
      BIO_read(&bio, bytes.data(), static_cast<int>(bytes.size())) != static_cast<int>(bytes.size())) {
    throw std::runtime_error("cannot read PEM text from OpenSSL: " + openssl_error());
  }
  return bytes;
}

PkeyPtr read_private_key(const fs::path& file) {
  const BioPtr bio{BIO_new_file(file.c_str(), "rb")};
  if (!bio)
    throw std::runtime_error(fmt::format("cannot read the certificate key {}: {}", file.string(), openssl_error()));
  PkeyPtr key{PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr)};
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    ERR_clear_error();
    throw std::runtime_error(
        fmt::format("{} holds no unencrypted Ed25519 private key in PEM form; move it away to create a new key "
                    "(certificates signed with the old key then no longer verify)",
                    file.string()));
  }
  return key;
}

void write_new_file(const fs::path& file, const std::string& bytes) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("cannot create the certificate key {}: {}", file.string(), std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool complete = written == bytes.size() && ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!complete) {
    // A half-written key would stop every later start: leave nothing behind.
    ::unlink(file.c_str());
    throw std::runtime_error(
        fmt::format("cannot write the certificate key {}: {}", file.string(), std::strerror(error)));
  }
}

PkeyPtr create_private_key(const fs::path& file) {
  PkeyPtr key{EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")};
  if (!key) throw std::runtime_error("cannot generate an Ed25519 key: " + openssl_error());
  const BioPtr pem{BIO_new(BIO_s_mem())};
  if (!pem || PEM_write_bio_PrivateKey(pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot encode the certificate key: " + openssl_error());
  }
  write_new_file(file, drain(*pem));
  return key;
}

class Ed25519Signer final : public CertificateSigner {
 public:
  explicit Ed25519Signer(PkeyPtr key) : key_(std::move(key)), public_pem_(encode_public_key(*key_)) {}

  std::string sign(std::string_view message) const override {
    const MdCtxPtr ctx{EVP_MD_CTX_new()};
    std::string signature(kSignatureBytes, '\0');
    std::size_t length = signature.size();
    // Ed25519 hashes internally: no digest is named, and the message goes in one call.
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
        length != kSignatureBytes) {
      throw std::runtime_error("cannot sign a certificate: " + openssl_error());
    }
    return signature;
  }

  bool verify(std::string_view message, std::string_view signature) const override {
    const MdCtxPtr ctx{EVP_MD_CTX_new()};
    const bool valid =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                         reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
    ERR_clear_error();  // a bad signature queues an error that is no failure of the server
    return valid;
  }

  std::string public_key_pem() const override { return public_pem_; }

 private:
  static std::string encode_public_key(EVP_PKEY& key) {
    const BioPtr pem{BIO_new(BIO_s_mem())};
    if (!pem || PEM_write_bio_PUBKEY(pem.get(), &key) != 1) {
      throw std::runtime_error("cannot encode the certificate public key: " + openssl_error());
    }
    return drain(*pem);
  }

  PkeyPtr key_;  // EVP_PKEY is safe to share between threads; each call has its own context
  std::string public_pem_;
};

}  // namespace

std::unique_ptr<CertificateSigner> CertificateSigner::load_or_create(const fs::path& key_file) {
  std::error_code error;
  const bool exists = fs::exists(key_file, error);
  if (error) {
    throw std::runtime_error(
        fmt::format("cannot look for the certificate key {}: {}", key_file.string(), error.message()));
  }
  return std::make_unique<Ed25519Signer>(exists ? read_private_key(key_file) : create_private_key(key_file));
}

}  // namespace stellwerk::server
