#!/usr/bin/env bash
# Usage: responses_match_document.sh SERVER_BINARY OPENAPI_YAML RESPONSES_DIR
# Validates every response recorded by the server integration tests (RESPONSES_DIR/*.jsonl)
# against the API document. Exits 77 (skipped) when SERVER_BINARY is empty, i.e. the build has
# no stellwerk-server and so no integration tests to record anything.
set -euo pipefail
server=$1 document=$2 responses=$3
if [[ -z "$server" ]]; then
  echo "skipped: this build has no stellwerk-server target"
  exit 77
fi
exec bash "$(dirname "${BASH_SOURCE[0]}")/../../tools/api-check/run" validate-responses.mjs "$document" "$responses"
