// The server's problem titles: core's one table of refusal reasons (core/refusal.hpp), translated
// into the caller's language through the same catalogue as the client's.
#include "messages.hpp"

#include <cstdlib>
#include <optional>

#include "stellwerk/assets/catalogs.hpp"

namespace stellwerk::server {
namespace {

std::string translate(i18n::Language language, const char* english) {
  if (const auto* catalog = assets::catalog(language)) {
    if (const char* translated = catalog->find(english)) return translated;
  }
  return english;
}

}  // namespace

i18n::Language language_from_accept(std::string_view header) {
  // Pick the highest q among de and en; ties go to the earlier entry.
  std::optional<i18n::Language> best;
  double best_q = -1;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    double q = 1.0;
    if (const auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
      const auto params = item.substr(semicolon + 1);
      if (const auto qpos = params.find("q="); qpos != std::string_view::npos) {
        q = std::strtod(std::string{params.substr(qpos + 2)}.c_str(), nullptr);
      }
      item = item.substr(0, semicolon);
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty() || q <= 0) continue;
    const auto language = i18n::parse_language(item);
    if (language && q > best_q) {
      best = language;
      best_q = q;
    }
  }
  return best.value_or(i18n::Language::de);
}

std::string problem_title(std::string_view code, i18n::Language language) {
  const auto reason = parse_refusal(code);
  return translate(language, reason ? refusal_message_en(*reason) : unknown_refusal_message_en());
}

bool known_problem_code(std::string_view code) { return parse_refusal(code).has_value(); }

}  // namespace stellwerk::server
