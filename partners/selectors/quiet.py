"""Quiet partnerships: THE rule for when a partnership has gone quiet, and the joint-activity read
it stands on. The needs-attention list and the coalition report both list quiet partnerships
from here, so they always agree.

- *joint activity* of a partnership: a visible activity, dated on or before the day, linked to
  the partnership or in which two or more of its organisations took part; a coalition-wide
  meeting counts only when no organisation outside the partnership took part in it (sitting in
  the same plenary is not working together);
- *open* on a day: not ended (by its status or its end date) and started (no start date, or a
  start date on or before the day);
- *quiet* on a day: open, not dormant (a partnership put to sleep on purpose is not forgotten),
  and the later of its last joint activity and its start is N or more days back; N is its
  coalition's `quiet_after_days` (DEFAULT_QUIET_AFTER_DAYS when it belongs to no coalition). A
  partnership without a start date counts from the day it was recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from partners import permissions as perms
from partners.choices import MeetingKind, PartnershipStatus
from partners.models import Meeting, Participation, Partnership

DEFAULT_QUIET_AFTER_DAYS = 90

PartnershipOrganization = Partnership.organizations.through


def joint_meetings(viewer, today: datetime.date) -> QuerySet[Meeting]:
    """The outer partnership's joint activities (correlated on its pk), visible to the viewer and
    dated `today` or earlier; see the module docstring."""
    partnership = OuterRef(OuterRef("pk"))
    # Both sides of the pair in one filter() call, so the join is not repeated.
    pairs = Participation.objects.filter(
        organization__partnerships=partnership,
        meeting__participations__organization__partnerships=partnership,
        meeting__participations__organization_id__gt=F("organization_id"),
    )
    partners = PartnershipOrganization.objects.filter(partnership_id=OuterRef(OuterRef(OuterRef("pk"))))
    outsiders = Participation.objects.filter(meeting_id=OuterRef("pk")).exclude(
        organization_id__in=partners.values("organization_id")
    )
    return (
        perms.meetings_visible_to(viewer)
        .filter(date__lte=today)
        .filter(
            Q(partnership=OuterRef("pk"))
            | (Q(pk__in=pairs.values("meeting_id")) & (~Q(kind=MeetingKind.COALITION_MEETING) | ~Exists(outsiders)))
        )
    )


def with_last_joint(
    partnerships: QuerySet[Partnership], *, viewer, today: datetime.date | None = None
) -> QuerySet[Partnership]:
    """Annotate `last_joint`: the date of the latest joint activity on or before `today` (or None)."""
    today = today or timezone.localdate()
    last = joint_meetings(viewer, today).order_by("-date").values("date")[:1]
    return partnerships.annotate(last_joint=Subquery(last))


def is_open(partnership: Partnership, on: datetime.date) -> bool:
    """Started and not ended on the day `on`."""
    p = partnership
    not_ended = p.status != PartnershipStatus.ENDED and (p.end_date is None or p.end_date > on)
    return not_ended and (p.start_date is None or p.start_date <= on)


@dataclass(frozen=True)
class Quiet:
    """How long a partnership has been quiet: `days` since `last_joint` (None: never) or its start."""

    days: int
    last_joint: datetime.date | None
    since_start: bool
    quiet_after: int


def quiet_after_days(partnership: Partnership) -> int:
    coalition = partnership.coalition
    return coalition.quiet_after_days if coalition is not None else DEFAULT_QUIET_AFTER_DAYS


def quietness(partnership: Partnership, *, on: datetime.date) -> Quiet | None:
    """How quiet a partnership annotated by `with_last_joint` is on the day `on`, or None when it
    has not gone quiet."""
    p = partnership
    if p.status == PartnershipStatus.DORMANT or not is_open(p, on):
        return None
    # Counted from the later of the last joint activity and the start: a new partnership is not quiet.
    started = p.start_date or timezone.localtime(p.created_at).date()
    last = p.last_joint
    since = max(last, started) if last else started
    days = (on - since).days
    quiet_after = quiet_after_days(p)
    if days < quiet_after:
        return None
    return Quiet(days=days, last_joint=last, since_start=not (last and last >= started), quiet_after=quiet_after)


def quiet_partnerships(
    partnerships: QuerySet[Partnership], *, viewer, on: datetime.date | None = None
) -> list[tuple[Partnership, Quiet]]:
    """The partnerships among `partnerships` gone quiet on the day `on` (today by default), with
    how quiet, longest first; one query with the list."""
    on = on or timezone.localdate()
    rows = []
    for p in with_last_joint(partnerships, viewer=viewer, today=on):
        quiet = quietness(p, on=on)
        if quiet is not None:
            rows.append((p, quiet))
    rows.sort(key=lambda row: (-row[1].days, row[0].title))
    return rows
