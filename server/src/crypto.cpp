#include "crypto.hpp"

#include <semaphore>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

namespace stellwerk::server::crypto {
namespace {

std::string random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("the system random generator failed");
  }
  return bytes;
}

std::counting_semaphore<256>& kdf_slots() {
  static std::counting_semaphore<256> slots{
      static_cast<std::ptrdiff_t>(std::max(1U, std::min(256U, std::thread::hardware_concurrency())))};
  return slots;
}

std::string derive(std::string_view password, std::string_view salt, int iterations) {
  std::string key(32, '\0');
  kdf_slots().acquire();
  const int ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                                   reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                                   iterations, EVP_sha256(), static_cast<int>(key.size()),
                                   reinterpret_cast<unsigned char*>(key.data()));
  kdf_slots().release();
  if (ok != 1) throw std::runtime_error("PBKDF2 failed");
  return key;
}

}  // namespace

std::string random_token(std::size_t bytes) {
  std::string text = base64(random_bytes(bytes));
  // base64url without padding: safe in headers and URLs as it is.
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::string random_id(std::string_view prefix) { return fmt::format("{}_{}", prefix, hex(random_bytes(8))); }

std::string sha256(std::string_view data) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return {};
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return {};
  // EVP_DecodeBlock counts padding as zero bytes; drop them.
  std::size_t size = static_cast<std::size_t>(n);
  if (text.ends_with("==")) size -= 2;
  else if (text.ends_with("=")) size -= 1;
  out.resize(size);
  return out;
}

std::string hash_password(std::string_view password, int iterations) {
  const std::string salt = random_bytes(16);
  return fmt::format("pbkdf2-sha256${}${}${}", iterations, base64(salt), base64(derive(password, salt, iterations)));
}

bool verify_password(std::string_view password, std::string_view stored) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto dollar = stored.find('$');
    parts.push_back(stored.substr(0, dollar));
    if (dollar == std::string_view::npos) break;
    stored.remove_prefix(dollar + 1);
  }
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  int iterations = 0;
  for (char c : parts[1]) {
    if (c < '0' || c > '9' || iterations > 100'000'000) return false;
    iterations = iterations * 10 + (c - '0');
  }
  const std::string salt = base64_decode(parts[2]);
  const std::string expected = base64_decode(parts[3]);
  if (iterations <= 0 || salt.empty() || expected.size() != 32) return false;
  return equal_constant_time(derive(password, salt, iterations), expected);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace stellwerk::server::crypto
