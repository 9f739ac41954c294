"""Reads for the coalition report: every figure for one coalition over one period, for one viewer.

Everything starts from partners.permissions, partners.selectors.directory and
analytics.figures, so the report holds only what the viewer may see: a
participants-only activity the viewer may not open is neither listed nor counted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from analytics import figures
from health.selectors.equity import coalition_equity
from partners import permissions as perms
from partners.choices import MeetingKind, MembershipRole, ParticipationRole, PartnershipStatus
from partners.figures import Period, last_12_months, percentage, trim_matrix
from partners.models import Coalition, Sector
from partners.models.activities import meeting_held_q
from partners.selectors import directory
from partners.selectors.quiet import is_open, quiet_partnerships

TOP_PAIRS = 10
RENEWAL_LOOKAHEAD_DAYS = 90


@dataclass
class CoalitionReport:
    """Every section of the report; the templates only lay it out."""

    coalition: Coalition
    period: Period
    generated_at: datetime.datetime
    viewer_is_admin: bool
    headline: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)
    joiners: list = field(default_factory=list)
    leavers: list = field(default_factory=list)
    activity: dict = field(default_factory=dict)
    participation: dict = field(default_factory=dict)
    pairs: list = field(default_factory=list)
    matrix: dict = field(default_factory=dict)
    graph: object = None
    network: dict = field(default_factory=dict)
    partnerships: dict = field(default_factory=dict)
    equity: dict | None = None
    scope: figures.Scope | None = None


def default_period(today: datetime.date | None = None) -> Period:
    """The last twelve months up to today, as every figure counts them (partners.figures)."""
    return last_12_months(today or timezone.localdate())


def coalition_report(*, viewer, coalition: Coalition, period: Period) -> CoalitionReport:
    """Build the whole report for `viewer` (who must be allowed to see `coalition`)."""
    filters = figures.FigureFilters(coalition=coalition, since=period.since, until=period.until)
    scope = figures.figure_scope(viewer, filters)
    report = CoalitionReport(
        coalition=coalition,
        period=period,
        generated_at=scope.made_at,
        viewer_is_admin=perms.is_admin(viewer),
        scope=scope,
    )
    sectors = {s.pk: s for s in Sector.objects.order_by("position", "name")}
    report.members = _members(viewer, coalition, period, sectors)
    report.joiners, report.leavers = _joiners_and_leavers(viewer, coalition, period)
    report.activity = _activity(viewer, coalition, period)
    report.participation = _participation(viewer, coalition, period, sectors, report.members)
    rows = list(figures.collaboration_pairs(viewer=viewer, filters=filters, ordering="-count")[:TOP_PAIRS])
    report.pairs = figures.describe_pairs(rows, viewer=viewer, filters=filters)
    report.matrix = _trimmed_matrix(figures.sector_matrix(viewer=viewer, filters=filters))
    report.graph = figures.collaboration_graph(viewer=viewer, filters=filters)
    short_names = perms.organizations_visible_to(viewer).filter(pk__in=list(report.graph.nodes))
    for pk, acronym in short_names.exclude(acronym="").values_list("pk", "acronym"):
        report.graph.nodes[pk]["short"] = acronym
    report.network = figures.network_measures(report.graph)["summary"]
    report.partnerships = _partnerships(viewer, coalition, period)
    report.equity = _equity(viewer, coalition, period)
    report.headline = {
        "members": report.members["total"],
        "member_sectors": len(report.members["rows"]),
        "joined": len(report.joiners),
        "left": len(report.leavers),
        "activities": report.activity["total"],
        "planned": report.activity["planned"],
        "organisations_taking_part": report.participation["organisations"],
        "collaborating_pairs": report.network["edges"],
        "partnerships_active": report.partnerships["active_count"],
    }
    return report


# --- members --------------------------------------------------------------------------------


def _members(viewer, coalition: Coalition, period: Period, sectors: dict[int, Sector]) -> dict:
    """Member organisations on the last day of the period, by primary sector and role."""
    current = directory.membership_list(viewer=viewer).filter(coalition=coalition).current(period.until)
    counts = (
        current.values("organization__primary_sector_id", "role")
        .annotate(n=Count("organization_id", distinct=True))
        .order_by()
    )
    roles = list(MembershipRole)
    table: dict[int, dict[str, int]] = {}
    for row in counts:
        table.setdefault(row["organization__primary_sector_id"], {})[row["role"]] = row["n"]
    rows = []
    for sector_id, sector in sectors.items():
        if sector_id in table:
            cells = [table[sector_id].get(role.value, 0) for role in roles]
            rows.append({"sector": sector, "cells": cells, "total": sum(cells)})
    column_totals = [sum(r["cells"][i] for r in rows) for i in range(len(roles))]
    total = current.values("organization_id").distinct().count()
    return {"roles": [r.label for r in roles], "rows": rows, "column_totals": column_totals, "total": total}


def _joiners_and_leavers(viewer, coalition: Coalition, period: Period) -> tuple[list, list]:
    memberships = directory.membership_list(viewer=viewer).filter(coalition=coalition)
    joiners = list(
        memberships.filter(start_date__gte=period.since, start_date__lte=period.until).order_by(
            "start_date", "organization__name"
        )
    )
    leavers = list(
        memberships.filter(end_date__gte=period.since, end_date__lte=period.until).order_by(
            "end_date", "organization__name"
        )
    )
    return joiners, leavers


# --- activity -------------------------------------------------------------------------------


def _held(viewer, coalition: Coalition, period: Period):
    """The coalition's visible activities in the period that have taken place."""
    last_day = min(period.until, timezone.localdate())
    return (
        perms.meetings_visible_to(viewer)
        .filter(coalition=coalition, date__gte=period.since, date__lte=last_day)
        .filter(meeting_held_q())  # not cancelled, and attendance recorded if it was planned
    )


