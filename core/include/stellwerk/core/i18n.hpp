// Translation of user-facing strings for client and server. Source strings are English and are
// marked in code with tr(), trn() or STELLWERK_TR_NOOP(); xgettext extracts them into a template
// and msgfmt compiles assets/i18n/<lang>.po into a binary catalog at build time.
//
// We read the compiled .mo catalogs ourselves instead of calling libintl's gettext(): libintl only
// translates when the matching system locale is generated, and Stellwerk must speak German on a
// machine with no locales at all (LANG unset, C or C.UTF-8). Reading the catalog also lets the
// language switch at runtime without touching process-wide locale state.
//
// Thread-safety: Catalog objects are immutable after parse(). The active language is an atomic
// pointer, so tr() may be called from any thread while the UI thread switches language.
#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "stellwerk/core/tr_noop.hpp"

namespace stellwerk::i18n {

enum class Language : unsigned char { de, en, COUNT };

std::string_view to_code(Language);                        // "de", "en"
std::optional<Language> parse_language(std::string_view);  // "de", "de_DE.UTF-8", "en-GB", … 

// The language for a process that was given no explicit choice: the first of LC_ALL,
// LC_MESSAGES, LANG that is set and non-empty decides; German when none is set, when it is
// C/POSIX, or when it names a language we have no translation for.
Language language_from_environment();

class Catalog {
 public:
  // Parses a GNU .mo file (either byte order). Returns a message when the bytes are not one.
  // The bytes must outlive the catalog: strings are views into them.
  static std::expected<Catalog, std::string> parse(std::span<const std::byte> mo_file);

  // nullptr when the catalog has no translation (or an empty one) for msgid.
  const char* find(std::string_view msgid) const;
  // Plural form for n, or nullptr. Both our languages use the Germanic rule (n != 1).
  const char* find_plural(std::string_view singular, unsigned long n) const;
  std::size_t size() const { return singular_.size(); }
  std::string_view header() const { return header_; }

 private:
  // msgid → translation; for plural entries the translation holds the forms separated by NUL.
  std::unordered_map<std::string_view, std::string_view> singular_;
  std::string_view header_;
};

// Makes `catalog` the one tr() uses; nullptr means "show the English source strings".
// The catalog must stay alive while it is active.
void set_active_catalog(const Catalog* catalog);

// Translates a source string; returns msgid itself when there is no translation.
const char* tr(const char* msgid);
// Translates a counted phrase: `singular` for n == 1, else `plural`, each translated.
const char* trn(const char* singular, const char* plural, unsigned long n);

}  // namespace stellwerk::i18n
