"""The collaboration pairs as a download: their columns, and their rows for a request."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from analytics.filters import NO_FILTERS, figure_filters
from analytics.pairs import collaboration_pairs, described_pairs
from analytics.rows import Pair
from partners.exports.cells import join_list
from partners.exports.columns import Column, Resource
from partners.exports.lists import register_export


def pairs_export_rows(request: HttpRequest) -> QuerySet:
    """Every pair the request's user may see under the query's filters and `ordering`."""
    filters = figure_filters(request.GET, request=request)
    return collaboration_pairs(viewer=request.user, filters=filters, ordering=request.GET.get("ordering", "-count"))


def _named_pairs(queryset: QuerySet, request) -> Iterator[Pair]:
    try:
        filters = figure_filters(request.GET, request=request)
    except ValidationError:
        filters = NO_FILTERS  # the rows were read under valid filters; this only names them
    return described_pairs(queryset, viewer=request.user, filters=filters)


def _kinds(row: Pair) -> str:
    return join_list(f"{kind}:{n}" for kind, n in sorted(row["kinds"].items()))


PAIRS = Resource(
    name="pairs",
    title="Collaboration pairs",
    columns=(
        Column("organization_a", lambda r: r["organization_a"].slug),
        Column("organization_a_name", lambda r: r["organization_a"].name),
        Column("organization_b", lambda r: r["organization_b"].slug),
        Column("organization_b_name", lambda r: r["organization_b"].name),
        Column("count", lambda r: r["count"]),
        Column("first_date", lambda r: r["first_date"]),
        Column("last_date", lambda r: r["last_date"]),
        Column("kinds", _kinds, "kind:count separated by ';'."),
    ),
    rows=_named_pairs,
)


def register_pairs_export() -> None:
    register_export(PAIRS, pairs_export_rows)
