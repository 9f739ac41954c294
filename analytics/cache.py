"""The figure cache: each costly figure is computed once per change of what it counts.

Figures over a national network's history (all-time pairs, the sector matrix, a busy
organisation's partners, network measures) cost up to seconds; they change only when the
activities, the organisations or the viewer's visibility do. They are kept in the cache under a
key that changes with any of those. Only the figure functions of this app choose keys: callers
never see them.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from analytics import reads
from analytics.filters import NO_FILTERS, FigureFilters
from partners import permissions as perms

logger = logging.getLogger(__name__)

FIGURE_CACHE_SECONDS = 24 * 60 * 60
T = TypeVar("T")


def today() -> datetime.date:
    return timezone.localdate()


def figure_cache_key(name: str, *, viewer, filters: FigureFilters = NO_FILTERS, extra: tuple = ()) -> str:
    """The cache key of one figure for a viewer under `filters`: the same for every viewer who
    sees the same activities, and new after any write that changes the figures (the change
    stamp of the coalition filtered on, or of all), any edit of an organisation (names and
    sectors label the figures) and at midnight (planned activities become collaborations)."""
    seen = perms.FigureViewer.of(viewer)
    organizations = perms.organizations_visible_to(viewer).aggregate(last=Max("updated_at"), n=Count("pk"))
    parts = (
        reads.change_stamp(filters.coalition_id),
        reads.visibility_key(seen, filters.coalition_id),
        organizations["n"],
        organizations["last"].isoformat() if organizations["last"] else "",
        today().isoformat(),
        *filters.key(),
        *extra,
    )
    return f"analytics:{name}:" + ":".join(str(p) for p in parts)


def from_cache(key: str):
    """The cached value, or None when there is none or the cache server does not answer: the
    figures are then computed as if never cached, rather than failing the request."""
    try:
        return cache.get(key)
    except Exception:  # any cache backend's connection error
        logger.warning("The cache did not answer; computing %s without it.", key.split(":", 2)[1], exc_info=True)
        return None


def to_cache(entries: dict) -> None:
    try:
        cache.set_many(entries, FIGURE_CACHE_SECONDS)
    except Exception:  # any cache backend's connection error
        logger.warning("The cache did not answer; the figures were not kept.", exc_info=True)


def cached(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or the value it gave under `key` since the last change."""
    value = from_cache(key)
    if value is None:
        value = compute()
        to_cache({key: value})
    return value
