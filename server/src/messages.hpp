// The texts of the server's problem codes, in the caller's language (Accept-Language de or
// en). The English source texts are marked for xgettext and live in the same catalogue as the
// client's, so one translator sees every string of the product.
#pragma once

#include <string>
#include <string_view>

#include "stellwerk/core/i18n.hpp"

namespace stellwerk::server {

// The language of an Accept-Language header: the first of de/en by preference (q values
// honoured), German when neither is named, because the city's working language is German.
i18n::Language language_from_accept(std::string_view header);

// The problem's title for `code`; a generic text for a code without an entry.
std::string problem_title(std::string_view code, i18n::Language language);

// True when messages.cpp has a text for the code (tests check that every code the server
// can send has one).
bool known_problem_code(std::string_view code);

}  // namespace stellwerk::server
