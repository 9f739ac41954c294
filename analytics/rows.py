"""The typed rows every figure returns, and the pure functions that shape them.

They are plain dicts at run time (TypedDicts), so the same rows go to templates, serializers,
export writers and the report without conversion.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import TypedDict

from partners.models import Organization, Sector


class PairRow(TypedDict):
    """Two organisations (by id, `org_a < org_b`) and how often they collaborated."""

    org_a: int
    org_b: int
    count: int
    first_date: datetime.date
    last_date: datetime.date


class Pair(PairRow):
    """A pair row with both organisations and the kinds of activity (with counts)."""

    organization_a: Organization
    organization_b: Organization
    kinds: dict[str, int]


class PairPage(TypedDict):
    """One page of pairs and the number of pairs in all."""

    pairs: list[Pair]
    total: int


class Collaborator(TypedDict, total=False):
    """One partner of an organisation: how often they collaborated (kinds on request)."""

    partner: int
    organization: Organization
    count: int
    first_date: datetime.date
    last_date: datetime.date
    org_a: int
    org_b: int
    kinds: dict[str, int]


class MonthCount(TypedDict):
    month: str  # YYYY-MM
    count: int


class TimelineMonth(MonthCount):
    by_kind: dict[str, int]


class SectorMatrix(TypedDict):
    sectors: list[Sector]
    matrix: list[list[int]]  # matrix[i][j]: collaborations between sectors[i] and sectors[j]
    total: int


class NetworkNode(TypedDict):
    id: int
    slug: str
    name: str
    sector: str
    sector_name: str
    colour: str
    degree: int
    weighted_degree: int
    betweenness: float
    eigenvector: float
    short: str  # the label drawn in the picture (analytics.layout)
    shape: str  # the sector's mark (analytics.marks)
    x: float
    y: float
    size: float


class NetworkEdge(TypedDict):
    source: int
    target: int
    weight: int
    last_date: str


class NetworkSummary(TypedDict):
    nodes: int
    edges: int
    density: float
    components: int
    average_clustering: float
    cross_sector_edge_share: float


class Network(TypedDict):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    summary: NetworkSummary


def month_label(value) -> str:
    return value.strftime("%Y-%m") if value else ""


def sector_matrix_of(cells: Iterable[dict]) -> SectorMatrix:
    """The symmetric matrix from rows {sa, sb, n} (collaborations between an organisation of
    primary sector sa and one of sb)."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for r in cells:
        counts[(r["sa"], r["sb"])] += r["n"]
        if r["sa"] != r["sb"]:
            counts[(r["sb"], r["sa"])] += r["n"]
    sectors = list(Sector.objects.order_by("position", "name"))
    matrix = [[counts.get((row.pk, col.pk), 0) for col in sectors] for row in sectors]
    total = sum(matrix[i][j] for i in range(len(sectors)) for j in range(i, len(sectors)))
    return {"sectors": sectors, "matrix": matrix, "total": total}
