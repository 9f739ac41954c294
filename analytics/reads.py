"""Querysets over the rollup tables for one viewer: which rows they may see, and the filters.

A viewer's visible activities split into *classes* the rollup rows are keyed by (coalition,
visibility) plus the activities their own organisation took part in: the rules are stated with
the other access rules, as partners.permissions.FigureViewer.

On a pair row the last rule is exact when the organisation is one of the pair (every activity
counted there had it), and the "via" rows carry the pairs among the other participants of
participants-only activities. One case the rollup cannot answer: a coalition-wide activity
of a coalition the organisation never belonged to, in which it took part; then
`needs_live_pairs` says so and the analytics count from the live rows instead.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet, Sum

from analytics.filters import FigureFilters
from analytics.models import NO_COALITION, ActivityDay, ChangeStamp, OrgDay, PairDay
from partners.choices import MeetingVisibility
from partners.models import Organization
from partners.permissions import FigureViewer

COALITION = MeetingVisibility.COALITION


def _filtered(rows: QuerySet, filters: FigureFilters, today: datetime.date) -> QuerySet:
    rows = rows.filter(date__lte=today)
    if filters.coalition_id is not None:
        rows = rows.filter(coalition=filters.coalition_id)
    if filters.kinds:
        rows = rows.filter(kind__in=filters.kinds)
    if filters.since:
        rows = rows.filter(date__gte=filters.since)
    if filters.until:
        rows = rows.filter(date__lte=filters.until)
    return rows


def in_sector(sector_id: int) -> QuerySet:
    return Organization.objects.filter(sectors=sector_id).values("pk")


def pair_rows(
    viewer: FigureViewer, filters: FigureFilters, today: datetime.date, *, sector_either: bool = True
) -> QuerySet:
    """Visible PairDay rows under the filters; `sector_either` keeps pairs where either
    organisation belongs to the filter's sector."""
    if viewer.nothing:
        return PairDay.objects.none()
    if viewer.everything:
        visible = Q(via=0)
    else:
        seen_whole = viewer.class_q()
        visible = Q(via=0) & seen_whole
        if viewer.org_id is not None:
            x = viewer.org_id
            visible = Q(via=0) & (seen_whole | Q(org_a=x) | Q(org_b=x)) | Q(via=x) & ~seen_whole
    rows = _filtered(PairDay.objects.filter(visible), filters, today)
    if sector_either and filters.sector_id is not None:
        members = in_sector(filters.sector_id)
        rows = rows.filter(Q(org_a__in=members) | Q(org_b__in=members))
    return rows


def needs_live_pairs(viewer: FigureViewer, filters: FigureFilters) -> bool:
    """True when the viewer's organisation took part in a coalition-wide activity of a
    coalition it never belonged to (and the viewer does not coordinate): the pairs among the
    other participants of such an activity are not in the rollup."""
    if viewer.everything or viewer.nothing or viewer.org_id is None:
        return False
    rows = OrgDay.objects.filter(organization_id=viewer.org_id, visibility=COALITION).exclude(coalition=NO_COALITION)
    if filters.coalition_id is not None:
        rows = rows.filter(coalition=filters.coalition_id)
    return rows.exclude(coalition__in=sorted(viewer.member_of | viewer.coordinated)).exists()


def activity_rows(viewer: FigureViewer, filters: FigureFilters, today: datetime.date) -> list[QuerySet]:
    """Querysets whose `activities` add up to the collaborative activities the viewer sees:
    the visibility classes from ActivityDay, the own organisation's others from OrgDay."""
    if viewer.nothing:
        return []
    if viewer.everything:
        return [_filtered(ActivityDay.objects.all(), filters, today)]
    seen_whole = viewer.class_q()
    parts = [_filtered(ActivityDay.objects.filter(seen_whole), filters, today)]
    if viewer.org_id is not None:
        parts.append(_filtered(OrgDay.objects.filter(~seen_whole, organization_id=viewer.org_id), filters, today))
    return parts


def organization_activity_rows(
    viewer: FigureViewer, organization_id: int, filters: FigureFilters, today: datetime.date
) -> list[QuerySet]:
    """Querysets whose `activities` add up to the collaborative activities of one organisation
    that the viewer sees."""
    if viewer.nothing:
        return []
    own = OrgDay.objects.filter(organization_id=organization_id)
    if viewer.everything:
        return [_filtered(own, filters, today)]
    seen_whole = viewer.class_q()
    parts = [_filtered(own.filter(seen_whole), filters, today)]
    x = viewer.org_id
    if x == organization_id:
        parts.append(_filtered(own.filter(~seen_whole), filters, today))
    elif x is not None:
        a, b = sorted((x, organization_id))
        parts.append(_filtered(PairDay.objects.filter(~seen_whole, via=0, org_a=a, org_b=b), filters, today))
    return parts


def total(parts: list[QuerySet]) -> int:
    return sum(p.aggregate(n=Sum("activities"))["n"] or 0 for p in parts)


def change_stamp(coalition_id: int | None) -> int:
    """A number that changes whenever the collaboration figures of the coalition (or, with
    None, of any coalition) may have changed."""
    stamps = ChangeStamp.objects.all()
    if coalition_id is not None:
        return stamps.filter(coalition=coalition_id).values_list("version", flat=True).first() or 0
    return stamps.aggregate(n=Sum("version"))["n"] or 0


def visibility_key(viewer: FigureViewer, coalition_id: int | None) -> str:
    """A cache key part shared by every viewer who sees the same activities (within one
    coalition, when given)."""
    if viewer.everything:
        return "all"
    if viewer.nothing:
        return "none"
    scope = (lambda ids: ids & {coalition_id}) if coalition_id is not None else (lambda ids: ids)
    coordinated, member_of = scope(viewer.coordinated), scope(viewer.member_of)
    if coalition_id is not None and coordinated:
        return "all"
    own = ""
    if viewer.org_id is not None:
        rows = OrgDay.objects.filter(organization_id=viewer.org_id).exclude(viewer.class_q())
        if coalition_id is not None:
            rows = rows.filter(coalition=coalition_id)
        if rows.exists():
            own = f"o{viewer.org_id}"
    return f"c{','.join(map(str, sorted(coordinated)))}:m{','.join(map(str, sorted(member_of)))}:{own}"
