#!/usr/bin/env python3
"""A Monday morning against stellwerk-server, with h2load (Debian's nghttp2-client) as the load.

    bench/run monday [--sign-in-seconds 60] [--sync-seconds 30] [--connections 500] [--rate 2000]
                     [--idle 1000] [--bookings 20]

The server runs the city demo (600 buildings, 10,000 employees) on a fresh data folder on
loopback. Three phases, each printing p50/p99 and errors:

1. Arrival: 10,000 people signing in and syncing within 10 minutes is 16.7 sign-ins and 16.7 first
   syncs a second. Both run side by side at that rate (for --sign-in-seconds; 600 is the whole
   morning): h2load posts the sign-in, and a second h2load fetches what a first sync fetches
   (GET /me, GET /me/policy and every page of the changes feed from "0"). h2load sends one body
   and one set of headers, so every arrival is the same person (employee5000, whose window is
   the Rathaus): the server's work per person is the same, their rows differ.
2. The no-change sync at --rate requests a second from --connections kept-alive connections, at
   a fixed rate (h2load --rps): the one request each open window sends every minute when nothing
   changed. Goal: p99 <= 20 ms.
3. --idle kept-alive connections opened and left idle, then --bookings bookings, each on a new
   connection, timed from connect to answer. Goal: each within 100 ms.

Figures are printed, never judged: the exit status is 0 unless the set-up fails (2) or a request
of phase 3 fails (1). Latencies come from h2load's --log-file (per request), so p99 is exact.
"""
import argparse
import http.client
import json
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

