// The one place that turns a refusal (a problem code and the server's title) into the words shown
// to the person: the client's own translation of the code first, so that the reason is in the UI's
// language whatever language the server answered in; the server's title only for a code the client
// does not know; else the general "The request was refused.". When core/ gets its table of refusal
// reasons, this function is what switches to it.
#pragma once

#include <string>
#include <string_view>

#include "labels.hpp"

namespace stellwerk::client {

// Whether the client has its own words for this code.
inline bool refusal_known(std::string_view code) {
  return !code.empty() && std::string_view(problem_text(code)) != std::string_view(problem_text(""));
}

inline std::string refusal_reason(std::string_view code, std::string_view server_title) {
  if (refusal_known(code) || server_title.empty()) return problem_text(code);
  return std::string(server_title);
}

inline std::string refusal_reason(const ConflictSummary& conflict) {
  return refusal_reason(conflict.problem_code, conflict.problem_title);
}

}  // namespace stellwerk::client
