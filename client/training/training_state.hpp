// Training's view state: which courses the list shows, and the certificate saved last.
#pragma once

#include <optional>
#include <string>

namespace stellwerk::client {

struct SavedCertificate {
  std::string folder;          // where the three files are
  std::string verify_command;  // the openssl command that checks them, to copy
};

struct TrainingState {
  bool mandatory_only = false;  // only the courses the person must take
  bool saving_certificate = false;
  std::optional<SavedCertificate> saved_certificate;
};

}  // namespace stellwerk::client
