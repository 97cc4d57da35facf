#!/bin/sh
# kiosk/deploy/stellwerk-kiosk-session as the unit relies on it: it passes the client's exit
# status out of cage (4, "left with the facility PIN", must reach systemd), hands the client its
# arguments unchanged, gives it the service's runtime directory, and returns cage's own status when
# the client never ran. cage and the client are stand-ins here (the real cage needs a screen).
# Usage: session_script_test.sh SESSION_SCRIPT
set -u
script=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# A cage that runs what follows "--", or fails before it when FAKE_CAGE_FAILS is set.
cat > "$work/cage" <<'CAGE'
#!/bin/sh
[ -n "${FAKE_CAGE_FAILS:-}" ] && exit 1
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do shift; done
shift
"$@"
exit 0
CAGE
# A client that records its arguments and runtime directory and exits with FAKE_STATUS.
cat > "$work/client" <<'CLIENT'
#!/bin/sh
printf '%s\n' "$@" > "$XDG_RUNTIME_DIR/args"
echo "$XDG_RUNTIME_DIR" > "$XDG_RUNTIME_DIR/runtime"
exit "${FAKE_STATUS:-0}"
CLIENT
chmod +x "$work/cage" "$work/client"
mkdir "$work/run"

session() {  # runs the script with the stand-ins; prints nothing, returns its status
  RUNTIME_DIRECTORY="$work/run" STELLWERK_CAGE="$work/cage" STELLWERK_CLIENT="$work/client" \
    /bin/sh "$script" "$@" 2>"$work/stderr"
}
expect_status() {  # what, expected, actual
  if [ "$2" -ne "$3" ]; then echo "FAIL: $1: status $3, expected $2"; failures=$((failures + 1)); fi
}

FAKE_STATUS=4 session --kiosk --config "/run/credentials/kiosk dir/kiosk.toml"
expect_status "client left with the facility PIN" 4 $?
printf '%s\n' --kiosk --config "/run/credentials/kiosk dir/kiosk.toml" > "$work/expected-args"
if ! cmp -s "$work/expected-args" "$work/run/args"; then
  echo "FAIL: the client got other arguments:"; cat "$work/run/args"; failures=$((failures + 1))
fi
if [ "$(cat "$work/run/runtime")" != "$work/run" ]; then
  echo "FAIL: XDG_RUNTIME_DIR is not the service's runtime directory"; failures=$((failures + 1))
fi

FAKE_STATUS=0 session --kiosk
expect_status "client ended normally" 0 $?
FAKE_STATUS=3 session --kiosk
expect_status "client found no display" 3 $?

FAKE_CAGE_FAILS=1 FAKE_STATUS=4 session --kiosk
expect_status "cage failed before the client ran (an old status must not count)" 1 $?
if ! grep -q "did not run" "$work/stderr"; then
  echo "FAIL: no message when the client did not run"; failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then exit 1; fi
echo "stellwerk-kiosk-session: all checks passed"
