#!/usr/bin/env python3
"""The shared kiosk leaves nothing of a person behind: end to end, with real key events.

The real `stellwerk-server` (demo city) and the real `stellwerk --kiosk` under Xvfb. xdotool types
a badge number and a PIN the way a badge reader and a hand do (no field has the focus), then the
person books a desk with clicks and taps "Done". Afterwards:
  (a) every file in the kiosk's data folder (the SQLite WAL included) and its log are scanned for
      the person's name, badge number, PIN and session token: zero hits;
  (b) the kiosk process is dumped with gcore after sign-out and the dump is scanned the same way:
      zero hits. (While the person was signed in, the same scan finds the name and the token, which
      proves the scan can see them.)
Then the idle timeout (the minimum, 30 s + the 20 s warning) signs a second visit out by itself,
and a kill -9 in the middle of a third visit leaves nothing on disk either.

The demo person's badge and PIN are replaced by long unique ones first, so that a hit in a memory
dump can only be them: a four-digit PIN also occurs by chance in a graphics driver's memory.

    kiosk_privacy.py STELLWERK_BINARY SERVER_BINARY        (run under xvfb-run)
"""
import base64
import datetime
import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

NAME = "Alex Demir"
BADGE = "730519284617"
PIN = "86420135"
DEVICE_TOKEN = "demo-kiosk-token"


def fail(message, *logs):
    print("FAIL:", message)
    for log in logs:
        if os.path.exists(log):
            print(f"--- {log} ---")
            print(open(log, errors="replace").read()[-4000:])
    sys.exit(1)


