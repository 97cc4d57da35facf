// The texts of the server's problem codes, in the caller's language (Accept-Language de or
// en), The codes and English texts are core's
// (core/refusal.hpp), the one table the client translates as well, so a person reads the same
// words whether the client foresaw a refusal or the server made it.
#pragma once

#include <string>
#include <string_view>

#include "http.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk::server {

// The language of an Accept-Language header: the first of de/en by preference (q values
// honoured), German when neither is named, because the city's working language is German.
i18n::Language language_from_accept(std::string_view header);

// The problem's title for `code`; a generic text for a code without an entry.
std::string problem_title(std::string_view code, i18n::Language language);

// True when the code is one of core's refusal reasons has a text for the code (tests check that every code the server
// can send has one).
bool known_problem_code(std::string_view code);

}  // namespace stellwerk::server
