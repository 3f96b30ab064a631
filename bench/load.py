"""Load: the production server (`scrutiny serve`, gunicorn, 2 workers) on PostgreSQL, loaded
with the demo, driven by 64 concurrent clients on loopback, page by page, for a bounded time.

    python bench/load.py [--seconds 10] [--clients 64] [--workers 2]
                         [--postgres postgres://postgres@127.0.0.1:5432] [--keep]

Reports, per page, requests per second, p50/p95/p99 latency and errors, and each page's
throughput as a ratio of the floor: Django's 404 page (an address that matches nothing), served
by the same server in the same run. Checks that no data changed: the row count of every table
before and after. Target: zero errors and no change. The database (`scrutiny_load`, of its
own) is dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SCRUTINY = [sys.executable, "-m", "scrutiny"]
DATABASE = "scrutiny_load"
SLUG = "dartford-crime-and-disorder"

# Run inside the app (scrutiny shell -c): the pages' addresses, and the officer's session.
SETUP = """
import datetime as dt, json
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from scrutiny.demo.accounts import OFFICER
from scrutiny.meetings.models import Meeting
officer = User.objects.get(username=OFFICER.username)
client = Client()
client.force_login(officer)
device = TOTPDevice.objects.filter(user=officer, confirmed=True).first()
session = client.session
if device is not None:
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # the second step, done
session.save()
print(json.dumps({
    "february": Meeting.objects.get(date=dt.date(2018, 2, 21)).pk,
    "july": Meeting.objects.get(date=dt.date(2017, 7, 26)).pk,
    "cookie": f"sessionid={session.session_key}",
}))
"""

COUNTS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    counts = {}
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
print(json.dumps(counts))
"""


def run(args, env, **kwargs):
    return subprocess.run([*SCRUTINY, *args], env=env, cwd=ROOT, check=True, capture_output=True,  # noqa: S603
                          text=True, **kwargs)


def shell(code, env):
    return json.loads(run(["shell", "-c", code], env).stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(server_url: str) -> None:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database(server_url: str) -> None:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def drive(port, path, expected, seconds, clients, cookie=""):
    """`clients` threads, each asking for `path` again and again (a new connection each time,
    as gunicorn's sync workers close it) until the time is up."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    headers = {"Host": "127.0.0.1", **({"Cookie": cookie} if cookie else {})}

    def client():
        mine, wrong = [], []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status != expected:
                    wrong.append(f"status {response.status}")
                    continue
            except OSError as error:
                wrong.append(type(error).__name__)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors.extend(wrong)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    return latencies, errors, elapsed


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="scrutiny-load-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRUTINY_", "DATABASE_URL", "DJANGO_"))}
    env.update({
        "SCRUTINY_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{options.postgres}/{DATABASE}",
        "SCRUTINY_VAR_DIR": folder,
        "SCRUTINY_ALLOWED_HOSTS": "127.0.0.1",
        "SCRUTINY_SITE_OPERATOR": "Dartford Borough Council (demonstration)",
    })
    print(f"Setting up: database {DATABASE}, the demo, static files (in {folder})...", flush=True)
    recreate_database(options.postgres)
    server = None
    try:
        run(["migrate", "--noinput"], env)
        run(["collectstatic", "--noinput", "--verbosity", "0"], env)
        run(["loaddemo", "--performance-months", "12"], env)
        ids = shell(SETUP, env)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [*SCRUTINY, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(options.workers)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("scrutiny serve did not start")
            time.sleep(0.3)
        before = shell(COUNTS, env)

        pages = [
            ("404 page (the floor)", "/no-such-page/", 404, ""),
            ("home", "/", 200, ""),
            ("committee", f"/committees/{SLUG}/", 200, ""),
            ("meeting 21 Feb 2018", f"/meetings/{ids['february']}/", 200, ""),
            ("minutes 26 Jul 2017", f"/meetings/{ids['july']}/minutes/", 200, ""),
            ("officer: dashboard", "/officer/", 200, ids["cookie"]),
            ("officer: meeting 21 Feb 2018", f"/meetings/{ids['february']}/", 200, ids["cookie"]),
        ]
        print(f"\n{options.clients} clients, {options.seconds:g} s a page, gunicorn with {options.workers} workers, "
              f"PostgreSQL, {os.cpu_count()} cores\n")
        print(f"{'page':32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>7}")
        floor = None
        total_errors = 0
        for name, path, expected, cookie in pages:
            drive(port, path, expected, 1, 8, cookie)  # warm up
            latencies, errors, elapsed = drive(port, path, expected, options.seconds, options.clients, cookie)
            rate = len(latencies) / elapsed
            floor = floor or rate
            total_errors += len(errors)
            print(f"{name:32} {rate:8.1f} {percentile(latencies, 50) * 1000:8.0f} {percentile(latencies, 95) * 1000:8.0f} "
                  f"{percentile(latencies, 99) * 1000:8.0f} {len(errors):7d} {rate / floor:7.3f}", flush=True)
            if errors:
                print(f"    errors: {statistics.multimode(errors)[0]} and {len(set(errors)) - 1} other kind(s)")
        after = shell(COUNTS, env)
        changed = {t: (before.get(t), after.get(t)) for t in set(before) | set(after) if before.get(t) != after.get(t)}
        print(f"\nTables compared: {len(before)}; changed: {changed or 'none'}; errors: {total_errors}")
        return 1 if changed or total_errors else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not options.keep:
            drop_database(options.postgres)


if __name__ == "__main__":
    sys.exit(main())
