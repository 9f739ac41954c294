"""`make bench SIZE=M`: build or reuse a data set on PostgreSQL, serve it with gunicorn on
127.0.0.1, measure latency and queries per request against their baselines, and write the
table to docs/performance.md.

Run from the repository root: `.venv/bin/python -m bench.run --size M`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

from bench.measure import (
    Server,
    captured_sql,
    copy_baseline,
    measure,
    measure_export,
    measure_writes,
    say,
    time_raw_sql,
    wrk,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG = "postgres://postgres@127.0.0.1:5432"
# The shared cache the served application uses, as a deployment with several workers would
# (network measures computed once for both workers); emptied at the start of every run.
CACHE = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15")
SIZES = {"S": (500, 10_000), "M": (3_000, 100_000), "L": (10_000, 1_000_000)}


# --- the database ---------------------------------------------------------------------------


def prepare_database(size: str, rebuild: bool) -> tuple[str, float | None]:
    """Create or reuse ct_bench_<size>; returns its URL and the build time when built now."""
    name = f"ct_bench_{size.lower()}"
    url = f"{PG}/{name}"
    admin = psycopg2.connect(f"{PG}/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cur.fetchone() is not None
        if exists and not rebuild:
            try:
                with psycopg2.connect(url) as conn, conn.cursor() as c2:
                    c2.execute("SELECT count(*) FROM partners_meeting")
                    complete = c2.fetchone()[0] == SIZES[size][1]
            except psycopg2.Error:
                complete = False
            if complete:
                say(f"reusing database {name} (migrating it to the current schema)")
                _manage(url, "migrate", "--noinput", "-v0")
                return url, None
        if exists:
            cur.execute(f'DROP DATABASE "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    _manage(url, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    _manage(url, "generate_dataset", "--size", size)
    return url, time.monotonic() - started


def _manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


# --- in-process set-up: users, sessions, targets, captured SQL --------------------------------


def shared_cache() -> str | None:
    """CACHE, emptied, when its server answers; None (a cache per process) otherwise."""
    import redis

    try:
        redis.Redis.from_url(CACHE, socket_connect_timeout=2).flushdb()
    except redis.RedisError as exc:
        say(f"no shared cache at {CACHE} ({exc}); each worker keeps its own")
        return None
    return CACHE


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def session_cookie(user) -> str:
    """A signed-in session for `user`, as the sign-in view would leave it (second factor
    settled), so requests pass the whole middleware stack as a real user's would."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string

    from audit.signals import SEEN_AT, SIGNED_IN_AT, TWO_FACTOR_NEEDED

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = int(time.time())
    store[SIGNED_IN_AT] = store[SEEN_AT] = now + 3600  # never idle during the run
    store[TWO_FACTOR_NEEDED] = False
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def targets() -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from partners.api.pagination import KeysetPagination
    from partners.models import Coalition, Meeting, Organization, Profile, Sector

    User = get_user_model()
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    busiest = Organization.objects.annotate(n=Count("participations")).order_by("-n").first()
    largest = Coalition.objects.annotate(n=Count("meetings")).order_by("-n").first()
    member_org = (
        Organization.objects.filter(memberships__coalition=largest).annotate(n=Count("participations")).order_by("n")
    )[len(largest.members.all()) // 2]
    member, _ = User.objects.get_or_create(username="bench-member")
    Profile.objects.update_or_create(user=member, defaults={"organization": member_org})
    total = Meeting.objects.count()
    deep = Meeting.objects.order_by("-date", "-id").values("date", "id")[int(total * 0.9)]
    sector = Sector.objects.order_by("position").first()
    since = (datetime.date.today() - datetime.timedelta(days=90)).isoformat()
    return {
        "admin": session_cookie(admin),
        "member": session_cookie(member),
        "member_org": member_org.slug,
        "busiest": busiest.slug,
        "largest": largest.slug,
        "largest_meetings": largest.n,
        "sector": sector.slug,
        "since_90": since,
        "deep_cursor": KeysetPagination.encode(deep["date"], deep["id"], False),
        "meetings": total,
    }


def endpoints(t: dict) -> list[dict]:
    """What the benchmark requests; `who` is the persona whose session is sent."""
    return [
        {"name": "bare view (floor)", "path": "/bench/bare/", "who": "admin"},
        {
            "name": "directory page, filtered",
            "path": f"/organizations/?sector={t['sector']}&country=US",
            "who": "admin",
        },
        {"name": "organisation profile (busiest)", "path": f"/organizations/{t['busiest']}/", "who": "admin"},
        {"name": "organisations API list", "path": f"/api/v1/organizations/?sector={t['sector']}", "who": "admin"},
        {"name": "meetings API, cursor page 1", "path": "/api/v1/meetings/?pagination=cursor", "who": "admin"},
        {
            "name": "meetings API, deep cursor (90%)",
            "path": f"/api/v1/meetings/?cursor={t['deep_cursor']}",
            "who": "admin",
        },
        {"name": "meetings API, page 1 (numbers)", "path": "/api/v1/meetings/", "who": "admin"},
        {"name": "pairs, all time (admin)", "path": "/api/v1/analytics/collaborations/", "who": "admin", "raw": True},
        {
            "name": "pairs, last 90 days (admin)",
            "path": f"/api/v1/analytics/collaborations/?since={t['since_90']}",
            "who": "admin",
            "raw": True,
        },
        {"name": "pairs, all time (member)", "path": "/api/v1/analytics/collaborations/", "who": "member", "raw": True},
        {"name": "sector matrix (admin)", "path": "/api/v1/analytics/sector-matrix/", "who": "admin", "raw": True},
        {"name": "sector matrix (member)", "path": "/api/v1/analytics/sector-matrix/", "who": "member", "raw": True},
        {"name": "timeline (admin)", "path": "/api/v1/analytics/timeline/", "who": "admin", "raw": True},
        {
            "name": "network, largest coalition",
            "path": f"/api/v1/analytics/network/?coalition={t['largest']}",
            "who": "admin",
            "raw": True,
        },
    ]


def machine() -> dict:
    mem = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    conn = psycopg2.connect(f"{PG}/postgres")
    with conn.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
    conn.close()
    load = os.getloadavg()
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(mem / 1024 / 1024, 1),
        "postgresql": pg,
        "python": platform.python_version(),
        "load_average": f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
    }


