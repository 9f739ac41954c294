"""Fixtures for the service tests that also go through the doors: a client signed in by session,
so the same client reaches the API and the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def client_as():
    """`client_as(user)`: a client signed in as `user` (by session), for the API and the pages alike."""

    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return make
