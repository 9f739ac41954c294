"""What changed in a coalition, for its coordinator's dashboard: activities this quarter against
the same days of the last, partnerships by status, members not seen for 90 days, and the
cross-sector share of collaborations quarter by quarter. Built from the same figure functions
as the coalition page (the timeline and the sector matrix), so the numbers agree with it."""

from __future__ import annotations

import datetime
from typing import TypedDict

from django.db.models import Count

from analytics.cache import today
from analytics.filters import FigureFilters
from analytics.timeline import collaboration_timeline, sector_matrix
from partners.models import Coalition, Membership, Participation, Partnership
from partners.models.activities import meeting_held_q
from partners.models.coalitions import membership_current_q
from partners.selectors.directory import meeting_list, partnership_list

NOT_SEEN_DAYS = 90
TREND_MONTHS = 12
TREND_QUARTERS = 4


class QuarterShare(TypedDict):
    quarter: str  # e.g. "2026 Q3"
    share: float | None  # cross-sector collaborations / all collaborations; None without any
    collaborations: int


class CoalitionTrends(TypedDict):
    coalition: Coalition
    quarter_start: datetime.date
    this_quarter: int  # collaborative activities from the quarter's first day to today
    last_quarter_same_days: int  # the same number of days from the last quarter's first day
    months: list[dict]  # [{month: "YYYY-MM", count}] for the last twelve months, oldest first
    partnerships_by_status: list[dict]  # [{status, label, count}]
    members: int
    members_not_seen: int  # current members with no activity held in the coalition for 90 days
    cross_sector: list[QuarterShare]  # oldest first


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _previous_quarter_start(start: datetime.date) -> datetime.date:
    return quarter_start(start - datetime.timedelta(days=1))


def _months_back(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _count(viewer, coalition: Coalition, since: datetime.date, until: datetime.date) -> int:
    filters = FigureFilters(coalition=coalition, since=since, until=until)
    return sum(m["count"] for m in collaboration_timeline(viewer=viewer, filters=filters))


def _cross_sector_share(viewer, coalition: Coalition, since: datetime.date, until: datetime.date) -> tuple:
    matrix = sector_matrix(viewer=viewer, filters=FigureFilters(coalition=coalition, since=since, until=until))
    cells = matrix["matrix"]
    within = sum(cells[i][i] for i in range(len(cells)))
    across = sum(cells[i][j] for i in range(len(cells)) for j in range(i + 1, len(cells)))
    total = within + across
    return (across / total if total else None), total


def coalition_trends(*, viewer, coalition: Coalition, on: datetime.date | None = None) -> CoalitionTrends:
    """The dashboard's "what changed" figures of one coalition, as `viewer` may see them."""
    day = on or today()
    start = quarter_start(day)
    previous = _previous_quarter_start(start)
    elapsed = (day - start).days
    same_day_last_quarter = min(previous + datetime.timedelta(days=elapsed), start - datetime.timedelta(days=1))

    first_month = _months_back(day, TREND_MONTHS - 1)
    timeline = collaboration_timeline(
        viewer=viewer, filters=FigureFilters(coalition=coalition, since=first_month, until=day)
    )
    counts = {m["month"]: m["count"] for m in timeline}
    months = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        month = _months_back(day, back)
        label = month.strftime("%Y-%m")
        months.append({"month": label, "count": counts.get(label, 0)})

    statuses = (
        partnership_list(viewer=viewer)
        .filter(coalition=coalition)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    )
    labels = dict(Partnership._meta.get_field("status").choices)
    by_status = [
        {"status": r["status"], "label": str(labels.get(r["status"], r["status"])), "count": r["count"]}
        for r in statuses
    ]
    by_status.sort(key=lambda r: list(labels).index(r["status"]) if r["status"] in labels else 99)

    member_ids = set(
        Membership.objects.filter(membership_current_q(), coalition=coalition).values_list("organization_id", flat=True)
    )
    recent = meeting_list(viewer=viewer).filter(
        meeting_held_q(), coalition=coalition, date__gt=day - datetime.timedelta(days=NOT_SEEN_DAYS), date__lte=day
    )
    seen = set(
        Participation.objects.filter(meeting__in=recent, organization_id__in=member_ids).values_list(
            "organization_id", flat=True
        )
    )

    quarters: list[QuarterShare] = []
    q_start = start
    for _ in range(TREND_QUARTERS):
        q_end = min(day, _months_back(q_start, -3) - datetime.timedelta(days=1))
        share, total = _cross_sector_share(viewer, coalition, q_start, q_end)
        quarters.append(
            {"quarter": f"{q_start.year} Q{(q_start.month - 1) // 3 + 1}", "share": share, "collaborations": total}
        )
        q_start = _previous_quarter_start(q_start)
    quarters.reverse()

    return {
        "coalition": coalition,
        "quarter_start": start,
        "this_quarter": _count(viewer, coalition, start, day),
        "last_quarter_same_days": _count(viewer, coalition, previous, same_day_last_quarter),
        "months": months,
        "partnerships_by_status": by_status,
        "members": len(member_ids),
        "members_not_seen": len(member_ids - seen),
        "cross_sector": quarters,
    }
