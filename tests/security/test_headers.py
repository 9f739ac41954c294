"""Production settings: `check --deploy` is clean, and every response carries the security headers and a strict CSP."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

BASE = Path(__file__).resolve().parents[2]
STRICT = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
}


def _directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(";") if part.strip()}


def test_check_deploy_reports_no_issue_with_production_settings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="coalition.settings",
        DEBUG="0",
        SECRET_KEY="k7#Qz9!vR2@mX4$wL8^pT1&nB6*cF3(hJ5)dG0-sY7=eU2+aK9",
        ALLOWED_HOSTS="example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_the_strict_policy_and_the_security_headers(world):
    client = Client()
    client.force_login(world.member)
    response = client.get("/organizations/")
    assert response.status_code == 200
    assert _directives(response["Content-Security-Policy"]) >= STRICT
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/organizations/", "/accounts/login/", "/api/docs/"])
def test_no_page_contains_inline_script(world, path):
    client = Client()
    client.force_login(world.admin)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script on {path}: {tag}"
    assert not re.search(r"\son[a-z]+\s*=", html, re.I), f"inline event handler on {path}"


@pytest.mark.django_db
def test_the_api_docs_start_up_script_is_a_separate_file(world):
    client = Client()
    client.force_login(world.admin)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@pytest.mark.django_db
def test_only_the_redoc_page_may_use_inline_styles(world):
    client = Client()
    client.force_login(world.admin)
    redoc = client.get("/api/redoc/")
    assert "'unsafe-inline'" in redoc["Content-Security-Policy"]
    assert "script-src 'self';" in redoc["Content-Security-Policy"] + ";"
    assert "fonts.googleapis.com" not in redoc.content.decode()
    assert "'unsafe-inline'" not in client.get("/api/docs/")["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/organizations/", "/api/v1/organizations/", "/no-such-page/", "/imports/"])
def test_every_response_denies_the_browser_features_the_site_never_uses(world, path):
    client = Client()
    response = client.get(path)  # pages, API, 404s and redirects to the sign-in alike
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture", "serial"):
        assert policy[feature] == "()", feature


def test_production_settings_force_https():
    from coalition import settings as production

    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS


def test_the_static_files_are_served_by_whitenoise():
    from django.conf import settings

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