def run(size: str, *, rebuild: bool, wrk_seconds: int, budget: float) -> dict:
    url, build_seconds = prepare_database(size, rebuild)
    built = "in this run"
    previous = RESULTS / f"{size}.json"
    if build_seconds is None and previous.exists():
        # The data set is reused: keep the time it took to build, from the run that built it.
        earlier = json.loads(previous.read_text())
        build_seconds, built = earlier.get("build_seconds"), earlier.get("built", "in this run")
        if build_seconds is not None and built == "in this run":
            built = f"on {earlier['when']}"
    setup_django(url)
    t = targets()
    say(f"largest coalition {t['largest']} ({t['largest_meetings']} activities), busiest org {t['busiest']}")
    result: dict = {
        "size": size,
        "orgs": SIZES[size][0],
        "meetings": t["meetings"],
        "when": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "build_seconds": build_seconds,
        "built": built,
        "machine": machine(),
        "endpoints": {},
    }
    # The raw SQL of each analytics request, captured before the server warms any cache.
    raw = {}
    for e in endpoints(t):
        if e.get("raw"):
            raw[e["name"]] = captured_sql(e["path"], t[e["who"]])
    cache_url = shared_cache()
    result["cache"] = "Redis, shared by the workers" if cache_url else "per process"
    server = Server(url, workers=2, cache_url=cache_url)
    try:
        for e in endpoints(t):
            m = measure(server, e["path"], t[e["who"]], budget=budget, most=200)
            if e.get("raw"):
                statements = [s for s in raw[e["name"]] if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))]
                m["raw_sql_ms"] = time_raw_sql(url, statements, repeat=5) * 1000
                m["raw_statements"] = len(statements)
            result["endpoints"][e["name"]] = m
            extra = f", raw SQL {m['raw_sql_ms']:.1f} ms" if "raw_sql_ms" in m else ""
            say(f"{e['name']:<34} {m['status']} p50 {m['p50_ms']:8.1f} ms  p95 {m['p95_ms']:8.1f} ms  "
                f"queries {m['queries']}{extra}")  # fmt: skip
        result["export"] = measure_export(server, t["admin"])
        result["copy_seconds"] = copy_baseline(url)
        say(f"CSV export {result['export']}, COPY {result['copy_seconds']:.2f}s")
        if wrk_seconds:
            org_path = f"/api/v1/organizations/?sector={t['sector']}"
            result["wrk"] = {
                "bare": wrk(server, "/bench/bare/", t["admin"], wrk_seconds),
                "organisations API": wrk(server, org_path, t["admin"], wrk_seconds),
            }
            say(f"wrk {result['wrk']}")
    finally:
        server.stop()
    result["writes"] = measure_writes(repeat=15)
    say(f"writes {result['writes']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--rebuild", action="store_true", help="Drop and regenerate the data set.")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="Length of each wrk run (0: skip).")
    parser.add_argument("--budget", type=float, default=8.0, help="Seconds of timed requests per endpoint.")
    args = parser.parse_args()
    result = run(args.size, rebuild=args.rebuild, wrk_seconds=args.wrk_seconds, budget=args.budget)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.size}.json").write_text(json.dumps(result, indent=2, default=str))
    from bench.report import write_report

    table = write_report(RESULTS, ROOT / "docs" / "performance.md")
    print(table)


if __name__ == "__main__":
    main()
