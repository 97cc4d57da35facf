#!/usr/bin/env bash
# Renders one view of the real `stellwerk` binary under Xvfb with --screenshot, in German, on the
# demo data, and reads the picture back with tesseract (-l deu). The view passes when the words a
# person would look for are on the picture: the view's German title and words that only that view
# shows, and none of the English title words (a missing translation would show them). It renders at
# 150 % scale: tesseract misses words in 16-pixel text inside framed controls, and the run checks
# the scaled layout on the way.
#   screenshot_views.sh STELLWERK_BINARY DEMO_JSON OUT_DIR VIEW "German word" … -- "English word" …
set -euo pipefail
binary=$1 demo=$2 out=$3 view=$4
shift 4
expected=()
forbidden=()
while (($#)); do
  if [[ $1 == -- ]]; then shift; forbidden=("$@"); break; fi
  expected+=("$1"); shift
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
png="$out/$view-de.png"
LANG=C.UTF-8 xvfb-run -a -s "-screen 0 1280x800x24" \
  "$binary" --data "$work/data" --config "$work/config.toml" --demo-data "$demo" \
  --lang de --scale 1.5 --screenshot "$png" --view "$view" --frames 3
[[ -s $png ]] || { echo "no screenshot written"; exit 1; }
[[ ! -e $work/config.toml ]] || { echo "a screenshot run must not write settings"; exit 1; }

text=$(tesseract "$png" - -l deu 2>/dev/null)
status=0
for word in "${expected[@]}"; do
  if ! grep -qF -- "$word" <<<"$text"; then
    echo "missing on the $view screenshot: '$word'"; status=1
  fi
done
for word in "${forbidden[@]}"; do
  if grep -qwF -- "$word" <<<"$text"; then
    echo "English text on the German $view screenshot: '$word'"; status=1
  fi
done
if ((status)); then
  echo "--- OCR text of $png ---"; echo "$text"
fi
exit $status
