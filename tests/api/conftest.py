"""Fixtures for the API tests: a client acting as a persona, and a small activity log."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests import factories as f

D = datetime.date


@pytest.fixture
def client_as():
    """`client_as(user)`: an API client authenticated as `user` (anonymous when None)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def activities(world):
    """A small activity log over the world (A law enforcement, B NGO, C health care, D business):

    m1 2024-01-10 coalition A  coalition meeting  A(host), B, C
    m2 2024-02-05 coalition A  case coordination  A, B
    m3 2024-02-20 no coalition training           A            (one organisation: not collaboration)
    m4 2024-03-01 coalition A  joint operation    A, C         (participants only)
    m5 2024-03-15 coalition B  referral           C, D
    m6 next year  coalition A  coalition meeting  A, B         (planned: not collaboration yet)
    """
    w = world
    w.m1 = f.meeting([w.org_a, w.org_b, w.org_c], date=D(2024, 1, 10), coalition=w.coalition_a, hosts=[w.org_a])
    w.m2 = f.meeting([w.org_a, w.org_b], date=D(2024, 2, 5), kind="case_coordination", coalition=w.coalition_a)
    w.m3 = f.meeting([w.org_a], date=D(2024, 2, 20), kind="training")
    w.m4 = f.meeting(
        [w.org_a, w.org_c],
        date=D(2024, 3, 1),
        kind="joint_operation",
        coalition=w.coalition_a,
        visibility="participants",
        title="Joint operation at the port",
    )
    w.m5 = f.meeting([w.org_c, w.org_d], date=D(2024, 3, 15), kind="referral", coalition=w.coalition_b)
    w.m6 = f.meeting(
        [w.org_a, w.org_b], date=timezone.localdate() + datetime.timedelta(days=365), coalition=w.coalition_a
    )
    return w


def state(instance) -> dict:
    """The stored values of a record's own fields, read fresh: compare before and after a
    refused write to show that it changed nothing."""
    fresh = type(instance)._default_manager.get(pk=instance.pk)
    return {f.attname: getattr(fresh, f.attname) for f in type(instance)._meta.concrete_fields}
