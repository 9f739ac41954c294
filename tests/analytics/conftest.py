"""Fixtures for the analytics tests: the API tests' client and small activity log."""

from tests.api.conftest import activities, client_as  # noqa: F401 - fixtures shared with the API tests
