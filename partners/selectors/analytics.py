"""Collaboration analytics: pairs, one organisation's collaborators, the sector matrix, the
timeline and the network. Every analytics read lives here, so a change in how they are computed
(for example pre-aggregated tables for large data) touches this module alone.

Definitions, used everywhere and explained on the pages:
- a *collaborative activity* is a meeting or joint activity with two or more distinct
  participating organisations;
- a *collaboration* between two organisations is one collaborative activity in which both took
  part; a pair's *count* is the number of such activities;
- only activities dated today or earlier count: a planned meeting is not collaboration yet.

Visibility: every read starts from the meetings the viewer may see, so a participants-only
activity never reaches the figures of someone who may not open it.

Speed: pairs, collaborators, the sector matrix and the timeline read the rollup tables of the
`rollups` app (kept in step with every write by database triggers) instead of joining every
participation twice; rollups/reads.py turns the viewer's visibility into conditions on those
rows. The `_live_*` functions compute the same figures from the activities themselves: they
answer the few reads the rollups cannot (a sector filter on activity counts; a viewer whose
organisation took part in another coalition's coalition-wide activity), and the tests hold
the two paths equal. Network measures are cached until the coalition's figures change.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_

import networkx as nx
from django.core.cache import cache
from django.db.models import Case, Count, F, Max, Min, Q, QuerySet, Sum, When, Window
from django.db.models.functions import TruncMonth
from django.utils import timezone

from partners import permissions as perms
from partners.models import Coalition, Meeting, Organization, Participation, Sector
from rollups import reads

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalyticsFilters:
    """The filters every analytics read takes (parsed by partners.filtersets.AnalyticsFilterSet)."""

    coalition: Coalition | None = None
    sector: Sector | None = None
    kinds: tuple[str, ...] = ()
    since: datetime.date | None = None
    until: datetime.date | None = None

    @classmethod
    def from_cleaned(cls, data: dict) -> AnalyticsFilters:
        return cls(
            coalition=data.get("coalition"),
            sector=data.get("sector"),
            kinds=tuple(data.get("kind") or ()),
            since=data.get("since"),
            until=data.get("until"),
        )

    def plain(self) -> reads.Filters:
        return reads.Filters(
            coalition_id=self.coalition.pk if self.coalition is not None else None,
            sector_id=self.sector.pk if self.sector is not None else None,
            kinds=tuple(sorted(self.kinds)),
            since=self.since,
            until=self.until,
        )


NO_FILTERS = AnalyticsFilters()


def _meetings(viewer, filters: AnalyticsFilters) -> QuerySet[Meeting]:
    """Visible activities that have taken place (planned ones are not collaboration yet)."""
    meetings = perms.meetings_visible_to(viewer).filter(date__lte=timezone.localdate())
    if filters.coalition is not None:
        meetings = meetings.filter(coalition=filters.coalition)
    if filters.kinds:
        meetings = meetings.filter(kind__in=filters.kinds)
    if filters.since:
        meetings = meetings.filter(date__gte=filters.since)
    if filters.until:
        meetings = meetings.filter(date__lte=filters.until)
    return meetings


def _pair_rows(viewer, filters: AnalyticsFilters, extra: Q | None = None) -> QuerySet:
    """One row per (participation, other participation) in the same visible meeting with
    `org_a < org_b`: each collaboration appears exactly once.

    Every condition on the other side of the pair must go into this one filter() call: a
    second call on `meeting__participations` would join the table again and multiply rows.
    """
    condition = Q(
        meeting_id__in=_meetings(viewer, filters).values("pk"),
        meeting__participations__organization_id__gt=F("organization_id"),
    )
    if filters.sector is not None:
        in_sector = Organization.objects.filter(sectors=filters.sector).values("pk")
        condition &= Q(organization_id__in=in_sector) | Q(meeting__participations__organization_id__in=in_sector)
    if extra is not None:
        condition &= extra
    return Participation.objects.filter(condition)


PAIR_ORDERINGS = {
    "count": ("count", "last_date"),
    "-count": ("-count", "-last_date"),
    "last_date": ("last_date", "count"),
    "-last_date": ("-last_date", "-count"),
    "first_date": ("first_date", "count"),
    "-first_date": ("-first_date", "-count"),
}


def _live_collaboration_pairs(
    *, viewer, filters: AnalyticsFilters = NO_FILTERS, ordering: str = "-count", min_count: int = 1
) -> QuerySet:
    """Pairs of organisations with how often they collaborated and their first and last date.

    A lazy values() queryset of dicts {org_a, org_b, count, first_date, last_date}, ordered and
    countable in the database; pass a page of it to `describe_pairs` for names and kinds.
    """
    order = PAIR_ORDERINGS.get(ordering, PAIR_ORDERINGS["-count"])
    return (
        _pair_rows(viewer, filters)
        .values(org_a=F("organization_id"), org_b=F("meeting__participations__organization_id"))
        .annotate(count=Count("meeting_id"), first_date=Min("meeting__date"), last_date=Max("meeting__date"))
        .filter(count__gte=max(1, min_count))
        .order_by(*order, "org_a", "org_b")
    )


def _live_describe_pairs(rows: list[dict], *, viewer, filters: AnalyticsFilters = NO_FILTERS) -> list[dict]:
    """Add both organisations and the kinds of activity (with counts) to a page of pair rows."""
    if not rows:
        return []
    ids = {r["org_a"] for r in rows} | {r["org_b"] for r in rows}
    orgs = {o.pk: o for o in perms.organizations_visible_to(viewer).filter(pk__in=ids).select_related("primary_sector")}
    wanted = {(r["org_a"], r["org_b"]) for r in rows}
    kinds: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    kind_rows = (
        _pair_rows(viewer, filters, Q(organization_id__in=ids, meeting__participations__organization_id__in=ids))
        .values(a=F("organization_id"), b=F("meeting__participations__organization_id"), kind=F("meeting__kind"))
        .annotate(n=Count("meeting_id"))
        .order_by()
    )
    for k in kind_rows:
        if (k["a"], k["b"]) in wanted:
            kinds[(k["a"], k["b"])][k["kind"]] = k["n"]
    described = []
    for r in rows:
        a, b = orgs.get(r["org_a"]), orgs.get(r["org_b"])
        if a is None or b is None:
            continue  # an organisation the viewer may not see is never named
        described.append({**r, "organization_a": a, "organization_b": b, "kinds": kinds[(r["org_a"], r["org_b"])]})
    return described


def _live_collaborators_of(*, viewer, organization: Organization, filters: AnalyticsFilters = NO_FILTERS) -> QuerySet:
    """One organisation's partners: {partner, count, first_date, last_date}, most frequent first."""
    meetings = _meetings(viewer, filters).filter(participations__organization=organization).values("pk")
    rows = Participation.objects.filter(meeting_id__in=meetings).exclude(organization=organization)
    if filters.sector is not None:
        rows = rows.filter(organization__sectors=filters.sector)
    return (
        rows.values(partner=F("organization_id"))
        .annotate(
            count=Count("meeting_id", distinct=True), first_date=Min("meeting__date"), last_date=Max("meeting__date")
        )
        .order_by("-count", "-last_date", "partner")
    )


