"""One partnership's health, and the batch reads the attention list shares with it.

Definitions, shown on the pages:
- *joint activity* of a partnership: as partners.selectors.quiet defines it (a visible activity,
  dated today or earlier, linked to the partnership or in which two or more of its organisations
  took part; a coalition-wide meeting counts only when no organisation outside the partnership
  took part in it);
- a check-in's *score* is the mean of its six items (1–4); a quarter's score is the mean of
  its partner organisations' scores.

Thresholds (plain numbers, so a coordinator can check them by hand):
- *falling*: the latest rated quarter's score is at least FALL_THRESHOLD points below the
  quarter rated before it;
- *partners disagree*: in the latest rated quarter, two partner organisations' scores differ by
  DISAGREE_THRESHOLD points or more;
- *rated highly but inactive*: latest score HIGH_SCORE or more, and no joint activity in the
  last 12 months (partners.figures.last_12_months, as everywhere);
- *busy but rated low*: latest score LOW_SCORE or less, with BUSY_ACTIVITIES or more joint
  activities in the last 12 months.
Only check-ins from the last STALE_AFTER_DAYS days raise a flag: an old rating says little now.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from health import permissions as hperms
from health.models import CheckIn, RepairLogEntry
from partners.figures import last_12_months
from partners.models import Partnership, StatusChange
from partners.selectors.quiet import joint_meetings, with_last_joint

FALL_THRESHOLD = 0.5
DISAGREE_THRESHOLD = 1.0
HIGH_SCORE = 3.0
LOW_SCORE = 2.0
BUSY_ACTIVITIES = 6
INACTIVE_DAYS = 365
STALE_AFTER_DAYS = 365

SCORE_EXPRESSION = (
    F("reliability") + F("openness") + F("shared_mission") + F("resources") + F("involvement") + F("influence")
)


def quarter_label(period: datetime.date) -> str:
    return f"{period.year} Q{(period.month - 1) // 3 + 1}"


class _CountDistinct(Func):
    function = "COUNT"
    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def with_joint_activity(
    partnerships: QuerySet[Partnership], *, viewer, today: datetime.date | None = None
) -> QuerySet[Partnership]:
    """Annotate `last_joint` (a date or None) and `joint_last_year` (joint activities in the last
    12 months, partners.figures.last_12_months), counted from what the viewer may see; one query with the list."""
    today = today or timezone.localdate()
    year_ago = last_12_months(today).since
    year = joint_meetings(viewer, today).filter(date__gte=year_ago).order_by().annotate(n=_CountDistinct("pk"))
    return with_last_joint(partnerships, viewer=viewer, today=today).annotate(
        joint_last_year=Coalesce(Subquery(year.values("n")), Value(0))
    )


# --- check-ins ----------------------------------------------------------------------------------


@dataclass
class CheckinHealth:
    """A partnership's check-in trend (oldest quarter first) and the flags it raises."""

    quarters: list[dict] = field(default_factory=list)
    falling: bool = False
    disagree: bool = False
    high_but_inactive: bool = False
    low_but_busy: bool = False

    @property
    def latest(self) -> dict | None:
        return self.quarters[-1] if self.quarters else None

    @property
    def previous(self) -> dict | None:
        return self.quarters[-2] if len(self.quarters) > 1 else None

    @property
    def flagged(self) -> bool:
        return self.falling or self.disagree or self.high_but_inactive or self.low_but_busy


def _mean(expression, n: int) -> Cast:
    # Cast before dividing: integer division would truncate, and PostgreSQL returns numeric.
    return Cast(expression, FloatField()) / Value(float(n))


def checkin_quarters(*, viewer, partnership_ids: Iterable[int]) -> dict[int, list[dict]]:
    """Per partnership, one row per rated quarter (oldest first), aggregated in the database:
    {period, organizations, trust, value, score, lowest, highest}; rows the viewer may not see
    (outsiders) are never read."""
    overall = _mean(SCORE_EXPRESSION, 6)
    rows = (
        hperms.checkins_visible_to(viewer)
        .filter(partnership_id__in=list(partnership_ids))
        .values("partnership_id", "period")
        .annotate(
            organizations=Count("organization_id", distinct=True),
            trust=Avg(_mean(F("reliability") + F("openness") + F("shared_mission"), 3)),
            value=Avg(_mean(F("resources") + F("involvement") + F("influence"), 3)),
            score=Avg(overall),
            lowest=Min(overall),
            highest=Max(overall),
        )
        .order_by("partnership_id", "period")
    )
    quarters: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        pid = row.pop("partnership_id")
        for key in ("trust", "value", "score", "lowest", "highest"):
            row[key] = round(float(row[key]), 2)
        row["spread"] = round(row["highest"] - row["lowest"], 2)
        row["label"] = quarter_label(row["period"])
        quarters[pid].append(row)
    return quarters


