"""Collaborative activities per month, and the sector matrix: the figures of a coalition's page."""

from __future__ import annotations

from django.db.models import F, Sum

from analytics import live, reads
from analytics.cache import cached, figure_cache_key, today
from analytics.collaborators import months_of
from analytics.filters import NO_FILTERS, FigureFilters
from analytics.rows import SectorMatrix, TimelineMonth, sector_matrix_of
from partners import permissions as perms


def collaboration_timeline(*, viewer, filters: FigureFilters = NO_FILTERS) -> list[TimelineMonth]:
    """Collaborative activities per month, in total and by kind: [{month, count, by_kind}]."""
    key = figure_cache_key("timeline", viewer=viewer, filters=filters)
    return cached(key, lambda: _collaboration_timeline(viewer=viewer, filters=filters))


def _collaboration_timeline(*, viewer, filters: FigureFilters) -> list[TimelineMonth]:
    if filters.sector is not None:  # counts whole activities with someone of the sector: live
        return live.collaboration_timeline(viewer=viewer, filters=filters)
    parts = reads.activity_rows(perms.FigureViewer.of(viewer), filters, today())
    months = list(months_of(parts, by_kind=True).values())
    for entry in months:
        entry["by_kind"] = dict(sorted(entry["by_kind"].items()))
    return months


def sector_matrix(*, viewer, filters: FigureFilters = NO_FILTERS) -> SectorMatrix:
    """Collaborations between organisations of each pair of primary sectors (symmetric).

    Cell (A, B) counts collaborations between an organisation whose primary sector is A and one
    whose primary sector is B; the diagonal counts collaborations within a sector.
    """
    key = figure_cache_key("matrix", viewer=viewer, filters=filters)
    return sector_matrix_of(cached(key, lambda: _sector_cells(viewer, filters)))


def _sector_cells(viewer, filters: FigureFilters) -> list[dict]:
    seen = perms.FigureViewer.of(viewer)
    if reads.needs_live_pairs(seen, filters):
        return live.sector_cells(viewer=viewer, filters=filters)
    return list(
        reads.pair_rows(seen, filters, today())
        .values(sa=F("org_a__primary_sector_id"), sb=F("org_b__primary_sector_id"))
        .annotate(n=Sum("activities"))
        .order_by()
    )
