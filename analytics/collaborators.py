"""One organisation's figures: its collaborators (partners) and its collaborative activities per month."""

from __future__ import annotations

from django.db.models import Case, F, Max, Min, Q, QuerySet, Sum, When
from django.db.models.functions import TruncMonth

from analytics import live, reads
from analytics.cache import cached, figure_cache_key, today
from analytics.filters import NO_FILTERS, FigureFilters
from analytics.pairs import pair_kinds
from analytics.rows import Collaborator, MonthCount, month_label
from partners import permissions as perms
from partners.models import Organization


def collaborators_of(*, viewer, organization: Organization, filters: FigureFilters = NO_FILTERS) -> QuerySet:
    """One organisation's partners as a lazy values() queryset of {partner, count, first_date,
    last_date}, most frequent first. Here the sector filter keeps partners in that sector."""
    seen = perms.FigureViewer.of(viewer)
    if reads.needs_live_pairs(seen, filters):
        return live.collaborators_of(viewer=viewer, organization=organization, filters=filters)
    me = organization.pk
    rows = reads.pair_rows(seen, filters, today(), sector_either=False).filter(Q(org_a=me) | Q(org_b=me))
    if filters.sector_id is not None:
        members = reads.in_sector(filters.sector_id)
        rows = rows.filter(Q(org_a=me, org_b__in=members) | Q(org_b=me, org_a__in=members))
    return (
        rows.annotate(partner=Case(When(org_a=me, then=F("org_b_id")), default=F("org_a_id")))
        .values("partner")
        .annotate(count=Sum("activities"), first_date=Min("date"), last_date=Max("date"))
        .order_by("-count", "-last_date", "partner")
    )


def organization_collaborators(
    *,
    viewer,
    organization: Organization,
    filters: FigureFilters = NO_FILTERS,
    limit: int | None = None,
    with_kinds: bool = False,
) -> list[Collaborator]:
    """The organisation's partners the viewer may see (the first `limit`, or all), each with
    the partner organisation and, `with_kinds`, the kinds of their joint activities.

    The rows are read once per change of the figures, then from the cache."""
    rows = collaborators_of(viewer=viewer, organization=organization, filters=filters)
    key = figure_cache_key("collaborators", viewer=viewer, filters=filters, extra=(organization.pk,))
    if limit is None:
        partners = cached(f"{key}:all", lambda: list(rows))
    else:
        partners = cached(f"{key}:0:{limit}", lambda: list(rows[:limit]))
    ids = [r["partner"] for r in partners]
    orgs = {o.pk: o for o in perms.organizations_visible_to(viewer).filter(pk__in=ids).select_related("primary_sector")}
    collaborators: list[Collaborator] = [
        {**r, "organization": orgs[r["partner"]]} for r in partners if r["partner"] in orgs
    ]
    if not with_kinds:
        return collaborators
    me = organization.pk
    for c in collaborators:
        c["org_a"], c["org_b"] = min(me, c["partner"]), max(me, c["partner"])
    wanted = [(c["org_a"], c["org_b"]) for c in collaborators]
    seen = perms.FigureViewer.of(viewer)
    if reads.needs_live_pairs(seen, filters):
        pairs = live.describe_pairs([{"org_a": a, "org_b": b} for a, b in wanted], viewer=viewer, filters=filters)
        kinds = {(p["org_a"], p["org_b"]): p["kinds"] for p in pairs}
    else:
        kinds = pair_kinds(wanted, seen=seen, filters=filters)
    for c in collaborators:
        c["kinds"] = dict(kinds.get((c["org_a"], c["org_b"]), {}))
    return collaborators


def monthly_collaborations_of(
    *, viewer, organization: Organization, filters: FigureFilters = NO_FILTERS
) -> list[MonthCount]:
    """How many collaborative activities the organisation took part in, month by month."""
    key = figure_cache_key("monthly", viewer=viewer, filters=filters, extra=(organization.pk,))
    return cached(key, lambda: _monthly_collaborations_of(viewer=viewer, organization=organization, filters=filters))


def _monthly_collaborations_of(*, viewer, organization: Organization, filters: FigureFilters) -> list[MonthCount]:
    if filters.sector is not None:  # counts whole activities with someone of the sector: live
        return live.monthly_collaborations_of(viewer=viewer, organization=organization, filters=filters)
    parts = reads.organization_activity_rows(perms.FigureViewer.of(viewer), organization.pk, filters, today())
    return [{"month": m["month"], "count": m["count"]} for m in months_of(parts, by_kind=False).values()]


def months_of(parts: list[QuerySet], *, by_kind: bool) -> dict[str, dict]:
    """Rollup rows summed by month (and kind), in month order."""
    months: dict[str, dict] = {}
    for part in parts:
        fields = ("month", "kind") if by_kind else ("month",)
        for r in part.annotate(month=TruncMonth("date")).values(*fields).annotate(n=Sum("activities")).order_by():
            label = month_label(r["month"])
            entry = months.setdefault(label, {"month": label, "count": 0, "by_kind": {}})
            entry["count"] += r["n"]
            if by_kind:
                entry["by_kind"][r["kind"]] = entry["by_kind"].get(r["kind"], 0) + r["n"]
    return {m: months[m] for m in sorted(months)}
