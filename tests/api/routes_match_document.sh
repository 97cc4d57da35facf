#!/usr/bin/env bash
# Usage: routes_match_document.sh SERVER_BINARY OPENAPI_YAML ROUTES_TXT
# Writes the routes that stellwerk-server registers (--print-routes) to ROUTES_TXT and compares
# them with the operations of the API document. Exits 77 (skipped) when SERVER_BINARY is empty,
# i.e. the build has no stellwerk-server.
set -euo pipefail
server=$1 document=$2 routes=$3
if [[ -z "$server" ]]; then
  echo "skipped: this build has no stellwerk-server target"
  exit 77
fi
mkdir -p "$(dirname "$routes")"
"$server" --print-routes >"$routes"
exec bash "$(dirname "${BASH_SOURCE[0]}")/../../tools/api-check/run" routes.mjs "$document" "$routes"
