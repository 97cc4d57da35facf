// Parses the embedded catalogs. A catalog that fails to parse is a build defect, not a user
// error, so it is reported once on stderr and the program carries on in English.
#include "stellwerk/assets/catalogs.hpp"

#include <cstdio>
#include <optional>

extern const unsigned char stellwerk_catalog_de[];
extern const std::size_t stellwerk_catalog_de_size;

namespace stellwerk::assets {

const i18n::Catalog* catalog(i18n::Language language) {
  if (language != i18n::Language::de) return nullptr;
  // A function-local static is initialised once, thread-safely.
  static const std::optional<i18n::Catalog> german = [] () -> std::optional<i18n::Catalog> {
    auto parsed = i18n::Catalog::parse(std::as_bytes(std::span{stellwerk_catalog_de, stellwerk_catalog_de_size}));
    if (!parsed) {
      std::fprintf(stderr, "stellwerk: built-in German catalog is unusable: %s\n", parsed.error().c_str());
      return std::nullopt;
    }
    return std::move(*parsed);
  }();
  return german ? &*german : nullptr;
}

void activate_language(i18n::Language language) { i18n::set_active_catalog(catalog(language)); }

}  // namespace stellwerk::assets
