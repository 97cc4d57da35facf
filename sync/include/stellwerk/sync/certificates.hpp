// Certificates of completed trainings, checked offline: the server signs each completion's text
// with Ed25519 (server/src/certificates.cpp); the client pins the server's public key at its first
// sync (StoreMetadata::certificate_key) and checks every certificate against that key, so a text
// changed in the cache, in an exported file or by another server is recognised (docs/training.md).
//
// libcrypto is opened with dlopen by the first check, not linked: the executable does not name it,
// so the window can draw its first frame before it is mapped; the window's first check runs with
// the first data load on the loader thread (docs/performance.md, "Start-up").
#pragma once

#include <string>
#include <string_view>

#include "stellwerk/core/domain.hpp"

namespace stellwerk::certificates {

// Checks `signature` (the raw 64 bytes) over `text` against the PEM public key.
CertificateCheck verify(std::string_view text, std::string_view signature, std::string_view public_key_pem);
// The same for a certificate as the server sends it (base64 signature).
CertificateCheck verify(const Certificate& certificate, std::string_view public_key_pem);

// Whether `pem` is an Ed25519 public key in the form the server publishes (SubjectPublicKeyInfo,
// RFC 8410), checked before it is pinned.
bool is_ed25519_public_key(std::string_view pem);

// The signature's raw bytes; empty when `signature` is not base64 of 64 bytes.
std::string signature_bytes(const Certificate& certificate);

}  // namespace stellwerk::certificates
