"""Fixtures for the people tests (contacts kept current, invitations, the users page): clients
signed in by session, so one client reaches the pages and the API alike."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def client_as():
    """`client_as(user)`: a client signed in as `user` by session (None: anonymous)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make
