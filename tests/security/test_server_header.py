"""The production server does not announce its name or version: no `Server` or `X-Powered-By` header."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

BASE = Path(__file__).resolve().parents[2]
CONFIG = BASE / "coalition" / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")
ANNOUNCING = ("server", "x-powered-by")


def _announcing(headers) -> list[str]:
    return [f"{name}: {value}" for name, value in headers if name.lower() in ANNOUNCING]


@pytest.fixture
def gunicorn_port(tmp_path):
    """Gunicorn as `make serve` starts it, with the production settings, on a free port of 127.0.0.1."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coalition.settings",
        "DEBUG": "0",
        "SECRET_KEY": "server-header-test-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Never opened: the request below is answered before any query.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    command = [
        str(GUNICORN),
        "-c",
        str(CONFIG),
        "coalition.wsgi:application",
        "--bind",
        "127.0.0.1:0",  # the system picks a free port; gunicorn logs which
        "--workers",
        "1",
        "--no-control-socket",
    ]
    process = subprocess.Popen(command, cwd=BASE, env=env, stderr=subprocess.PIPE, text=True)  # noqa: S603
    try:
        port = None
        seen = []
        for line in process.stderr:
            seen.append(line)
            match = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line)
            if match:
                port = int(match.group(1))
                break
        assert port, "gunicorn did not start:\n" + "".join(seen)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def test_gunicorn_with_the_project_config_sends_no_server_header(gunicorn_port):
    # The socket is bound before the worker boots: the request waits in the queue until it is ready.
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn_port, timeout=60)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    # The production settings send plain HTTP to HTTPS: a response from Django through gunicorn.
    assert response.status == 301
    assert response.getheader("Location", "").startswith("https://")
    assert _announcing(response.getheaders()) == []


def test_the_make_serve_line_reads_the_project_config():
    makefile = (BASE / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "gunicorn -c coalition/gunicorn.conf.py" in serve


@pytest.mark.django_db
@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_django_and_whitenoise_add_no_server_or_powered_by_header(world):
    client = Client()  # its middleware, WhiteNoise's included, reads the settings above
    page = client.get("/")
    static = client.get("/static/css/app.css")
    assert page.status_code == 200 and static.status_code == 200
    assert _announcing(page.headers.items()) == []
    assert _announcing(static.headers.items()) == []
