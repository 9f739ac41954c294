"""The figures computed from the activities themselves, for the reads the rollups cannot answer.

The rollup tables answer nearly every read; these functions answer the rest: a sector filter on
activity counts (the timeline, an organisation's months), and a viewer whose organisation took
part in a coalition-wide activity of a coalition it never belonged to (reads.needs_pairs).
They return the same rows as the rollup reads, and the tests hold the two paths equal.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from analytics.filters import NO_FILTERS, PAIR_ORDERINGS, FigureFilters
from analytics.rows import month_label, sector_matrix_of
from partners import permissions as perms
from partners.models import Meeting, Organization, Participation


def _meetings(viewer, filters: FigureFilters) -> QuerySet[Meeting]:
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


def _pair_rows(viewer, filters: FigureFilters, extra: Q | None = None) -> QuerySet:
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


def collaboration_pairs(
    *, viewer, filters: FigureFilters = NO_FILTERS, ordering: str = "-count", min_count: int = 1
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


def describe_pairs(rows: list[dict], *, viewer, filters: FigureFilters = NO_FILTERS) -> list[dict]:
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


def collaborators_of(*, viewer, organization: Organization, filters: FigureFilters = NO_FILTERS) -> QuerySet:
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


def _collaborative_meetings(viewer, filters: FigureFilters) -> QuerySet[Meeting]:
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


def monthly_collaborations_of(*, viewer, organization: Organization, filters: FigureFilters = NO_FILTERS) -> list[dict]:
    """How many collaborative activities the organisation took part in, month by month."""
    meetings = _collaborative_meetings(viewer, filters).filter(
        pk__in=Participation.objects.filter(organization=organization).values("meeting_id")
    )
    rows = meetings.annotate(month=TruncMonth("date")).values("month").annotate(count=Count("id")).order_by("month")
    return [{"month": month_label(r["month"]), "count": r["count"]} for r in rows]


def collaboration_timeline(*, viewer, filters: FigureFilters = NO_FILTERS) -> list[dict]:
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
        entry = months.setdefault(
            month_label(r["month"]), {"month": month_label(r["month"]), "count": 0, "by_kind": {}}
        )
        entry["count"] += r["count"]
        entry["by_kind"][r["kind"]] = r["count"]
    return list(months.values())


def sector_matrix(*, viewer, filters: FigureFilters = NO_FILTERS) -> dict:
    """Collaborations between organisations of each pair of primary sectors (symmetric).

    Cell (A, B) counts collaborations between an organisation whose primary sector is A and one
    whose primary sector is B; the diagonal counts collaborations within a sector.
    """
    return sector_matrix_of(sector_cells(viewer=viewer, filters=filters))


def sector_cells(*, viewer, filters: FigureFilters = NO_FILTERS) -> list[dict]:
    return list(
        _pair_rows(viewer, filters)
        .values(
            sa=F("organization__primary_sector_id"), sb=F("meeting__participations__organization__primary_sector_id")
        )
        .annotate(n=Count("id"))
        .order_by()
    )
