"""Shared fixtures: a small world and the personas that act in it.

The world: coalition A (members: org A, org B) and coalition B (member: org C); org D belongs
to no coalition. Personas: admin; coordinator of A; member of org A; outsider (member of org D);
coordinator of B; anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests import factories as f


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
