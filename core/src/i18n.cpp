// Reading GNU .mo catalogs and looking strings up in the active one. The .mo layout is
// documented in the GNU gettext manual ("The Format of GNU MO Files"): a header of 32-bit words,
// then two tables of (length, offset) pairs for the original and the translated strings.
#include "stellwerk/core/i18n.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace stellwerk::i18n {
namespace {

std::atomic<const Catalog*> g_active{nullptr};

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint32_t kMagicSwapped = 0xde120495;

std::uint32_t byteswap32(std::uint32_t v) {
  return ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}

}  // namespace

std::string_view to_code(Language language) {
  switch (language) {
    case Language::de: return "de";
    case Language::en: return "en";
    case Language::COUNT: break;
  }
  return "de";
}

std::optional<Language> parse_language(std::string_view text) {
  // Only the language part counts: "de_DE.UTF-8", "en-GB" and "en" all name a language.
  const auto end = text.find_first_of("_-.@");
  std::string code{text.substr(0, end)};
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (code == "de") return Language::de;
  if (code == "en") return Language::en;
  return std::nullopt;
}

Language language_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    // The first variable that is set decides, as for setlocale(); C and POSIX mean "no choice".
    return parse_language(value).value_or(Language::de);
  }
  return Language::de;
}

std::expected<Catalog, std::string> Catalog::parse(std::span<const std::byte> mo) {
  const auto size = mo.size();
  if (size < 28) return std::unexpected("catalog too short to be a .mo file");
  const auto word_at = [&](std::size_t offset, bool swap) -> std::optional<std::uint32_t> {
    if (offset > size || size - offset < 4) return std::nullopt;
    std::uint32_t v = 0;
    std::memcpy(&v, mo.data() + offset, 4);
    return swap ? byteswap32(v) : v;
  };
  const std::uint32_t magic = *word_at(0, false);
  if (magic != kMagic && magic != kMagicSwapped) return std::unexpected("not a .mo file (bad magic number)");
  const bool swap = magic == kMagicSwapped;
  const std::uint32_t count = *word_at(8, swap);
  const std::uint32_t originals = *word_at(12, swap);
  const std::uint32_t translations = *word_at(16, swap);

  const auto string_at = [&](std::uint32_t table, std::uint32_t index) -> std::optional<std::string_view> {
    const std::size_t entry = std::size_t{table} + std::size_t{index} * 8;
    const auto length = word_at(entry, swap);
    const auto offset = word_at(entry + 4, swap);
    // The format promises a NUL after each string; we rely on it to hand out C strings.
    if (!length || !offset || *offset > size || size - *offset <= *length) return std::nullopt;
    const char* start = reinterpret_cast<const char*>(mo.data()) + *offset;
    if (start[*length] != '\0') return std::nullopt;
    return std::string_view{start, *length};
  };

  Catalog catalog;
  catalog.singular_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto original = string_at(originals, i);
    const auto translation = string_at(translations, i);
    if (!original || !translation) return std::unexpected("corrupt .mo file: string table out of range");
    if (original->empty()) {
      catalog.header_ = *translation;
      continue;
    }
    // A plural entry's msgid is "singular\0plural"; we look it up by the singular.
    const std::string_view key = original->substr(0, original->find('\0'));
    if (!translation->empty()) catalog.singular_.emplace(key, *translation);
  }
  return catalog;
}

const char* Catalog::find(std::string_view msgid) const {
  const auto it = singular_.find(msgid);
  if (it == singular_.end() || it->second.empty()) return nullptr;
  return it->second.data();
}

const char* Catalog::find_plural(std::string_view singular, unsigned long n) const {
  const auto it = singular_.find(singular);
  if (it == singular_.end()) return nullptr;
  std::string_view forms = it->second;
  std::size_t index = (n != 1) ? 1 : 0;
  while (index-- > 0) {
    const auto nul = forms.find('\0');
    if (nul == std::string_view::npos) return nullptr;  // a singular-only entry: no plural form
    forms.remove_prefix(nul + 1);
  }
  return forms.empty() ? nullptr : forms.data();
}

void set_active_catalog(const Catalog* catalog) { g_active.store(catalog, std::memory_order_release); }

const char* tr(const char* msgid) {
  const Catalog* catalog = g_active.load(std::memory_order_acquire);
  if (catalog == nullptr) return msgid;
  const char* translated = catalog->find(msgid);
  return translated != nullptr ? translated : msgid;
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
  const Catalog* catalog = g_active.load(std::memory_order_acquire);
  if (catalog != nullptr) {
    if (const char* translated = catalog->find_plural(singular, n)) return translated;
  }
  return n == 1 ? singular : plural;
}

}  // namespace stellwerk::i18n
