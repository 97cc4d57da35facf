// Secrets with OpenSSL: random tokens and ids from the CSPRNG, SHA-256 digests, and password
// (and PIN) hashes with PBKDF2-HMAC-SHA256 at 600,000 iterations, the OWASP 2023 figure. A hash
// is stored as "pbkdf2-sha256$<iterations>$<salt b64>$<key b64>", so the cost can be raised
// later without invalidating existing hashes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace stellwerk::server::crypto {

inline constexpr int kPasswordIterations = 600'000;

// `bytes` random bytes as unpadded base64url: a bearer token or device secret.
std::string random_token(std::size_t bytes = 32);
// An opaque id such as "bk_3f9c1a…": a prefix naming the kind, then 16 random hex digits.
std::string random_id(std::string_view prefix);

// Raw 32-byte SHA-256.
std::string sha256(std::string_view data);
std::string hex(std::string_view bytes);
std::string base64(std::string_view bytes);
// Decodes standard base64 (with padding); empty on malformed input.
std::string base64_decode(std::string_view text);

// Slow by design (~0.15 s on one core). At most one hash per core runs at a time, so a burst
// of sign-ins queues instead of exhausting the machine.
std::string hash_password(std::string_view password, int iterations = kPasswordIterations);
// Constant-time comparison of the derived key. False for a malformed stored hash.
bool verify_password(std::string_view password, std::string_view stored_hash);

bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace stellwerk::server::crypto
