#!/usr/bin/env bash
# A facility admin moves a desk with the mouse, end to end: the real `stellwerk-server` with the
# demo city, the real `stellwerk` window under Xvfb signed in as `facility` on "Edit plan"; xdotool
# drags a desk of the floor plan to the right like a hand would and clicks "Save". The test passes
# when the server — asked over its API, not the client — has the desk further right and at the
# same height.
#
# Where the desk and the button are on the screen comes from the window's control map
# (STELLWERK_UI_MAP, see client/app.cpp).
#   edit_plan_xdotool.sh STELLWERK_BINARY SERVER_BINARY
set -euo pipefail

# shellcheck source=demo_server.sh
source "$(dirname "$0")/demo_server.sh"

if [[ ${1:-} == --inside-x ]]; then
  shift
  client=$1 work=$2 url=$3 desk=$4
  STELLWERK_PASSWORD=demo "$client" --data "$work/client" --server "$url" login facility >/dev/null
  STELLWERK_UI_MAP="$work/ui.map" "$client" --data "$work/client" --config "$work/config.toml" --server "$url" \
    --view desks --layout edit --lang en >"$work/client.log" 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
  where() {  # identity → "x y" of its centre, waiting for the window to draw it
    local line=
    for _ in $(seq 1 600); do
      line=$(grep "^$1 " "$work/ui.map" 2>/dev/null | tail -n 1 || true)
      [[ -n $line ]] && break
      kill -0 $app 2>/dev/null || { echo "the window closed" >&2; cat "$work/client.log" >&2; exit 1; }
      sleep 0.1
    done
    [[ -n $line ]] || { echo "$1 never appeared" >&2; head -40 "$work/ui.map" >&2; exit 1; }
    read -r _ x0 y0 x1 y1 <<<"$line"
    echo "$(((x0 + x1) / 2)) $(((y0 + y1) / 2))"
  }
  read -r x y <<<"$(where "floor-spot-$desk")"
  window=$(xdotool search --sync --name '^Stellwerk')
  # Press on the desk, move right in small steps (each an input the window draws), release.
  xdotool mousemove --window "$window" "$x" "$y"
  sleep 0.3
  xdotool mousedown 1
  sleep 0.2
  for step in 1 2 3 4 5 6; do
    xdotool mousemove --window "$window" $((x + step * 15)) "$y"
    sleep 0.1
  done
  sleep 0.2
  xdotool mouseup 1
  sleep 0.3
  read -r sx sy <<<"$(where place-save)"
  click_at "$window" "$sx" "$sy"
  # The change is queued at once and sent by the sync thread within a moment.
  wait_for_file "$work/moved"
  exit 0
fi

client=$1 server=$2
start_demo_server "$server" facility
home=$(api /api/v1/me | jq -r .home_building_id)
floor=$(api /api/v1/buildings | jq -r --arg b "$home" '.[] | select(.id == $b) | .floors | sort_by(.level) | .[0].id')
today=$(TZ=Europe/Berlin date +%F)
position() {  # desk → "x y" on the server
  api "/api/v1/buildings/$home/availability?date=$today" | jq -r --arg d "$1" '.resources[] | select(.id == $d) | "\(.x) \(.y)"'
}
# The desk of the floor furthest left: there is room to its right on every demo floor.
desk=$(api "/api/v1/buildings/$home/availability?date=$today" |
  jq -r --arg f "$floor" '[.resources[] | select(.floor_id == $f and .type == "desk")] | sort_by(.x) | .[0].id')
[[ -n $desk && $desk != null ]] || { echo "no desk on floor $floor"; exit 1; }
read -r x_before y_before <<<"$(position "$desk")"

# The check runs beside the window: it writes $work/moved when the server has the desk further right.
(
  for _ in $(seq 1 600); do
    read -r x y <<<"$(position "$desk")"
    if awk -v a="$x_before" -v b="$x" -v c="$y_before" -v d="$y" 'BEGIN { exit !(b > a + 0.5 && (d - c) < 0.05 && (c - d) < 0.05) }'; then
      echo "$x $y" >"$work/moved"
      exit 0
    fi
    sleep 0.1
  done
) &
checker=$!

xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inside-x "$client" "$work" "$url" "$desk"
wait $checker || true
if [[ -s "$work/moved" ]]; then
  echo "moved $desk from $x_before, $y_before to $(cat "$work/moved") on the server with the mouse"
  exit 0
fi
echo "the server still has $desk at $(position "$desk") (was $x_before, $y_before)"
echo "--- client log ---"; cat "$work/client.log" 2>/dev/null || true
exit 1
