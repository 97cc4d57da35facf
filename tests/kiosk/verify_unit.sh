#!/bin/sh
# Checks the kiosk's systemd unit (kiosk/deploy/stellwerk-kiosk.service) with systemd-analyze
# verify, as systemd itself would read it: unknown or misspelt directives, values it cannot parse
# and programs that are not there. verify reports most of these as warnings and still exits 0, so
# any line that names the unit fails the test too (lines about other units on the machine do
# not). Exits 77, which CTest counts as skipped, where systemd-analyze is not installed.
# Usage: verify_unit.sh UNIT_FILE
unit=$1
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "systemd-analyze is not installed: skipped (scripts/setup installs systemd)"
  exit 77
fi
output=$(systemd-analyze verify --man=no "$unit" 2>&1)
status=$?
printf '%s\n' "$output"
if [ "$status" -ne 0 ]; then
  echo "systemd-analyze verify failed with status $status"
  exit 1
fi
if printf '%s\n' "$output" | grep -qF "$(basename "$unit")"; then
  echo "systemd-analyze verify has remarks about $(basename "$unit")"
  exit 1
fi
echo "$(basename "$unit"): verified"
