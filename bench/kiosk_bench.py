#!/usr/bin/env python3
"""The kiosk's figures (docs/performance.md, "Kiosk"): the real `stellwerk --kiosk` against the real
`stellwerk-server` (demo city) under the Xvfb that bench/run starts.

  1. Idle screen: CPU time over 60 s (goal <= 0.2 %) and frames drawn, then memory (RSS, PSS).
  2. Night: the building's opening hours are set so that it is closed now; CPU and frames over
     60 s (goal: 0 frames drawn once the screen went dark).
  3. Badge Enter to greeting: xdotool types the badge and Enter, then the PIN and Enter, like a
     badge reader and a hand; the time from that last Enter until the greeting's controls are on
     screen (goal <= 1 s on loopback, the server's PIN hash included), over --runs sign-ins.

    kiosk_bench.py STELLWERK SERVER [--seconds 60] [--runs 5]
"""
import argparse
import datetime
import os
import re
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.request
import zoneinfo

TICKS = os.sysconf("SC_CLK_TCK")


def wait_for(condition, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.005)
    raise SystemExit(f"kiosk bench: waited {seconds} s for {what}")


def controls(path):
    try:
        return {line.split()[0] for line in open(path).read().splitlines() if line.strip()}
    except OSError:
        return set()


def place(path, identity):
    try:
        for line in open(path).read().splitlines():
            parts = line.split()
            if len(parts) == 5 and parts[0] == identity:
                return tuple(map(int, parts[1:]))
    except OSError:
        pass
    return None


def starts(log):
    return open(log, errors="replace").read().count("kiosk started")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def frames(path):
    try:
        return int(open(path).read().strip() or 0)
    except (OSError, ValueError):
        return 0


def memory(pid):
    rollup = open(f"/proc/{pid}/smaps_rollup").read()
    value = lambda key: int(re.search(rf"^{key}:\s+(\d+) kB", rollup, re.M).group(1)) / 1024
    return value("Rss"), value("Pss")


def measure(pid, counter, seconds):
    cpu0, frames0, t0 = cpu_seconds(pid), frames(counter), time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - t0
    return 100 * (cpu_seconds(pid) - cpu0) / elapsed, frames(counter) - frames0


def start_kiosk(client, url, work, name):
    ui_map, counter = os.path.join(work, f"{name}.map"), os.path.join(work, f"{name}.frames")
    log = os.path.join(work, f"{name}.log")
    config = os.path.join(work, "kiosk.toml")
    with open(config, "w") as f:
        f.write('[kiosk]\ntoken = "demo-kiosk-token"\nidle_seconds = 90\n')
    os.chmod(config, 0o600)
    env = dict(os.environ, STELLWERK_UI_MAP=ui_map, STELLWERK_FRAME_COUNTER=counter)
    process = subprocess.Popen([client, "--kiosk", "--data", os.path.join(work, name), "--server", url, "--lang", "de",
                                "--config", config], env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    wait_for(lambda: "kiosk-sign-in" in controls(ui_map), "the idle screen")
    return process, ui_map, counter, log


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("client")
    parser.add_argument("server")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="stellwerk-kiosk-bench-")
    log = os.path.join(work, "server.log")
    server = subprocess.Popen([args.server, "--data", os.path.join(work, "server"), "--demo", "--listen", "127.0.0.1:0"],
                              stdout=open(log, "w"), stderr=subprocess.STDOUT)
    kiosk = None
    try:
        url = wait_for(lambda: (re.findall(r"listening on (http://127\.0\.0\.1:\d+)", open(log).read()) or [None])[0], "the server")
        wait_for(lambda: urllib.request.urlopen(url + "/healthz").status == 200, "the server's health")

        kiosk, ui_map, counter, kiosk_log = start_kiosk(args.client, url, work, "day")
        time.sleep(3)  # the first answers and their frames are over
        cpu, drawn = measure(kiosk.pid, counter, args.seconds)
        rss, pss = memory(kiosk.pid)
        print(f"idle screen, {args.seconds} s:  CPU {cpu:.3f} %  (goal <= 0.2 %)   frames drawn {drawn}")
        print(f"idle screen memory:  RSS {rss:.1f} MiB   PSS {pss:.1f} MiB")

        latencies = []
        for _ in range(args.runs):
            subprocess.run(["xdotool", "type", "--delay", "20", "1001"], check=True)
            subprocess.run(["xdotool", "key", "Return"], check=True)
            wait_for(lambda: "kiosk-digit-1" in controls(ui_map), "the PIN pad")
            subprocess.run(["xdotool", "type", "--delay", "20", "2468"], check=True)
            began = time.monotonic()
            subprocess.run(["xdotool", "key", "Return"], check=True)
            wait_for(lambda: "kiosk-book" in controls(ui_map), "the greeting")
            latencies.append(time.monotonic() - began)
            # Done: the kiosk signs out and restarts in place (one more "kiosk started" in its log).
            started = starts(kiosk_log)
            x0, y0, x1, y1 = wait_for(lambda: place(ui_map, "kiosk-done"), "Done on the greeting")
            subprocess.run(["xdotool", "mousemove", str((x0 + x1) // 2), str((y0 + y1) // 2), "click", "1"], check=True)
            wait_for(lambda: starts(kiosk_log) > started, "the restart after Done")
            wait_for(lambda: "kiosk-sign-in" in controls(ui_map), "the idle screen after the restart")
            time.sleep(0.5)
        print("badge Enter to greeting (PIN Enter until the greeting is on screen, loopback, PIN hash included):")
        print(f"  median {1000 * statistics.median(latencies):.0f} ms   max {1000 * max(latencies):.0f} ms   "
              f"over {len(latencies)} sign-ins   (goal <= 1000 ms)")
        kiosk.terminate()
        kiosk.wait()

        # Night: the building closes a minute before now.
        now = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Berlin"))
        closes = max(0, now.hour * 60 + now.minute - 1)
        with sqlite3.connect(os.path.join(work, "server", "stellwerk-server.db"), timeout=30) as db:
            # Opening hours are minutes after local midnight in the server's schema.
            db.execute("UPDATE buildings SET opens = 0, closes = ? WHERE id = 'bld_rathaus'", (closes,))
        config_idle = 30
        with open(os.path.join(work, "kiosk.toml"), "w") as f:
            f.write(f'[kiosk]\ntoken = "demo-kiosk-token"\nidle_seconds = {config_idle}\n')
        kiosk, ui_map, counter, _ = start_kiosk(args.client, url, work, "night")
        time.sleep(config_idle + 10)  # untouched for the idle time: the screen goes dark (one dimmed frame)
        cpu, drawn = measure(kiosk.pid, counter, args.seconds)
        print(f"night, {args.seconds} s:  CPU {cpu:.3f} %   frames drawn {drawn}  (goal 0)")
    finally:
        if kiosk is not None and kiosk.poll() is None:
            kiosk.kill()
        server.terminate()
        server.wait()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
