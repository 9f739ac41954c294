"""Measurements of the benchmark: SQL timed raw, a server under load, exports and writes."""

from __future__ import annotations

import datetime
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def captured_sql(path: str, cookie: str) -> list[str]:
    """The SQL one request runs, captured in-process with the test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_COOKIE=cookie, HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [q["sql"] for q in queries.captured_queries]


def time_raw_sql(url: str, statements: list[str], repeat: int) -> float:
    """Median seconds to run `statements` directly with psycopg2 (fetching every row)."""
    conn = psycopg2.connect(url)
    times = []
    with conn.cursor() as cur:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in statements:
                cur.execute(sql)
                if cur.description:
                    cur.fetchall()
            times.append(time.perf_counter() - started)
    conn.rollback()
    conn.close()
    return statistics.median(times)


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str, workers: int, cache_url: str | None):
        self.port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        if cache_url:
            env["CACHE_URL"] = cache_url
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "bench.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
             "--timeout", "600", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, *_ = self.get("/bench/bare/", "")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def get(self, path: str, cookie: str, conn: http.client.HTTPConnection | None = None):
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = conn.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
        elapsed = time.perf_counter() - started
        queries = response.getheader("X-Bench-Queries")
        if own:
            conn.close()
        return response.status, elapsed, int(queries) if queries else None, size

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(server: Server, path: str, cookie: str, *, budget: float, most: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    status, first, queries, size = server.get(path, cookie, conn)  # warm-up (and caches)
    times, started = [], time.monotonic()
    while len(times) < most and (len(times) < 5 or time.monotonic() - started < budget):
        status, elapsed, queries, size = server.get(path, cookie, conn)
        times.append(elapsed)
    conn.close()
    times.sort()
    return {
        "status": status,
        "n": len(times),
        "first_ms": first * 1000,
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))] * 1000,
        "queries": queries,
        "bytes": size,
    }


def measure_export(server: Server, cookie: str) -> dict:
    """Download the CSV of all meetings; sample every worker's memory meanwhile."""
    workers = server.workers()
    idle = {pid: rss_kb(pid) for pid in workers}
    peak = dict(idle)
    done = threading.Event()

    def sample():
        while not done.is_set():
            for pid in workers:
                peak[pid] = max(peak[pid], rss_kb(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    status, elapsed, _queries, size = server.get("/api/v1/meetings/?format=csv", cookie)
    done.set()
    sampler.join()
    growth = max(peak[pid] - idle[pid] for pid in workers) / 1024 if workers else 0.0
    return {"status": status, "seconds": elapsed, "bytes": size, "memory_growth_mb": growth}


def copy_baseline(url: str) -> float:
    class Sink:
        def write(self, data):
            return len(data)

    conn = psycopg2.connect(url)
    started = time.perf_counter()
    with conn.cursor() as cur:
        cur.copy_expert("COPY partners_meeting TO STDOUT WITH CSV HEADER", Sink())
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


# --- writes: logging and deleting an activity, with and without the rollup triggers ----------

TRIGGERS = ["analytics_participation_insert", "analytics_participation_delete", "analytics_participation_update"]


def measure_writes(repeat: int) -> dict:
    """Median time of the service calls, each in a transaction rolled back afterwards. Without
    maintenance, the rollup triggers are disabled inside that transaction only."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Count

    from partners.models import Organization
    from partners.services.meetings import ParticipationInput, meeting_create, meeting_delete

    admin = get_user_model().objects.get(username="bench-admin")
    # The busiest organisations: the worst case for the triggers' look-ups.
    orgs = list(Organization.objects.annotate(n=Count("participations")).order_by("-n")[:5])
    participations = [ParticipationInput(organization=o) for o in orgs]
    data = {"title": "Benchmark activity", "kind": "coalition_meeting", "date": datetime.date.today()}
    results = {}
    for label, maintained in (("with", True), ("without", False)):
        creates, deletes = [], []
        for _ in range(repeat):
            with transaction.atomic():
                if not maintained:
                    with connection.cursor() as cur:
                        for name in TRIGGERS:
                            cur.execute(f"ALTER TABLE partners_participation DISABLE TRIGGER {name}")
                started = time.perf_counter()
                meeting = meeting_create(actor=admin, participations=participations, **data)
                creates.append(time.perf_counter() - started)
                started = time.perf_counter()
                meeting_delete(actor=admin, meeting=meeting)
                deletes.append(time.perf_counter() - started)
                transaction.set_rollback(True)
        results[label] = {
            "create_ms": statistics.median(creates) * 1000,
            "delete_ms": statistics.median(deletes) * 1000,
        }
    return results


# --- load: wrk --------------------------------------------------------------------------------


def wrk(server: Server, path: str, cookie: str, seconds: int) -> dict | None:
    if not shutil.which("wrk"):
        say("wrk is not installed (Debian: apt-get install wrk): no load test in this run")
        return None
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "30s", "-H", f"Cookie: {cookie}",
         f"http://127.0.0.1:{server.port}{path}"],
        capture_output=True, text=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
    }


# --- the report -------------------------------------------------------------------------------
