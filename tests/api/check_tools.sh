#!/usr/bin/env bash
# Usage: check_tools.sh OPENAPI_YAML SAMPLES_DIR WORK_DIR
# Checks the checkers, so that a green api.* test means something: the sample responses in
# good.jsonl pass and every one of bad.jsonl fails (each line there is one server bug, named in
# its "why" member); routes.mjs accepts exactly the document's routes; lint.mjs passes the
# document and refuses copies of it with one house rule broken.
set -euo pipefail
document=$1 samples=$2 work=$3
run="$(dirname "${BASH_SOURCE[0]}")/../../tools/api-check/run"
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() {
  echo "FAILED: $*"
  failures=$((failures + 1))
}
# expect STATUS DESCRIPTION COMMAND...: the command exits with STATUS; its output is kept in $out.
expect() {
  local want=$1 what=$2 got=0
  shift 2
  out=$("$@" 2>&1) || got=$?
  if [[ $got -ne $want ]]; then
    fail "$what: exit $got, expected $want"
    printf '%s\n' "$out" | sed 's/^/    /' | tail -n 30
  fi
}

bash "$run" --install-only

# Responses.
good=$(grep -c . "$samples/good.jsonl")
bad=$(grep -c . "$samples/bad.jsonl")
expect 0 "good.jsonl passes" bash "$run" validate-responses.mjs "$document" "$samples/good.jsonl"
grep -qx "$good responses checked, 0 failed" <<<"$out" || fail "good.jsonl: expected '$good responses checked, 0 failed'"
expect 1 "bad.jsonl fails" bash "$run" validate-responses.mjs "$document" "$samples/bad.jsonl"
grep -qx "$bad responses checked, $bad failed" <<<"$out" || fail "bad.jsonl: expected every one of the $bad records to fail"
mkdir -p "$work/empty"
expect 1 "no records at all fails" bash "$run" validate-responses.mjs "$document" "$work/empty"
cp "$samples/good.jsonl" "$work/empty/a.jsonl"
expect 0 "a folder stands for its .jsonl files" bash "$run" validate-responses.mjs "$document" "$work/empty"

# Routes: the document's own "METHOD /path" list passes; one missing or one extra fails.
awk '/^  \/[^ ]*:$/ { path = substr($1, 1, length($1) - 1) }
     /^    (get|put|post|delete|patch):$/ { sub(":", "", $1); print toupper($1) " " path }' "$document" >"$work/routes.txt"
[[ -s "$work/routes.txt" ]] || fail "no routes found in $document"
expect 0 "the document's routes match" bash "$run" routes.mjs "$document" "$work/routes.txt"
sed 1d "$work/routes.txt" >"$work/routes-missing.txt"
expect 1 "a missing route fails" bash "$run" routes.mjs "$document" "$work/routes-missing.txt"
{ cat "$work/routes.txt"; echo "GET /api/v1/secret"; } >"$work/routes-extra.txt"
expect 1 "an extra route fails" bash "$run" routes.mjs "$document" "$work/routes-extra.txt"

# Lint: the document passes, copies with one rule broken do not.
expect 0 "the document passes lint" bash "$run" lint.mjs "$document"
broken() {
  local name=$1 script=$2
  sed -e "$script" "$document" >"$work/$name.yaml"
  if cmp -s "$document" "$work/$name.yaml"; then
    fail "$name: the edit '$script' changed nothing"
    return
  fi
  expect 1 "lint refuses $name" bash "$run" lint.mjs "$work/$name.yaml"
}
broken server-path 's#^  - url: \(http://[^/]*\)$#  - url: \1/api/v1#'
broken no-operation-id '0,/^      operationId: /{/^      operationId: /d}'
broken keyword-typo '0,/additionalProperties: false/s/additionalProperties: false/additionalProperty: false/'
broken path-prefix 's#^  /api/v1/courses:$#  /v1/courses:#'
broken unknown-code 's/code: {const: already_closed}/code: {const: already_shut}/'
broken camel-case 's/^        capacity: {type: integer, minimum: 1}$/        maxCapacity: {type: integer, minimum: 1}/'
broken two-spellings '0,/enrollments/s/enrollments/enrolments/'
broken unpaged-list "0,/- \$ref: '#\/components\/parameters\/Limit'/{/- \$ref: '#\/components\/parameters\/Limit'/d}"
broken no-400-for-key "/operationId: signOut/,/'400':/{/'400':/{N;d}}"

if ((failures > 0)); then
  echo "check_tools: $failures check(s) failed"
  exit 1
fi
echo "check_tools: all checks behave"