def describe_collaborators(rows: list[dict], *, viewer) -> list[dict]:
    ids = [r["partner"] for r in rows]
    orgs = {o.pk: o for o in perms.organizations_visible_to(viewer).filter(pk__in=ids).select_related("primary_sector")}
    return [{**r, "organization": orgs[r["partner"]]} for r in rows if r["partner"] in orgs]


def _collaborative_meetings(viewer, filters: AnalyticsFilters) -> QuerySet[Meeting]:
    """Visible meetings with two or more distinct organisations."""
    collaborative = (
        Participation.objects.filter(meeting_id__in=_meetings(viewer, filters).values("pk"))
        .values("meeting_id")
        .annotate(n=Count("organization_id", distinct=True))
        .filter(n__gte=2)
        .values("meeting_id")
    )
    meetings = Meeting.objects.filter(pk__in=collaborative)
    if filters.sector is not None:
        meetings = meetings.filter(
            pk__in=Participation.objects.filter(organization__sectors=filters.sector).values("meeting_id")
        )
    return meetings


def _live_monthly_collaborations_of(
    *, viewer, organization: Organization, filters: AnalyticsFilters = NO_FILTERS
) -> list[dict]:
    """How many collaborative activities the organisation took part in, month by month."""
    meetings = _collaborative_meetings(viewer, filters).filter(
        pk__in=Participation.objects.filter(organization=organization).values("meeting_id")
    )
    rows = meetings.annotate(month=TruncMonth("date")).values("month").annotate(count=Count("id")).order_by("month")
    return [{"month": _month(r["month"]), "count": r["count"]} for r in rows]


