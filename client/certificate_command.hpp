// `stellwerk certificate export ENROLLMENT_ID DIR` and `stellwerk certificate verify DOCUMENT
// SIGNATURE` (docs/cli.md, docs/training.md): a certificate as files anyone can check with
// openssl, and the same check by the client against the key it pinned.
#pragma once

#include <string>

#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

// Writes the files and prints the openssl command on stdout. Exit 0, or 2 when nothing was written.
int certificate_export_command(const store::LocalStore& store, const std::string& enrollment_id, const std::string& dir);

// Checks DOCUMENT against the raw signature in SIGNATURE with the pinned key. Exit 0 when the
// server signed exactly these bytes, 6 when not, 2 when it cannot be said (no key, unreadable file).
int certificate_verify_command(const store::LocalStore& store, const std::string& document, const std::string& signature);

}  // namespace stellwerk::client