def checkin_health(
    quarters: list[dict], *, last_joint: datetime.date | None, joint_last_year: int, today: datetime.date
) -> CheckinHealth:
    """The flags for one partnership; see the module docstring for the thresholds."""
    health = CheckinHealth(quarters=quarters)
    latest = health.latest
    if latest is None or latest["period"] < today - datetime.timedelta(days=STALE_AFTER_DAYS):
        return health
    previous = health.previous
    # Scores are rounded to two decimals first, so a fall of exactly 0.5 counts as 0.5.
    health.falling = previous is not None and round(previous["score"] - latest["score"], 2) >= FALL_THRESHOLD
    health.disagree = latest["organizations"] >= 2 and latest["spread"] >= DISAGREE_THRESHOLD
    inactive = last_joint is None or last_joint < last_12_months(today).since
    health.high_but_inactive = latest["score"] >= HIGH_SCORE and inactive
    health.low_but_busy = latest["score"] <= LOW_SCORE and joint_last_year >= BUSY_ACTIVITIES
    return health


# --- one partnership's page -----------------------------------------------------------------------


def status_timeline(*, viewer, partnership: Partnership) -> list[StatusChange]:
    """The partnership's status changes, newest first (visible to whoever sees the partnership).

    The reasons are for its insiders only, as the repair log is: they often say what went wrong
    between the partners. Anyone else gets the changes with the reason left blank.
    """
    changes = list(partnership.status_changes.select_related("changed_by").order_by("-changed_at", "-id"))
    if not hperms.is_insider(viewer, partnership):
        for change in changes:
            change.reason = ""
    return changes


def repair_log(*, viewer, partnership: Partnership) -> QuerySet[RepairLogEntry]:
    """The partnership's tension and repair log; empty for anyone but its insiders."""
    return (
        hperms.repair_entries_visible_to(viewer)
        .filter(partnership=partnership)
        .select_related("logged_by")
        .order_by("-raised_on", "-id")
    )


def checkin_rows(*, viewer, partnership: Partnership, quarters: int = 4) -> QuerySet[CheckIn]:
    """The individual check-ins of the last `quarters` rated quarters, for insiders only."""
    periods = list(
        hperms.checkins_visible_to(viewer)
        .filter(partnership=partnership)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()[:quarters]
    )
    return (
        hperms.checkins_visible_to(viewer)
        .filter(partnership=partnership, period__in=periods)
        .select_related("organization", "submitted_by")
        .order_by("-period", "organization__name")
    )


def partnership_health(*, viewer, partnership: Partnership, today: datetime.date | None = None) -> dict:
    """Everything the health page shows about one visible partnership."""
    today = today or timezone.localdate()
    insider = hperms.is_insider(viewer, partnership)
    annotated = with_joint_activity(Partnership.objects.filter(pk=partnership.pk), viewer=viewer, today=today)
    activity = annotated.values("last_joint", "joint_last_year").first() or {}
    last = activity.get("last_joint")
    year_count = activity.get("joint_last_year") or 0
    checkins = None
    if insider:
        quarters = checkin_quarters(viewer=viewer, partnership_ids=[partnership.pk]).get(partnership.pk, [])
        checkins = checkin_health(quarters, last_joint=last, joint_last_year=year_count, today=today)
    return {
        "partnership": partnership,
        "insider": insider,
        "timeline": status_timeline(viewer=viewer, partnership=partnership),
        "last_joint": last,
        "days_since_joint": (today - last).days if last else None,
        "joint_last_year": year_count,
        "checkins": checkins,
        "checkin_rows": list(checkin_rows(viewer=viewer, partnership=partnership)) if insider else [],
        "repair_log": list(repair_log(viewer=viewer, partnership=partnership)) if insider else [],
        "rating_organization_id": hperms.rating_organization_id(viewer, partnership),
        "can_change_status": hperms.can_change_status(viewer, partnership),
        "thresholds": THRESHOLDS,
    }


THRESHOLDS = {
    "fall": FALL_THRESHOLD,
    "disagree": DISAGREE_THRESHOLD,
    "high": HIGH_SCORE,
    "low": LOW_SCORE,
    "busy": BUSY_ACTIVITIES,
    "inactive_days": INACTIVE_DAYS,
}
