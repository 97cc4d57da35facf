// Offline checks of training certificates (see certificates.hpp). libcrypto is opened by name at the
// first check instead of being linked, so that the `stellwerk` executable does not name it
// (client/CMakeLists.txt checks that); tests and the command line use this same path.
#include "stellwerk/sync/certificates.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <type_traits>

namespace stellwerk::certificates {
namespace {

// The few libcrypto functions a check needs, with their OpenSSL 3 signatures (opaque pointers:
// no OpenSSL header is needed to call them).
struct Crypto {
  int (*decode_block)(unsigned char* out, const unsigned char* in, int length) = nullptr;
  void* (*new_raw_public_key)(int type, void* engine, const unsigned char* key, std::size_t length) = nullptr;
  void (*free_key)(void* key) = nullptr;
  void* (*new_context)() = nullptr;
  void (*free_context)(void* context) = nullptr;
  int (*verify_init)(void* context, void** key_context, const void* digest, void* engine, void* key) = nullptr;
  int (*verify)(void* context, const unsigned char* signature, std::size_t signature_length, const unsigned char* data,
                std::size_t data_length) = nullptr;
  void (*clear_errors)() = nullptr;
};

constexpr int kEd25519 = 1087;  // EVP_PKEY_ED25519 (NID_ED25519)
constexpr std::size_t kSignatureSize = 64;
constexpr std::size_t kKeySize = 32;
// The DER of an Ed25519 SubjectPublicKeyInfo up to the key's 32 bytes (RFC 8410, section 4).
constexpr std::array<unsigned char, 12> kKeyInfoPrefix{0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                                       0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

// Loaded once (thread-safe: a function-local static); nullptr when libcrypto cannot be loaded.
const Crypto* crypto() {
  static const Crypto* const loaded = []() -> const Crypto* {
    void* library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      std::fprintf(stderr, "stellwerk: cannot load libcrypto to check certificates: %s\n", dlerror());
      return nullptr;
    }
    static Crypto found;
    bool complete = true;
    const auto find = [&](auto& function, const char* name) {
      function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, name));
      complete = complete && function != nullptr;
    };
    find(found.decode_block, "EVP_DecodeBlock");
    find(found.new_raw_public_key, "EVP_PKEY_new_raw_public_key");
    find(found.free_key, "EVP_PKEY_free");
    find(found.new_context, "EVP_MD_CTX_new");
    find(found.free_context, "EVP_MD_CTX_free");
    find(found.verify_init, "EVP_DigestVerifyInit");
    find(found.verify, "EVP_DigestVerify");
    find(found.clear_errors, "ERR_clear_error");
    return complete ? &found : nullptr;
  }();
  return loaded;
}

// Standard base64 with padding, whitespace already removed; nullopt when malformed.
std::optional<std::string> decode_base64(const Crypto& c, std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  // Padding only at the end: at most two '=', and nothing after them.
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  const std::string_view body = text.substr(0, text.size() - padding);
  const bool alphabet = std::all_of(body.begin(), body.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+' || ch == '/';
  });
  if (!alphabet) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int n = c.decode_block(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

// The 32 key bytes of a PEM "PUBLIC KEY" holding an Ed25519 key; nullopt otherwise.
std::optional<std::string> raw_public_key(const Crypto& c, std::string_view pem) {
  constexpr std::string_view kBegin = "-----BEGIN PUBLIC KEY-----";
  constexpr std::string_view kEnd = "-----END PUBLIC KEY-----";
  const auto begin = pem.find(kBegin);
  const auto end = pem.find(kEnd);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) return std::nullopt;
  std::string body;
  for (const char ch : pem.substr(begin + kBegin.size(), end - begin - kBegin.size())) {
    if (ch != '\n' && ch != '\r' && ch != ' ' && ch != '\t') body.push_back(ch);
  }
  const auto der = decode_base64(c, body);
  if (!der || der->size() != kKeyInfoPrefix.size() + kKeySize ||
      !std::equal(kKeyInfoPrefix.begin(), kKeyInfoPrefix.end(), reinterpret_cast<const unsigned char*>(der->data()))) {
    return std::nullopt;
  }
  return der->substr(kKeyInfoPrefix.size());
}

}  // namespace

CertificateCheck verify(std::string_view text, std::string_view signature, std::string_view public_key_pem) {
  if (public_key_pem.empty()) return CertificateCheck::no_key;
  const Crypto* c = crypto();
  if (c == nullptr) return CertificateCheck::unavailable;
  const auto key_bytes = raw_public_key(*c, public_key_pem);
  if (!key_bytes) return CertificateCheck::no_key;
  if (signature.size() != kSignatureSize) return CertificateCheck::invalid;
  void* key = c->new_raw_public_key(kEd25519, nullptr, reinterpret_cast<const unsigned char*>(key_bytes->data()),
                                    key_bytes->size());
  if (key == nullptr) {
    c->clear_errors();  // see below
    return CertificateCheck::no_key;
  }
  void* context = c->new_context();
  bool valid = false;
  if (context != nullptr && c->verify_init(context, nullptr, nullptr, nullptr, key) == 1) {
    // Ed25519 signs the message itself ("one-shot"): EVP_DigestVerify, no digest of our own.
    valid = c->verify(context, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                      reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
  }
  if (context != nullptr) c->free_context(context);
  c->free_key(key);
  // A refused signature leaves an entry on this thread's OpenSSL error queue; libcurl reads that
  // queue after a TLS failure, and a stale entry would give it the wrong reason.
  c->clear_errors();
  return valid ? CertificateCheck::valid : CertificateCheck::invalid;
}

CertificateCheck verify(const Certificate& certificate, std::string_view public_key_pem) {
  if (public_key_pem.empty()) return CertificateCheck::no_key;
  if (crypto() == nullptr) return CertificateCheck::unavailable;
  return verify(certificate.text, signature_bytes(certificate), public_key_pem);
}

bool is_ed25519_public_key(std::string_view pem) {
  const Crypto* c = crypto();
  return c != nullptr && raw_public_key(*c, pem).has_value();
}

std::string signature_bytes(const Certificate& certificate) {
  const Crypto* c = crypto();
  if (c == nullptr) return {};
  auto bytes = decode_base64(*c, certificate.signature);
  return bytes && bytes->size() == kSignatureSize ? std::move(*bytes) : std::string{};
}

}  // namespace stellwerk::certificates
