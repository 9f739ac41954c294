"""API rate limits that stay out of the way when the shared cache is down.

DRF keeps each caller's request history in the cache. With `CACHE_URL` pointing at Redis, an
outage of that server would otherwise fail every API request; here the request is let through
and the outage logged, since the limits protect capacity and sign-in throttling (django-axes)
keeps its counts in the database regardless.
"""

from __future__ import annotations

import logging

from rest_framework import throttling

logger = logging.getLogger(__name__)


class _TolerantMixin:
    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # any cache backend's connection error
            logger.warning("The cache did not answer; the API rate limit was not applied.", exc_info=True)
            return True


class AnonRateThrottle(_TolerantMixin, throttling.AnonRateThrottle):
    """Anonymous callers, by address."""


class UserRateThrottle(_TolerantMixin, throttling.UserRateThrottle):
    """Signed-in callers, by account."""