def _activity(viewer, coalition: Coalition, period: Period) -> dict:
    """Activities held per month and kind, with zero months kept so gaps show."""
    rows = (
        _held(viewer, coalition, period)
        .annotate(month=TruncMonth("date"))
        .values("month", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    cells: dict[tuple[str, str], int] = {}
    for row in rows:
        month = row["month"]
        key = month.strftime("%Y-%m") if month else ""
        cells[(key, row["kind"])] = cells.get((key, row["kind"]), 0) + row["n"]
    kinds = [k for k in MeetingKind if any(kind == k.value for _m, kind in cells)]
    months = []
    for month in period.months():
        key = month.strftime("%Y-%m")
        counts = [cells.get((key, k.value), 0) for k in kinds]
        months.append({"month": month, "key": key, "counts": counts, "total": sum(counts)})
    kind_totals = [sum(m["counts"][i] for m in months) for i in range(len(kinds))]
    planned = (
        perms.meetings_visible_to(viewer)
        .filter(coalition=coalition, date__gt=timezone.localdate(), date__gte=period.since, date__lte=period.until)
        .filter(cancelled_at__isnull=True)
        .count()
    )
    return {
        "kinds": [{"value": k.value, "label": k.label} for k in kinds],
        "months": months,
        "kind_totals": kind_totals,
        "total": sum(kind_totals),
        "planned": planned,
    }


def _participation(viewer, coalition: Coalition, period: Period, sectors: dict[int, Sector], members: dict) -> dict:
    """Attendances and hostings per primary sector, in the activities held in the period."""
    last_day = min(period.until, timezone.localdate())
    participations = perms.participations_visible_to(viewer).filter(
        meeting__coalition=coalition, meeting__date__gte=period.since, meeting__date__lte=last_day
    )
    rows = (
        participations.values("organization__primary_sector_id")
        .annotate(
            attendances=Count("id"),
            organisations=Count("organization_id", distinct=True),
            hosted=Count("id", filter=Q(role=ParticipationRole.HOST)),
        )
        .order_by()
    )
    by_sector = {r["organization__primary_sector_id"]: r for r in rows}
    member_counts = {r["sector"].pk: r["total"] for r in members["rows"]}
    total_attendances = sum(r["attendances"] for r in by_sector.values())
    total_hosted = sum(r["hosted"] for r in by_sector.values())
    table = []
    for sector_id, sector in sectors.items():
        if sector_id not in by_sector and sector_id not in member_counts:
            continue
        r = by_sector.get(sector_id, {"attendances": 0, "organisations": 0, "hosted": 0})
        table.append(
            {
                "sector": sector,
                "members": member_counts.get(sector_id, 0),
                "organisations": r["organisations"],
                "attendances": r["attendances"],
                "hosted": r["hosted"],
                "attendance_share": percentage(r["attendances"], total_attendances),
                "hosting_share": percentage(r["hosted"], total_hosted),
            }
        )
    table.sort(key=lambda r: (-r["attendances"], r["sector"].position, r["sector"].name))
    return {
        "rows": table,
        "attendances": total_attendances,
        "hosted": total_hosted,
        "organisations": participations.values("organization_id").distinct().count(),
    }


def _trimmed_matrix(matrix: dict) -> dict:
    """Keep the sectors that collaborated at all, so the table fits a page."""
    trimmed = trim_matrix(matrix["sectors"], matrix["matrix"])
    return {
        "sectors": trimmed.sectors,
        "rows": [{"sector": s, "cells": cells} for s, cells in zip(trimmed.sectors, trimmed.cells, strict=True)],
        "total": matrix["total"],
        "max": trimmed.largest,
    }


# --- partnerships ---------------------------------------------------------------------------


def _partnerships(viewer, coalition: Coalition, period: Period) -> dict:
    """Partnerships of the coalition started, ended, gone quiet or due for renewal.

    *Gone quiet* on the end of the period (or today, for a period that runs on), by the one rule
    of partners.selectors.quiet that the needs-attention list follows too.
    """
    reference = min(period.until, timezone.localdate())
    in_coalition = directory.partnership_list(viewer=viewer).filter(coalition=coalition)
    partnerships = list(in_coalition)
    started = [p for p in partnerships if p.start_date and period.since <= p.start_date <= period.until]
    ended = [p for p in partnerships if p.end_date and period.since <= p.end_date <= period.until]
    started.sort(key=lambda p: (p.start_date, p.title))
    ended.sort(key=lambda p: (p.end_date, p.title))

    open_ones = [p for p in partnerships if is_open(p, reference)]
    quiet = [
        {"partnership": p, "last_activity": q.last_joint, "days": q.days}
        for p, q in quiet_partnerships(in_coalition, viewer=viewer, on=reference)
    ]
    horizon = period.until + datetime.timedelta(days=RENEWAL_LOOKAHEAD_DAYS)
    renewals = [
        {"partnership": p, "overdue": p.renewal_date < timezone.localdate()}
        for p in partnerships
        if p.renewal_date
        and p.status != PartnershipStatus.ENDED
        and (p.end_date is None or p.end_date >= p.renewal_date)
        and period.since <= p.renewal_date <= horizon
    ]
    renewals.sort(key=lambda r: (r["partnership"].renewal_date, r["partnership"].title))
    return {
        "started": started,
        "ended": ended,
        "quiet": quiet,
        "renewals": renewals,
        "active_count": len(open_ones),
        "quiet_after_days": coalition.quiet_after_days,
        "renewal_horizon": horizon,
        "reference": reference,
    }


# --- equity ---------------------------------------------------------------------------------


def _equity(viewer, coalition: Coalition, period: Period) -> dict:
    """Equity figures (who belongs, leads, hosts and takes part), from the health app's selector.

    Its own counting rules apply (for example, members are those of any day in the period) and
    are explained beside each figure; small groups are already suppressed there.
    """
    return coalition_equity(viewer=viewer, coalition=coalition, since=period.since, until=period.until)