def _month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


def _live_collaboration_timeline(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> list[dict]:
    """Collaborative activities per month, in total and by kind: [{month, count, by_kind}]."""
    rows = (
        _collaborative_meetings(viewer, filters)
        .annotate(month=TruncMonth("date"))
        .values("month", "kind")
        .annotate(count=Count("id"))
        .order_by("month", "kind")
    )
    months: dict[str, dict] = {}
    for r in rows:
        entry = months.setdefault(_month(r["month"]), {"month": _month(r["month"]), "count": 0, "by_kind": {}})
        entry["count"] += r["count"]
        entry["by_kind"][r["kind"]] = r["count"]
    return list(months.values())


def _live_sector_matrix(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> dict:
    """Collaborations between organisations of each pair of primary sectors (symmetric).

    Cell (A, B) counts collaborations between an organisation whose primary sector is A and one
    whose primary sector is B; the diagonal counts collaborations within a sector.
    """
    return _matrix(_live_sector_cells(viewer=viewer, filters=filters))


def _live_sector_cells(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> list[dict]:
    return list(
        _pair_rows(viewer, filters)
        .values(
            sa=F("organization__primary_sector_id"), sb=F("meeting__participations__organization__primary_sector_id")
        )
        .annotate(n=Count("id"))
        .order_by()
    )


# --- the rollup reads (what the rest of the application calls) --------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def collaboration_pairs(
    *, viewer, filters: AnalyticsFilters = NO_FILTERS, ordering: str = "-count", min_count: int = 1
) -> QuerySet:
    """Pairs of organisations with how often they collaborated and their first and last date.

    A lazy values() queryset of dicts {org_a, org_b, count, first_date, last_date}, ordered and
    countable in the database; pass a page of it to `describe_pairs` for names and kinds.
    """
    seen, plain = reads.Viewer.of(viewer), filters.plain()
    if reads.needs_live_pairs(seen, plain):
        return _live_collaboration_pairs(viewer=viewer, filters=filters, ordering=ordering, min_count=min_count)
    order = PAIR_ORDERINGS.get(ordering, PAIR_ORDERINGS["-count"])
    return (
        reads.pair_rows(seen, plain, _today())
        .values("org_a", "org_b")
        .annotate(count=Sum("activities"), first_date=Min("date"), last_date=Max("date"))
        .filter(count__gte=max(1, min_count))
        .order_by(*order, "org_a_id", "org_b_id")
    )


def describe_pairs(
    rows: list[dict], *, viewer, filters: AnalyticsFilters = NO_FILTERS, cache_key: str | None = None
) -> list[dict]:
    """Add both organisations and the kinds of activity (with counts) to a page of pair rows.

    With `cache_key` (the key of the figures the rows come from), the kinds are read once per
    change of those figures; the organisations are always read fresh, for this viewer."""
    if not rows:
        return []
    seen, plain = reads.Viewer.of(viewer), filters.plain()
    if reads.needs_live_pairs(seen, plain):
        return _live_describe_pairs(rows, viewer=viewer, filters=filters)
    ids = {r["org_a"] for r in rows} | {r["org_b"] for r in rows}
    orgs = {o.pk: o for o in perms.organizations_visible_to(viewer).filter(pk__in=ids).select_related("primary_sector")}
    wanted = sorted({(r["org_a"], r["org_b"]) for r in rows})

    def read_kinds() -> dict[tuple[int, int], dict[str, int]]:
        # Exactly the page's pairs: each an index range of the pair rows.
        exact = reduce(or_, (Q(org_a=a, org_b=b) for a, b in wanted))
        kinds: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
        kind_rows = (
            reads.pair_rows(seen, plain, _today())
            .filter(exact)
            .values("org_a", "org_b", "kind")
            .annotate(n=Sum("activities"))
            .order_by()
        )
        for k in kind_rows:
            kinds[(k["org_a"], k["org_b"])][k["kind"]] = k["n"]
        return dict(kinds)

    if cache_key:
        digest = hashlib.sha256(repr(wanted).encode()).hexdigest()[:32]
        kinds = cached(f"{cache_key}:kinds:{digest}", read_kinds)
    else:
        kinds = read_kinds()
    described = []
    for r in rows:
        a, b = orgs.get(r["org_a"]), orgs.get(r["org_b"])
        if a is None or b is None:
            continue  # an organisation the viewer may not see is never named
        pair = (r["org_a"], r["org_b"])
        described.append({**r, "organization_a": a, "organization_b": b, "kinds": dict(kinds.get(pair, {}))})
    return described


def collaborators_of(*, viewer, organization: Organization, filters: AnalyticsFilters = NO_FILTERS) -> QuerySet:
    """One organisation's partners: {partner, count, first_date, last_date}, most frequent first.

    Here the sector filter keeps partners in that sector.
    """
    seen, plain = reads.Viewer.of(viewer), filters.plain()
    if reads.needs_live_pairs(seen, plain):
        return _live_collaborators_of(viewer=viewer, organization=organization, filters=filters)
    me = organization.pk
    rows = reads.pair_rows(seen, plain, _today(), sector_either=False).filter(Q(org_a=me) | Q(org_b=me))
    if plain.sector_id is not None:
        members = reads.in_sector(plain.sector_id)
        rows = rows.filter(Q(org_a=me, org_b__in=members) | Q(org_b=me, org_a__in=members))
    return (
        rows.annotate(partner=Case(When(org_a=me, then=F("org_b_id")), default=F("org_a_id")))
        .values("partner")
        .annotate(count=Sum("activities"), first_date=Min("date"), last_date=Max("date"))
        .order_by("-count", "-last_date", "partner")
    )


def _months(parts: list[QuerySet], *, by_kind: bool) -> dict[str, dict]:
    months: dict[str, dict] = {}
    for part in parts:
        fields = ("month", "kind") if by_kind else ("month",)
        for r in part.annotate(month=TruncMonth("date")).values(*fields).annotate(n=Sum("activities")).order_by():
            entry = months.setdefault(_month(r["month"]), {"month": _month(r["month"]), "count": 0, "by_kind": {}})
            entry["count"] += r["n"]
            if by_kind:
                entry["by_kind"][r["kind"]] = entry["by_kind"].get(r["kind"], 0) + r["n"]
    return {m: months[m] for m in sorted(months)}


def monthly_collaborations_of(
    *, viewer, organization: Organization, filters: AnalyticsFilters = NO_FILTERS
) -> list[dict]:
    """How many collaborative activities the organisation took part in, month by month."""
    key = figure_cache_key("monthly", viewer=viewer, filters=filters, extra=(organization.pk,))
    return cached(key, lambda: _monthly_collaborations_of(viewer=viewer, organization=organization, filters=filters))


def _monthly_collaborations_of(*, viewer, organization: Organization, filters: AnalyticsFilters) -> list[dict]:
    if filters.sector is not None:  # counts whole activities with someone of the sector: live
        return _live_monthly_collaborations_of(viewer=viewer, organization=organization, filters=filters)
    parts = reads.organization_activity_rows(reads.Viewer.of(viewer), organization.pk, filters.plain(), _today())
    return [{"month": m["month"], "count": m["count"]} for m in _months(parts, by_kind=False).values()]


def collaboration_timeline(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> list[dict]:
    """Collaborative activities per month, in total and by kind: [{month, count, by_kind}]."""
    key = figure_cache_key("timeline", viewer=viewer, filters=filters)
    return cached(key, lambda: _collaboration_timeline(viewer=viewer, filters=filters))


def _collaboration_timeline(*, viewer, filters: AnalyticsFilters) -> list[dict]:
    if filters.sector is not None:  # counts whole activities with someone of the sector: live
        return _live_collaboration_timeline(viewer=viewer, filters=filters)
    parts = reads.activity_rows(reads.Viewer.of(viewer), filters.plain(), _today())
    months = list(_months(parts, by_kind=True).values())
    for entry in months:
        entry["by_kind"] = dict(sorted(entry["by_kind"].items()))
    return months


def sector_matrix(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> dict:
    """Collaborations between organisations of each pair of primary sectors (symmetric).

    Cell (A, B) counts collaborations between an organisation whose primary sector is A and one
    whose primary sector is B; the diagonal counts collaborations within a sector.
    """
    key = figure_cache_key("matrix", viewer=viewer, filters=filters)
    return _matrix(cached(key, lambda: _sector_cells(viewer, filters)))


def _sector_cells(viewer, filters: AnalyticsFilters) -> list[dict]:
    seen, plain = reads.Viewer.of(viewer), filters.plain()
    if reads.needs_live_pairs(seen, plain):
        return _live_sector_cells(viewer=viewer, filters=filters)
    return list(
        reads.pair_rows(seen, plain, _today())
        .values(sa=F("org_a__primary_sector_id"), sb=F("org_b__primary_sector_id"))
        .annotate(n=Sum("activities"))
        .order_by()
    )


def _matrix(rows) -> dict:
    cells: dict[tuple[int, int], int] = defaultdict(int)
    for r in rows:
        cells[(r["sa"], r["sb"])] += r["n"]
        if r["sa"] != r["sb"]:
            cells[(r["sb"], r["sa"])] += r["n"]
    sectors = list(Sector.objects.order_by("position", "name"))
    matrix = [[cells.get((row.pk, col.pk), 0) for col in sectors] for row in sectors]
    total = sum(matrix[i][j] for i in range(len(sectors)) for j in range(i, len(sectors)))
    return {"sectors": sectors, "matrix": matrix, "total": total}


def collaboration_graph(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> nx.Graph:
    """The weighted collaboration network: a node per organisation with at least one
    collaboration, an edge per pair weighted by its count."""
    graph = nx.Graph()
    pairs = list(collaboration_pairs(viewer=viewer, filters=filters, ordering="-count"))
    ids = {p["org_a"] for p in pairs} | {p["org_b"] for p in pairs}
    orgs = perms.organizations_visible_to(viewer).filter(pk__in=ids).select_related("primary_sector")
    for org in orgs:
        graph.add_node(
            org.pk,
            slug=org.slug,
            label=org.name,
            sector=org.primary_sector.slug,
            sector_name=org.primary_sector.name,
            colour=org.primary_sector.colour,
        )
    for p in pairs:
        if p["org_a"] in graph and p["org_b"] in graph:
            graph.add_edge(
                p["org_a"],
                p["org_b"],
                weight=p["count"],
                distance=1.0 / p["count"],
                first_date=p["first_date"].isoformat(),
                last_date=p["last_date"].isoformat(),
            )
    return graph


def network_measures(graph: nx.Graph) -> dict:
    """Node and whole-network measures, computed with networkx.

    Betweenness treats frequent collaboration as a short distance (1 / count); eigenvector
    centrality uses the counts as weights.
    """
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    betweenness = nx.betweenness_centrality(graph, weight="distance", normalized=True) if graph else {}
    try:
        eigenvector = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-06) if graph else {}
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eigenvector = {}
    nodes = [
        {
            "id": node,
            "slug": attrs["slug"],
            "name": attrs["label"],
            "sector": attrs["sector"],
            "sector_name": attrs["sector_name"],
            "colour": attrs["colour"],
            "degree": degree[node],
            "weighted_degree": weighted[node],
            "betweenness": round(betweenness.get(node, 0.0), 6),
            "eigenvector": round(eigenvector.get(node, 0.0), 6),
        }
        for node, attrs in graph.nodes(data=True)
    ]
    nodes.sort(key=lambda n: (-n["weighted_degree"], n["name"]))
    edges = [
        {"source": a, "target": b, "weight": attrs["weight"], "last_date": attrs["last_date"]}
        for a, b, attrs in graph.edges(data=True)
    ]
    cross = sum(1 for a, b in graph.edges() if graph.nodes[a]["sector"] != graph.nodes[b]["sector"])
    summary = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "density": round(nx.density(graph), 6) if graph.number_of_nodes() > 1 else 0.0,
        "components": nx.number_connected_components(graph) if graph else 0,
        "average_clustering": round(nx.average_clustering(graph), 6) if graph else 0.0,
        "cross_sector_edge_share": round(cross / graph.number_of_edges(), 6) if graph.number_of_edges() else 0.0,
    }
    return {"nodes": nodes, "edges": edges, "summary": summary}


# Figures over a national network's history (all-time pairs, the sector matrix, a busy
# organisation's partners, network measures) cost up to seconds; they change only when the
# activities, the organisations or the viewer's visibility do. They are kept in the cache
# under a key that changes with any of those, so each is computed once per change.
FIGURE_CACHE_SECONDS = 24 * 60 * 60


def figure_cache_key(name: str, *, viewer, filters: AnalyticsFilters = NO_FILTERS, extra: tuple = ()) -> str:
    """The cache key of one figure for a viewer under `filters`: the same for every viewer who
    sees the same activities, and new after any write that changes the figures (the change
    stamp of the coalition filtered on, or of all), any edit of an organisation (names and
    sectors label the figures) and at midnight (planned activities become collaborations)."""
    plain = filters.plain()
    seen = reads.Viewer.of(viewer)
    organizations = perms.organizations_visible_to(viewer).aggregate(last=Max("updated_at"), n=Count("pk"))
    parts = (
        reads.change_stamp(plain.coalition_id),
        reads.visibility_key(seen, plain.coalition_id),
        organizations["n"],
        organizations["last"].isoformat() if organizations["last"] else "",
        _today().isoformat(),
        plain.coalition_id,
        plain.sector_id,
        ",".join(plain.kinds),
        plain.since.isoformat() if plain.since else "",
        plain.until.isoformat() if plain.until else "",
        *extra,
    )
    return f"analytics:{name}:" + ":".join(str(p) for p in parts)


def network_cache_key(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> str:
    return figure_cache_key("network", viewer=viewer, filters=filters)


def _from_cache(key: str):
    """The cached value, or None when there is none or the cache server does not answer: the
    figures are then computed as if never cached, rather than failing the request."""
    try:
        return cache.get(key)
    except Exception:  # any cache backend's connection error
        logger.warning("The cache did not answer; computing %s without it.", key.split(":", 2)[1], exc_info=True)
        return None


def _to_cache(entries: dict) -> None:
    try:
        cache.set_many(entries, FIGURE_CACHE_SECONDS)
    except Exception:  # any cache backend's connection error
        logger.warning("The cache did not answer; the figures were not kept.", exc_info=True)


def cached(key: str, compute):
    """`compute()`, or the value it gave under `key` since the last change."""
    value = _from_cache(key)
    if value is None:
        value = compute()
        _to_cache({key: value})
    return value


class CachedRows:
    """A countable, sliceable stand-in for a figures queryset (pairs, an organisation's
    partners): the count and each page are read once per change, then from the cache, so a
    paginator or a page showing the first few pays the aggregation once."""

    ordered = True  # for the paginator: the queryset's own order

    def __init__(self, rows: QuerySet, key: str):
        self.rows, self.key = rows, key

    def count(self) -> int:
        return cached(f"{self.key}:count", self.rows.count)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("CachedRows takes slices without a step.")
        start, stop = item.start or 0, item.stop
        return cached(f"{self.key}:{start}:{stop}", lambda: list(self.rows[start:stop]))

    def __iter__(self):
        return iter(cached(f"{self.key}:all", lambda: list(self.rows)))

    def prime(self, start: int, stop: int) -> None:
        """Read the rows [start:stop] and the total count in one query (one aggregation where a
        paginator would run two), when the count is not cached yet. For values() rows."""
        if start < 0 or stop <= start or _from_cache(f"{self.key}:count") is not None:
            return
        page = list(self.rows.annotate(window_total=Window(Count("*")))[start:stop])
        if not page:
            return  # past the end: the paginator counts and answers as usual
        total = page[0]["window_total"]
        for row in page:
            del row["window_total"]
        # A paginator reads the last page as [start:total].
        entries = {f"{self.key}:count": total, f"{self.key}:{start}:{min(stop, total)}": page}
        _to_cache(entries)


def cached_collaboration_pairs(
    *, viewer, filters: AnalyticsFilters = NO_FILTERS, ordering: str = "-count", min_count: int = 1
) -> CachedRows:
    """`collaboration_pairs` for pages: each page and the count read once per change."""
    rows = collaboration_pairs(viewer=viewer, filters=filters, ordering=ordering, min_count=min_count)
    return CachedRows(rows, figure_cache_key("pairs", viewer=viewer, filters=filters, extra=(ordering, min_count)))


def cached_collaborators_of(
    *, viewer, organization: Organization, filters: AnalyticsFilters = NO_FILTERS
) -> CachedRows:
    """`collaborators_of` for pages: the first few, or all, read once per change."""
    rows = collaborators_of(viewer=viewer, organization=organization, filters=filters)
    return CachedRows(rows, figure_cache_key("collaborators", viewer=viewer, filters=filters, extra=(organization.pk,)))


def collaboration_network(*, viewer, filters: AnalyticsFilters = NO_FILTERS) -> dict:
    key = network_cache_key(viewer=viewer, filters=filters)
    return cached(key, lambda: network_measures(collaboration_graph(viewer=viewer, filters=filters)))


def network_file(*, viewer, filters: AnalyticsFilters = NO_FILTERS, fmt: str) -> str:
    """The network as GraphML or GEXF text, for Gephi and Kumu."""
    graph = collaboration_graph(viewer=viewer, filters=filters)
    export = nx.Graph()
    for node, attrs in graph.nodes(data=True):
        export.add_node(attrs["slug"], label=attrs["label"], sector=attrs["sector_name"], degree=graph.degree(node))
    for a, b, attrs in graph.edges(data=True):
        export.add_edge(
            graph.nodes[a]["slug"], graph.nodes[b]["slug"], weight=attrs["weight"], last_date=attrs["last_date"]
        )
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(export))
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(export))
    raise ValueError(f"Unknown network format {fmt!r}; use 'graphml' or 'gexf'.")