def wait_for(condition, what, seconds=60, logs=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    fail(f"waited {seconds} s for {what}", *logs)


def api(url, path, token=None, method="GET", body=None):
    request = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def control_map(path):
    """The kiosk's controls on screen: identity -> centre (STELLWERK_UI_MAP)."""
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return {}
    controls = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 5:
            x0, y0, x1, y1 = map(int, parts[1:])
            controls[parts[0]] = ((x0 + x1) // 2, (y0 + y1) // 2)
    return controls


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def click(ui_map, identity, logs):
    centre = wait_for(lambda: control_map(ui_map).get(identity), f"'{identity}' on the kiosk's screen", logs=logs)
    xdotool("mousemove", str(centre[0]), str(centre[1]))
    time.sleep(0.2)
    xdotool("mousedown", "1")
    time.sleep(0.1)
    xdotool("mouseup", "1")


def type_keys(text):
    # A badge reader types fast; the kiosk takes the digits without any focused field.
    xdotool("type", "--delay", "30", text)
    xdotool("key", "Return")


def dump(pid, work, label):
    core = os.path.join(work, f"core-{label}")
    result = subprocess.run(["gcore", "-o", core, str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    path = f"{core}.{pid}"
    if result.returncode != 0 or not os.path.exists(path):
        fail(f"gcore could not dump the kiosk: {result.stderr.strip()}")
    data = open(path, "rb").read()
    os.remove(path)
    return data


def hits(data, secrets):
    """Which of the secrets occur in the bytes (UTF-8 and, for the name, UTF-16 as well)."""
    found = []
    for label, secret in secrets.items():
        if secret.encode() in data or (label == "name" and secret.encode("utf-16-le") in data):
            found.append(label)
    return found


def scan_folder(folder, log, secrets):
    found = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            which = hits(open(path, "rb").read(), secrets)
            if which:
                found[path] = which
    which = hits(open(log, "rb").read(), secrets)
    if which:
        found[log] = which
    return found


def session_token(core, url):
    """The person's session token, found in the signed-in kiosk's memory and confirmed by the server."""
    for candidate in sorted(set(re.findall(rb"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])", core))):
        text = candidate.decode()
        if text == DEVICE_TOKEN or not (re.search("[A-Z]", text) and re.search("[a-z]", text) and re.search("[0-9]", text)):
            continue
        status, me = api(url, "/api/v1/me", text)
        if status == 200 and me and me.get("display_name") == NAME:
            return text
    return None


def write_config(path, idle_seconds):
    with open(path, "w") as f:
        f.write(f'[kiosk]\ntoken = "{DEVICE_TOKEN}"\nidle_seconds = {idle_seconds}\n')
    os.chmod(path, 0o600)


def starts(log):
    """How often the kiosk process image started: it restarts in place after each sign-out."""
    return open(log, errors="replace").read().count("kiosk started")


def sign_in(ui_map, logs):
    wait_for(lambda: "kiosk-sign-in" in control_map(ui_map), "the idle screen", logs=logs)
    time.sleep(0.5)  # the window of a restarted kiosk takes the keyboard once it is mapped
    type_keys(BADGE)
    wait_for(lambda: "kiosk-digit-1" in control_map(ui_map), "the PIN pad after the badge", logs=logs)
    type_keys(PIN)
    wait_for(lambda: "kiosk-book" in control_map(ui_map), "the greeting after the PIN", logs=logs)


def main():
    client, server = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="stellwerk-kiosk-privacy-")
    server_log, kiosk_log, ui_map = (os.path.join(work, n) for n in ("server.log", "kiosk.log", "ui.map"))
    logs = (kiosk_log, server_log)
    server_process = subprocess.Popen([server, "--data", os.path.join(work, "server"), "--demo", "--listen", "127.0.0.1:0"],
                                      stdout=open(server_log, "w"), stderr=subprocess.STDOUT)
    kiosk = None
    try:
        url = wait_for(lambda: (re.findall(r"listening on (http://127\.0\.0\.1:\d+)", open(server_log).read()) or [None])[0],
                       "the server", logs=logs)
        wait_for(lambda: api(url, "/healthz")[0] == 200, "the server's health", logs=logs)
        salt = os.urandom(16)
        pin_hash = "pbkdf2-sha256$1000$%s$%s" % (base64.b64encode(salt).decode(),
                                                 base64.b64encode(hashlib.pbkdf2_hmac("sha256", PIN.encode(), salt, 1000)).decode())
        with sqlite3.connect(os.path.join(work, "server", "stellwerk-server.db"), timeout=30) as db:
            db.execute("UPDATE employees SET badge = ?, pin_hash = ? WHERE username = 'demo'", (BADGE, pin_hash))

        config = os.path.join(work, "kiosk.toml")
        write_config(config, 300)  # visit 1 takes its time: the memory dumps pause the kiosk
        data = os.path.join(work, "kiosk")
        env = dict(os.environ, STELLWERK_UI_MAP=ui_map)
        env.pop("STELLWERK_KIOSK_TOKEN", None)
        command = [client, "--kiosk", "--data", data, "--server", url, "--lang", "en", "--config", config]
        kiosk = subprocess.Popen(command, env=env, stdout=open(kiosk_log, "w"), stderr=subprocess.STDOUT)

        # Visit 1: badge, PIN, book a desk, Done.
        sign_in(ui_map, logs)
        signed_in = dump(kiosk.pid, work, "signed-in")
        token = session_token(signed_in, url)
        if token is None:
            fail("the session token was not found in the signed-in kiosk's memory: the scan cannot see it", *logs)
        if "name" not in hits(signed_in, {"name": NAME}):
            fail("the person's name was not found in the signed-in kiosk's memory: the scan cannot see it", *logs)
        secrets = {"name": NAME, "badge": BADGE, "pin": PIN, "token": token}
        click(ui_map, "kiosk-book", logs)
        place = wait_for(lambda: next((k for k in control_map(ui_map) if k.startswith("kiosk-place-")), None),
                         "a free place to book", logs=logs)
        click(ui_map, place, logs)
        click(ui_map, "kiosk-confirm-book", logs)
        wait_for(lambda: "kiosk-qr" in control_map(ui_map), "the confirmation with its QR code", logs=logs)
        today = datetime.date.today()
        status, bookings = api(url, f"/api/v1/bookings?from={today}&to={today + datetime.timedelta(days=30)}", token)
        resource = place[len("kiosk-place-"):]
        if status != 200 or not any(b["resource_id"] == resource and b["state"] == "booked" for b in bookings):
            fail(f"the server holds no booking of {resource} after the kiosk confirmed it", *logs)
        write_config(config, 30)  # the restarted kiosk reads it: visit 2 tests the minimum idle time
        click(ui_map, "kiosk-done", logs)
        wait_for(lambda: starts(kiosk_log) == 2, "the kiosk to restart in place after Done", logs=logs)
        wait_for(lambda: "kiosk-sign-in" in control_map(ui_map), "the idle screen after the restart", logs=logs)
        if kiosk.poll() is not None:
            fail("the kiosk exited instead of restarting in place", *logs)
        time.sleep(1)
        if api(url, "/api/v1/me", token)[0] != 401:
            fail("the session still works after Done: it was not ended on the server", *logs)
        found = hits(dump(kiosk.pid, work, "signed-out"), secrets)
        if found:
            fail(f"after sign-out the kiosk's memory still holds: {', '.join(found)}", *logs)
        found = scan_folder(data, kiosk_log, secrets)
        if found:
            fail(f"files hold what they must not: {found}", *logs)
        print("visit 1: booked, signed out; memory, data folder and log hold nothing of the person")

        # Visit 2: the person walks away; the idle timeout signs them out.
        sign_in(ui_map, logs)
        wait_for(lambda: "kiosk-stay" in control_map(ui_map), "the idle warning", seconds=45, logs=logs)
        wait_for(lambda: starts(kiosk_log) == 3, "the restart after the idle timeout", seconds=45, logs=logs)
        found = scan_folder(data, kiosk_log, secrets)
        if found:
            fail(f"after the idle timeout files hold: {found}", *logs)
        print("visit 2: signed out by the idle timeout")

        # Visit 3: the kiosk is killed in the middle of a session.
        sign_in(ui_map, logs)
        kiosk.send_signal(signal.SIGKILL)
        kiosk.wait()
        found = scan_folder(data, kiosk_log, secrets)
        if found:
            fail(f"after kill -9 files hold: {found}", *logs)
        print("visit 3: killed mid-session; nothing on disk")
    finally:
        if kiosk is not None and kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        server_process.terminate()
        server_process.wait()
    subprocess.run(["rm", "-rf", work])
    print("PASS")


if __name__ == "__main__":
    main()
