"""Fixtures for the page tests: a Django test client signed in as a persona (force_login only)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client_as():
    """`client_as(user)` returns a fresh client signed in as `user` (None: anonymous)."""

    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
