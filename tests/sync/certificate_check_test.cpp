// The client's offline certificate check against RFC 8032's Ed25519 test vector 2 (the message is
// the single byte "r"): a genuine signature passes; a changed text, a changed signature, a
// malformed signature and a key that is not Ed25519 never do.
#include <gtest/gtest.h>

#include "stellwerk/sync/certificates.hpp"

namespace stellwerk::certificates {
namespace {

const std::string kKey =
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAPUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=\n-----END PUBLIC KEY-----\n";
const std::string kSignature = "kqAJqfDUyrhyDoILX2QlQKKye1QWUD+Ps3YiI+vbadoIWsHkPhWZbkWPNhPQ8R2MOHsurrQwKu6wDSkWErsMAA==";

TEST(CertificateCheck, TheRfc8032VectorVerifiesAndAnyChangeFails) {
  ASSERT_TRUE(is_ed25519_public_key(kKey));
  EXPECT_EQ(verify(Certificate{"r", kSignature}, kKey), CertificateCheck::valid);
  EXPECT_EQ(verify(Certificate{"s", kSignature}, kKey), CertificateCheck::invalid);
  std::string changed = kSignature;
  changed[10] = changed[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify(Certificate{"r", changed}, kKey), CertificateCheck::invalid);
  EXPECT_EQ(verify(Certificate{"r", kSignature}, ""), CertificateCheck::no_key);
}

TEST(CertificateCheck, PaddingInTheMiddleOfASignatureIsMalformed) {
  // Same length, '=' moved into the middle: some decoders would stop there and read a prefix.
  std::string padded = kSignature;
  padded[20] = '=';
  EXPECT_TRUE(signature_bytes(Certificate{"r", padded}).empty());
  EXPECT_EQ(verify(Certificate{"r", padded}, kKey), CertificateCheck::invalid);
  EXPECT_EQ(signature_bytes(Certificate{"r", kSignature}).size(), 64u);
}

TEST(CertificateCheck, AKeyThatIsNotEd25519IsNotTaken) {
  // An X25519 key has the same length but another algorithm identifier.
  const std::string x25519 =
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAPUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=\n-----END PUBLIC KEY-----\n";
  EXPECT_FALSE(is_ed25519_public_key(x25519));
  EXPECT_FALSE(is_ed25519_public_key("not a key"));
  EXPECT_NE(verify(Certificate{"r", kSignature}, x25519), CertificateCheck::valid);
}

}  // namespace
}  // namespace stellwerk::certificates
