#!/usr/bin/env bash
# Checks that every translatable string in the sources has a German translation: extracts a fresh
# template exactly as scripts/update-translations does (same file list, same xgettext options), but
# into a temporary folder so the repository is not touched, then
#   msgfmt --check   rejects a de.po that is broken (bad header, format mismatches) and
#   msgcmp           fails for every msgid that is missing from de.po, untranslated or fuzzy.
# Usage: translations_complete.sh [source-root]; XGETTEXT, MSGCMP and MSGFMT may name the tools.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
xgettext=${XGETTEXT:-xgettext}
msgcmp=${MSGCMP:-msgcmp}
msgfmt=${MSGFMT:-msgfmt}
po=assets/i18n/de.po
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Must stay the same as in scripts/update-translations; checked below so that a change there that
# is not made here fails loudly instead of comparing against a different template.
patterns=('core/*.cpp' 'core/*.hpp' 'client/*.cpp' 'client/*.hpp' 'widgets/*.cpp' 'widgets/*.hpp' 'sync/*.cpp'
          'server/*.cpp' 'kiosk/*.cpp')
options=(--from-code=UTF-8 --language=C++ --keyword= --keyword=tr --keyword=trn:1,2 --keyword=STELLWERK_TR_NOOP
         --add-comments=TRANSLATORS: --sort-by-file --no-wrap --package-name=stellwerk --msgid-bugs-address=)
if [[ -f scripts/update-translations ]]; then
  for word in "${patterns[@]}" "${options[@]}"; do
    if ! grep -qF -- "$word" scripts/update-translations; then
      echo "translations_complete.sh: scripts/update-translations no longer uses '$word'; update this script" >&2
      exit 1
    fi
  done
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -co --exclude-standard -- "${patterns[@]}"
else
  # A source tree without git (an unpacked release): the same files by name.
  for pattern in "${patterns[@]}"; do
    find "${pattern%%/*}" -name "${pattern#*/}" -type f 2>/dev/null || true
  done
fi | sort >"$tmp/files"
"$xgettext" --files-from="$tmp/files" "${options[@]}" -o "$tmp/stellwerk.pot"

status=0
"$msgfmt" --check --statistics -o /dev/null "$po" || status=1
if ! "$msgcmp" "$po" "$tmp/stellwerk.pot"; then
  echo "German translations are missing, empty or fuzzy (above). Run scripts/update-translations and translate $po." >&2
  status=1
fi
exit $status
