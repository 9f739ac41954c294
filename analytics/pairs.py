"""Who works with whom: the collaboration pairs, a page of them with the total, and their kinds.

Definitions, used everywhere and explained on the pages:
- a *collaborative activity* is a meeting or joint activity with two or more distinct
  participating organisations;
- a *collaboration* between two organisations is one collaborative activity in which both took
  part; a pair's *count* is the number of such activities;
- only activities dated today or earlier count: a planned meeting is not collaboration yet.

Every read starts from what the viewer may see (reads.py), from the rollup tables, or from the
activities themselves (live.py) where the rollups cannot answer.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import reduce
from operator import or_

from django.db.models import Count, Max, Min, Q, QuerySet, Sum, Window

from analytics import live, reads
from analytics.cache import cached, figure_cache_key, from_cache, to_cache, today
from analytics.filters import NO_FILTERS, PAIR_ORDERINGS, FigureFilters
from analytics.rows import Pair, PairPage, PairRow
from partners import permissions as perms

DESCRIBE_CHUNK = 500


def collaboration_pairs(
    *,
    viewer,
    filters: FigureFilters = NO_FILTERS,
    ordering: str = "-count",
    min_count: int = 1,
    among: Iterable[int] | None = None,
) -> QuerySet[PairRow]:
    """Pairs of organisations with how often they collaborated and their first and last date.

    A lazy values() queryset of PairRow dicts, ordered and countable in the database; `among`
    keeps the pairs of those organisations. `describe_pairs` names a page of them.
    """
    seen = perms.FigureViewer.of(viewer)
    if reads.needs_live_pairs(seen, filters):
        rows = live.collaboration_pairs(viewer=viewer, filters=filters, ordering=ordering, min_count=min_count)
    else:
        order = PAIR_ORDERINGS.get(ordering, PAIR_ORDERINGS["-count"])
        rows = (
            reads.pair_rows(seen, filters, today())
            .values("org_a", "org_b")
            .annotate(count=Sum("activities"), first_date=Min("date"), last_date=Max("date"))
            .filter(count__gte=max(1, min_count))
            .order_by(*order, "org_a_id", "org_b_id")
        )
    if among is not None:
        ids = sorted(set(among))
        rows = rows.filter(org_a__in=ids, org_b__in=ids)
    return rows


def pair_kinds(
    wanted: Iterable[tuple[int, int]], *, seen: perms.FigureViewer, filters: FigureFilters = NO_FILTERS
) -> dict[tuple[int, int], dict[str, int]]:
    """The kinds of activity (with counts) of exactly the `wanted` pairs (lower id first), from
    the rollups: for a viewer the rollups can answer (not reads.needs_live_pairs)."""
    wanted = sorted(set(wanted))
    if not wanted:
        return {}
    # Exactly the page's pairs: each an index range of the pair rows.
    exact = reduce(or_, (Q(org_a=a, org_b=b) for a, b in wanted))
    kinds: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    kind_rows = (
        reads.pair_rows(seen, filters, today())
        .filter(exact)
        .values("org_a", "org_b", "kind")
        .annotate(n=Sum("activities"))
        .order_by()
    )
    for k in kind_rows:
        kinds[(k["org_a"], k["org_b"])][k["kind"]] = k["n"]
    return dict(kinds)


def describe_pairs(
    rows: list[PairRow], *, viewer, filters: FigureFilters = NO_FILTERS, _cache_key: str | None = None
) -> list[Pair]:
    """Add both organisations and the kinds of activity (with counts) to a page of pair rows.

    The organisations are always read fresh, for this viewer; under a page's cache key the kinds
    are read once per change of the figures."""
    if not rows:
        return []
    seen = perms.FigureViewer.of(viewer)
    if reads.needs_live_pairs(seen, filters):
        return live.describe_pairs(rows, viewer=viewer, filters=filters)
    ids = {r["org_a"] for r in rows} | {r["org_b"] for r in rows}
    orgs = {o.pk: o for o in perms.organizations_visible_to(viewer).filter(pk__in=ids).select_related("primary_sector")}
    wanted = sorted({(r["org_a"], r["org_b"]) for r in rows})
    if _cache_key:
        digest = hashlib.sha256(repr(wanted).encode()).hexdigest()[:32]
        kinds = cached(f"{_cache_key}:kinds:{digest}", lambda: pair_kinds(wanted, seen=seen, filters=filters))
    else:
        kinds = pair_kinds(wanted, seen=seen, filters=filters)
    described = []
    for r in rows:
        a, b = orgs.get(r["org_a"]), orgs.get(r["org_b"])
        if a is None or b is None:
            continue  # an organisation the viewer may not see is never named
        pair = (r["org_a"], r["org_b"])
        described.append({**r, "organization_a": a, "organization_b": b, "kinds": dict(kinds.get(pair, {}))})
    return described


def pair_page(
    *,
    viewer,
    filters: FigureFilters = NO_FILTERS,
    ordering: str = "-count",
    min_count: int = 1,
    start: int = 0,
    stop: int = 0,
) -> PairPage:
    """The pairs [start:stop], named, and the number of pairs in all.

    The first read of a page after a change runs one aggregation for the page and the total
    (a window count); then each page, its kinds and the total come from the cache. With
    `stop <= start` only the total is read."""
    rows = collaboration_pairs(viewer=viewer, filters=filters, ordering=ordering, min_count=min_count)
    key = figure_cache_key("pairs", viewer=viewer, filters=filters, extra=(ordering, min_count))
    total = from_cache(f"{key}:count")
    page = None
    if total is None and 0 <= start < stop:
        page = list(rows.annotate(window_total=Window(Count("*")))[start:stop])
        if page:
            total = page[0]["window_total"]
            for row in page:
                del row["window_total"]
            # The last page is then read as [start:total].
            to_cache({f"{key}:count": total, f"{key}:{start}:{min(stop, total)}": page})
    if total is None:
        total = cached(f"{key}:count", rows.count)
    if stop <= start or start >= total:
        return {"pairs": [], "total": total}
    if page is None:
        end = min(stop, total)
        page = cached(f"{key}:{start}:{end}", lambda: list(rows[start:end]))
    return {"pairs": describe_pairs(page, viewer=viewer, filters=filters, _cache_key=key), "total": total}


def described_pairs(rows: QuerySet[PairRow], *, viewer, filters: FigureFilters = NO_FILTERS) -> Iterator[Pair]:
    """Every pair of `rows`, named a chunk at a time (for downloads of all pairs)."""
    chunk: list[PairRow] = []
    for row in rows.iterator(chunk_size=DESCRIBE_CHUNK):
        chunk.append(row)
        if len(chunk) >= DESCRIBE_CHUNK:
            yield from describe_pairs(chunk, viewer=viewer, filters=filters)
            chunk = []
    if chunk:
        yield from describe_pairs(chunk, viewer=viewer, filters=filters)
