// What the person asks for in Training (training_handler.hpp applies it). Enrolling and completing
// are written to the store and the outbox at once and sent by the sync thread.
#pragma once

#include "stellwerk/core/domain.hpp"

namespace stellwerk::client {

struct Enroll { Id course_id; };
struct CompleteCourse { Id enrollment_id; };
struct ToggleMandatoryOnly {};  // the list shows only mandatory courses, or all again
// Writes the completion's signed certificate, its signature and the server's key as files into
// the documents folder (certificate_export.hpp).
struct SaveCertificate { Id enrollment_id; };

}  // namespace stellwerk::client
