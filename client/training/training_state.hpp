// Training's view state: which list and courses it shows, and the certificate saved last.
#pragma once

#include <optional>
#include <string>

#include "training/training_status.hpp"

namespace stellwerk::client {

struct SavedCertificate {
  std::string folder;          // where the three files are
  std::string verify_command;  // the openssl command that checks them, to copy
};

// The whole catalogue (filtered), or the person's own enrolments grouped by where they stand.
enum class TrainingList : unsigned char { catalogue, mine };

struct TrainingState {
  TrainingList list = TrainingList::catalogue;
  CourseFilter filter;
  bool saving_certificate = false;
  std::optional<SavedCertificate> saved_certificate;
};

}  // namespace stellwerk::client
