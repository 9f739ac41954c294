"""TWO_FACTOR_REQUIRED_FOR defaults to both roles; the demo's exemption works only with DEBUG on."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from partners import permissions as perms
from partners.services.accounts import api_token_create
from tests.security.test_two_factor import PASSWORD

BASE = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "a-production-like-secret-key-that-is-long-enough-to-pass-the-start-up-check-0123456789"


def settings_of(env: dict[str, str], names=("TWO_FACTOR_REQUIRED_FOR", "TWO_FACTOR_EXEMPT_USERNAMES")):
    """Start Django with the production settings module and `env` alone (no TWO_FACTOR_* from outside)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TWO_FACTOR_", "DEBUG", "SECRET_KEY"))}
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE="coalition.settings")
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE, env=clean, capture_output=True, text=True, timeout=60, check=False
    )


def test_production_settings_with_no_variable_require_both_roles():
    result = settings_of({"SECRET_KEY": PRODUCTION_KEY})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "TWO_FACTOR_REQUIRED_FOR": ["admin", "coordinator"],
        "TWO_FACTOR_EXEMPT_USERNAMES": [],
    }


def test_an_empty_variable_requires_it_of_nobody():
    result = settings_of({"SECRET_KEY": PRODUCTION_KEY, "TWO_FACTOR_REQUIRED_FOR": ""})
    assert json.loads(result.stdout)["TWO_FACTOR_REQUIRED_FOR"] == []


def test_an_unknown_role_is_refused_at_start_up():
    result = settings_of({"SECRET_KEY": PRODUCTION_KEY, "TWO_FACTOR_REQUIRED_FOR": "admin,coordinater"})
    assert result.returncode != 0
    assert "TWO_FACTOR_REQUIRED_FOR" in result.stderr and "Traceback" not in result.stderr


def test_start_up_refuses_an_exemption_when_debug_is_off():
    result = settings_of({"SECRET_KEY": PRODUCTION_KEY, "TWO_FACTOR_EXEMPT_USERNAMES": "admin"})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "Configuration error: TWO_FACTOR_EXEMPT_USERNAMES is for the development demo only (DEBUG=1); "
        "unset it in production."
    ]


def test_start_up_accepts_the_exemption_with_debug_on():
    result = settings_of({"DEBUG": "1", "TWO_FACTOR_EXEMPT_USERNAMES": "admin,coordinator"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["TWO_FACTOR_EXEMPT_USERNAMES"] == ["admin", "coordinator"]


def test_make_run_exempts_the_demo_accounts_and_no_other_target_does():
    makefile = (BASE / "Makefile").read_text()
    lines = [line for line in makefile.splitlines() if "TWO_FACTOR_EXEMPT_USERNAMES" in line]
    assert lines == ["run: export TWO_FACTOR_EXEMPT_USERNAMES ?= admin,coordinator"]
    run = re.search(r"^run: \$\(VENV\)/\.runtime\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert all(line.strip().startswith("DEBUG=1 ") for line in run.splitlines())


@pytest.fixture
def demo_exemption(settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin", "coordinator"]
    settings.TWO_FACTOR_EXEMPT_USERNAMES = ["admin", "coordinator"]
    return settings


def _sign_in(username: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.mark.django_db
def test_with_debug_on_the_exempt_demo_accounts_skip_the_second_factor(world, demo_exemption):
    demo_exemption.DEBUG = True
    for username in ("admin", "coordinator"):
        assert _sign_in(username).get("/account/").status_code == 200
    assert not perms.two_factor_required(world.admin)
    assert perms.two_factor_required(world.other_coordinator)  # not on the list
    assert _sign_in("other-coordinator").get("/account/").status_code == 302
    _token, key = api_token_create(actor=world.coordinator, name="script")
    assert Client().get("/api/v1/organizations/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


@pytest.mark.django_db
def test_with_debug_off_the_exemption_is_ignored(world, demo_exemption):
    demo_exemption.DEBUG = False
    assert perms.two_factor_required(world.admin) and perms.two_factor_required(world.coordinator)
    for username in ("admin", "coordinator"):
        response = _sign_in(username).get("/account/")
        assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/")
    _token, key = api_token_create(actor=world.coordinator, name="script")
    assert Client().get("/api/v1/organizations/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 403
