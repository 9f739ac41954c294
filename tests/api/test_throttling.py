"""Throttling: anonymous and signed-in callers are rate-limited (the test settings raise the limits)."""

import pytest
from django.conf import settings
from django.core.cache import cache

from coalition import settings as production_settings
from partners.api.throttling import AnonRateThrottle, UserRateThrottle

pytestmark = pytest.mark.django_db


def test_production_settings_throttle_anonymous_and_signed_in_callers():
    rest = production_settings.REST_FRAMEWORK
    assert rest["DEFAULT_THROTTLE_CLASSES"] == [
        "partners.api.throttling.AnonRateThrottle",
        "partners.api.throttling.UserRateThrottle",
    ]
    assert set(rest["DEFAULT_THROTTLE_RATES"]) == {"anon", "user"}


def test_the_test_settings_do_not_throttle():
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {"anon": "100000/minute", "user": "100000/minute"}


@pytest.mark.parametrize("throttle", [AnonRateThrottle, UserRateThrottle])
def test_a_caller_over_the_rate_gets_429(world, client_as, monkeypatch, throttle):
    monkeypatch.setattr(throttle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"})
    cache.clear()
    client = client_as(None if throttle is AnonRateThrottle else world.member)
    statuses = [client.get("/api/v1/sectors/").status_code for _ in range(3)]
    cache.clear()
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("throttle", [AnonRateThrottle, UserRateThrottle])
def test_a_cache_outage_lets_requests_through_instead_of_failing_them(world, client_as, monkeypatch, throttle):
    monkeypatch.setattr(throttle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"})

    def refuse(*args, **kwargs):
        raise ConnectionError("connection refused")

    monkeypatch.setattr(throttle, "cache", type("Down", (), {"get": refuse, "set": refuse})())
    client = client_as(None if throttle is AnonRateThrottle else world.member)
    assert [client.get("/api/v1/sectors/").status_code for _ in range(3)] == [200, 200, 200]
