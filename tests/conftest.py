"""Shared fixtures: a small world and the personas that act in it.

The world: coalition A (members: org A, org B) and coalition B (member: org C); org D belongs
to no coalition. Personas: admin; coordinator of A; member of org A; outsider (member of org D);
coordinator of B; anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key
from rest_framework.test import APIClient

from tests import factories as f

# What the migrations wrote (content types, permissions, vocabularies, schedules), per database.
_MIGRATED: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep a copy of the freshly migrated test databases, to put back after transactional tests."""
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            if connection.settings_dict.get("TEST", {}).get("MIRROR"):
                continue
            if not hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            _MIGRATED[alias] = connection._test_serialized_contents
    yield
    # The test databases are about to go: nothing to put back any more (the settings name the real ones).
    _MIGRATED.clear()


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem):
    """Put the migrated data back after every transactional test, whatever order tests run in.

    Django ends a transactional test by emptying every table. Without serialized_rollback it
    then re-creates content types and permissions (new ids) but not the data migrations' rows;
    with it, it leaves the tables empty. Either way the next test would find another database
    than the migrations left, and a serialized_rollback test that reloads the original rows
    fails on the re-created content types (UNIQUE constraint failed: django_content_type).
    """
    try:
        return (yield)
    finally:
        if _MIGRATED and _is_transactional(item):
            _restore_migrated_data(item.config)


def _restore_migrated_data(config: pytest.Config) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections

    with config.stash[blocking_manager_key].unblock():
        for alias, data in _MIGRATED.items():
            flush = {"interactive": False, "verbosity": 0, "reset_sequences": False, "inhibit_post_migrate": True}
            call_command("flush", database=alias, **flush)
            connections[alias].creation.deserialize_db_from_string(data)
        ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: each test's database is rolled back, so the change
    stamps that key cached figures repeat from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    coalition_a: object
    coalition_b: object
    org_a: object
    org_b: object
    org_c: object
    org_d: object
    admin: object
    coordinator: object
    member: object
    outsider: object
    other_coordinator: object


@pytest.fixture
def world(db) -> World:
    coalition_a = f.coalition("Coalition A")
    coalition_b = f.coalition("Coalition B", kind="network", scope="national")
    org_a = f.organization("Org A", sector_slug="law-enforcement", visibility="public")
    org_b = f.organization("Org B", sector_slug="ngo-victim-services", visibility="members")
    org_c = f.organization("Org C", sector_slug="health-care", visibility="public")
    org_d = f.organization("Org D", sector_slug="business", visibility="public")
    f.membership(org_a, coalition_a, role="lead")
    f.membership(org_b, coalition_a)
    f.membership(org_c, coalition_b)
    return World(
        coalition_a=coalition_a,
        coalition_b=coalition_b,
        org_a=org_a,
        org_b=org_b,
        org_c=org_c,
        org_d=org_d,
        admin=f.user("admin", admin=True),
        coordinator=f.user("coordinator", coordinates=[coalition_a]),
        member=f.user("member", org=org_a),
        outsider=f.user("outsider", org=org_d),
        other_coordinator=f.user("other-coordinator", coordinates=[coalition_b]),
    )


@pytest.fixture
def api():
    """An API client; call `api.force_authenticate(user)` to act as a persona."""
    return APIClient()


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the random order's seed even in quiet mode, so a failing order can be replayed."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int):
        terminalreporter.write_line(
            f"Random order seed: {seed} (replay this order: make test PYTEST_ARGS=--randomly-seed={seed})"
        )
