"""Browser tests: Playwright for Python drives Debian's Chromium against pytest-django's live server.

One browser for the whole session; a fresh context (cookies) per test. Personas sign in by a
session cookie made with the test client's force_login, except the test of the sign-in form.
Where /usr/bin/chromium is missing, the run stops at once with the command that installs it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent

# Background work (an import's check, a PDF) runs beside the live server on a machine that may be
# running two test workers and a browser at once; assertions wait up to 20 s rather than the
# default 5 s before they fail.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config, items):
    """Browser tests are never skipped: without Chromium the run stops at once, naming the fix."""
    if Path(CHROMIUM).exists():
        return
    if any(item.get_closest_marker("browser") or Path(item.path).resolve().is_relative_to(HERE) for item in items):
        raise pytest.UsageError(
            f"{CHROMIUM} is missing, and the browser tests need it. Run: sudo scripts/ensure_system_packages.sh "
            "(or: sudo apt-get install chromium)"
        )


def _seed_vocabularies() -> None:
    importlib.import_module("partners.migrations.0002_seed_vocabularies").seed(apps, None)


@pytest.fixture(autouse=True)
def vocabularies(django_db_setup, django_db_blocker):
    """The live server needs a transactional database, which is emptied after each test, and the
    data migration's sectors with it. Seed them before each browser test and again after the
    flush, so later tests find the database as the migrations left it.

    (serialized_rollback would do this, but its saved copy lives on a connection object that the
    test, running beside Playwright's event loop, does not see.)
    """
    with django_db_blocker.unblock():
        _seed_vocabularies()
    yield
    with django_db_blocker.unblock():
        _seed_vocabularies()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def sign_in(live_server, context):
    """`sign_in(user)` puts a session cookie for `user` into the browser context."""

    def sign(user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    return sign


@pytest.fixture
def url(live_server):
    return lambda path: live_server.url + path
