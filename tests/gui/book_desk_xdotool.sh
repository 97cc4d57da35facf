#!/usr/bin/env bash
# A person books a desk with the mouse, end to end: the real `stellwerk-server` with the demo city,
# the real `stellwerk` window under Xvfb, signed in as `demo`, showing Desks; xdotool moves the
# pointer onto a free desk of the floor plan and clicks it like a hand would. The test passes when
# the server — asked over its API, not the client — holds a booking of exactly that desk by `demo`.
#
# The desk is chosen from the server's availability as one that nobody holds on any day of the
# booking horizon, so the test does not depend on which day the window opens on. Where the desk
# is on the screen comes from the window's control map (STELLWERK_UI_MAP, see client/app.cpp).
#   book_desk_xdotool.sh STELLWERK_BINARY SERVER_BINARY
set -euo pipefail

# shellcheck source=demo_server.sh
source "$(dirname "$0")/demo_server.sh"

if [[ ${1:-} == --inside-x ]]; then
  shift
  client=$1 work=$2 url=$3 desk=$4
  STELLWERK_PASSWORD=demo "$client" --data "$work/client" --server "$url" login demo >/dev/null
  STELLWERK_UI_MAP="$work/ui.map" "$client" --data "$work/client" --config "$work/config.toml" --server "$url" \
    --view desks --lang en >"$work/client.log" 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
  spot=
  for _ in $(seq 1 600); do
    spot=$(grep "^floor-spot-$desk " "$work/ui.map" 2>/dev/null || true)
    [[ -n $spot ]] && break
    kill -0 $app 2>/dev/null || { echo "the window closed"; cat "$work/client.log"; exit 1; }
    sleep 0.1
  done
  [[ -n $spot ]] || { echo "desk $desk never appeared on the floor plan"; cat "$work/ui.map" 2>/dev/null | head -40; exit 1; }
  read -r _ x0 y0 x1 y1 <<<"$spot"
  window=$(xdotool search --sync --name '^Stellwerk')
  click_at "$window" $(((x0 + x1) / 2)) $(((y0 + y1) / 2))
  # The booking is queued at once and sent by the sync thread within a moment.
  wait_for_file "$work/booked"
  exit 0
fi

client=$1 server=$2
start_demo_server "$server" demo
home=$(api /api/v1/me | jq -r .home_building_id)
floor=$(api /api/v1/buildings | jq -r --arg b "$home" '.[] | select(.id == $b) | .floors | sort_by(.level) | .[0].id')
horizon=$(api /api/v1/me/policy | jq -r .days_ahead)
today=$(TZ=Europe/Berlin date +%F)

# Desks of that floor that someone holds, or that are held for colleagues, on any day ahead.
held=$work/held
: >"$held"
for offset in $(seq 0 "$horizon"); do
  day=$(TZ=Europe/Berlin date -d "$today + $offset day" +%F)
  api "/api/v1/buildings/$home/availability?date=$day" |
    jq -r '.resources[] | select(.am != "free" and .am != "closed" or .pm != "free" and .pm != "closed") | .id' >>"$held"
done
desk=$(api "/api/v1/buildings/$home/availability?date=$today" |
  jq -r --arg f "$floor" '.resources[] | select(.floor_id == $f and .type == "desk" and (.accessible | not)) | .id' |
  grep -vxF -f "$held" | head -n 1 || true)
[[ -n $desk ]] || { echo "no desk on floor $floor is free on every day ahead"; exit 1; }

# The check runs beside the window: it writes $work/booked when the server has the booking.
(
  for _ in $(seq 1 600); do
    to=$(TZ=Europe/Berlin date -d "$today + $((horizon + 1)) day" +%F)
    found=$(api "/api/v1/bookings?from=$today&to=$to" |
      jq -r --arg d "$desk" '[.[] | select(.resource_id == $d and .state == "booked")] | length')
    if [[ $found == 1 ]]; then echo yes >"$work/booked"; exit 0; fi
    sleep 0.1
  done
) &
checker=$!

xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inside-x "$client" "$work" "$url" "$desk"
wait $checker || true
if [[ -s "$work/booked" ]]; then
  echo "booked $desk on the server with a mouse click"
  exit 0
fi
echo "the server has no booking of $desk by demo"
echo "--- client log ---"; cat "$work/client.log" 2>/dev/null || true
echo "--- bookings on the server ---"; api "/api/v1/bookings?from=$today&to=$(TZ=Europe/Berlin date -d "$today + 40 day" +%F)" || true
exit 1
