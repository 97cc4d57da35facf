// The translation catalogs built into this binary (see assets/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <span>

#include "stellwerk/core/i18n.hpp"

namespace stellwerk::assets {

// The compiled catalog for `language`, parsed once on first use; nullptr for English, whose
// strings are the source strings themselves.
const i18n::Catalog* catalog(i18n::Language language);

// Makes `language` the one tr() speaks from now on.
void activate_language(i18n::Language language);

}  // namespace stellwerk::assets
