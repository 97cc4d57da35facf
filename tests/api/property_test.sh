#!/usr/bin/env bash
# Usage: property_test.sh SERVER_BINARY OPENAPI_YAML
# The property-based test of the whole API document against a running stellwerk-server
# (tools/api-check/property-test.mjs): valid and invalid requests generated from the document for
# every operation, with a fixed seed. Exits 77 (skipped) when SERVER_BINARY is empty, i.e. the
# build has no stellwerk-server target.
set -euo pipefail
server=$1 document=$2
if [[ -z "$server" ]]; then
  echo "skipped: this build has no stellwerk-server target"
  exit 77
fi
# 50 runs of each kind per operation: about 2900 requests, 35 s in Release on 2 idle cores (sign-in
# hashes passwords: about 70 s when other builds share the cores).
exec bash "$(dirname "${BASH_SOURCE[0]}")/../../tools/api-check/run" property-test.mjs "$document" "$server" \
  --seed 20261204 --runs 50
