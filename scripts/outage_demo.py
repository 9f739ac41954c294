#!/usr/bin/env python3
"""Show what the running application does while PostgreSQL is down, and after it comes back.

It starts a throwaway PostgreSQL cluster on its own port (never the machine's main cluster),
serves the application from it under gunicorn with the production settings, keeps writing
activities through the API (each with an Idempotency-Key, retried until acknowledged), stops the
database for a while, starts it again, and then checks that:

1. during the outage pages answered a plain 503 and the API a JSON 503 (never a 500);
2. afterwards the same gunicorn processes served requests again, without a restart;
3. every write the application acknowledged is in the database, and none twice.

    python scripts/outage_demo.py            (as root it runs PostgreSQL as the `postgres` user)

Exit status 0 when all three hold.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PYTHON = str(BASE / ".venv" / "bin" / "python")
GUNICORN = str(BASE / ".venv" / "bin" / "gunicorn")
OUTAGE_SECONDS = 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin(name: str) -> str:
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PostgreSQL (apt-get install postgresql).")
    return found


def as_postgres(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """PostgreSQL refuses to run as root; run its tools as the `postgres` user when we are root."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


class Cluster:
    def __init__(self, root: Path, port: int):
        self.data, self.port, self.log = root / "data", port, root / "postgres.log"

    def init(self) -> None:
        as_postgres([pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"])

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=on"
        as_postgres([pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start"])

    def stop(self) -> None:
        as_postgres([pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])


def request(method: str, url: str, *, token: str = "", body: dict | None = None, key: str = "") -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)  # noqa: S310 -- our own local server
    req.add_header("Accept", "application/json, text/html")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Token {token}")
    if key:
        req.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        return 0, str(exc)


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="ct-outage-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")  # the postgres user writes its data directory here
    cluster = Cluster(root, free_port())
    app_port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/coalition",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "API_THROTTLE_USER": "100000/minute",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    gunicorn = None
    base = f"http://127.0.0.1:{app_port}"
    try:
        print(f"1. Starting a throwaway PostgreSQL cluster on port {cluster.port} in {root}")
        cluster.init()
        cluster.start()
        as_postgres([pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "coalition"])
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=BASE, env=env, check=True)  # noqa: S603
        subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], cwd=BASE, env=env, check=True)  # noqa: S603
        token = (
            subprocess.run(  # noqa: S603
                [*manage, "shell", "-c", SETUP],
                cwd=BASE,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )

        print(f"2. Serving the application with gunicorn (2 workers) on {base}")
        gunicorn = subprocess.Popen(  # noqa: S603
            [GUNICORN, "coalition.wsgi:application", "--bind", f"127.0.0.1:{app_port}", "--workers", "2"],
            cwd=BASE,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(60):
            if request("GET", f"{base}/accounts/login/")[0] == 200:
                break
            time.sleep(0.5)
        workers_before = worker_pids(gunicorn.pid)

        acknowledged: list[str] = []
        statuses: list[tuple[float, str, int]] = []
        stop = threading.Event()

        def writer() -> None:
            n = 0
            while not stop.is_set():
                n += 1
                title, key = f"Outage drill {n}", f"drill-{n}-{uuid.uuid4().hex}"
                payload = {
                    "date": "2024-05-02",
                    "kind": "coalition_meeting",
                    "title": title,
                    "coalition": "drill-coalition",
                    "participations": [{"organization": "drill-police"}, {"organization": "drill-shelter"}],
                }
                while not stop.is_set():  # retry the same logical write, same key, until acknowledged
                    status, _body = request("POST", f"{base}/api/v1/meetings/", token=token, body=payload, key=key)
                    statuses.append((time.time(), "POST /api/v1/meetings/", status))
                    if 200 <= status < 300:
                        acknowledged.append(title)
                        break
                    time.sleep(0.3)
                time.sleep(0.1)

        thread = threading.Thread(target=writer, daemon=True)
        thread.start()
        time.sleep(3)

        print(f"3. Stopping PostgreSQL for {OUTAGE_SECONDS} s while the application keeps running")
        cluster.stop()
        outage_start = time.time()
        page_503 = api_503 = 0
        bad: list[tuple[str, int, str]] = []
        while time.time() - outage_start < OUTAGE_SECONDS:
            for path, token_for in (("/organizations/", ""), ("/api/v1/organizations/", token)):
                status, body = request("GET", base + path, token=token_for)
                statuses.append((time.time(), f"GET {path}", status))
                if status == 503 and path.startswith("/api/") and json.loads(body).get("detail"):
                    api_503 += 1
                elif status == 503 and "Temporarily unavailable" in body and "Traceback" not in body:
                    page_503 += 1
                else:
                    bad.append((path, status, body[:200]))
            time.sleep(0.5)
        outage_end = time.time()

        print("4. Starting PostgreSQL again (the application is not restarted)")
        cluster.start()
        recovered_at = None
        for _ in range(60):
            if request("GET", f"{base}/api/v1/organizations/", token=token)[0] == 200:
                recovered_at = time.time()
                break
            time.sleep(0.5)
        time.sleep(3)  # a few more writes after the outage
        stop.set()
        thread.join(timeout=30)
        workers_after = worker_pids(gunicorn.pid)

        counts = json.loads(
            subprocess.run(  # noqa: S603
                [*manage, "shell", "-c", COUNT],
                cwd=BASE,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        missing = [t for t in acknowledged if counts.get(t, 0) == 0]
        doubled = {t: c for t, c in counts.items() if c > 1}
        during = [s for (at, what, s) in statuses if outage_start <= at <= outage_end]
        server_errors = [s for (_at, _what, s) in statuses if s == 500]

        print()
        print(f"   during the outage: {page_503} page answers 503 (plain page), {api_503} API answers 503 (JSON),")
        print(f"   other answers: {bad or 'none'}; status codes seen: {sorted(set(during))}")
        print(f"   any 500 at all: {len(server_errors)}")
        print(
            f"   serving again {recovered_at - outage_end:.1f} s after the database came back" if recovered_at else ""
        )
        print(f"   gunicorn master {gunicorn.pid}, workers before {workers_before}, after {workers_after}")
        print(
            f"   writes acknowledged: {len(acknowledged)}; missing: {missing or 'none'}; doubled: {doubled or 'none'}"
        )
        ok = (
            page_503 > 0
            and api_503 > 0
            and not bad
            and not server_errors
            and recovered_at is not None
            and gunicorn.poll() is None
            and workers_before == workers_after
            and acknowledged
            and not missing
            and not doubled
        )
        print()
        print("RESULT:", "PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def worker_pids(master: int) -> list[int]:
    result = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True)  # noqa: S603,S607
    return sorted(int(pid) for pid in result.stdout.split())


SETUP = """
import datetime
from django.contrib.auth import get_user_model
from partners.models import Coalition, Membership, Organization, Sector
from partners.services.accounts import api_token_create
sector = Sector.objects.order_by("pk").first()
coalition = Coalition.objects.create(name="Drill Coalition", slug="drill-coalition", kind="task_force", scope="local")
for slug in ("drill-police", "drill-shelter"):
    org = Organization.objects.create(name=slug.title(), slug=slug, primary_sector=sector, country="US")
    Membership.objects.create(organization=org, coalition=coalition, start_date=datetime.date(2020, 1, 1))
admin = get_user_model().objects.create_superuser("drill-admin", "drill@example.org", "drill-admin-password-1")
_token, key = api_token_create(actor=admin, name="drill")
print(key)
"""

COUNT = """
import json
from django.db.models import Count
from partners.models import Meeting
rows = Meeting.objects.filter(title__startswith="Outage drill").values("title").annotate(n=Count("id"))
print(json.dumps({row["title"]: row["n"] for row in rows}))
"""

if __name__ == "__main__":
    sys.exit(main())