USER = "employee5000"
PASSWORD = "demo"


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def request(port, method, path, body=None, token=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, json.loads(payload) if payload else None


def start_server(binary, folder):
    log = open(folder / "server.log", "w")
    process = subprocess.Popen(
        [binary, "--data", str(folder / "data"), "--listen", "127.0.0.1:0", "--demo", "--demo-scale", "city",
         "--log-level", "warn"],
        stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()
    if "listening on http://" not in line:
        process.kill()
        sys.exit(f"monday: the server did not start ({line.strip()!r}); see {folder / 'server.log'}")
    return process, int(line.rsplit(":", 1)[1])


def first_sync_paths(port, token):
    """The GETs of a first sync, and the cursor where the feed ends."""
    paths = ["/api/v1/me", "/api/v1/me/policy"]
    cursor, places = "0", []
    while True:
        path = f"/api/v1/changes?since={cursor}&limit=500"
        paths.append(path)
        status, page = request(port, "GET", path, token=token)
        if status != 200:
            sys.exit(f"monday: {path} answered {status}")
        places += [c["id"] for c in page["changes"] if c["entity"] == "resource" and c["data"]["type"] == "desk"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return paths, cursor, places


def h2load(port, folder, name, paths, clients, rps, seconds, token=None, body=None):
    """Runs h2load at a fixed rate; returns (latencies in ms, statuses, h2load's summary lines)."""
    log = folder / f"{name}.tsv"
    uris = folder / f"{name}.uris"
    uris.write_text("".join(f"http://127.0.0.1:{port}{p}\n" for p in paths))
    # The clients start spread over one interval of --rps (a new one every 10 ms), as people's
    # windows are: started at once, every client would send at the same instant, a burst of
    # `clients` requests each interval that no open window ever makes.
    ticks = max(1, 100 // rps)
    command = ["h2load", "--h1", "-c", str(clients), "-r", str(-(-clients // ticks)), "--rate-period", "10ms",
               "--rps", str(rps), "-n", str(clients * rps * seconds), "-i", str(uris), "--log-file", str(log),
               "-H", "Content-Type: application/json"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    if body is not None:
        data = folder / f"{name}.json"
        data.write_text(json.dumps(body))
        command += ["-d", str(data)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), log


def collect(process, log):
    output = process.communicate()[0]
    latencies, errors = [], 0
    for line in log.read_text().splitlines():
        fields = line.split("\t")  # start (µs since the epoch), status, time to the response (µs)
        if len(fields) < 3:
            continue
        status = int(fields[1])
        latencies.append(int(fields[2]) / 1000)
        errors += status < 200 or status >= 300
    summary = [l.strip() for l in output.splitlines() if l.startswith(("requests:", "status codes:", "finished in"))]
    return latencies, errors, summary


def report(title, latencies, errors, summary, goal=None):
    took = next((float(l.split()[2].rstrip("s,")) for l in summary if l.startswith("finished in")), 0)
    rate = len(latencies) / took if took else 0
    print(f"{title}: {len(latencies)} requests ({rate:.0f}/s), p50 {percentile(latencies, 0.5):.2f} ms, "
          f"p99 {percentile(latencies, 0.99):.2f} ms, max {max(latencies, default=float('nan')):.2f} ms, "
          f"errors {errors}" + (f"; goal {goal}" if goal else ""))
    for line in summary:
        print("    h2load " + line)


def arrival(port, folder, token, paths, seconds):
    per_second = 10_000 / 600
    clients = max(1, round(per_second))
    sign_in = h2load(port, folder, "sign-in", ["/api/v1/session"], clients, 1, seconds,
                     body={"username": USER, "password": PASSWORD})
    first_sync = h2load(port, folder, "first-sync", paths, clients, len(paths), seconds, token=token)
    print(f"\n1. arrival: {clients} sign-ins and {clients} first syncs ({len(paths)} requests each) a second "
          f"for {seconds} s (10,000 people in 10 minutes is {per_second:.1f} a second)")
    report("   sign-in   ", *collect(*sign_in))
    report("   first sync", *collect(*first_sync))


def no_change(port, folder, token, cursor, connections, rate, seconds):
    path = f"/api/v1/changes?since={cursor}&limit=500"
    print(f"\n2. no-change sync: {rate} requests a second from {connections} kept-alive connections for {seconds} s")
    run = h2load(port, folder, "no-change", [path], connections, max(1, rate // connections), seconds, token=token)
    report("  ", *collect(*run), goal="p99 <= 20 ms")


def idle_then_book(port, token, idle_count, desks, bookings):
    print(f"\n3. {idle_count} idle kept-alive connections, then {bookings} bookings on new connections")
    # Half of them never send anything, half are answered once and keep their connection: both
    # opened at once, as a proxy's pool or a building's worth of browsers would.
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(idle_count)]
    for s in idle[::2]:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    times, failures = [], 0
    for i in range(bookings):
        desk = desks[i % len(desks)]
        day = 7 + i // len(desks)  # Monday 7 December 2026 onwards
        body = {"resource_id": desk, "start": f"2026-12-{day:02d}T08:00:00+01:00",
                "end": f"2026-12-{day:02d}T17:00:00+01:00"}
        began = time.perf_counter()
        try:
            status, answer = request(port, "POST", "/api/v1/bookings", body, token)
        except OSError as error:  # no answer within the client's 30 s
            status, answer = 0, str(error)
        times.append((time.perf_counter() - began) * 1000)
        if status != 201:
            failures += 1
            print(f"   booking {desk}: {status} {answer}")
        if status == 201:  # free the desk again: the bench leaves the day as it found it
            request(port, "DELETE", f"/api/v1/bookings/{answer['id']}", token=token)
    print(f"   booking with {len(idle)} idle connections open: p50 {statistics.median(times):.2f} ms, "
          f"max {max(times):.2f} ms, failures {failures}; goal each <= 100 ms")
    for s in idle:
        s.close()
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server", help="the stellwerk-server binary")
    parser.add_argument("--sign-in-seconds", type=int, default=60)
    parser.add_argument("--sync-seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=500)
    parser.add_argument("--rate", type=int, default=2000)
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--bookings", type=int, default=20)
    parser.add_argument("--phases", default="arrival,no-change,idle",
                        help="comma-separated: arrival, no-change, idle")
    args = parser.parse_args()

    # Every connection is a file descriptor, on both sides: lift the soft limit for the server and
    # h2load, which inherit it.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    with tempfile.TemporaryDirectory(prefix="stellwerk-monday-") as temp:
        folder = Path(temp)
        began = time.perf_counter()
        server, port = start_server(args.server, folder)
        try:
            status, session = request(port, "POST", "/api/v1/session", {"username": USER, "password": PASSWORD})
            if status != 201:
                sys.exit(f"monday: signing in as {USER} answered {status}")
            token = session["token"]
            paths, cursor, desks = first_sync_paths(port, token)
            print(f"server with the city demo ready in {time.perf_counter() - began:.1f} s; a first sync of {USER} "
                  f"is {len(paths)} requests; open-file limit {hard}")
            phases = args.phases.split(",")
            if "arrival" in phases:
                arrival(port, folder, token, paths, args.sign_in_seconds)
            if "no-change" in phases:
                no_change(port, folder, token, cursor, args.connections, args.rate, args.sync_seconds)
            failures = idle_then_book(port, token, args.idle, desks, args.bookings) if "idle" in phases else 0
        finally:
            server.terminate()
            server.wait(timeout=30)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
