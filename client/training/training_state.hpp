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

// The whole catalogue (filtered), the person's own enrolments grouped by where they stand, or
// their competence profile.
enum class TrainingList : unsigned char { catalogue, mine, profile };

struct TrainingState {
  TrainingList list = TrainingList::catalogue;
  CourseFilter filter;
  // The profile's competence whose level and courses show; empty: the first with a gap.
  std::string chosen_competence;
  bool saving_certificate = false;
  std::optional<SavedCertificate> saved_certificate;
};

}  // namespace stellwerk::client
