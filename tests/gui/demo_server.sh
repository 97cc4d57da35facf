# Sourced by the xdotool tests: starts the real `stellwerk-server` with the demo city on a free
# loopback port in a fresh folder, and signs in over its API.
#   start_demo_server SERVER_BINARY USER   sets work (the folder, removed on exit), url, token
#   api PATH                               GET with that token
#   click_at WINDOW X Y                    a hand's click: move, press, release, each a little apart
#   wait_for_file FILE                     up to 30 s for FILE to be written, then returns either way
start_demo_server() {
  local server=$1 user=$2
  work=$(mktemp -d)
  server_pid=
  trap 'if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
  "$server" --data "$work/server" --demo --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
  server_pid=$!
  url=
  for _ in $(seq 1 300); do
    url=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9][0-9]*\).*|\1|p' "$work/server.log" | head -n 1)
    [[ -n $url ]] && break
    sleep 0.1
  done
  [[ -n $url ]] || { echo "the server did not start"; cat "$work/server.log"; exit 1; }
  for _ in $(seq 1 600); do
    curl -sf "$url/healthz" >/dev/null && break
    sleep 0.1
  done
  token=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$user\",\"password\":\"demo\"}" \
    "$url/api/v1/session" | jq -r .token)
}

api() { curl -sf -H "Authorization: Bearer $token" "$url$1"; }

# The window draws only on input, and ImGui fires a button on the release after a press over it.
click_at() {
  xdotool mousemove --window "$1" "$2" "$3"
  sleep 0.3
  xdotool mousedown 1
  sleep 0.15
  xdotool mouseup 1
}

wait_for_file() {
  for _ in $(seq 1 300); do
    [[ -s $1 ]] && return 0
    sleep 0.1
  done
}
