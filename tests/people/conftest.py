"""Fixtures for the people tests (contacts kept current, invitations, the users page): clients
signed in by session, so one client reaches the pages and the API alike."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


class SiteAndApiClient(APIClient):
    """Pages take forms (multipart), the API takes JSON: each path gets its own default body."""

    def post(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        if format is None and content_type is None and not path.startswith("/api/"):
            format = "multipart"
        return super().post(path, data, format=format, content_type=content_type, follow=follow, **extra)


@pytest.fixture
def client_as():
    """`client_as(user)`: a client signed in as `user` by session (None: anonymous)."""

    def make(user=None) -> APIClient:
        client = SiteAndApiClient()
        if user is not None:
            client.force_login(user)
        return client

    return make
